// BuildIndexDocument (document_builder.h): one analysis pass per text field, two index fields
// filled from it.
#include "rasd/search/document_builder.h"

#include "rasd/base/macros.h"
#include "rasd/search/schema.h"

namespace rasd::search {
namespace {

Status AddText(std::string_view text, std::string_view stem_field, std::string_view exact_field,
               std::string_view what, const text::Analyzer& analyzer, text::AnalyzedText* scratch,
               index::IndexDocument* out) {
  if (text.empty()) return Status::OK();
  Status s = analyzer.Analyze(text, scratch);
  if (!s.ok()) return s.WithContext(what);
  if (scratch->empty()) return Status::OK();
  const size_t stem = out->AddTextField(stem_field);
  const size_t exact = out->AddTextField(exact_field);
  for (const text::Token& t : scratch->tokens()) {
    if (!t.stop) out->AddToken(stem, t.stem, t.position);
    out->AddToken(exact, t.norm, t.position);
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
    RASD_RETURN_IF_ERROR(
        AddText(article.title, kTitleField, kTitleExactField, "title", analyzer, scratch, out));
  }
  RASD_RETURN_IF_ERROR(
      AddText(article.body, kBodyField, kBodyExactField, "body", analyzer, scratch, out));
  if (!article.source.empty()) out->AddKeyword(kSourceField, article.source);
  if (article.date.has_value()) out->AddNumeric(kDateField, *article.date);
  return Status::OK();
}

}  // namespace rasd::search
