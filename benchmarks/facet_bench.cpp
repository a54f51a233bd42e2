/** @file
 * @brief Facet cost: one query matching over 5,000 Reuters-21578 documents, top 10, with and without
 * facets on the multi-valued fields places, people, orgs, topics (and the entity fields person, org,
 * place). Target: with facets at most 3x without.
 *
 * Setup: ../shared/corpora/reuters21578-jsonl/reuters21578.jsonl indexed once (with entities, ~40 s;
 * NEWSDEX_BENCH_NO_ENTITIES=1 skips them) into a temporary database, or NEWSDEX_BENCH_DB=DIR reuses
 * a database indexed beforehand. Query: NEWSDEX_BENCH_QUERY, default `said` (about 11,000 matches,
 * ranked by BM25).
 *
 * Facet counting reads FacetColumns, which a Searcher builds on a field's first facet query and
 * reuses (batch mode, the interactive prompt). The *Cold cases open a new Searcher for every
 * search, as a one-shot `searcher` run does, so they include opening the database and building
 * the columns; `ratio` there is against BM_NoFacetsCold.
 *
 * Two baselines: BM_NoFacets is the searcher's ordinary top-10 search, which stops looking once the
 * top 10 are certain (the match count is then an estimate); BM_NoFacetsExactCount is the same query
 * with an exact match count, i.e. the matcher visiting every match as exact facets require. Counters:
 * `ratio` = time / BM_NoFacets, `ratio_exact` = time / BM_NoFacetsExactCount.
 */
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/search/search.hpp>

namespace {

namespace fs = std::filesystem;

const fs::path reuters_jsonl = fs::path(SHARED_CORPORA_DIR) / "reuters21578-jsonl" / "reuters21578.jsonl";

struct Setup {
    fs::path tmp;  ///< removed at exit when we created it
    std::string db;
    std::string error;
    std::unique_ptr<newsdex::Searcher> searcher;
    double plain_seconds = 0;  ///< time per plain search, measured by BM_NoFacets
    double exact_seconds = 0;  ///< time per plain search counting every match, BM_NoFacetsExactCount
    ~Setup() {
        searcher.reset();
        if (!tmp.empty()) {
            std::error_code ec;
            fs::remove_all(tmp, ec);
        }
    }
};

void init(Setup& out) {
    {
        if (const char* db = std::getenv("NEWSDEX_BENCH_DB"); db != nullptr && *db != '\0') {
            out.db = db;
        } else {
            if (!fs::exists(reuters_jsonl)) {
                out.error = reuters_jsonl.string() + " is missing";
                return;
            }
            std::string tmpl = (fs::temp_directory_path() / "newsdex-facet-bench-XXXXXX").string();
            if (mkdtemp(tmpl.data()) == nullptr) {
                out.error = "mkdtemp failed";
                return;
            }
            out.tmp = tmpl;
            out.db = (out.tmp / "db").string();
            newsdex::IndexOptions options;
            options.db_path = out.db;
            options.inputs = {reuters_jsonl.string()};
            const char* no_entities = std::getenv("NEWSDEX_BENCH_NO_ENTITIES");
            options.entities = !(no_entities != nullptr && *no_entities == '1');
            newsdex::DiagnosticSink diag([](const newsdex::Diagnostic&) {});
            newsdex::build_index(options, diag);
        }
        out.searcher = std::make_unique<newsdex::Searcher>(std::vector<std::string>{out.db});
    }
}

Setup& setup() {
    static Setup s;
    static const bool ready = (init(s), true);
    (void)ready;
    return s;
}

std::string bench_query() {
    const char* q = std::getenv("NEWSDEX_BENCH_QUERY");
    return q != nullptr && *q != '\0' ? q : "said";
}

void run(benchmark::State& state, std::vector<std::string> facets, bool exact_count = false) {
    Setup& s = setup();
    if (!s.error.empty()) {
        state.SkipWithError(s.error.c_str());
        return;
    }
    newsdex::SearchOptions o;
    o.query = bench_query();
    o.limit = 10;
    o.snippets = false;
    o.suggest = false;
    o.facets = std::move(facets);
    o.exact_count = exact_count;
    newsdex::SearchResult last;
    const auto t0 = std::chrono::steady_clock::now();
    for (auto _ : state) {
        last = s.searcher->search(o);
        benchmark::DoNotOptimize(last.hits.data());
    }
    const double per = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() /
        static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
    state.counters["matches"] = static_cast<double>(last.estimate);
    if (o.facets.empty() && !exact_count) {
        s.plain_seconds = per;
    } else if (o.facets.empty()) {
        s.exact_seconds = per;
        if (s.plain_seconds > 0) state.counters["ratio"] = per / s.plain_seconds;
    } else {
        if (s.plain_seconds > 0) state.counters["ratio"] = per / s.plain_seconds;
        if (s.exact_seconds > 0) state.counters["ratio_exact"] = per / s.exact_seconds;
        state.counters["exact"] = !last.facets.empty() && last.facets.front().exact ? 1 : 0;
    }
}

/// A new Searcher (database opened, no columns yet) for every search.
void run_cold(benchmark::State& state, std::vector<std::string> facets) {
    Setup& s = setup();
    if (!s.error.empty()) {
        state.SkipWithError(s.error.c_str());
        return;
    }
    static double plain_cold = 0;
    newsdex::SearchOptions o;
    o.query = bench_query();
    o.snippets = false;
    o.suggest = false;
    o.facets = std::move(facets);
    const auto t0 = std::chrono::steady_clock::now();
    for (auto _ : state) {
        newsdex::Searcher searcher({s.db});
        auto result = searcher.search(o);
        benchmark::DoNotOptimize(result.hits.data());
    }
    const double per = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() /
        static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
    if (o.facets.empty())
        plain_cold = per;
    else if (plain_cold > 0)
        state.counters["ratio"] = per / plain_cold;
}

void BM_NoFacets(benchmark::State& state) { run(state, {}); }
void BM_NoFacetsExactCount(benchmark::State& state) { run(state, {}, true); }
void BM_Facets4Tags(benchmark::State& state) { run(state, {"places,people,orgs,topics"}); }
void BM_Facets4TagsAndEntities(benchmark::State& state) { run(state, {"places,people,orgs,topics,person,org,place"}); }

void BM_NoFacetsCold(benchmark::State& state) { run_cold(state, {}); }
void BM_Facets4TagsCold(benchmark::State& state) { run_cold(state, {"places,people,orgs,topics"}); }

// Registered in this order: the facet cases divide by the plain case's time measured just before.
BENCHMARK(BM_NoFacets)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_NoFacetsExactCount)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_Facets4Tags)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_Facets4TagsAndEntities)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_NoFacetsCold)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_Facets4TagsCold)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
