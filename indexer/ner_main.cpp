/** @file
 * @brief `ner`: the entity tagger's commands, the same as `indexer ner train|eval|tag`
 * (newsdex::cli::run_ner); kept for the scripts that call it by this name.
 */
#include <CLI/CLI.hpp>

#include <newsdex/cli/ner.hpp>

int main(int argc, char** argv) {
    CLI::App app{"newsdex entity tagger: train, evaluate, tag"};
    newsdex::cli::NerArgs args;
    newsdex::cli::add_ner_commands(app, args);
    CLI11_PARSE(app, argc, argv);
    return newsdex::cli::run_ner(args);
}
