#!/usr/bin/env bash
# `make bench`: every whole-corpus benchmark and evaluation, each rewriting its own section of
# docs/BENCHMARKS.md or docs/QUALITY.md, so that every table there is this command's output.
#
#   tools/run_benchmarks.sh [BUILD_DIR]        (default build/release; `make bench` passes it)
#
# Runs, in this order, every bench/<name>/run.sh that exists (a missing one is skipped with a
# note): conflation, analysis, extract, quality, load, peers. ONLY="quality peers" runs a
# subset; SCALE=0 leaves the 1M-article corpus out of bench/peers. A failing benchmark is
# reported and the others still run; the exit status is non-zero when any failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build/release}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
cd "$ROOT"
# What the benchmarks call: the rasd program and the bench binaries of this build.
cmake --build "$BUILD" -j "${JOBS:-2}" --target rasd >/dev/null || { echo "build failed" >&2; exit 1; }
ORDER=${ONLY:-"conflation analysis extract quality load peers"}
failed=()
for name in $ORDER; do
  script=bench/$name/run.sh
  if [ ! -x "$script" ]; then echo "== $name: no $script, skipped" >&2; continue; fi
  echo "== $name ($script)" >&2
  start=$(date +%s)
  case "$name" in
    analysis|conflation) BUILD_DIR=$BUILD "$script" ;;
    *) "$script" "$BUILD" ;;
  esac
  rc=$?
  echo "== $name: exit $rc after $(( $(date +%s) - start )) s" >&2
  [ $rc -eq 0 ] || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then echo "failed: ${failed[*]}" >&2; exit 1; fi
