#!/usr/bin/env bash
# Indexing memory against corpus size: rasd indexes the news corpora replicated to each size in
# SIZES (streamed through standard input: the corpus is never written to disk) and the peak RSS
# (GNU time) is recorded per size into OUT (TSV: articles, wall s, CPU s, peak RSS KiB, index bytes,
# peak anonymous RSS KiB sampled from /proc). Every sample is also kept, per size, in
# OUT.N.timeline (TSV: seconds since the start, anonymous RSS KiB): the final merge is the
# part after the last large drop, where the ingest's buffers are freed.
#
#   bench/scale/memory.sh RASD_BIN OUT.tsv [SIZES="62555 1000000"]
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,7p "$0" >&2; exit 2; }
RASD=$1 OUT=$2 SIZES=${3:-"62555 1000000"}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/rasd-scale.XXXXXX)
trap 'rm -rf "$W"' EXIT
printf 'articles\twall_s\tcpu_s\tpeak_rss_kb\tindex_bytes\tpeak_anon_kb\n' >"$OUT"
for n in $SIZES; do
  rm -rf "$W/ix"
  "$HERE/make_corpus.sh" "$n" - |
    /usr/bin/time -f "%e %U %S %M" -o "$W/time" "$RASD" index --index "$W/ix" --no-extract --no-store \
      --optimize --quiet --max-errors 0 - &
  # GNU time's peak RSS also counts the pages of the mmapped segments a merge reads (page
  # cache the kernel can drop); the anonymous part is the memory indexing actually holds, so
  # it is sampled from /proc on its own.
  timer=$!
  anon=0
  start=$(date +%s.%N)
  printf 'seconds\tanon_kb\n' >"$OUT.$n.timeline"
  while kill -0 "$timer" 2>/dev/null; do
    pid=$(pgrep -P "$timer" | head -1 || true)
    a=$( [ -n "$pid" ] && awk '/^RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    if [ -n "$a" ]; then
      [ "$a" -gt "$anon" ] && anon=$a
      printf '%s\t%s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$a" >>"$OUT.$n.timeline"
    fi
    sleep 0.2
  done
  wait "$timer" || [ $? -eq 1 ]
  read -r wall user sys rss < <(tail -1 "$W/time")  # GNU time may add a "Command exited" line
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$wall" "$(echo "$user + $sys" | bc)" "$rss" \
    "$(du -sb "$W/ix" | cut -f1)" "$anon" >>"$OUT"
done
cat "$OUT"
