#!/usr/bin/env bash
# Instructions spent inside the top-k traversal per query, counted by callgrind (deterministic,
# unlike wall time on a shared machine): two passes over QUERIES (one warm-up pass that prints
# the results, one timed pass), the count divided by 2 x the number of queries.
#
#   bench/scale/traversal_instructions.sh RASD_BINARY INDEX_DIR QUERIES.tsv
#
# QUERIES.tsv holds qid<TAB>words lines (bench/peers/make_queries.py writes them); they are
# read as plain words (--literal), except in a file named *.rasd (phrase.tsv.rasd,
# filter.tsv.rasd), whose lines are rasd's query language. Needs valgrind.
set -euo pipefail
[ $# -eq 3 ] || { sed -n 2,10p "$0" >&2; exit 2; }
BIN=$1 INDEX=$2 QUERIES=$3
nq=$(wc -l <"$QUERIES")
literal=--literal
case $QUERIES in *.rasd) literal= ;; esac
n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      --toggle-collect='rasd::search::internal::TraverseSegment*' \
      "$BIN" search --index "$INDEX" --batch "$QUERIES" --format trec --limit 100 $literal \
      --timing /dev/null --warmup 1 --repeats 1 2>&1 >/dev/null |
    awk '/Collected/ {print $4}')
awk -v n="$n" -v q="$nq" 'BEGIN { printf "%.1f k instructions per query in TraverseSegment\n", n / 2 / q / 1000 }'
