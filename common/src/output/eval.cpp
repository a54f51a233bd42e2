/** @file
 * @brief TREC qrels/run reading and the trec_eval-compatible metrics.
 */
#include <newsdex/output/eval.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <newsdex/core/error.hpp>

namespace newsdex::eval {

namespace {

std::vector<std::string> fields_of(const std::string& line) {
    std::istringstream ss(line);
    std::vector<std::string> out;
    for (std::string f; ss >> f;) out.push_back(std::move(f));
    return out;
}

template <typename T>
T number(const std::string& text, const std::string& name, std::size_t line, const char* what) {
    try {
        std::size_t used = 0;
        T v;
        if constexpr (std::is_same_v<T, int>)
            v = std::stoi(text, &used);
        else
            v = std::stod(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {}
    throw UsageError(fmt::format("{}:{}: error: {} '{}' is not a number", name, line, what, text));
}

}  // namespace

Qrels read_qrels(std::istream& in, const std::string& name) {
    Qrels q;
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        const auto f = fields_of(line);
        if (f.empty() || f[0][0] == '#') continue;
        if (f.size() != 4)
            throw UsageError(
                fmt::format("{}:{}: error: expected 'qid iter docid rel', got {} fields", name, n, f.size()));
        q[f[0]][f[2]] = number<int>(f[3], name, n, "relevance");
    }
    return q;
}

Run read_run(std::istream& in, const std::string& name) {
    Run r;
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        const auto f = fields_of(line);
        if (f.empty() || f[0][0] == '#') continue;
        if (f.size() != 6)
            throw UsageError(
                fmt::format("{}:{}: error: expected 'qid Q0 docid rank score tag', got {} fields", name, n, f.size()));
        r[f[0]].push_back({f[2], number<double>(f[4], name, n, "score")});
    }
    return r;
}

Evaluation evaluate(const Qrels& qrels, const Run& run) {
    Evaluation ev;
    for (const auto& [qid, judged] : qrels) {
        Metrics m;
        std::vector<int> ideal;
        for (const auto& [doc, rel] : judged)
            if (rel > 0) {
                ++m.relevant;
                ideal.push_back(rel);
            }
        if (m.relevant == 0) continue;  // trec_eval skips queries without relevant documents
        std::vector<RunEntry> ranked;
        if (const auto it = run.find(qid); it != run.end()) ranked = it->second;
        std::stable_sort(ranked.begin(), ranked.end(), [](const RunEntry& a, const RunEntry& b) {
            return a.score != b.score ? a.score > b.score : a.docid > b.docid;
        });
        // A document listed twice counts once, at its best rank.
        std::set<std::string> seen;
        std::erase_if(ranked, [&](const RunEntry& e) { return !seen.insert(e.docid).second; });
        m.retrieved = ranked.size();

        std::size_t hits = 0, hits10 = 0, hits100 = 0;
        double sum_precision = 0, dcg = 0;
        for (std::size_t i = 0; i < ranked.size(); ++i) {
            const auto j = judged.find(ranked[i].docid);
            const int rel = j == judged.end() ? 0 : j->second;
            if (rel <= 0) continue;
            ++hits;
            sum_precision += static_cast<double>(hits) / static_cast<double>(i + 1);
            if (i < 10) {
                ++hits10;
                dcg += rel / std::log2(static_cast<double>(i) + 2.0);
            }
            if (i < 100) ++hits100;
        }
        std::sort(ideal.begin(), ideal.end(), std::greater<>());
        double idcg = 0;
        for (std::size_t i = 0; i < ideal.size() && i < 10; ++i)
            idcg += ideal[i] / std::log2(static_cast<double>(i) + 2.0);
        const auto rel_count = static_cast<double>(m.relevant);
        m.map = sum_precision / rel_count;
        m.p10 = static_cast<double>(hits10) / 10.0;
        m.ndcg10 = idcg > 0 ? dcg / idcg : 0;
        m.r100 = static_cast<double>(hits100) / rel_count;
        ev.per_query.emplace(qid, m);
    }
    if (!ev.per_query.empty()) {
        const auto n = static_cast<double>(ev.per_query.size());
        for (const auto& [qid, m] : ev.per_query) {
            ev.mean.map += m.map / n;
            ev.mean.p10 += m.p10 / n;
            ev.mean.ndcg10 += m.ndcg10 / n;
            ev.mean.r100 += m.r100 / n;
            ev.mean.relevant += m.relevant;
            ev.mean.retrieved += m.retrieved;
        }
    }
    return ev;
}

namespace {

std::ifstream open_input(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RuntimeError(fmt::format("cannot read '{}'", path));
    return in;
}

nlohmann::ordered_json metrics_json(const Metrics& m) {
    return {{"map", m.map},   {"p10", m.p10},           {"ndcg10", m.ndcg10},
            {"r100", m.r100}, {"relevant", m.relevant}, {"retrieved", m.retrieved}};
}

}  // namespace

Qrels read_qrels_file(const std::string& path) {
    std::ifstream in = open_input(path);
    Qrels q = read_qrels(in, path);
    if (in.bad()) throw RuntimeError(fmt::format("reading '{}' failed", path));
    return q;
}

Run read_run_file(const std::string& path) {
    std::ifstream in = open_input(path);
    Run r = read_run(in, path);
    if (in.bad()) throw RuntimeError(fmt::format("reading '{}' failed", path));
    return r;
}

void write_report(std::ostream& out, const Evaluation& ev, const ReportOptions& options) {
    if (options.json) {
        nlohmann::ordered_json j = {{"queries", ev.per_query.size()}, {"all", metrics_json(ev.mean)}};
        if (options.per_query) {
            nlohmann::ordered_json per = nlohmann::ordered_json::object();
            for (const auto& [qid, m] : ev.per_query) per[qid] = metrics_json(m);
            j["per_query"] = std::move(per);
        }
        out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        return;
    }
    std::size_t width = 3;
    if (options.per_query)
        for (const auto& [qid, m] : ev.per_query) width = std::max(width, qid.size());
    const auto block = [&](const std::string& qid, const Metrics& m, bool all) {
        if (all) out << fmt::format("{:<10}  {:<{}}  {}\n", "queries", qid, width, ev.per_query.size());
        out << fmt::format("{:<10}  {:<{}}  {}\n", "relevant", qid, width, m.relevant);
        out << fmt::format("{:<10}  {:<{}}  {}\n", "retrieved", qid, width, m.retrieved);
        out << fmt::format("{:<10}  {:<{}}  {:.4f}\n", "MAP", qid, width, m.map);
        out << fmt::format("{:<10}  {:<{}}  {:.4f}\n", "P@10", qid, width, m.p10);
        out << fmt::format("{:<10}  {:<{}}  {:.4f}\n", "nDCG@10", qid, width, m.ndcg10);
        out << fmt::format("{:<10}  {:<{}}  {:.4f}\n", "R@100", qid, width, m.r100);
    };
    if (options.per_query) {
        // Numeric qids in numeric order (1, 2, 10), others after them as strings.
        std::vector<const std::string*> qids;
        for (const auto& [qid, m] : ev.per_query) qids.push_back(&qid);
        const auto numeric = [](const std::string& s) {
            return !s.empty() && s.size() < 18 && s.find_first_not_of("0123456789") == std::string::npos;
        };
        std::stable_sort(qids.begin(), qids.end(), [&](const std::string* a, const std::string* b) {
            const bool na = numeric(*a), nb = numeric(*b);
            if (na != nb) return na;
            return na ? std::stoull(*a) < std::stoull(*b) : *a < *b;
        });
        for (const auto* qid : qids) block(*qid, ev.per_query.at(*qid), false);
    }
    block("all", ev.mean, true);
}

}  // namespace newsdex::eval
