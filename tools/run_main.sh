#!/usr/bin/env bash
# The main job behind `make run`. Usage: tools/run_main.sh BUILD_DIR
# Until the server lands (issue 6) it analyses the seed article (../shared/seed/) or, when
# that is absent, the bundled example, and prints every token.
set -euo pipefail
build=${1:?usage: tools/run_main.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
rasd="$build/src/rasd/cli/rasd"
seed=$(ls "$root"/../shared/seed/*.txt 2>/dev/null | head -n 1 || true)
input=${seed:-$root/demo/example.txt}
echo "rasd: analysing $input"
"$rasd" analyze < "$input"
