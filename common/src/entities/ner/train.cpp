/** @file
 * @brief The trainer: averaged structured perceptron, two stages, jackknifed pass-1 labels.
 *
 * Stage 1 learns the local model. Pass 2 needs pass-1 labels on the training documents that look
 * like the labels it will see at run time, so they come from K fold models, each trained without
 * the documents it labels (jackknifing). Every epoch shuffles the sentences with a fixed-seed
 * generator of our own (not std::shuffle), the weights are integers until averaging, and the
 * folds are independent, so the model bytes depend only on the data, the options and the seed.
 */
#include <newsdex/core/error.hpp>
#include <newsdex/entities/ner/train.hpp>

#include "entities/ner/internal.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

namespace newsdex::ner {
namespace {

/// One stage's training data: feature rows per token, gold labels, and the key of each row.
struct StageData {
    std::vector<std::uint32_t> feats;
    std::vector<std::uint32_t> token_begin{0};
    std::vector<std::uint32_t> sentence_begin{0};
    std::vector<Label> gold;
    std::vector<std::uint64_t> row_keys;
    [[nodiscard]] std::size_t sentences() const noexcept { return sentence_begin.size() - 1; }
};

using Extractor = std::function<void(std::size_t doc, const DocView& view, DocFeatures& out)>;

StageData build_data(const std::vector<ConllDocument>& docs, const std::vector<std::size_t>& which,
                     const Extractor& extract, std::size_t min_count) {
    StageData d;
    DocFeatures f;
    std::unordered_map<std::uint64_t, std::uint32_t> counts;
    counts.reserve(1 << 20);
    for (std::size_t di : which) {
        extract(di, make_view(docs[di]), f);
        for (std::uint64_t k : f.keys) ++counts[k];
    }
    std::unordered_map<std::uint64_t, std::uint32_t> rows;
    rows.reserve(counts.size());
    for (std::size_t di : which) {
        const DocView v = make_view(docs[di]);
        extract(di, v, f);
        for (const auto& s : docs[di].sentences) d.gold.insert(d.gold.end(), s.labels.begin(), s.labels.end());
        for (std::size_t i = 0; i < v.words.size(); ++i) {
            for (std::uint32_t k = f.token_begin[i]; k < f.token_begin[i + 1]; ++k) {
                const std::uint64_t key = f.keys[k];
                if (counts[key] < min_count) continue;
                auto [it, fresh] = rows.emplace(key, static_cast<std::uint32_t>(d.row_keys.size()));
                if (fresh) d.row_keys.push_back(key);
                d.feats.push_back(it->second);
            }
            d.token_begin.push_back(static_cast<std::uint32_t>(d.feats.size()));
        }
        for (std::size_t s = 1; s < v.sentence_begin.size(); ++s)
            d.sentence_begin.push_back(
                static_cast<std::uint32_t>(d.sentence_begin.back() + v.sentence_begin[s] - v.sentence_begin[s - 1]));
    }
    return d;
}

/// Integer perceptron weights with the running sums needed for averaging.
class Perceptron {
public:
    explicit Perceptron(std::size_t rows) : m_w(rows * label_count, 0), m_u(rows * label_count, 0) {}

    /// One pass over the data in the order given; returns the number of sentences with a mistake.
    std::size_t epoch(const StageData& d, const std::vector<std::uint32_t>& order) {
        std::size_t mistakes = 0;
        std::vector<float> emissions;
        std::vector<Label> pred;
        std::array<float, transition_size> trans{};
        for (std::size_t i = 0; i < transition_size; ++i) trans[i] = static_cast<float>(m_tw[i]);
        for (std::uint32_t s : order) {
            const std::size_t b = d.sentence_begin[s], e = d.sentence_begin[s + 1], n = e - b;
            emissions.assign(n * label_count, 0.0f);
            pred.resize(n);
            for (std::size_t t = 0; t < n; ++t) {
                float* em = &emissions[t * label_count];
                for (std::uint32_t k = d.token_begin[b + t]; k < d.token_begin[b + t + 1]; ++k) {
                    const std::int32_t* row = &m_w[static_cast<std::size_t>(d.feats[k]) * label_count];
                    for (std::size_t l = 0; l < label_count; ++l) em[l] += static_cast<float>(row[l]);
                }
            }
            viterbi(emissions.data(), trans.data(), n, pred.data());
            bool wrong = false;
            for (std::size_t t = 0; t < n; ++t) wrong |= pred[t] != d.gold[b + t];
            if (wrong) {
                ++mistakes;
                for (std::size_t t = 0; t < n; ++t) {
                    const Label g = d.gold[b + t], p = pred[t];
                    if (g != p) {
                        for (std::uint32_t k = d.token_begin[b + t]; k < d.token_begin[b + t + 1]; ++k) {
                            const std::size_t row = static_cast<std::size_t>(d.feats[k]) * label_count;
                            bump(row + g, 1);
                            bump(row + p, -1);
                        }
                    }
                    const std::size_t gp = t ? d.gold[b + t - 1] : start_state;
                    const std::size_t pp = t ? pred[t - 1] : start_state;
                    if (gp != pp || g != p) {
                        bump_transition(gp * label_count + g, 1, trans);
                        bump_transition(pp * label_count + p, -1, trans);
                    }
                }
            }
            ++m_c;
        }
        return mistakes;
    }

    /// The averaged weights as a scoring stage.
    [[nodiscard]] StageWeights averaged(const std::vector<std::uint64_t>& row_keys) const {
        const double c = static_cast<double>(m_c);
        std::vector<std::uint64_t> keys;
        std::vector<float> weights;
        for (std::size_t r = 0; r < row_keys.size(); ++r) {
            float row[label_count];
            bool any = false;
            for (std::size_t l = 0; l < label_count; ++l) {
                const std::size_t i = r * label_count + l;
                row[l] = static_cast<float>(static_cast<double>(m_w[i]) - static_cast<double>(m_u[i]) / c);
                any |= row[l] != 0.0f;
            }
            if (!any) continue;
            keys.push_back(row_keys[r]);
            weights.insert(weights.end(), row, row + label_count);
        }
        std::array<float, transition_size> trans{};
        for (std::size_t i = 0; i < transition_size; ++i)
            trans[i] = static_cast<float>(static_cast<double>(m_tw[i]) - static_cast<double>(m_tu[i]) / c);
        StageWeights s;
        s.assign(std::move(keys), std::move(weights), trans);
        return s;
    }

private:
    void bump(std::size_t i, std::int32_t delta) {
        m_w[i] += delta;
        m_u[i] += static_cast<std::int64_t>(delta) * m_c;
    }
    void bump_transition(std::size_t i, std::int32_t delta, std::array<float, transition_size>& trans) {
        m_tw[i] += delta;
        m_tu[i] += static_cast<std::int64_t>(delta) * m_c;
        trans[i] = static_cast<float>(m_tw[i]);
    }

    std::vector<std::int32_t> m_w;
    std::vector<std::int64_t> m_u;
    std::array<std::int32_t, transition_size> m_tw{};
    std::array<std::int64_t, transition_size> m_tu{};
    std::int64_t m_c = 1;
};

/// Fisher-Yates with our own bounded draw, identical on every standard library.
void shuffle(std::vector<std::uint32_t>& v, std::mt19937_64& rng) {
    for (std::size_t i = v.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(rng() % i);
        std::swap(v[i - 1], v[j]);
    }
}

struct StageResult {
    StageWeights weights;
    int best_epoch = 0;
    double best_f1 = -1;
};

/**
 * Run up to @p epochs epochs; after each, @p dev_f1 scores the averaged weights (negative = no dev
 * data: keep the last epoch). Stops after 3 epochs without improvement.
 */
StageResult run_epochs(const StageData& d, int epochs, std::uint64_t seed, int stage, int fold,
                       const std::function<double(const StageWeights&)>& dev_f1,
                       const std::function<void(const EpochReport&)>& progress) {
    Perceptron p(d.row_keys.size());
    std::vector<std::uint32_t> order(d.sentences());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(seed * 1000003ULL + static_cast<std::uint64_t>(stage * 64 + fold + 1));
    StageResult best;
    int since_best = 0;
    for (int e = 1; e <= epochs; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        shuffle(order, rng);
        const std::size_t mistakes = p.epoch(d, order);
        StageWeights w = p.averaged(d.row_keys);
        const double f1 = dev_f1 ? dev_f1(w) : -1.0;
        EpochReport r;
        r.stage = stage;
        r.fold = fold;
        r.epoch = e;
        r.dev_f1 = std::max(0.0, f1);
        r.train_errors = order.empty() ? 0 : static_cast<double>(mistakes) / static_cast<double>(order.size());
        r.features = w.size();
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (progress) progress(r);
        if (f1 < 0 || f1 > best.best_f1) {
            best.weights = std::move(w);
            best.best_epoch = e;
            best.best_f1 = f1;
            since_best = 0;
        } else if (++since_best >= 3) {
            break;
        }
    }
    return best;
}

double f1_on(const Model& m, const std::vector<ConllDocument>& dev, bool first_pass_only) {
    Scorer sc;
    for (const auto& doc : dev) {
        const DocView v = make_view(doc);
        const auto labels = tag_view(m, v, first_pass_only);
        std::size_t off = 0;
        for (const auto& s : doc.sentences) {
            sc.add(s.labels, std::span<const Label>(labels.data() + off, s.labels.size()));
            off += s.labels.size();
        }
    }
    return sc.overall().f1();
}

/// The jackknife fold of training document @p doc.
int fold_of(std::size_t doc, int folds) noexcept { return static_cast<int>(doc % static_cast<std::size_t>(folds)); }

/**
 * Entity phrases of the training data: @p model gets them all; fold k's lexicon only those of the
 * documents of other folds, so that a training document sees only what a new document would.
 */
void collect_phrases(const std::vector<ConllDocument>& docs, int folds, Lexicon& model,
                     std::vector<Lexicon>& fold_lexicon) {
    fold_lexicon.assign(static_cast<std::size_t>(folds), Lexicon{});
    for (std::size_t d = 0; d < docs.size(); ++d) {
        for (const auto& s : docs[d].sentences) {
            for (const Span& sp : decode_spans(s.labels)) {
                const std::span<const std::string> words(s.words.data() + sp.begin, sp.end - sp.begin);
                model.add(words, sp.type);
                for (int k = 0; k < folds; ++k)
                    if (k != fold_of(d, folds)) fold_lexicon[static_cast<std::size_t>(k)].add(words, sp.type);
            }
        }
    }
}

/// Run @p run_fold for every fold, @p threads folds at a time; the first exception is rethrown.
void run_folds(int folds, int threads, const std::function<void(int)>& run_fold) {
    for (int k0 = 0; k0 < folds; k0 += threads) {
        std::vector<std::thread> pool;
        std::exception_ptr error;
        std::mutex error_mutex;
        for (int k = k0; k < std::min(folds, k0 + threads); ++k)
            pool.emplace_back([&, k] {
                try {
                    run_fold(k);
                } catch (...) {
                    std::lock_guard lock(error_mutex);
                    if (!error) error = std::current_exception();
                }
            });
        for (auto& t : pool) t.join();
        if (error) std::rethrow_exception(error);
    }
}

/// The training documents with their case-augmented copies, and the original each one comes from.
struct Augmented {
    std::vector<ConllDocument> docs;
    std::vector<std::size_t> origin;
};

Augmented augment(const std::vector<ConllDocument>& train_docs, double upper, double headline) {
    Augmented a;
    a.docs = train_docs;
    for (std::size_t i = 0; i < train_docs.size(); ++i) a.origin.push_back(i);
    for (std::size_t i = 0; i < train_docs.size(); ++i) {
        // A low-discrepancy position in [0, 1): the upper copies take [0, upper), the headline copies
        // [1 - headline, 1), so the two sets are disjoint when the fractions sum to at most 1.
        const double x = std::fmod(static_cast<double>(i) * 0.6180339887498949, 1.0);
        const auto add = [&](CaseMode mode) {
            a.docs.push_back(train_docs[i]);
            recase(a.docs.back(), mode);
            a.origin.push_back(i);
        };
        if (x < upper) add(CaseMode::upper);
        if (x >= 1.0 - headline) add(CaseMode::headline);
    }
    return a;
}

/// The dev documents as written and, with case copies in training, upper-cased and in headline case.
std::vector<std::vector<ConllDocument>> dev_sets(const std::vector<ConllDocument>& dev, bool all_cases) {
    std::vector<std::vector<ConllDocument>> sets;
    if (dev.empty()) return sets;
    sets.push_back(dev);
    if (all_cases) {
        sets.push_back(recase(dev, CaseMode::upper));
        sets.push_back(recase(dev, CaseMode::headline));
    }
    return sets;
}

double mean_f1(const Model& m, const std::vector<std::vector<ConllDocument>>& sets, bool first_pass_only) {
    double sum = 0;
    for (const auto& set : sets) sum += f1_on(m, set, first_pass_only);
    return sets.empty() ? 0.0 : sum / static_cast<double>(sets.size());
}

struct StagesResult {
    std::shared_ptr<const Model> model;
    int epochs1 = 0, epochs2 = 0;
};

/// Train both stages on @p train_docs (plus case copies): epochs chosen on @p dev when not empty,
/// else exactly @p epochs1 and @p epochs2.
StagesResult train_stages(const std::vector<ConllDocument>& train_docs, const std::vector<ConllDocument>& dev,
                          const TrainOptions& options, const Lexicon& names, int epochs1, int epochs2) {
    auto gaz = options.gazetteer ? options.gazetteer : Gazetteer::system();
    std::mutex progress_mutex;
    auto progress = [&](const EpochReport& r) {
        if (!options.progress) return;
        std::lock_guard lock(progress_mutex);
        options.progress(r);
    };
    const Augmented aug = augment(train_docs, options.upper_copies, options.headline_copies);
    const auto& docs = aug.docs;
    const auto dev_cases = dev_sets(dev, options.upper_copies > 0 || options.headline_copies > 0);

    std::vector<std::size_t> all(docs.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    const int folds = std::max(2, options.folds);
    // A copy shares its original's fold: neither may see the other's entity phrases.
    auto fold_of = [&](std::size_t doc) { return ner::fold_of(aug.origin[doc], folds); };
    std::vector<Lexicon> fold_lexicon;
    auto model = std::make_shared<Model>();
    collect_phrases(train_docs, folds, model->lexicon, fold_lexicon);
    model->clusters = options.clusters;
    model->names = names;
    model->features.context_window = options.context_window;
    model->features.context_in_pass1 = !options.context_pass2_only || options.context_window == 0;
    auto pass1_extractor = [&](std::size_t doc, const DocView& v, DocFeatures& out) {
        std::vector<TokenFacts> facts;
        extract_pass1(v, *gaz, fold_lexicon[static_cast<std::size_t>(fold_of(doc))], model->names, model->clusters,
                      model->features, out, facts);
    };

    model->gazetteer = gaz;
    model->description = options.description;

    // Stage 1.
    const StageData d1 = build_data(docs, all, pass1_extractor, options.min_feature_count);
    std::function<double(const StageWeights&)> dev1;
    if (!dev_cases.empty())
        dev1 = [&](const StageWeights& w) {
            model->pass1 = w;
            return mean_f1(*model, dev_cases, true);
        };
    StageResult r1 = run_epochs(d1, epochs1, options.seed, 1, -1, dev1, progress);
    model->pass1 = std::move(r1.weights);
    StagesResult out;
    out.epochs1 = r1.best_epoch;

    if (options.second_pass && train_docs.size() >= static_cast<std::size_t>(folds)) {
        // Jackknifed pass-1 labels for every training document.
        std::vector<std::vector<Label>> p1(docs.size());
        auto run_fold = [&](int k) {
            std::vector<std::size_t> in, held;
            for (std::size_t i = 0; i < docs.size(); ++i) (fold_of(i) == k ? held : in).push_back(i);
            const StageData dk = build_data(docs, in, pass1_extractor, options.min_feature_count);
            StageResult rk = run_epochs(dk, r1.best_epoch, options.seed, 0, k, nullptr, progress);
            Model mk;
            mk.gazetteer = gaz;
            mk.lexicon = fold_lexicon[static_cast<std::size_t>(k)];
            mk.clusters = model->clusters;
            mk.names = model->names;
            mk.features = model->features;
            mk.pass1 = std::move(rk.weights);
            for (std::size_t i : held) p1[i] = tag_view(mk, make_view(docs[i]), true);
        };
        run_folds(folds, std::max(1, std::min(options.threads, folds)), run_fold);

        // Stage 2 on the jackknifed labels.
        auto pass2_extractor = [&](std::size_t doc, const DocView& v, DocFeatures& out2) {
            DocFeatures f1;
            std::vector<TokenFacts> facts;
            extract_pass1(v, *gaz, fold_lexicon[static_cast<std::size_t>(fold_of(doc))], model->names, model->clusters,
                          model->features, f1, facts);
            extract_pass2(v, f1, facts, p1[doc], model->features, out2);
        };
        const StageData d2 = build_data(docs, all, pass2_extractor, options.min_feature_count);
        model->has_pass2 = true;
        std::function<double(const StageWeights&)> dev2;
        if (!dev_cases.empty())
            dev2 = [&](const StageWeights& w) {
                model->pass2 = w;
                return mean_f1(*model, dev_cases, false);
            };
        StageResult r2 = run_epochs(d2, epochs2, options.seed, 2, -1, dev2, progress);
        model->pass2 = std::move(r2.weights);
        out.epochs2 = r2.best_epoch;
    }
    out.model = round_trip(*model);
    return out;
}

}  // namespace

Tagger train(const std::vector<ConllDocument>& train_docs, const std::vector<ConllDocument>& dev,
             const TrainOptions& options) {
    if (train_docs.empty()) throw UsageError("NER training: no training documents");
    if (options.epochs < 1) throw UsageError("NER training: epochs must be at least 1");
    if (options.dev_split < 0 || options.dev_split >= 1) throw UsageError("NER training: dev split must be in [0, 1)");
    const Lexicon names = options.names_from.empty() ? Lexicon{} : wordnet_names(options.names_from);
    if (!dev.empty() || options.dev_split == 0)
        return Tagger(train_stages(train_docs, dev, options, names, options.epochs, options.epochs).model);

    // Tune on the last documents, then train on all with the epochs chosen.
    const std::size_t n = train_docs.size();
    const std::size_t held = std::clamp<std::size_t>(
        static_cast<std::size_t>(std::lround(options.dev_split * static_cast<double>(n))), 1, n - 1);
    if (n < 2) throw UsageError("NER training: too few documents to hold some out");
    const std::vector<ConllDocument> head(train_docs.begin(), train_docs.end() - static_cast<std::ptrdiff_t>(held));
    const std::vector<ConllDocument> tail(train_docs.end() - static_cast<std::ptrdiff_t>(held), train_docs.end());
    const StagesResult tuned = train_stages(head, tail, options, names, options.epochs, options.epochs);
    if (options.tuned) {
        TuneReport r;
        r.epochs1 = tuned.epochs1;
        r.epochs2 = std::max(1, tuned.epochs2);
        r.dev_documents = held;
        const Tagger t(tuned.model);
        for (CaseMode mode : {CaseMode::as_is, CaseMode::upper, CaseMode::headline})
            r.dev_f1[static_cast<int>(mode)] = evaluate(t, recase(tail, mode)).overall().f1();
        options.tuned(r);
    }
    return Tagger(train_stages(train_docs, {}, options, names, tuned.epochs1, std::max(1, tuned.epochs2)).model);
}

}  // namespace newsdex::ner
