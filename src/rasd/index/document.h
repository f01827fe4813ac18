// IndexDocument: what the index is given for one document.
//
// The index knows nothing of languages or articles. A document is:
//   - an external id (any non-empty byte string; adding an id that already exists replaces
//     the old document: delete + add),
//   - text fields: a field name and its tokens as (term bytes, position) pairs. A caller may
//     index one piece of text as several fields (e.g. "body" with stems and "body.exact" with
//     normalised surface forms). The token count of a text field is its length, stored per
//     document (quantised, see postings.h) for BM25 length normalisation. A token may name
//     a *parent token* of another text field (the stem of an exact form): the index then
//     stores the field's postings relative to the parent term's (FORMAT.md section 6), which
//     makes them much smaller; what is indexed and searched does not change;
//   - keyword fields: untokenised, multi-valued values (a source, entity ids, speaker ids),
//     indexed as postings (for filtering) and as per-document ordinals (sorted-set doc values,
//     for facet counting);
//   - numeric values: at most one int64 per name (a date as epoch seconds), stored per
//     document for range filters and sorting;
//   - one opaque stored blob (the caller's serialised record), compressed on disk.
//
// Building a document allocates only when its internal buffers grow: reuse one IndexDocument
// (Clear() keeps the capacity, up to a bound) to add many documents without per-token heap
// allocations.
//
// Names: text and keyword field names share one namespace (a name is either text or keyword
// within an index); numeric names are a separate namespace. The text/keyword name "_id" is
// reserved (the index keeps external ids under it).
//
// Thread-safety: a plain value; distinct objects may be used concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rasd/base/check.h"
#include "rasd/base/hash.h"
#include "rasd/base/status.h"

namespace rasd::index {

// Longest term, keyword value or external id, in bytes. Longer ones make AddDocument return
// InvalidArgument (an analyser should never produce them; Lucene has the same kind of limit).
inline constexpr size_t kMaxTermBytes = 8192;
// Longest field name, in bytes.
inline constexpr size_t kMaxFieldNameBytes = 255;
// Largest token position.
inline constexpr uint32_t kMaxPosition = (1u << 31) - 1;
// AddToken's `parent` when the token has none.
inline constexpr size_t kNoParentToken = SIZE_MAX;
// The reserved field name under which external ids are indexed.
inline constexpr std::string_view kIdFieldName = "_id";

struct TextFieldOptions {
  // Store token positions (needed for phrase queries). Meant as a property of the field
  // name: give every document the same value. Within one segment the first document that
  // has the field decides; a merge keeps positions only when every merged segment has them.
  bool positions = true;
};

class IndexDocument {
 public:
  struct TextFieldView {
    std::string_view name;
    TextFieldOptions options;
    size_t num_tokens = 0;
  };
  struct TokenView {
    uint32_t field = 0;  // index of the text field (as returned by AddTextField)
    std::string_view term;
    uint32_t position = 0;
    size_t parent = kNoParentToken;  // index of the parent token (see AddToken)
    // base::Hash64(term), computed by AddToken: the thread that builds a document hashes its
    // terms, so that the writer's indexing thread, the busier one, need not.
    uint64_t hash = 0;
  };
  struct KeywordView {
    std::string_view field;
    std::string_view value;
  };
  struct NumericView {
    std::string_view field;
    int64_t value = 0;
  };

  IndexDocument() = default;

  // Forgets everything but keeps the allocated capacity, except that buffers grown past
  // kKeptTokens token records or kKeptBytes bytes (the longest articles: about one in a
  // hundred news articles needs more) are given back. The ingest reuses a pool of some 130
  // documents (its ring and the writer's recycled copies), and each would otherwise keep
  // the room of the longest article it ever carried: one 10 MB article left 160 MB behind.
  void Clear();
  static constexpr size_t kKeptTokens = 2048;
  static constexpr size_t kKeptBytes = size_t{32} << 10;
  // The bytes of buffer room the document holds, used or not (what a reused one costs).
  size_t capacity_bytes() const;

  void set_id(std::string_view id);
  std::string_view id() const;

  // Declares a text field and returns its handle for AddToken. Fields may be filled in any
  // interleaving (e.g. one pass of analysis emitting stems and exact forms). The same name
  // may be declared twice: the tokens then form one field (positions must still be
  // non-decreasing across both).
  size_t AddTextField(std::string_view name, TextFieldOptions options = {});
  // Appends a token to text field `field` (a handle from AddTextField) and returns its index
  // among the document's tokens. Within one field, positions must be non-decreasing in the
  // order tokens are added; several tokens may share a position.
  //
  // `parent`, when given, is the index of an earlier token of another text field that this
  // token derives from (the stem token of an exact form). It is a storage hint: when every
  // token of a term names a parent token of the same term (one "stem" per term) and all of a
  // field's parent tokens are in one field whose name sorts before this field's, the index
  // codes the term's documents as ranks in its stem's documents. Searches see the same
  // postings either way.
  size_t AddToken(size_t field, std::string_view term, uint32_t position,
                  size_t parent = kNoParentToken);

  // Terms given as views into one buffer, for a caller whose terms all lie in one (an
  // analyser's output holds every norm and stem of a text): AddTermBuffer copies the buffer
  // once, and the AddToken below then copies nothing. A token whose term is the very bytes of
  // its parent's term (an exact form that is its own stem) also reuses the parent's hash.
  struct TermBuffer {
    std::string_view source;  // the caller's buffer
    uint32_t offset = 0;      // where the document's copy of it starts
  };
  TermBuffer AddTermBuffer(std::string_view buffer);
  // As AddToken above, with `term` a view into `buffer.source` (checked: any other view is a
  // bug of the caller and aborts).
  [[gnu::always_inline]] size_t AddToken(size_t field, const TermBuffer& buffer,
                                         std::string_view term, uint32_t position,
                                         size_t parent = kNoParentToken);

  // Adds one value of a keyword field (duplicates within a document count once).
  void AddKeyword(std::string_view field, std::string_view value);
  // Sets the numeric value `field` (at most one per name per document).
  void AddNumeric(std::string_view field, int64_t value);

  void set_stored(std::string_view blob);
  std::string* mutable_stored() { return &stored_; }
  std::string_view stored() const { return stored_; }

  // Read access (used by the writer, the log, and tests).
  size_t num_text_fields() const { return text_fields_.size(); }
  TextFieldView text_field(size_t i) const;
  size_t num_tokens() const { return tokens_.size; }
  // Tokens of all fields in the order they were added.
  TokenView token(size_t i) const {
    const TokenRec& r = tokens_.slots[i];
    return TokenView{r.field, std::string_view(arena_.data() + r.term.offset, r.term.size),
                     r.position, r.parent == 0 ? kNoParentToken : size_t{r.parent} - 1, r.hash};
  }
  size_t num_keywords() const { return keywords_.size(); }
  KeywordView keyword(size_t i) const;
  size_t num_numerics() const { return numerics_.size(); }
  NumericView numeric(size_t i) const;

  // Checks the limits above: non-empty id; names non-empty, at most kMaxFieldNameBytes, not
  // "_id", not used as both text and keyword; terms, values and the id at most
  // kMaxTermBytes; a parent token earlier than its child and of another field name;
  // positions non-decreasing per field and at most kMaxPosition; at most one numeric value
  // per name. InvalidArgument naming the field otherwise.
  Status Validate() const;

 private:
  struct Span {
    uint32_t offset = 0;
    uint32_t size = 0;
  };
  struct TextFieldRec {
    Span name;
    TextFieldOptions options;
    uint32_t num_tokens = 0;
    uint32_t last_position = 0;  // of its last token
  };
  struct TokenRec {
    uint32_t field;
    uint32_t position;
    Span term;
    uint32_t parent;  // token index + 1; 0 = none
    uint64_t hash;    // base::Hash64 of the term
  };
  struct KeywordRec {
    Span field;
    Span value;
  };
  struct NumericRec {
    Span field;
    int64_t value;
  };

  Span Intern(std::string_view bytes);
  [[gnu::always_inline]] size_t Push(size_t field, uint32_t position, Span term, uint64_t hash,
                                      size_t parent);
  [[gnu::noinline]] void GrowTokens();
  std::string_view View(Span s) const { return std::string_view(arena_).substr(s.offset, s.size); }

  std::string id_;
  std::string arena_;  // names, terms and values, referenced by Span
  std::vector<TextFieldRec> text_fields_;
  // Token records with room after the last, so that adding one is a store: the growth path of
  // std::vector::push_back, inlined, made every token pay for the registers it needs. Empty
  // once moved from.
  struct TokenRoom {
    std::vector<TokenRec> slots;  // the first `size` are the document's
    size_t size = 0;

    TokenRoom() = default;
    TokenRoom(const TokenRoom&) = default;
    TokenRoom& operator=(const TokenRoom&) = default;
    TokenRoom(TokenRoom&& other) noexcept
        : slots(std::move(other.slots)), size(std::exchange(other.size, 0)) {}
    TokenRoom& operator=(TokenRoom&& other) noexcept {
      if (this != &other) {
        slots = std::move(other.slots);
        other.slots.clear();
        size = std::exchange(other.size, 0);
      }
      return *this;
    }
  };
  TokenRoom tokens_;
  // Some token broke a rule that Push checks as it goes (a known handle, a term of at most
  // kMaxTermBytes, positions at most kMaxPosition and not decreasing within the handle, a
  // parent earlier and of another handle): only then, or when two handles share a name, does
  // Validate walk the tokens (a walk that cost 4% of the indexing thread's instructions).
  bool tokens_suspect_ = false;
  std::vector<KeywordRec> keywords_;
  std::vector<NumericRec> numerics_;
  std::string stored_;
};

// The token path of an analysed text, inline: as calls, their entries and exits cost more
// than their bodies (measured with callgrind when indexing the news corpora).
inline size_t IndexDocument::AddToken(size_t field, const TermBuffer& buffer,
                                      std::string_view term, uint32_t position, size_t parent) {
  const auto from = reinterpret_cast<uintptr_t>(term.data()) -
                    reinterpret_cast<uintptr_t>(buffer.source.data());
  RASD_CHECK_MSG(from <= buffer.source.size() && term.size() <= buffer.source.size() - from,
                 "a term outside its TermBuffer");
  const Span span{buffer.offset + static_cast<uint32_t>(from), static_cast<uint32_t>(term.size())};
  // About a third of an Arabic text's exact forms are their own stems (measured on the news
  // corpora), so the hash of the stem token just added is often the one wanted.
  if (parent < tokens_.size) {
    const TokenRec& p = tokens_.slots[parent];
    if (p.term.offset == span.offset && p.term.size == span.size) {
      return Push(field, position, span, p.hash, parent);
    }
  }
  return Push(field, position, span, base::Hash64(term), parent);
}

inline size_t IndexDocument::Push(size_t field, uint32_t position, Span term, uint64_t hash,
                                  size_t parent) {
  TokenRec rec;
  rec.field = static_cast<uint32_t>(field);
  rec.position = position;
  rec.term = term;
  rec.hash = hash;
  // Out-of-range parents (including kNoParentToken) are kept as "none" only when they are
  // kNoParentToken; any other bad index is kept so that Validate reports it.
  rec.parent = parent == kNoParentToken ? 0
               : parent >= 0xFFFFFFFEu  ? 0xFFFFFFFFu
                                        : static_cast<uint32_t>(parent + 1);
  if (tokens_.size == tokens_.slots.size()) [[unlikely]] GrowTokens();
  if (field < text_fields_.size()) [[likely]] {
    TextFieldRec& f = text_fields_[field];
    ++f.num_tokens;
    tokens_suspect_ |= (term.size > kMaxTermBytes) | (position > kMaxPosition) |
                       (position < f.last_position);
    f.last_position = position;
  } else {
    tokens_suspect_ = true;
  }
  if (parent != kNoParentToken) {
    tokens_suspect_ |= parent >= tokens_.size || tokens_.slots[parent].field == rec.field;
  }
  tokens_.slots[tokens_.size] = rec;
  return tokens_.size++;
}

}  // namespace rasd::index
