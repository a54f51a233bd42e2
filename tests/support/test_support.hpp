/** @file
 * @brief Shared test helpers: an RAII temporary directory, running the programs, skipping without ../shared.
 */
#pragma once
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/schema/document.hpp>
#include <newsdex/ingest/parser.hpp>

namespace newsdex::test {

/// Everything one parse produced: the documents and the diagnostics, in order.
struct Parsed {
    std::vector<Document> docs;
    std::vector<Diagnostic> diags;

    [[nodiscard]] std::size_t count(Severity s) const {
        return static_cast<std::size_t>(
            std::count_if(diags.begin(), diags.end(), [&](const Diagnostic& d) { return d.severity == s; }));
    }
    /// The diagnostics as the programs print them, one a line.
    [[nodiscard]] std::string diag_text() const {
        std::string out;
        for (const auto& d : diags) out += d.format() + "\n";
        return out;
    }
    [[nodiscard]] const Document* by_id(std::string_view id) const {
        for (const auto& d : docs)
            if (d.id == id) return &d;
        return nullptr;
    }
};

/// Parse UTF-8 @p text read from @p path with the parser of @p format (make_parser).
inline Parsed parse_with(std::string_view format, std::string_view text, std::string_view path) {
    Parsed p;
    DiagnosticSink sink;
    make_parser(format)->parse(path, text, sink, [&](Document&& d) { p.docs.push_back(std::move(d)); });
    p.diags = sink.collected();
    return p;
}

/// A fresh directory removed on destruction (kept when NEWSDEX_KEEP_TMP is set).
class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "newsdex-test-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        m_path = tmpl;
    }
    ~TempDir() {
        if (!std::getenv("NEWSDEX_KEEP_TMP")) {
            std::error_code ec;
            std::filesystem::remove_all(m_path, ec);
        }
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& p) const { return m_path / p; }

private:
    std::filesystem::path m_path;
};

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Run a shell command, capturing stdout and stderr.
inline RunResult run(const std::string& command) {
    TempDir tmp;
    const auto out = tmp / "out", err = tmp / "err";
    const std::string full = command + " >" + out.string() + " 2>" + err.string();
    const int status = std::system(full.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

/// The shared corpora folder, or skip the test with a clear message when it is missing.
#define NEWSDEX_REQUIRE_SHARED(subdir)                                                                   \
    do {                                                                                                 \
        if (!std::filesystem::exists(std::filesystem::path(SHARED_CORPORA_DIR) / (subdir)))              \
            GTEST_SKIP() << "../shared/corpora/" << (subdir) << " is missing: integration test skipped"; \
    } while (0)

inline std::filesystem::path shared_corpora() { return SHARED_CORPORA_DIR; }

}  // namespace newsdex::test
