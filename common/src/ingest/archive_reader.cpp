/** @file
 * @brief Archives as inputs (libarchive): tar (plain or compressed), zip, 7z, cpio, and single
 *        compressed files (`x.jsonl.gz`), expanded in memory into named members.
 *
 * Members are read in archive order. Directories, links, devices, hidden members (a path component
 * starting with '.') and members whose names the directory walk would pass over (is_input_file_name)
 * are skipped. A member that is itself an archive is expanded in turn (`outer.tar:inner.zip:x.txt`),
 * up to a nesting depth of 4. A member is held in memory whole, so one larger than 64 MiB is an error
 * as soon as that much has been expanded (a compression bomb costs 64 MiB, not its size), and the
 * next member is tried; an archive stops after 4 GiB expanded in all, members skipped included. A member that cannot be read (encrypted zip entry, corrupt data) is an
 * error naming it, and the next member is tried; a corrupt or truncated archive is an error and ends
 * the expansion, members already read stay.
 */
#include <newsdex/ingest/parser.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
#include <memory>

#include <fmt/format.h>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

using namespace detail;

constexpr int max_depth = 4;
constexpr std::size_t max_member_bytes = std::size_t{64} << 20;
constexpr std::size_t max_total_bytes = std::size_t{4} << 30;
constexpr std::string_view member_too_big = "archive member larger than 64 MiB: skipped";
constexpr std::string_view total_too_big = "archive expands to more than 4 GiB: the rest is skipped";

struct ArchiveCloser {
    void operator()(archive* a) const noexcept { archive_read_free(a); }
};

bool has_magic(std::string_view head, std::size_t at, std::string_view magic) {
    return head.size() >= at + magic.size() && head.substr(at, magic.size()) == magic;
}

/// The last path component of @p path.
std::string_view base_name(std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// Lower-cased extension chain of a file name: "x.tar.gz" -> "tar.gz" (last two parts at most).
bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

/// For a single compressed file: its name without the compression suffix (`x.jsonl.gz` -> `x.jsonl`).
std::string uncompressed_name(std::string_view archive_path) {
    std::string_view base = base_name(archive_path);
    for (std::string_view suffix : {".gz", ".bz2", ".xz", ".zst", ".lz4", ".lzma", ".z"})
        if (ends_with_ci(base, suffix) && base.size() > suffix.size())
            return std::string(base.substr(0, base.size() - suffix.size()));
    return std::string(base);
}

bool hidden_member(std::string_view name) {
    std::size_t pos = 0;
    while (pos < name.size()) {
        std::size_t slash = name.find('/', pos);
        if (slash == std::string_view::npos) slash = name.size();
        const std::string_view part = name.substr(pos, slash - pos);
        if (!part.empty() && part.front() == '.' && part != "." && part != "..") return true;
        if (part == "__MACOSX") return true;  // resource forks zipped by macOS
        pos = slash + 1;
    }
    return false;
}

class Reader {
public:
    Reader(std::string_view display, DiagnosticSink& diag, const ArchiveMemberSink& each)
        : m_display(display), m_diag(diag), m_each(each) {}

    /**
     * Expand @p bytes: the outer archive (@p prefix empty) or a member archive named @p prefix inside
     * it. Returns false once the sink asked to stop.
     */
    bool read(std::string_view prefix, std::string_view bytes, int depth) {
        const std::string where = prefix.empty() ? m_display : archive_member_path(m_display, prefix);
        std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
        if (!a) {
            m_diag.error(where, 0, "cannot read archive: out of memory");
            return true;
        }
        archive_read_support_filter_all(a.get());
        // Only the archive formats corpora come in: bidders such as lha or mtree read far ahead, so a
        // truncated compressed archive would fail before its first (intact) members.
        archive_read_support_format_tar(a.get());
        archive_read_support_format_gnutar(a.get());
        archive_read_support_format_zip(a.get());
        archive_read_support_format_7zip(a.get());
        archive_read_support_format_cpio(a.get());
        archive_read_support_format_raw(a.get());  // a single compressed file (x.jsonl.gz); bids last
        if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
            m_diag.error(where, 0, fmt::format("cannot read archive: {}", error_of(a.get())));
            return true;
        }
        archive_entry* entry = nullptr;
        for (;;) {
            const int r = archive_read_next_header(a.get(), &entry);
            if (r == ARCHIVE_EOF) break;
            if (r == ARCHIVE_FATAL) {
                m_diag.error(where, 0, fmt::format("cannot read archive: {}", error_of(a.get())));
                break;
            }
            // Members passed over are expanded too (to skip them in a compressed stream): they count.
            if (static_cast<std::size_t>(std::max<la_int64_t>(archive_filter_bytes(a.get(), 0), 0)) > max_total_bytes) {
                m_diag.error(where, 0, std::string(total_too_big));
                return false;
            }
            // ARCHIVE_WARN (odd headers) and ARCHIVE_RETRY: go on with what was read.
            const bool raw = archive_format(a.get()) == ARCHIVE_FORMAT_RAW;
            if (!raw && archive_entry_filetype(entry) != AE_IFREG) continue;
            const char* pathname = archive_entry_pathname_utf8(entry);
            if (!pathname) pathname = archive_entry_pathname(entry);
            std::string name = raw ? uncompressed_name(prefix.empty() ? std::string_view(m_display) : prefix)
                                   : std::string(pathname ? pathname : "");
            while (name.starts_with("./")) name.erase(0, 2);
            while (name.starts_with("/")) name.erase(0, 1);
            if (name.empty() || hidden_member(name) || !is_input_file_name(std::string(base_name(name)))) continue;
            if (raw && !prefix.empty()) {
                // A compressed member (inner.jsonl.gz): its content replaces it, under its own name.
                name = std::string(prefix.substr(0, prefix.size() - base_name(prefix).size())) + name;
            } else if (!prefix.empty()) {
                name = archive_member_path(prefix, name);
            }
            const std::string display = archive_member_path(m_display, name);
            if (archive_entry_size_is_set(entry) &&
                archive_entry_size(entry) > static_cast<la_int64_t>(max_member_bytes)) {
                m_diag.error(display, 0, std::string(member_too_big));
                continue;
            }
            std::string data;
            const int status = read_data(a.get(), display, data);
            if (status == ARCHIVE_FATAL) return m_total <= max_total_bytes;
            if (status != ARCHIVE_OK) continue;
            if (depth + 1 < max_depth && is_archive(name, data)) {
                if (!read(name, data, depth + 1)) return false;
                continue;
            }
            if (!m_each(ArchiveMember{std::move(name), std::move(data)})) return false;
        }
        return true;
    }

private:
    static std::string error_of(archive* a) {
        const char* e = archive_error_string(a);
        return e ? std::string(e) : std::string("unknown error");
    }

    /// Read the current member into @p out: ARCHIVE_OK, or an error status (reported).
    int read_data(archive* a, const std::string& display, std::string& out) {
        std::array<char, 64 * 1024> buffer{};
        for (;;) {
            const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
            if (n == 0) return ARCHIVE_OK;
            if (n < 0) {
                m_diag.error(display, 0, fmt::format("cannot read archive member: {}", error_of(a)));
                return n == ARCHIVE_FATAL ? ARCHIVE_FATAL : ARCHIVE_FAILED;
            }
            // Checked before the bytes are kept: the member never holds more than the limit.
            m_total += static_cast<std::size_t>(n);
            if (m_total > max_total_bytes) {
                m_diag.error(display, 0, std::string(total_too_big));
                return ARCHIVE_FATAL;
            }
            if (out.size() + static_cast<std::size_t>(n) > max_member_bytes) {
                m_diag.error(display, 0, std::string(member_too_big));
                out = std::string();
                return ARCHIVE_FAILED;
            }
            out.append(buffer.data(), static_cast<std::size_t>(n));
        }
    }

    std::string m_display;
    DiagnosticSink& m_diag;
    const ArchiveMemberSink& m_each;
    std::size_t m_total = 0;
};

}  // namespace

bool is_archive(std::string_view path, std::string_view head) noexcept {
    // Magic numbers first: names lie less often than one thinks, but contents never do.
    if (has_magic(head, 0, "\x1F\x8B") ||  // gzip
        has_magic(head, 0, "BZh") ||       // bzip2
        has_magic(head, 0,
                  std::string_view("\xFD"
                                   "7zXZ\0",
                                   6)) ||          // xz
        has_magic(head, 0, "\x28\xB5\x2F\xFD") ||  // zstd
        has_magic(head, 0, "\x1F\x9D") ||          // compress (.Z)
        has_magic(head, 0, "PK\x03\x04") ||
        has_magic(head, 0, "PK\x05\x06") ||          // zip (an empty one too)
        has_magic(head, 0, "7z\xBC\xAF\x27\x1C") ||  // 7-Zip
        has_magic(head, 257, "ustar"))               // POSIX/GNU tar
        return has_magic(head, 0, "BZh") ? head.size() >= 4 && head[3] >= '1' && head[3] <= '9' : true;
    // Old (v7) tar files have no magic: trust the name, if the first block looks like a tar header
    // (a NUL-terminated name and octal mode digits at offset 100).
    const std::string_view base = base_name(path);
    if ((ends_with_ci(base, ".tar") && head.size() >= 512)) {
        const std::string_view mode = head.substr(100, 7);
        for (char c : mode)
            if (!(c == ' ' || c == '\0' || (c >= '0' && c <= '7'))) return false;
        return true;
    }
    return false;
}

std::string archive_member_path(std::string_view archive, std::string_view member) {
    std::string out(archive);
    out += ':';
    out += member;
    return out;
}

void read_archive(std::string_view path, std::string_view bytes, DiagnosticSink& diag, const ArchiveMemberSink& each) {
    Reader(path, diag, each).read({}, bytes, 0);
}

}  // namespace newsdex
