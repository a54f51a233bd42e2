/** @file
 * @brief Dates mentioned in running text: a single hand-written scan, no regex (rules in the header).
 */
#include <newsdex/entities/date_mentions.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/text_util.hpp"

namespace newsdex {
namespace {

// Characters are ASCII only (core/text_util.hpp): every byte >= 0x80 is neither a letter nor a digit here.
using detail::iequals;
using detail::is_alnum;
using detail::is_alpha;
using detail::is_digit;
using detail::is_lower;
using detail::is_upper;
using detail::to_lower;

/// How a word is capitalised.
enum class Case { lower, capital, upper, mixed };

Case word_case(std::string_view w) noexcept {
    if (w.empty()) return Case::mixed;
    bool any_upper_after_first = false, any_lower_after_first = false;
    for (std::size_t i = 1; i < w.size(); ++i) {
        if (is_upper(w[i])) any_upper_after_first = true;
        if (is_lower(w[i])) any_lower_after_first = true;
    }
    if (is_lower(w[0])) return any_upper_after_first ? Case::mixed : Case::lower;
    if (any_upper_after_first && any_lower_after_first) return Case::mixed;
    if (any_upper_after_first || w.size() == 1) return w.size() == 1 ? Case::capital : Case::upper;
    return Case::capital;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, days since 1970-01-01; H. Hinnant's algorithms).

std::int64_t days_from_civil(int y, int m, int d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date civil_from_days(std::int64_t z) noexcept {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const auto y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
    return Date{y, static_cast<int>(m), static_cast<int>(d)};
}

bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) noexcept {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

bool valid_day(int y, int m, int d) noexcept {
    return y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::int64_t day_number(const Date& d) noexcept { return days_from_civil(d.year, d.month, d.day); }

/// 0 = Monday ... 6 = Sunday.
int weekday_of(std::int64_t days) noexcept { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

Date add_days(const Date& d, std::int64_t n) noexcept { return civil_from_days(day_number(d) + n); }

Date add_months(int y, int m, int n) noexcept {
    const int index = y * 12 + (m - 1) + n;
    return Date{index / 12, index % 12 + 1, 0};
}

// ---------------------------------------------------------------------------------------------
// Word tables.

/// What a word is to the scanner.
enum class Kind : std::uint8_t { month, month_abbreviation, weekday, day_word, shift, preposition, count };

struct Keyword {
    std::string_view word;  ///< lower case
    Kind kind;
    int value;  ///< month 1-12, weekday 0-6 (Monday = 0), count 1-12
};

/// Every word the scanner reacts to.
constexpr std::array<Keyword, 62> k_keywords{
    {{"january", Kind::month, 1},
     {"february", Kind::month, 2},
     {"march", Kind::month, 3},
     {"april", Kind::month, 4},
     {"may", Kind::month, 5},
     {"june", Kind::month, 6},
     {"july", Kind::month, 7},
     {"august", Kind::month, 8},
     {"september", Kind::month, 9},
     {"october", Kind::month, 10},
     {"november", Kind::month, 11},
     {"december", Kind::month, 12},
     {"jan", Kind::month_abbreviation, 1},
     {"feb", Kind::month_abbreviation, 2},
     {"mar", Kind::month_abbreviation, 3},
     {"apr", Kind::month_abbreviation, 4},
     {"jun", Kind::month_abbreviation, 6},
     {"jul", Kind::month_abbreviation, 7},
     {"aug", Kind::month_abbreviation, 8},
     {"sep", Kind::month_abbreviation, 9},
     {"sept", Kind::month_abbreviation, 9},
     {"oct", Kind::month_abbreviation, 10},
     {"nov", Kind::month_abbreviation, 11},
     {"dec", Kind::month_abbreviation, 12},
     // Full weekday names only: the abbreviations `Sun`, `Sat`, `Wed` are words too.
     {"monday", Kind::weekday, 0},
     {"tuesday", Kind::weekday, 1},
     {"wednesday", Kind::weekday, 2},
     {"thursday", Kind::weekday, 3},
     {"friday", Kind::weekday, 4},
     {"saturday", Kind::weekday, 5},
     {"sunday", Kind::weekday, 6},
     {"today", Kind::day_word, 0},
     {"tonight", Kind::day_word, 0},
     {"yesterday", Kind::day_word, -1},
     {"tomorrow", Kind::day_word, 1},
     {"last", Kind::shift, -1},
     {"this", Kind::shift, 0},
     {"next", Kind::shift, 1},
     {"in", Kind::preposition, 0},
     {"since", Kind::preposition, 0},
     {"by", Kind::preposition, 0},
     {"until", Kind::preposition, 0},
     {"till", Kind::preposition, 0},
     {"during", Kind::preposition, 0},
     {"before", Kind::preposition, 0},
     {"after", Kind::preposition, 0},
     {"from", Kind::preposition, 0},
     {"through", Kind::preposition, 0},
     {"a", Kind::count, 1},
     {"an", Kind::count, 1},
     {"one", Kind::count, 1},
     {"two", Kind::count, 2},
     {"three", Kind::count, 3},
     {"four", Kind::count, 4},
     {"five", Kind::count, 5},
     {"six", Kind::count, 6},
     {"seven", Kind::count, 7},
     {"eight", Kind::count, 8},
     {"nine", Kind::count, 9},
     {"ten", Kind::count, 10},
     {"eleven", Kind::count, 11},
     {"twelve", Kind::count, 12}}};

constexpr std::size_t k_max_keyword = 9;
constexpr std::size_t k_slots = 512;  // power of two, load about 12%: most misses cost one probe

constexpr std::uint32_t hash_word(std::string_view lower) noexcept {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (char c : lower) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}

/// Open-addressing table: slot -> keyword index + 1 (0 = empty).
struct KeywordTable {
    std::array<std::uint8_t, k_slots> slot{};
    constexpr KeywordTable() {
        for (std::size_t i = 0; i < k_keywords.size(); ++i) {
            std::size_t s = hash_word(k_keywords[i].word) & (k_slots - 1);
            while (slot[s] != 0) s = (s + 1) & (k_slots - 1);
            slot[s] = static_cast<std::uint8_t>(i + 1);
        }
    }
};
constexpr KeywordTable k_table{};

/// The keyword @p w is (any case), or nullptr.
const Keyword* keyword(std::string_view w) noexcept {
    if (w.empty() || w.size() > k_max_keyword) return nullptr;
    std::array<char, k_max_keyword> buf{};
    for (std::size_t i = 0; i < w.size(); ++i) buf[i] = to_lower(w[i]);
    const std::string_view key(buf.data(), w.size());
    for (std::size_t s = hash_word(key) & (k_slots - 1); k_table.slot[s] != 0; s = (s + 1) & (k_slots - 1)) {
        const Keyword& k = k_keywords[k_table.slot[s] - 1];
        if (k.word == key) return &k;
    }
    return nullptr;
}

/// Month names and news-style abbreviations (`Sept.` too): 1-12, or 0.
int month_number(std::string_view w, bool& abbreviation) noexcept {
    const Keyword* k = keyword(w);
    if (!k || (k->kind != Kind::month && k->kind != Kind::month_abbreviation)) return 0;
    // Month names are proper nouns: lower-case `may`, `march` are verbs.
    const Case c = word_case(w);
    if (c != Case::capital && c != Case::upper) return 0;
    abbreviation = k->kind == Kind::month_abbreviation;
    return k->value;
}

/// 0 = Monday ... 6 = Sunday, or -1.
int weekday_number(std::string_view w) noexcept {
    const Keyword* k = keyword(w);
    if (!k || k->kind != Kind::weekday || word_case(w) == Case::mixed) return -1;
    return k->value;
}

/// Small counts for "N days ago" (`a`, `two`...): digits are read elsewhere.
int count_word(std::string_view w) noexcept {
    const Keyword* k = keyword(w);
    const Case c = word_case(w);
    if (!k || k->kind != Kind::count || (c != Case::lower && c != Case::capital)) return 0;
    return k->value;
}

bool is_preposition(std::string_view w) noexcept {
    const Keyword* k = keyword(w);
    const Case c = word_case(w);
    return k && k->kind == Kind::preposition && (c == Case::lower || c == Case::capital);
}

bool is_modifier(std::string_view w) noexcept { return w == "early" || w == "mid" || w == "late"; }

enum class Unit { none, day, week, month, year };

Unit unit_of(std::string_view w) noexcept {
    if (w == "day" || w == "days") return Unit::day;
    if (w == "week" || w == "weeks") return Unit::week;
    if (w == "month" || w == "months") return Unit::month;
    if (w == "year" || w == "years") return Unit::year;
    return Unit::none;
}

/// How a weekday is resolved relative to the anchor.
enum class Direction { past_inclusive, past_strict, future_inclusive, future_strict };

// ---------------------------------------------------------------------------------------------

/// A date found at some position before resolution: year 0 = "year not written".
struct Found {
    std::size_t end = 0;
    int year = 0;
    int month = 0;
    int day = 0;
};

class Scanner {
public:
    Scanner(std::string_view text, const std::optional<Date>& anchor) : m_s(text) {
        if (anchor && anchor->valid()) {
            m_anchor = *anchor;
            m_has_month = anchor->month >= 1 && anchor->month <= 12;
            m_has_day = m_has_month && valid_day(anchor->year, anchor->month, anchor->day);
        }
    }

    std::vector<DateMention> run() {
        const std::size_t n = m_s.size();
        std::size_t p = 0;
        while (p < n) {
            if (!is_alnum(m_s[p])) {
                ++p;
                continue;
            }
            const std::size_t e = try_at(p);
            if (e > p) {
                p = e;
                continue;
            }
            p = alnum_end(p);
            // Do not restart inside "3,200", "1.5", "10/12" or "2016-17".
            while (p + 1 < n && (m_s[p] == ',' || m_s[p] == '.' || m_s[p] == '/' || m_s[p] == ':' || m_s[p] == '-') &&
                   is_digit(m_s[p + 1]) && is_digit(m_s[p - 1]))
                p = alnum_end(p + 1);
        }
        return std::move(m_out);
    }

private:
    std::string_view m_s;
    std::optional<Date> m_anchor;
    bool m_has_month = false;
    bool m_has_day = false;
    std::vector<DateMention> m_out;

    // --- positions ---------------------------------------------------------------------------

    [[nodiscard]] std::size_t alnum_end(std::size_t p) const noexcept {
        while (p < m_s.size() && is_alnum(m_s[p])) ++p;
        return p;
    }
    [[nodiscard]] std::size_t alpha_end(std::size_t p) const noexcept {
        while (p < m_s.size() && is_alpha(m_s[p])) ++p;
        return p;
    }
    [[nodiscard]] std::size_t digit_end(std::size_t p) const noexcept {
        while (p < m_s.size() && is_digit(m_s[p])) ++p;
        return p;
    }
    [[nodiscard]] bool alnum_at(std::size_t p) const noexcept { return p < m_s.size() && is_alnum(m_s[p]); }
    [[nodiscard]] bool digit_at(std::size_t p) const noexcept { return p < m_s.size() && is_digit(m_s[p]); }
    [[nodiscard]] bool char_at(std::size_t p, char c) const noexcept { return p < m_s.size() && m_s[p] == c; }

    /// Skip white space, including the UTF-8 no-break, thin and narrow no-break spaces.
    [[nodiscard]] std::size_t skip_space(std::size_t p) const noexcept {
        const std::size_t n = m_s.size();
        while (p < n) {
            const char c = m_s[p];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++p;
            } else if (c == '\xC2' && p + 1 < n && m_s[p + 1] == '\xA0') {
                p += 2;
            } else if (c == '\xE2' && p + 2 < n && m_s[p + 1] == '\x80' &&
                       (m_s[p + 2] == '\xAF' || m_s[p + 2] == '\x89' || m_s[p + 2] == '\x8A')) {
                p += 3;
            } else {
                break;
            }
        }
        return p;
    }

    /// A word that starts at @p p (letters only), or empty when letters run into digits.
    [[nodiscard]] std::string_view word_at(std::size_t p) const noexcept {
        const std::size_t e = alpha_end(p);
        if (e == p || digit_at(e)) return {};
        return m_s.substr(p, e - p);
    }

    /// The next word after white space (at least one space) following @p p; its start in @p start.
    [[nodiscard]] std::string_view next_word(std::size_t p, std::size_t& start) const noexcept {
        start = skip_space(p);
        if (start == p) return {};
        return word_at(start);
    }

    /// A number of 1..@p max_digits digits at @p p, not running into letters or digits.
    [[nodiscard]] bool number_at(std::size_t p, std::size_t max_digits, int& value, std::size_t& end) const noexcept {
        end = digit_end(p);
        if (end == p || end - p > max_digits) return false;
        value = 0;
        for (std::size_t i = p; i < end; ++i) value = value * 10 + (m_s[i] - '0');
        return true;
    }

    /// A four-digit year 1900-2099 at @p p that stands alone ("2,015" and "2015.5" are not years).
    [[nodiscard]] bool year_at(std::size_t p, int& year, std::size_t& end) const noexcept {
        if (!number_at(p, 4, year, end) || end - p != 4 || year < 1900 || year > 2099) return false;
        if (alnum_at(end)) return false;
        if ((char_at(end, ',') || char_at(end, '.')) && digit_at(end + 1)) return false;
        return true;
    }

    /// The word (letters only) just before @p p, across white space; empty when there is none.
    [[nodiscard]] std::string_view previous_word(std::size_t p) const noexcept {
        while (p > 0 && (m_s[p - 1] == ' ' || m_s[p - 1] == '\t' || m_s[p - 1] == '\n')) --p;
        std::size_t b = p;
        while (b > 0 && is_alpha(m_s[b - 1])) --b;
        return m_s.substr(b, p - b);
    }

    /// True at the start of the text, of a line, or after sentence punctuation or an opening quote.
    [[nodiscard]] bool sentence_start(std::size_t p) const noexcept {
        while (p > 0 && (m_s[p - 1] == ' ' || m_s[p - 1] == '\t')) --p;
        if (p == 0) return true;
        const char c = m_s[p - 1];
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == '(' || c == '\n' ||
            c == '\r' || c == '\'' || c == '-')
            return true;
        // U+201C / U+2018 opening quotes, U+2014 em dash.
        return p >= 3 && m_s[p - 3] == '\xE2' && m_s[p - 2] == '\x80' &&
            (m_s[p - 1] == '\x9C' || m_s[p - 1] == '\x98' || m_s[p - 1] == '\x94');
    }

    /// Lower case anywhere; capitalised or all capitals only where a sentence starts.
    [[nodiscard]] bool relative_case_ok(std::string_view w, std::size_t p) const noexcept {
        const Case c = word_case(w);
        return c == Case::lower || ((c == Case::capital || c == Case::upper) && sentence_start(p));
    }

    /// Is there a future-tense auxiliary (`will`, `shall`, `'ll`, `won't`) earlier in the clause?
    [[nodiscard]] bool future_context(std::size_t p) const noexcept {
        std::size_t i = p;
        int words = 0;
        while (i > 0 && words < 8) {
            const char c = m_s[i - 1];
            if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') return false;
            if (!is_alnum(c)) {
                --i;
                continue;
            }
            // Read one word backwards, with ASCII or typographic (U+2019) apostrophes inside.
            std::string word;
            std::size_t j = i;
            while (j > 0) {
                if (is_alnum(m_s[j - 1])) {
                    word.insert(word.begin(), to_lower(m_s[j - 1]));
                    --j;
                } else if (m_s[j - 1] == '\'' && j >= 2 && is_alpha(m_s[j - 2])) {
                    word.insert(word.begin(), '\'');
                    --j;
                } else if (j >= 4 && m_s[j - 1] == '\x99' && m_s[j - 2] == '\x80' && m_s[j - 3] == '\xE2' &&
                           is_alpha(m_s[j - 4])) {
                    word.insert(word.begin(), '\'');
                    j -= 3;
                } else {
                    break;
                }
            }
            if (word == "will" || word == "shall" || word == "won't" ||
                (word.size() > 3 && word.compare(word.size() - 3, 3, "'ll") == 0))
                return true;
            i = j;
            ++words;
        }
        return false;
    }

    // --- emitting ----------------------------------------------------------------------------

    void emit(std::size_t start, std::size_t end, const Date& d) {
        m_out.push_back(DateMention{std::string(m_s.substr(start, end - start)), d, start});
    }

    /// Emit a found date, resolving a missing year to the one nearest the anchor; false if it cannot.
    bool emit_found(std::size_t start, const Found& f) {
        if (f.year != 0) {
            if (f.day != 0 && !valid_day(f.year, f.month, f.day)) return false;
            emit(start, f.end, Date{f.year, f.month, f.day});
            return true;
        }
        if (!m_has_day) return false;
        const std::int64_t a = day_number(*m_anchor);
        int best_year = 0;
        std::int64_t best_distance = 0;
        for (int y = m_anchor->year - 1; y <= m_anchor->year + 1; ++y) {
            if (!valid_day(y, f.month, f.day)) continue;
            const std::int64_t distance = std::llabs(days_from_civil(y, f.month, f.day) - a);
            if (best_year == 0 || distance < best_distance) {
                best_year = y;
                best_distance = distance;
            }
        }
        if (best_year == 0) return false;
        emit(start, f.end, Date{best_year, f.month, f.day});
        return true;
    }

    // --- forms -------------------------------------------------------------------------------

    /// A day number 1-31 with an optional ordinal suffix; @p end after the suffix.
    [[nodiscard]] bool day_at(std::size_t p, int& day, std::size_t& end) const noexcept {
        if (!number_at(p, 2, day, end) || day < 1 || day > 31) return false;
        const std::string_view suffix = m_s.substr(end, std::min<std::size_t>(2, m_s.size() - end));
        if (suffix.size() == 2 &&
            (iequals(suffix, "st") || iequals(suffix, "nd") || iequals(suffix, "rd") || iequals(suffix, "th")))
            end += 2;
        if (alnum_at(end)) return false;
        if (char_at(end, ':') && digit_at(end + 1)) return false;  // a time: "May 5:30"
        return true;
    }

    /// After a day: an optional `,` then a year. Sets f.year and f.end when present.
    void optional_year(std::size_t p, Found& f) const noexcept {
        std::size_t t = p;
        if (char_at(t, ',')) ++t;
        const std::size_t u = skip_space(t);
        if (u == t) return;
        int year = 0;
        std::size_t end = 0;
        if (year_at(u, year, end)) {
            f.year = year;
            f.end = end;
        }
    }

    /// A month word at @p p followed by a day (and year) or a year.
    [[nodiscard]] std::optional<Found> month_form(std::size_t p) const noexcept {
        const std::string_view w = word_at(p);
        bool abbreviation = false;
        const int month = w.empty() ? 0 : month_number(w, abbreviation);
        if (month == 0) return std::nullopt;
        std::size_t q = p + w.size();
        bool dot = false;
        if (abbreviation && char_at(q, '.')) {
            ++q;
            dot = true;
        }
        const std::size_t r = skip_space(q);
        if (r == q && !dot) return std::nullopt;
        int value = 0;
        std::size_t end = 0;
        if (day_at(r, value, end)) {
            Found f{end, 0, month, value};
            optional_year(end, f);
            if (!valid_day(f.year == 0 ? 2000 : f.year, month, value)) return std::nullopt;
            return f;
        }
        if (year_at(r, value, end)) return Found{end, value, month, 0};
        return std::nullopt;
    }

    /// `13 February 2017`, `2nd of March`, `13 Feb.`
    [[nodiscard]] std::optional<Found> day_first_form(std::size_t p) const noexcept {
        int day = 0;
        std::size_t end = 0;
        if (!day_at(p, day, end)) return std::nullopt;
        std::size_t r = 0;
        std::string_view w = next_word(end, r);
        if (w == "of") w = next_word(r + 2, r);
        bool abbreviation = false;
        const int month = w.empty() ? 0 : month_number(w, abbreviation);
        if (month == 0) return std::nullopt;
        std::size_t q = r + w.size();
        if (abbreviation && char_at(q, '.')) ++q;
        Found f{q, 0, month, day};
        optional_year(q, f);
        if (!valid_day(f.year == 0 ? 2000 : f.year, month, day)) return std::nullopt;
        return f;
    }

    /// `2017-02-13`, `2017/02/13`, `2/13/2017` (US order; day first when the first part is > 12).
    [[nodiscard]] std::optional<Found> numeric_form(std::size_t p) const noexcept {
        if (p > 0 &&
            (m_s[p - 1] == '/' || m_s[p - 1] == '-' || m_s[p - 1] == '.' || m_s[p - 1] == ',' || m_s[p - 1] == ':' ||
             m_s[p - 1] == '$'))
            return std::nullopt;
        const std::size_t e1 = digit_end(p);
        const std::size_t len1 = e1 - p;
        if (len1 == 4 && (char_at(e1, '-') || char_at(e1, '/'))) {
            const char sep = m_s[e1];
            int y = 0, m = 0, d = 0;
            std::size_t e2 = 0, e3 = 0;
            if (!number_at(p, 4, y, e2) || !number_at(e1 + 1, 2, m, e2) || e2 - e1 != 3 || !char_at(e2, sep) ||
                !number_at(e2 + 1, 2, d, e3) || e3 - e2 != 3 || digit_at(e3) || is_alpha_not_time(e3))
                return std::nullopt;
            if (!valid_day(y, m, d)) return std::nullopt;
            return Found{e3, y, m, d};
        }
        if ((len1 == 1 || len1 == 2) && char_at(e1, '/')) {
            int a = 0, b = 0, y = 0;
            std::size_t e2 = 0, e3 = 0;
            if (!number_at(p, 2, a, e2) || !number_at(e1 + 1, 2, b, e2) || !char_at(e2, '/') ||
                !number_at(e2 + 1, 4, y, e3) || e3 - e2 != 5 || alnum_at(e3) || char_at(e3, '/'))
                return std::nullopt;
            const int month = a <= 12 ? a : b;
            const int day = a <= 12 ? b : a;
            if (y < 1900 || y > 2099 || !valid_day(y, month, day)) return std::nullopt;
            return Found{e3, y, month, day};
        }
        return std::nullopt;
    }

    /// Letters right after an ISO date are only allowed as the `T` of a time.
    [[nodiscard]] bool is_alpha_not_time(std::size_t p) const noexcept {
        if (p >= m_s.size() || !is_alpha(m_s[p])) return false;
        return !(m_s[p] == 'T' && digit_at(p + 1));
    }

    /// `two weeks ago`, `3 days ago`, `a year ago` starting at @p p.
    bool ago_form(std::size_t p) {
        int count = 0;
        std::size_t e = 0;
        if (digit_at(p)) {
            if (!number_at(p, 2, count, e) || alnum_at(e)) return false;
        } else {
            const std::string_view w = word_at(p);
            count = count_word(w);
            e = p + w.size();
            if (count == 0) return false;
        }
        if (count < 1 || count > 12) return false;
        std::size_t r = 0;
        const Unit unit = unit_of(next_word(e, r));
        if (unit == Unit::none) return false;
        std::size_t a = 0;
        const std::size_t unit_end = alpha_end(r);
        if (next_word(unit_end, a) != "ago" || !m_anchor) return false;
        const std::size_t end = a + 3;
        switch (unit) {
            case Unit::day:
            case Unit::week:
                if (!m_has_day) return false;
                emit(p, end, add_days(*m_anchor, -static_cast<std::int64_t>(count) * (unit == Unit::week ? 7 : 1)));
                return true;
            case Unit::month:
                if (!m_has_month) return false;
                emit(p, end, add_months(m_anchor->year, m_anchor->month, -count));
                return true;
            case Unit::year:
                emit(p, end, Date{m_anchor->year - count, 0, 0});
                return true;
            case Unit::none:
                break;
        }
        return false;
    }

    /// The day named @p weekday relative to the anchor.
    [[nodiscard]] Date weekday_date(int weekday, Direction direction) const noexcept {
        const std::int64_t a = day_number(*m_anchor);
        const int aw = weekday_of(a);
        int back = (aw - weekday + 7) % 7;
        int ahead = (weekday - aw + 7) % 7;
        switch (direction) {
            case Direction::past_inclusive:
                return civil_from_days(a - back);
            case Direction::past_strict:
                return civil_from_days(a - (back == 0 ? 7 : back));
            case Direction::future_inclusive:
                return civil_from_days(a + ahead);
            case Direction::future_strict:
                return civil_from_days(a + (ahead == 0 ? 7 : ahead));
        }
        return *m_anchor;
    }

    /// A month name without day or year, in the year that puts it nearest the anchor month.
    [[nodiscard]] Date nearest_month(int month) const noexcept {
        const int a = m_anchor->year * 12 + m_anchor->month - 1;
        int best = 0, best_distance = 0;
        for (int y = m_anchor->year - 1; y <= m_anchor->year + 1; ++y) {
            const int distance = std::abs(y * 12 + month - 1 - a);
            if (best == 0 || distance < best_distance) {
                best = y;
                best_distance = distance;
            }
        }
        return Date{best, month, 0};
    }

    /// An explicit date (month or day first) starting at @p p, without emitting it.
    [[nodiscard]] bool explicit_date_at(std::size_t p) const noexcept {
        return month_form(p).has_value() || day_first_form(p).has_value() || numeric_form(p).has_value();
    }

    /// Try every form at the word starting at @p p; returns the position to continue from (p = none).
    std::size_t try_at(std::size_t p) {
        if (digit_at(p)) {
            if (auto f = numeric_form(p)) return emit_found(p, *f) ? f->end : p;
            if (auto f = day_first_form(p)) return emit_found(p, *f) ? f->end : p;
            if (ago_form(p)) return m_out.back().offset + m_out.back().text.size();
            return p;
        }
        const std::string_view w = word_at(p);
        const Keyword* k = keyword(w);
        if (!k) return p;  // the common case: one look-up and done
        const std::size_t we = p + w.size();

        switch (k->kind) {
            case Kind::month:
            case Kind::month_abbreviation:
                if (auto f = month_form(p)) return emit_found(p, *f) ? f->end : we;
                return p;
            case Kind::weekday: {
                const int wd = weekday_number(w);
                if (wd < 0) return p;
                // "Tuesday, Feb. 14": the explicit date that follows says it all.
                std::size_t t = we;
                if (char_at(t, ',')) ++t;
                const std::size_t u = skip_space(t);
                if (u > we && explicit_date_at(u)) return we;
                if (m_has_day)
                    emit(p, we,
                         weekday_date(wd, future_context(p) ? Direction::future_inclusive : Direction::past_inclusive));
                return we;
            }
            case Kind::day_word:
                if (!m_has_day || !relative_case_ok(w, p)) return p;
                emit(p, we, add_days(*m_anchor, k->value));
                return we;
            case Kind::shift:
                if (!relative_case_ok(w, p)) return p;
                return relative_form(p, we, k->value);
            case Kind::preposition:
                return is_preposition(w) ? preposition_form(we) : p;
            case Kind::count:
                if (count_word(w) > 0 && ago_form(p)) return m_out.back().offset + m_out.back().text.size();
                return p;
        }
        return p;
    }

    /// After `last`/`this`/`next` (@p direction -1/0/1): week, month, year, a weekday or a month name.
    std::size_t relative_form(std::size_t p, std::size_t we, int direction) {
        // "the last week of March", "the next year": a span, not a date.
        if (direction != 0 && iequals(previous_word(p), "the")) return we;
        std::size_t r = 0;
        const std::string_view w = next_word(we, r);
        if (w.empty() || !m_anchor) return we;
        const std::size_t end = r + w.size();
        const bool lower_or_same = word_case(w) == Case::lower || word_case(w) == word_case(m_s.substr(p, we - p));
        if (lower_or_same && w.size() >= 4) {
            if (iequals(w, "week")) {
                if (!m_has_day) return we;
                emit(p, end, add_days(*m_anchor, 7 * direction));
                return end;
            }
            if (iequals(w, "month")) {
                if (!m_has_month) return we;
                emit(p, end, add_months(m_anchor->year, m_anchor->month, direction));
                return end;
            }
            if (iequals(w, "year")) {
                emit(p, end, Date{m_anchor->year + direction, 0, 0});
                return end;
            }
        }
        if (const int wd = weekday_number(w); wd >= 0) {
            if (!m_has_day) return end;
            const Direction d = direction < 0 ? Direction::past_strict
                : direction > 0               ? Direction::future_strict
                                              : Direction::future_inclusive;
            emit(p, end, weekday_date(wd, d));
            return end;
        }
        bool abbreviation = false;
        if (const int month = month_number(w, abbreviation); month > 0) {
            if (month_form(r)) return we;  // "last March 3": the explicit date wins
            if (!m_has_month) return end;
            int year = m_anchor->year;
            if (direction < 0 && month >= m_anchor->month) --year;
            if (direction > 0 && month <= m_anchor->month) ++year;
            emit(p, end, Date{year, month, 0});
            return end;
        }
        return we;
    }

    /// After `in`/`since`/`by`...: an optional `early`/`mid`/`late`, then a year or a month name.
    std::size_t preposition_form(std::size_t we) {
        std::size_t r = 0;
        std::string_view w = next_word(we, r);
        if (is_modifier(w)) {
            std::size_t q = r + w.size();
            if (char_at(q, '-') && alnum_at(q + 1)) {
                r = q + 1;
            } else {
                r = skip_space(q);
                if (r == q) return we;
            }
            w = word_at(r);
        } else if (w.empty()) {
            r = skip_space(we);
            if (r == we) return we;
        }
        int year = 0;
        std::size_t end = 0;
        if (digit_at(r)) {
            if (explicit_date_at(r)) return r;  // "in 2017-02-13", "by 13 March"
            if (year_at(r, year, end)) {
                emit(r, end, Date{year, 0, 0});
                return end;
            }
            return we;
        }
        bool abbreviation = false;
        const int month = w.empty() ? 0 : month_number(w, abbreviation);
        if (month == 0) return we;
        if (month_form(r)) return r;  // the month form is read from there
        if (!m_has_month) return r + w.size();
        end = r + w.size();
        if (abbreviation && char_at(end, '.')) ++end;
        emit(r, end, nearest_month(month));
        return end;
    }
};

}  // namespace

std::vector<DateMention> find_date_mentions(std::string_view text, const std::optional<Date>& anchor) {
    return Scanner(text, anchor).run();
}

}  // namespace newsdex
