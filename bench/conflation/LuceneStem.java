// LuceneStem: Lucene 4.10's Arabic normaliser + light stemmer applied to one word per line.
//
// Reads words (UTF-8, one per line) on standard input and prints, for each, the result of
// org.apache.lucene.analysis.ar.ArabicNormalizer followed by ArabicStemmer: exactly what
// ArabicAnalyzer's ArabicNormalizationFilter and ArabicStemFilter do to a token. The tokenizer,
// LowerCaseFilter and StopFilter are bypassed on purpose: the conflation evaluation stems every
// form (stopwords included) for every system. Build: javac -cp lucene-analyzers-common-4.10.4.jar.
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.ar.ArabicStemmer;

public final class LuceneStem {
  public static void main(String[] args) throws Exception {
    ArabicNormalizer normalizer = new ArabicNormalizer();
    ArabicStemmer stemmer = new ArabicStemmer();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      char[] buf = line.toLowerCase(java.util.Locale.ROOT).toCharArray();
      int len = normalizer.normalize(buf, buf.length);
      len = stemmer.stem(buf, len);
      out.write(buf, 0, len);
      out.write('\n');
    }
    out.flush();
  }
}
