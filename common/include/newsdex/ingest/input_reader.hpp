/** @file
 * @brief The one way an input becomes parser text, shared by indexing and `indexer --dump`: reading a
 *        file (mapped when big), decoding it (repairs reported), expanding archives, detecting the
 *        format, naming documents without an id, and walking directories.
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/schema/document.hpp>

namespace newsdex {

/// How much decoded text detect_format() gets to look at.
inline constexpr std::size_t detect_head_bytes = 4096;

/**
 * The most text one document gets indexed (title and body): a bigger one is cut there, with a
 * warning. A file that is one document (news, memo, HTML, one e-mail) and bigger than this is read
 * only up to it, so a huge stray file costs neither minutes nor its size in memory. Files of many
 * records (JSON Lines, SGML, mbox, archives) are mapped whole, and each of their records is cut alike
 * (a JSON Lines record over twice this size is skipped unparsed; an archive member is read only up to
 * 64 MiB).
 */
inline constexpr std::size_t max_document_bytes = std::size_t{8} << 20;

/// Display name of standard input in diagnostics.
inline constexpr std::string_view stdin_display_name = "<stdin>";

/**
 * The bytes of an input file, or of its first bytes: mapped when big (no copy, and no fresh memory
 * to fault in: reading 20 MB into new pages took 95 ms on the 2-core VMs, mapping them 11 ms), read
 * when small or not mappable (a pipe). A mapped file cut short by another process while it is
 * read would end the process with SIGBUS.
 */
class FileBytes {
public:
    /// At most @p max bytes of @p path from its start; nullopt with errno set on failure.
    static std::optional<FileBytes> read(const std::filesystem::path& path, std::size_t max = SIZE_MAX);

    FileBytes(FileBytes&& o) noexcept;
    FileBytes& operator=(FileBytes&&) = delete;
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;
    ~FileBytes();

    [[nodiscard]] std::string_view view() const noexcept { return m_view; }
    /// Keep only the first @p n bytes.
    void cut(std::size_t n) noexcept { m_view = m_view.substr(0, n); }

private:
    FileBytes() = default;
    static std::optional<FileBytes> read_fd(int fd, std::size_t max);

    void* m_map = nullptr;
    std::size_t m_map_size = 0;
    std::string m_read;
    std::string_view m_view;
};

/**
 * Read the input file @p path (named @p display in diagnostics) of @p size bytes (as stat saw it):
 * whole, unless it is bigger than max_document_bytes and holds one document of format @p format
 * ("auto": detected), when only its first max_document_bytes are read (cut at a character boundary,
 * with a warning). nullopt after reporting an error to @p diag.
 */
std::optional<FileBytes> read_input_file(const std::filesystem::path& path, const std::string& display,
                                         std::uint64_t size, std::string_view format, DiagnosticSink& diag);

/// As above, finding the size itself (an input named on its own, as `indexer --dump` reads it).
std::optional<FileBytes> read_input_file(const std::filesystem::path& path, const std::string& display,
                                         std::string_view format, DiagnosticSink& diag);

/// One input as a parser reads it: a file, or a member of an archive.
struct InputText {
    std::string display;      ///< the file's path, or `archive:member`: diagnostics and Document::path
    std::string id_base;      ///< the id of its first document without one (InputIds)
    std::string_view utf8;    ///< its decoded text (valid during the call only)
    std::string_view format;  ///< the parser to read it with (format_names())
};

/// Receives the inputs of read_input_text.
using InputTextSink = std::function<void(const InputText&)>;

/// How read_input_text reads and reports: the indexer's way by default.
struct InputTextOptions {
    std::string_view format = "auto";  ///< the parser (format_names()); "auto" detects each input's
    std::function<bool()> stopped;     ///< asked after each archive member: true ends the expansion (may be empty)
    /// A binary input is an error ("binary file", as `indexer --dump` reports it), not a warning
    /// ("binary file skipped", as indexing does).
    bool binary_is_error = false;
    bool charset_notes = true;  ///< a note names the legacy charset an input was read as
};

/**
 * The text inputs of the bytes of one file, @p display (ids based on @p id_base): the file itself, or
 * when it is an archive (is_archive) each member, named `display:member` (ids `id_base:member`). Each
 * is decoded (plain UTF-8 is used where it lies; repairs are warnings, a legacy charset a note), its
 * format is options.format or, for "auto", detected from its name and first detect_head_bytes, and
 * it is given to @p each. A binary input is skipped (and reported); returns false when the file
 * itself (not an archive) was, so that nothing was read from it. Of the empty members of an archive
 * only the first is given; the others are counted in one warning (`N more empty members skipped`).
 */
bool read_input_text(const std::string& display, const std::string& id_base, std::string_view bytes,
                     const InputTextOptions& options, DiagnosticSink& diag, const InputTextSink& each);

/**
 * Standard input ("-"), already read into @p bytes: decoded (repairs are warnings), JSON Lines
 * unless @p format says otherwise, named stdin_display_name, ids based on "stdin".
 */
void read_stdin_text(std::string&& bytes, std::string_view format, DiagnosticSink& diag, const InputTextSink& each);

/**
 * Names the documents of one input: a document without a path gets the input's; the first without
 * an id gets the id base (the file's path relative to the corpus root), the next ones `base#line`
 * (or `base#n` when the format has no lines).
 */
class InputIds {
public:
    explicit InputIds(std::string base = {}) : m_base(std::move(base)) {}

    /// Start over with the documents of another input.
    void reset(std::string base) {
        m_base = std::move(base);
        m_without_id = 0;
    }
    /// Give @p doc the path @p display and an id when it has none; true when it had no id.
    bool name(Document& doc, std::string_view display);
    /// Count a document without an id that keeps the id given to it earlier (the numbering goes on).
    void skip_one() noexcept { ++m_without_id; }
    [[nodiscard]] const std::string& base() const noexcept { return m_base; }

private:
    std::string m_base;
    std::size_t m_without_id = 0;
};

/// Where to cut text at or before @p max: after the last white space of its last 64 KB, else at a
/// UTF-8 character boundary (never inside a multi-byte sequence).
std::size_t text_cut(std::string_view text, std::size_t max);

/// Cut the body of @p doc to max_document_bytes of text (title and body), with a warning; false
/// when it fits.
bool cut_document(Document& doc, DiagnosticSink& diag);

/// The root that a file named on its own is relative to (for its id base): its folder.
std::filesystem::path input_root(const std::filesystem::path& file);

/// The id base of @p file found under @p root: its path relative to the root (else its name).
std::string input_id_base(const std::filesystem::path& file, const std::filesystem::path& root);

/// A Xapian database directory (ours or any other): never input.
bool is_xapian_database(const std::filesystem::path& dir);

/// What a directory walk does (walk_directory).
struct DirectoryWalk {
    /// A directory not to enter, besides hidden ones and Xapian databases (may be empty).
    std::function<bool(const std::filesystem::path&)> skip;
    /// Polled before each entry: true ends the walk (may be empty).
    std::function<bool()> stopped;
    /// Each input file (is_input_file_name), in sorted order.
    std::function<void(const std::filesystem::path&)> file;
    /// Follow symbolic links met during the walk (each file is then given once, loops are noted);
    /// by default they are passed over and the walk stays in its tree.
    bool follow = false;
};

/**
 * Walk @p dir recursively in sorted order (by name), skipping hidden entries, Xapian databases and
 * what @p walk.skip says; a directory that cannot be read is an error. @p dir itself may be a link.
 * Symbolic links inside it are passed over unless @p walk.follow: then each file (by device and
 * inode) is given once, and a link to a directory the walk is in is a loop, reported as a note
 * (`LINK: note: symbolic link loop to ANCESTOR: not followed`) and not entered.
 */
void walk_directory(const std::filesystem::path& dir, const DirectoryWalk& walk, DiagnosticSink& diag);

}  // namespace newsdex
