// `rasd extract` and `rasd tag`: entities, quotes and dates of articles; BIO tags of tokens.
// Both are contracts (scripts outside the project depend on them); the JSON shape is
// documented in engine/extraction.h and in the help text below.
#include <cstdio>
#include <iostream>
#include <string>

#include "rasd/base/json.h"
#include "rasd/base/macros.h"
#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/cli/input.h"
#include "rasd/engine/analysis.h"
#include "rasd/engine/article.h"
#include "rasd/engine/extraction.h"

namespace rasd::cli {
namespace {

constexpr char kExtractUsage[] =
    "usage: rasd extract [--json] [--jsonl] [--model FILE] [FILE|-]\n"
    "Finds the people, places and organisations an article names (variants merged under one\n"
    "canonical name and id), who said what (direct and reported speech with the speaker), and\n"
    "the dates it mentions.\n"
    "Input: a plain-text article (one per file, or on standard input), or JSON Lines (a file\n"
    "named *.jsonl or *.jsonl.zst, or --jsonl) with one article per line under the rules of\n"
    "`rasd index`: `id` (required), `body` (or `text`), optional `date` (ISO 8601, resolves\n"
    "أمس / الثلاثاء). With JSONL there is one output line per input line, in order; a bad or\n"
    "blank line gives {\"id\":null,\"error\":…} on its line, a message on stderr naming the\n"
    "line, and exit status 1 at the end. Extraction reads the first 2 MiB of a body.\n"
    "Output with --json, one object per article:\n"
    "  {\"id\":…,\"entities\":[{\"text\",\"type\":\"PERS|LOC|ORG|MISC\",\"start\",\"end\",\n"
    "    \"canonical\",\"entity_id\"}],\n"
    "   \"quotes\":[{\"speaker\",\"speaker_canonical\",\"speaker_id\",\"speaker_start\",\n"
    "    \"speaker_end\",\"verb\",\"quote\",\"direct\":true|false,\"kind\":\"direct|reported\",\n"
    "    \"start\",\"end\"}],\n"
    "   \"dates\":[{\"text\",\"start\",\"end\",\"value\",\"kind\":\"absolute|relative|hijri\"}]}\n"
    "start/end are byte offsets into the body (or the plain text). An entity's text is the\n"
    "name without attached proclitics or titles; speaker_canonical is the resolved entity's\n"
    "canonical name (or a designation such as مصادر محلية), never a pronoun.\n";

constexpr char kTagUsage[] =
    "usage: rasd tag --conll [--model FILE] [FILE|-]\n"
    "Reads one token per line (blank line between sentences) and prints token<TAB>tag with BIO\n"
    "tags B-PERS, I-PERS, B-LOC, I-LOC, B-ORG, I-ORG, B-MISC, I-MISC, O, keeping the blank\n"
    "lines, so the output aligns line by line with the input. The input marks no articles,\n"
    "so each sentence is tagged with the 8 sentences on either side as its article: the\n"
    "tagger's document stage reads them, and a name found there is found again where the\n"
    "sentence repeats it untagged (as `rasd extract` does within an article).\n";

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A JSONL record under `rasd index`'s rules (engine::ArticleFromJson: a key given twice, an
// id that is not a string or an exact integer, no text; engine::ValidateArticleId), with
// "text" still read as "body" when there is no "body".
Result<engine::Article> ReadRecord(std::string_view line) {
  RASD_ASSIGN_OR_RETURN(base::JsonValue doc, base::ParseJson(line));
  if (doc.is_object() && doc.Find("body") == nullptr && doc.Find("text") != nullptr) {
    std::vector<base::JsonValue::Member> members = doc.object_members();
    for (base::JsonValue::Member& m : members) {
      if (m.first == "text") m.first = "body";
    }
    doc = base::JsonValue::Object(std::move(members));
  }
  RASD_ASSIGN_OR_RETURN(engine::Article article, engine::ArticleFromJson(doc));
  RASD_RETURN_IF_ERROR(engine::ValidateArticleId(article.id));
  return article;
}

void PrintHuman(const engine::ArticleExtraction& x, std::string* out) {
  if (!x.id.empty()) *out += "# " + x.id + "\n";
  for (const auto& e : x.entities) {
    *out += e.type + "\t" + e.text + "\t" + e.canonical + "\t" + std::to_string(e.start) + "-" +
            std::to_string(e.end) + "\n";
  }
  for (const auto& q : x.quotes) {
    *out += std::string(q.direct ? "QUOTE" : "SAID") + "\t" +
            (q.speaker_canonical.empty() ? "?" : q.speaker_canonical) + "\t" + q.verb + "\t" +
            q.quote + "\n";
  }
  for (const auto& d : x.dates) *out += "DATE\t" + d.text + "\t" + d.value + "\n";
}

}  // namespace

int RunExtract(const std::vector<std::string>& args) {
  Flags flags;
  flags.Switch("json", "one JSON object per article (the contract above)")
      .Switch("jsonl", "the input is JSON Lines whatever its name")
      .Value("model", "FILE", "entity model (default: models/ner.model)")
      .Switch("help", "show this help");
  if (auto exit = ParseCommandLine(&flags, args, "rasd extract", kExtractUsage)) return *exit;
  if (flags.positional().size() > 1) {
    std::cerr << "rasd extract: give one FILE (or - for standard input)\n";
    return kExitUsage;
  }
  const std::string path = flags.positional().empty() ? "-" : flags.positional().front();
  const bool jsonl = flags.Has("jsonl") || EndsWith(path, ".jsonl") || EndsWith(path, ".jsonl.zst");
  const bool json = flags.Has("json");
  engine::ExtractorOptions options;
  options.model_path = flags.GetOr("model", "");
  auto extractor = engine::Extractor::Open(options);
  if (!extractor.ok()) {
    std::cerr << "rasd extract: " << extractor.status().ToString() << "\n";
    return kExitFailure;
  }
  if (!(*extractor)->ModelMatchesAnalyzer()) {
    std::cerr << "rasd extract: warning: the entity model was trained with another version of "
                 "the text analyser; run `rasd train ner` to refresh it\n";
  }
  std::string out;
  auto emit = [&](const engine::ArticleExtraction& x) {
    if (json) {
      engine::AppendExtractionJson(x, &out);
      out += '\n';
    } else {
      PrintHuman(x, &out);
    }
    if (out.size() > (1 << 20)) {
      std::cout << out;
      out.clear();
    }
  };
  if (!jsonl) {
    Result<std::string> text = ReadInput(path);
    if (!text.ok()) {
      std::cerr << "rasd extract: " << text.status().message() << "\n";
      return kExitFailure;
    }
    const std::string_view body = engine::SkipByteOrderMark(*text);
    // Byte ranges of bad text would point into bytes no reader can show: refuse it, as
    // `rasd analyze` does.
    if (Status valid = engine::ValidateUtf8(body); !valid.ok()) {
      std::cerr << "rasd extract: " << (path == "-" ? "stdin" : path) << ": " << valid.message()
                << "\n";
      return kExitFailure;
    }
    emit((*extractor)->Extract({"", body, ""}));
    std::cout << out << std::flush;
    return kExitOk;
  }
  bool failed = false;
  Status s = engine::ForEachInputLine(path, [&](std::string_view line, size_t line_number) -> Status {
    if (line_number == 1) line = engine::SkipByteOrderMark(line);  // as `rasd index` does
    Result<engine::Article> article = ReadRecord(line);
    if (!article.ok()) {
      const std::string error = article.status().message();
      failed = true;
      std::cerr << "rasd extract: " << path << ": line " << line_number << ": " << error << "\n";
      base::JsonWriter w(&out);
      w.BeginObject().Key("id").Null().Key("error").String("line " + std::to_string(line_number) + ": " + error).EndObject();
      out += '\n';
      return Status::OK();
    }
    emit((*extractor)->Extract({article->id, article->body, article->date}));
    return Status::OK();
  });
  std::cout << out << std::flush;
  if (!s.ok()) {
    std::cerr << "rasd extract: " << s.ToString() << "\n";
    return kExitFailure;
  }
  return failed ? kExitFailure : kExitOk;
}

int RunTag(const std::vector<std::string>& args) {
  Flags flags;
  flags.Switch("conll", "CoNLL input: one token per line, blank line between sentences")
      .Value("model", "FILE", "entity model (default: models/ner.model)")
      .Switch("help", "show this help");
  if (auto exit = ParseCommandLine(&flags, args, "rasd tag", kTagUsage)) return *exit;
  if (!flags.Has("conll") || flags.positional().size() > 1) {
    std::cerr << kTagUsage << flags.Help();
    return kExitUsage;
  }
  auto tagger = engine::ConllTagger::Open(flags.GetOr("model", ""));
  if (!tagger.ok()) {
    std::cerr << "rasd tag: " << tagger.status().ToString() << "\n";
    return kExitFailure;
  }
  const std::string path = flags.positional().empty() ? "-" : flags.positional().front();
  // Sentences are tagged in pieces, each with ConllTagger::Context() sentences on either side
  // (its sentences' documents and the windows their names are carried over), so the input is
  // held a piece at a time. Each
  // sentence keeps the blank lines that followed it, to print them in place.
  const size_t piece = engine::ConllTagger::Piece();
  const size_t context = engine::ConllTagger::Context();
  std::vector<std::vector<std::string>> sentences;
  std::vector<size_t> blanks_after;  // per sentence
  size_t done = 0;                   // sentences[0, done) are printed (the rest wait)
  bool open = false;                 // the last sentence still takes tokens
  std::string out;
  auto print = [&](size_t end) {
    const std::vector<std::vector<std::string>> tags = (*tagger)->Tag(sentences, done, end);
    for (size_t j = done; j < end; ++j) {
      for (size_t i = 0; i < sentences[j].size(); ++i) {
        out += sentences[j][i] + "\t" + tags[j - done][i] + "\n";
      }
      out.append(blanks_after[j], '\n');
    }
    done = end;
    // Only the context of the next piece is kept.
    const size_t drop = done > context ? done - context : 0;
    sentences.erase(sentences.begin(), sentences.begin() + static_cast<long>(drop));
    blanks_after.erase(blanks_after.begin(), blanks_after.begin() + static_cast<long>(drop));
    done -= drop;
    std::cout << out;
    out.clear();
  };
  Status s = engine::ForEachInputLine(path, [&](std::string_view line, size_t line_number) -> Status {
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      open = false;
      if (done == sentences.size()) {
        out += "\n";  // nothing waits to be printed before it
      } else {
        ++blanks_after.back();
      }
      if (sentences.size() >= done + piece + context) print(done + piece);
      return Status::OK();
    }
    if (!open) {
      sentences.emplace_back();
      blanks_after.push_back(0);
      open = true;
    }
    std::vector<std::string>& sentence = sentences.back();
    sentence.emplace_back(line.substr(0, line.find('\t')));
    // The line keeps its place in the output (the contract aligns output with input), but a
    // token that is not UTF-8 is named: the tagger cannot read it and tags it as it can.
    if (Status valid = engine::ValidateUtf8(sentence.back()); !valid.ok()) {
      std::cerr << "rasd tag: warning: " << (path == "-" ? "stdin" : path) << ":" << line_number
                << ": token " << valid.message() << "\n";
    }
    return Status::OK();
  });
  print(sentences.size());
  std::cout << std::flush;
  if (!s.ok()) {
    std::cerr << "rasd tag: " << s.ToString() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace rasd::cli
