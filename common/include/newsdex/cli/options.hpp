/** @file
 * @brief Command-line pieces the programs share: option groups (database, language, formats, colour,
 * threads), --version, and error lines. The `cli` stage is the top one: it may use every other.
 */
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include <newsdex/entities/model_paths.hpp>
#include <newsdex/schema/database_path.hpp>

namespace newsdex::cli {

/// "PROGRAM (newsdex) X.Y.Z", X.Y.Z the project version.
std::string version_line(std::string_view program);
/// Add --version, printing version_line(@p program) (CLI::CallForVersion, an exit code of 0).
void add_version_flag(CLI::App& app, std::string_view program);

/// Print "PROGRAM: error: MESSAGE" on one line (newlines become spaces) to standard error; return 2.
int fail(std::string_view program, std::string message);

/// CLI11 converts "-1" to a huge unsigned number: refuse a sign instead.
extern const CLI::Validator not_negative;

/// --db PATH: the one database a program writes.
CLI::Option* add_database_option(CLI::App& app, std::string& path, const std::string& help);
/// --db PATH, repeatable: the databases a program reads as one.
CLI::Option* add_database_option(CLI::App& app, std::vector<std::string>& paths, const std::string& help);
/// The --help lines naming the environment variables entity_model_paths_from_env() reads.
extern const char* const entity_env_help;
/**
 * The entity data files named by NEWSDEX_NER_MODEL and NEWSDEX_ISO_CODES_DIR (unset or empty: the
 * built-in defaults). The library reads no environment: this is the one place the programs do.
 */
EntityModelPaths entity_model_paths_from_env();

/// --allow-programs: stub files may start programs (`remote :PROGRAM` lines; docs/security.md).
CLI::Option* add_allow_programs_option(CLI::App& app, DatabaseAccess& access);
/// --language NAME: the stemming language.
CLI::Option* add_language_option(CLI::App& app, std::string& language);
/// --format NAME, one of @p choices.
CLI::Option* add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& choices,
                               const std::string& help);
/// --color auto|always|never.
CLI::Option* add_color_option(CLI::App& app, std::string& mode);
/// Whether --color @p mode colours: auto colours only a terminal, and not when NO_COLOR is set (no-color.org).
bool use_color(const std::string& mode);

/// A thread count option (@p names such as "--threads" or "-j,--jobs"): 1 to 256.
template <class T>
CLI::Option* add_threads_option(CLI::App& app, const std::string& names, T& threads, const std::string& help) {
    return app.add_option(names, threads, help)->check(CLI::Range(T{1}, T{256}));
}

}  // namespace newsdex::cli
