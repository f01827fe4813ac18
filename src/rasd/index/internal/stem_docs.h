// StemDocsCache: the documents of stem terms, decoded for the rank coding of their exact
// forms (FORMAT.md section 6) when segments are merged. (A flush needs none: the in-memory
// buffer counts each posting's rank as documents arrive, segment_buffer.h.)
//
// A field with a parent field is written after it, term by term in its own order, and each
// term with a stem needs the stem's whole document list to turn its documents into ranks.
// The forms of one stem are scattered through the field (Arabic prefixes: كتاب, الكتاب,
// وكتاب), so a frequent stem is asked for many times; long lists are kept, up to a memory
// budget, and short ones decoded again (cheap). The budget is small on purpose: the cache
// lives beside a merge's readers and writer. At 250,000 articles, 4 MB instead of 32 MB took
// 25 MB off the peak and cost no measurable indexing time (decoding a list again is a few
// nanoseconds per document). Lists are handed out shared, so that a merge's writing thread
// can still use one while the reading thread asks for the next (internal/two_stage.h).
// Thread-safety: none (one thread calls Get; the lists it returns may go to another).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rasd::index::internal {

class StemDocsCache {
 public:
  // budget_docs: most documents held over all kept lists (4 bytes each).
  explicit StemDocsCache(uint64_t budget_docs = uint64_t{1} << 20) : budget_(budget_docs) {}

  using List = std::shared_ptr<const std::vector<uint32_t>>;

  // The list of stem `key`, from the cache or from fill(std::vector<uint32_t>*).
  template <typename Fill>
  List Get(uint32_t key, Fill&& fill) {
    auto it = kept_.find(key);
    if (it != kept_.end()) return it->second;
    // A list not kept is decoded into the scratch vector when nobody holds it any more (its
    // capacity spares an allocation per list), else into a new one, which lives as long as
    // its holders: a pool of them would keep the capacity of the largest list each ever held
    // (at a million articles, hundreds of megabytes).
    if (scratch_ == nullptr || scratch_.use_count() > 1) {
      scratch_ = std::make_shared<std::vector<uint32_t>>();
    }
    std::vector<uint32_t>& list = *scratch_;
    list.clear();
    fill(&list);
    if (list.size() >= kMinKept && used_ + list.size() <= budget_) {
      used_ += list.size();
      // A copy of exactly the list's size: the scratch keeps its (up to twice larger) capacity.
      return kept_.emplace(key, std::make_shared<const std::vector<uint32_t>>(list.begin(), list.end()))
          .first->second;
    }
    // Handed out from here on: the next Get finds it held (use_count 2) while this is alive.
    return scratch_;
  }

  // Documents held in kept lists (at most the budget).
  uint64_t held_docs() const { return used_; }

 private:
  static constexpr size_t kMinKept = 256;
  uint64_t budget_;
  uint64_t used_ = 0;
  std::unordered_map<uint32_t, List> kept_;
  std::shared_ptr<std::vector<uint32_t>> scratch_;
};

}  // namespace rasd::index::internal
