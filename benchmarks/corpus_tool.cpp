/** @file
 * @brief Corpus preparation for the whole-process indexing benchmarks (omega_compare.sh, growth.sh,
 *        reindex.sh), from a JSON Lines corpus such as Reuters-21578's:
 *
 *   corpus_tool scriptindex IN.jsonl OUT      Omega scriptindex input: id, title, body, dateline and the
 *                                             gold lists (topics, places, people, orgs), one field a line
 *   corpus_tool repeat N IN.jsonl OUTDIR      N copies as OUTDIR/part-K.jsonl; copy K > 1 gets ids "ID~K"
 *   corpus_tool change EVERY IN.jsonl OUT     the same records, every EVERY-th one with an edited body
 */
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

int usage() {
    std::cerr << "usage: corpus_tool scriptindex IN.jsonl OUT | repeat N IN.jsonl OUTDIR | change EVERY IN.jsonl OUT\n";
    return 2;
}

/// One scriptindex field: `name=value`, further lines of the value as `=line`.
void field(std::ostream& out, const std::string& name, const std::string& value) {
    out << name << '=';
    for (char c : value) {
        if (c == '\n')
            out << "\n=";
        else if (c != '\r')
            out << c;
    }
    out << '\n';
}

int to_scriptindex(const std::string& in_path, const std::string& out_path) {
    std::ifstream in(in_path, std::ios::binary);
    std::ofstream out(out_path, std::ios::binary);
    if (!in || !out) return usage();
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const json j = json::parse(line);
        for (const char* name : {"id", "title", "dateline", "body"})
            if (j.contains(name) && j[name].is_string()) field(out, name, j[name].get<std::string>());
        for (const char* name : {"topics", "places", "people", "orgs"})
            if (j.contains(name) && j[name].is_array())
                for (const auto& v : j[name]) field(out, name, v.get<std::string>());
        out << '\n';
        ++n;
    }
    std::cerr << "corpus_tool: " << n << " records\n";
    return 0;
}

int repeat(int copies, const std::string& in_path, const std::string& out_dir) {
    std::filesystem::create_directories(out_dir);
    for (int k = 1; k <= copies; ++k) {
        std::ifstream in(in_path, std::ios::binary);
        char name[32];
        std::snprintf(name, sizeof name, "part-%03d.jsonl", k);
        std::ofstream out(std::filesystem::path(out_dir) / name, std::ios::binary);
        if (!in || !out) return usage();
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            if (k > 1) {
                json j = json::parse(line);
                j["id"] = j["id"].get<std::string>() + "~" + std::to_string(k);
                line = j.dump();
            }
            out << line << '\n';
        }
    }
    return 0;
}

int change(int every, const std::string& in_path, const std::string& out_path) {
    std::ifstream in(in_path, std::ios::binary);
    std::ofstream out(out_path, std::ios::binary);
    if (!in || !out || every <= 0) return usage();
    std::string line;
    std::size_t n = 0, changed = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (++n % static_cast<std::size_t>(every) == 0) {
            json j = json::parse(line);
            const std::string body = j.contains("body") && j["body"].is_string() ? j["body"].get<std::string>() : "";
            j["body"] = body + "\nThis story was corrected on review.";
            line = j.dump();
            ++changed;
        }
        out << line << '\n';
    }
    std::cerr << "corpus_tool: " << changed << " of " << n << " records changed\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::string cmd = argc > 1 ? argv[1] : "";
        if (cmd == "scriptindex" && argc == 4) return to_scriptindex(argv[2], argv[3]);
        if (cmd == "repeat" && argc == 5) return repeat(std::atoi(argv[2]), argv[3], argv[4]);
        if (cmd == "change" && argc == 5) return change(std::atoi(argv[2]), argv[3], argv[4]);
        return usage();
    } catch (const std::exception& e) {
        std::cerr << "corpus_tool: " << e.what() << '\n';
        return 1;
    }
}
