#!/usr/bin/env bash
# Retrieval quality of rasd and every peer engine on every evaluation set, in one run; rewrites
# the "## Retrieval quality" section of docs/QUALITY.md.
#
#   bench/quality/run.sh [BUILD_DIR]          (default build/release)
#
# Knobs: WORK=DIR (scratch; default /tmp/rasd-quality), SETS="arcd xquad_ar quranqa news_ki",
#        PEERS="lucene8 lucene4 xapian fts5_snowball fts5_unicode61 postgres",
#        NEWS_PEERS (peers for the 62k-article news set; default: all but postgres, whose
#        ts_rank scores every match and needs tens of minutes for 3,000 headline queries),
#        PEERS_DIR=/work/shared/peers (or ../shared/peers), NO_DOC=1 (print only),
#        REUSE_PEERS=1 (keep the peers' runs of an earlier run in WORK: for tuning rasd).
#
# What it does (bench/README.md has the details):
#   1. bench/quality/make_sets.py builds every set (corpus for rasd, corpus for the peers,
#      queries and qrels for the reported split and for the tuning split);
#   2. rasd indexes each set's corpus (no extraction; the news known-item set with --no-title)
#      and `rasd eval` scores the reported and the tuning queries;
#   3. the peer harness indexes each set's peer corpus (title + body as one field, the news
#      known-item set with an empty title) and answers the same queries (REPEATS=0: one pass,
#      which writes the run file); `rasd eval --from-run` scores every peer's run with the same
#      metric code as rasd's;
#   4. `rasd eval --baseline` tests rasd's run against each peer's, query by query (a paired
#      randomization test per metric);
#   5. bench/quality/update_doc.py writes the tables.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/release}
RASD=${RASD_BIN:-$BUILD/src/rasd/cli/rasd}
WORK=${WORK:-/tmp/rasd-quality}
SETS=${SETS:-"arcd xquad_ar quranqa news_ki"}
PEERS=${PEERS:-"lucene8 lucene4 xapian fts5_snowball fts5_unicode61 postgres"}
NEWS_PEERS=${NEWS_PEERS:-$(echo " $PEERS " | sed 's/ postgres / /' | xargs)}
DATA=${DATA:-$ROOT/../shared/data}
PEERS_DIR=${PEERS_DIR:-$ROOT/../shared/peers}
[ -d "$DATA" ] || DATA=/work/shared/data
[ -d "$PEERS_DIR" ] || PEERS_DIR=/work/shared/peers
[ -x "$RASD" ] || { echo "no rasd binary at $RASD (cmake --build $BUILD --target rasd)" >&2; exit 2; }
log() { echo "[quality $(date +%H:%M:%S)] $*" >&2; }
mkdir -p "$WORK"

log "building the sets in $WORK/sets"
python3 "$ROOT/bench/quality/make_sets.py" "$DATA" "$WORK/sets" --sets "$SETS" >"$WORK/sets.log"

RESULTS=$WORK/results.jsonl
: >"$RESULTS"
record() {  # record SET SPLIT SYSTEM EVAL_JSON
  python3 -c 'import json,sys; d=json.loads(sys.argv[4]); d.update(set=sys.argv[1], split=sys.argv[2], system=sys.argv[3]); print(json.dumps(d, ensure_ascii=False))' \
    "$1" "$2" "$3" "$4" >>"$RESULTS"
}

for s in $SETS; do
  S=$WORK/sets/$s
  flags="--no-extract --quiet --jsonl"
  [ "$s" = news_ki ] && flags="$flags --no-title"
  log "$s: rasd index"
  rm -rf "$WORK/index/$s"
  # (exit 1 = some records were bad: ~60 SaudiNewsNet lines have neither title nor body)
  "$RASD" index --index "$WORK/index/$s" $flags --max-errors 0 "$S/corpus.jsonl" || [ $? -eq 1 ]
  for split in test dev; do
    q=$S/queries.tsv r=$S/qrels.tsv
    [ $split = dev ] && q=$S/dev_queries.tsv r=$S/dev_qrels.tsv
    [ -f "$q" ] || continue
    mkdir -p "$WORK/runs/$s"
    "$RASD" eval --index "$WORK/index/$s" --queries "$q" --qrels "$r" --limit 100 --per-query \
      --run "$WORK/runs/$s/rasd.$split.run" >"$WORK/runs/$s/rasd.$split.perquery.tsv"
    record "$s" "$split" rasd "$("$RASD" eval --from-run "$WORK/runs/$s/rasd.$split.run" \
      --queries "$q" --qrels "$r" --limit 100 --json)"
  done
  if [ "$s" = quranqa ]; then  # the dev split alone: the split of the published BM25 baseline
    Q=$DATA/qa_ir/quranqa2023_taskA
    record "$s" qqa-dev rasd "$("$RASD" eval --index "$WORK/index/$s" --queries "$Q/queries.jsonl" \
      --split dev --qrels "$Q/qrels.tsv" --limit 100 --json)"
  fi
  peers=$PEERS
  [ "$s" = news_ki ] && peers=$NEWS_PEERS
  if [ "${REUSE_PEERS:-0}" = 1 ] && [ -d "$WORK/peers/$s/runs" ]; then
    log "$s: reusing the peers' runs in $WORK/peers/$s (REUSE_PEERS=1)"
  else
    log "$s: peers ($peers)"
    rm -rf "$WORK/peers/$s"
    PEERS="$peers" REPEATS=0 WARMUP=1 QRELS="$S/qrels.tsv" \
      "$PEERS_DIR/run.sh" "$S/peer_corpus.jsonl" "$S/queries.tsv" "$WORK/peers/$s" >"$WORK/peers.$s.log" 2>&1 || true
  fi
  for p in $peers; do
    run=$WORK/peers/$s/runs/$p.run
    if [ "$(cat "$WORK/peers/$s/logs/$p.status" 2>/dev/null)" != ok ]; then
      log "$s: $p did not run (see $WORK/peers/$s/logs/)"; continue
    fi
    record "$s" test "$p" "$("$RASD" eval --from-run "$run" --queries "$S/queries.tsv" --qrels "$S/qrels.tsv" --limit 100 --json)"
    # rasd against this peer, query by query: the paired randomization test of each metric.
    record "$s" versus "$p" "$("$RASD" eval --from-run "$WORK/runs/$s/rasd.test.run" --baseline "$run" \
      --queries "$S/queries.tsv" --qrels "$S/qrels.tsv" --limit 100 --json)"
  done
  rm -rf "$WORK/peers/$s/index" "$WORK/peers/$s/corpus.jsonl"
done

cmd="bench/quality/run.sh"
[ "${NO_DOC:-0}" = 1 ] && out=/dev/null || out=$ROOT/docs/QUALITY.md
python3 "$ROOT/bench/quality/update_doc.py" "$RESULTS" "$WORK/sets" "$out" --command "$cmd" --peers "$PEERS"
