/** @file
 * @brief Tests of the TREC evaluation metrics against figures computed by hand.
 */
#include <cmath>
#include <sstream>

#include <gtest/gtest.h>

#include <newsdex/core/error.hpp>
#include <newsdex/output/eval.hpp>

namespace newsdex::eval {
namespace {

// Query 1: relevant d1 (grade 1), d3 (grade 2), d9 (grade 1, never retrieved).
// Run ranks d1, d2, d3 (scores 3, 2, 1).
//   AP = (1/1 + 2/3) / 3 = 0.5556;  P@10 = 2/10;  R@100 = 2/3
//   DCG@10 = 1/log2(2) + 2/log2(4) = 1 + 1 = 2;  IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.6309 + 0.5
//   nDCG@10 = 2 / 3.1309 = 0.6388
// Query 2: relevant d5; the run has nothing for it: all metrics 0.
// Query 3: only a non-relevant judgment: not counted.
constexpr const char* kQrels =
    "1 0 d1 1\n1 0 d3 2\n1 0 d9 1\n1 0 d2 0\n"
    "2 0 d5 1\n"
    "3 0 d7 0\n";
constexpr const char* kRun =
    "1 Q0 d2 2 2.0 t\n1 Q0 d3 3 1.0 t\n1 Q0 d1 1 3.0 t\n"  // out of order on purpose: ranked by score
    "3 Q0 d7 1 1.0 t\n";

TEST(Eval, MetricsMatchHandComputedFigures) {
    std::istringstream q(kQrels), r(kRun);
    const Evaluation ev = evaluate(read_qrels(q), read_run(r));
    ASSERT_EQ(ev.per_query.size(), 2u);
    const Metrics& m1 = ev.per_query.at("1");
    EXPECT_NEAR(m1.map, (1.0 + 2.0 / 3.0) / 3.0, 1e-9);
    EXPECT_NEAR(m1.p10, 0.2, 1e-9);
    EXPECT_NEAR(m1.r100, 2.0 / 3.0, 1e-9);
    EXPECT_NEAR(m1.ndcg10, 2.0 / (2.0 + 1.0 / std::log2(3.0) + 0.5), 1e-9);
    EXPECT_EQ(m1.relevant, 3u);
    EXPECT_EQ(m1.retrieved, 3u);
    const Metrics& m2 = ev.per_query.at("2");
    EXPECT_EQ(m2.map, 0);
    EXPECT_EQ(m2.retrieved, 0u);
    EXPECT_NEAR(ev.mean.map, m1.map / 2, 1e-9);
    EXPECT_NEAR(ev.mean.p10, 0.1, 1e-9);
}

TEST(Eval, TiesAreBrokenByDocidDescendingAndDuplicatesCountOnce) {
    std::istringstream q("1 0 a 1\n"), r("1 Q0 a 1 1.0 t\n1 Q0 b 2 1.0 t\n1 Q0 a 3 0.5 t\n");
    const Evaluation ev = evaluate(read_qrels(q), read_run(r));
    // b sorts before a on the tie, so a is at rank 2: AP = 1/2.
    EXPECT_NEAR(ev.per_query.at("1").map, 0.5, 1e-9);
    EXPECT_EQ(ev.per_query.at("1").retrieved, 2u);
}

TEST(Eval, MalformedLinesAreUsageErrorsNamingTheLine) {
    std::istringstream q("1 0 d1 1\n1 0 d2\n");
    try {
        (void)read_qrels(q, "x.qrels");
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "x.qrels:2: error: expected 'qid iter docid rel', got 3 fields");
    }
    std::istringstream r("1 Q0 d1 1 high t\n");
    EXPECT_THROW((void)read_run(r, "x.run"), UsageError);
}

TEST(Eval, ReportListsTheMeansAsTrecEvalDoesAndPerQueryInNumericOrder) {
    std::istringstream q("10 0 a 1\n9 0 b 1\n"), r("9 Q0 b 1 1.0 t\n");
    const Evaluation ev = evaluate(read_qrels(q), read_run(r));
    std::ostringstream text;
    write_report(text, ev);
    EXPECT_EQ(text.str(),
              "queries     all  2\n"
              "relevant    all  2\n"
              "retrieved   all  1\n"
              "MAP         all  0.5000\n"
              "P@10        all  0.0500\n"
              "nDCG@10     all  0.5000\n"
              "R@100       all  0.5000\n");
    std::ostringstream per;
    write_report(per, ev, {.per_query = true});
    const std::string s = per.str();
    EXPECT_LT(s.find("MAP         9    1.0000"), s.find("MAP         10   0.0000"));
    std::ostringstream json;
    write_report(json, ev, {.per_query = false, .json = true});
    EXPECT_EQ(json.str(),
              "{\"queries\":2,\"all\":{\"map\":0.5,\"p10\":0.05,\"ndcg10\":0.5,\"r100\":0.5,"
              "\"relevant\":2,\"retrieved\":1}}\n");
}

}  // namespace
}  // namespace newsdex::eval
