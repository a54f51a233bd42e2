/** @file
 * @brief Training the tagger (tagger.hpp): averaged structured perceptron, two stages, jackknifed
 * pass-1 labels. Library code never prints: training reports progress via a callback.
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/ner/conll.hpp>
#include <newsdex/entities/ner/tagger.hpp>

namespace newsdex::ner {

/// Progress of training, one report per epoch.
struct EpochReport {
    int stage = 1;            ///< 1 = pass-1 model, 2 = pass-2 model; 0 = a jackknife fold of pass 1
    int fold = -1;            ///< fold number for stage 0
    int epoch = 0;            ///< 1-based
    double dev_f1 = 0;        ///< dev exact-span F1 (percent) after this epoch, 0 without dev data
    double train_errors = 0;  ///< fraction of training sentences with a mistake in this epoch
    double seconds = 0;       ///< wall time of the epoch (including the dev evaluation)
    std::size_t features = 0;
};

struct TrainOptions {
    int epochs = 20;                    ///< maximum epochs per stage; the best on dev is kept (3 epochs of patience)
    std::uint64_t seed = 1;             ///< shuffling seed (training is deterministic given the seed)
    std::size_t min_feature_count = 2;  ///< features seen fewer times in training are dropped
    int folds = 4;                      ///< jackknife folds producing the pass-1 labels pass 2 trains on
    bool second_pass = true;
    int threads = 2;          ///< jackknife folds run in parallel (results do not depend on it)
    std::string description;  ///< stored in the model (e.g. the command line)
    std::function<void(const EpochReport&)> progress;
    std::shared_ptr<const Gazetteer> gazetteer;  ///< nullptr = Gazetteer::system()
};

/**
 * Train a tagger on @p train, choosing the epoch count of each stage by F1 on @p dev (when not
 * empty; otherwise all epochs are used).
 */
[[nodiscard]] Tagger train(const std::vector<ConllDocument>& train, const std::vector<ConllDocument>& dev,
                           const TrainOptions& options);

}  // namespace newsdex::ner
