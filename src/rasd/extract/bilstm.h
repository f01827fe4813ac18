// A small bidirectional LSTM token classifier, trained here with backpropagation through
// time, whose per-token tag probabilities become real-valued features of the perceptron
// stages (features.h SentenceFeatures::aux; issue 5, tenth round).
//
// The network (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000; the
// bidirectional reading of Graves & Schmidhuber 2005, as in the BiLSTM taggers of Huang, Xu
// & Yu 2015 and Lample et al. 2016): for each direction d, over the tokens in that direction,
//   z_t = W_d x_t + U_d h_{t-1} + b_d        (4H gate pre-activations: i, f, o, g)
//   c_t = sigm(z_f) * c_{t-1} + sigm(z_i) * tanh(z_g),   h_t = sigm(z_o) * tanh(c_t)
// then per token p_t = softmax(V [h_t^fwd ; h_t^bwd] + c), trained on the gold tags by
// cross-entropy, summed over the sentence. A perceptron over the tokens' sparse features
// scores each tag from the word and a window of +-2; the LSTM's state summarises the whole
// sentence (the trigger three words back, the comma that ends a name), which is the evidence
// the published BiLSTM-CRF taggers add.
//
// Parameters are one float vector (layout in bilstm.cc); matrices are stored by input row
// (row j holds input j's weights to all 4H gates), so a zero input (most of the one-hot
// part of x) costs nothing and the inner loops run over contiguous gates.
//
// With a CRF output layer (BiLstmShape::crf; issue 5, eleventh round): the same per-token
// scores V [h^fwd ; h^bwd] + c are the emission scores of a linear-chain CRF (Lafferty,
// McCallum & Pereira 2001) with learned tag-pair scores T (one row per previous tag and one
// for the sentence start), the BiLSTM-CRF of Huang, Xu & Yu 2015 and Lample et al. 2016. It
// is trained on whole sentences by the negative log-likelihood of the gold tag sequence,
// log Z - score(gold), and its outputs are the tags' marginal probabilities p(y_t = k | x)
// from the forward-backward algorithm (scaled as in Rabiner 1989): probabilities of tags
// that fit the sentence's whole tagging, where the softmax layer scores each token alone.
//
// Training (TrainBiLstm): one sentence per step, Adam (Kingma & Ba 2015; lazy: the input
// rows of inputs absent from the sentence are left alone), gradient norm clipped, inverted
// dropout on the inputs; deterministic: parameters initialised and
// sentences shuffled and dropped out from a fixed seed, arithmetic sequential.
//
// Thread-safety: Predict/Loss are const and use the caller's scratch.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"

namespace rasd::extract {

struct BiLstmShape {
  uint32_t input = 0;    // values per token
  uint32_t hidden = 0;   // H, per direction
  uint32_t outputs = 0;  // classes (tags)
  bool crf = false;      // a CRF output layer (above) instead of the softmax
  bool operator==(const BiLstmShape&) const = default;
};

// Per-call buffers (grown, never shrunk).
struct BiLstmScratch {
  std::vector<float> act[2];    // n * 4H gate activations per direction
  std::vector<float> cell[2];   // n * H
  std::vector<float> tcell[2];  // n * H, tanh(c)
  std::vector<float> hid[2];    // n * H
  std::vector<float> probs;     // n * outputs
  std::vector<float> dh[2];     // n * H, gradient from the outputs
  std::vector<float> dz, dh_next, dc_next, dc_new;
  std::vector<float> hcat;    // both directions' states of one token
  std::vector<float> logits;  // n * outputs output scores
  // The CRF layer's forward-backward (n * outputs each; scale per token; exp of T).
  std::vector<double> crf_alpha, crf_beta, crf_emit, crf_scale, crf_trans;
  double crf_log_z = 0;
  std::vector<float> proj;  // Predict's input projections
  std::vector<const float*> proj_ptr;
};

class BiLstm {
 public:
  BiLstm() = default;
  // Random weights uniform in +-1/sqrt(H) (the usual LSTM initialisation), forget-gate
  // biases 1 (Jozefowicz et al. 2015), other biases 0; deterministic in `seed`.
  BiLstm(BiLstmShape shape, uint64_t seed);
  // From stored parameters; InvalidArgument if their count does not fit the shape.
  static Result<BiLstm> FromParams(BiLstmShape shape, std::vector<float> params);

  bool empty() const { return params_.empty(); }
  const BiLstmShape& shape() const { return shape_; }
  const std::vector<float>& params() const { return params_; }
  std::vector<float>& mutable_params() { return params_; }
  static size_t NumParams(BiLstmShape shape);

  // Class probabilities of the n tokens whose inputs are x[0 .. n * input) (with a CRF
  // layer, the marginals): writes n * outputs values to scratch->probs and returns a
  // pointer to them.
  const float* Predict(const float* x, int n, BiLstmScratch* scratch) const;

  // The input part of the gate pre-activations of one token, W_0 x and W_1 x (2 * 4H
  // values to `out`), which depends on the token alone: a tagger computes it once per word
  // and passes it to PredictProjected. Predict is Project + PredictProjected.
  void Project(const float* x, float* out) const;
  size_t projection_size() const { return size_t{8} * shape_.hidden; }
  // Predict from the tokens' projections (proj[t]: projection_size() values).
  const float* PredictProjected(const float* const* proj, int n, BiLstmScratch* scratch) const;

  // The summed cross-entropy of `gold` (n class ids < outputs; with a CRF layer the negative
  // log-probability of the whole sequence) and, when `grad` is not null
  // (NumParams values), adds its gradient with respect to the parameters to it.
  double Loss(const float* x, int n, const uint8_t* gold, std::vector<float>* grad,
              BiLstmScratch* scratch) const;

 private:
  void Run(int d, const float* const* proj, int n, BiLstmScratch* s) const;
  void Backward(int d, const float* x, int n, BiLstmScratch* s, float* grad) const;
  size_t OffW(int d) const;
  size_t OffU(int d) const { return OffW(d) + size_t{shape_.input} * 4 * shape_.hidden; }
  size_t OffB(int d) const { return OffU(d) + size_t{shape_.hidden} * 4 * shape_.hidden; }
  size_t OffV() const { return OffW(2); }
  size_t OffC() const { return OffV() + size_t{2} * shape_.hidden * shape_.outputs; }
  // The CRF layer's tag-pair scores: (outputs + 1) rows of outputs, row p for previous tag
  // p, row `outputs` for the sentence start.
  size_t OffT() const { return OffC() + shape_.outputs; }
  void CrfForwardBackward(int n, BiLstmScratch* s) const;

  BiLstmShape shape_;
  std::vector<float> params_;
};

struct BiLstmExample {
  const float* x = nullptr;  // n * input values
  const uint8_t* gold = nullptr;
  int n = 0;
};

struct BiLstmTrainOptions {
  int epochs = 6;
  float learning_rate = 2e-3f;  // Adam's alpha
  float input_dropout = 0.2f;   // probability of zeroing each input value in training
  float clip = 5.f;             // gradient norm cap per sentence
  uint64_t seed = 17;
};

// Trains a network of `shape` on `examples`; `log` (optional) receives a line per epoch
// (mean loss per token).
BiLstm TrainBiLstm(const std::vector<BiLstmExample>& examples, BiLstmShape shape,
                   const BiLstmTrainOptions& options,
                   const std::function<void(const std::string&)>& log = nullptr);

}  // namespace rasd::extract
