#!/usr/bin/env bash
# A large corpus made by replicating the two news corpora (ANT multi-source v2.1 and
# SaudiNewsNet, 62,555 articles) with altered ids, streamed to OUT (or stdout with "-"):
#
#   bench/scale/make_corpus.sh N OUT     e.g. 1000000 /tmp/news1m.jsonl (about 6 GB)
#
# Copy k (k = 0, 1, ...) of an article has the id "<id>~k" (copy 0 keeps the original id), so
# every id is unique and the text is real news. The output is never kept in the repository:
# bench/peers/run.sh writes it to a scratch folder and deletes it afterwards. Deterministic:
# the same N gives the same bytes.
set -euo pipefail
[ $# -eq 2 ] || { sed -n 2,11p "$0" >&2; exit 2; }
N=$1 OUT=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${DATA:-$ROOT/../shared/data}
[ -d "$DATA" ] || DATA=/work/shared/data
gen() {
  local k=0
  while :; do
    zstd -q -dc "$DATA/news/ant_multisource_v2.1.jsonl.zst" "$DATA/news/saudinewsnet.jsonl.zst" |
      if [ $k -eq 0 ]; then cat; else sed "s/^{\"id\": \"\([^\"]*\)\"/{\"id\": \"\1~$k\"/"; fi || return 0  # the reader (head) has enough
    k=$((k + 1))
  done
}
if [ "$OUT" = - ]; then
  { gen || true; } | head -n "$N"
else
  { gen || true; } | head -n "$N" >"$OUT"
fi
