/** @file
 * @brief Training the tagger (tagger.hpp): averaged structured perceptron, two stages, jackknifed
 * pass-1 labels. Library code never prints: training reports progress via a callback.
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/ner/clusters.hpp>
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

/// What tuning on a held-out part of the training data chose (TrainOptions::dev_split).
struct TuneReport {
    int epochs1 = 0, epochs2 = 0;  ///< epochs of stage 1 and stage 2
    double dev_f1[3] = {};         ///< held-out F1 of the tuned model as written, upper-cased, headline case
    std::size_t dev_documents = 0;
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
    /// With no dev documents: hold out this fraction of the training documents (the last ones) to
    /// choose the epochs, then train on all of them with those epochs. 0 = no tuning.
    double dev_split = 0;
    /// Fractions of the training documents added again upper-cased and in headline case, so that the
    /// model learns to tag wire copy and headlines (different documents for the two, when they sum to
    /// at most 1). Dev F1 is then the mean over the three casings of the dev documents.
    double upper_copies = 0;
    double headline_copies = 0;
    WordClusters clusters;  ///< word clusters stored in the model (empty: no cluster features)
    /// Context aggregation: the words up to this many places around a name-like word's other
    /// mentions in the document are features of each mention (0: none; at most max_context_window).
    unsigned context_window = 0;
    /// Context features in the second pass only. The first pass then learns to type a name from its
    /// own mention, as it must in a story that is all headline; the second adds what the other
    /// mentions' surroundings say.
    bool context_pass2_only = false;
    /// WordNet's folder (data.noun, data.adj): its proper names, by kind, become features stored in
    /// the model (empty: none).
    std::filesystem::path names_from;
    std::function<void(const TuneReport&)> tuned;  ///< told what dev_split tuning chose
};

/**
 * Train a tagger on @p train, choosing the epoch count of each stage by F1 on @p dev (when not
 * empty), or on the held-out options.dev_split part of @p train before training on all of it,
 * otherwise running all options.epochs.
 */
[[nodiscard]] Tagger train(const std::vector<ConllDocument>& train, const std::vector<ConllDocument>& dev,
                           const TrainOptions& options);

}  // namespace newsdex::ner
