/** @file
 * @brief Reading the TIME test collection and writing it as corpus, batch queries and qrels.
 */
#include "test_collection.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <newsdex/core/error.hpp>

namespace newsdex {

namespace {

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw RuntimeError(fmt::format("cannot read '{}'", p.string()));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw RuntimeError(fmt::format("cannot read '{}'", p.string()));
    return ss.str();
}

/// Records of a `*TAG n` file (TIME.ALL's `*TEXT`, TIME.QUE's `*FIND`) in order: their non-blank lines.
std::vector<std::vector<std::string>> records(const std::string& text, std::string_view tag) {
    std::vector<std::vector<std::string>> out;
    std::istringstream in(text);
    bool open = false;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.starts_with("*STOP")) break;
        if (line.starts_with(tag)) {
            out.emplace_back();
            open = true;
            continue;
        }
        if (open && line.find_first_not_of(" \t") != std::string::npos) out.back().push_back(line);
    }
    return out;
}

/// Words of @p lines joined by single spaces, ASCII letters lower-cased.
std::string plain_words(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) {
        std::istringstream words(line);
        for (std::string w; words >> w;) {
            for (auto& c : w)
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (!out.empty()) out += ' ';
            out += w;
        }
    }
    return out;
}

}  // namespace

TestCollection read_time_collection(const std::filesystem::path& dir) {
    TestCollection c;
    for (const auto& lines : records(read_all(dir / "TIME.ALL"), "*TEXT")) {
        std::string text;
        for (const auto& line : lines) text += line + "\n";
        c.documents.push_back(std::move(text));
    }
    for (const auto& lines : records(read_all(dir / "TIME.QUE"), "*FIND")) c.queries.push_back(plain_words(lines));

    std::istringstream rel(read_all(dir / "TIME.REL"));
    for (std::string line; std::getline(rel, line);) {
        std::istringstream fields(line);
        std::string qid;
        if (!(fields >> qid)) continue;
        for (std::size_t d; fields >> d;) {
            if (d >= 1 && d <= c.documents.size())
                c.qrels[qid][std::to_string(d)] = 1;
            else
                ++c.dropped_judgments;
        }
    }
    return c;
}

void write_corpus_jsonl(const TestCollection& collection, std::ostream& out) {
    for (std::size_t i = 0; i < collection.documents.size(); ++i)
        out << nlohmann::json{{"id", std::to_string(i + 1)}, {"body", collection.documents[i]}}.dump(
                   -1, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
}

void write_batch_queries(const TestCollection& collection, std::ostream& out) {
    for (std::size_t i = 0; i < collection.queries.size(); ++i) out << i + 1 << '\t' << collection.queries[i] << '\n';
}

void write_qrels(const TestCollection& collection, std::ostream& out) {
    // By query number, then document number (the map orders them as strings).
    std::vector<std::pair<std::size_t, std::string>> qids;
    for (const auto& [qid, docs] : collection.qrels) qids.emplace_back(std::stoul(qid), qid);
    std::sort(qids.begin(), qids.end());
    for (const auto& [n, qid] : qids) {
        std::vector<std::size_t> docs;
        for (const auto& [doc, rel] : collection.qrels.at(qid)) docs.push_back(std::stoul(doc));
        std::sort(docs.begin(), docs.end());
        for (const auto d : docs)
            out << qid << " 0 " << d << ' ' << collection.qrels.at(qid).at(std::to_string(d)) << '\n';
    }
}

}  // namespace newsdex
