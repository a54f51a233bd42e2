/** @file
 * @brief The one parser interface every input format implements, and format detection.
 */
#pragma once
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/schema/document.hpp>

namespace newsdex {

/// Called for each document a parser produces.
using DocumentSink = std::function<void(Document&&)>;

/**
 * Asked before a record is parsed, with its raw bytes (one JSON Lines line, trimmed) and its line;
 * false skips it unparsed. A re-run uses it to pass over the records whose bytes it has indexed.
 */
using RecordFilter = std::function<bool(std::string_view raw, std::size_t line)>;

/// A piece of one input's text made of whole records (Parser::split), so that it can be parsed apart.
struct TextChunk {
    std::string_view text;       ///< whole records; the first chunk also holds what precedes the first record
    std::size_t first_line = 1;  ///< the line of the input its first byte starts (1: the start of the input)
};

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

    /**
     * As parse(), asking @p wanted about each record first, where the format's records have raw
     * bytes of their own (JSON Lines: a line); other formats parse every record (the default).
     * A record is wanted only if its document is emitted (or its error reported) next, before
     * @p wanted is asked about another record.
     */
    virtual void parse_wanted(std::string_view path, std::string_view text, DiagnosticSink& diag,
                              const DocumentSink& emit, const RecordFilter& wanted) const {
        (void)wanted;
        parse(path, text, diag, emit);
    }

    /**
     * Cut @p text (all of one input) into chunks of about @p target bytes or more, in order, that
     * cover it, each starting a line and made of whole records, such that parse_chunk on each in turn
     * gives exactly what parse_wanted gives on @p text: the same documents, lines and diagnostics in
     * the same order (each chunk can then be parsed on a thread of its own). Empty, the default, when
     * the format's records cannot be told apart without parsing, or when @p text makes one chunk.
     * Where a record has raw bytes (RecordFilter), those bytes alone are a chunk too, at their line.
     */
    [[nodiscard]] virtual std::vector<TextChunk> split(std::string_view text, std::size_t target) const;

    /**
     * As parse_wanted on one chunk of split(), lines counted from its first_line; false when the
     * parser gave up on the rest of the input there (as it says in a diagnostic), so that the later
     * chunks are not to be parsed. The default (for formats that do not split) parses @p chunk as a
     * whole input.
     */
    virtual bool parse_chunk(std::string_view path, const TextChunk& chunk, DiagnosticSink& diag,
                             const DocumentSink& emit, const RecordFilter& wanted) const;
};

/**
 * Whether a file met while walking a directory (or inside an archive) is input: names with no
 * extension (e-mail maildirs, `1.`) and the extensions the parsers read, case-insensitively: text
 * (`.txt`, `.text`), JSON Lines (`.jsonl`, `.ndjson`, `.json`), e-mail (`.eml`, `.mbox`, `.mbx`),
 * SGML (`.sgm`, `.sgml`), HTML (`.html`, `.htm`, `.xhtml`) and archives (`.tar`, `.tgz`, `.tbz2`,
 * `.txz`, `.zip`, `.gz`, `.bz2`, `.xz`, `.zst`, `.7z`). Other files (README.md, images, PDFs) are
 * passed over; a file named on the command line is always read.
 */
bool is_input_file_name(std::string_view filename) noexcept;

/// Names accepted by `--format` ("auto" included).
std::span<const std::string_view> format_names() noexcept;

/// The parser for a format name; throws UsageError for an unknown one.
std::unique_ptr<Parser> make_parser(std::string_view format);

/**
 * Choose a format for a file from its name and its first bytes (UTF-8 text), first match wins:
 * - by name: `.jsonl`/`.ndjson` (and `.json` starting with `{`) -> "jsonl"; `.eml`/`.mbox`/`.mbx` ->
 *   "email"; `.html`/`.htm`/`.xhtml` -> "html"; `.sgm`/`.sgml` -> "reuters" or "trec" by content;
 * - by content: a first line that is a JSON object -> "jsonl"; an mbox `From ` line followed by a
 *   header, or an RFC 5322 header block with a header only mail has (Message-ID, Received,
 *   MIME-Version, Content-Type, References...) or a `From:` address -> "email"; `<!DOCTYPE lewis` or
 *   `<REUTERS` -> "reuters"; `<DOC>` -> "trec"; `<!DOCTYPE html`, `<html`, `<head` -> "html"; a memo
 *   header block -> "memo"; otherwise "news".
 */
std::string_view detect_format(std::string_view path, std::string_view head);

// --- Archives -------------------------------------------------------------------------------------

/**
 * Whether a file is an archive read_archive expands, from its first bytes (undecoded, at least 512
 * when there are that many) and its name: gzip, bzip2, xz, zstd, compress, zip, 7z and tar magic
 * numbers; an old tar without magic when named `.tar`.
 */
bool is_archive(std::string_view path, std::string_view head) noexcept;

/// One regular file inside an archive.
struct ArchiveMember {
    std::string name;   ///< its path in the archive (`dir/x.txt`; `inner.zip:y.txt` inside a nested archive)
    std::string bytes;  ///< its content, undecoded
};

/// Receives the members of an archive one at a time; returns false to stop the expansion.
using ArchiveMemberSink = std::function<bool(ArchiveMember&&)>;

/**
 * Expand the archive @p bytes read from @p path (tar, tar.gz/bz2/xz/zst, zip, 7z, cpio..., or one
 * compressed file such as `x.jsonl.gz`, whose member is `x.jsonl`) through libarchive, giving @p each
 * every regular-file member in archive order. Hidden members and names is_input_file_name rejects
 * are passed over; member archives are expanded in turn (up to 4 levels). Problems are reported to
 * @p diag under the member's display name (archive_member_path): an unreadable member is an error
 * and skipped, a corrupt or truncated archive an error that ends the expansion; a member is read
 * only up to 64 MiB (a larger one is an error and skipped) and an archive only up to 4 GiB expanded.
 *
 * Each member is then one input like a file: decode_to_utf8, detect_format (with the member's name),
 * parse with Document::path = archive_member_path(path, member.name), and ids without one from the
 * format relative to the archive (`corpus/a.tar.gz:dir/x.txt`).
 */
void read_archive(std::string_view path, std::string_view bytes, DiagnosticSink& diag, const ArchiveMemberSink& each);

/// The display name of an archive member: `archive.tar.gz:path/in/archive`.
std::string archive_member_path(std::string_view archive, std::string_view member);

}  // namespace newsdex
