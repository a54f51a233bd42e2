/** @file
 * @brief Ranking quality on the TIME test collection: converts ../shared/corpora/time (TIME.ALL,
 * TIME.QUE, TIME.REL) into a JSON Lines corpus, queries and qrels, indexes it with build_index, runs
 * every query through Searcher and prints MAP, P@10, nDCG@10 and R@100 (trec_eval definitions).
 *
 * Usage: time_eval [TIME_DIR] [--per-query] [--matrix] [RANKING OPTION...]
 *   --and                  all words required (default: any word, BM25 ranks)
 *   --expand / --no-expand pseudo-relevance feedback on/off (SearchOptions::expand)
 *   --fb-docs N --fb-terms N --fb-weight W   its parameters (ExpandOptions)
 *   --fb-scheme rm3|trad|bo1 --fb-no-query-terms
 *   --no-stopwords         keep English stop words in queries
 *   --k1 X --k2 X --k3 X --b X --min-normlen X   BM25 parameters
 *   --fields F[=W],...     fields searched by plain words, with weights (e.g. body, body,title=2)
 *   --matrix               run the table of ranking variants measured for newsdex's defaults
 *                          (after the options above, which they start from), one line each
 * Each variant prints one line: its options (`defaults` for none), MAP, P@10, nDCG@10, R@100.
 * Documents are numbered by their position in TIME.ALL (1-423), as TIME.REL numbers them; the three
 * judgments that point past the end are dropped. Queries are lower-cased (plain words: in the
 * all-capitals TIME queries an upper-case AND, OR, NOT would otherwise be an operator).
 *
 * `time_eval --matrix`, 82 judged queries (Xapian 1.4 BM25 + English stemmer, plain words: MAP 0.581):
 * @code
 *   variant                                          MAP     P@10    nDCG@10  R@100
 *   --no-stopwords --k1 1 --b 0.5 (before)           0.6127  0.2671  0.6732   0.8690
 *   defaults (stop words out, k1 1.2, b 0.75)        0.6285  0.2659  0.6854   0.8673
 *   --no-stopwords                                   0.6191  0.2659  0.6787   0.8698
 *   --fields body | body,title | body,title=2        0.6285  0.2659  0.6854   0.8673  (TIME has no titles)
 *   --k1 1 --b 0.5 (Xapian's defaults)               0.6235  0.2683  0.6820   0.8673
 *   --k1 0.9 --b 0.4 (Anserini's)                    0.6164  0.2634  0.6728   0.8673
 *   --k1 1.2 --b 0.5                                 0.6240  0.2671  0.6831   0.8673
 *   --k1 1 --b 0.75                                  0.6299  0.2646  0.6850   0.8698
 *   --k1 2 --b 0.75                                  0.6163  0.2707  0.6813   0.8698
 *   --expand (RM3: 10 docs, 10 words, weight 0.5)    0.6543  0.2744  0.7012   0.8865
 *   --expand --no-stopwords                          0.6382  0.2756  0.6977   0.8759
 *   --expand --fb-docs 5 | 20                        0.6525 | 0.6545 (P@10 0.2744, both)
 *   --expand --fb-terms 20                           0.6531  0.2805  0.7074   0.8760
 *   --expand --fb-weight 0.3 | 0.7                   0.6523 | 0.6469
 *   --expand --fb-no-query-terms                     0.6497  0.2695  0.6972   0.8755
 *   --expand --fb-scheme trad (Xapian's ESet)        0.5654  0.2805  0.6384   0.8703
 *   --expand --fb-scheme trad --fb-docs 3 --fb-weight 0.3   0.6121  0.2720  0.6733  0.8703
 *   --expand --fb-scheme bo1                         0.5169  0.2720  0.5916   0.8771
 * @endcode
 * Tried and dropped (not in the matrix): a proximity boost of adjacent query words (OP_PHRASE pairs
 * and/or OP_NEAR window 8, weight 0.1-0.5, SDM-like): MAP 0.50-0.61, every setting worse.
 */
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <newsdex/output/eval.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/search/search.hpp>

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

/// @p s with ASCII letters lower-cased: the TIME queries are in capitals, and an upper-case AND, OR,
/// NOT or NEAR would be an operator, not a word.
std::string ascii_lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

/// Thrown for a bad command line.
struct BadArgs : std::runtime_error {
    using std::runtime_error::runtime_error;
};

double number(const std::string& flag, const std::string& text) {
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {}
    throw BadArgs(fmt::format("{} needs a number, not '{}'", flag, text));
}

/// `body,title=2`: schema field names with optional weights.
std::vector<FieldWeight> parse_fields(const std::string& spec) {
    std::vector<FieldWeight> out;
    std::istringstream in(spec);
    for (std::string item; std::getline(in, item, ',');) {
        const auto eq = item.find('=');
        const std::string name = item.substr(0, eq);
        const schema::Field* f = schema::find_field(name);
        if (!f || f->kind != schema::Kind::text) throw BadArgs(fmt::format("--fields: '{}' is not a text field", name));
        out.push_back(
            {std::string(f->prefix), eq == std::string::npos ? 1.0 : number("--fields", item.substr(eq + 1))});
    }
    return out;
}

/**
 * Apply the ranking options of @p args (from index @p i on) to @p so; other arguments go to
 * @p rest. Throws BadArgs.
 */
void apply_options(const std::vector<std::string>& args, SearchOptions& so, std::vector<std::string>* rest = nullptr) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw BadArgs(a + " needs a value");
            return args[++i];
        };
        if (a == "--and")
            so.default_op = Xapian::Query::OP_AND;
        else if (a == "--expand")
            so.expand.enabled = true;
        else if (a == "--no-expand")
            so.expand.enabled = false;
        else if (a == "--fb-docs")
            so.expand.fb_docs = static_cast<std::size_t>(number(a, value()));
        else if (a == "--fb-terms")
            so.expand.fb_terms = static_cast<std::size_t>(number(a, value()));
        else if (a == "--fb-weight")
            so.expand.weight = number(a, value());
        else if (a == "--fb-scheme")
            so.expand.scheme = value();
        else if (a == "--fb-no-query-terms")
            so.expand.query_terms = false;
        else if (a == "--no-stopwords")
            so.stopwords = false;
        else if (a == "--stopwords")
            so.stopwords = true;
        else if (a == "--k1")
            so.bm25.k1 = number(a, value());
        else if (a == "--k2")
            so.bm25.k2 = number(a, value());
        else if (a == "--k3")
            so.bm25.k3 = number(a, value());
        else if (a == "--b")
            so.bm25.b = number(a, value());
        else if (a == "--min-normlen")
            so.bm25.min_normlen = number(a, value());
        else if (a == "--fields")
            so.fields = parse_fields(value());
        else if (rest)
            rest->push_back(a);
        else
            throw BadArgs(fmt::format("unknown option '{}'", a));
    }
}

/// The ranking variants `--matrix` measures, as time_eval options added to the command line's.
const std::vector<std::string>& matrix() {
    static const std::vector<std::string> variants = {
        // newsdex before this work: no stop words, Xapian's BM25 defaults
        "--no-stopwords --k1 1 --b 0.5",
        "",  // today's defaults
        // query-side analysis
        "--no-stopwords",
        "--fields body",
        "--fields body,title",
        "--fields body,title=2",
        // BM25 parameters: Xapian's defaults, Anserini's, and the neighbours of the classic 1.2 / 0.75
        "--k1 1 --b 0.5",
        "--k1 0.9 --b 0.4",
        "--k1 1.2 --b 0.5",
        "--k1 1 --b 0.75",
        "--k1 2 --b 0.75",
        // pseudo-relevance feedback
        "--expand",
        "--expand --no-stopwords",
        "--expand --fb-docs 5",
        "--expand --fb-docs 20",
        "--expand --fb-terms 20",
        "--expand --fb-weight 0.3",
        "--expand --fb-weight 0.7",
        "--expand --fb-no-query-terms",
        "--expand --fb-scheme trad",
        "--expand --fb-scheme trad --fb-docs 3 --fb-weight 0.3",
        "--expand --fb-scheme bo1",
    };
    return variants;
}

std::vector<std::string> split_words(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path dir = fs::path(SHARED_CORPORA_DIR) / "time";
    bool per_query = false, run_matrix = false;
    SearchOptions base;
    base.limit = 1000;
    base.snippets = false;
    base.suggest = false;
    std::vector<std::string> base_args;
    try {
        std::vector<std::string> rest;
        for (int i = 1; i < argc; ++i) base_args.emplace_back(argv[i]);
        apply_options(base_args, base, &rest);
        base_args.clear();
        for (const auto& a : rest) {
            if (a == "--per-query")
                per_query = true;
            else if (a == "--matrix")
                run_matrix = true;
            else if (a.rfind("--", 0) == 0)
                throw BadArgs(fmt::format("unknown option '{}'", a));
            else
                dir = a;
        }
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            if (a != "--per-query" && a != "--matrix" && a != dir.string()) base_args.push_back(a);
        }
    } catch (const BadArgs& e) {
        std::fprintf(stderr, "time_eval: error: %s\n", e.what());
        return 2;
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
        const auto evaluate = [&](const SearchOptions& options) {
            eval::Run run;
            for (std::size_t q = 0; q < queries.size(); ++q) {
                SearchOptions so = options;
                so.query = ascii_lower(queries[q]);
                for (const auto& hit : searcher.search(so).hits)
                    run[std::to_string(q + 1)].push_back({hit.doc.id, hit.score});
            }
            return eval::evaluate(qrels, run);
        };
        std::vector<std::string> variants{""};
        if (run_matrix) variants = matrix();
        std::printf("TIME: %zu documents, %zu queries, %zu with relevant documents (the means are over these)\n",
                    stats.added, queries.size(), qrels.size());
        for (const auto& variant : variants) {
            SearchOptions so = base;
            apply_options(split_words(variant), so);
            const eval::Evaluation ev = evaluate(so);
            if (per_query)
                for (const auto& [qid, m] : ev.per_query)
                    std::printf("%-4s map %.4f  p10 %.4f  ndcg10 %.4f  r100 %.4f\n", qid.c_str(), m.map, m.p10,
                                m.ndcg10, m.r100);
            std::string name;
            for (const auto& a : base_args) name += (name.empty() ? "" : " ") + a;
            if (!variant.empty()) name += (name.empty() ? "" : " ") + variant;
            if (name.empty()) name = "defaults";
            std::printf("%-44s MAP %.4f  P@10 %.4f  nDCG@10 %.4f  R@100 %.4f\n", name.c_str(), ev.mean.map, ev.mean.p10,
                        ev.mean.ndcg10, ev.mean.r100);
            std::fflush(stdout);
        }
        fs::remove_all(work);
        return 0;
    } catch (const BadArgs& e) {
        std::fprintf(stderr, "time_eval: error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "time_eval: error: %s\n", e.what());
        return 2;
    }
}
