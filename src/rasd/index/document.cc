// IndexDocument: the builder and its validation. All bytes live in one arena string so that
// a reused document adds tokens without heap allocations once its buffers have grown.
#include "rasd/index/document.h"

#include <algorithm>
#include <string>
#include <vector>

#include "rasd/base/hash.h"
#include "rasd/base/heap.h"

namespace rasd::index {

void IndexDocument::Clear() {
  base::ClearBounded(&id_, kKeptBytes);
  base::ClearBounded(&arena_, kKeptBytes);
  base::ClearBounded(&stored_, kKeptBytes);
  text_fields_.clear();
  // The room is kept (GrowTokens makes it again by doubling), up to kKeptTokens records.
  if (tokens_.slots.size() > kKeptTokens) std::vector<TokenRec>(kKeptTokens).swap(tokens_.slots);
  tokens_.size = 0;
  tokens_suspect_ = false;
  keywords_.clear();
  numerics_.clear();
}

size_t IndexDocument::capacity_bytes() const {
  return id_.capacity() + arena_.capacity() + stored_.capacity() +
         tokens_.slots.capacity() * sizeof(TokenRec) +
         text_fields_.capacity() * sizeof(TextFieldRec) +
         keywords_.capacity() * sizeof(KeywordRec) + numerics_.capacity() * sizeof(NumericRec);
}

void IndexDocument::set_id(std::string_view id) { id_.assign(id); }
std::string_view IndexDocument::id() const { return id_; }

IndexDocument::Span IndexDocument::Intern(std::string_view bytes) {
  Span s{static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(bytes.size())};
  arena_.append(bytes);
  return s;
}

size_t IndexDocument::AddTextField(std::string_view name, TextFieldOptions options) {
  TextFieldRec rec;
  rec.name = Intern(name);
  rec.options = options;
  text_fields_.push_back(rec);
  return text_fields_.size() - 1;
}

size_t IndexDocument::AddToken(size_t field, std::string_view term, uint32_t position,
                               size_t parent) {
  return Push(field, position, Intern(term), base::Hash64(term), parent);
}

IndexDocument::TermBuffer IndexDocument::AddTermBuffer(std::string_view buffer) {
  return TermBuffer{buffer, Intern(buffer).offset};
}

void IndexDocument::GrowTokens() {
  tokens_.slots.resize(std::max<size_t>(64, 2 * tokens_.slots.size()));
}

void IndexDocument::AddKeyword(std::string_view field, std::string_view value) {
  KeywordRec rec;
  rec.field = Intern(field);
  rec.value = Intern(value);
  keywords_.push_back(rec);
}

void IndexDocument::AddNumeric(std::string_view field, int64_t value) {
  NumericRec rec;
  rec.field = Intern(field);
  rec.value = value;
  numerics_.push_back(rec);
}

void IndexDocument::set_stored(std::string_view blob) { stored_.assign(blob); }

IndexDocument::TextFieldView IndexDocument::text_field(size_t i) const {
  const TextFieldRec& r = text_fields_[i];
  return TextFieldView{View(r.name), r.options, r.num_tokens};
}

IndexDocument::KeywordView IndexDocument::keyword(size_t i) const {
  const KeywordRec& r = keywords_[i];
  return KeywordView{View(r.field), View(r.value)};
}

IndexDocument::NumericView IndexDocument::numeric(size_t i) const {
  const NumericRec& r = numerics_[i];
  return NumericView{View(r.field), r.value};
}

namespace {

Status CheckName(std::string_view kind, std::string_view name) {
  if (name.empty()) return Status::InvalidArgument(std::string(kind) + " field with an empty name");
  if (name.size() > kMaxFieldNameBytes) {
    return Status::InvalidArgument(std::string(kind) + " field name longer than " +
                                   std::to_string(kMaxFieldNameBytes) + " bytes");
  }
  if (name == kIdFieldName) {
    return Status::InvalidArgument(std::string(kind) + " field name \"_id\" is reserved");
  }
  return Status::OK();
}

}  // namespace

Status IndexDocument::Validate() const {
  if (id_.empty()) return Status::InvalidArgument("document without an id");
  if (id_.size() > kMaxTermBytes) {
    return Status::InvalidArgument("document id longer than " + std::to_string(kMaxTermBytes) +
                                   " bytes");
  }
  // Documents have few fields: quadratic name comparisons beat hashing, and reused
  // thread-local scratch keeps this allocation-free (it runs once per added document).
  thread_local std::vector<uint32_t> canonical;  // text handle -> first handle of its name
  thread_local std::vector<int64_t> last_position;
  const size_t n_text = text_fields_.size();
  canonical.resize(n_text);
  bool names_repeat = false;
  for (size_t i = 0; i < n_text; ++i) {
    const std::string_view name = View(text_fields_[i].name);
    if (Status s = CheckName("text", name); !s.ok()) return s;
    canonical[i] = static_cast<uint32_t>(i);
    for (size_t j = 0; j < i; ++j) {
      if (View(text_fields_[j].name) == name) {
        canonical[i] = canonical[j];
        names_repeat = true;
        break;
      }
    }
  }
  for (const KeywordRec& k : keywords_) {
    const std::string_view name = View(k.field);
    if (Status s = CheckName("keyword", name); !s.ok()) return s;
    for (const TextFieldRec& f : text_fields_) {
      if (View(f.name) == name) {
        return Status::InvalidArgument("field \"" + std::string(name) +
                                       "\" is used both as text and as keyword");
      }
    }
    if (k.value.size > kMaxTermBytes) {
      return Status::InvalidArgument("keyword value of field \"" + std::string(name) +
                                     "\" longer than " + std::to_string(kMaxTermBytes) + " bytes");
    }
  }
  for (size_t i = 0; i < numerics_.size(); ++i) {
    const std::string_view name = View(numerics_[i].field);
    if (name.empty() || name.size() > kMaxFieldNameBytes) {
      return Status::InvalidArgument("numeric field name empty or longer than " +
                                     std::to_string(kMaxFieldNameBytes) + " bytes");
    }
    for (size_t j = 0; j < i; ++j) {
      if (View(numerics_[j].field) == name) {
        return Status::InvalidArgument("numeric field \"" + std::string(name) +
                                       "\" has more than one value");
      }
    }
  }
  // Push checked each token against its handle's rules as it came: with one handle per name,
  // they are the rules per name below.
  if (!tokens_suspect_ && !names_repeat) return Status::OK();
  // Positions must not decrease within a field name.
  last_position.assign(n_text, -1);
  for (size_t i = 0; i < tokens_.size; ++i) {
    const TokenRec& t = tokens_.slots[i];
    if (t.field >= n_text) {
      return Status::InvalidArgument("token for undeclared text field handle " +
                                     std::to_string(t.field));
    }
    if (t.parent != 0) [[unlikely]] {
      const uint64_t parent = uint64_t{t.parent} - 1;
      if (parent >= i || tokens_.slots[parent].field >= n_text ||
          canonical[tokens_.slots[parent].field] == canonical[t.field]) {
        return Status::InvalidArgument(
            "token " + std::to_string(i) + " of field \"" +
            std::string(View(text_fields_[t.field].name)) +
            "\" names a parent token that is not an earlier token of another field");
      }
    }
    const uint32_t c = canonical[t.field];
    if (t.term.size > kMaxTermBytes || t.position > kMaxPosition ||
        static_cast<int64_t>(t.position) < last_position[c]) [[unlikely]] {
      const std::string name(View(text_fields_[t.field].name));
      if (t.term.size > kMaxTermBytes) {
        return Status::InvalidArgument("term in field \"" + name + "\" longer than " +
                                       std::to_string(kMaxTermBytes) + " bytes");
      }
      if (t.position > kMaxPosition) {
        return Status::InvalidArgument("position " + std::to_string(t.position) +
                                       " in field \"" + name + "\" is too large");
      }
      return Status::InvalidArgument("positions decrease in field \"" + name + "\" (" +
                                     std::to_string(last_position[c]) + " then " +
                                     std::to_string(t.position) + ")");
    }
    last_position[c] = t.position;
  }
  return Status::OK();
}

}  // namespace rasd::index
