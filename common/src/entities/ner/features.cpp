/** @file
 * @brief The tagger's features (hashed, no strings kept) and the per-thread word cache.
 */
#include "core/text_util.hpp"
#include "entities/ner/hash.hpp"
#include "entities/ner/internal.hpp"

#include <sys/mman.h>

#include <new>
#include <type_traits>

#include <algorithm>
#include <bit>
#include <unordered_map>

namespace newsdex::ner {
namespace {

using ner_detail::combine;
using ner_detail::hash_bytes;

/// Feature templates. Values are part of the model format: append, never renumber.
enum Template : std::uint64_t {
    t_bias = 1,
    t_word,
    t_lower,
    t_shape,
    t_short,
    t_pre1,
    t_pre2,
    t_pre3,
    t_pre4,
    t_suf1,
    t_suf2,
    t_suf3,
    t_suf4,
    t_flags,
    t_first_short,
    t_head_short,
    t_head_lower,
    t_lower_m1,
    t_lower_m2,
    t_lower_p1,
    t_lower_p2,
    t_word_m1,
    t_word_p1,
    t_short_m1,
    t_short_m2,
    t_short_p1,
    t_short_p2,
    t_short_m1_0,
    t_short_0_p1,
    t_short_m1_0_p1,
    t_lower_m1_0,
    t_lower_0_p1,
    t_gaz,
    t_gaz_m1,
    t_gaz_p1,
    t_doc_case,
    t_suf3_m1,
    t_suf3_p1,
    t_lower_m2_m1,
    t_lower_p1_p2,
    t_lex,
    t_title_short,
    t_title_lower,
    t_clus1,
    t_clus2,
    t_clus3,
    t_clus_m1,
    t_clus_p1,
    t_mode_clus,
    t_usual,
    t_usual_m1,
    t_usual_p1,
    t_context,
    t_names,
    t_names_m1,
    t_names_p1,
    // pass 2
    t_lab0 = 64,
    t_lab_m1,
    t_lab_p1,
    t_lab0_short,
    t_lab_m1_0,
    t_token_majority,
    t_entity_majority,
    t_token_majority_lab0,
};

// Token flags.
constexpr std::uint32_t f_init_cap = 1u << 0;
constexpr std::uint32_t f_no_lower = 1u << 1;  // has a letter and no lower-case letter
constexpr std::uint32_t f_digit = 1u << 2;
constexpr std::uint32_t f_all_digits = 1u << 3;
constexpr std::uint32_t f_hyphen = 1u << 4;
constexpr std::uint32_t f_period = 1u << 5;
constexpr std::uint32_t f_letter = 1u << 6;
constexpr std::uint32_t f_no_alnum = 1u << 7;
constexpr std::uint32_t f_has_lower = 1u << 8;
constexpr std::uint32_t f_first = 1u << 16;     // first token of its sentence
constexpr std::uint32_t f_headline = 1u << 17;  // in an all-caps sentence
constexpr std::uint32_t f_title = 1u << 18;     // in a sentence whose content words are all capitalised
constexpr std::uint32_t local_flag_mask = 0xFFFF;

constexpr std::uint64_t bos_hash = 0x5b05b05b05b05b0ULL;
constexpr std::uint64_t eos_hash = 0xe05e05e05e05e05ULL;

inline std::uint64_t key(Template t, std::uint64_t value) noexcept { return combine(t, value); }

/// Case class of a token: 0 lower-case initial, 1 title, 2 all caps, 3 other.
inline std::uint32_t case_class(std::uint32_t flags) noexcept {
    if (!(flags & f_letter)) return 3;
    if (flags & f_no_lower) return 2;
    if (flags & f_init_cap) return 1;
    return (flags & f_has_lower) ? 0 : 3;
}

struct CaseStat {
    std::uint16_t count[3] = {0, 0, 0};  // lower, title, upper at reliable positions
};

inline bool reliable(std::uint32_t flags) noexcept {
    return !(flags & (f_first | f_headline | f_title)) && (flags & f_letter);
}

/// The case mode of a token's sentence: 0 mixed, 1 all caps, 2 headline case.
inline std::uint64_t sentence_mode(std::uint32_t flags) noexcept {
    return (flags & f_headline) ? 1 : (flags & f_title) ? 2 : 0;
}

inline bool capitalised(std::uint32_t flags) noexcept { return (flags & f_letter) && (flags & f_init_cap); }

/// Per-thread scratch space, so that tagging allocates nothing in the steady state.
struct Scratch {
    std::string lower;
    std::vector<std::uint32_t> lower_begin;
    std::vector<std::uint64_t> shape;
    std::vector<std::uint64_t> suffix3;
    std::vector<std::uint64_t> gaz_bits;   // per token: bit (kind * 4 + position)
    std::vector<std::uint16_t> lex_bits;   // per token: bit (type * 4 + position)
    std::vector<std::uint32_t> name_bits;  // per token: bit (NameKind * 4 + position)
    std::unordered_map<std::uint64_t, CaseStat> case_stats;
    std::unordered_map<std::uint64_t, std::array<std::uint16_t, 5>> token_votes;
    std::unordered_map<std::uint64_t, std::array<std::uint16_t, 5>> entity_votes;
    std::vector<std::uint8_t> own_entity;  // per token: 1 + type of its pass-1 entity, or 0
    // Context aggregation: the name-like tokens by lower-case form, each token's sentence, the values.
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> mentions;
    std::vector<std::uint32_t> sentence_of;
    std::vector<std::uint64_t> context;
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

}  // namespace

DocView make_view(const std::vector<std::vector<std::string_view>>& sentences) {
    DocView v;
    v.sentence_begin.push_back(0);
    for (const auto& s : sentences) {
        v.words.insert(v.words.end(), s.begin(), s.end());
        v.sentence_begin.push_back(static_cast<std::uint32_t>(v.words.size()));
    }
    return v;
}

DocView make_view(const ConllDocument& doc) {
    DocView v;
    v.sentence_begin.push_back(0);
    for (const auto& s : doc.sentences) {
        for (const auto& w : s.words) v.words.emplace_back(w);
        v.sentence_begin.push_back(static_cast<std::uint32_t>(v.words.size()));
    }
    return v;
}

namespace {
/// Lower-case ASCII letters (other bytes kept), as every feature sees words.
void append_lower(std::string& out, std::string_view w) {
    for (char c : w) out += detail::to_lower(c);
}
}  // namespace

void Lexicon::add_kinds(std::span<const std::string> words, std::uint8_t kinds) {
    std::uint64_t k = 0;
    std::string low;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) keys[k] |= Gazetteer::continues_bit;
        low.clear();
        append_lower(low, words[i]);
        k = Gazetteer::extend_key(k, Gazetteer::token_hash(low));
    }
    if (words.empty()) return;
    keys[k] |= kinds;
    max_tokens = std::max(max_tokens, words.size());
}

namespace {

/// What the features take from a word alone.
struct WordFacts {
    std::uint64_t lower = 0, word = 0, short_shape = 0, shape = 0, suffix3 = 0;
    std::uint32_t flags = 0;
    std::uint16_t cluster = WordClusters::unknown;
};

/// Facts of @p w; its lower-case form (ASCII letters lowered, other bytes kept) is appended to @p low.
void word_facts(std::string_view w, std::string& low, WordFacts& f) {
    const std::size_t low_begin = low.size();
    char shape[24];
    char short_shape[24];
    std::size_t sn = 0, ssn = 0;
    std::uint32_t flags = 0;
    bool all_digits = !w.empty();
    bool any_alnum = false;
    for (std::size_t k = 0; k < w.size(); ++k) {
        const char c = w[k];
        char cls;
        if (detail::is_upper(c)) {
            cls = 'X';
            flags |= f_letter;
            if (k == 0) flags |= f_init_cap;
            low += detail::to_lower(c);
        } else {
            low += c;
            if (detail::is_lower(c)) {
                cls = 'x';
                flags |= f_letter | f_has_lower;
            } else if (detail::is_digit(c)) {
                cls = 'd';
                flags |= f_digit;
            } else if (detail::is_non_ascii(c)) {
                if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
                cls = 'u';
                flags |= f_letter | f_has_lower;
            } else {
                cls = c;
                if (c == '-') flags |= f_hyphen;
                if (c == '.') flags |= f_period;
            }
        }
        if (cls != 'd') all_digits = false;
        if (cls == 'X' || cls == 'x' || cls == 'd' || cls == 'u') any_alnum = true;
        if (sn < sizeof shape) shape[sn++] = cls;
        if ((ssn == 0 || short_shape[ssn - 1] != cls) && ssn < sizeof short_shape) short_shape[ssn++] = cls;
    }
    if ((flags & f_letter) && !(flags & f_has_lower)) flags |= f_no_lower;
    if (all_digits) flags |= f_all_digits;
    if (!any_alnum) flags |= f_no_alnum;
    const std::uint32_t len = static_cast<std::uint32_t>(w.size());
    const std::uint32_t len_bucket = len <= 3 ? len : len <= 5 ? 4 : len <= 8 ? 5 : 6;
    flags |= len_bucket << 10;
    f.flags = flags;
    f.word = hash_bytes(w, 0x3);
    f.short_shape = hash_bytes(std::string_view(short_shape, ssn), 0x5);
    f.shape = hash_bytes(std::string_view(shape, sn), 0x4);
    const std::string_view l = std::string_view(low).substr(low_begin);
    const bool ascii = std::none_of(l.begin(), l.end(), detail::is_non_ascii);
    // Non-ASCII words are folded like gazetteer names ("São" -> "sao"); ASCII folding is the same as ours.
    f.lower = ascii ? Gazetteer::token_hash(l) : Gazetteer::token_hash(Gazetteer::fold(w));
    f.suffix3 = hash_bytes(l.substr(l.size() - std::min<std::size_t>(3, l.size())), 0x13);
}

/// The word-local features of a word with facts @p f and lower-case form @p low, in feature order
/// (local_feature_count(@p with_clusters) of them).
void local_keys(const WordFacts& f, std::string_view low, bool with_clusters, std::uint64_t* out) {
    std::size_t n = 0;
    out[n++] = key(t_bias, 0);
    out[n++] = key(t_word, f.word);
    out[n++] = key(t_lower, f.lower);
    out[n++] = key(t_shape, f.shape);
    out[n++] = key(t_short, f.short_shape);
    const Template pre[4] = {t_pre1, t_pre2, t_pre3, t_pre4};
    const Template suf[4] = {t_suf1, t_suf2, t_suf3, t_suf4};
    for (std::size_t k = 1; k <= 4; ++k) {
        const std::size_t m = std::min(k, low.size());
        out[n++] = key(pre[k - 1], hash_bytes(low.substr(0, m), 0x11));
        out[n++] = key(suf[k - 1], hash_bytes(low.substr(low.size() - m), 0x13));
    }
    out[n++] = key(t_flags, f.flags & local_flag_mask);
    if (with_clusters) {
        const std::uint16_t c = WordClusters::prefix(f.cluster, 3);
        out[n++] = key(t_clus1, WordClusters::prefix(c, 1));
        out[n++] = key(t_clus2, WordClusters::prefix(c, 2));
        out[n++] = key(t_clus3, c);
    }
}

}  // namespace

void WordCache::Unmap::operator()(Entry* slots) const noexcept { ::munmap(slots, capacity * sizeof(Entry)); }

void WordCache::begin(const FusedWeights& weights, std::size_t tokens) {
    if (!m_slots) {
        // Anonymous pages are zero (every slot empty) and page-aligned (Entry is 64-byte aligned);
        // only the pages a thread touches are ever faulted in.
        static_assert(std::is_trivially_copyable_v<Entry> && std::is_standard_layout_v<Entry>);
        void* p = ::mmap(nullptr, capacity * sizeof(Entry), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        m_slots.reset(static_cast<Entry*>(p));
        m_arena.clear();
        m_words = 0;
        m_model = weights.id();
    }
    // A document's entries must stay put while it is tagged: make room for all its words first.
    if (m_model != weights.id() || m_words + tokens > max_words) {
        std::fill(m_slots.get(), m_slots.get() + capacity, Entry{});
        m_arena.clear();
        m_words = 0;
        m_model = weights.id();
    }
    m_weights = &weights;
}

WordCache::Entry& WordCache::insert(std::uint64_t h, std::string_view word) {
    std::size_t i = static_cast<std::size_t>(h) & (capacity - 1);
    while (m_slots[i].hash != 0) i = (i + 1) & (capacity - 1);
    Entry& e = m_slots[i];
    e.hash = h;
    e.offset = static_cast<std::uint32_t>(m_arena.size());
    e.length = static_cast<std::uint32_t>(word.size());
    m_arena.append(word);
    ++m_words;
    return e;
}

namespace {

/// Token facts of every word of @p doc from @p cache (words seen before) or computed and cached,
/// with each token's cache entry (its word_local_features' partial scores) in @p local.
void cached_token_facts(const DocView& doc, const Gazetteer& gazetteer, const Lexicon& lexicon, const Lexicon& names,
                        const WordClusters& clusters, Scratch& sc, std::vector<TokenFacts>& facts, WordCache& cache,
                        std::vector<const WordCache::Entry*>& local) {
    const std::size_t n = doc.words.size();
    local.resize(n);
    std::uint64_t keys[word_local_features + word_local_cluster_features];
    const bool with_clusters = !clusters.empty();
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view w = doc.words[i];
        const std::uint64_t h = hash_bytes(w, 0x3);
        const WordCache::Entry* e = cache.find(h, w);
        if (!e) {
            WordFacts wf;
            sc.lower.clear();
            word_facts(w, sc.lower, wf);
            wf.cluster = clusters.find(wf.lower);
            local_keys(wf, sc.lower, with_clusters, keys);
            WordCache::Entry& ne = cache.insert(h, w);
            ne.lower = wf.lower;
            ne.short_shape = wf.short_shape;
            ne.suffix3 = wf.suffix3;
            ne.flags = wf.flags;
            // The one-word gazetteer and lexicon look-ups (the first step of phrase matching).
            const std::uint64_t k1 = Gazetteer::extend_key(0, wf.lower);
            ne.gaz = gazetteer.key_kinds(k1);
            ne.lex = lexicon.find(k1);
            ne.names = names.find(k1);
            ne.cluster = wf.cluster;
            cache.weights().score_both(keys, local_feature_count(with_clusters), ne.s1, ne.s2);
            e = &ne;
        }
        local[i] = e;
        facts[i].flags = e->flags;
        facts[i].word = h;
        facts[i].short_shape = e->short_shape;
        facts[i].lower = e->lower;
        facts[i].cluster = e->cluster;
        sc.suffix3[i] = e->suffix3;
    }
    sc.lower.clear();
}

/// Token facts of every word of @p doc, keeping the lower-case words and shapes in @p sc.
void computed_token_facts(const DocView& doc, const WordClusters& clusters, Scratch& sc,
                          std::vector<TokenFacts>& facts) {
    const std::size_t n = doc.words.size();
    WordFacts wf;
    for (std::size_t i = 0; i < n; ++i) {
        sc.lower_begin[i] = static_cast<std::uint32_t>(sc.lower.size());
        word_facts(doc.words[i], sc.lower, wf);
        facts[i].flags = wf.flags;
        facts[i].word = wf.word;
        facts[i].short_shape = wf.short_shape;
        facts[i].lower = wf.lower;
        facts[i].cluster = clusters.find(wf.lower);
        sc.shape[i] = wf.shape;
        sc.suffix3[i] = wf.suffix3;
    }
    sc.lower_begin[n] = static_cast<std::uint32_t>(sc.lower.size());
}

/// Sentence facts: the first token, all-caps headlines.
void sentence_facts(const DocView& doc, std::vector<TokenFacts>& facts) {
    for (std::size_t s = 0; s < doc.sentences(); ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        if (b == e) continue;
        facts[b].flags |= f_first;
        std::size_t lettered = 0, with_lower = 0;
        for (std::size_t i = b; i < e; ++i) {
            if (facts[i].flags & f_letter) ++lettered;
            if (facts[i].flags & f_has_lower) ++with_lower;
        }
        if (lettered >= 1 && with_lower == 0) {
            bool long_caps = false;
            for (std::size_t i = b; i < e; ++i) long_caps |= (facts[i].flags & f_letter) && doc.words[i].size() >= 2;
            if (long_caps)
                for (std::size_t i = b; i < e; ++i) facts[i].flags |= f_headline;
            continue;
        }
        // Headline case: every content word (a word of four letters or more) starts with a capital.
        std::size_t content = 0, content_caps = 0;
        for (std::size_t i = b; i < e; ++i) {
            if (doc.words[i].size() < 4 || !(facts[i].flags & f_letter) || (facts[i].flags & f_digit)) continue;
            ++content;
            content_caps += (facts[i].flags & f_init_cap) ? 1 : 0;
        }
        if (content >= 2 && content_caps == content)
            for (std::size_t i = b; i < e; ++i) facts[i].flags |= f_title;
    }
}

/// Document case memory: how each word is written where case is informative.
void count_cases(const std::vector<TokenFacts>& facts, Scratch& sc) {
    sc.case_stats.clear();
    for (const TokenFacts& t : facts) {
        if (!reliable(t.flags)) continue;
        const std::uint32_t cc = case_class(t.flags);
        if (cc < 3) ++sc.case_stats[t.lower].count[cc];
    }
}

/**
 * Every phrase (of at most @p max_tokens tokens, within a sentence) that @p lookup knows, all of
 * them, overlapping: lookup(i, j, key) gives the key kinds of tokens i..j (continues_bit: a longer
 * phrase starts so), record(t, position, kinds) marks token t with its position in the match
 * (0 alone, 1 first, 2 inside, 3 last). @p letters_only: phrases start at a token with a letter.
 */
template <class Lookup, class Record>
void match_phrases(const DocView& doc, const std::vector<TokenFacts>& facts, std::size_t max_tokens, bool letters_only,
                   Lookup lookup, Record record) {
    for (std::size_t s = 0; s < doc.sentences() && max_tokens > 0; ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        for (std::size_t i = b; i < e; ++i) {
            if (letters_only && !(facts[i].flags & f_letter)) continue;
            std::uint64_t k = 0;
            for (std::size_t j = i; j < e && j - i < max_tokens; ++j) {
                k = Gazetteer::extend_key(k, facts[j].lower);
                const std::uint8_t mask = lookup(i, j, k);
                const std::uint8_t kinds = mask & static_cast<std::uint8_t>(~Gazetteer::continues_bit);
                if (kinds) {
                    for (std::size_t t = i; t <= j; ++t) record(t, i == j ? 0u : t == i ? 1u : t == j ? 3u : 2u, kinds);
                }
                if (!(mask & Gazetteer::continues_bit)) break;
            }
        }
    }
}

/// Appends feature keys.
struct KeyPusher {
    std::vector<std::uint64_t>& keys;
    void operator()(Template t, std::uint64_t v) const { keys.push_back(key(t, v)); }
};

/// Gazetteer matches (bit kind * 4 + position per token), training-data entity phrases (bit type * 4
/// + position) and WordNet names (bit NameKind * 4 + position) into sc.gaz_bits, lex_bits, name_bits.
void phrase_facts(const DocView& doc, const Gazetteer& gazetteer, const Lexicon& lexicon, const Lexicon& names,
                  const std::vector<TokenFacts>& facts, const std::vector<const WordCache::Entry*>* local,
                  Scratch& sc) {
    match_phrases(
        doc, facts, std::min<std::size_t>(gazetteer.max_tokens(), 8), true,
        [&](std::size_t i, std::size_t j, std::uint64_t k) {
            return j == i && local ? (*local)[i]->gaz : gazetteer.key_kinds(k);
        },
        [&](std::size_t t, unsigned pos, std::uint8_t kinds) {
            for (unsigned kind = 0; kind < gazetteer_kind_count; ++kind)
                if (kinds & (1u << kind)) sc.gaz_bits[t] |= 1ULL << (kind * 4 + pos);
        });
    match_phrases(
        doc, facts, std::min<std::size_t>(lexicon.max_tokens, 8), false,
        [&](std::size_t i, std::size_t j, std::uint64_t k) {
            return j == i && local ? (*local)[i]->lex : lexicon.find(k);
        },
        [&](std::size_t t, unsigned pos, std::uint8_t kinds) {
            const unsigned types = kinds & 0x0Fu;
            for (unsigned ty = 0; ty < 4; ++ty)
                if (types & (1u << ty))
                    sc.lex_bits[t] = static_cast<std::uint16_t>(sc.lex_bits[t] | (1u << (ty * 4 + pos)));
        });
    if (names.keys.empty()) return;
    match_phrases(
        doc, facts, std::min<std::size_t>(names.max_tokens, 8), true,
        [&](std::size_t i, std::size_t j, std::uint64_t k) {
            return j == i && local ? (*local)[i]->names : names.find(k);
        },
        [&](std::size_t t, unsigned pos, std::uint8_t kinds) {
            for (unsigned kind = 0; kind < name_kind_count; ++kind)
                if (kinds & (1u << kind)) sc.name_bits[t] |= 1u << (kind * 4 + pos);
        });
}

/// The kinds of phrase a token is part of, from its match bits (kind * 4 + position): a bit per kind.
std::uint64_t match_kinds(std::uint64_t bits, unsigned kind_count) noexcept {
    std::uint64_t kinds = 0;
    for (unsigned kind = 0; kind < kind_count; ++kind)
        if ((bits >> (kind * 4)) & 0xF) kinds |= 1u << kind;
    return kinds;
}

/// One feature @p t per set bit of a token's match @p bits, with its capitalisation @p cap.
void push_match_bits(KeyPusher push, Template t, std::uint64_t bits, std::uint64_t cap) {
    for (; bits != 0; bits &= bits - 1) push(t, combine(static_cast<std::uint64_t>(std::countr_zero(bits)), cap));
}

/// The WordNet name features of token @p i of the sentence [b, e): its matches (kind, position, its
/// case) and the kinds of its neighbours.
void name_features(const std::vector<TokenFacts>& facts, const Scratch& sc, std::size_t b, std::size_t i, std::size_t e,
                   KeyPusher push) {
    push_match_bits(push, t_names, sc.name_bits[i], (facts[i].flags & f_init_cap) ? 1 : 0);
    push(t_names_m1, i > b ? match_kinds(sc.name_bits[i - 1], name_kind_count) : 0xFFFF);
    push(t_names_p1, i + 1 < e ? match_kinds(sc.name_bits[i + 1], name_kind_count) : 0xFFFF);
}

/// The ±2 window features of token @p i of the sentence [b, e): words, shapes, suffixes, bigrams.
void window_features(const std::vector<TokenFacts>& facts, const Scratch& sc, std::size_t b, std::size_t i,
                     std::size_t e, KeyPusher push) {
    const TokenFacts& f = facts[i];
    const std::uint64_t lm1 = i > b ? facts[i - 1].lower : bos_hash;
    const std::uint64_t lm2 = i > b + 1 ? facts[i - 2].lower : bos_hash;
    const std::uint64_t lp1 = i + 1 < e ? facts[i + 1].lower : eos_hash;
    const std::uint64_t lp2 = i + 2 < e ? facts[i + 2].lower : eos_hash;
    const std::uint64_t sm1 = i > b ? facts[i - 1].short_shape : bos_hash;
    const std::uint64_t sm2 = i > b + 1 ? facts[i - 2].short_shape : bos_hash;
    const std::uint64_t sp1 = i + 1 < e ? facts[i + 1].short_shape : eos_hash;
    const std::uint64_t sp2 = i + 2 < e ? facts[i + 2].short_shape : eos_hash;
    push(t_lower_m1, lm1);
    push(t_lower_m2, lm2);
    push(t_lower_p1, lp1);
    push(t_lower_p2, lp2);
    push(t_word_m1, i > b ? facts[i - 1].word : bos_hash);
    push(t_word_p1, i + 1 < e ? facts[i + 1].word : eos_hash);
    push(t_short_m1, sm1);
    push(t_short_m2, sm2);
    push(t_short_p1, sp1);
    push(t_short_p2, sp2);
    push(t_short_m1_0, combine(sm1, f.short_shape));
    push(t_short_0_p1, combine(f.short_shape, sp1));
    push(t_short_m1_0_p1, combine(combine(sm1, f.short_shape), sp1));
    push(t_lower_m1_0, combine(lm1, f.lower));
    push(t_lower_0_p1, combine(f.lower, lp1));
    push(t_suf3_m1, i > b ? sc.suffix3[i - 1] : bos_hash);
    push(t_suf3_p1, i + 1 < e ? sc.suffix3[i + 1] : eos_hash);
    push(t_lower_m2_m1, combine(lm2, lm1));
    push(t_lower_p1_p2, combine(lp1, lp2));
}

/// The phrase-match features of token @p i of the sentence [b, e), and the document case feature.
void phrase_and_case_features(const std::vector<TokenFacts>& facts, const Scratch& sc, std::size_t b, std::size_t i,
                              std::size_t e, KeyPusher push) {
    const TokenFacts& f = facts[i];
    const std::uint64_t cap = (f.flags & f_init_cap) ? 1 : 0;
    push_match_bits(push, t_gaz, sc.gaz_bits[i], cap);
    push_match_bits(push, t_lex, sc.lex_bits[i], cap);
    push(t_gaz_m1, i > b ? match_kinds(sc.gaz_bits[i - 1], gazetteer_kind_count) : 0xFFFF);
    push(t_gaz_p1, i + 1 < e ? match_kinds(sc.gaz_bits[i + 1], gazetteer_kind_count) : 0xFFFF);
    if (f.flags & f_letter) {
        // How the same word is written elsewhere in the document (own mention excluded).
        CaseStat st;
        if (auto it = sc.case_stats.find(f.lower); it != sc.case_stats.end()) st = it->second;
        const std::uint32_t cc = case_class(f.flags);
        if (reliable(f.flags) && cc < 3) --st.count[cc];
        std::uint64_t v = 0;
        for (int c = 0; c < 3; ++c) v = v * 3 + (st.count[c] == 0 ? 0 : st.count[c] == 1 ? 1 : 2);
        const std::uint64_t where = (f.flags & f_headline) ? 2 : (f.flags & f_title) ? 3 : (f.flags & f_first) ? 1 : 0;
        push(t_doc_case, (v * 4 + cc) * 4 + where);
    }
}

/// The word-cluster features of token @p i of the sentence [b, e) that depend on more than the word
/// (its own cluster prefixes are word-local): its neighbours' clusters, its cluster in an all-caps or
/// headline-case sentence, and the usual case of it and its neighbours.
void cluster_features(const std::vector<TokenFacts>& facts, std::size_t b, std::size_t i, std::size_t e,
                      KeyPusher push) {
    const std::uint16_t c = WordClusters::prefix(facts[i].cluster, 3);
    push(t_clus_m1, i > b ? WordClusters::prefix(facts[i - 1].cluster, 3) : bos_hash);
    push(t_clus_p1, i + 1 < e ? WordClusters::prefix(facts[i + 1].cluster, 3) : eos_hash);
    const std::uint64_t mode = sentence_mode(facts[i].flags);
    if (mode) push(t_mode_clus, combine(mode, c));
    // How the word and its neighbours are usually written, against how they are written here.
    push(t_usual, combine(WordClusters::usual_case(facts[i].cluster), mode * 4 + case_class(facts[i].flags)));
    push(t_usual_m1, combine(i > b ? WordClusters::usual_case(facts[i - 1].cluster) : 15, mode));
    push(t_usual_p1, combine(i + 1 < e ? WordClusters::usual_case(facts[i + 1].cluster) : 15, mode));
}

/// A token that may be a name: it has a capital letter, and the word is not usually written in lower
/// case (WordClusters::usual_case; unknown words may be names).
inline bool name_like(const TokenFacts& f) noexcept {
    if (!(f.flags & f_letter) || !(f.flags & (f_init_cap | f_no_lower))) return false;
    const unsigned usual = WordClusters::usual_case(f.cluster);
    return usual != 1 && usual != 2;
}

/// The name-like tokens of a document by lower-case form, and each token's sentence, for context_features().
void index_mentions(const DocView& doc, const std::vector<TokenFacts>& facts, Scratch& sc) {
    sc.mentions.clear();
    sc.sentence_of.assign(facts.size(), 0);
    for (std::size_t s = 0; s < doc.sentences(); ++s)
        for (std::size_t i = doc.sentence_begin[s]; i < doc.sentence_begin[s + 1]; ++i) {
            sc.sentence_of[i] = static_cast<std::uint32_t>(s);
            if (name_like(facts[i])) sc.mentions[facts[i].lower].push_back(static_cast<std::uint32_t>(i));
        }
}

/// Context aggregation (Ratinov and Roth 2009): the words within @p window places of the other
/// mentions of a name-like token in the document, by side, so that `Lenzing said` also sees
/// `Lenzing posted a profit` and `shares in Lenzing` elsewhere. At most context_cap values.
void context_features(const DocView& doc, const std::vector<TokenFacts>& facts, Scratch& sc, std::size_t i,
                      unsigned window, KeyPusher push) {
    constexpr std::size_t context_cap = 24;
    if (!name_like(facts[i])) return;
    const auto it = sc.mentions.find(facts[i].lower);
    if (it == sc.mentions.end() || it->second.size() < 2) return;
    sc.context.clear();
    for (const std::uint32_t j : it->second) {
        if (j == i) continue;
        const std::uint32_t s = sc.sentence_of[j];
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        for (std::size_t k = j > b + window ? j - window : b; k < e && k <= j + window; ++k) {
            if (k == j || (facts[k].flags & f_no_alnum)) continue;
            const std::uint64_t v = combine(facts[k].lower, k < j ? 1 : 2);
            if (std::find(sc.context.begin(), sc.context.end(), v) == sc.context.end()) sc.context.push_back(v);
            if (sc.context.size() == context_cap) break;
        }
        if (sc.context.size() == context_cap) break;
    }
    for (const std::uint64_t v : sc.context) push(t_context, v);
}

/// The features of every token, in order (without the word_local_features when @p cached).
void token_features(const DocView& doc, const std::vector<TokenFacts>& facts, Scratch& sc, bool cached,
                    bool with_clusters, bool with_names, unsigned context_window, DocFeatures& out) {
    const KeyPusher push{out.keys};
    for (std::size_t s = 0; s < doc.sentences(); ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        for (std::size_t i = b; i < e; ++i) {
            out.token_begin.push_back(static_cast<std::uint32_t>(out.keys.size()));
            const TokenFacts& f = facts[i];
            if (!cached) {
                WordFacts wf;
                wf.flags = f.flags;
                wf.word = f.word;
                wf.lower = f.lower;
                wf.shape = sc.shape[i];
                wf.short_shape = f.short_shape;
                wf.cluster = f.cluster;
                const std::size_t at = out.keys.size();
                out.keys.resize(at + local_feature_count(with_clusters));
                const std::string_view low =
                    std::string_view(sc.lower).substr(sc.lower_begin[i], sc.lower_begin[i + 1] - sc.lower_begin[i]);
                local_keys(wf, low, with_clusters, &out.keys[at]);
            }
            if (f.flags & f_first) push(t_first_short, f.short_shape);
            if (f.flags & f_headline) {
                push(t_head_short, f.short_shape);
                push(t_head_lower, f.lower);
            }
            if (f.flags & f_title) {
                push(t_title_short, f.short_shape);
                push(t_title_lower, f.lower);
            }
            window_features(facts, sc, b, i, e, push);
            if (with_clusters) cluster_features(facts, b, i, e, push);
            phrase_and_case_features(facts, sc, b, i, e, push);
            if (with_names) name_features(facts, sc, b, i, e, push);
            if (context_window > 0) context_features(doc, facts, sc, i, context_window, push);
        }
    }
    out.token_begin.push_back(static_cast<std::uint32_t>(out.keys.size()));
}

}  // namespace

void extract_pass1(const DocView& doc, const Gazetteer& gazetteer, const Lexicon& lexicon, const Lexicon& names,
                   const WordClusters& clusters, const FeatureSet& features, DocFeatures& out,
                   std::vector<TokenFacts>& facts, WordCache* cache, std::vector<const WordCache::Entry*>* local) {
    Scratch& sc = scratch();
    const std::size_t n = doc.words.size();
    facts.assign(n, TokenFacts{});
    sc.lower.clear();
    sc.lower_begin.assign(n + 1, 0);
    sc.shape.assign(n, 0);
    sc.suffix3.assign(n, 0);
    sc.gaz_bits.assign(n, 0);
    sc.lex_bits.assign(n, 0);
    sc.name_bits.assign(n, 0);
    out.clear();
    out.token_begin.reserve(n + 1);
    out.keys.reserve(n * 48);

    if (cache)
        cached_token_facts(doc, gazetteer, lexicon, names, clusters, sc, facts, *cache, *local);
    else
        computed_token_facts(doc, clusters, sc, facts);
    sentence_facts(doc, facts);
    count_cases(facts, sc);
    if (features.pass1_window() > 0) index_mentions(doc, facts, sc);
    phrase_facts(doc, gazetteer, lexicon, names, facts, cache ? local : nullptr, sc);
    token_features(doc, facts, sc, cache != nullptr, !clusters.empty(), !names.keys.empty(), features.pass1_window(),
                   out);
}

void extract_pass2(const DocView& doc, const DocFeatures& pass1, const std::vector<TokenFacts>& facts,
                   const std::vector<Label>& labels, const FeatureSet& features, DocFeatures& out, bool extras_only) {
    Scratch& sc = scratch();
    const unsigned context_window = features.pass2_window();
    if (context_window > 0) index_mentions(doc, facts, sc);
    const std::size_t n = doc.words.size();
    out.clear();
    out.token_begin.reserve(n + 1);
    out.keys.reserve(pass1.keys.size() + n * 8);

    auto cls = [&](std::size_t i) -> std::size_t {
        return labels[i] == label_o ? 0 : 1 + static_cast<std::size_t>(label_type(labels[i]));
    };
    // Votes of the other mentions of the same (capitalised) word, and of the entities containing it.
    sc.token_votes.clear();
    sc.entity_votes.clear();
    sc.own_entity.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (capitalised(facts[i].flags)) ++sc.token_votes[facts[i].lower][cls(i)];
    for (std::size_t s = 0; s < doc.sentences(); ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        for (const Span& sp : decode_spans(std::span<const Label>(labels.data() + b, e - b))) {
            for (std::size_t t = b + sp.begin; t < b + sp.end; ++t) {
                if (!capitalised(facts[t].flags)) continue;
                sc.own_entity[t] = static_cast<std::uint8_t>(1 + static_cast<int>(sp.type));
                ++sc.entity_votes[facts[t].lower][sc.own_entity[t]];
            }
        }
    }
    auto vote = [](std::array<std::uint16_t, 5> v, std::size_t own, bool has_own, std::uint64_t& out_value) {
        if (has_own) --v[own];
        std::uint32_t total = 0;
        std::size_t best = 0;
        for (std::size_t c = 0; c < 5; ++c) {
            total += v[c];
            if (v[c] > v[best]) best = c;
        }
        if (total == 0) return false;
        out_value = best * 2 + (v[best] == total ? 1 : 0);
        return true;
    };

    for (std::size_t s = 0; s < doc.sentences(); ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        for (std::size_t i = b; i < e; ++i) {
            out.token_begin.push_back(static_cast<std::uint32_t>(out.keys.size()));
            if (!extras_only)
                out.keys.insert(out.keys.end(), pass1.keys.begin() + pass1.token_begin[i],
                                pass1.keys.begin() + pass1.token_begin[i + 1]);
            auto push = [&](Template t, std::uint64_t v) { out.keys.push_back(key(t, v)); };
            const TokenFacts& f = facts[i];
            const std::uint64_t l0 = labels[i];
            const std::uint64_t lm1 = i > b ? labels[i - 1] : 99;
            push(t_lab0, l0);
            push(t_lab_m1, lm1);
            push(t_lab_p1, i + 1 < e ? labels[i + 1] : 99);
            push(t_lab0_short, combine(l0, f.short_shape));
            push(t_lab_m1_0, lm1 * 16 + l0);
            if (capitalised(f.flags)) {
                std::uint64_t v = 0;
                if (auto it = sc.token_votes.find(f.lower);
                    it != sc.token_votes.end() && vote(it->second, cls(i), true, v)) {
                    push(t_token_majority, v);
                    push(t_token_majority_lab0, v * 16 + l0);
                }
                if (auto it = sc.entity_votes.find(f.lower);
                    it != sc.entity_votes.end() && vote(it->second, sc.own_entity[i], sc.own_entity[i] != 0, v))
                    push(t_entity_majority, v);
            }
            if (context_window > 0) context_features(doc, facts, sc, i, context_window, KeyPusher{out.keys});
        }
    }
    out.token_begin.push_back(static_cast<std::uint32_t>(out.keys.size()));
}

}  // namespace newsdex::ner
