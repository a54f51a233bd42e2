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
 * Also here: the CoNLL-2003 reader (IOB1 tags converted to BIO), the conlleval-style exact-span
 * scorer and the trainer. Library code never prints: training reports progress via a callback.
 */
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <future>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/schema/document.hpp>
#include <newsdex/entities/gazetteer.hpp>

namespace newsdex::ner {

/// A BIO label id: 0 = O, then B/I for PERSON, ORG, PLACE, MISC (1..8).
using Label = std::uint8_t;
inline constexpr std::size_t label_count = 9;
inline constexpr Label label_o = 0;

/// B label of a type.
[[nodiscard]] constexpr Label begin_label(EntityType t) noexcept {
    return static_cast<Label>(1 + 2 * static_cast<int>(t));
}
/// I label of a type.
[[nodiscard]] constexpr Label inside_label(EntityType t) noexcept {
    return static_cast<Label>(2 + 2 * static_cast<int>(t));
}
/// True for a B-X label.
[[nodiscard]] constexpr bool is_begin(Label l) noexcept { return l != 0 && (l % 2) == 1; }
/// The type of a non-O label.
[[nodiscard]] constexpr EntityType label_type(Label l) noexcept { return static_cast<EntityType>((l - 1) / 2); }

/// "O", "B-PERSON", "I-PERSON", "B-ORG"... "I-MISC".
[[nodiscard]] std::string_view label_name(Label l) noexcept;
/// "PERSON", "ORG", "PLACE", "MISC".
[[nodiscard]] std::string_view type_name(EntityType t) noexcept;
/// Parse "B-PERSON", "I-PER", "B-LOC", "I-PLACE", "O"... (both our names and CoNLL's).
[[nodiscard]] std::optional<Label> parse_label(std::string_view name) noexcept;

/// An entity as a token range [begin, end).
struct Span {
    EntityType type = EntityType::misc;
    std::size_t begin = 0;
    std::size_t end = 0;
    friend bool operator==(const Span&, const Span&) = default;
};

/**
 * The entities of a label sequence, conlleval style: a B-X starts an entity, and so does an I-X
 * that does not continue an entity of type X (so invalid BIO is still decoded, leniently).
 */
[[nodiscard]] std::vector<Span> decode_spans(std::span<const Label> labels);

/// True when every I-X follows a B-X or an I-X.
[[nodiscard]] bool valid_bio(std::span<const Label> labels) noexcept;

/// One sentence of a CoNLL file: words and gold BIO labels.
struct Sentence {
    std::vector<std::string> words;
    std::vector<Label> labels;
};

/// One `-DOCSTART-` document.
struct ConllDocument {
    std::vector<Sentence> sentences;
    [[nodiscard]] std::size_t token_count() const noexcept;
};

/**
 * Parse CoNLL-2003 text: `WORD POS CHUNK NER` per line (only the first and last columns are used),
 * IOB1 tags converted to BIO. Throws RuntimeError naming @p name and the line on a malformed line.
 */
[[nodiscard]] std::vector<ConllDocument> parse_conll(std::string_view text, std::string_view name = "<conll>");
/// Read and parse a CoNLL file (RuntimeError when unreadable).
[[nodiscard]] std::vector<ConllDocument> read_conll(const std::filesystem::path& path);

/// Counts of one entity type (or all), with conlleval's percentages.
struct Counts {
    std::size_t gold = 0;                             ///< entities in the reference
    std::size_t predicted = 0;                        ///< entities found
    std::size_t correct = 0;                          ///< found with exact boundaries and type
    [[nodiscard]] double precision() const noexcept;  ///< percent
    [[nodiscard]] double recall() const noexcept;     ///< percent
    [[nodiscard]] double f1() const noexcept;         ///< percent
};

/// Exact-span precision, recall and F1 per type and overall, as conlleval computes them.
class Scorer {
public:
    /// Add one sentence (both sequences of the same length; UsageError otherwise).
    void add(std::span<const Label> gold, std::span<const Label> predicted);
    [[nodiscard]] const Counts& overall() const noexcept { return m_overall; }
    [[nodiscard]] const Counts& of(EntityType t) const noexcept { return m_types[static_cast<std::size_t>(t)]; }
    [[nodiscard]] std::size_t tokens() const noexcept { return m_tokens; }
    /// Token accuracy in percent.
    [[nodiscard]] double accuracy() const noexcept;

private:
    Counts m_overall;
    std::array<Counts, 4> m_types{};
    std::size_t m_tokens = 0;
    std::size_t m_tokens_correct = 0;
};

/// Split a line of plain text into CoNLL-like tokens (white space, then punctuation peeled off).
[[nodiscard]] std::vector<std::string> simple_tokenize(std::string_view line);

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
    /// `$NEWSDEX_NER_MODEL`, else NEWSDEX_DATA_DIR/ner/model.bin.
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

/// Tag every document of @p docs and score against their gold labels.
[[nodiscard]] Scorer evaluate(const Tagger& tagger, const std::vector<ConllDocument>& docs,
                              bool first_pass_only = false);

}  // namespace newsdex::ner
