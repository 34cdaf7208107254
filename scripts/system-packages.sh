#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Casebook needs, only those missing.
#   scripts/system-packages.sh run    what `make run` needs
#   scripts/system-packages.sh test   that, plus the components the tests start
set -euo pipefail

run_packages=(
  python3-venv            # the virtual environment
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   # WeasyPrint
  libmagic1               # python-magic
  fonts-noto-core fonts-hosny-amiri fonts-dejavu-core    # Arabic and Latin fonts for documents
  gettext                 # translations
  poppler-utils           # pdftoppm: previews of the first page of PDF evidence; pdftotext for tests
)
test_packages=(
  chromium                # the browser tests
  postgresql              # initdb and pg_ctl for a throwaway cluster
  redis-server            # a throwaway broker
  nginx                   # the production smoke test
)

packages=("${run_packages[@]}")
[ "${1:-run}" = "test" ] && packages+=("${test_packages[@]}")

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian or Ubuntu system: install the equivalents of ${packages[*]} by hand." >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
# Debian starts the services it installs; the tests start their own instances.
