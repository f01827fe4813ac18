#!/usr/bin/env bash
# Installs the Debian packages listed in tools/debian-packages.txt that are missing.
# As root it runs apt-get; otherwise it prints the command to run and fails if anything is
# missing. Nothing is downloaded from anywhere but Debian's archive.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lists=("$here/debian-packages.txt")
for extra in "$@"; do lists+=("$extra"); done
missing=()
for list in "${lists[@]}"; do
  while read -r pkg _; do
    [[ -z "$pkg" || "$pkg" == \#* ]] && continue
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done < "$list"
done
# The web page's browser tests use playwright-core from npm, pinned by web/package-lock.json.
# Skipped when web/node_modules already holds the locked version (so it runs offline).
web_deps() {
  local web="$here/../web" want have
  [[ -f "$web/package-lock.json" ]] || return 0
  want=$(sed -n '/"node_modules\/playwright-core"/,/}/s/.*"version": "\(.*\)".*/\1/p' "$web/package-lock.json" | head -n 1)
  have=$(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$web/node_modules/playwright-core/package.json" 2>/dev/null | head -n 1 || true)
  [[ -n "$want" && "$want" == "$have" ]] && return 0
  if ! command -v npm >/dev/null; then
    [[ $(id -u) -eq 0 ]] || { echo "rasd: npm is missing: sudo apt-get install npm" >&2; return 1; }
    apt-get install -y -qq --no-install-recommends npm
  fi
  echo "rasd: installing the browser tests' npm packages in web/ (npm ci)"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
}
if [[ ${#missing[@]} -eq 0 ]]; then web_deps; exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
  echo "rasd: missing Debian packages: ${missing[*]}" >&2
  echo "rasd: install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "rasd: installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
web_deps
