#!/usr/bin/env bash
# CTest entry for the browser tests: web/tests/browser.test.mjs under node's test runner.
# Usage: run_browser_tests.sh RASD_BIN [SCREENSHOT_DIR]
# Fails (never skips) when Node.js, Debian's Chromium or web/node_modules are missing: the
# set-up (tools/install_deps.sh) installs all three.
set -euo pipefail
rasd=${1:?usage: run_browser_tests.sh RASD_BIN [SCREENSHOT_DIR]}
src=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "browser tests: $*" >&2; exit 1; }
command -v node >/dev/null || fail "node is missing (Debian package nodejs): run tools/install_deps.sh"
chromium=${RASD_CHROMIUM:-/usr/bin/chromium}
[[ -x "$chromium" ]] || fail "Chromium is missing at $chromium (Debian package chromium): run tools/install_deps.sh"
[[ -f "$src/web/node_modules/playwright-core/package.json" ]] ||
  fail "web/node_modules/playwright-core is missing: run tools/install_deps.sh (npm ci in web/)"
export RASD_BIN=$rasd RASD_SOURCE_DIR=$src RASD_CHROMIUM=$chromium
export RASD_SCREENSHOT_DIR=${2:-${RASD_SCREENSHOT_DIR:-$src/build/web-screenshots}}
cd "$src/web"
exec node --test --test-reporter=spec --test-timeout=120000 tests/browser.test.mjs
