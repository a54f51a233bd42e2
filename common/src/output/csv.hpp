/** @file
 * @brief (private to the library) Hits as CSV rows, shared by the CSV printer and batch mode's
 * `--format csv`, so a single query and a batch write the same columns.
 *
 * RFC 4180: CRLF after every row (the RFC's line end, which spreadsheets and Python's csv module
 * expect), a header row first, a field quoted when it holds a comma, a quotation mark, CR or LF, a
 * quotation mark inside doubled. Columns: `qid` (batches only), `rank`, `id`, `score` (4 decimals),
 * `date` (YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown), `title` (the subject when there is no
 * title), `source`, `authors` (`; ` between names), `path`. Document text is written as stored:
 * line breaks inside a title stay line breaks, inside quotes.
 */
#pragma once
#include <string>
#include <string_view>

#include <newsdex/schema/document.hpp>
#include <newsdex/search/search.hpp>

namespace newsdex::detail {

/// @p field as one CSV field: quoted (quotes doubled) when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view field);

/// The header row; with @p qid the `qid` column first.
std::string csv_header(bool qid);

/// One row of @p doc (rank and score empty when @p hit is nullptr: a document, not a hit).
std::string csv_row(const Document& doc, const Hit* hit, const std::string* qid);

/// The rows of every hit of @p result; with @p qid that first column.
std::string csv_rows(const SearchResult& result, const std::string* qid);

}  // namespace newsdex::detail
