/** @file
 * @brief Ranking quality on the TIME test collection: converts ../shared/corpora/time (TIME.ALL,
 * TIME.QUE, TIME.REL) into a JSON Lines corpus, queries and qrels, indexes it with build_index, runs
 * every query through Searcher and prints MAP, P@10, nDCG@10 and R@100 (trec_eval definitions).
 *
 * Usage: time_eval [TIME_DIR] [--per-query] [--and]
 * Documents are numbered by their position in TIME.ALL (1-423), as TIME.REL numbers them; the three
 * judgments that point past the end are dropped.
 */
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <newsdex/eval.hpp>
#include <newsdex/indexer.hpp>
#include <newsdex/search.hpp>

namespace fs = std::filesystem;
using namespace newsdex;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Records of a `*TAG n` file (TIME.ALL's `*TEXT`, TIME.QUE's `*FIND`), in order, text only.
std::vector<std::string> records(const std::string& text, const std::string& tag) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    bool open = false;
    while (std::getline(in, line)) {
        if (line.rfind("*STOP", 0) == 0) break;
        if (line.rfind(tag, 0) == 0) {
            out.emplace_back();
            open = true;
            continue;
        }
        if (open && !line.empty()) out.back() += line + "\n";
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path dir = fs::path(SHARED_CORPORA_DIR) / "time";
    bool per_query = false, all_words = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--per-query") per_query = true;
        else if (a == "--and") all_words = true;
        else dir = a;
    }
    try {
        const auto docs = records(read_all(dir / "TIME.ALL"), "*TEXT");
        const auto queries = records(read_all(dir / "TIME.QUE"), "*FIND");
        const fs::path work = fs::temp_directory_path() / fmt::format("newsdex-time-{}", ::getpid());
        fs::create_directories(work);
        {
            std::ofstream out(work / "time.jsonl");
            for (std::size_t i = 0; i < docs.size(); ++i)
                out << nlohmann::json{{"id", fmt::format("{}", i + 1)}, {"body", docs[i]}}.dump() << '\n';
        }
        IndexOptions io;
        io.db_path = (work / "db").string();
        io.inputs = {(work / "time.jsonl").string()};
        io.entities = false;
        DiagnosticSink diag;
        const IndexStats stats = build_index(io, diag);

        eval::Qrels qrels;
        std::istringstream rel(read_all(dir / "TIME.REL"));
        for (std::string line; std::getline(rel, line);) {
            std::istringstream ls(line);
            std::string qid;
            if (!(ls >> qid)) continue;
            for (std::size_t d; ls >> d;)
                if (d >= 1 && d <= docs.size()) qrels[qid][std::to_string(d)] = 1;
        }

        const Searcher searcher({io.db_path});
        eval::Run run;
        for (std::size_t q = 0; q < queries.size(); ++q) {
            SearchOptions so;
            so.query = queries[q];
            so.limit = 1000;
            so.snippets = false;
            if (all_words) so.default_op = Xapian::Query::OP_AND;
            for (const auto& hit : searcher.search(so).hits)
                run[std::to_string(q + 1)].push_back({hit.doc.id, hit.score});
        }
        const eval::Evaluation ev = eval::evaluate(qrels, run);
        fs::remove_all(work);
        if (per_query)
            for (const auto& [qid, m] : ev.per_query)
                std::printf("%-4s map %.4f  p10 %.4f  ndcg10 %.4f  r100 %.4f\n", qid.c_str(), m.map, m.p10,
                            m.ndcg10, m.r100);
        std::printf("TIME: %zu documents, %zu queries, %zu judged\n", stats.added, queries.size(),
                    ev.per_query.size());
        std::printf("MAP %.4f  P@10 %.4f  nDCG@10 %.4f  R@100 %.4f\n", ev.mean.map, ev.mean.p10, ev.mean.ndcg10,
                    ev.mean.r100);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "time_eval: error: %s\n", e.what());
        return 2;
    }
}
