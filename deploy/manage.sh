#!/bin/sh
# manage.py as the service user, with the production environment file:
#   /opt/casebook/deploy/manage.sh migrate --noinput
#   /opt/casebook/deploy/manage.sh restore /var/backups/casebook/20260101T023000Z
# The file is read as systemd reads it (KEY=value, the rest of the line is the
# value), which a shell's "." would not do for values with spaces.
set -eu
env_file="${CASEBOOK_ENV_FILE:-/etc/casebook/casebook.env}"
service_user="${CASEBOOK_USER:-casebook}"
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$(id -un)" != "$service_user" ]; then
  exec runuser -u "$service_user" -- env CASEBOOK_ENV_FILE="$env_file" CASEBOOK_USER="$service_user" "$0" "$@"
fi
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  export "$line"
done < "$env_file"
cd "$root"
exec "$root/.venv/bin/python" manage.py "$@"
