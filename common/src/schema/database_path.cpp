/** @file
 * @brief check_database_path: follow stub files the way Xapian's stub reader does, refusing programs.
 *
 * The stub format (Xapian's backends/databasehelpers.h): one `TYPE REST` a line, `#` lines and blank
 * lines ignored; `auto`, `glass`, `chert` and `honey` name a database path (relative to the stub's
 * folder), which may itself be a stub; `remote :PROGRAM ARGS` starts a program; `remote HOST:PORT`
 * connects over TCP; `inmemory` is an empty database.
 */
#include <newsdex/schema/database_path.hpp>

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>
#include <newsdex/core/terminal.hpp>

namespace newsdex {

namespace {

namespace fs = std::filesystem;

constexpr int kMaxStubDepth = 16;

/// A single-file glass database starts with this (Xapian's GLASS_VERSION_MAGIC, length-prefixed).
constexpr std::string_view kGlassSingleFileMagic = "\x0f\x0dXapian Glass";

bool is_single_file_database(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::array<char, kGlassSingleFileMagic.size()> head{};
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    return in.gcount() == static_cast<std::streamsize>(head.size()) &&
           std::string_view(head.data(), head.size()) == kGlassSingleFileMagic;
}

void check_path(const fs::path& path, const DatabaseAccess& access, int depth);

void check_stub(const fs::path& stub, const DatabaseAccess& access, int depth) {
    if (depth > kMaxStubDepth)
        throw RuntimeError(fmt::format("{}: stub databases nested more than {} deep", terminal_safe(stub.string()),
                                       kMaxStubDepth));
    std::ifstream in(stub);
    if (!in) return;  // unreadable: Xapian says so when it opens it
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find(' ');
        const std::string_view type = std::string_view(line).substr(0, space);
        const std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
        if (type == "remote" && !rest.empty() && rest[0] == ':') {
            if (access.allow_programs) continue;
            const std::string program = rest.substr(1, rest.find(' ') == std::string::npos ? std::string::npos
                                                                                           : rest.find(' ') - 1);
            throw RuntimeError(fmt::format(
                "{}:{}: database stub would run the program '{}' (remote :PROGRAM); refused, "
                "use --allow-programs to allow it",
                terminal_safe(stub.string()), number, terminal_safe(program)));
        }
        if (type == "auto" || type == "glass" || type == "chert" || type == "honey") {
            fs::path target(rest);
            if (target.is_relative()) target = stub.parent_path() / target;
            check_path(target, access, depth + 1);
        }
        // remote HOST:PORT, inmemory and lines Xapian rejects itself need nothing here.
    }
}

void check_path(const fs::path& path, const DatabaseAccess& access, int depth) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return;
    if (fs::is_directory(status)) {
        for (const char* marker : {"iamglass", "iamchert", "iamhoney"})
            if (fs::exists(path / marker, ec)) return;
        const fs::path stub = path / "XAPIANDB";
        if (fs::is_regular_file(stub, ec)) check_stub(stub, access, depth);
        return;
    }
    if (fs::is_regular_file(status) && !is_single_file_database(path)) check_stub(path, access, depth);
}

}  // namespace

void check_database_path(const std::string& path, const DatabaseAccess& access) {
    check_path(fs::path(path), access, 0);
}

}  // namespace newsdex
