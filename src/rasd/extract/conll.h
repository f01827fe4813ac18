// Reading CoNLL-style NER data: one `TOKEN<TAB>TAG` per line, a blank line after each
// sentence (the format of ../shared/data/ner/*, see its README section 2).
//
// Errors are values: a line without a tab or with an unknown tag is InvalidArgument naming
// the line number. Lines may end in CRLF. A final sentence without a trailing blank line is
// kept.
//
// Thread-safety: pure functions over values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

struct ConllSentence {
  std::vector<std::string> tokens;
  std::vector<Tag> tags;  // same length as tokens
};

// Parses CoNLL text. `source_name` prefixes error messages ("train.conll: line 12: ...").
Result<std::vector<ConllSentence>> ParseConll(std::string_view text,
                                              std::string_view source_name = "conll");
// Reads and parses a file (IOError / NotFound from the file system, else as ParseConll).
Result<std::vector<ConllSentence>> ReadConllFile(const std::string& path);

// Reads tokens only (one per line, blank line between sentences; anything after a tab is
// ignored), as `rasd tag --conll` accepts. Never fails.
std::vector<std::vector<std::string>> ParseTokenLines(std::string_view text);

}  // namespace rasd::extract
