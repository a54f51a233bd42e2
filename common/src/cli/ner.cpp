/** @file
 * @brief The tagger's commands (see ner.hpp): conlleval-style scores, training progress, tagged text.
 */
#include <newsdex/cli/ner.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>
#include <newsdex/cli/options.hpp>
#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/ner/clusters.hpp>
#include <newsdex/entities/ner/conll.hpp>
#include <newsdex/entities/ner/tagger.hpp>
#include <newsdex/entities/ner/train.hpp>

namespace newsdex::cli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string json_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", c);
            continue;
        }
        out += c;
    }
    return out;
}

void print_scores(const ner::Scorer& sc, double secs, bool json, std::string_view file) {
    const double tps = secs > 0 ? static_cast<double>(sc.tokens()) / secs : 0.0;
    if (json) {
        auto counts = [](const ner::Counts& c) {
            return fmt::format(
                R"({{"precision": {:.2f}, "recall": {:.2f}, "f1": {:.2f}, "gold": {}, "predicted": {}, "correct": {}}})",
                c.precision(), c.recall(), c.f1(), c.gold, c.predicted, c.correct);
        };
        std::string types;
        for (auto t : entity_types) {
            if (!types.empty()) types += ", ";
            types += fmt::format(R"("{}": {})", ner::type_name(t), counts(sc.of(t)));
        }
        fmt::print(
            R"({{"file": "{}", "tokens": {}, "seconds": {:.3f}, "tokens_per_second": {:.0f}, "accuracy": {:.2f}, "overall": {}, "types": {{{}}}}})"
            "\n",
            json_escape(file), sc.tokens(), secs, tps, sc.accuracy(), counts(sc.overall()), types);
        return;
    }
    const auto& o = sc.overall();
    fmt::print("processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n", sc.tokens(), o.gold,
               o.predicted, o.correct);
    fmt::print("accuracy: {:6.2f}%; precision: {:6.2f}%; recall: {:6.2f}%; FB1: {:6.2f}\n", sc.accuracy(),
               o.precision(), o.recall(), o.f1());
    for (auto t : entity_types) {
        const auto& c = sc.of(t);
        fmt::print("{:>17}: precision: {:6.2f}%; recall: {:6.2f}%; FB1: {:6.2f}  {}\n", ner::type_name(t),
                   c.precision(), c.recall(), c.f1(), c.predicted);
    }
    fmt::print("tokens/s: {:.0f} ({} tokens in {:.3f} s)\n", tps, sc.tokens(), secs);
}

/// The tagger a command uses: --model @p given, else NEWSDEX_NER_MODEL, else the installed model.
ner::Tagger load_tagger(const std::string& given) {
    const EntityModelPaths env = entity_model_paths_from_env();
    return ner::Tagger::load(given.empty() ? env.model_file() : std::filesystem::path(given),
                             Gazetteer::system(env.iso_codes_dir()));
}

/// What reproduces a model, stored in it (file names only, so the bytes do not depend on paths).
std::string train_command(const NerArgs& a) {
    std::string cmd = fmt::format(
        "ner train --train {} {} --epochs {} --seed {} --min-count {} --folds {} --upper-copies {} "
        "--headline-copies {}{}",
        std::filesystem::path(a.train_path).filename().string(),
        a.dev_path.empty() ? fmt::format("--dev-split {}", a.dev_split)
                           : "--dev " + std::filesystem::path(a.dev_path).filename().string(),
        a.epochs, a.seed, a.min_count, a.folds, a.upper_copies, a.headline_copies,
        a.no_second_pass ? " --no-second-pass" : "");
    for (const auto& src : a.cluster_sources)
        cmd += " --clusters-from " + std::filesystem::path(src).lexically_normal().filename().string();
    if (!a.cluster_sources.empty()) cmd += fmt::format(" --cluster-words {}", a.cluster_words);
    if (a.context_window > 0) cmd += fmt::format(" --context-window {}", a.context_window);
    if (a.context_pass2_only) cmd += " --context-pass2-only";
    if (!a.names_from.empty())
        cmd += " --names-from " + std::filesystem::path(a.names_from).lexically_normal().filename().string();
    return cmd;
}

/// Word clusters learnt from the --clusters-from texts (none without them).
ner::WordClusters learn_clusters(const NerArgs& a) {
    if (a.cluster_sources.empty()) return {};
    const auto t0 = Clock::now();
    ner::ClusterCorpus corpus;
    for (const auto& src : a.cluster_sources) corpus.add_path(src);
    const double read_secs = seconds_since(t0);
    ner::ClusterOptions co;
    co.words = a.cluster_words;
    co.seed = a.seed;
    ner::WordClusters clusters = ner::WordClusters::learn(corpus, co);
    fmt::print(stderr, "word clusters: {} words clustered from {} tokens (read {:.1f} s, clustered {:.1f} s)\n",
               clusters.size(), corpus.tokens(), read_secs, seconds_since(t0) - read_secs);
    return clusters;
}

int run_train(const NerArgs& a) {
    const std::string& train_path = a.train_path;
    const std::string& dev_path = a.dev_path;
    const std::string& out = a.out;
    const auto t0 = Clock::now();
    const auto train_docs = ner::read_conll(train_path);
    const auto dev_docs = dev_path.empty() ? std::vector<ner::ConllDocument>{} : ner::read_conll(dev_path);
    ner::TrainOptions opt;
    opt.epochs = a.epochs;
    opt.seed = a.seed;
    opt.min_feature_count = a.min_count;
    opt.folds = a.folds;
    opt.threads = a.threads;
    opt.second_pass = !a.no_second_pass;
    opt.dev_split = a.dev_split;
    opt.upper_copies = a.upper_copies;
    opt.headline_copies = a.headline_copies;
    opt.clusters = learn_clusters(a);
    opt.context_window = a.context_window;
    opt.context_pass2_only = a.context_pass2_only;
    opt.names_from = a.names_from;
    opt.tuned = [](const ner::TuneReport& r) {
        fmt::print(stderr,
                   "tuned on {} held-out documents: stage 1 {} epochs, stage 2 {} epochs; held-out F1 as written "
                   "{:.2f}, upper {:.2f}, headline {:.2f}\n",
                   r.dev_documents, r.epochs1, r.epochs2, r.dev_f1[0], r.dev_f1[1], r.dev_f1[2]);
    };
    opt.description = train_command(a);
    opt.gazetteer = Gazetteer::system(entity_model_paths_from_env().iso_codes_dir());
    opt.progress = [](const ner::EpochReport& r) {
        const std::string stage = r.stage == 0 ? fmt::format("fold {}", r.fold) : fmt::format("stage {}", r.stage);
        if (r.stage == 0)
            fmt::print(stderr, "{:>8} epoch {:2}: train sentence errors {:5.2f}%, {:.1f} s\n", stage, r.epoch,
                       100 * r.train_errors, r.seconds);
        else
            fmt::print(stderr,
                       "{:>8} epoch {:2}: dev F1 {:6.2f}, train sentence errors {:5.2f}%, {} features, {:.1f} s\n",
                       stage, r.epoch, r.dev_f1, 100 * r.train_errors, r.features, r.seconds);
    };
    const ner::Tagger tagger = ner::train(train_docs, dev_docs, opt);
    tagger.save(out);
    const double train_secs = seconds_since(t0);
    const auto [f1n, f2n] = tagger.feature_counts();
    fmt::print(stderr, "wrote {} ({} bytes; features: pass 1 {}, pass 2 {}) in {:.1f} s\n", out,
               std::filesystem::file_size(out), f1n, f2n, train_secs);
    if (!dev_docs.empty()) {
        const auto t1 = Clock::now();
        const auto sc = ner::evaluate(tagger, dev_docs);
        print_scores(sc, seconds_since(t1), false, dev_path);
    }
    return 0;
}

int run_eval(const std::string& model, const std::string& file, const std::string& case_mode, bool json,
             bool first_pass) {
    const auto mode = ner::parse_case_mode(case_mode);
    if (!mode) throw UsageError("--case must be as-is, upper or headline");
    const ner::Tagger tagger = load_tagger(model);
    const auto docs = ner::recase(ner::read_conll(file), *mode);
    const auto t0 = Clock::now();
    const auto sc = ner::evaluate(tagger, docs, first_pass);
    print_scores(sc, seconds_since(t0), json, file);
    return 0;
}

int run_tag(const std::string& model, const std::string& file) {
    const ner::Tagger tagger = load_tagger(model);
    std::ifstream fin;
    if (!file.empty() && file != "-") {
        fin.open(file, std::ios::binary);
        if (!fin) throw RuntimeError("cannot open " + file);
    }
    std::istream& in = fin.is_open() ? fin : std::cin;
    std::vector<std::vector<std::string>> tokens;
    std::string line;
    while (std::getline(in, line)) tokens.push_back(ner::simple_tokenize(line));
    std::vector<std::vector<std::string_view>> views;
    for (const auto& t : tokens) views.emplace_back(t.begin(), t.end());
    const auto labels = tagger.tag_document(views);
    for (std::size_t s = 0; s < tokens.size(); ++s) {
        std::string out;
        const auto spans = ner::decode_spans(labels[s]);
        std::size_t next = 0;
        for (std::size_t i = 0; i < tokens[s].size(); ++i) {
            if (!out.empty()) out += ' ';
            if (next < spans.size() && spans[next].begin == i)
                out += fmt::format("[{} ", ner::type_name(spans[next].type));
            out += tokens[s][i];
            if (next < spans.size() && spans[next].end == i + 1) {
                out += ']';
                ++next;
            }
        }
        fmt::print("{}\n", out);
    }
    return 0;
}

}  // namespace

void add_ner_commands(CLI::App& app, NerArgs& a) {
    app.require_subcommand(1);
    app.footer(entity_env_help);
    a.train = app.add_subcommand("train", "train a model on CoNLL-2003 files");
    a.train->add_option("--train", a.train_path, "training file (CoNLL)")->required()->check(CLI::ExistingFile);
    a.train->add_option("--dev", a.dev_path, "development file: picks the epoch count")->check(CLI::ExistingFile);
    a.train->add_option("--out", a.out, "model file to write")->capture_default_str();
    a.train->add_option("--epochs", a.epochs, "maximum epochs per stage")->capture_default_str();
    a.train->add_option("--seed", a.seed, "shuffling seed")->capture_default_str();
    a.train->add_option("--min-count", a.min_count, "drop features seen fewer times")->capture_default_str();
    a.train->add_option("--folds", a.folds, "jackknife folds for the second pass")->capture_default_str();
    a.train->add_option("--threads", a.threads, "folds trained in parallel")->capture_default_str();
    a.train->add_flag("--no-second-pass", a.no_second_pass, "train pass 1 only");
    a.train
        ->add_option("--dev-split", a.dev_split,
                     "without --dev: tune the epochs on this fraction of the training documents (the last "
                     "ones), then train on all")
        ->capture_default_str();
    a.train->add_option("--upper-copies", a.upper_copies, "fraction of training documents added upper-cased")
        ->capture_default_str();
    a.train->add_option("--headline-copies", a.headline_copies, "fraction of training documents added in headline case")
        ->capture_default_str();
    a.train
        ->add_option("--clusters-from", a.cluster_sources,
                     "unlabeled text (file or directory, repeatable) to learn word clusters from")
        ->check(CLI::ExistingPath);
    a.train->add_option("--cluster-words", a.cluster_words, "most frequent words clustered")->capture_default_str();
    CLI::Option* context_window =
        a.train
            ->add_option("--context-window", a.context_window,
                         "context aggregation: words this far around a name's other mentions in the document (0: none)")
            ->check(CLI::Range(0u, ner::max_context_window))
            ->capture_default_str();
    a.train
        ->add_flag("--context-pass2-only", a.context_pass2_only,
                   "context aggregation in the second pass only: the first types a name by its own mention")
        ->needs(context_window);
    a.train
        ->add_option("--names-from", a.names_from,
                     "WordNet folder (/usr/share/wordnet): its proper names by kind become features of the model")
        ->check(CLI::ExistingDirectory);

    a.eval = app.add_subcommand("eval", "tag a CoNLL file and score it like conlleval");
    a.eval->add_option("FILE", a.file, "CoNLL file")->required()->check(CLI::ExistingFile);
    a.eval->add_option("--model", a.model, "model file (default: $NEWSDEX_NER_MODEL or the committed model)");
    a.eval->add_flag("--json", a.json, "print JSON");
    a.eval->add_flag("--first-pass", a.first_pass, "score pass 1 alone");
    a.eval
        ->add_option("--case", a.case_mode,
                     "re-case the file first: as-is, upper or headline (content words capitalised)")
        ->check(CLI::IsMember({"as-is", "upper", "headline"}))
        ->capture_default_str();

    a.tag = app.add_subcommand("tag", "tag plain text: one sentence per line");
    a.tag->add_option("FILE", a.file, "input (default: standard input)");
    a.tag->add_option("--model", a.model, "model file");
}

int run_ner(const NerArgs& a) {
    try {
        if (*a.train) return run_train(a);
        if (*a.eval) return run_eval(a.model, a.file, a.case_mode, a.json, a.first_pass);
        if (*a.tag) return run_tag(a.model, a.file);
    } catch (const UsageError& e) {
        fmt::print(stderr, "ner: {}\n", e.what());
        return 2;
    } catch (const Error& e) {
        fmt::print(stderr, "ner: {}\n", e.what());
        return 1;
    }
    return 0;
}

}  // namespace newsdex::cli
