/** @file
 * @brief The tagger's features (hashed, no strings kept), scoring and BIO-constrained Viterbi.
 */
#include "entities/ner/hash.hpp"
#include "entities/ner/internal.hpp"

#include <sys/mman.h>

#include <new>
#include <type_traits>

#include <algorithm>
#include <limits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
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

inline bool reliable(std::uint32_t flags) noexcept { return !(flags & (f_first | f_headline)) && (flags & f_letter); }

inline bool capitalised(std::uint32_t flags) noexcept { return (flags & f_letter) && (flags & f_init_cap); }

/// Per-thread scratch space, so that tagging allocates nothing in the steady state.
struct Scratch {
    std::string lower;
    std::vector<std::uint32_t> lower_begin;
    std::vector<std::uint64_t> shape;
    std::vector<std::uint64_t> suffix3;
    std::vector<std::uint64_t> gaz_bits;  // per token: bit (kind * 4 + position)
    std::vector<std::uint16_t> lex_bits;  // per token: bit (type * 4 + position)
    std::unordered_map<std::uint64_t, CaseStat> case_stats;
    std::unordered_map<std::uint64_t, std::array<std::uint16_t, 5>> token_votes;
    std::unordered_map<std::uint64_t, std::array<std::uint16_t, 5>> entity_votes;
    std::vector<std::uint8_t> own_entity;  // per token: 1 + type of its pass-1 entity, or 0
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

/// Lower-case ASCII letters (other bytes kept), as every feature sees words.
void append_lower(std::string& out, std::string_view w) {
    for (char c : w) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

void Lexicon::add(std::span<const std::string> words, EntityType type) {
    std::uint64_t k = 0;
    std::string low;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) keys[k] |= Gazetteer::continues_bit;
        low.clear();
        append_lower(low, words[i]);
        k = Gazetteer::extend_key(k, Gazetteer::token_hash(low));
    }
    if (words.empty()) return;
    keys[k] |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(type));
    max_tokens = std::max(max_tokens, words.size());
}

namespace {

/// What the features take from a word alone.
struct WordFacts {
    std::uint64_t lower = 0, word = 0, short_shape = 0, shape = 0, suffix3 = 0;
    std::uint32_t flags = 0;
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
        const unsigned char c = static_cast<unsigned char>(w[k]);
        char cls;
        if (c >= 'A' && c <= 'Z') {
            cls = 'X';
            flags |= f_letter;
            if (k == 0) flags |= f_init_cap;
            low += static_cast<char>(c - 'A' + 'a');
        } else {
            low += static_cast<char>(c);
            if (c >= 'a' && c <= 'z') {
                cls = 'x';
                flags |= f_letter | f_has_lower;
            } else if (c >= '0' && c <= '9') {
                cls = 'd';
                flags |= f_digit;
            } else if (c >= 0x80) {
                if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
                cls = 'u';
                flags |= f_letter | f_has_lower;
            } else {
                cls = static_cast<char>(c);
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
    const bool ascii = std::all_of(l.begin(), l.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    // Non-ASCII words are folded like gazetteer names ("São" -> "sao"); ASCII folding is the same as ours.
    f.lower = ascii ? Gazetteer::token_hash(l) : Gazetteer::token_hash(Gazetteer::fold(w));
    f.suffix3 = hash_bytes(l.substr(l.size() - std::min<std::size_t>(3, l.size())), 0x13);
}

/// The word_local_features of a word with facts @p f and lower-case form @p low, in feature order.
void local_keys(const WordFacts& f, std::string_view low, std::uint64_t* out) {
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

void extract_pass1(const DocView& doc, const Gazetteer& gazetteer, const Lexicon& lexicon, DocFeatures& out,
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
    out.clear();
    out.token_begin.reserve(n + 1);
    out.keys.reserve(n * 48);

    // Token facts: lower case, shapes, flags (from the cache for words seen before).
    if (cache) {
        local->resize(n);
        std::uint64_t keys[word_local_features];
        for (std::size_t i = 0; i < n; ++i) {
            const std::string_view w = doc.words[i];
            const std::uint64_t h = hash_bytes(w, 0x3);
            const WordCache::Entry* e = cache->find(h, w);
            if (!e) {
                WordFacts wf;
                sc.lower.clear();
                word_facts(w, sc.lower, wf);
                local_keys(wf, sc.lower, keys);
                WordCache::Entry& ne = cache->insert(h, w);
                ne.lower = wf.lower;
                ne.short_shape = wf.short_shape;
                ne.suffix3 = wf.suffix3;
                ne.flags = wf.flags;
                // The one-word gazetteer and lexicon look-ups (the first step of phrase matching).
                const std::uint64_t k1 = Gazetteer::extend_key(0, wf.lower);
                ne.gaz = gazetteer.key_kinds(k1);
                ne.lex = lexicon.find(k1);
                cache->weights().score_both(keys, word_local_features, ne.s1, ne.s2);
                e = &ne;
            }
            (*local)[i] = e;
            facts[i].flags = e->flags;
            facts[i].word = h;
            facts[i].short_shape = e->short_shape;
            facts[i].lower = e->lower;
            sc.suffix3[i] = e->suffix3;
        }
        sc.lower.clear();
    } else {
        WordFacts wf;
        for (std::size_t i = 0; i < n; ++i) {
            sc.lower_begin[i] = static_cast<std::uint32_t>(sc.lower.size());
            word_facts(doc.words[i], sc.lower, wf);
            facts[i].flags = wf.flags;
            facts[i].word = wf.word;
            facts[i].short_shape = wf.short_shape;
            facts[i].lower = wf.lower;
            sc.shape[i] = wf.shape;
            sc.suffix3[i] = wf.suffix3;
        }
        sc.lower_begin[n] = static_cast<std::uint32_t>(sc.lower.size());
    }
    auto lower_of = [&](std::size_t i) {
        return std::string_view(sc.lower).substr(sc.lower_begin[i], sc.lower_begin[i + 1] - sc.lower_begin[i]);
    };

    // Sentence facts: first token, all-caps headlines.
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
        }
    }

    // Document case memory: how each word is written where case is informative.
    sc.case_stats.clear();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t f = facts[i].flags;
        if (!reliable(f)) continue;
        const std::uint32_t cc = case_class(f);
        if (cc < 3) ++sc.case_stats[facts[i].lower].count[cc];
    }

    // Gazetteer matches (all, overlapping), recorded per token with the position in the match.
    const std::size_t max_tokens = std::min<std::size_t>(gazetteer.max_tokens(), 8);
    for (std::size_t s = 0; s < doc.sentences(); ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        for (std::size_t i = b; i < e; ++i) {
            if (!(facts[i].flags & f_letter)) continue;
            std::uint64_t k = 0;
            for (std::size_t j = i; j < e && j - i < max_tokens; ++j) {
                k = Gazetteer::extend_key(k, facts[j].lower);
                const std::uint8_t mask = j == i && cache ? (*local)[i]->gaz : gazetteer.key_kinds(k);
                const std::uint8_t kinds = mask & static_cast<std::uint8_t>(~Gazetteer::continues_bit);
                if (kinds) {
                    for (std::size_t t = i; t <= j; ++t) {
                        const unsigned pos = i == j ? 0 : t == i ? 1 : t == j ? 3 : 2;
                        for (unsigned kind = 0; kind < gazetteer_kind_count; ++kind)
                            if (kinds & (1u << kind)) sc.gaz_bits[t] |= 1ULL << (kind * 4 + pos);
                    }
                }
                if (!(mask & Gazetteer::continues_bit)) break;
            }
        }
    }
    // Training-data entity phrases, the same way.
    const std::size_t lex_tokens = std::min<std::size_t>(lexicon.max_tokens, 8);
    for (std::size_t s = 0; s < doc.sentences() && lex_tokens > 0; ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        for (std::size_t i = b; i < e; ++i) {
            std::uint64_t k = 0;
            for (std::size_t j = i; j < e && j - i < lex_tokens; ++j) {
                k = Gazetteer::extend_key(k, facts[j].lower);
                const std::uint8_t mask = j == i && cache ? (*local)[i]->lex : lexicon.find(k);
                const std::uint8_t types = mask & 0x0F;
                if (types) {
                    for (std::size_t t = i; t <= j; ++t) {
                        const unsigned pos = i == j ? 0 : t == i ? 1 : t == j ? 3 : 2;
                        for (unsigned ty = 0; ty < 4; ++ty)
                            if (types & (1u << ty))
                                sc.lex_bits[t] = static_cast<std::uint16_t>(sc.lex_bits[t] | (1u << (ty * 4 + pos)));
                    }
                }
                if (!(mask & Gazetteer::continues_bit)) break;
            }
        }
    }
    auto gaz_kinds = [&](std::size_t i) {
        std::uint64_t kinds = 0;
        for (unsigned kind = 0; kind < gazetteer_kind_count; ++kind)
            if ((sc.gaz_bits[i] >> (kind * 4)) & 0xF) kinds |= 1u << kind;
        return kinds;
    };

    // Features.
    for (std::size_t s = 0; s < doc.sentences(); ++s) {
        const std::size_t b = doc.sentence_begin[s], e = doc.sentence_begin[s + 1];
        for (std::size_t i = b; i < e; ++i) {
            out.token_begin.push_back(static_cast<std::uint32_t>(out.keys.size()));
            auto push = [&](Template t, std::uint64_t v) { out.keys.push_back(key(t, v)); };
            const TokenFacts& f = facts[i];
            if (!cache) {
                WordFacts wf;
                wf.flags = f.flags;
                wf.word = f.word;
                wf.lower = f.lower;
                wf.shape = sc.shape[i];
                wf.short_shape = f.short_shape;
                const std::size_t at = out.keys.size();
                out.keys.resize(at + word_local_features);
                local_keys(wf, lower_of(i), &out.keys[at]);
            }
            if (f.flags & f_first) push(t_first_short, f.short_shape);
            if (f.flags & f_headline) {
                push(t_head_short, f.short_shape);
                push(t_head_lower, f.lower);
            }
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
            if (const std::uint64_t g = sc.gaz_bits[i]) {
                for (unsigned bit = 0; bit < 64; ++bit)
                    if (g & (1ULL << bit)) push(t_gaz, combine(bit, (f.flags & f_init_cap) ? 1 : 0));
            }
            if (const std::uint16_t g = sc.lex_bits[i]) {
                for (unsigned bit = 0; bit < 16; ++bit)
                    if (g & (1u << bit)) push(t_lex, combine(bit, (f.flags & f_init_cap) ? 1 : 0));
            }
            push(t_gaz_m1, i > b ? gaz_kinds(i - 1) : 0xFFFF);
            push(t_gaz_p1, i + 1 < e ? gaz_kinds(i + 1) : 0xFFFF);
            if (f.flags & f_letter) {
                // How the same word is written elsewhere in the document (own mention excluded).
                CaseStat st;
                if (auto it = sc.case_stats.find(f.lower); it != sc.case_stats.end()) st = it->second;
                const std::uint32_t cc = case_class(f.flags);
                if (reliable(f.flags) && cc < 3) --st.count[cc];
                std::uint64_t v = 0;
                for (int c = 0; c < 3; ++c) v = v * 3 + (st.count[c] == 0 ? 0 : st.count[c] == 1 ? 1 : 2);
                const std::uint64_t where = (f.flags & f_headline) ? 2 : (f.flags & f_first) ? 1 : 0;
                push(t_doc_case, (v * 4 + cc) * 3 + where);
            }
        }
    }
    out.token_begin.push_back(static_cast<std::uint32_t>(out.keys.size()));
}

void extract_pass2(const DocView& doc, const DocFeatures& pass1, const std::vector<TokenFacts>& facts,
                   const std::vector<Label>& labels, DocFeatures& out, bool extras_only) {
    Scratch& sc = scratch();
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
        }
    }
    out.token_begin.push_back(static_cast<std::uint32_t>(out.keys.size()));
}

void score_token(const StageWeights& w, const std::uint64_t* keys, std::size_t count, float* scores) noexcept {
    w.score(keys, count, scores);
}

void viterbi(const float* emissions, const float* transitions, std::size_t n, Label* out) {
    if (n == 0) return;
    thread_local std::vector<float> delta;
    thread_local std::vector<std::uint8_t> back;
    delta.resize(n * label_count);
    back.resize(n * label_count);
    constexpr float neg_inf = -std::numeric_limits<float>::infinity();
    // Transitions with the BIO constraint folded in: -inf where I-X may not follow (start, O, other
    // types). prev + (-inf) never beats the running best, so this picks what skipping them picked.
    float trans[transition_size];
    for (std::size_t p = 0; p <= label_count; ++p) {
        for (std::size_t c = 0; c < label_count; ++c) {
            const bool allowed = c == 0 || (c % 2) == 1 || (p != start_state && (p == c || p == c - 1));
            trans[p * label_count + c] = allowed ? transitions[p * label_count + c] : neg_inf;
        }
    }
    for (std::size_t c = 0; c < label_count; ++c) delta[c] = trans[start_state * label_count + c] + emissions[c];
    for (std::size_t t = 1; t < n; ++t) {
        const float* prev = &delta[(t - 1) * label_count];
        float* cur = &delta[t * label_count];
        std::uint8_t* bp = &back[t * label_count];
        // Previous label outermost, current label innermost, 12 lanes (the 3 extra read the next
        // row and are ignored): for each c the same sums are compared in the same order (p
        // ascending, strictly greater wins) as a per-c loop would, so the path is the same.
        alignas(16) float best[12];
        alignas(16) std::int32_t arg[12];
#if defined(__SSE2__)
        __m128 b0 = _mm_set1_ps(neg_inf), b1 = b0, b2 = b0;
        __m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0;
        for (std::size_t p = 0; p < label_count; ++p) {
            const __m128 pv = _mm_set1_ps(prev[p]);
            const __m128i pi = _mm_set1_epi32(static_cast<int>(p));
            const float* row = &trans[p * label_count];
            const auto step = [&](__m128& b, __m128i& a, const float* r) {
                const __m128 v = _mm_add_ps(pv, _mm_loadu_ps(r));
                const __m128 gt = _mm_cmpgt_ps(v, b);
                b = _mm_or_ps(_mm_and_ps(gt, v), _mm_andnot_ps(gt, b));
                const __m128i g = _mm_castps_si128(gt);
                a = _mm_or_si128(_mm_and_si128(g, pi), _mm_andnot_si128(g, a));
            };
            step(b0, a0, row);
            step(b1, a1, row + 4);
            step(b2, a2, row + 8);
        }
        _mm_store_ps(best, b0);
        _mm_store_ps(best + 4, b1);
        _mm_store_ps(best + 8, b2);
        _mm_store_si128(reinterpret_cast<__m128i*>(arg), a0);
        _mm_store_si128(reinterpret_cast<__m128i*>(arg + 4), a1);
        _mm_store_si128(reinterpret_cast<__m128i*>(arg + 8), a2);
#else
        for (std::size_t c = 0; c < label_count; ++c) {
            best[c] = neg_inf;
            arg[c] = 0;
        }
        for (std::size_t p = 0; p < label_count; ++p)
            for (std::size_t c = 0; c < label_count; ++c) {
                const float v = prev[p] + trans[p * label_count + c];
                if (v > best[c]) {
                    best[c] = v;
                    arg[c] = static_cast<std::int32_t>(p);
                }
            }
#endif
        for (std::size_t c = 0; c < label_count; ++c) {
            cur[c] = best[c] + emissions[t * label_count + c];
            bp[c] = static_cast<std::uint8_t>(arg[c]);
        }
    }
    std::size_t best = 0;
    const float* last = &delta[(n - 1) * label_count];
    for (std::size_t c = 1; c < label_count; ++c)
        if (last[c] > last[best]) best = c;
    for (std::size_t t = n; t-- > 0;) {
        out[t] = static_cast<Label>(best);
        if (t > 0) best = back[t * label_count + best];
    }
}

}  // namespace newsdex::ner
