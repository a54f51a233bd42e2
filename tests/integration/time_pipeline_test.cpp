/** @file
 * @brief Ranking quality does not regress: benchmarks/time_pipeline.sh (TIME collection converted,
 * indexed, `searcher --batch --format trec`, `searcher eval`) against tests/data/time_expected_metrics.txt.
 *
 * The four metrics must stay within ±0.005 of the stored figures. After an intended ranking change,
 * regenerate them: `bash benchmarks/time_pipeline.sh --build build > tests/data/time_expected_metrics.txt`.
 */
#include <cmath>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace newsdex {
namespace {

/// `measure all value` lines of a `searcher eval` report.
std::map<std::string, double> overall(const std::string& report) {
    std::map<std::string, double> m;
    std::istringstream in(report);
    for (std::string line; std::getline(in, line);) {
        std::istringstream f(line);
        std::string measure, qid;
        double value = 0;
        if (f >> measure >> qid >> value && qid == "all") m[measure] = value;
    }
    return m;
}

TEST(TimePipeline, MetricsMatchTheStoredExpectedFigures) {
    NEWSDEX_REQUIRE_SHARED("time");
#ifndef TIME_CONVERT_BIN
    GTEST_SKIP() << "benchmarks are not built (NEWSDEX_BUILD_BENCHMARKS off): no time_convert";
#else
    const std::string root = std::string(TEST_DATA_DIR) + "/../..";
    const test::RunResult r =
        test::run("INDEXER='" INDEXER_BIN "' SEARCHER='" SEARCHER_BIN "' TIME_CONVERT='" TIME_CONVERT_BIN "' bash '" +
                  root + "/benchmarks/time_pipeline.sh' --time '" + (test::shared_corpora() / "time").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto got = overall(r.out);
    const auto want = overall(test::read_file(std::string(TEST_DATA_DIR) + "/time_expected_metrics.txt"));
    ASSERT_EQ(want.size(), 7u) << "tests/data/time_expected_metrics.txt: expected a `searcher eval` report";
    EXPECT_EQ(got.at("queries"), want.at("queries")) << r.out;
    for (const char* m : {"MAP", "P@10", "nDCG@10", "R@100"}) {
        ASSERT_TRUE(got.count(m)) << r.out;
        EXPECT_NEAR(got.at(m), want.at(m), 0.005)
            << m << " moved; if the ranking change is intended, regenerate the expected file:\n"
            << "  bash benchmarks/time_pipeline.sh --build build > tests/data/time_expected_metrics.txt\n"
            << "now:\n"
            << r.out;
    }
#endif
}

}  // namespace
}  // namespace newsdex
