/** @file
 * @brief Indexing throughput: build_document alone, and build_index end to end, on a Reuters slice.
 *
 * Data: the first 2,000 records of ../shared/corpora/reuters21578-jsonl/reuters21578.jsonl, read and
 * parsed once. Both benchmarks are skipped with an error when the shared corpus is missing.
 * BM_BuildIndex/T/E: T threads and T writers (segments merged at the end), E = 1 with entities
 * (the tagger model is loaded once, outside the timing), 0 without.
 */
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/core/diagnostics.hpp>
#include <newsdex/index/document_builder.hpp>
#include <newsdex/entities/entity_extractor.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/ingest/parser.hpp>

namespace {

namespace fs = std::filesystem;

constexpr std::size_t slice_records = 2000;
const fs::path reuters_jsonl = fs::path(SHARED_CORPORA_DIR) / "reuters21578-jsonl" / "reuters21578.jsonl";

/// The slice: its JSON Lines text, the parsed documents and their text bytes.
struct Slice {
    std::string jsonl;
    std::vector<newsdex::Document> docs;
    std::size_t text_bytes = 0;
    std::string error;  ///< why the slice is unavailable
};

const Slice& slice() {
    static const Slice s = [] {
        Slice out;
        std::ifstream in(reuters_jsonl, std::ios::binary);
        if (!in) {
            out.error = reuters_jsonl.string() + " is missing";
            return out;
        }
        std::string line;
        for (std::size_t n = 0; n < slice_records && std::getline(in, line); ++n) out.jsonl.append(line).append("\n");
        newsdex::DiagnosticSink diag;
        newsdex::make_parser("jsonl")->parse("reuters.jsonl", out.jsonl, diag, [&](newsdex::Document&& d) {
            out.text_bytes += d.text_bytes();
            out.docs.push_back(std::move(d));
        });
        if (out.docs.empty()) out.error = "no documents parsed from " + reuters_jsonl.string();
        return out;
    }();
    return s;
}

/// A fresh temporary directory, removed on destruction.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "newsdex-bench-XXXXXX").string();
        if (mkdtemp(tmpl.data())) path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path.empty()) fs::remove_all(path, ec);
    }
};

void BM_BuildDocument(benchmark::State& state) {
    const Slice& s = slice();
    if (!s.error.empty()) {
        state.SkipWithError(s.error.c_str());
        return;
    }
    const newsdex::Analyzer analyzer;
    for (auto _ : state)
        for (const auto& d : s.docs)
            benchmark::DoNotOptimize(newsdex::build_document(d, analyzer, "/corpus/reuters.jsonl"));
    const auto n = static_cast<double>(state.iterations());
    state.counters["docs/s"] = benchmark::Counter(n * static_cast<double>(s.docs.size()), benchmark::Counter::kIsRate);
    state.counters["MB/s"] =
        benchmark::Counter(n * static_cast<double>(s.text_bytes) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BuildDocument)->Unit(benchmark::kMillisecond);

void BM_BuildIndex(benchmark::State& state) {
    const Slice& s = slice();
    if (!s.error.empty()) {
        state.SkipWithError(s.error.c_str());
        return;
    }
    TempDir input;
    const fs::path file = input.path / "reuters-slice.jsonl";
    std::ofstream(file, std::ios::binary) << s.jsonl;
    static const newsdex::EntityExtractor extractor = newsdex::EntityExtractor::load();
    std::size_t docs = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto db = std::make_unique<TempDir>();
        newsdex::IndexOptions options;
        options.db_path = (db->path / "db").string();
        options.inputs = {file.string()};
        options.threads = static_cast<unsigned>(state.range(0));
        options.shards = options.threads;
        options.entities = state.range(1) != 0;
        options.extractor = &extractor;
        newsdex::DiagnosticSink diag([](const newsdex::Diagnostic&) {});
        state.ResumeTiming();
        docs += newsdex::build_index(options, diag).documents();
        state.PauseTiming();
        db.reset();
        state.ResumeTiming();
    }
    state.counters["docs/s"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
    state.counters["MB/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(s.jsonl.size()) / 1e6,
                           benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BuildIndex)
    ->ArgsProduct({{1, 2}, {0, 1}})
    ->ArgNames({"threads", "entities"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
