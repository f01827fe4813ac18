#!/usr/bin/env bash
# Analysis throughput on the real news corpus: rasd vs Snowball vs Lucene 4.10's ArabicAnalyzer,
# one core, in the same run; rewrites the "## Analysis throughput" section of docs/BENCHMARKS.md.
#
#   bench/analysis/run.sh            # ~50 MB of news text, 5 timed repetitions per system
#   MB=20 REPEATS=3 bench/analysis/run.sh
#
# Needs (Debian 12): cmake ninja-build g++ zstd libstemmer-dev openjdk-17-jdk-headless
# liblucene4.10-java python3, and ../shared/data/news/*.jsonl.zst (RASD_SHARED_DIR overrides).
# Knobs: MB (corpus size), REPEATS, WARMUP (JVM passes), BUILD_DIR, SOURCE_DIR, NO_DOC=1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SOURCE_DIR=${SOURCE_DIR:-$ROOT}
BUILD_DIR=${BUILD_DIR:-$ROOT/build/bench}
SHARED=${RASD_SHARED_DIR:-$ROOT/../shared}
MB=${MB:-50}
REPEATS=${REPEATS:-5}
WARMUP=${WARMUP:-3}
OUT=$BUILD_DIR/analysis
L4=/usr/share/java
L4_CP=$L4/lucene-core-4.10.4.jar:$L4/lucene-analyzers-common-4.10.4.jar
mkdir -p "$OUT"

echo "== build" >&2
cmake -S "$SOURCE_DIR" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRASD_SHARED_DIR="$SHARED" >/dev/null
cmake --build "$BUILD_DIR" --target analysis_bench -j2 >/dev/null
mkdir -p "$OUT/java"
javac -nowarn -encoding UTF-8 -cp "$L4_CP" -d "$OUT/java" "$HERE/LuceneAnalysisBench.java"

echo "== corpus: the first $MB MB of title+body text, split evenly over the news files" >&2
CORPUS=$OUT/corpus.bin
rm -f "$CORPUS"
files=("$SHARED"/data/news/*.jsonl.zst)
per=$(( MB * 1000000 / ${#files[@]} ))
for f in "${files[@]}"; do
  # analysis_bench stops reading after its share; zstd then ends on SIGPIPE, which is expected.
  (zstd -dc "$f" || true) | "$BUILD_DIR/bench/analysis/analysis_bench" prepare "$CORPUS" "$per"
done

echo "== run ($REPEATS timed repetitions each, one thread)" >&2
RESULTS=$OUT/results.tsv
: > "$RESULTS"
"$BUILD_DIR/bench/analysis/analysis_bench" rasd "$CORPUS" "$REPEATS" | tee -a "$RESULTS"
"$BUILD_DIR/bench/analysis/analysis_bench" snowball "$CORPUS" "$REPEATS" | tee -a "$RESULTS"
java -Xmx4g -cp "$OUT/java:$L4_CP" LuceneAnalysisBench "$CORPUS" "$REPEATS" "$WARMUP" \
  | tee -a "$RESULTS"

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
JAVA=$(java -version 2>&1 | head -1)
SECTION=$OUT/section.md
python3 - "$RESULTS" "$MB" "$REPEATS" "$WARMUP" "$CPU" "$JAVA" > "$SECTION" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
mb, repeats, warmup, cpu, java = sys.argv[2:7]
by = {r[0]: r for r in rows}
rasd_wall, rasd_cpu = float(by["rasd"][5]), float(by["rasd"][7])
names = {"rasd": "rasd `Analyzer` (norm + stem + stopword flag per token)",
         "snowball": "Snowball `arabic` (libstemmer 2.2, C) behind rasd's tokenizer",
         "lucene": "Lucene 4.10.4 `ArabicAnalyzer` (Java 17, reused TokenStream)"}
print("Reproduce: `bench/analysis/run.sh` (rewrites this section; knobs `MB`, `REPEATS`, `WARMUP`).")
print()
print(f"Corpus: {by['rasd'][1]} news articles (title + body), {int(by['rasd'][2])/1e6:.1f} MB of UTF-8: "
      f"the first {mb} MB of `shared/data/news/*.jsonl.zst`, split evenly over the files. One "
      f"thread; medians of {repeats} timed passes after one untimed pass (the JVM gets {warmup} "
      f"untimed passes for JIT warm-up). MB = 10^6 bytes of UTF-8 input. CPU = CPU time of the "
      f"analysing thread (the JVM's JIT and GC threads are not counted, which favours Lucene); "
      f"wall = elapsed time. Machine: {cpu}, shared with other jobs; {java}.")
print()
print("| system | tokens | wall s | wall MB/s | CPU s | CPU MB/s | rasd × faster (CPU) | rasd × faster (wall) |")
print("|---|---|---|---|---|---|---|---|")
for key in ["rasd", "snowball", "lucene"]:
    if key not in by:
        continue
    r = by[key]
    wall, cpu_mbs = float(r[5]), float(r[7])
    print(f"| {names[key]} | {int(r[3]):,} | {float(r[4]):.3f} | {wall:.1f} | {float(r[6]):.3f} | "
          f"{cpu_mbs:.1f} | {rasd_cpu / cpu_mbs:.2f} | {rasd_wall / wall:.2f} |")
print()
lucene_cpu = float(by["lucene"][7]) if "lucene" in by else float("nan")
print(f"Target of issue 2: at least 5× Lucene's ArabicAnalyzer. This run: {rasd_cpu / lucene_cpu:.2f}× "
      f"by CPU time, {rasd_wall / float(by['lucene'][5]):.2f}× by wall time"
      + (" — the target is met." if rasd_cpu / lucene_cpu >= 5 else
         " — the target is NOT met (see the profile notes below)."))
print()
print("What each system does per document: rasd validates UTF-8, normalises, tokenizes (URLs, "
      "e-mails, numbers), stems and flags stopwords, writing every norm into a reused arena. "
      "Snowball: the same rasd tokenizer, then `sb_stemmer_stem` on each Arabic word. Lucene: "
      "StandardTokenizer, LowerCaseFilter, StopFilter, ArabicNormalizationFilter, "
      "ArabicStemFilter; documents are decoded to Java Strings before timing, so its UTF-8 "
      "decoding is not counted. Token counts differ because Lucene drops stopwords and splits "
      "some tokens differently. Expect ±10% between runs on a shared machine (more when the "
      "load average is well above the core count, as it was during this project's runs).")
print()
print("Where rasd's time goes (callgrind of one pass over this corpus, 4.09 G instructions): the "
      "tokenizer loop (a 2-byte fast path with one flat-table lookup per Arabic letter) about "
      "half, emitting tokens a quarter (the word cache's look-ups 9%), and stemming and stopword "
      "look-ups of the words the cache does not hold (rarer words, words over 12 letters) 14%; "
      "before the word cache (internal/word_cache.h) the stemmer alone was about a third. The "
      "micro-benchmarks (`text_benchmark`: BM_Tokenize, BM_Analyze, BM_Stem) isolate each.")
PY
cat "$SECTION"
if [ -z "${NO_DOC:-}" ]; then
  python3 "$ROOT/bench/doc_section.py" "$ROOT/docs/BENCHMARKS.md" "Analysis throughput" \
    "$SECTION" "# rasd benchmarks"
  echo "== rewrote the 'Analysis throughput' section of docs/BENCHMARKS.md" >&2
fi
