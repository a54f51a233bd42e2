/** @file
 * @brief The statistical entity tagger: BIO labels for PERSON, ORG, PLACE and MISC.
 *
 * A two-pass averaged structured perceptron with Viterbi decoding over label bigrams. Pass 1 uses
 * local features (word, lower case, shapes, affixes, a ±2 window, sentence position, all-caps
 * headlines, gazetteer matches) and document features that need no labels (how the same word is
 * cased elsewhere in the document). Pass 2 adds document memory from the pass-1 labels: the label
 * the same word and the entities containing it got elsewhere in the document, and the pass-1 labels
 * around the token. Both passes also match entity phrases learnt from the training data (jackknifed
 * in training). Feature ids are 64-bit hashes; a model file holds only the features kept.
 *
 * Training is in train.hpp, the CoNLL reader and scorer in conll.hpp.
 */
#pragma once
#include <cstddef>
#include <filesystem>
#include <future>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/ner/conll.hpp>
#include <newsdex/entities/ner/labels.hpp>

namespace newsdex::ner {

/// The widest context-aggregation window a model may have (TrainOptions::context_window).
inline constexpr unsigned max_context_window = 8;

struct Model;  // defined in the implementation

/**
 * A loaded model. Copies are cheap (the model is shared, immutable) and tagging is const and
 * thread-safe.
 */
class Tagger {
public:
    /// An empty tagger (tags everything O) until a model is loaded or trained.
    Tagger();
    /// Load a model file; throws RuntimeError when missing or corrupt.
    [[nodiscard]] static Tagger load(const std::filesystem::path& path,
                                     std::shared_ptr<const Gazetteer> gazetteer = nullptr);
    /// As load(), with a gazetteer still loading: it is waited for once the model is read, so the
    /// two loads overlap (EntityExtractor::load).
    [[nodiscard]] static Tagger load(const std::filesystem::path& path,
                                     std::shared_future<std::shared_ptr<const Gazetteer>> gazetteer);
    /// The committed model: default_data_dir()/ner/model.bin (core/data_paths.hpp).
    [[nodiscard]] static std::filesystem::path default_model_path();
    /// Write the model (compact binary, deterministic bytes).
    void save(const std::filesystem::path& path) const;

    /// Tag one sentence as a document of its own.
    [[nodiscard]] std::vector<Label> tag(std::span<const std::string_view> words) const;
    /// Tag the sentences of one document together (document memory spans all of them).
    [[nodiscard]] std::vector<std::vector<Label>> tag_document(
        const std::vector<std::vector<std::string_view>>& sentences) const;
    /// Tag pass 1 only (no document memory from labels); for evaluation of the stages.
    [[nodiscard]] std::vector<std::vector<Label>> tag_document_first_pass(
        const std::vector<std::vector<std::string_view>>& sentences) const;

    [[nodiscard]] bool empty() const noexcept { return m_model == nullptr; }
    [[nodiscard]] const Gazetteer& gazetteer() const;
    /// Number of features kept by pass 1 and pass 2.
    [[nodiscard]] std::pair<std::size_t, std::size_t> feature_counts() const noexcept;
    /// A description of the model (training command options, figures), stored in the file.
    [[nodiscard]] const std::string& description() const noexcept;

    explicit Tagger(std::shared_ptr<const Model> model);

private:
    std::shared_ptr<const Model> m_model;
};

/// Tag every document of @p docs and score against their gold labels.
[[nodiscard]] Scorer evaluate(const Tagger& tagger, const std::vector<ConllDocument>& docs,
                              bool first_pass_only = false);

}  // namespace newsdex::ner
