/** @file
 * @brief Internal: the tagger's model, feature extraction and Viterbi decoding, shared by the
 * tagger (ner_tagger.cpp) and the trainer (ner_train.cpp).
 */
#pragma once
#include <newsdex/ner.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::ner {

/// Transition rows: one per previous label plus the sentence start.
inline constexpr std::size_t start_state = label_count;
inline constexpr std::size_t transition_size = (label_count + 1) * label_count;

/// The weights of one stage: feature key -> row of label_count weights, and the label bigrams.
class StageWeights {
public:
    /// Build from keys and their rows (weights.size() == keys.size() * label_count).
    void assign(std::vector<std::uint64_t> keys, std::vector<float> weights, const std::array<float, transition_size>& trans);

    /// The weight row of a feature, or nullptr.
    [[nodiscard]] const float* find(std::uint64_t key) const noexcept {
        if (m_slots.empty()) return nullptr;
        std::size_t i = static_cast<std::size_t>(key) & m_mask;
        for (;;) {
            const Slot& s = m_slots[i];
            if (s.key == key) return &m_weights[static_cast<std::size_t>(s.row) * label_count];
            if (s.key == 0) return nullptr;
            i = (i + 1) & m_mask;
        }
    }
    /// Hint the cache about the slot of @p key (scoring prefetches a token's features first).
    void prefetch(std::uint64_t key) const noexcept {
        if (!m_slots.empty()) __builtin_prefetch(&m_slots[static_cast<std::size_t>(key) & m_mask]);
    }
    [[nodiscard]] const std::array<float, transition_size>& transitions() const noexcept { return m_trans; }
    [[nodiscard]] std::size_t size() const noexcept { return m_keys.size(); }
    [[nodiscard]] const std::vector<std::uint64_t>& keys() const noexcept { return m_keys; }
    [[nodiscard]] const std::vector<float>& weights() const noexcept { return m_weights; }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t row = 0;
    };
    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::vector<std::uint64_t> m_keys;
    std::vector<float> m_weights;
    std::array<float, transition_size> m_trans{};
};

/// Entity phrases learnt from training data: token-run key -> type mask (bit = EntityType), plus
/// Gazetteer::continues_bit when a longer phrase starts with the run.
struct Lexicon {
    std::unordered_map<std::uint64_t, std::uint8_t> keys;
    std::size_t max_tokens = 0;
    /// Add a phrase given as its words (lower-cased as the features do).
    void add(std::span<const std::string> words, EntityType type);
    [[nodiscard]] std::uint8_t find(std::uint64_t key) const noexcept {
        auto it = keys.find(key);
        return it == keys.end() ? 0 : it->second;
    }
};

/// A trained model: two stages, the lexicon and the gazetteer their features use.
struct Model {
    Lexicon lexicon;
    StageWeights pass1;
    StageWeights pass2;
    bool has_pass2 = false;
    std::shared_ptr<const Gazetteer> gazetteer;
    std::string description;
};

/// A document as views of its words, flattened.
struct DocView {
    std::vector<std::string_view> words;
    std::vector<std::uint32_t> sentence_begin;  ///< token index where each sentence starts, plus the end
    [[nodiscard]] std::size_t sentences() const noexcept { return sentence_begin.empty() ? 0 : sentence_begin.size() - 1; }
};

[[nodiscard]] DocView make_view(const std::vector<std::vector<std::string_view>>& sentences);
[[nodiscard]] DocView make_view(const ConllDocument& doc);

/// Feature keys of every token of a document.
struct DocFeatures {
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> token_begin;  ///< per token, plus the end
    void clear() {
        keys.clear();
        token_begin.clear();
    }
};

/// Per-token facts computed once per document and reused by both passes.
struct TokenFacts {
    std::uint64_t lower = 0;   ///< Gazetteer::token_hash of the lower-cased word
    std::uint64_t word = 0;
    std::uint64_t short_shape = 0;
    std::uint32_t flags = 0;
};

/// Extract the pass-1 features of @p doc. @p facts receives the per-token facts.
void extract_pass1(const DocView& doc, const Gazetteer& gazetteer, const Lexicon& lexicon, DocFeatures& out,
                   std::vector<TokenFacts>& facts);

/// Pass-2 features: the pass-1 features plus document memory from the pass-1 @p labels (flat).
void extract_pass2(const DocView& doc, const DocFeatures& pass1, const std::vector<TokenFacts>& facts,
                   const std::vector<Label>& labels, DocFeatures& out);

/// Best BIO-valid label sequence for @p n tokens with emissions (n x label_count) and transitions.
void viterbi(const float* emissions, const float* transitions, std::size_t n, Label* out);

/// Sum the weight rows of the token's features into @p scores (label_count floats).
void score_token(const StageWeights& w, const std::uint64_t* keys, std::size_t count, float* scores) noexcept;

/// Tag a document with pass 1 (and pass 2 when the model has it and @p first_pass_only is false).
[[nodiscard]] std::vector<Label> tag_view(const Model& model, const DocView& doc, bool first_pass_only);

/// Serialize and read back (quantizing the weights): training returns exactly what a saved file loads.
[[nodiscard]] std::shared_ptr<const Model> round_trip(const Model& model);

}  // namespace newsdex::ner
