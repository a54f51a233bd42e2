/** @file
 * @brief Batch mode: many queries from a file, answered as JSON Lines, TREC run lines, TSV or CSV, in
 * input order, over N threads (one Searcher, so one Xapian::Database, per thread).
 *
 * Input: one query a line, or `QID<TAB>query`; blank lines and lines starting with `#` are skipped;
 * the qid defaults to the line number. A bad query gives an error entry (JSON Lines) and an
 * `input:line: error: ...` diagnostic; the other queries still run.
 */
#pragma once
#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/search/search.hpp>

namespace newsdex {

/// One query of a batch file.
struct BatchQuery {
    std::size_t line = 0;  ///< 1-based line number in the input
    std::string qid;       ///< the text before the first tab (trimmed), else the line number
    std::string query;     ///< the query text, trimmed
};

/**
 * Parse line @p line_no of a batch file: nullopt for a blank line or a `#` comment (first non-blank
 * character). A trailing carriage return, surrounding blanks and a UTF-8 byte order mark are dropped.
 * `QID<TAB>query` gives that qid (an empty one: the line number); otherwise the whole line is the query.
 */
std::optional<BatchQuery> parse_batch_line(std::string_view line, std::size_t line_no);

enum class BatchFormat {
    jsonl,  ///< one JSON object per query (the `--json` object plus `qid` and `error`)
    trec,   ///< `qid Q0 docid rank score tag` per hit
    tsv,    ///< `qid<TAB>rank<TAB>id<TAB>score<TAB>title` per hit
    csv,    ///< a header row, then `qid,rank,id,score,date,title,source,authors,path` per hit (RFC 4180)
};

/// "jsonl" (or "json"), "trec", "tsv", "csv"; throws UsageError for another name.
BatchFormat batch_format_from(std::string_view name);

struct BatchOptions {
    /// Applied to every query (its `query` is replaced by each line's). For trec and tsv output,
    /// snippets and spelling suggestions are not computed (they are not printed).
    SearchOptions search;
    BatchFormat format = BatchFormat::jsonl;
    std::string run_tag = "newsdex";  ///< last column of TREC lines
    std::size_t jobs = 1;             ///< threads, each with its own Searcher
    std::string input_name = "-";     ///< names the input in diagnostics (`input:line: error: ...`)
    /// Queries read but not yet written at most (bounds memory); 0 = 8 per job.
    std::size_t window = 0;
    DatabaseAccess access;  ///< what the databases' stub files may do (no programs by default)
};

struct BatchStats {
    std::size_t queries = 0;                ///< queries run (blank and comment lines not counted)
    std::size_t failures = 0;               ///< queries that gave an error
    double seconds = 0;                     ///< wall time from the first read to the last write
    std::vector<OpenedDatabase> databases;  ///< the databases as the batch opened them (--since-last)
    [[nodiscard]] double per_second() const noexcept {
        return seconds > 0 ? static_cast<double>(queries) / seconds : 0.0;
    }
    /// "83 queries, 0 failed, 0.21 s, 395 queries/s".
    [[nodiscard]] std::string summary() const;
};

/**
 * The output of one answered (or failed: @p error set) query in @p options' format: a JSON line,
 * TREC, TSV or CSV lines (none for a failure in trec, tsv and csv; the CSV header is run_batch's).
 * Exposed for tests.
 */
std::string format_batch_result(const BatchQuery& query, const SearchResult* result, const std::string* error,
                                const BatchOptions& options);

/**
 * Run every query of @p in against the databases @p db_paths, writing results to @p out in input
 * order as soon as each next one is ready. Each failed query is reported to @p diag as
 * `input_name:line: error: bad query: ...` (or the runtime error's message), in input order.
 * @throws RuntimeError / SchemaError when a database cannot be opened (before anything is read),
 *         UsageError for bad options (jobs 0, bad facet field...).
 */
BatchStats run_batch(const std::vector<std::string>& db_paths, std::istream& in, std::ostream& out,
                     const BatchOptions& options, DiagnosticSink& diag);

}  // namespace newsdex
