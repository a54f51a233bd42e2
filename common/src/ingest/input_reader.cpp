/** @file
 * @brief Inputs to parser text: reading, decoding, archives, format detection, ids, directory walks.
 */
#include <newsdex/ingest/input_reader.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <newsdex/ingest/encoding.hpp>
#include <newsdex/ingest/parser.hpp>

#include "ingest/formats/formats.hpp"

namespace newsdex {

namespace {

namespace fs = std::filesystem;

/// How much of a big file is read first to tell whether it is one document; also how far back
/// text_cut looks for white space.
constexpr std::size_t big_file_head_bytes = 64 << 10;

std::string mib(std::size_t bytes) { return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20)); }

/// Does a charset name mean "already UTF-8" (or its ASCII subset)?
bool is_utf8_charset(std::string_view cs) {
    return cs.empty() || cs == "UTF-8" || cs == "utf-8" || cs == "US-ASCII" || cs == "ASCII";
}

std::string_view format_of(std::string_view format, std::string_view display, std::string_view utf8) {
    return format == "auto" ? detect_format(display, utf8.substr(0, detect_head_bytes)) : format;
}

/**
 * Read a file bigger than max_document_bytes: whole when it holds many records (or is an
 * archive), else (one document) only its first max_document_bytes, cut at a character
 * boundary, with a warning.
 */
std::optional<FileBytes> read_big_file(const fs::path& path, const std::string& display, std::size_t size,
                                       std::string_view format_option, DiagnosticSink& diag) {
    auto head = FileBytes::read(path, big_file_head_bytes);
    if (!head) return head;
    if (is_archive(display, head->view())) return FileBytes::read(path);
    const DecodedText text = decode_to_utf8(head->view());
    if (text.binary) return head;  // skipped as binary anyway
    const std::string_view format = format_of(format_option, display, text.utf8);
    const bool one_document = format == "news" || format == "memo" || format == "html" ||
        (format == "email" && !detail::looks_like_mbox(text.utf8));
    if (!one_document) return FileBytes::read(path);
    auto bytes = FileBytes::read(path, max_document_bytes);
    if (!bytes) return bytes;
    const bool utf16 = text.charset.starts_with("UTF-16");
    const std::size_t n = bytes->view().size();
    bytes->cut(utf16 ? n & ~std::size_t{1} : text_cut(bytes->view(), n - 1));
    diag.warning(display, 0,
                 fmt::format("{} file of one document: only its first {} indexed (the limit of one "
                             "document)",
                             mib(size), mib(max_document_bytes)));
    return bytes;
}

/**
 * Decode one input (a file, or an archive member named in.display), detect its format and give it
 * to @p each; false for a binary input (skipped with a warning).
 */
bool give_input(InputText& in, std::string_view bytes, const InputTextOptions& options, DiagnosticSink& diag,
                const InputTextSink& each) {
    in.utf8 = bytes;  // plain UTF-8, the usual case, is parsed where it lies
    DecodedText text;
    if (!is_plain_utf8(bytes)) {
        text = decode_to_utf8(bytes);
        if (text.binary) {
            if (options.binary_is_error)
                diag.error(in.display, 0, "binary file");
            else
                diag.warning(in.display, 0, "binary file skipped");
            return false;
        }
        if (const std::string repairs = describe_repairs(text); !repairs.empty())
            diag.warning(in.display, 0, repairs);
        else if (options.charset_notes && !is_utf8_charset(text.charset))  // legitimate: a note, not a warning
            diag.report({Severity::note, in.display, 0, fmt::format("read as {}", text.charset)});
        in.utf8 = text.utf8;
    }
    in.format = format_of(options.format, in.display, in.utf8);
    each(in);
    return true;
}

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

}  // namespace

// --- FileBytes -----------------------------------------------------------------------------------

std::optional<FileBytes> FileBytes::read(const fs::path& path, std::size_t max) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::optional<FileBytes> out = read_fd(fd, max);
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return out;
}

FileBytes::FileBytes(FileBytes&& o) noexcept
    : m_map(std::exchange(o.m_map, nullptr)),
      m_map_size(o.m_map_size),
      m_read(std::move(o.m_read)),
      m_view(m_map ? o.m_view : std::string_view(m_read).substr(0, o.m_view.size())) {}

FileBytes::~FileBytes() {
    if (m_map) ::munmap(m_map, m_map_size);
}

std::optional<FileBytes> FileBytes::read_fd(int fd, std::size_t max) {
    /// Files from this size on are mapped (below it a read is as cheap as the mapping's set-up).
    constexpr std::size_t map_min_bytes = 256 << 10;
    struct stat st {};
    if (::fstat(fd, &st) != 0) return std::nullopt;
    const std::size_t size = std::min(static_cast<std::size_t>(st.st_size), max);
    FileBytes out;
    if (S_ISREG(st.st_mode) && size >= map_min_bytes) {
        void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (map != MAP_FAILED) {
            out.m_map = map;
            out.m_map_size = size;
            out.m_view = std::string_view(static_cast<const char*>(map), size);
            return out;
        }
    }
    // Read up to the end, wherever it is now: the file may have grown since stat (or be a pipe).
    std::string& bytes = out.m_read;
    bytes.resize(std::min(std::max<std::size_t>(size, 4096), max));
    std::size_t got = 0;
    while (got < max) {
        if (got == bytes.size()) bytes.resize(std::min(bytes.size() * 2, max));
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::nullopt;
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
    out.m_view = bytes;
    return out;
}

// --- reading and decoding ------------------------------------------------------------------------

std::optional<FileBytes> read_input_file(const fs::path& path, const std::string& display, std::uint64_t size,
                                         std::string_view format, DiagnosticSink& diag) {
    auto bytes = size > max_document_bytes ? read_big_file(path, display, size, format, diag) : FileBytes::read(path);
    if (!bytes) diag.error(display, 0, fmt::format("cannot read: {}", std::strerror(errno)));
    return bytes;
}

std::optional<FileBytes> read_input_file(const fs::path& path, const std::string& display, std::string_view format,
                                         DiagnosticSink& diag) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        diag.error(display, 0, fmt::format("cannot read: {}", std::strerror(errno)));
        return std::nullopt;
    }
    return read_input_file(path, display, static_cast<std::uint64_t>(st.st_size), format, diag);
}

bool read_input_text(const std::string& display, const std::string& id_base, std::string_view bytes,
                     const InputTextOptions& options, DiagnosticSink& diag, const InputTextSink& each) {
    if (!is_archive(display, bytes)) {
        InputText in{display, id_base, {}, {}};
        return give_input(in, bytes, options, diag, each);
    }
    // Each member is an input of its own, named "archive:member" (display and id base). Only the
    // first empty member is read like a file (its usual warning): an archive of thousands of empty
    // members gets one warning for the rest, not thousands.
    std::size_t empty_members = 0;
    read_archive(display, bytes, diag, [&](ArchiveMember&& m) {
        if (m.bytes.empty() && empty_members++ > 0) return !(options.stopped && options.stopped());
        InputText in{archive_member_path(display, m.name), archive_member_path(id_base, m.name), {}, {}};
        give_input(in, m.bytes, options, diag, each);
        return !(options.stopped && options.stopped());
    });
    if (empty_members > 1) diag.warning(display, 0, fmt::format("{} more empty members skipped", empty_members - 1));
    return true;
}

void read_stdin_text(std::string&& bytes, std::string_view format, DiagnosticSink& diag, const InputTextSink& each) {
    DecodedText text = decode_to_utf8(bytes);
    bytes.clear();
    const std::string display(stdin_display_name);
    if (const std::string repairs = describe_repairs(text); !repairs.empty()) diag.warning(display, 0, repairs);
    const InputText in{display, "stdin", text.utf8, format == "auto" ? std::string_view("jsonl") : format};
    each(in);
}

// --- documents -----------------------------------------------------------------------------------

bool InputIds::name(Document& doc, std::string_view display) {
    if (doc.path.empty()) doc.path = display;
    if (!doc.id.empty()) return false;
    doc.id = m_without_id == 0 ? m_base : fmt::format("{}#{}", m_base, doc.line > 0 ? doc.line : m_without_id + 1);
    ++m_without_id;
    return true;
}

std::size_t text_cut(std::string_view text, std::size_t max) {
    if (text.size() <= max) return text.size();
    const std::size_t floor = max > big_file_head_bytes ? max - big_file_head_bytes : 0;
    for (std::size_t i = max; i > floor; --i)
        if (text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '\t') return i;
    std::size_t i = max;
    while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    return i;
}

bool cut_document(Document& doc, DiagnosticSink& diag) {
    if (doc.text_bytes() <= max_document_bytes) return false;
    const std::size_t was = doc.text_bytes();
    const std::size_t keep = max_document_bytes > doc.title.size() ? max_document_bytes - doc.title.size() : 0;
    doc.body.resize(text_cut(doc.body, keep));
    doc.body.shrink_to_fit();  // the rest of the pipeline holds 8 MiB, not the whole record
    diag.warning(doc.path, doc.line,
                 fmt::format("document '{}' of {}: only its first {} indexed (the limit of one document)", doc.id,
                             mib(was), mib(max_document_bytes)));
    return true;
}

// --- files and directories -----------------------------------------------------------------------

fs::path input_root(const fs::path& file) { return file.has_parent_path() ? file.parent_path() : fs::path("."); }

std::string input_id_base(const fs::path& file, const fs::path& root) {
    std::error_code ec;
    const fs::path rel = fs::relative(file, root, ec);
    return (ec || rel.empty() ? file.filename() : rel).generic_string();
}

bool is_xapian_database(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec) || fs::exists(dir / "XAPIANDB", ec);
}

namespace {

/// A file or directory by device and inode: what a walk that follows links has already seen.
struct FileKey {
    dev_t dev = 0;
    ino_t ino = 0;
    auto operator<=>(const FileKey&) const = default;
};

std::optional<FileKey> key_of(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return std::nullopt;
    return FileKey{st.st_dev, st.st_ino};
}

/**
 * One directory walk. Without DirectoryWalk::follow a symbolic link met on the way is passed over
 * (as find and ripgrep do), so a walk stays in its tree. With it, links are followed, and the
 * directories on the current path and the files already given are known by device and inode: a link
 * back to an ancestor is a loop (one note, not followed) and a file reached twice is given once.
 */
class Walker {
public:
    Walker(const DirectoryWalk& walk, DiagnosticSink& diag) : m_walk(walk), m_diag(diag) {}

    void directory(const fs::path& dir) {
        if (is_xapian_database(dir) || (m_walk.skip && m_walk.skip(dir))) return;
        const std::optional<FileKey> key = key_of(dir);
        if (key) m_ancestors.emplace_back(*key, dir);
        read_directory(dir);
        if (key) m_ancestors.pop_back();
    }

private:
    void read_directory(const fs::path& dir) {
        std::vector<fs::directory_entry> entries;
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (!is_hidden(it->path())) entries.push_back(*it);
        if (ec) {
            m_diag.error(dir.string(), 0, fmt::format("cannot read directory: {}", ec.message()));
            return;
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
        for (const auto& e : entries) {
            if (m_walk.stopped && m_walk.stopped()) return;
            entry(e);
        }
    }

    void entry(const fs::directory_entry& e) {
        std::error_code ec;
        fs::file_status st = e.symlink_status(ec);
        if (ec) return;  // gone since it was listed
        if (fs::is_symlink(st)) {
            if (!m_walk.follow) return;
            st = e.status(ec);
            if (ec) return;  // a dangling link: nothing to read
        }
        if (fs::is_directory(st)) {
            if (m_walk.follow && is_loop(e.path())) return;
            directory(e.path());
        } else if (fs::is_regular_file(st) && is_input_file_name(e.path().filename().string())) {
            if (m_walk.follow) {
                const std::optional<FileKey> key = key_of(e.path());
                if (key && !m_files.insert(*key).second) return;  // read already, by another path
            }
            m_walk.file(e.path());
        }
    }

    /// Is @p dir one of the directories the walk is in? Then it is reported (once: it is not entered).
    bool is_loop(const fs::path& dir) {
        const std::optional<FileKey> key = key_of(dir);
        if (!key) return false;
        for (const auto& [k, ancestor] : m_ancestors) {
            if (k != *key) continue;
            m_diag.report({Severity::note, dir.string(), 0,
                           fmt::format("symbolic link loop to {}: not followed", ancestor.string())});
            return true;
        }
        return false;
    }

    const DirectoryWalk& m_walk;
    DiagnosticSink& m_diag;
    std::vector<std::pair<FileKey, fs::path>> m_ancestors;  ///< the directories the walk is in
    std::set<FileKey> m_files;                              ///< files given (when following links)
};

}  // namespace

void walk_directory(const fs::path& dir, const DirectoryWalk& walk, DiagnosticSink& diag) {
    Walker(walk, diag).directory(dir);
}

}  // namespace newsdex
