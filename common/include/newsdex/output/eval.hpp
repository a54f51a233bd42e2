/** @file
 * @brief Ranking-quality evaluation from TREC qrels and run files (MAP, P@10, nDCG@10, R@100).
 *
 * Definitions follow trec_eval: a query counts when the qrels judge at least one document of it
 * relevant (rel > 0); a judged query absent from the run scores 0; run lines are ranked by score
 * (descending), ties broken by document id (descending), as trec_eval does.
 */
#pragma once
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace newsdex::eval {

/// qid -> docid -> relevance grade (0 = judged not relevant).
using Qrels = std::map<std::string, std::map<std::string, int>>;

struct RunEntry {
    std::string docid;
    double score = 0;
};
/// qid -> retrieved documents (in file order until ranked).
using Run = std::map<std::string, std::vector<RunEntry>>;

/// Read `qid iter docid rel` lines; throws UsageError naming the line on a malformed one.
Qrels read_qrels(std::istream& in, const std::string& name = "qrels");
/// Read `qid Q0 docid rank score tag` lines; throws UsageError naming the line on a malformed one.
Run read_run(std::istream& in, const std::string& name = "run");

struct Metrics {
    double map = 0;             ///< average precision (over all relevant documents)
    double p10 = 0;             ///< precision at 10
    double ndcg10 = 0;          ///< nDCG at 10, gains = relevance grades, log2 discount
    double r100 = 0;            ///< recall at 100
    std::size_t relevant = 0;   ///< relevant documents judged
    std::size_t retrieved = 0;  ///< documents in the run
};

struct Evaluation {
    std::map<std::string, Metrics> per_query;  ///< every query with at least one relevant document
    Metrics mean;                              ///< arithmetic mean over per_query
};

/// Score @p run against @p qrels.
Evaluation evaluate(const Qrels& qrels, const Run& run);

/// read_qrels / read_run of a file named @p path; throws RuntimeError when it cannot be read.
Qrels read_qrels_file(const std::string& path);
Run read_run_file(const std::string& path);

struct ReportOptions {
    bool per_query = false;  ///< also each query's figures
    bool json = false;       ///< one JSON object instead of text
};

/**
 * Write @p ev as text, in trec_eval's `measure qid value` layout (per query first with
 * ReportOptions::per_query, then `all`):
 * @code
 *   queries     all  83
 *   relevant    all  321
 *   retrieved   all  82433
 *   MAP         all  0.6056
 *   P@10        all  0.2651
 *   nDCG@10     all  0.6510
 *   R@100       all  0.8410
 * @endcode
 * (per-query blocks have no `queries` line), or as JSON:
 * `{"queries":N,"all":{"map":..,"p10":..,"ndcg10":..,"r100":..,"relevant":N,"retrieved":N},
 *   "per_query":{"QID":{...},...}}` (`per_query` only with ReportOptions::per_query), values unrounded.
 */
void write_report(std::ostream& out, const Evaluation& ev, const ReportOptions& options = {});

}  // namespace newsdex::eval
