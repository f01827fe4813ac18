// Text analysis as the front ends see it: the analyser of rasd::text, re-exported here so
// that front ends depend only on engine/, plus the JSON shape of an analysed document that
// `rasd analyze --json` and the HTTP API share (a contract; scripts depend on it):
//   {"tokens":[{"text":…,"start":…,"end":…,"norm":…,"stem":…,"stop":true|false},…]}
// where start/end are byte offsets into the analysed text and "text" is the original bytes
// in that range (diacritics, tatweel and clitics intact).
#pragma once

#include <string>
#include <string_view>

#include "rasd/text/analyzer.h"
#include "rasd/text/utf8.h"

namespace rasd::engine {

using text::AnalyzedText;
using text::Analyzer;
using text::AnalyzerOptions;
using text::Token;
using text::TokenKind;
// OK, or InvalidArgument "invalid UTF-8 at byte N" (text/utf8.h), for front ends that check
// their input before analysing or extracting it.
using text::ValidateUtf8;
using text::SkipByteOrderMark;

// Appends the JSON object described above for `analyzed`, the analysis of `text`.
void AppendTokensJson(std::string_view text, const AnalyzedText& analyzed, std::string* out);

}  // namespace rasd::engine
