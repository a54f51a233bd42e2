/** @file
 * @brief Output behind one printer interface: text for people, JSON for programs.
 */
#pragma once
#include <memory>
#include <ostream>
#include <string_view>

#include <newsdex/search/search.hpp>

namespace newsdex {

/// Version of the JSON output shape (documented in docs/output.md); bump on incompatible change.
inline constexpr int kJsonFormatVersion = 1;

class Printer {
public:
    virtual ~Printer() = default;
    /// Print one query's results.
    virtual void print(const SearchResult& result, std::ostream& out) = 0;
    /// Print one whole stored document (`--show`, `:open`): every field, its entities and body.
    virtual void print_document(const Document& doc, std::ostream& out) = 0;
};

struct PrinterOptions {
    bool color = false;  ///< ANSI bold/colour for highlights and titles (text only)
};

/**
 * "text", "json" or "csv"; throws UsageError for another name.
 *
 * **text** (for people): a summary line (`N matches`, `N matches (showing 3-4)`, `About N matches
 * (showing 1-10)` when the count is an estimate), then per hit, after a blank line:
 * @code
 *   1. TITLE                                       (bold with color)
 *      2016-09-07 | SOURCE | by AUTHORS | from FROM | TYPE | PATH[:LINE] or ID
 *      snippet wrapped to 100 columns, at most 3 lines, "…" when cut
 * @endcode
 * With --collapse a hit that stood for others gets `   (+N more with the same FIELD)`.
 * `Did you mean: QUERY` follows the summary line when a spelling suggestion exists. Facets come
 * after the hits as a compact block, one line per field (wrapped, continuation lines indented):
 * @code
 *   Facets (exact counts over 12 matches):
 *     person: Theresa Walsh (5) · Marcus Bell (3)
 *     month:  2017-01 (3) · 2017-02 (5)            (date facets in date order)
 * @endcode
 * (`Facets (estimated counts)` with --facet-depth.) Missing parts of the details line are left out. Highlights are bold red with color and plain
 * (markers dropped, as grep does) without. Whitespace and control characters of document text
 * are shown as single spaces.
 *
 * **json** (for programs): one object per query on one line, keys in this order:
 * @code
 *   {"format_version":1, "query":"...", "parsed":"Query(...)",
 *    "matches":{"estimate":N,"lower":N,"upper":N}, "offset":N,
 *    "hits":[{"rank":1, "id":"...", "docid":N, "score":8.7351 (4 decimals), "percent":N,
 *             "title":"...", "date":"YYYY-MM-DD"|"YYYY-MM"|"YYYY"|null, "updated":(same),
 *             "type":"...", "path":"...", "line":N (0 = whole file), "source":"...", "authors":[...],
 *             "snippet":"plain text on one line", "highlights":[[start,length],...],
 *             "fields":{"from":[...],"to":[...],"cc":[...],"subject":"...","url":"...",
 *                       "meta":{"key":"value"},"tags":{"key":["value",...]}},
 *             "collapsed":N}],
 *    "suggestion":"corrected query"|null,
 *    "facets":{"FIELD":{"exact":true,"values":[{"value":"...","count":N},...]},...}}
 * @endcode
 * `collapsed`, `suggestion` and `facets` were added in format_version 1 (adding keys is compatible).
 * print_document writes `{"format_version":1,"document":{...}}` with every stored field, the
 * entities (`type`, `name`, `aliases`, `mentions` count) and the date mentions.
 * Every key is always present. `highlights` are byte ranges (UTF-8) into `snippet`.
 *
 * **csv** (for spreadsheets): RFC 4180 with CRLF row ends, a header row
 * `rank,id,score,date,title,source,authors,path`, then one row per hit; no summary, snippets or
 * facets. print_document writes the header and the document's row (rank and score empty).
 */
std::unique_ptr<Printer> make_printer(std::string_view format, const PrinterOptions& options = {});

}  // namespace newsdex
