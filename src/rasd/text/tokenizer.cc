// Tokenizer: one pass over the bytes, one table lookup per code point (see tokenizer.h).
#include "rasd/text/tokenizer.h"

#include <algorithm>
#include <string>

#include "rasd/text/internal/tokenizer_run.h"
#include "rasd/text/normalize.h"

namespace rasd::text {

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kArabic:
      return "arabic";
    case TokenKind::kLatin:
      return "latin";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kMixed:
      return "mixed";
    case TokenKind::kUrl:
      return "url";
    case TokenKind::kEmail:
      return "email";
  }
  return "unknown";
}

void ByteArena::Grow(size_t n) {
  size_t capacity = std::max<size_t>(capacity_ * 2, 256);
  while (capacity - size_ < n) capacity *= 2;
  std::unique_ptr<char[]> data(new char[capacity]);
  if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}


Tokenizer::Tokenizer(TokenizerOptions options) : options_(options) {
  NormalizationTable::Get();  // build the table now, not during the first Tokenize
}

Status Tokenizer::Tokenize(std::string_view text, ByteArena* arena,
                           std::vector<TokenSpan>* out) const {
  struct VectorSink {
    std::vector<TokenSpan>* out;
    void Emit(const TokenSpan& span) { out->push_back(span); }
  } sink{out};
  internal::Run<VectorSink> run(options_, text, arena, &sink);
  return run.Go();
}

}  // namespace rasd::text
