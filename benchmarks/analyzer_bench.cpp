/** @file
 * @brief Analyzer throughput (tokenize, index_text) in MB/s over generated English-like ASCII,
 * generated accented text and the BBC articles of ../shared/corpora; and query parsing speed.
 */
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/search/query.hpp>

namespace {

using Corpus = std::vector<std::string>;  // one string per document

/// A Zipf-like vocabulary of generated words, a few fixed words mixed in; seed fixed.
Corpus generate(bool accents, std::size_t documents = 400, std::size_t words_per_doc = 400) {
    std::mt19937 rng(20160301);
    const std::string letters = "etaoinshrdlcumwfgypbvkjxqz";
    std::vector<std::string> vocab;
    std::uniform_int_distribution<int> len(2, 11);
    std::geometric_distribution<int> letter(0.18);
    for (int i = 0; i < 5000; ++i) {
        std::string w;
        for (int n = len(rng); n > 0; --n) w += letters[std::min<std::size_t>(letter(rng), letters.size() - 1)];
        vocab.push_back(w);
    }
    const std::vector<std::string> fixed = {"the",  "of",   "and",   "to",    "in",     "said",    "U.S.",
                                            "2016", "3.5%", "1,000", "don't", "e-mail", "Reuters'"};
    const std::vector<std::string> accented = {"México",   "café",   "naïve", "Zürich",  "Straße", "Müller",
                                               "élection", "años",   "São",   "Genève",  "Łódź",   "Ångström",
                                               "déjà",     "façade", "Don’t", "français"};
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Corpus out;
    for (std::size_t d = 0; d < documents; ++d) {
        std::string text;
        for (std::size_t w = 0; w < words_per_doc; ++w) {
            const double r = u(rng);
            std::string word;
            if (accents && r < 0.3)
                word = accented[static_cast<std::size_t>(u(rng) * accented.size())];
            else if (r < 0.45)
                word = fixed[static_cast<std::size_t>(u(rng) * fixed.size())];
            else
                word = vocab[std::min<std::size_t>(static_cast<std::size_t>(std::pow(u(rng), 3.0) * vocab.size()),
                                                   vocab.size() - 1)];
            if (u(rng) < 0.08) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
            text += word;
            text += u(rng) < 0.07 ? ". " : u(rng) < 0.05 ? ", " : " ";
        }
        out.push_back(std::move(text));
    }
    return out;
}

Corpus load_bbc() {
    Corpus out;
    const std::filesystem::path root = std::filesystem::path(SHARED_CORPORA_DIR) / "bbc_news";
    if (!std::filesystem::is_directory(root)) return out;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        out.push_back(ss.str());
    }
    return out;
}

const Corpus& corpus(int which) {
    static const Corpus ascii = generate(false);
    static const Corpus accented = generate(true);
    static const Corpus bbc = load_bbc();
    return which == 0 ? ascii : which == 1 ? accented : bbc;
}

std::size_t bytes_of(const Corpus& c) {
    std::size_t n = 0;
    for (const auto& d : c) n += d.size();
    return n;
}

bool check_corpus(benchmark::State& state, const Corpus& c) {
    if (c.empty()) {
        state.SkipWithError("../shared/corpora/bbc_news is missing");
        return false;
    }
    return true;
}

void BM_Tokenize(benchmark::State& state, int which) {
    const Corpus& c = corpus(which);
    if (!check_corpus(state, c)) return;
    const newsdex::Analyzer analyzer;
    std::vector<newsdex::Token> tokens;
    std::size_t count = 0;
    for (auto _ : state) {
        for (const auto& doc : c) {
            analyzer.tokenize(doc, tokens);
            count += tokens.size();
        }
        benchmark::DoNotOptimize(tokens.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes_of(c)));
    state.counters["tokens"] = benchmark::Counter(static_cast<double>(count), benchmark::Counter::kIsRate);
}

void BM_IndexText(benchmark::State& state, int which) {
    const Corpus& c = corpus(which);
    if (!check_corpus(state, c)) return;
    const newsdex::Analyzer analyzer;
    for (auto _ : state) {
        for (const auto& doc : c) {
            Xapian::Document d;
            analyzer.index_text(d, doc, "");
            benchmark::DoNotOptimize(d.termlist_count());
        }
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes_of(c)));
}

void BM_ParseQuery(benchmark::State& state) {
    const newsdex::Analyzer analyzer;
    newsdex::QueryOptions options;
    options.tag_fields = {"places", "people", "topics"};
    const std::vector<std::string> queries = {
        "oil prices",
        "\"interest rates\" AND (bank OR federal) -inflation",
        "title:México places:usa date:2016-03-01..2016-06 type:news",
        "crude NEAR/3 oil OR opec* NOT people:\"paul volcker\"",
        "U.S.-based e-mail providers 155,221 Don’t",
    };
    std::size_t n = 0;
    for (auto _ : state) {
        for (const auto& q : queries) benchmark::DoNotOptimize(newsdex::parse_query(q, analyzer, options));
        n += queries.size();
    }
    state.SetItemsProcessed(static_cast<int64_t>(n));
}

BENCHMARK_CAPTURE(BM_Tokenize, ascii, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Tokenize, accents, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Tokenize, bbc_news, 2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_IndexText, ascii, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_IndexText, accents, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_IndexText, bbc_news, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseQuery)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
