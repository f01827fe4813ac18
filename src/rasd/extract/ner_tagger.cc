// The entity tagger; see ner_tagger.h.
#include "rasd/extract/ner_tagger.h"

#include "rasd/base/macros.h"
#include "rasd/extract/perceptron.h"

namespace rasd::extract {

NerTagger::NerTagger(NerModel model)
    : model_(std::move(model)),
      features_(&model_.clusters, &Gazetteer::Builtin(), &model_.lexicon, model_.hash_bits) {}

Result<std::unique_ptr<NerTagger>> NerTagger::Open(const std::string& path) {
  RASD_ASSIGN_OR_RETURN(NerModel model, LoadNerModel(path));
  return FromModel(std::move(model));
}

std::unique_ptr<NerTagger> NerTagger::FromModel(NerModel model) {
  return std::unique_ptr<NerTagger>(new NerTagger(std::move(model)));
}

void NerTagger::Tag(const std::vector<std::string_view>& tokens, std::vector<extract::Tag>* tags,
                    Scratch* s) const {
  features_.Compute(tokens, &s->features, &s->ids);
  ComputeEmissions(model_.weights.data(), s->ids, &s->emissions);
  ViterbiDecode(s->emissions.data(), static_cast<int>(tokens.size()), model_.transitions.data(),
                tags, &s->viterbi);
}

}  // namespace rasd::extract
