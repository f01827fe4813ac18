#!/usr/bin/env bash
# A/B of two rasd binaries on the same corpus and queries, alternating rounds, medians: what
# each entry of docs/BENCHMARKS.md "## Optimisation log" was measured with.
#
#   bench/peers/ab.sh OLD_RASD NEW_RASD CORPUS.jsonl QUERIES.tsv [ROUNDS=3]
#
# Per binary: indexing as bench/rasd-peer does it (--no-extract --no-store --optimize) with
# wall, CPU (user+sys) and peak RSS from GNU time, the index size, then search latency
# (--batch --literal --timing, 1 warm-up + 3 timed passes: median and p99 in ms). A QUERIES
# file named *.rasd (make_queries.py's phrase.tsv.rasd, filter.tsv.rasd) is parsed with the
# query language instead of --literal, as bench/rasd-peer does. On a shared machine compare
# the CPU seconds and the ratios, not the wall seconds.
set -euo pipefail
[ $# -ge 4 ] || { sed -n 2,10p "$0" >&2; exit 2; }
A=$1 B=$2 CORPUS=$3 QUERIES=$4 ROUNDS=${5:-3}
MODE=--literal
case "$QUERIES" in *.rasd) MODE="" ;; esac
W=$(mktemp -d /tmp/rasd-ab.XXXXXX)
trap 'rm -rf "$W"' EXIT
for r in $(seq "$ROUNDS"); do
  for tag in A B; do
    bin=$A; [ $tag = B ] && bin=$B
    rm -rf "$W/ix"
    /usr/bin/time -f "%e %U %S %M" -o "$W/time" "$bin" index --index "$W/ix" --no-extract --no-store \
      --optimize --quiet --max-errors 0 --jsonl "$CORPUS" || [ $? -eq 1 ]
    read -r wall user sys rss < <(tail -1 "$W/time")
    size=$(du -sb "$W/ix" | cut -f1)
    "$bin" search --index "$W/ix" --batch "$QUERIES" --limit 100 --format trec $MODE \
      --timing "$W/lat" --warmup 1 --repeats 3 >/dev/null
    lat=$(grep -v '^#' "$W/lat" | cut -f2 | sort -g | awk '{a[NR]=$1} END{m=a[int((NR+1)/2)]; p=a[int(NR*0.99+0.999)]; print m, p}')
    echo "$tag $wall $(echo "$user + $sys" | bc) $rss $size $lat" >>"$W/rows"
  done
done
python3 - "$W/rows" "$A" "$B" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
names = {"A": sys.argv[2], "B": sys.argv[3]}
cols = ["index wall s", "index CPU s", "peak RSS MiB", "index MiB", "latency p50 ms", "latency p99 ms"]
med = {}
for tag in "AB":
    v = [[float(x) for x in r[1:]] for r in rows if r[0] == tag]
    med[tag] = [statistics.median(c) for c in zip(*v)]
    med[tag][2] /= 1024; med[tag][3] /= 2**20
print("| binary | " + " | ".join(cols) + " |")
print("|---|" + "---|" * len(cols))
for tag in "AB":
    print(f"| {tag}: `{names[tag]}` | " + " | ".join(f"{x:.2f}" for x in med[tag]) + " |")
print("| B / A | " + " | ".join(f"{b / a:.2f}" if a else "-" for a, b in zip(med["A"], med["B"])) + " |")
EOF
