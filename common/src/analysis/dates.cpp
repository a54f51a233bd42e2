/** @file
 * @brief Hand-written date parsing (ISO 8601, US, day-first, RFC 2822, Reuters) and Date formatting.
 *
 * No regular expressions: a small cursor walks the text once. Every form is anchored at the start of
 * the text (after white space and an optional weekday name); whatever follows the date (a time, a
 * zone, more words) is ignored.
 */
#include <newsdex/analysis/dates.hpp>

#include <array>
#include <cstdio>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

using detail::is_alpha;
using detail::is_digit;
using detail::is_space;
using detail::to_lower;

constexpr bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int days_in_month(int y, int m) noexcept {
    constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

/// A read cursor over the text.
struct Cursor {
    std::string_view s;
    std::size_t i = 0;

    [[nodiscard]] bool done() const noexcept { return i >= s.size(); }
    [[nodiscard]] char peek(std::size_t ahead = 0) const noexcept { return i + ahead < s.size() ? s[i + ahead] : '\0'; }
    void skip_spaces() noexcept {
        while (!done() && is_space(s[i])) ++i;
    }
    bool eat(char c) noexcept {
        if (peek() != c) return false;
        ++i;
        return true;
    }
    /// Read up to @p max digits; returns the count read, value in @p out.
    std::size_t digits(int& out, std::size_t max = 4) noexcept {
        out = 0;
        std::size_t n = 0;
        while (n < max && !done() && is_digit(s[i])) {
            out = out * 10 + (s[i] - '0');
            ++i;
            ++n;
        }
        return n;
    }
    /// A run of ASCII letters.
    std::string_view word() noexcept {
        const std::size_t start = i;
        while (!done() && is_alpha(s[i])) ++i;
        return s.substr(start, i - start);
    }
};

/// Month number for a full or abbreviated English month name (`Sept` too), 0 when not a month.
int month_from_name(std::string_view w) noexcept {
    if (w.size() < 3) return 0;
    static constexpr std::array<std::string_view, 12> names{"january",   "february", "march",    "april",
                                                            "may",       "june",     "july",     "august",
                                                            "september", "october",  "november", "december"};
    for (std::size_t m = 0; m < names.size(); ++m) {
        const auto& full = names[m];
        if (w.size() > full.size()) continue;
        // The full name, the three-letter abbreviation, or "Sept".
        if (w.size() != full.size() && w.size() != 3 && !(m == 8 && w.size() == 4)) continue;
        bool ok = true;
        for (std::size_t k = 0; k < w.size() && ok; ++k) ok = to_lower(w[k]) == full[k];
        if (ok) return static_cast<int>(m) + 1;
    }
    return 0;
}

bool is_weekday_name(std::string_view w) noexcept {
    static constexpr std::array<std::string_view, 7> names{"monday", "tuesday",  "wednesday", "thursday",
                                                           "friday", "saturday", "sunday"};
    if (w.size() < 3) return false;
    for (const auto& full : names) {
        if (w.size() > full.size()) continue;
        // Full name, or abbreviation of 3-4 letters (Tue, Tues, Thu, Thur); "Thurs" too.
        if (w.size() != full.size() && w.size() > 5) continue;
        bool ok = true;
        for (std::size_t k = 0; k < w.size() && ok; ++k) ok = to_lower(w[k]) == full[k];
        if (ok) return true;
    }
    return false;
}

/// Two-digit years (RFC 2822 obsolete form, 3/4/16): 00-49 -> 20xx, 50-99 -> 19xx.
constexpr int widen_year(int y, std::size_t ndigits) noexcept {
    if (ndigits > 2) return y;
    return y < 50 ? 2000 + y : 1900 + y;
}

/// Skip an ordinal suffix after a day number: 1st, 2nd, 3rd, 4th.
void skip_ordinal(Cursor& c) noexcept {
    const char a = to_lower(c.peek()), b = to_lower(c.peek(1));
    if (((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h')) &&
        !is_alpha(c.peek(2)))
        c.i += 2;
}

std::optional<Date> checked(Date d) {
    if (!is_valid_date(d)) return std::nullopt;
    return d;
}

/// `2016`, `2016-03`, `2016-03-03`, `2016/03/03`, `2016-03-03T10:00:00Z`; cursor at the first digit.
std::optional<Date> parse_year_first(Cursor& c) {
    int y = 0;
    if (c.digits(y, 4) != 4 || is_digit(c.peek())) return std::nullopt;
    Date d{y, 0, 0};
    const char sep = c.peek();
    if ((sep == '-' || sep == '/' || sep == '.') && is_digit(c.peek(1))) {
        const std::size_t save = c.i;
        ++c.i;
        int m = 0;
        const std::size_t nm = c.digits(m, 2);
        if (nm == 0 || is_digit(c.peek())) {
            c.i = save;  // "2016-2017" and the like: just the year
            return checked(d);
        }
        if (m < 1 || m > 12) return std::nullopt;  // "2016-13-01"
        d.month = m;
        if (c.peek() == sep && is_digit(c.peek(1))) {
            const std::size_t save2 = c.i;
            ++c.i;
            int day = 0;
            if (c.digits(day, 2) == 0 || is_digit(c.peek())) {
                c.i = save2;
            } else {
                d.day = day;
            }
        }
    } else if (is_alpha(sep) && !(to_lower(sep) == 't' && is_digit(c.peek(1)))) {
        return std::nullopt;  // "2016abc" is not a date
    }
    return checked(d);
}

/// `March 3, 2016`, `Mar. 3 2016`, `Sept. 3rd, 2016`, `March 2016`; cursor after the month word.
std::optional<Date> parse_month_first(Cursor& c, int month) {
    c.eat('.');
    c.skip_spaces();
    int first = 0;
    const std::size_t n = c.digits(first, 4);
    if (n == 0) return std::nullopt;
    if (n == 4) return checked({first, month, 0});  // "March 2016"
    if (n > 2) return std::nullopt;
    skip_ordinal(c);
    const std::size_t after_day = c.i;
    c.eat(',');
    c.skip_spaces();
    int y = 0;
    const std::size_t ny = c.digits(y, 4);
    if (ny != 4 || is_digit(c.peek())) {
        c.i = after_day;
        return std::nullopt;  // a day without a year is not a date we can place
    }
    return checked({y, month, first});
}

/// `3 March 2016`, `3 Mar 2016` (RFC 2822), `26-FEB-1987` (Reuters), `3/4/2016`, `03.04.2016`.
std::optional<Date> parse_day_first(Cursor& c) {
    int a = 0;
    const std::size_t na = c.digits(a, 2);
    if (na == 0 || is_digit(c.peek())) return std::nullopt;
    const char sep = c.peek();
    if (sep == '/' || ((sep == '.' || sep == '-') && is_digit(c.peek(1)))) {
        // Numeric: US month/day/year; day-first when the first number cannot be a month.
        // With '.' (European style) day-first.
        ++c.i;
        int b = 0;
        if (c.digits(b, 2) == 0 || is_digit(c.peek()) || c.peek() != sep) return std::nullopt;
        ++c.i;
        int y = 0;
        const std::size_t ny = c.digits(y, 4);
        if ((ny != 2 && ny != 4) || is_digit(c.peek())) return std::nullopt;
        y = widen_year(y, ny);
        int month = a, day = b;
        if (sep == '.' || a > 12) std::swap(month, day);
        return checked({y, month, day});
    }
    skip_ordinal(c);
    const bool dashed = c.eat('-');
    if (!dashed) {
        c.skip_spaces();
        // "3 of March 2016" is rare enough to ignore.
    }
    const int month = month_from_name(c.word());
    if (month == 0) return std::nullopt;
    c.eat('.');
    if (dashed) {
        if (!c.eat('-')) return std::nullopt;
    } else {
        c.eat(',');
        c.skip_spaces();
    }
    int y = 0;
    const std::size_t ny = c.digits(y, 4);
    if ((ny != 2 && ny != 4) || is_digit(c.peek())) return std::nullopt;
    return checked({widen_year(y, ny), month, a});
}

}  // namespace

bool is_valid_date(const Date& d) noexcept {
    if (d.year < 1 || d.year > 9999) return false;
    if (d.month < 0 || d.month > 12) return false;
    if (d.month == 0) return d.day == 0;
    return d.day >= 0 && d.day <= days_in_month(d.year, d.month);
}

std::string Date::iso() const {
    if (year <= 0) return {};
    char buf[16];
    int n = 0;
    if (month == 0)
        n = std::snprintf(buf, sizeof buf, "%04d", year);
    else if (day == 0)
        n = std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    else
        n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string Date::sortable() const {
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "%04d%02d%02d", year < 0 ? 0 : year % 10000,
                                month < 0 ? 0 : month % 100, day < 0 ? 0 : day % 100);
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

namespace detail {

std::optional<Date> parse_date_prefix(std::string_view text, std::size_t& consumed) {
    Cursor c{text};
    c.skip_spaces();
    std::optional<Date> result;
    if (is_digit(c.peek())) {
        // Four leading digits: year first; otherwise day or month first.
        std::size_t k = 0;
        while (is_digit(c.peek(k))) ++k;
        result = k == 4 ? parse_year_first(c) : parse_day_first(c);
    } else if (is_alpha(c.peek())) {
        std::string_view w = c.word();
        if (is_weekday_name(w)) {
            c.eat('.');
            c.eat(',');
            c.skip_spaces();
            if (is_digit(c.peek())) {
                // "Thu, 3 Mar 2016" (RFC 2822) or "Thursday, 2016-03-03".
                std::size_t k = 0;
                while (is_digit(c.peek(k))) ++k;
                result = k == 4 ? parse_year_first(c) : parse_day_first(c);
                consumed = result ? c.i : 0;
                return result;
            }
            w = c.word();
        }
        const int month = month_from_name(w);
        if (month != 0) result = parse_month_first(c, month);
    }
    consumed = result ? c.i : 0;
    return result;
}

}  // namespace detail

std::optional<Date> parse_date(std::string_view text) {
    std::size_t consumed = 0;
    return detail::parse_date_prefix(text, consumed);
}

std::optional<Date> parse_iso_date(std::string_view text) {
    // Exactly YYYY, YYYY-MM or YYYY-MM-DD.
    const auto num = [&](std::size_t pos, std::size_t len, int& out) {
        out = 0;
        for (std::size_t k = pos; k < pos + len; ++k) {
            if (!is_digit(text[k])) return false;
            out = out * 10 + (text[k] - '0');
        }
        return true;
    };
    Date d;
    if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
    if (!num(0, 4, d.year)) return std::nullopt;
    if (text.size() >= 7 && (text[4] != '-' || !num(5, 2, d.month) || d.month == 0)) return std::nullopt;
    if (text.size() == 10 && (text[7] != '-' || !num(8, 2, d.day) || d.day == 0)) return std::nullopt;
    return checked(d);
}

}  // namespace newsdex
