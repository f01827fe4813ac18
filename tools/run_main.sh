#!/usr/bin/env bash
# The main job behind `make run`: index a corpus and serve the web page and the API.
#   tools/run_main.sh BUILD_DIR            the bundled demo corpus (demo/*.jsonl) plus the seed
#                                          article from ../shared/seed/ when it is present
#   DATA=FILE|DIR tools/run_main.sh ...    your own articles instead (JSONL, .jsonl.zst, .txt,
#                                          .html or a directory of them)
# PORT (default 8080) and HOST (default 127.0.0.1) choose where to listen.
set -euo pipefail
build=${1:?usage: tools/run_main.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
rasd="$build/src/rasd/cli/rasd"
port=${PORT:-8080}
host=${HOST:-127.0.0.1}

inputs=()
if [[ -n "${DATA:-}" ]]; then
  inputs=("$DATA")
  index="$build/user-index"
else
  inputs=("$root"/demo/*.jsonl)
  for seed in "$root"/../shared/seed/*.txt; do
    [[ -f "$seed" ]] && inputs+=("$seed")
  done
  index="$build/demo-index"
fi

# A fresh index each run, so the page always shows exactly the chosen corpus.
rm -rf "$index"
echo "rasd: indexing ${inputs[*]}"
"$rasd" index --index "$index" "${inputs[@]}" || {
  status=$?
  # Exit status 1 with some records indexed means some records were bad (reported above).
  [[ $status -eq 1 && -d "$index" ]] || exit $status
}
echo
echo "rasd: serving http://$host:$port/"
echo "rasd: try http://$host:$port/?q=%D8%AA%D9%88%D9%83%D8%A7%D9%8A%D9%8A%D9%81  (توكاييف)"
exec "$rasd" serve --index "$index" --host "$host" --port "$port"
