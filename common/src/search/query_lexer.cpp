/** @file
 * @brief The query lexer (see query_lexer.hpp): white space and quotation marks beyond ASCII, fields,
 * `+`/`-` modifiers and the upper-case operators.
 */
#include "search/query_lexer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>
#include <newsdex/schema/schema.hpp>

#include "core/text_util.hpp"

namespace newsdex::query_lexer {

namespace {

/// Length of the whitespace character at @p i (ASCII, NBSP, U+2000..U+200A, U+202F, U+3000), or 0.
std::size_t space_at(std::string_view s, std::size_t i) noexcept {
    const auto b = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    const unsigned c = b(i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && b(i + 1) == 0xA0) return 2;
    if (c == 0xE2 && b(i + 1) == 0x80 && (b(i + 2) <= 0x8A || b(i + 2) == 0xAF) && b(i + 2) >= 0x80) return 3;
    if (c == 0xE3 && b(i + 1) == 0x80 && b(i + 2) == 0x80) return 3;
    return 0;
}

/// Length of the quotation mark at @p i ('"', U+201C, U+201D, U+201E), or 0.
std::size_t quote_at(std::string_view s, std::size_t i) noexcept {
    if (i >= s.size()) return 0;
    if (s[i] == '"') return 1;
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80) {
        const auto c = static_cast<unsigned char>(s[i + 2]);
        if (c == 0x9C || c == 0x9D || c == 0x9E) return 3;
    }
    return 0;
}

bool is_delimiter(std::string_view s, std::size_t i) noexcept {
    return s[i] == '(' || s[i] == ')' || space_at(s, i) != 0 || quote_at(s, i) != 0;
}

/// Splits the query into lexemes; knows the field names so `foo:bar` stays text for unknown `foo`.
class Lexer {
public:
    Lexer(std::string_view text, const QueryOptions& options) : m_text(text), m_options(options) {}

    std::vector<Lexeme> run() {
        std::vector<Lexeme> out;
        std::size_t i = 0;
        while (true) {
            while (i < m_text.size()) {
                const std::size_t n = space_at(m_text, i);
                if (n == 0) break;
                i += n;
            }
            if (i >= m_text.size()) break;
            out.push_back(next(i));
        }
        return out;
    }

    /// 1-based column in code points of byte offset @p off.
    [[nodiscard]] std::size_t column(std::size_t off) const noexcept {
        std::size_t col = 1;
        for (std::size_t k = 0; k < off && k < m_text.size(); ++k)
            if ((static_cast<unsigned char>(m_text[k]) & 0xC0) != 0x80) ++col;
        return col;
    }

private:
    Lexeme next(std::size_t& i) {
        Lexeme lx;
        lx.column = column(i);
        const char c = m_text[i];
        if (c == '(' || c == ')') {
            lx.type = c == '(' ? Tok::lparen : Tok::rparen;
            lx.text = m_text.substr(i, 1);
            ++i;
            return lx;
        }
        // '+x' / '-x' at the start of a chunk; not before a digit ("-5", "+44" are numbers).
        if ((c == '+' || c == '-') && i + 1 < m_text.size() && !is_delimiter(m_text, i + 1) && m_text[i + 1] != '+' &&
            m_text[i + 1] != '-' && !detail::is_digit(m_text[i + 1])) {
            lx.modifier = c;
            ++i;
        } else if ((c == '+' || c == '-') && i + 1 < m_text.size() &&
                   (m_text[i + 1] == '(' || quote_at(m_text, i + 1) != 0)) {
            lx.modifier = c;
            ++i;
        }
        read_field(i, lx);
        if (i < m_text.size() && m_text[i] == '(') {
            lx.type = Tok::lparen;
            lx.text = m_text.substr(i, 1);
            ++i;
            return lx;
        }
        if (const std::size_t q = quote_at(m_text, i); q != 0) {
            const std::size_t open = i;
            const bool ascii_open = q == 1;
            std::size_t k = open + q;
            std::size_t close_len = 0;
            for (; k < m_text.size(); ++k) {
                const std::size_t ql = quote_at(m_text, k);
                if (ql == 1 || (ql != 0 && !ascii_open)) {
                    close_len = ql;
                    break;
                }
            }
            if (close_len == 0)
                throw QueryError(fmt::format("unbalanced '{}' at column {}", m_text.substr(open, q), column(open)));
            lx.type = Tok::phrase;
            lx.text = m_text.substr(open + q, k - open - q);
            i = k + close_len;
            return lx;
        }
        const std::size_t start = i;
        while (i < m_text.size() && !is_delimiter(m_text, i)) ++i;
        lx.type = Tok::word;
        lx.text = m_text.substr(start, i - start);
        if (lx.modifier == 0 && !lx.field) classify_operator(lx);
        return lx;
    }

    /// `name:` where name is a schema or tag field: consume it into @p lx.field.
    void read_field(std::size_t& i, Lexeme& lx) {
        std::size_t k = i;
        while (k < m_text.size()) {
            const char c = m_text[k];
            if (detail::is_alpha(c) || detail::is_digit(c) || c == '_' || c == '-' || c == '.')
                ++k;
            else
                break;
        }
        if (k == i || k >= m_text.size() || m_text[k] != ':') return;
        const std::string_view name = m_text.substr(i, k - i);
        FieldRef ref;
        if (const schema::Field* f = schema::find_field(name)) {
            ref.name = f->name;
            ref.prefix = f->prefix;
            ref.exact_prefix = f->exact_prefix;
            switch (f->kind) {
                case schema::Kind::text:
                    ref.kind = FieldRef::Kind::text;
                    break;
                case schema::Kind::boolean:
                    ref.kind = FieldRef::Kind::boolean;
                    break;
                case schema::Kind::date:
                    ref.kind = FieldRef::Kind::date;
                    break;
                case schema::Kind::entity:
                    ref.kind = FieldRef::Kind::entity;
                    break;
                case schema::Kind::mention_date:
                    ref.kind = FieldRef::Kind::mention_date;
                    break;
            }
        } else {
            const auto it = std::find_if(m_options.tag_fields.begin(), m_options.tag_fields.end(),
                                         [&](const std::string& t) { return detail::iequals(t, name); });
            if (it == m_options.tag_fields.end()) return;  // not a field: `foo:bar` is plain text
            ref.name = *it;
            ref.prefix = schema::tag_field_prefix(*it);
            ref.kind = FieldRef::Kind::tag;
        }
        // `subject: hello` is `subject:hello`: people type a space after a colon, and a field name
        // followed by nothing to search in would otherwise be an error.
        std::size_t after = k + 1;
        while (after < m_text.size()) {
            const std::size_t n = space_at(m_text, after);
            if (n == 0) break;
            after += n;
        }
        if (after >= m_text.size() || m_text[after] == ')')
            throw QueryError(
                fmt::format("'{}:' at column {} needs a word, a \"phrase\" or (...) after it", name, column(i)));
        lx.field = std::move(ref);
        i = after;
    }

    void classify_operator(Lexeme& lx) const {
        const std::string_view w = lx.text;
        if (w == "AND")
            lx.type = Tok::op_and;
        else if (w == "OR")
            lx.type = Tok::op_or;
        else if (w == "NOT")
            lx.type = Tok::op_not;
        else if (w == "NEAR")
            lx.type = Tok::op_near;
        else if (w.substr(0, 5) == "NEAR/") {
            const std::string_view digits = w.substr(5);
            unsigned n = 0;
            bool ok = !digits.empty() && digits.size() <= 4;
            for (char d : digits) {
                if (d < '0' || d > '9')
                    ok = false;
                else
                    n = n * 10 + static_cast<unsigned>(d - '0');
            }
            if (!ok || n < 1 || n > max_near_distance)
                throw QueryError(fmt::format("bad '{}' at column {} (expected NEAR/n with n from 1 to {})", w,
                                             lx.column, max_near_distance));
            lx.type = Tok::op_near;
            lx.near_distance = n;
        }
    }

    std::string_view m_text;
    const QueryOptions& m_options;
};

bool all_digits(std::string_view s) noexcept { return std::all_of(s.begin(), s.end(), detail::is_digit); }

}  // namespace

std::optional<DateValue> parse_date(std::string_view s) {
    if (!(s.size() == 4 || s.size() == 7 || s.size() == 10)) return std::nullopt;
    if (!all_digits(s.substr(0, 4))) return std::nullopt;
    DateValue d{std::string(s.substr(0, 4))};
    if (s.size() == 4) return d;
    if (s[4] != '-' || !all_digits(s.substr(5, 2))) return std::nullopt;
    const int year = std::stoi(d.digits);
    const int month = (s[5] - '0') * 10 + (s[6] - '0');
    if (month < 1 || month > 12) return std::nullopt;
    d.digits += s.substr(5, 2);
    if (s.size() == 7) return d;
    if (s[7] != '-' || !all_digits(s.substr(8, 2))) return std::nullopt;
    const int day = (s[8] - '0') * 10 + (s[9] - '0');
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int limit = days[month - 1] + (month == 2 && leap ? 1 : 0);
    if (day < 1 || day > limit) return std::nullopt;
    d.digits += s.substr(8, 2);
    return d;
}

std::vector<Lexeme> lex_query(std::string_view text, const QueryOptions& options) { return Lexer(text, options).run(); }

}  // namespace newsdex::query_lexer
