/** @file
 * @brief The programs' shared command-line pieces (see options.hpp).
 */
#include <newsdex/cli/options.hpp>

#include <newsdex/core/terminal.hpp>

#include <cstdlib>
#include <iostream>

#include <unistd.h>

namespace newsdex::cli {

std::string version_line(std::string_view program) { return std::string(program) + " (newsdex) " + NEWSDEX_VERSION; }

void add_version_flag(CLI::App& app, std::string_view program) {
    app.set_version_flag("--version", version_line(program), "print the version and exit");
}

int fail(std::string_view program, std::string message) {
    for (auto& c : message)
        if (c == '\n') c = ' ';
    // Messages quote paths, queries and records: never raw control characters on the terminal.
    std::cerr << program << ": error: " << terminal_safe(message) << '\n';
    return 2;
}

const CLI::Validator not_negative(
    [](std::string& value) { return value.starts_with('-') ? std::string("must not be negative") : std::string(); }, "",
    "not negative");

CLI::Option* add_database_option(CLI::App& app, std::string& path, const std::string& help) {
    return app.add_option("--db", path, help);
}

CLI::Option* add_database_option(CLI::App& app, std::vector<std::string>& paths, const std::string& help) {
    return app.add_option("--db", paths, help)->allow_extra_args(false);
}

const char* const entity_env_help =
    "Environment:\n"
    "  NEWSDEX_NER_MODEL      the entity tagger's model file (default: the installed ner/model.bin)\n"
    "  NEWSDEX_ISO_CODES_DIR  the iso-codes JSON folder (default: /usr/share/iso-codes/json)\n"
    "  NEWSDEX_WORDNET_DIR    WordNet's folder, for names it gives as synonyms (default: /usr/share/wordnet)";

EntityModelPaths entity_model_paths_from_env() {
    EntityModelPaths paths;
    if (const char* model = std::getenv("NEWSDEX_NER_MODEL"); model && *model) paths.model = model;
    if (const char* iso = std::getenv("NEWSDEX_ISO_CODES_DIR"); iso && *iso) paths.iso_codes = iso;
    if (const char* wordnet = std::getenv("NEWSDEX_WORDNET_DIR"); wordnet && *wordnet) paths.wordnet = wordnet;
    return paths;
}

CLI::Option* add_allow_programs_option(CLI::App& app, DatabaseAccess& access) {
    return app.add_flag("--allow-programs", access.allow_programs,
                        "let database stub files start programs ('remote :PROGRAM' lines, e.g. ssh); "
                        "they run with your rights: only for stubs you trust");
}

CLI::Option* add_language_option(CLI::App& app, std::string& language) {
    return app.add_option("--language", language, "stemming language, or 'none'")->capture_default_str();
}

CLI::Option* add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& choices,
                               const std::string& help) {
    return app.add_option("--format", format, help)->check(CLI::IsMember(choices))->capture_default_str();
}

CLI::Option* add_color_option(CLI::App& app, std::string& mode) {
    return app.add_option("--color", mode, "colour highlights: auto (terminal, NO_COLOR unset), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
}

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    return isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

}  // namespace newsdex::cli
