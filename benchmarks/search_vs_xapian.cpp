/** @file
 * @brief Per-query time of newsdex's Searcher::search (top 10 with snippets, default options)
 * against the minimal hand-written Xapian searcher of xapian_baseline.hpp: same database, same
 * queries, same process, rounds alternating which goes first (ABBA), after one warm-up round.
 *
 * Usage: search_vs_xapian --db DB --queries FILE [--rounds N] [--profile newsdex|baseline]
 * FILE is a batch file (one query a line, or QID<TAB>query). Prints, per engine, the median over
 * rounds of the mean time per query and the median of every single query's time, and the ratios.
 * `--profile E` runs only engine E, N rounds, for `perf record`.
 */
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <newsdex/output/batch.hpp>
#include <newsdex/search/search.hpp>

#include "xapian_baseline.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Engine {
    const char* name;
    std::vector<double> round_means;  ///< mean ms per query, per round
    std::vector<double> query_ms;     ///< every query's ms, every round
    std::size_t hits = 0, snippet_bytes = 0;
};

}  // namespace

int main(int argc, char** argv) {
    std::string db, queries_file, profile;
    int rounds = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--db" && i + 1 < argc)
            db = argv[++i];
        else if (a == "--queries" && i + 1 < argc)
            queries_file = argv[++i];
        else if (a == "--rounds" && i + 1 < argc)
            rounds = std::max(1, std::atoi(argv[++i]));
        else if (a == "--profile" && i + 1 < argc)
            profile = argv[++i];
        else {
            std::fprintf(stderr,
                         "usage: search_vs_xapian --db DB --queries FILE [--rounds N] "
                         "[--profile newsdex|baseline]\n");
            return 2;
        }
    }
    if (db.empty() || queries_file.empty()) {
        std::fprintf(stderr, "search_vs_xapian: --db and --queries are required\n");
        return 2;
    }
    try {
        std::vector<std::string> queries;
        std::ifstream in(queries_file);
        if (!in) throw std::runtime_error("cannot read " + queries_file);
        std::size_t n = 0;
        for (std::string line; std::getline(in, line);)
            if (auto q = newsdex::parse_batch_line(line, ++n)) queries.push_back(q->query);
        if (queries.empty()) throw std::runtime_error("no queries in " + queries_file);

        const newsdex::Searcher searcher({db});
        newsdex::bench::XapianBaseline baseline(db);
        newsdex::SearchOptions options;  // defaults: top 10, snippets of 240 characters
        Engine nd{"newsdex Searcher::search"}, xb{"Xapian baseline"};

        const auto run_newsdex = [&](Engine* e) {
            for (const auto& q : queries) {
                options.query = q;
                const auto t0 = Clock::now();
                const newsdex::SearchResult r = searcher.search(options);
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                if (e) {
                    e->query_ms.push_back(ms);
                    e->hits += r.hits.size();
                    for (const auto& h : r.hits) e->snippet_bytes += h.snippet.size();
                }
            }
        };
        const auto run_baseline = [&](Engine* e) {
            std::vector<std::string> snippets;
            for (const auto& q : queries) {
                snippets.clear();
                const auto t0 = Clock::now();
                const std::size_t hits = baseline.search(q, snippets);
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                if (e) {
                    e->query_ms.push_back(ms);
                    e->hits += hits;
                    for (const auto& s : snippets) e->snippet_bytes += s.size();
                }
            }
        };
        const auto timed = [&](Engine& e, auto&& run) {
            const std::size_t before = e.query_ms.size();
            run(&e);
            double sum = 0;
            for (std::size_t i = before; i < e.query_ms.size(); ++i) sum += e.query_ms[i];
            e.round_means.push_back(sum / static_cast<double>(queries.size()));
        };

        if (!profile.empty()) {
            for (int r = 0; r < rounds; ++r) {
                if (profile == "newsdex")
                    timed(nd, run_newsdex);
                else
                    timed(xb, run_baseline);
            }
            const Engine& e = profile == "newsdex" ? nd : xb;
            std::printf("%s: %.3f ms a query (median of %d rounds)\n", e.name, median(e.round_means), rounds);
            return 0;
        }

        run_newsdex(nullptr);  // warm-up: page cache, allocators
        run_baseline(nullptr);
        for (int r = 0; r < rounds; ++r) {
            if (r % 2 == 0) {
                timed(nd, run_newsdex);
                timed(xb, run_baseline);
            } else {
                timed(xb, run_baseline);
                timed(nd, run_newsdex);
            }
        }
        std::printf("%zu queries, %d rounds (ABBA, after a warm-up round), database %s (%u documents)\n",
                    queries.size(), rounds, db.c_str(), searcher.database().get_doccount());
        std::printf("%-26s %16s %14s %10s %14s\n", "", "mean ms/query", "median query", "hits", "snippet bytes");
        for (const Engine* e : {&nd, &xb})
            std::printf("%-26s %16.3f %14.3f %10zu %14zu\n", e->name, median(e->round_means), median(e->query_ms),
                        e->hits / static_cast<std::size_t>(rounds),
                        e->snippet_bytes / static_cast<std::size_t>(rounds));
        std::printf("%-26s %15.2fx %13.2fx\n", "ratio newsdex / baseline",
                    median(nd.round_means) / median(xb.round_means), median(nd.query_ms) / median(xb.query_ms));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "search_vs_xapian: error: %s\n", e.what());
        return 2;
    }
}
