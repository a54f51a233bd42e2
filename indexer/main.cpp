/** @file
 * @brief The `indexer` program: the command line of newsdex::cli::run_indexer (index, --dump), and
 * `indexer ner train|eval|tag` (newsdex::cli::run_ner). Exit codes: newsdex/cli/indexer.hpp.
 */
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include <newsdex/cli/indexer.hpp>
#include <newsdex/cli/ner.hpp>
#include <newsdex/cli/options.hpp>

int main(int argc, char** argv) {
    CLI::App app{"Build or update a newsdex full-text index from news, memo and JSON Lines files."};
    app.name("indexer");
    newsdex::cli::IndexerArgs args;
    newsdex::cli::add_indexer_options(app, args);
    // `indexer ner` only as the first argument: `indexer --db DB ner` indexes a file named ner.
    const bool ner = argc >= 2 && std::string_view(argv[1]) == "ner";
    newsdex::cli::NerArgs ner_args;
    if (ner)
        newsdex::cli::add_ner_commands(*app.add_subcommand("ner", "the entity tagger: train, eval, tag"), ner_args);
    app.footer(std::string("Entity tagger: indexer ner train|eval|tag ... (see indexer ner --help)\n\n") +
               newsdex::cli::entity_env_help);

    try {
        app.parse(argc, argv);
        return ner ? newsdex::cli::run_ner(ner_args) : newsdex::cli::run_indexer(args);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::fprintf(stderr, "indexer: error: %s (see 'indexer --help')\n", e.what());
        return 2;
    } catch (const std::exception& e) {  // newsdex::UsageError, RuntimeError, std::bad_alloc...
        return newsdex::cli::fail("indexer", e.what());
    }
}
