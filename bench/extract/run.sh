#!/usr/bin/env bash
# Reproduces the extraction figures of docs/QUALITY.md (Named entities, Quotes, Stories) and
# docs/BENCHMARKS.md (Extraction speed). Usage: bench/extract/run.sh [BUILD_DIR]
# Needs the shared data beside the source tree (or RASD_SHARED_DIR) and models/ner.model
# (rebuild it with: BUILD_DIR/src/rasd/cli/rasd train clusters && ... rasd train ner).
set -euo pipefail
build=${1:-build/release}
cmake --build "$build" --target ner_eval quotes_eval stories_eval extract_speed >/dev/null
echo "== ANERcorp test (entity-level CoNLL scores, tagging throughput)"
"$build/bench/extract/ner_eval"
echo "== Quotes, test set (tests/data/quotes_gold.jsonl)"
"$build/bench/extract/quotes_eval"
echo "== Quotes, development set (tests/data/quotes_dev.jsonl)"
"$build/bench/extract/quotes_eval" --gold "$(dirname "$0")/../../tests/data/quotes_dev.jsonl"
echo "== Stories (ANS pairs, SaudiNewsNet wire copies, cost)"
"$build/bench/extract/stories_eval"
echo "== Whole-article extraction speed (ANT two-day sample)"
"$build/bench/extract/extract_speed"
