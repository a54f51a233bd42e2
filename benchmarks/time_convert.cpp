/** @file
 * @brief `time_convert [TIME_DIR] OUT_DIR`: the TIME test collection as newsdex input files.
 *
 * Writes OUT_DIR/time.jsonl (documents, `id` = position 1-423), OUT_DIR/time.queries (batch file:
 * `N<TAB>query`, plain lower-case words) and OUT_DIR/time.qrels (TREC qrels), through
 * newsdex::read_time_collection (test_collection.hpp). benchmarks/time_pipeline.sh uses it.
 */
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_collection.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3 || std::string(argv[1]) == "--help") {
        std::fprintf(stderr, "usage: time_convert [TIME_DIR] OUT_DIR   (TIME_DIR default: %s)\n",
                     SHARED_CORPORA_DIR "/time");
        return 2;
    }
    const fs::path dir = argc == 3 ? fs::path(argv[1]) : fs::path(SHARED_CORPORA_DIR) / "time";
    const fs::path out = argv[argc - 1];
    try {
        const newsdex::TestCollection c = newsdex::read_time_collection(dir);
        fs::create_directories(out);
        std::ofstream docs(out / "time.jsonl"), queries(out / "time.queries"), qrels(out / "time.qrels");
        newsdex::write_corpus_jsonl(c, docs);
        newsdex::write_batch_queries(c, queries);
        newsdex::write_qrels(c, qrels);
        if (!docs || !queries || !qrels) throw std::runtime_error("cannot write to '" + out.string() + "'");
        std::size_t judgments = 0;
        for (const auto& [qid, docs_of] : c.qrels) judgments += docs_of.size();
        std::fprintf(stderr,
                     "time_convert: %zu documents, %zu queries, %zu judgments (%zu dropped: no such document)\n",
                     c.documents.size(), c.queries.size(), judgments, c.dropped_judgments);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "time_convert: error: %s\n", e.what());
        return 2;
    }
}
