// LuceneAnalysisBench: Lucene 4.10's ArabicAnalyzer throughput over the corpus file written by
// `analysis_bench prepare` (records: a line with the UTF-8 byte length N, N bytes, "\n").
//
// The documents are decoded to Strings before timing (favourable to Lucene: its UTF-8 decoding is
// not counted). One ArabicAnalyzer, whose tokenStream() reuses its TokenStream components across
// documents (Lucene's ReuseStrategy); every token's CharTermAttribute is read. WARMUP untimed
// passes let the JIT compile the hot paths, then REPEATS timed passes; prints the same columns as
// analysis_bench: system, docs, bytes, tokens, wall median s, wall MB/s, CPU median s (of the
// analysing thread; JIT and GC threads excluded), CPU MB/s, all wall seconds. MB = 10^6 bytes
// of UTF-8 input.
//
// Usage: java -cp lucene-core-4.10.4.jar:lucene-analyzers-common-4.10.4.jar:. \
//            LuceneAnalysisBench CORPUS REPEATS WARMUP
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.Version;

public final class LuceneAnalysisBench {
  private static String readLine(InputStream in) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') b.write(c);
    if (c == -1 && b.size() == 0) return null;
    return b.toString("US-ASCII");
  }

  private static long pass(ArabicAnalyzer analyzer, List<String> docs) throws Exception {
    long tokens = 0;
    long chars = 0;
    for (String doc : docs) {
      try (TokenStream ts = analyzer.tokenStream("body", new StringReader(doc))) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          tokens++;
          chars += term.length();
        }
        ts.end();
      }
    }
    if (chars < 0) System.out.print("");  // keep the term reads alive
    return tokens;
  }

  public static void main(String[] args) throws Exception {
    List<String> docs = new ArrayList<>();
    long bytes = 0;
    try (InputStream in = new BufferedInputStream(new FileInputStream(args[0]), 1 << 20)) {
      String header;
      while ((header = readLine(in)) != null) {
        int n = Integer.parseInt(header.trim());
        byte[] buf = in.readNBytes(n);
        in.read();  // '\n'
        docs.add(new String(buf, StandardCharsets.UTF_8));
        bytes += n;
      }
    }
    int repeats = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    ArabicAnalyzer analyzer = new ArabicAnalyzer(Version.LUCENE_4_10_4);
    long tokens = 0;
    for (int i = 0; i < warmup; i++) tokens = pass(analyzer, docs);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] seconds = new double[repeats];
    double[] cpu = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      tokens = pass(analyzer, docs);
      seconds[r] = (System.nanoTime() - t0) / 1e9;
      cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    }
    double median = median(seconds);
    double cpuMedian = median(cpu);
    StringBuilder all = new StringBuilder();
    for (int r = 0; r < repeats; r++) {
      if (r > 0) all.append(',');
      all.append(String.format(Locale.ROOT, "%.4f", seconds[r]));
    }
    System.out.println(String.format(Locale.ROOT, "lucene\t%d\t%d\t%d\t%.4f\t%.2f\t%.4f\t%.2f\t%s",
        docs.size(), bytes, tokens, median, bytes / median / 1e6, cpuMedian, bytes / cpuMedian / 1e6,
        all));
  }

  private static double median(double[] v) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
