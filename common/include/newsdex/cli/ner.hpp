/** @file
 * @brief The entity tagger's commands: train, evaluate and try a model (`indexer ner train|eval|tag`,
 * also the `ner` program).
 *
 *   ner train --train eng.train --dev-split 0.1 --clusters-from DIR... --out data/ner/model.bin [--epochs N]
 *   ner eval [--json] [--model F] [--case as-is|upper|headline] FILE
 *   ner tag [--model F] [FILE]      (plain text, one sentence per line, the whole input one document)
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace newsdex::cli {

/// Everything the tagger commands' options set.
struct NerArgs {
    std::string train_path, dev_path, out = "data/ner/model.bin", model, file, case_mode = "as-is";
    std::vector<std::string> cluster_sources;
    std::size_t cluster_words = 30000;
    double dev_split = 0, upper_copies = 0.5, headline_copies = 0.5;
    int epochs = 20, folds = 4, threads = 2;
    unsigned context_window = 0;
    bool context_pass2_only = false;
    std::string names_from;  ///< WordNet folder for name features (empty: none)
    std::uint64_t seed = 1;
    std::size_t min_count = 2;
    bool json = false, first_pass = false, no_second_pass = false;
    CLI::App *train = nullptr, *eval = nullptr, *tag = nullptr;  ///< the subcommands, to see which ran
};

/// Add the `train`, `eval` and `tag` subcommands to @p app (one of them required).
void add_ner_commands(CLI::App& app, NerArgs& args);

/// Run the subcommand @p args parsed; returns the exit code (1 on an error, 2 on a usage error).
int run_ner(const NerArgs& args);

}  // namespace newsdex::cli
