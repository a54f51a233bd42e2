/** @file
 * @brief `searcher`: the command line of newsdex::cli::run_searcher (one query, --count, --show,
 * --batch, `searcher eval`). With no query on a terminal it opens the interactive prompt
 * (newsdex::Repl) over GNU readline, with history in ~/.newsdex_history.
 */
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <readline/history.h>
#include <readline/readline.h>

#include <CLI/CLI.hpp>

#include <newsdex/cli/searcher.hpp>
#include <newsdex/output/repl.hpp>

namespace {

/// GNU readline as the REPL's line reader: line editing, and history kept in ~/.newsdex_history.
class ReadlineReader final : public newsdex::LineReader {
public:
    ReadlineReader() {
        if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
            m_history = std::string(home) + "/.newsdex_history";
        using_history();
        if (!m_history.empty()) read_history(m_history.c_str());
    }
    ~ReadlineReader() override {
        if (m_history.empty()) return;
        write_history(m_history.c_str());
        history_truncate_file(m_history.c_str(), 1000);
    }
    ReadlineReader(const ReadlineReader&) = delete;
    ReadlineReader& operator=(const ReadlineReader&) = delete;

    std::optional<std::string> read_line(std::string_view prompt) override {
        char* line = readline(std::string(prompt).c_str());
        if (line == nullptr) {
            std::cout << '\n';
            return std::nullopt;
        }
        std::string text(line);
        std::free(line);
        if (!text.empty() && (history_length == 0 || text != history_get(history_base + history_length - 1)->line))
            add_history(text.c_str());
        return text;
    }

private:
    std::string m_history;
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Search newsdex databases. Exit status: 0 = matches, 1 = none, 2 = error.", "searcher"};
    newsdex::cli::SearcherArgs args;
    newsdex::cli::add_searcher_options(app, args, argc >= 2 && std::string_view(argv[1]) == "eval");
    if (const auto done = newsdex::cli::parse_searcher_args(app, args, argc, argv)) return *done;
    return newsdex::cli::run_searcher(args, [] { return std::make_unique<ReadlineReader>(); });
}
