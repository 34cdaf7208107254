#!/bin/sh
# Writes the nginx site of Casebook from its template and the variables of an
# environment file:   deploy/nginx/render.sh /etc/casebook/casebook.env > /etc/nginx/sites-available/casebook
# Only the template's own ${NAME} placeholders are replaced; nginx's $variables stay.
set -eu
env_file="${1:?usage: render.sh ENV_FILE}"
template="$(dirname "$0")/casebook.conf.template"
# Read as systemd and compose do: KEY=value, the rest of the line is the value.
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  export "$line"
done < "$env_file"
names=$(grep -o '\${[A-Z_]*}' "$template" | sort -u | tr '\n' ' ')
for name in $names; do
  variable=$(printf '%s' "$name" | tr -d '${}')
  eval "value=\${$variable:-}"
  [ -n "$value" ] || { echo "render.sh: $variable is not set in $env_file" >&2; exit 1; }
done
envsubst "$names" < "$template"
