/** @file
 * @brief The one text analyzer: ICU word breaking over UTF-8, folding, stemming, term generation.
 *
 * Pipeline per token (see Analyzer::settings() for the string that names it):
 *  1. ICU word break iterator (root locale) over a UTF-8 UText: no conversion of the whole text,
 *     offsets are UTF-8 byte offsets. Tokens whose rule status is UBRK_WORD_NONE (spaces,
 *     punctuation, symbols, emoji) are dropped; letters, numbers, kana and ideographs are kept.
 *  2. Folding. Pure-ASCII tokens: lower-case the bytes. Others: NFKC_Casefold (ligatures,
 *     full-width forms, ß -> ss), then, only when the token holds Latin or Greek letters or
 *     combining marks, NFD + drop nonspacing marks whose base is Latin, Greek or Common + NFC
 *     (México -> mexico), and Cyrillic stress accents (ви́ски -> виски); Japanese dakuten,
 *     Cyrillic й/ё and Indic vowel signs are kept, as they make different words.
 *  3. Typographic apostrophes (U+2019, U+2018, U+02BC, U+FF07) become `'`; leading and trailing
 *     apostrophes are stripped.
 *  4. Acronyms of single ASCII letters separated by dots lose the dots (`U.S.` -> `us`,
 *     like Xapian's TermGenerator), so `US` and `U.S.` meet.
 *  5. Numbers are kept as ICU gives them (`3.5`, `2016`, `1.13bn`), except that well-formed
 *     thousands groups drop their commas (`155,221` -> `155221`, `1,000` -> `1000`; `1,2,3` stays).
 *  6. Stemming by Xapian::Stem for non-numeric tokens ("none" = the folded term itself).
 */
#include <newsdex/analysis/analyzer.hpp>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <vector>
#include <unordered_set>

#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <newsdex/core/error.hpp>
#include <newsdex/schema/schema.hpp>

namespace newsdex {

namespace {

/// Xapian's limit on the length of a term (glass backend): longer terms are skipped.
constexpr std::size_t max_term_length = 245;

/// Version of the analysis below: bump when any step changes its output.
constexpr std::string_view analysis_version = "v1";

/// Snowball's English stop list, generated at configure time from Debian's liblingua-stopwords-perl:
/// `kEnglishStopWords`.
#include "stopwords_english.inc"

/// The stop words of @p language whose stems are not indexed (Xapian's STOP_STEMMED), or nullptr.
const std::unordered_set<std::string_view>* stop_words_for(const std::string& language) {
    static const std::unordered_set<std::string_view> english(std::begin(kEnglishStopWords),
                                                              std::end(kEnglishStopWords));
    return language == "english" || language == "en" || language == "porter" ? &english : nullptr;
}

bool is_ascii(std::string_view s) noexcept {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

void ascii_lower_into(std::string_view in, std::string& out) {
    out.resize(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
}

/// True when @p c is a letter of a script whose diacritics we strip, or a combining mark.
bool may_carry_marks(UChar32 c) noexcept {
    return (c >= 0x00C0 && c < 0x0250)   // Latin-1 supplement letters, Latin Extended-A/B
        || (c >= 0x0300 && c < 0x0400)   // combining diacritics, Greek
        || (c >= 0x1AB0 && c < 0x1B00)   // combining diacritics extended
        || (c >= 0x1DC0 && c < 0x1F00)   // combining supplement, Latin Extended Additional
        || (c >= 0x1F00 && c < 0x2000)   // Greek extended
        || (c >= 0x20D0 && c < 0x2100)   // combining marks for symbols
        || (c >= 0x2C60 && c < 0x2C80)   // Latin Extended-C
        || (c >= 0xA720 && c < 0xA800)   // Latin Extended-D
        || (c >= 0xAB30 && c < 0xAB70)   // Latin Extended-E
        || (c >= 0xFE20 && c < 0xFE30);  // combining half marks
}

/// Replace typographic apostrophes by `'` in UTF-8, in place.
void ascii_apostrophes(std::string& s) {
    if (is_ascii(s)) return;
    std::size_t w = 0;
    for (std::size_t r = 0; r < s.size();) {
        const auto b0 = static_cast<unsigned char>(s[r]);
        if (b0 == 0xE2 && r + 2 < s.size() && static_cast<unsigned char>(s[r + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[r + 2]) == 0x98 || static_cast<unsigned char>(s[r + 2]) == 0x99)) {
            s[w++] = '\'';  // U+2018, U+2019
            r += 3;
        } else if (b0 == 0xCA && r + 1 < s.size() && static_cast<unsigned char>(s[r + 1]) == 0xBC) {
            s[w++] = '\'';  // U+02BC
            r += 2;
        } else if (b0 == 0xEF && r + 2 < s.size() && static_cast<unsigned char>(s[r + 1]) == 0xBC &&
                   static_cast<unsigned char>(s[r + 2]) == 0x87) {
            s[w++] = '\'';  // U+FF07 (NFKC already maps it; kept for safety)
            r += 3;
        } else {
            s[w++] = s[r++];
        }
    }
    s.resize(w);
}

void strip_apostrophes(std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && s[b] == '\'') ++b;
    while (e > b && s[e - 1] == '\'') --e;
    if (b != 0 || e != s.size()) {
        s.erase(e);
        s.erase(0, b);
    }
}

bool is_ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// `u.s` / `u.s.a` (single ASCII letters separated by dots) -> `us` / `usa`.
void collapse_acronym(std::string& s) {
    if (s.size() < 3 || s.size() % 2 == 0) return;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i % 2 == 0 ? !is_ascii_letter(s[i]) : s[i] != '.') return;
    }
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size(); i += 2) s[w++] = s[i];
    s.resize(w);
}

/// `155,221` / `1,000,000.5` (well-formed thousands groups) -> digits without commas.
void drop_group_separators(std::string& s) {
    const auto comma = s.find(',');
    if (comma == std::string::npos || comma == 0 || comma > 3) return;
    std::size_t i = 0;
    while (i < comma)
        if (!is_ascii_digit(s[i++])) return;
    // Groups of exactly three digits after each comma, optionally ending in .digits
    while (i < s.size() && s[i] == ',') {
        if (i + 3 >= s.size()) return;
        for (std::size_t k = 1; k <= 3; ++k)
            if (!is_ascii_digit(s[i + k])) return;
        i += 4;
    }
    if (i < s.size()) {
        if (s[i] != '.' || i + 1 == s.size()) return;
        for (std::size_t k = i + 1; k < s.size(); ++k)
            if (!is_ascii_digit(s[k])) return;
    }
    s.erase(std::remove(s.begin(), s.end(), ','), s.end());
}

bool starts_with_digit(std::string_view s) noexcept {
    if (s.empty()) return false;
    if (static_cast<unsigned char>(s[0]) < 0x80) return is_ascii_digit(s[0]);
    UChar32 c = 0;
    int32_t i = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    return c >= 0 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER;
}

/**
 * What index_text needs of a folded word, cached per Analyzer: is it a stop word, and its stem.
 * Open addressing over one cache line per word (words and stems of up to 28 bytes inline; longer
 * ones are not cached): one probe per token instead of a stop-list look-up plus a node-based map's
 * bucket and node. Cleared when half full (bounded memory: 4 MB).
 */
class WordInfoCache {
public:
    struct alignas(64) Slot {
        std::uint32_t hash;
        std::uint8_t word_len;
        std::uint8_t stem_len;
        bool used;
        bool stop;
        char word[28];
        char stem[28];
        [[nodiscard]] std::string_view stem_view() const noexcept { return {stem, stem_len}; }
    };
    static_assert(sizeof(Slot) == 64);
    static constexpr std::size_t max_len = sizeof(Slot::word);

    /// The slot of @p word, filled by @p fill(slot) when missing; nullptr when @p word is too long.
    template <class Fill>
    const Slot* find(std::string_view word, Fill&& fill) {
        if (word.size() > max_len) return nullptr;
        if (m_slots.empty()) m_slots.resize(capacity);
        const std::size_t h = std::hash<std::string_view>{}(word);
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t i = h & (capacity - 1);; i = (i + 1) & (capacity - 1)) {
            Slot& slot = m_slots[i];
            if (!slot.used) {
                if (m_size >= capacity / 2) {  // full enough: start again
                    std::fill(m_slots.begin(), m_slots.end(), Slot{});
                    m_size = 0;
                    return find(word, fill);
                }
                slot.used = true;
                slot.hash = tag;
                slot.word_len = static_cast<std::uint8_t>(word.size());
                std::copy(word.begin(), word.end(), slot.word);
                ++m_size;
                if (!fill(slot)) {  // a stem too long to keep inline: do not cache the word
                    slot.used = false;
                    --m_size;
                    return nullptr;
                }
                return &slot;
            }
            if (slot.hash == tag && slot.word_len == word.size() && std::equal(word.begin(), word.end(), slot.word))
                return &slot;
        }
    }

private:
    static constexpr std::size_t capacity = 1 << 16;
    std::vector<Slot> m_slots;  ///< allocated on first use (copies of an Analyzer start empty)
    std::size_t m_size = 0;
};

void throw_icu(const char* what, UErrorCode status) {
    throw RuntimeError(fmt::format("ICU {} failed: {}", what, u_errorName(status)));
}

}  // namespace

struct Analyzer::Impl {
    AnalyzerOptions options;
    Xapian::Stem stemmer;
    UBreakIterator* breaker = nullptr;
    UText utext = UTEXT_INITIALIZER;
    const icu::Normalizer2* nfkc_cf = nullptr;
    const icu::Normalizer2* nfd = nullptr;
    const icu::Normalizer2* nfc = nullptr;

    // Reused buffers (the analyzer is single-threaded by contract).
    std::string folded;
    std::string term;
    icu::UnicodeString u16;
    icu::UnicodeString decomposed;
    icu::UnicodeString stripped;
    icu::UnicodeString composed;
    WordInfoCache word_info;
    std::string long_stem;  ///< stem() of a word too long for word_info
    const std::unordered_set<std::string_view>* stop_words = nullptr;

    explicit Impl(AnalyzerOptions opts) : options(std::move(opts)) {
        if (options.language.empty()) options.language = "none";
        stop_words = stop_words_for(options.language);
        if (options.language != "none") {
            try {
                stemmer = Xapian::Stem(options.language);
            } catch (const Xapian::InvalidArgumentError&) {
                throw UsageError(fmt::format("unknown stemming language '{}' (available: none {})", options.language,
                                             Xapian::Stem::get_available_languages()));
            }
        }
        UErrorCode status = U_ZERO_ERROR;
        breaker = ubrk_open(UBRK_WORD, "root", nullptr, 0, &status);
        if (U_FAILURE(status)) throw_icu("word break iterator", status);
        nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
        nfd = icu::Normalizer2::getNFDInstance(status);
        nfc = icu::Normalizer2::getNFCInstance(status);
        if (U_FAILURE(status)) {
            ubrk_close(breaker);
            throw_icu("normalizer", status);
        }
    }
    Impl(const Impl& other) : Impl(other.options) {}
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        ubrk_close(breaker);
        utext_close(&utext);
    }

    /// Fold one token (bytes of the input) into @p out; leaves @p out empty when nothing remains.
    void fold(std::string_view raw, std::string& out) {
        if (is_ascii(raw)) {
            ascii_lower_into(raw, out);
        } else {
            out.clear();
            UErrorCode status = U_ZERO_ERROR;
            icu::StringByteSink<std::string> sink(&out);
            nfkc_cf->normalizeUTF8(0, icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())), sink, nullptr,
                                   status);
            if (U_FAILURE(status)) throw_icu("NFKC_Casefold", status);
            if (needs_mark_pass(out)) strip_marks(out);
            ascii_apostrophes(out);
        }
        strip_apostrophes(out);
        collapse_acronym(out);
        if (!out.empty() && is_ascii_digit(out[0])) drop_group_separators(out);
    }

    static bool needs_mark_pass(std::string_view s) noexcept {
        const auto* p = reinterpret_cast<const uint8_t*>(s.data());
        const auto n = static_cast<int32_t>(s.size());
        for (int32_t i = 0; i < n;) {
            if (p[i] < 0x80) {
                ++i;
                continue;
            }
            UChar32 c = 0;
            U8_NEXT(p, i, n, c);
            if (c >= 0 && may_carry_marks(c)) return true;
        }
        return false;
    }

    /// NFD, drop nonspacing marks on Latin/Greek/Common bases, NFC; @p s is NFKC_CF UTF-8.
    void strip_marks(std::string& s) {
        UErrorCode status = U_ZERO_ERROR;
        u16 = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
        nfd->normalize(u16, decomposed, status);
        if (U_FAILURE(status)) throw_icu("NFD", status);
        stripped.remove();
        UScriptCode base = USCRIPT_COMMON;
        for (int32_t i = 0; i < decomposed.length();) {
            const UChar32 c = decomposed.char32At(i);
            i += U16_LENGTH(c);
            if (u_charType(c) == U_NON_SPACING_MARK) {
                if (base == USCRIPT_LATIN || base == USCRIPT_GREEK || base == USCRIPT_COMMON ||
                    base == USCRIPT_INHERITED)
                    continue;
                // Cyrillic: drop stress accents only; й (breve) and ё (diaeresis) stay letters.
                if (base == USCRIPT_CYRILLIC && (c == 0x0300 || c == 0x0301)) continue;
            } else {
                UErrorCode script_status = U_ZERO_ERROR;
                base = uscript_getScript(c, &script_status);
            }
            stripped.append(c);
        }
        nfc->normalize(stripped, composed, status);
        if (U_FAILURE(status)) throw_icu("NFC", status);
        s.clear();
        composed.toUTF8String(s);
    }

    /// Call @p f(folded_term, byte_offset, byte_length, numeric) for each word of @p text.
    template <class F>
    void for_each_token(std::string_view text, F&& f) {
        if (text.empty()) return;
        if (text.size() > static_cast<std::size_t>(INT32_MAX))
            throw UsageError(fmt::format("text of {} bytes is too long to analyze (limit 2 GiB)", text.size()));
        UErrorCode status = U_ZERO_ERROR;
        utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
        ubrk_setUText(breaker, &utext, &status);
        if (U_FAILURE(status)) throw_icu("word breaking", status);
        int32_t start = ubrk_first(breaker);
        for (int32_t end = ubrk_next(breaker); end != UBRK_DONE; start = end, end = ubrk_next(breaker)) {
            if (ubrk_getRuleStatus(breaker) < UBRK_WORD_NONE_LIMIT) continue;
            const auto off = static_cast<std::size_t>(start);
            const auto len = static_cast<std::size_t>(end - start);
            fold(text.substr(off, len), folded);
            if (folded.empty()) continue;
            f(std::string_view(folded), off, len, starts_with_digit(folded));
        }
    }

    /// Is @p folded a stop word (whose stem is not indexed)?
    bool is_stop(std::string_view folded) const { return stop_words && stop_words->count(folded) > 0; }

    /**
     * Calls @p f(stop, stem) for a folded word: is it a stop word, and its stem (valid until the next
     * call; the word itself when there is no stemmer). Through word_info (Xapian::Stem allocates per call).
     */
    template <class F>
    void word(std::string_view folded, F&& f) {
        const WordInfoCache::Slot* slot = word_info.find(folded, [&](WordInfoCache::Slot& s) {
            s.stop = is_stop(folded);
            const std::string stemmed = stemmer.is_none() ? std::string(folded) : stemmer(std::string(folded));
            if (stemmed.size() > sizeof(s.stem)) return false;
            s.stem_len = static_cast<std::uint8_t>(stemmed.size());
            std::copy(stemmed.begin(), stemmed.end(), s.stem);
            return true;
        });
        if (slot) return f(slot->stop, slot->stem_view());
        long_stem = stemmer.is_none() ? std::string(folded) : stemmer(std::string(folded));
        f(is_stop(folded), std::string_view(long_stem));
    }

    /// The stem of @p folded (valid until the next call).
    std::string_view stem(std::string_view folded_term) {
        std::string_view out;
        word(folded_term, [&](bool, std::string_view stemmed) { out = stemmed; });
        return out;
    }
};

Analyzer::Analyzer(AnalyzerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Analyzer::Analyzer(const Analyzer& other) : m_impl(std::make_unique<Impl>(*other.m_impl)) {}
Analyzer& Analyzer::operator=(const Analyzer& other) {
    if (this != &other) m_impl = std::make_unique<Impl>(*other.m_impl);
    return *this;
}
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;
Analyzer::~Analyzer() = default;

void Analyzer::tokenize(std::string_view text, std::vector<Token>& out) const {
    // Reuse the Token objects already in @p out so their strings keep their capacity.
    std::size_t n = 0;
    m_impl->for_each_token(text, [&](std::string_view term, std::size_t off, std::size_t len, bool numeric) {
        if (n == out.size()) out.emplace_back();
        Token& t = out[n++];
        t.term.assign(term);
        t.offset = off;
        t.length = len;
        t.numeric = numeric;
    });
    out.resize(n);
}

std::vector<Token> Analyzer::tokenize(std::string_view text) const {
    std::vector<Token> out;
    tokenize(text, out);
    return out;
}

std::string Analyzer::stem(std::string_view folded) const {
    if (starts_with_digit(folded)) return std::string(folded);
    return std::string(m_impl->stem(folded));
}

Xapian::termpos Analyzer::index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                                     Xapian::termpos first_pos, Xapian::termcount wdf_inc) const {
    Impl& impl = *m_impl;
    Xapian::termpos pos = first_pos;
    std::string& term = impl.term;
    impl.for_each_token(text, [&](std::string_view folded, std::size_t, std::size_t, bool numeric) {
        // A skipped (over-long) token still takes its position, so phrases cannot match across it.
        const Xapian::termpos p = pos++;
        if (prefix.size() + folded.size() > max_term_length) return;
        term.assign(prefix);
        term.append(folded);
        doc.add_posting(term, p, wdf_inc);
        // Stop words keep their positional term (phrases) but get no stem term, like Xapian's
        // STOP_STEMMED: queries drop them, or search them unstemmed (is_stop_word).
        if (numeric) return;
        impl.word(folded, [&](bool stop, std::string_view stemmed) {
            if (stop || schema::stem_prefix.size() + prefix.size() + stemmed.size() > max_term_length) return;
            term.assign(schema::stem_prefix);
            term.append(prefix);
            term.append(stemmed);
            doc.add_term(term, wdf_inc);
        });
    });
    return pos;
}

void Analyzer::index_words(Xapian::Document& doc, std::string_view text, std::string_view prefix,
                           Xapian::termcount wdf_inc) const {
    Impl& impl = *m_impl;
    std::string& term = impl.term;
    impl.for_each_token(text, [&](std::string_view folded, std::size_t, std::size_t, bool) {
        if (prefix.size() + folded.size() > max_term_length) return;
        term.assign(prefix);
        term.append(folded);
        doc.add_term(term, wdf_inc);
    });
}

bool Analyzer::is_stop_word(std::string_view folded) const { return m_impl->is_stop(folded); }

const AnalyzerOptions& Analyzer::options() const noexcept { return m_impl->options; }

std::string Analyzer::settings() const {
    return fmt::format("icu-word;nfkc-cf;strip-marks=latn,grek,cyrl-stress;apos;acronym;num-group;stem={};{}{}",
                       m_impl->options.language, m_impl->stop_words ? "stop-unstemmed;" : "", analysis_version);
}

std::string fold_exact_value(std::string_view value) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    std::string collapsed;
    collapsed.reserve(value.size());
    bool pending_space = false;
    for (char c : value) {
        if (is_space(c)) {
            pending_space = !collapsed.empty();
            continue;
        }
        if (pending_space) collapsed += ' ';
        pending_space = false;
        collapsed += c;
    }
    if (is_ascii(collapsed)) {
        std::string out;
        ascii_lower_into(collapsed, out);
        return out;
    }
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(collapsed.data(), static_cast<int32_t>(collapsed.size())));
    u.toLower(icu::Locale::getRoot());
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace newsdex
