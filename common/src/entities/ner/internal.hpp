/** @file
 * @brief Internal: the tagger's model, feature extraction and Viterbi decoding, shared by the
 * tagger (tagger.cpp) and the trainer (train.cpp); features.cpp extracts the features, viterbi.cpp decodes.
 */
#pragma once
#include <newsdex/core/key_table.hpp>
#include <newsdex/entities/ner/clusters.hpp>
#include <newsdex/entities/ner/tagger.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsdex::ner {

/// Transition rows: one per previous label plus the sentence start.
inline constexpr std::size_t start_state = label_count;
inline constexpr std::size_t transition_size = (label_count + 1) * label_count;

/**
 * The weights of one stage: feature key -> row of label_count weights, and the label bigrams.
 *
 * Two look-up tables, both open addressing with linear probing over a power-of-two array indexed
 * by the key's low bits (keys are mixed hashes, never 0; key 0 marks an empty slot):
 *
 * - quantized stages (loaded from a model file, assign_quantized()): the hot table. Each 32-byte,
 *   32-byte-aligned slot holds the 64-bit key and the row inline as label_count int16 weights
 *   (8 + 9 * 2 = 26 bytes, padded), two slots per cache line; the table is at most half full, so
 *   a probe, hit or miss, usually touches a single cache line (4 MB for ~53k features). A weight
 *   is `float(int16) * scale`, the very float the file reader produced before, so the scores are
 *   bit-identical to summing float rows (the product must stay a separate rounding: this relies
 *   on no FMA contraction, which x86-64 without -march=... guarantees).
 * - float stages (training, assign()): 16-byte slots {key, row index} into rows of float weights.
 *
 * keys()/weights() keep the features in float form for saving; tagging never touches them.
 */
class StageWeights {
public:
    /// Build from keys and their float rows (weights.size() == keys.size() * label_count).
    void assign(std::vector<std::uint64_t> keys, std::vector<float> weights,
                const std::array<float, transition_size>& trans);
    /// Build from keys and quantized rows: weight = float(q) * scale (q.size() == keys.size() * label_count).
    void assign_quantized(std::vector<std::uint64_t> keys, const std::vector<std::int16_t>& q, float scale,
                          const std::array<float, transition_size>& trans);

    /// Sum the weight rows of @p count features into @p scores (label_count floats, overwritten).
    void score(const std::uint64_t* keys, std::size_t count, float* scores) const noexcept {
        if (m_qslots) {
            // Accumulate in locals (registers), in the same order as a float row sum.
            float acc[label_count] = {};
            const float scale = m_scale;
            const QSlot* slots = m_qslots.get();
            for (std::size_t k = 0; k < count; ++k) {
                const std::uint64_t key = keys[k];
                for (std::size_t i = static_cast<std::size_t>(key) & m_qmask;; i = (i + 1) & m_qmask) {
                    const QSlot& s = slots[i];
                    if (s.key == key) {
                        for (std::size_t l = 0; l < label_count; ++l) acc[l] += static_cast<float>(s.w[l]) * scale;
                        break;
                    }
                    if (s.key == 0) break;
                }
            }
            for (std::size_t l = 0; l < label_count; ++l) scores[l] = acc[l];
            return;
        }
        for (std::size_t l = 0; l < label_count; ++l) scores[l] = 0;
        for (std::size_t k = 0; k < count; ++k) {
            if (const float* row = find(keys[k])) {
                for (std::size_t l = 0; l < label_count; ++l) scores[l] += row[l];
            }
        }
    }
    /// The float weight row of a feature of a float stage, or nullptr.
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
    /// Hint the cache about the slot of @p key (scoring prefetches a sentence's features first).
    void prefetch(std::uint64_t key) const noexcept {
        if (m_qslots)
            __builtin_prefetch(&m_qslots[static_cast<std::size_t>(key) & m_qmask]);
        else if (!m_slots.empty())
            __builtin_prefetch(&m_slots[static_cast<std::size_t>(key) & m_mask]);
    }
    [[nodiscard]] const std::array<float, transition_size>& transitions() const noexcept { return m_trans; }
    /// Quantized stages: weight = float(q) * scale(); 0 for float stages.
    [[nodiscard]] float scale() const noexcept { return m_qslots ? m_scale : 0.0f; }
    [[nodiscard]] std::size_t size() const noexcept { return m_keys.size(); }
    [[nodiscard]] const std::vector<std::uint64_t>& keys() const noexcept { return m_keys; }
    [[nodiscard]] const std::vector<float>& weights() const noexcept { return m_weights; }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t row = 0;
    };
    struct alignas(32) QSlot {
        std::uint64_t key = 0;
        std::int16_t w[label_count] = {};
    };
    static_assert(sizeof(QSlot) == 32, "two quantized slots per cache line");

    /// Allocated 2 MB-aligned with transparent huge pages requested where available: the probes are
    /// random over megabytes, and with 4 KB pages nearly every one would also miss the TLB.
    /// Immutable once built, hence shared by copies.
    std::shared_ptr<const QSlot[]> m_qslots;
    std::size_t m_qmask = 0;
    float m_scale = 1;
    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::vector<std::uint64_t> m_keys;
    std::vector<float> m_weights;
    std::array<float, transition_size> m_trans{};
};

/**
 * Both quantized stages in one table, for tagging: a 64-byte slot (one cache line) holds a key and
 * its pass-1 and pass-2 rows (zeros where a stage lacks the key). Pass-2 features are the pass-1
 * features plus a few document-memory ones, so one probe per pass-1 feature yields both stages'
 * rows: pass 1 sums its scores and, alongside, the pass-2 partial sums; pass 2 then probes only its
 * extra features. That halves the random probes of the two passes. Scores are bit-identical to two
 * separate tables: the same products, added in the same order (an absent row adds +0.0f).
 */
class FusedWeights {
public:
    /// Build from two quantized stages; stays empty() when either is a float stage.
    void build(const StageWeights& pass1, const StageWeights& pass2);
    [[nodiscard]] bool empty() const noexcept { return !m_slots; }

    /// scores1 = sum of pass-1 rows, scores2 = sum of pass-2 rows (both overwritten).
    void score_both(const std::uint64_t* keys, std::size_t count, float* scores1, float* scores2) const noexcept {
        static constexpr float zeros[label_count] = {};
        score_both_from(zeros, zeros, keys, count, scores1, scores2);
    }
    /// As score_both, but the sums start from @p init1 / @p init2 (the partial sums of earlier features).
    void score_both_from(const float* init1, const float* init2, const std::uint64_t* keys, std::size_t count,
                         float* scores1, float* scores2) const noexcept {
#if defined(__SSE2__)
        // Four labels per register, 12 lanes (9 used: the last 3 read the neighbouring row and are
        // dropped). Per label the same products are added in the same order as the scalar loop.
        alignas(16) float i1[12] = {}, i2[12] = {};
        for (std::size_t l = 0; l < label_count; ++l) {
            i1[l] = init1[l];
            i2[l] = init2[l];
        }
        __m128 x0 = _mm_load_ps(i1), x1 = _mm_load_ps(i1 + 4), x2 = _mm_load_ps(i1 + 8);
        __m128 y0 = _mm_load_ps(i2), y1 = _mm_load_ps(i2 + 4), y2 = _mm_load_ps(i2 + 8);
        const __m128 s1 = _mm_set1_ps(m_scale1), s2 = _mm_set1_ps(m_scale2);
        const auto widen_lo = [](__m128i v) { return _mm_cvtepi32_ps(_mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16)); };
        const auto widen_hi = [](__m128i v) { return _mm_cvtepi32_ps(_mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16)); };
        for (std::size_t k = 0; k < count; ++k) {
            if (const Slot* s = find(keys[k])) {
                const __m128i w1a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s->w1));
                const __m128i w1b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(s->w1 + 8));
                x0 = _mm_add_ps(x0, _mm_mul_ps(widen_lo(w1a), s1));
                x1 = _mm_add_ps(x1, _mm_mul_ps(widen_hi(w1a), s1));
                x2 = _mm_add_ps(x2, _mm_mul_ps(widen_lo(w1b), s1));
                const __m128i w2a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s->w2));
                const __m128i w2b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(s->w2 + 8));
                y0 = _mm_add_ps(y0, _mm_mul_ps(widen_lo(w2a), s2));
                y1 = _mm_add_ps(y1, _mm_mul_ps(widen_hi(w2a), s2));
                y2 = _mm_add_ps(y2, _mm_mul_ps(widen_lo(w2b), s2));
            }
        }
        _mm_store_ps(i1, x0);
        _mm_store_ps(i1 + 4, x1);
        _mm_store_ps(i1 + 8, x2);
        _mm_store_ps(i2, y0);
        _mm_store_ps(i2 + 4, y1);
        _mm_store_ps(i2 + 8, y2);
        for (std::size_t l = 0; l < label_count; ++l) {
            scores1[l] = i1[l];
            scores2[l] = i2[l];
        }
#else
        float a1[label_count], a2[label_count];
        for (std::size_t l = 0; l < label_count; ++l) {
            a1[l] = init1[l];
            a2[l] = init2[l];
        }
        const float s1 = m_scale1, s2 = m_scale2;
        for (std::size_t k = 0; k < count; ++k) {
            if (const Slot* s = find(keys[k])) {
                for (std::size_t l = 0; l < label_count; ++l) a1[l] += static_cast<float>(s->w1[l]) * s1;
                for (std::size_t l = 0; l < label_count; ++l) a2[l] += static_cast<float>(s->w2[l]) * s2;
            }
        }
        for (std::size_t l = 0; l < label_count; ++l) {
            scores1[l] = a1[l];
            scores2[l] = a2[l];
        }
#endif
    }
    /// Identity of this table's contents (unique per build(); 0 when empty), for caches of its sums.
    [[nodiscard]] std::uint64_t id() const noexcept { return m_id; }
    /// Add the pass-2 rows of @p keys to @p scores2 (in order).
    void add_second(const std::uint64_t* keys, std::size_t count, float* scores2) const noexcept {
        float a2[label_count];
        for (std::size_t l = 0; l < label_count; ++l) a2[l] = scores2[l];
        const float s2 = m_scale2;
        for (std::size_t k = 0; k < count; ++k)
            if (const Slot* s = find(keys[k]))
                for (std::size_t l = 0; l < label_count; ++l) a2[l] += static_cast<float>(s->w2[l]) * s2;
        for (std::size_t l = 0; l < label_count; ++l) scores2[l] = a2[l];
    }
    void prefetch(std::uint64_t key) const noexcept {
        __builtin_prefetch(&m_slots[static_cast<std::size_t>(key) & m_mask]);
    }

private:
    struct alignas(64) Slot {
        std::uint64_t key = 0;
        std::int16_t w1[label_count] = {};
        std::int16_t w2[label_count] = {};
    };
    static_assert(sizeof(Slot) == 64, "one slot per cache line");
    [[nodiscard]] const Slot* find(std::uint64_t key) const noexcept {
        for (std::size_t i = static_cast<std::size_t>(key) & m_mask;; i = (i + 1) & m_mask) {
            const Slot& s = m_slots[i];
            if (s.key == key) return &s;
            if (s.key == 0) return nullptr;
        }
    }
    std::shared_ptr<const Slot[]> m_slots;
    std::size_t m_mask = 0;
    float m_scale1 = 1, m_scale2 = 1;
    std::uint64_t m_id = 0;
};

/// Entity phrases learnt from training data: token-run key -> type mask (bit = EntityType), plus
/// Gazetteer::continues_bit when a longer phrase starts with the run.
struct Lexicon {
    KeyTable<std::uint8_t> keys;
    std::size_t max_tokens = 0;
    /// Add a phrase given as its words (lower-cased as the features do).
    void add(std::span<const std::string> words, EntityType type) {
        add_kinds(words, static_cast<std::uint8_t>(1u << static_cast<unsigned>(type)));
    }
    /// Add a phrase with a mask of kinds (bits below Gazetteer::continues_bit).
    void add_kinds(std::span<const std::string> words, std::uint8_t kinds);
    [[nodiscard]] std::uint8_t find(std::uint64_t key) const noexcept { return keys.get(key); }
};

/// Kinds of the proper names WordNet lists (Model::names), by lexicographer file and instance-ness.
enum NameKind : unsigned {
    name_person,    ///< a person (an instance in noun.person: `Reagan`, `Ronald Reagan`)
    name_forename,  ///< the first word of a person's name of several words (`Ronald`)
    name_people,    ///< a kind of person with a capital (noun.person, no instance: `Canadian`, `Democrat`)
    name_place,     ///< noun.location, and instances in noun.object (rivers, mountains)
    name_group,     ///< noun.group (`NATO`, `Federal Reserve System`)
    name_language,  ///< noun.communication (`English`) and capitalised adjectives (`Canadian`, `French`)
    name_other,     ///< other proper names: events, works, buildings, products (`Watergate`, `Tylenol`)
    name_kind_count
};
static_assert(name_kind_count <= 7, "one bit per kind below Gazetteer::continues_bit");

/// The proper names of WordNet in @p wordnet_dir (data.noun, data.adj) as a phrase table of NameKind
/// bits. Throws RuntimeError when data.noun is missing.
[[nodiscard]] Lexicon wordnet_names(const std::filesystem::path& wordnet_dir);

/// Feature groups a model may have or not (stored in the model file from version 4; none before).
struct FeatureSet {
    /// Context aggregation: the words up to this many places around the other mentions of a
    /// name-like word in the document are features of each mention (0: none).
    unsigned context_window = 0;
    bool context_in_pass1 = true;  ///< false: only pass 2 has the context features (they follow its others)
    [[nodiscard]] unsigned pass1_window() const noexcept { return context_in_pass1 ? context_window : 0; }
    [[nodiscard]] unsigned pass2_window() const noexcept { return context_in_pass1 ? 0 : context_window; }
};

/// A trained model: two stages, the lexicon and the gazetteer their features use.
struct Model {
    Lexicon lexicon;
    WordClusters clusters;  ///< empty in models without them (no cluster features)
    Lexicon names;          ///< WordNet's proper names by NameKind (empty: no name features)
    FeatureSet features;
    StageWeights pass1;
    StageWeights pass2;
    bool has_pass2 = false;
    FusedWeights fused;  ///< pass1 + pass2 for tagging (built when a model is loaded)
    std::shared_ptr<const Gazetteer> gazetteer;
    std::string description;
};

/// A document as views of its words, flattened.
struct DocView {
    std::vector<std::string_view> words;
    std::vector<std::uint32_t> sentence_begin;  ///< token index where each sentence starts, plus the end
    [[nodiscard]] std::size_t sentences() const noexcept {
        return sentence_begin.empty() ? 0 : sentence_begin.size() - 1;
    }
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
    std::uint64_t lower = 0;  ///< Gazetteer::token_hash of the lower-cased word
    std::uint64_t word = 0;
    std::uint64_t short_shape = 0;
    std::uint32_t flags = 0;
    std::uint16_t cluster = WordClusters::unknown;
};

/// Number of pass-1 features that depend on the word alone (bias, word, lower, shape, short shape,
/// 4 prefixes and 4 suffixes, flags): always the first ones of a token, in this order.
inline constexpr std::size_t word_local_features = 14;
/// With word clusters, three more word-local features follow them: the word's cluster prefixes.
inline constexpr std::size_t word_local_cluster_features = 3;
/// The number of word-local features of a model with or without clusters.
[[nodiscard]] constexpr std::size_t local_feature_count(bool with_clusters) noexcept {
    return word_local_features + (with_clusters ? word_local_cluster_features : 0);
}

/**
 * Per-thread memo for tagging with a fused model: for each distinct word seen, its token facts and
 * the pass-1 and pass-2 partial scores of its word_local_features, so that a repeated word (most
 * tokens of news text) costs one look-up instead of 14 random probes of the weight table and the
 * hashing of its affixes. The partial sums are the running sums score_both() would have after those
 * features (it adds a token's features in order), so the scores stay bit-identical. Bound to one
 * model (FusedWeights::id(), which also fixes its gazetteer and lexicon); cleared when it changes or
 * when the table fills.
 */
class WordCache {
public:
    struct alignas(64) Entry {
        std::uint64_t hash = 0;  ///< hash_bytes(word, 0x3) (TokenFacts::word); 0 = empty slot
        std::uint64_t lower = 0;
        std::uint64_t short_shape = 0;
        std::uint64_t suffix3 = 0;
        std::uint32_t offset = 0;  ///< the word's bytes in the arena
        std::uint32_t length = 0;
        std::uint32_t flags = 0;    ///< word-local flags
        std::uint8_t gaz = 0;       ///< Gazetteer::key_kinds of the word alone
        std::uint8_t lex = 0;       ///< Lexicon::find of the word alone
        std::uint8_t names = 0;     ///< Model::names.find of the word alone
        std::uint16_t cluster = 0;  ///< WordClusters::find of the word
        float s1[label_count] = {};
        float s2[label_count] = {};
    };
    static constexpr std::size_t capacity = std::size_t{1} << 17;  ///< slots (16 MB per thread)
    static constexpr std::size_t max_words = capacity / 4 * 3;     ///< then cleared (linear probing stays short)

    /// Prepare for a document of @p tokens tokens tagged with @p weights (may clear the table).
    void begin(const FusedWeights& weights, std::size_t tokens);
    [[nodiscard]] const FusedWeights& weights() const noexcept { return *m_weights; }
    /// The entry of @p word (hash @p h), or nullptr.
    [[nodiscard]] const Entry* find(std::uint64_t h, std::string_view word) const noexcept {
        for (std::size_t i = static_cast<std::size_t>(h) & (capacity - 1);; i = (i + 1) & (capacity - 1)) {
            const Entry& e = m_slots[i];
            if (e.hash == h && std::string_view(m_arena).substr(e.offset, e.length) == word) return &e;
            if (e.hash == 0) return nullptr;
        }
    }
    /// Insert @p word (not present); fills the slot's identity, the caller the rest.
    Entry& insert(std::uint64_t h, std::string_view word);

private:
    /// Unmaps the slot table (anonymous pages: zero until touched, so a thread that tags a few
    /// documents never pays for zeroing 16 MB).
    struct Unmap {
        void operator()(Entry* slots) const noexcept;
    };
    std::unique_ptr<Entry[], Unmap> m_slots;
    std::string m_arena;
    std::size_t m_words = 0;
    std::uint64_t m_model = 0;
    const FusedWeights* m_weights = nullptr;
};

/// Extract the pass-1 features of @p doc. @p facts receives the per-token facts.
/// With @p cache (tagging with a fused model; begin() called for this document), the word_local_features are left out of @p out and
/// @p local receives, per token, the cache entry holding their partial scores.
void extract_pass1(const DocView& doc, const Gazetteer& gazetteer, const Lexicon& lexicon, const Lexicon& names,
                   const WordClusters& clusters, const FeatureSet& features, DocFeatures& out,
                   std::vector<TokenFacts>& facts, WordCache* cache = nullptr,
                   std::vector<const WordCache::Entry*>* local = nullptr);

/// Pass-2 features: the pass-1 features plus document memory from the pass-1 @p labels (flat) and,
/// when @p features has it in pass 2 only, context aggregation;
/// @p extras_only: only the features pass 1 does not have (FusedWeights scoring).
void extract_pass2(const DocView& doc, const DocFeatures& pass1, const std::vector<TokenFacts>& facts,
                   const std::vector<Label>& labels, const FeatureSet& features, DocFeatures& out,
                   bool extras_only = false);

/// Best BIO-valid label sequence for @p n tokens with emissions (n x label_count) and transitions.
void viterbi(const float* emissions, const float* transitions, std::size_t n, Label* out);

/// Sum the weight rows of the token's features into @p scores (label_count floats).
void score_token(const StageWeights& w, const std::uint64_t* keys, std::size_t count, float* scores) noexcept;

/// Tag a document with pass 1 (and pass 2 when the model has it and @p first_pass_only is false).
[[nodiscard]] std::vector<Label> tag_view(const Model& model, const DocView& doc, bool first_pass_only);

/// Serialize and read back (quantizing the weights): training returns exactly what a saved file loads.
[[nodiscard]] std::shared_ptr<const Model> round_trip(const Model& model);

}  // namespace newsdex::ner
