// BuildIndexDocument (document_builder.h): one analysis pass per text field, two index fields
// filled from it.
#include "rasd/search/document_builder.h"

#include <cstdint>

#include "rasd/base/macros.h"
#include "rasd/search/schema.h"

namespace rasd::search {
namespace {

Status AddText(std::string_view text, std::string_view stem_field, std::string_view exact_field,
               std::string_view stop_field, std::string_view what, const text::Analyzer& analyzer,
               text::AnalyzedText* scratch, index::IndexDocument* out) {
  if (text.empty()) return Status::OK();
  Status s = analyzer.Analyze(text, scratch);
  if (!s.ok()) return s.WithContext(what);
  if (scratch->empty()) return Status::OK();
  const size_t stem = out->AddTextField(stem_field);
  // Every token is indexed once with its position (schema.h): a content word's stem in the
  // stem field (and its exact form, without position, in the exact field), a stopword in the
  // stop field.
  const size_t exact = out->AddTextField(exact_field, index::TextFieldOptions{.positions = false});
  size_t stop = SIZE_MAX;
  // The analysis's bytes copied once, rather than each norm and stem apart (those copies were
  // about 8% of the analysing thread's instructions when indexing).
  const index::IndexDocument::TermBuffer bytes = out->AddTermBuffer(scratch->bytes());
  for (const text::Token& t : scratch->tokens()) {
    if (!t.stop) {
      // The exact form names its stem token: the index then stores the exact field's
      // postings as ranks in the stem's (about 40% smaller; docs/FORMAT.md section 6).
      const size_t stem_token = out->AddToken(stem, bytes, t.stem, t.position);
      out->AddToken(exact, bytes, t.norm, t.position, stem_token);
    } else {
      if (stop == SIZE_MAX) stop = out->AddTextField(stop_field);
      out->AddToken(stop, bytes, t.norm, t.position);
    }
  }
  return Status::OK();
}

}  // namespace

Status BuildIndexDocument(const ArticleFields& article, const text::Analyzer& analyzer,
                          text::AnalyzedText* scratch, index::IndexDocument* out,
                          const BuildOptions& options) {
  out->Clear();
  if (article.id.empty()) return Status::InvalidArgument("article without an id");
  out->set_id(article.id);
  if (options.index_title) {
    RASD_RETURN_IF_ERROR(AddText(article.title, kTitleField, kTitleExactField, kTitleStopField,
                                 "title", analyzer, scratch, out));
  }
  RASD_RETURN_IF_ERROR(AddText(article.body, kBodyField, kBodyExactField, kBodyStopField, "body",
                               analyzer, scratch, out));
  if (!article.source.empty()) out->AddKeyword(kSourceField, article.source);
  if (article.date.has_value()) out->AddNumeric(kDateField, *article.date);
  return Status::OK();
}

}  // namespace rasd::search
