/** @file
 * @brief The one parser interface every input format implements, and format detection.
 */
#pragma once
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <newsdex/diagnostics.hpp>
#include <newsdex/document.hpp>

namespace newsdex {

/// Called for each document a parser produces.
using DocumentSink = std::function<void(Document&&)>;

/**
 * Turns the UTF-8 text of one input (a file, or stdin) into documents.
 *
 * A parser fills every Document field it knows, including `path` and `line`, but not `id` when the
 * format has none (the indexer then uses the path relative to the corpus root). Bad records are
 * reported to the sink as errors with their line and skipped; the rest of the input is parsed.
 */
class Parser {
public:
    virtual ~Parser() = default;
    /// The format name, as given to `--format`.
    [[nodiscard]] virtual std::string_view name() const noexcept = 0;
    /// Parse @p text (UTF-8) read from @p path.
    virtual void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
                       const DocumentSink& emit) const = 0;
};

/**
 * Whether a file met while walking a directory is input: names with no extension (e-mail
 * maildirs, `1.`) and the text extensions the parsers read (`.txt`, `.text`, `.jsonl`, `.ndjson`,
 * `.json`), case-insensitively. Other files (README.md, images, PDFs) are passed over; a file
 * named on the command line is always read.
 */
bool is_input_file_name(std::string_view filename) noexcept;

/// Names accepted by `--format` ("auto" included).
std::span<const std::string_view> format_names() noexcept;

/// The parser for a format name; throws UsageError for an unknown one.
std::unique_ptr<Parser> make_parser(std::string_view format);

/**
 * Choose a format for a file from its name and its first bytes (UTF-8 text): `.jsonl`/`.ndjson`
 * or a first line that is a JSON object -> "jsonl"; a memo header block -> "memo"; otherwise "news".
 */
std::string_view detect_format(std::string_view path, std::string_view head);

}  // namespace newsdex
