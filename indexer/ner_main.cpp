/** @file
 * @brief `ner`: train, evaluate and try the entity tagger (a thin shell over newsdex::ner).
 *
 *   ner train --train eng.train --dev eng.testa --out data/ner/model.bin [--epochs N] [--seed S]
 *   ner eval [--json] [--model F] FILE
 *   ner tag [--model F] [FILE]      (plain text, one sentence per line, the whole input one document)
 */
#include <newsdex/core/error.hpp>
#include <newsdex/entities/ner/conll.hpp>
#include <newsdex/entities/ner/tagger.hpp>
#include <newsdex/entities/ner/train.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "model_env.hpp"

namespace {

using namespace newsdex;
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

constexpr EntityType all_types[] = {EntityType::person, EntityType::org, EntityType::place, EntityType::misc};

void print_scores(const ner::Scorer& sc, double secs, bool json, std::string_view file) {
    const double tps = secs > 0 ? static_cast<double>(sc.tokens()) / secs : 0.0;
    if (json) {
        auto counts = [](const ner::Counts& c) {
            return fmt::format(
                R"({{"precision": {:.2f}, "recall": {:.2f}, "f1": {:.2f}, "gold": {}, "predicted": {}, "correct": {}}})",
                c.precision(), c.recall(), c.f1(), c.gold, c.predicted, c.correct);
        };
        std::string types;
        for (auto t : all_types) {
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
    for (auto t : all_types) {
        const auto& c = sc.of(t);
        fmt::print("{:>17}: precision: {:6.2f}%; recall: {:6.2f}%; FB1: {:6.2f}  {}\n", ner::type_name(t),
                   c.precision(), c.recall(), c.f1(), c.predicted);
    }
    fmt::print("tokens/s: {:.0f} ({} tokens in {:.3f} s)\n", tps, sc.tokens(), secs);
}

int run_train(const std::string& train_path, const std::string& dev_path, const std::string& out, int epochs,
              std::uint64_t seed, std::size_t min_count, int folds, int threads, bool no_second_pass,
              const std::string& command) {
    const auto t0 = Clock::now();
    const auto train_docs = ner::read_conll(train_path);
    const auto dev_docs = dev_path.empty() ? std::vector<ner::ConllDocument>{} : ner::read_conll(dev_path);
    ner::TrainOptions opt;
    opt.epochs = epochs;
    opt.seed = seed;
    opt.min_feature_count = min_count;
    opt.folds = folds;
    opt.threads = threads;
    opt.second_pass = !no_second_pass;
    opt.description = command;
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

/// The tagger of --model @p model, else of the environment's paths (model_env.hpp).
ner::Tagger load_tagger(const std::string& model) {
    const EntityModelPaths env = entity_model_paths_from_env();
    return ner::Tagger::load(model.empty() ? env.model_file() : std::filesystem::path(model),
                             Gazetteer::system(env.iso_codes_dir()));
}

int run_eval(const std::string& model, const std::string& file, bool json, bool first_pass) {
    const ner::Tagger tagger = load_tagger(model);
    const auto docs = ner::read_conll(file);
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

int main(int argc, char** argv) {
    CLI::App app{"newsdex entity tagger: train, evaluate, tag"};
    app.require_subcommand(1);
    app.footer(entity_env_help);

    std::string train_path, dev_path, out = "data/ner/model.bin", model, file;
    int epochs = 20, folds = 4, threads = 2;
    std::uint64_t seed = 1;
    std::size_t min_count = 2;
    bool json = false, first_pass = false, no_second_pass = false;

    auto* train = app.add_subcommand("train", "train a model on CoNLL-2003 files");
    train->add_option("--train", train_path, "training file (CoNLL)")->required()->check(CLI::ExistingFile);
    train->add_option("--dev", dev_path, "development file: picks the epoch count")->check(CLI::ExistingFile);
    train->add_option("--out", out, "model file to write")->capture_default_str();
    train->add_option("--epochs", epochs, "maximum epochs per stage")->capture_default_str();
    train->add_option("--seed", seed, "shuffling seed")->capture_default_str();
    train->add_option("--min-count", min_count, "drop features seen fewer times")->capture_default_str();
    train->add_option("--folds", folds, "jackknife folds for the second pass")->capture_default_str();
    train->add_option("--threads", threads, "folds trained in parallel")->capture_default_str();
    train->add_flag("--no-second-pass", no_second_pass, "train pass 1 only");

    auto* eval = app.add_subcommand("eval", "tag a CoNLL file and score it like conlleval");
    eval->add_option("FILE", file, "CoNLL file")->required()->check(CLI::ExistingFile);
    eval->add_option("--model", model, "model file (default: $NEWSDEX_NER_MODEL or the committed model)");
    eval->add_flag("--json", json, "print JSON");
    eval->add_flag("--first-pass", first_pass, "score pass 1 alone");

    auto* tag = app.add_subcommand("tag", "tag plain text: one sentence per line");
    tag->add_option("FILE", file, "input (default: standard input)");
    tag->add_option("--model", model, "model file");

    CLI11_PARSE(app, argc, argv);
    // Stored in the model: what reproduces it (file names only, so the bytes do not depend on paths).
    const std::string command =
        fmt::format("ner train --train {} --dev {} --epochs {} --seed {} --min-count {} --folds {}{}",
                    std::filesystem::path(train_path).filename().string(),
                    dev_path.empty() ? std::string("-") : std::filesystem::path(dev_path).filename().string(), epochs,
                    seed, min_count, folds, no_second_pass ? " --no-second-pass" : "");
    try {
        if (*train)
            return run_train(train_path, dev_path, out, epochs, seed, min_count, folds, threads, no_second_pass,
                             command);
        if (*eval) return run_eval(model, file, json, first_pass);
        if (*tag) return run_tag(model, file);
    } catch (const UsageError& e) {
        fmt::print(stderr, "ner: {}\n", e.what());
        return 2;
    } catch (const Error& e) {
        fmt::print(stderr, "ner: {}\n", e.what());
        return 1;
    }
    return 0;
}
