/** @file
 * @brief Reading and atomically replacing the `--since-last` state file (see since_last.hpp).
 */
#include "cli/since_last.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>

namespace newsdex::cli {

namespace fs = std::filesystem;

std::string state_key(const std::string& db_path) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(db_path, ec), ec);
    return ec ? fs::absolute(db_path).lexically_normal().string() : p.string();
}

SeenRuns read_seen_runs(const std::string& state_path) {
    SeenRuns runs;
    std::ifstream in(state_path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        if (!fs::exists(state_path, ec) && !ec) return runs;  // first run
        throw RuntimeError(fmt::format("cannot read '{}': {}", state_path, std::strerror(errno)));
    }
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        const auto tab = line.find('\t');
        std::uint64_t run = 0;
        bool ok = tab != std::string::npos && tab > 0 && tab + 1 < line.size() && tab <= 19;
        for (std::size_t i = 0; ok && i < tab; ++i) {
            ok = line[i] >= '0' && line[i] <= '9';
            run = run * 10 + static_cast<std::uint64_t>(line[i] - '0');
        }
        if (!ok)
            throw UsageError(
                fmt::format("{}:{}: not a --since-last state line (expected RUN<TAB>DATABASE-PATH)", state_path, n));
        runs[line.substr(tab + 1)] = run;
    }
    return runs;
}

void write_seen_runs(const std::string& state_path, const SeenRuns& runs) {
    const std::string tmp = fmt::format("{}.tmp.{}", state_path, ::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << "# searcher --since-last: the last indexer run seen, per database (RUN<TAB>PATH)\n";
        for (const auto& [path, run] : runs) out << run << '\t' << path << '\n';
        out.flush();
        if (!out) {
            std::remove(tmp.c_str());
            throw RuntimeError(fmt::format("cannot write '{}'", tmp));
        }
    }
    std::error_code ec;
    fs::rename(tmp, state_path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw RuntimeError(fmt::format("cannot replace '{}': {}", state_path, ec.message()));
    }
}

}  // namespace newsdex::cli
