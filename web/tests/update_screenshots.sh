#!/usr/bin/env bash
# Refreshes docs/screenshots/ from a browser test run. Usage: web/tests/update_screenshots.sh [BUILD_DIR]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build/release}
exec "$src/web/tests/run_browser_tests.sh" "$build/src/rasd/cli/rasd" "$src/docs/screenshots"
