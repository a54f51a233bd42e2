/** @file
 * @brief Entity tagger throughput (tokens/s, one thread) with the committed model: eng.testa
 * documents when ../shared is present, else a fixed-seed synthetic corpus of the same size.
 */
#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/ner/conll.hpp>
#include <newsdex/entities/ner/tagger.hpp>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

namespace {

using namespace newsdex;
using Doc = std::vector<std::vector<std::string_view>>;

struct Corpus {
    std::vector<ner::ConllDocument> conll;
    std::vector<std::string> synthetic_words;
    std::vector<Doc> docs;
    std::size_t tokens = 0;
};

Corpus make_corpus(ner::CaseMode mode) {
    Corpus c;
    const auto testa = std::filesystem::path(SHARED_CORPORA_DIR) / "conll2003" / "eng.testa";
    if (std::filesystem::exists(testa)) {
        c.conll = ner::recase(ner::read_conll(testa), mode);
        for (const auto& d : c.conll) {
            Doc doc;
            for (const auto& s : d.sentences) doc.emplace_back(s.words.begin(), s.words.end());
            c.docs.push_back(std::move(doc));
        }
    } else {
        // 216 documents of 15 sentences of 16 words from a small mixed-case vocabulary.
        const char* vocab[] = {"The",   "government", "said",    "on",       "Tuesday",    "that", "Germany",
                               "John",  "Smith",      "Reuters", "BRUSSELS", "1996-08-22", ",",    ".",
                               "Corp",  "profit",     "rose",    "percent",  "in",         "U.S.", "European",
                               "Union", "talks",      "would",   "continue", "New",        "York"};
        for (const char* v : vocab) c.synthetic_words.push_back(ner::recase_word(v, mode, false));
        std::mt19937_64 rng(42);
        for (int d = 0; d < 216; ++d) {
            Doc doc;
            for (int s = 0; s < 15; ++s) {
                std::vector<std::string_view> sent;
                for (int w = 0; w < 16; ++w) sent.emplace_back(c.synthetic_words[rng() % std::size(vocab)]);
                doc.push_back(std::move(sent));
            }
            c.docs.push_back(std::move(doc));
        }
    }
    for (const auto& d : c.docs)
        for (const auto& s : d) c.tokens += s.size();
    return c;
}

/// eng.testa (or the synthetic corpus) as written, and upper-cased like wire copy.
const Corpus& corpus(ner::CaseMode mode = ner::CaseMode::as_is) {
    static const Corpus as_is = make_corpus(ner::CaseMode::as_is);
    static const Corpus upper = make_corpus(ner::CaseMode::upper);
    return mode == ner::CaseMode::upper ? upper : as_is;
}

/// Tag every document of the eng.testa copy in @p mode with @p tag, counting tokens/s.
template <typename Tag>
void tag_corpus(benchmark::State& state, ner::CaseMode mode, Tag tag) {
    const ner::Tagger tagger = ner::Tagger::load(ner::Tagger::default_model_path());
    const Corpus& c = corpus(mode);
    for (auto _ : state) {
        for (const auto& d : c.docs) {
            auto labels = tag(tagger, d);
            benchmark::DoNotOptimize(labels.data());
        }
    }
    state.counters["tokens/s"] = benchmark::Counter(
        static_cast<double>(c.tokens) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_TagDocuments(benchmark::State& state) {
    tag_corpus(state, ner::CaseMode::as_is, [](const ner::Tagger& t, const auto& d) { return t.tag_document(d); });
}
BENCHMARK(BM_TagDocuments)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_TagDocumentsFirstPass(benchmark::State& state) {
    tag_corpus(state, ner::CaseMode::as_is,
               [](const ner::Tagger& t, const auto& d) { return t.tag_document_first_pass(d); });
}
BENCHMARK(BM_TagDocumentsFirstPass)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_TagDocumentsUpperCase(benchmark::State& state) {
    tag_corpus(state, ner::CaseMode::upper, [](const ner::Tagger& t, const auto& d) { return t.tag_document(d); });
}
BENCHMARK(BM_TagDocumentsUpperCase)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_LoadModel(benchmark::State& state) {
    // Serial start-up of every indexing run; the gazetteer is loaded once per process, outside.
    const auto gaz = Gazetteer::system();
    for (auto _ : state) {
        auto t = ner::Tagger::load(ner::Tagger::default_model_path(), gaz);
        benchmark::DoNotOptimize(&t);
    }
}
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond)->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
