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
    double map = 0;        ///< average precision (over all relevant documents)
    double p10 = 0;        ///< precision at 10
    double ndcg10 = 0;     ///< nDCG at 10, gains = relevance grades, log2 discount
    double r100 = 0;       ///< recall at 100
    std::size_t relevant = 0;   ///< relevant documents judged
    std::size_t retrieved = 0;  ///< documents in the run
};

struct Evaluation {
    std::map<std::string, Metrics> per_query;  ///< every query with at least one relevant document
    Metrics mean;                              ///< arithmetic mean over per_query
};

/// Score @p run against @p qrels.
Evaluation evaluate(const Qrels& qrels, const Run& run);

}  // namespace newsdex::eval
