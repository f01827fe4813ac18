#!/usr/bin/env bash
# HTTP load test of `rasd serve` with wrk (Debian's wrk 4.1), against GET /api/search.
#
#   bench/load/run.sh [BUILD_DIR]          (default build/release)
#
# Indexes the news corpora (../shared/data/news/*.jsonl.zst, about 63,000 articles) once into
# BUILD_DIR/bench/news-index with `rasd index` (kept for later runs), or the bundled demo corpus
# when the corpora are absent or RASD_LOAD_CORPUS=demo. Then starts `rasd serve` on
# 127.0.0.1 (a free port), and for 1, 16 and 256 connections runs wrk for RASD_LOAD_SECONDS
# (default 20) seconds over 30 Arabic queries, reading throughput and latency percentiles.
# During the 256-connection run it ingests 500 new articles through POST /api/articles and
# afterwards checks that the server is still up and that every one of them can be fetched.
# Server memory (RSS) is read from /proc before and after. Finally it rewrites the section
# "## HTTP load test" of docs/BENCHMARKS.md with the table and this command.
#
# All traffic goes to 127.0.0.1; every step is bounded in time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/release}
rasd=$build/src/rasd/cli/rasd
seconds=${RASD_LOAD_SECONDS:-20}
corpus_dir=${RASD_SHARED_DIR:-$root/../shared}/data/news
[[ -x $rasd ]] || { echo "load test: no rasd binary at $rasd (build first)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "load test: wrk is missing (Debian package wrk)" >&2; exit 1; }

work=$(mktemp -d /tmp/rasd-load.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

shopt -s nullglob
news=("$corpus_dir"/*.jsonl.zst)
if [[ ${RASD_LOAD_CORPUS:-news} == news && ${#news[@]} -gt 0 ]]; then
  corpus="news corpora (${#news[@]} files in shared/data/news)"
  index=$build/bench/news-index
  if [[ ! -f $index/.rasd-load-complete ]]; then
    rm -rf "$index"
    mkdir -p "$(dirname "$index")"
    echo "load test: indexing ${news[*]} into $index (once)"
    "$rasd" index --index "$index" "${news[@]}" >"$work/index.log" 2>&1 || {
      echo "load test: rasd index reported errors (see below); continuing with what was indexed" >&2
      tail -5 "$work/index.log" >&2
    }
    touch "$index/.rasd-load-complete"
  fi
else
  corpus="demo corpus (demo/*.jsonl, 178 articles)"
  index=$work/demo-index
  "$rasd" index --index "$index" "$root"/demo/*.jsonl >"$work/index.log" 2>&1
fi

export RASD_WRITE_TOKEN=load-test-token
"$rasd" serve --index "$index" --port 0 --threads "${RASD_LOAD_THREADS:-16}" --no-access-log \
  >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
# Start-up reads the index and its entity/story catalog; allow it RASD_LOAD_START_SECONDS.
start_deadline=$(( $(date +%s) + ${RASD_LOAD_START_SECONDS:-600} ))
until grep -q "listening on" "$work/serve.out" 2>/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { echo "load test: rasd serve exited:" >&2; cat "$work/serve.err" >&2; exit 1; }
  (( $(date +%s) < start_deadline )) || { echo "load test: rasd serve did not listen within ${RASD_LOAD_START_SECONDS:-600} s" >&2; exit 1; }
  sleep 0.2
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" | head -1 || true)
[[ -n $url ]] || { echo "load test: no address in the server's output: $(cat "$work/serve.out")" >&2; exit 1; }
echo "load test: $corpus, server $url (pid $server_pid)"
rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status"; }
articles=$(python3 -c "import json,urllib.request;print(json.load(urllib.request.urlopen('$url/api/health'))['articles'])")
# Warm up the page cache and the server's first requests.
wrk -t1 -c1 -d2s -s "$root/bench/load/search.lua" "$url" >/dev/null
rss_before=$(rss)

results=$work/results.jsonl
: >"$results"
for c in 1 16 256; do
  threads=$(( c < 2 ? 1 : 2 ))
  ingest_pid=
  if [[ $c == 256 ]]; then
    # An ingest of 500 new articles (10 requests of 50) while the 256 connections search.
    python3 "$root/bench/load/ingest_during_load.py" "$url" 500 50 "$seconds" >"$work/ingest.json" &
    ingest_pid=$!
  fi
  echo "load test: $c connection(s), ${seconds}s"
  out=$(wrk -t"$threads" -c"$c" -d"${seconds}s" --timeout 10s -s "$root/bench/load/search.lua" "$url")
  line=$(grep '^RESULT ' <<<"$out" | sed 's/^RESULT //')
  echo "{\"connections\":$c,\"threads\":$threads,${line#\{}" >>"$results"
  [[ -n $ingest_pid ]] && wait "$ingest_pid"
done
rss_after=$(rss)
rss_peak=$(hwm)
alive=$(python3 -c "import json,urllib.request;print(json.load(urllib.request.urlopen('$url/api/health'))['status'])" 2>/dev/null || echo down)
python3 "$root/bench/load/ingest_during_load.py" --verify "$url" 500 >"$work/verify.json"

# Graceful stop: SIGTERM, and the exit status must be 0.
kill -TERM "$server_pid"
stop_status=0
wait "$server_pid" || stop_status=$?
server_pid=

python3 "$root/bench/load/report.py" --results "$results" --ingest "$work/ingest.json" \
  --verify "$work/verify.json" --corpus "$corpus" --articles "$articles" \
  --rss-before "$rss_before" --rss-after "$rss_after" --rss-peak "$rss_peak" --alive "$alive" \
  --stop-status "$stop_status" --seconds "$seconds" --threads "${RASD_LOAD_THREADS:-16}" \
  --doc "$root/docs/BENCHMARKS.md"
