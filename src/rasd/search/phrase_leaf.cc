// A phrase leaf (internal/phrase_leaf.h): consecutive words verified on their positions, in
// the title and in the body, scored as one BM25F term, with block-max bounds and pruning.
#include "rasd/search/internal/phrase_leaf.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace rasd::search::internal {

using index::kNoMoreDocs;

namespace {

struct PhrasePart;

// What a phrase leaf under PhraseLeaf::Prune needs to pass over documents: those up to
// `limit` whose score bound cannot beat `theta` are not verified on positions. The leaf's
// fields, set when it is made; Prune sets the window's.
struct PhrasePrune {
  const std::vector<PhrasePart>* parts = nullptr;  // the leaf's, title and body
  double k1 = 0;
  double boost_idf = 0;
  bool on = false;
  uint32_t limit = 0;
  double others = 0;  // what the query's other leaves can add in the window
  double theta = 0;
  // Pseudo-frequencies on either side of the threshold (bm25f.h): Wanted computes the score,
  // a division, only between cut.below and cut.above.
  SaturationCut cut{-std::numeric_limits<double>::infinity(),
                    std::numeric_limits<double>::infinity()};

  void SetThreshold(double others_bound, double threshold) {
    others = others_bound;
    theta = threshold;
    cut = CutAt(k1, boost_idf, others, theta, kBoundSlack);
  }
};

struct WordCursor {
  index::PostingsIterator* it = nullptr;
  bool stop = false;  // on the .stop field: its impacts' norms are not the stem field's
};

// Consecutive words in one field (title or body).
struct PhrasePart {
  std::vector<WordCursor> words;        // in phrase order
  std::vector<uint32_t> order;          // word indexes, cheapest first (leapfrog order)
  // Per word, the current document's positions: the first counts[i] of positions[i], which
  // only grows (resizing down and up again would zero the elements every time).
  std::vector<std::vector<uint32_t>> positions;
  std::vector<uint32_t> counts;
  // The stem field's lengths (FieldReader::norms; null when it keeps none or is absent), read
  // inline: Prune's bound reads one for nearly every document of the rarest word.
  const uint8_t* norms = nullptr;
  uint32_t num_norms = 0;
  const NormTable* table = nullptr;
  double weight = 0;
  uint32_t slop = 0;
  bool has_positions = true;
  uint32_t doc = 0;
  uint32_t freq = 0;
  // doc is a verified occurrence (else only a lower bound of the next one, after a Probe).
  bool verified = true;
  const PhrasePrune* prune = nullptr;  // the leaf's (set when the leaf is made)
  double window_bound = 0;  // the pseudo-frequency bound in the last ShallowAdvance's window
  // The smallest of the words' largest frequencies but the first in `order`'s (set with it).
  uint32_t others_max_freq = std::numeric_limits<uint32_t>::max();

  uint8_t norm(uint32_t d) const { return d < num_norms ? norms[d] : 0; }  // FieldReader::norm

  // Is there a match of words[i..] starting after position `prev`?
  bool MatchFrom(size_t i, uint32_t prev) const {
    if (i == words.size()) return true;
    const uint32_t* begin = positions[i].data();
    const uint32_t* end = begin + counts[i];
    const uint64_t lo = static_cast<uint64_t>(prev) + 1;
    const uint64_t hi = lo + slop;
    for (const uint32_t* it = std::lower_bound(begin, end, lo); it != end && *it <= hi; ++it) {
      if (MatchFrom(i + 1, *it)) return true;
    }
    return false;
  }

  uint32_t CountMatches() {
    if (!has_positions) {
      uint32_t f = std::numeric_limits<uint32_t>::max();
      for (const WordCursor& w : words) f = std::min(f, w.it->freq());
      return f;
    }
    for (size_t i = 0; i < words.size(); ++i) {
      std::vector<uint32_t>& p = positions[i];
      const uint32_t f = words[i].it->freq();
      if (p.size() < f) p.resize(f);
      counts[i] = words[i].it->ReadPositions(p.data());  // fewer only when corrupt
    }
    const uint32_t* first = positions[0].data();
    uint32_t n = 0;
    if (words.size() == 2) {
      // Two words (most phrases): one merge of the two increasing lists, where MatchFrom
      // searches the second list again for every start.
      const uint32_t* second = positions[1].data();
      uint32_t j = 0;
      for (uint32_t k = 0; k < counts[0]; ++k) {
        const uint64_t lo = static_cast<uint64_t>(first[k]) + 1;
        while (j < counts[1] && second[j] < lo) ++j;
        n += j < counts[1] && second[j] <= lo + slop ? 1 : 0;
      }
      return n;
    }
    for (uint32_t k = 0; k < counts[0]; ++k) n += MatchFrom(1, first[k]) ? 1 : 0;
    return n;
  }

  // Moves the words to document d, cheapest first, stopping at the first that is not in it:
  // d when every word stands on d, else that word's next document (kNoMoreDocs at the end),
  // which bounds the phrase's. NextGEQ stays on doc() when it is >= d, and starts an
  // iterator not yet started.
  uint32_t Align(uint32_t d) {
    for (uint32_t w : order) {
      const uint32_t wd = words[w].it->NextGEQ(d);
      if (wd != d) return wd;
    }
    return d;
  }

  // With every word on d: whether the phrase occurs there (then it is the current document).
  bool MatchAt(uint32_t d) {
    const uint32_t f = CountMatches();
    if (f == 0) return false;
    doc = d;
    freq = f;
    verified = true;
    return true;
  }

  // Under Prune, whether the leaf's score on d could beat the threshold when this part
  // occurs at most `f` times there: judged before positions are read (which is most of a
  // phrase's cost: a stopword has many in every document).
  bool Wanted(uint32_t d, uint32_t f) const {
    double x = StreamTf(weight, f, *table, norm(d));
    for (const PhrasePart& q : *prune->parts) {
      if (&q != this) x += q.ContributionBound(d);
    }
    if (x < prune->cut.below) return false;
    if (x > prune->cut.above) return true;
    return (prune->others + Saturate(prune->k1, prune->boost_idf, x)) * kBoundSlack >
           prune->theta;
  }
  // Bounds of the phrase's frequency on the current document: the phrase occurs at most as
  // often as its first word, and without slop at most as often as any word (each occurrence
  // holds a distinct position of each). FreqBound needs every word on the document;
  // LeadBounds says whether the cheapest word's frequency alone is a bound.
  uint32_t FreqBound() const {
    uint32_t f = words[0].it->freq();
    if (slop == 0 || !has_positions) {
      for (const WordCursor& w : words) f = std::min(f, w.it->freq());
    }
    return f;
  }
  bool LeadBounds() const { return order[0] == 0 || slop == 0 || !has_positions; }

  // A bound of this part's pseudo-frequency on d, for a sibling part standing on d: none when
  // its next occurrence is known to come later (doc, verified or a lower bound, is past d,
  // and its last target was at most d: the leaf moves its parts with the same targets), its
  // own when it is verified on d, else the window's.
  // A document the part passed over under Prune counts as none: the leaf cannot score above
  // the threshold there anyway.
  double ContributionBound(uint32_t d) const;

  // Moves to the first document >= target where the phrase occurs. Under Prune, the first
  // that may also score above the threshold, and past the window it stops unverified on a
  // lower bound of the next occurrence: the traversal looks there only after the next
  // window's Prune, and verifying the documents between without a bound to judge them by
  // (a stopword's blocks make windows of a few hundred documents) would cost what Prune
  // spares.
  uint32_t Next(uint32_t target) {
    const bool pruning = prune->on;
    uint32_t d = target;
    while (true) {
      if (pruning && d > prune->limit) return StopUnverified(d);
      // The cheapest word first: under Prune its frequency may rule the document out
      // before the other words' lists are moved there (a stopword's blocks decoded).
      const uint32_t lead = words[order[0]].it->NextGEQ(d);
      if (lead == kNoMoreDocs) return StopAtEnd();
      if (pruning) {
        if (lead > prune->limit) return StopUnverified(lead);
        if (LeadBounds() && !Wanted(lead, words[order[0]].it->freq())) {
          d = lead + 1;
          continue;
        }
      }
      const uint32_t a = Align(lead);
      if (a == kNoMoreDocs) return StopAtEnd();
      if (a == lead && (!pruning || Wanted(lead, FreqBound())) && MatchAt(lead)) return lead;
      d = a == lead ? lead + 1 : a;
    }
  }
  uint32_t StopUnverified(uint32_t lower_bound) {
    doc = lower_bound;
    verified = false;
    return doc;
  }
  uint32_t StopAtEnd() {
    doc = kNoMoreDocs;
    verified = true;
    return doc;
  }

  // Is there an occurrence in document d (>= every earlier target)? A word not in d ends the
  // probe without moving the others: the next target may be far off (the second stage probes
  // a hundred documents spread over the segment).
  bool ProbeAt(uint32_t d) {
    if (verified && doc >= d) return doc == d;
    if (doc > d) return false;  // an unverified lower bound past d
    const uint32_t a = Align(d);
    if (a == kNoMoreDocs) {
      doc = kNoMoreDocs;
      verified = true;
      return false;
    }
    if (a == d && MatchAt(d)) return true;
    doc = a == d ? d + 1 : a;  // a lower bound of the next occurrence
    verified = false;
    return false;
  }

  // Bound over [target, *up_to] (also kept in window_bound); false when the phrase cannot
  // occur at or after target. The window is a block of the word with the fewest documents,
  // bounded by its block impact and the other words' whole-list ones: the blocks of a
  // stopword in the phrase would make windows of a few hundred documents, each with its
  // bounds and its pruning to prepare, and their larger frequencies seldom bound the phrase.
  bool Bound(uint32_t target, uint32_t* up_to, double* x) {
    window_bound = 0;
    const WordCursor& lead = words[order[0]];
    const uint32_t end = lead.it->ShallowAdvance(target);
    if (end == kNoMoreDocs) return false;
    const index::Impact imp = lead.it->shallow_impact();
    *up_to = std::min(*up_to, end);
    window_bound = StreamBound(weight, std::min(imp.max_freq, others_max_freq), *table,
                               lead.stop ? 0 : imp.min_norm);
    *x += window_bound;
    return true;
  }

  double TermBound() const {
    uint32_t max_freq = std::numeric_limits<uint32_t>::max();
    uint8_t min_norm = 0;
    for (const WordCursor& w : words) {
      const index::Impact imp = w.it->term_impact();
      max_freq = std::min(max_freq, imp.max_freq);
      if (!w.stop) min_norm = std::max(min_norm, imp.min_norm);
    }
    return StreamBound(weight, max_freq, *table, min_norm);
  }
};

double PhrasePart::ContributionBound(uint32_t d) const {
  if (doc > d) return 0;  // verified or not, nothing occurs between its last target and doc
  if (verified && doc == d) return StreamTf(weight, freq, *table, norm(d));
  return window_bound;
}

class PhraseLeaf final : public Leaf {
 public:
  PhraseLeaf(uint32_t id, double k1, double boost_idf, std::vector<PhrasePart> parts,
             LeafUse use)
      : k1_(k1), boost_idf_(boost_idf), parts_(std::move(parts)) {
    id_ = id;
    prune_.parts = &parts_;  // the leaf stays where it is made (OpenLeaf's unique_ptr)
    prune_.k1 = k1_;
    prune_.boost_idf = boost_idf_;
    double bound = 0;
    for (PhrasePart& p : parts_) {
      p.prune = &prune_;
      std::sort(p.order.begin(), p.order.end(), [&p](uint32_t a, uint32_t b) {
        return p.words[a].it->cost() < p.words[b].it->cost();
      });
      for (size_t i = 1; i < p.order.size(); ++i) {
        p.others_max_freq = std::min(p.others_max_freq,
                                     p.words[p.order[i]].it->term_impact().max_freq);
      }
      cost_ += p.words[p.order[0]].it->cost();
      bound += p.TermBound();
      if (use == LeafUse::kIterated) {
        p.Next(0);
      } else {
        p.verified = false;  // doc 0 is a lower bound, as after a Probe that missed
      }
    }
    max_score_ = Saturate(k1_, boost_idf_, bound);
    doc_ = MinDoc();
    all_verified_ = use == LeafUse::kIterated;
  }

  // Its parts point at prune_ and prune_ at its parts.
  PhraseLeaf(const PhraseLeaf&) = delete;
  PhraseLeaf& operator=(const PhraseLeaf&) = delete;

  uint32_t Advance(uint32_t target) override {
    if (doc_ >= target && all_verified_) return doc_;
    all_verified_ = true;
    for (PhrasePart& p : parts_) {
      if (p.doc < target || !p.verified) p.Next(std::max(target, p.doc));
      all_verified_ = all_verified_ && p.verified;
    }
    doc_ = MinDoc();
    return doc_;
  }

  bool Probe(uint32_t target) override {
    bool found = false;
    for (PhrasePart& p : parts_) found = p.ProbeAt(target) || found;
    all_verified_ = true;
    for (const PhrasePart& p : parts_) all_verified_ = all_verified_ && p.verified;
    doc_ = found ? target : MinDoc();
    return found;
  }

  double Score() override {
    double x = 0;
    for (const PhrasePart& p : parts_) {
      if (p.doc == doc_ && p.verified) x += StreamTf(p.weight, p.freq, *p.table, p.norm(doc_));
    }
    return Saturate(k1_, boost_idf_, x);
  }

  uint32_t ShallowAdvance(uint32_t target) override {
    uint32_t up_to = kNoMoreDocs;
    double x = 0;
    for (PhrasePart& p : parts_) {
      p.window_bound = 0;
      if (p.doc == kNoMoreDocs) continue;
      p.Bound(target, &up_to, &x);
    }
    block_bound_ = Saturate(k1_, boost_idf_, x);
    return up_to;
  }

  // Within the window of the last ShallowAdvance (up to `up_to`), passes over the documents
  // where every word of a part stands but the bound from their frequencies there, with what
  // the other part can add (PhrasePart::ContributionBound) and `others`, cannot beat
  // `theta`. As TermsLeaf::Prune does with one stream's frequencies; here what it spares is
  // reading the words' positions.
  bool Prune(double others, double theta, uint32_t up_to) override {
    prune_.on = true;
    prune_.limit = up_to;
    prune_.SetThreshold(others, theta);
    return true;
  }
  void Unprune() override { prune_.on = false; }

 private:
  uint32_t MinDoc() const {
    uint32_t m = kNoMoreDocs;
    for (const PhrasePart& p : parts_) m = std::min(m, p.doc);
    return m;
  }

  double k1_;
  double boost_idf_;
  std::vector<PhrasePart> parts_;
  bool all_verified_ = true;
  PhrasePrune prune_;
};

bool OpenPart(const LeafSpec& spec, bool title, const Plan& plan, const index::Segment& segment,
              IteratorPool* pool, PhrasePart* part) {
  const int stem_field = title ? kTitleStem : kBodyStem;
  const index::FieldReader* stem = segment.field(TextFieldName(stem_field));
  const index::FieldReader* stop = StopwordField(segment, title);
  std::vector<std::pair<const index::FieldReader*, index::TermInfo>> found;
  for (const PhraseWordSpec& w : spec.words) {
    const index::FieldReader* f = w.stop ? stop : stem;
    index::TermInfo info;
    if (f == nullptr || !pool->FindTerm(*f, w.stop ? w.norm : w.stem, &info)) return false;
    found.emplace_back(f, info);
  }
  if (stem != nullptr && stem->norms() != nullptr) {
    part->norms = stem->norms();
    part->num_norms = stem->max_doc();
  }
  part->table = &plan.norms[stem_field];
  part->weight = title ? spec.title_weight : spec.body_weight;
  part->slop = spec.slop;
  part->positions.resize(spec.words.size());
  part->counts.resize(spec.words.size());
  for (size_t i = 0; i < found.size(); ++i) {
    index::PostingsIterator* it = pool->Get();
    found[i].first->Postings(found[i].second, it, /*positions=*/true);
    if (!found[i].first->has_positions()) part->has_positions = false;
    part->words.push_back(WordCursor{it, spec.words[i].stop});
    part->order.push_back(static_cast<uint32_t>(i));
  }
  return true;
}

}  // namespace

std::unique_ptr<Leaf> OpenPhraseLeaf(const LeafSpec& spec, uint32_t id, const Plan& plan,
                                     const index::Segment& segment, IteratorPool* pool,
                                     LeafUse use) {
  std::vector<PhrasePart> parts;
  if (spec.words.empty()) return nullptr;
  for (int title = 1; title >= 0; --title) {
    if (title ? !spec.in_title : !spec.in_body) continue;
    PhrasePart part;
    if (OpenPart(spec, title == 1, plan, segment, pool, &part)) parts.push_back(std::move(part));
  }
  if (parts.empty()) return nullptr;
  return std::make_unique<PhraseLeaf>(id, plan.k1, spec.boost_idf, std::move(parts), use);
}

}  // namespace rasd::search::internal
