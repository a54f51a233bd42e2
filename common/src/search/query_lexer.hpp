/** @file
 * @brief The query language's lexer (private to search/query.cpp): query text to lexemes, date values.
 */
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/search/query.hpp>

namespace newsdex::query_lexer {

inline constexpr unsigned default_near_distance = 10;
inline constexpr unsigned max_near_distance = 1000;

enum class Tok { word, phrase, lparen, rparen, op_and, op_or, op_not, op_near, end };

/// A field named before ':' in the query.
struct FieldRef {
    enum class Kind { text, boolean, date, tag, entity, mention_date } kind = Kind::text;
    std::string name;          ///< canonical name (schema or tag field), used to group filters
    std::string prefix;        ///< Xapian term prefix (entity: the free-text one)
    std::string exact_prefix;  ///< entity: prefix of the exact canonical-name terms
};

struct Lexeme {
    Tok type = Tok::end;
    std::string_view text;   ///< word or phrase content; operator spelling
    std::size_t column = 0;  ///< 1-based column (code points) of the lexeme, modifier included
    char modifier = 0;       ///< '+', '-' or 0
    std::optional<FieldRef> field;
    unsigned near_distance = default_near_distance;
};

inline bool is_binary_op(Tok t) noexcept { return t == Tok::op_and || t == Tok::op_or || t == Tok::op_near; }
inline bool starts_primary(Tok t) noexcept { return t == Tok::word || t == Tok::phrase || t == Tok::lparen; }

/// A date value of a date field (`date:2016-03`), as the digits of its date terms.
struct DateValue {
    std::string digits;  ///< "2016", "201603" or "20160301"
};

/// @p s as a date value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date; nullopt otherwise.
std::optional<DateValue> parse_date(std::string_view s);

/**
 * Split @p text into lexemes; knows the field names (schema and @p options' tag fields) so `foo:bar`
 * stays text for an unknown `foo`. Throws QueryError for an unbalanced quote, a field without a value
 * or a bad NEAR/n.
 */
std::vector<Lexeme> lex_query(std::string_view text, const QueryOptions& options);

}  // namespace newsdex::query_lexer
