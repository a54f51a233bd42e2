/** @file
 * @brief Private helpers for the SGML news formats (TREC `<DOC>`, Reuters-21578 `<REUTERS>`): finding
 *        elements without a full SGML parser, attributes, entity references, line numbers.
 *
 * These collections are flat, tag-soup SGML written by scripts: elements are not nested in surprising
 * ways, end tags are present (a missing one means a truncated file), attribute values are quoted.
 * Tag names are matched case-insensitively.
 */
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/ingest/parser.hpp>

namespace newsdex::detail::sgml {

/// Position of the next start tag `<name>` or `<name attr...>` at or after @p from, or npos.
[[nodiscard]] std::size_t find_start(std::string_view text, std::string_view name, std::size_t from = 0) noexcept;

/// Position of the next end tag `</name>` at or after @p from, or npos.
[[nodiscard]] std::size_t find_end(std::string_view text, std::string_view name, std::size_t from = 0) noexcept;

/// One element found in a record: its start tag (`<TEXT TYPE="BRIEF">`) and its content.
struct Element {
    std::string_view start_tag;
    std::string_view content;
};

/// The first element @p name in @p text (content up to its end tag, or to the end of @p text when the end
/// tag is missing and @p allow_unclosed), or nullopt.
[[nodiscard]] std::optional<Element> element(std::string_view text, std::string_view name,
                                             bool allow_unclosed = false) noexcept;

/// Every element @p name in @p text, in order (unclosed ones run to the end of @p text).
[[nodiscard]] std::vector<Element> elements(std::string_view text, std::string_view name);

/// The value of attribute @p name in a start tag (`NEWID="12"`, `NEWID=12`), or nullopt.
[[nodiscard]] std::optional<std::string_view> attribute(std::string_view start_tag, std::string_view name) noexcept;

/// The names of the elements directly in @p text, in order, upper-cased, without repeats.
[[nodiscard]] std::vector<std::string> element_names(std::string_view text);

/**
 * Text content: entity references decoded (`&lt;`, `&amp;`, `&#60;`, `&#x3C;`, the named ones of
 * ISO 8879 the TREC collections use such as `&hyph;`, `&blank;`, `&mdash;`), markup removed when
 * @p strip_tags (a `<P>` or `<BR>` becomes a line break), control characters other than tab and
 * newline dropped (the Reuters files carry `&#2;`, `&#3;`, `&#127;`...), `\r` dropped.
 * Unknown entities are kept as written.
 */
[[nodiscard]] std::string text(std::string_view raw, bool strip_tags = true);

/// Line numbers for byte offsets of one text, counted incrementally (offsets must not decrease).
class LineCounter {
public:
    /// @p first_line: the line @p text starts (it is a chunk of a bigger text, Parser::split).
    explicit LineCounter(std::string_view text, std::size_t first_line = 1) noexcept
        : m_text(text), m_first(first_line), m_line(first_line) {}
    /// 1-based line of byte @p offset.
    [[nodiscard]] std::size_t line_at(std::size_t offset) noexcept;

private:
    std::string_view m_text;
    std::size_t m_first;
    std::size_t m_pos = 0;
    std::size_t m_line;
};

/// One complete record of a file of records: `<NAME attrs>content</NAME>`.
struct Record {
    std::string_view start_tag;  ///< `<REUTERS NEWID="12" ...>`
    std::string_view content;    ///< between the start and the end tag
    std::size_t line = 0;        ///< 1-based line of the start tag
};

/**
 * Call @p f for each complete record `<name ...>...</name>` of @p text (@p name upper-case), in
 * order, in linear time. A record whose end tag is missing (the next record starts first, or the
 * file ends) is reported on @p diag as `path:line: error: <NAME> record without </NAME> (truncated?):
 * skipped`; when no end tag is left in the rest of the file, one error covers all the records left;
 * a start tag cut by the end of the file ends the walk with an error. @return the records seen,
 * complete or not. Lines are counted from @p first_line (@p text is a chunk of a bigger text).
 */
std::size_t for_each_record(std::string_view path, std::string_view text, std::string_view name, DiagnosticSink& diag,
                            const std::function<void(const Record&)>& f, std::size_t first_line = 1);

/**
 * Parser::split for a file of records `<name ...>...</name>` (@p name upper-case): cuts before start
 * tags that begin a line right after a complete record's end tag (white space between), so that what
 * for_each_record finds in each chunk, and the errors it reports, are what it finds in the whole text.
 */
std::vector<TextChunk> split_records(std::string_view text, std::string_view name, std::size_t target);

}  // namespace newsdex::detail::sgml
