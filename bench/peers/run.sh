#!/usr/bin/env bash
# rasd against the peer engines on the same corpora, measured the same way, in one run; rewrites
# the "## Engine vs peers" section of docs/BENCHMARKS.md.
#
#   bench/peers/run.sh [BUILD_DIR]          (default build/release)
#
# Corpora: news63k (ANT multi-source v2.1 + SaudiNewsNet, 62,555 articles) and, unless
# SCALE=0, scale1m (bench/scale/make_corpus.sh: the same articles replicated with altered ids to
# SCALE_DOCS=1000000, written to WORK and deleted at the end).
# Knobs: WORK=/tmp/rasd-peers-bench, PEERS="lucene8 lucene4 xapian" (news63k),
#        SCALE_PEERS="lucene8 lucene4" (scale1m; Xapian needs about 20 minutes there),
#        REPEATS=5 WARMUP=3 (passes; the JVM peers need warm-up), NQ=200 (queries per type),
#        TYPE_WARMUP=10 (warm-up passes of the per-type and throughput runs),
#        PEERS_DIR, NO_DOC=1 (print only), ONLY="news63k scale1m memory" (what to (re)run;
#        the table is made from every result in WORK; "memory" is bench/scale/memory.sh:
#        rasd's peak RSS indexing 62,555 and SCALE_DOCS articles, streamed from stdin).
#
# For each corpus:
#   1. the peers' own harness (PEERS_DIR/run.sh, with PEER_EXE_rasd=bench/rasd-peer) indexes it
#      with rasd and every peer, one after the other, and answers all query types once
#      (index time, index size, peak RSS while indexing, overall latency);
#   2. each query type (one word, several words, phrase, filtered) is timed separately on the
#      indexes the harness built, through the harness's own tools/peer.sh (REPEATS timed passes
#      after WARMUP untimed ones, one thread, warm cache);
#   3. throughput with two threads: two searcher processes of the same engine run the
#      several-word queries at the same time on the same index; throughput = the sum of
#      1000 / mean latency (ms) of the two (each process reports its own in-process mean).
#      For rasd the same, plus its in-process two-thread number (RASD_PEER_THREADS=2).
# bench/peers/update_doc.py turns the logs into the table (ratios against the fastest peer).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/release}
export RASD_BIN=${RASD_BIN:-$BUILD/src/rasd/cli/rasd}
export PEER_EXE_rasd=$ROOT/bench/rasd-peer
WORK=${WORK:-/tmp/rasd-peers-bench}
PEERS=${PEERS:-"lucene8 lucene4 xapian"}
SCALE=${SCALE:-1}
SCALE_DOCS=${SCALE_DOCS:-1000000}
SCALE_PEERS=${SCALE_PEERS:-"lucene8 lucene4"}
REPEATS=${REPEATS:-5}
WARMUP=${WARMUP:-3}
TYPE_WARMUP=${TYPE_WARMUP:-10}  # per-type runs have 200 queries: more passes for the JIT
NQ=${NQ:-200}
DATA=${DATA:-$ROOT/../shared/data}
PEERS_DIR=${PEERS_DIR:-$ROOT/../shared/peers}
[ -d "$DATA" ] || DATA=/work/shared/data
[ -d "$PEERS_DIR" ] || PEERS_DIR=/work/shared/peers
[ -x "$RASD_BIN" ] || { echo "no rasd binary at $RASD_BIN" >&2; exit 2; }
log() { echo "[peers-bench $(date +%H:%M:%S)] $*" >&2; }
mkdir -p "$WORK"

log "corpus news63k"
zstd -q -dc "$DATA/news/ant_multisource_v2.1.jsonl.zst" "$DATA/news/saudinewsnet.jsonl.zst" >"$WORK/news63k.jsonl"
python3 "$ROOT/bench/peers/make_queries.py" "$WORK/news63k.jsonl" "$WORK/queries" --n "$NQ" >&2

bench_corpus() {  # bench_corpus NAME CORPUS "PEERS"
  local name=$1 corpus=$2 peers="rasd $3" out=$WORK/$1
  rm -rf "$out"
  log "$name: harness run ($peers)"
  PEERS="$peers" REPEATS=$REPEATS WARMUP=$WARMUP "$PEERS_DIR/run.sh" "$corpus" "$WORK/queries/all.tsv" "$out" \
    >"$WORK/$name.harness.log" 2>&1 || true
  mkdir -p "$out/types"
  for p in $peers; do
    [ "$(cat "$out/logs/$p.status" 2>/dev/null)" = ok ] || { log "$name: $p failed in the harness"; continue; }
    local idx=$out/index/$p
    for t in one multi phrase filter; do
      log "$name: $p $t"
      "$PEERS_DIR/tools/peer.sh" "$p" search "$idx" "$WORK/queries/$t.tsv" "$out/types/$p.$t.run" \
        --repeats "$REPEATS" --warmup "$TYPE_WARMUP" --k 100 --tag "$p" >"$out/types/$p.$t.log" 2>&1 || true
    done
    log "$name: $p two searchers"
    for i in 1 2; do
      "$PEERS_DIR/tools/peer.sh" "$p" search "$idx" "$WORK/queries/multi.tsv" "$out/types/$p.tp$i.run" \
        --repeats "$REPEATS" --warmup "$TYPE_WARMUP" --k 100 --tag "$p" >"$out/types/$p.tp$i.log" 2>&1 &
    done
    wait
    if [ "$p" = rasd ]; then
      RASD_PEER_THREADS=2 "$PEERS_DIR/tools/peer.sh" rasd search "$idx" "$WORK/queries/multi.tsv" \
        "$out/types/rasd.threads2.run" --repeats "$REPEATS" --warmup "$TYPE_WARMUP" --k 100 \
        >"$out/types/rasd.threads2.log" 2>&1 || true
    fi
  done
  rm -rf "$out/index" "$out/corpus.jsonl"
}

export PEERS_STATE=${PEERS_STATE:-${XDG_CACHE_HOME:-$HOME/.cache}/rasd-peers}
[ -w "$PEERS_DIR" ] && PEERS_STATE=$PEERS_DIR
export BUILD=$PEERS_STATE/build
ONLY=${ONLY:-"news63k scale1m memory"}  # which corpora to (re)run; the table shows every one in WORK
if [[ " $ONLY " == *" news63k "* ]]; then
  bench_corpus news63k "$WORK/news63k.jsonl" "$PEERS"
fi
if [ "$SCALE" = 1 ] && [[ " $ONLY " == *" scale1m "* ]]; then
  log "corpus scale1m ($SCALE_DOCS articles)"
  "$ROOT/bench/scale/make_corpus.sh" "$SCALE_DOCS" "$WORK/scale1m.jsonl"
  bench_corpus scale1m "$WORK/scale1m.jsonl" "$SCALE_PEERS"
  rm -f "$WORK/scale1m.jsonl"
fi
rm -f "$WORK/news63k.jsonl"
if [ "${SCALE_MEMORY:-1}" = 1 ] && [[ " $ONLY " == *" memory "* ]]; then
  log "indexing memory against corpus size (bench/scale/memory.sh)"
  "$ROOT/bench/scale/memory.sh" "$RASD_BIN" "$WORK/scale_memory.tsv" "62555 $SCALE_DOCS" >&2
fi
corpora=news63k
[ "$SCALE" = 1 ] && corpora="news63k scale1m"

[ "${NO_DOC:-0}" = 1 ] && doc=/dev/null || doc=$ROOT/docs/BENCHMARKS.md
python3 "$ROOT/bench/peers/update_doc.py" "$WORK" "$doc" --corpora "$corpora" --command "bench/peers/run.sh"
