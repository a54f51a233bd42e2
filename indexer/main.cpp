/** @file
 * @brief The `indexer` program: a thin command-line shell over newsdex::build_index.
 *
 * Exit codes:
 *   0    everything indexed (warnings allowed)
 *   1    some records or files failed (reported as `path:line: error: ...`); the rest is indexed
 *   2    usage error or fatal error (bad option, cannot open or locked database): `indexer: error: ...`
 *   130  interrupted by SIGINT/SIGTERM, after committing what was done
 */
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <newsdex/output/dump.hpp>
#include <newsdex/entities/entity_extractor.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/index/indexer.hpp>
#include <newsdex/ingest/parser.hpp>

#include "model_env.hpp"

namespace {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_signal(int) { g_stop.store(true); }

/// First SIGINT/SIGTERM asks for a clean stop; SA_RESETHAND makes a second one kill at once.
void install_stop_handler() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

double mb(std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }
double per_second(double n, double s) { return s > 0 ? n / s : 0.0; }

/// `indexer --db DB PATH...`: index, report, map the outcome to an exit code.
int run_index(newsdex::IndexOptions& options, bool quiet) {
    const bool tty = !quiet && isatty(STDERR_FILENO);
    bool progress_shown = false;
    std::mutex stderr_mutex;  // diagnostics and progress come from different indexing threads
    auto clear_progress = [&] {
        if (progress_shown) std::fputs("\r\033[K", stderr);
        progress_shown = false;
    };
    newsdex::DiagnosticSink diag([&](const newsdex::Diagnostic& d) {
        if (quiet && d.severity != newsdex::Severity::error) return;
        std::lock_guard lock(stderr_mutex);
        clear_progress();
        std::fprintf(stderr, "%s\n", d.format().c_str());
    });
    newsdex::ProgressCallback progress;
    if (tty)
        progress = [&](const newsdex::IndexStats& s) {
            std::lock_guard lock(stderr_mutex);
            std::fputs(fmt::format("\r{} documents, {:.1f} MB, {:.0f} docs/s\033[K", s.documents(), mb(s.bytes),
                                   per_second(static_cast<double>(s.documents()), s.seconds))
                           .c_str(),
                       stderr);
            progress_shown = true;
        };
    install_stop_handler();
    options.stop = &g_stop;

    const newsdex::IndexStats s = newsdex::build_index(options, diag, progress);
    clear_progress();
    if (!quiet)
        std::fputs(
            fmt::format("indexed {} documents (added {}, updated {}, unchanged {}, removed {}, failed {}) "
                        "from {} files, {:.2f} MB in {:.2f} s ({:.0f} docs/s, {:.2f} MB/s{})\n",
                        s.documents(), s.added, s.updated, s.unchanged, s.removed, s.failed, s.files + s.skipped_files,
                        mb(s.bytes), s.seconds, per_second(static_cast<double>(s.documents()), s.seconds),
                        per_second(mb(s.bytes), s.seconds),
                        // A stub over shards is worth saying; how many threads wrote a merged database is not.
                        !options.merge && s.shards > 1 ? fmt::format(", {} shards", s.shards) : std::string())
                .c_str(),
            stderr);
    if (s.interrupted) {
        std::fputs("indexer: interrupted; what was indexed is committed\n", stderr);
        return 130;
    }
    return diag.errors() > 0 ? 1 : 0;
}

/// `indexer --dump FILE [--json]`: print the documents of FILE as the indexer sees them.
int run_dump(const std::string& file, const newsdex::DumpOptions& options, bool entities, bool quiet) {
    newsdex::DiagnosticSink diag([&](const newsdex::Diagnostic& d) {
        if (quiet && d.severity != newsdex::Severity::error) return;
        std::fflush(stdout);
        std::fprintf(stderr, "%s\n", d.format().c_str());
    });
    std::optional<newsdex::EntityExtractor> extractor;
    if (entities) extractor.emplace(newsdex::EntityExtractor::load(entity_model_paths_from_env()));
    newsdex::dump_file(file, options, extractor ? &*extractor : nullptr, diag, std::cout);
    std::cout.flush();
    return diag.errors() > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Build or update a newsdex full-text index from news, memo and JSON Lines files."};
    app.footer(entity_env_help);
    app.name("indexer");
    newsdex::IndexOptions options;
    bool quiet = false;
    double commit_mb = static_cast<double>(options.commit_bytes) / (1 << 20);
    double segment_mb = static_cast<double>(options.segment_bytes) / (1 << 20);
    std::vector<std::string> formats;
    for (auto f : newsdex::format_names()) formats.emplace_back(f);

    std::string dump_file;
    newsdex::DumpOptions dump_options;
    bool no_entities = false;
    auto* db_opt = app.add_option("--db", options.db_path, "database directory (created if missing)");
    app.add_option("--format", options.format, "input format")->check(CLI::IsMember(formats))->capture_default_str();
    app.add_option("--language", options.analyzer.language, "stemming language, or 'none'")->capture_default_str();
    auto* prune_opt = app.add_flag("--prune", options.prune, "remove documents of files that no longer exist");
    const auto mb_check = [](const std::string& v) -> std::string {
        double x = 0;
        std::istringstream in(v);
        if (!(in >> x) || !in.eof() || !(x >= 0.01 && x <= 1048576.0))
            return "expected a number of MB from 0.01 to 1048576, got " + v;
        return {};
    };
    app.add_option("--commit-mb", commit_mb, "updating a database in place: commit after this many MB of text")
        ->check(mb_check)
        ->default_str("1");
    app.add_option("--segment-mb", segment_mb,
                   "a new database: write it in segments of this many MB of text, merged at the end")
        ->check(mb_check)
        ->default_str("0.25");
    app.add_option("--threads", options.threads, "threads analyzing documents (default: one per core)")
        ->check(CLI::Range(1u, 256u))
        ->default_str(std::to_string(newsdex::default_index_threads()));
    auto* shards_opt = app.add_option("--shards", options.shards,
                                      "a new database is written by N writer threads, in segments merged at the end "
                                      "(default: --threads; an existing database is always updated in place)")
                           ->check(CLI::Range(1u, 256u));
    bool no_merge = false;
    app.add_flag("--no-merge", no_merge,
                 "with a new database: keep the shards behind a stub database instead of merging them")
        ->needs(shards_opt);
    std::string shard_spec;
    app.add_option("--shard", shard_spec,
                   "K/N: index only the documents whose id hashes to shard K of N (one machine's part)")
        ->check([](const std::string& v) -> std::string {
            unsigned k = 0, n = 0;
            char slash = 0;
            std::istringstream in(v);
            if (!(in >> k >> slash >> n) || slash != '/' || !in.eof() || n == 0 || k == 0 || k > n)
                return "expected K/N with 1 <= K <= N, e.g. 1/2";
            return {};
        });
    app.add_flag("-q,--quiet", quiet, "print errors only (no warnings, progress or summary)");
    app.add_flag("--no-entities", no_entities,
                 "do not look for entities (people, organisations, places) and dates in the text");
    auto* dump_opt = app.add_option("--dump", dump_file,
                                    "print the documents of FILE as the indexer sees them (fields, entities, "
                                    "dates) instead of indexing; needs no --db");
    app.add_flag("--json", dump_options.json, "with --dump: one JSON object per document")->needs(dump_opt);
    auto* path_opt =
        app.add_option("PATH", options.inputs, "files and directories to index; '-' reads JSON Lines from stdin");
    dump_opt->excludes(db_opt)->excludes(prune_opt)->excludes(path_opt);

    try {
        app.parse(argc, argv);
        if (!dump_file.empty()) {
            dump_options.format = options.format;
            return run_dump(dump_file, dump_options, !no_entities, quiet);
        }
        if (options.db_path.empty()) throw CLI::RequiredError("--db");
        if (options.inputs.empty()) throw CLI::RequiredError("PATH");
        options.commit_bytes = static_cast<std::size_t>(commit_mb * (1 << 20));
        options.segment_bytes = static_cast<std::size_t>(segment_mb * (1 << 20));
        options.merge = !no_merge;
        if (!shard_spec.empty()) {
            std::istringstream in(shard_spec);
            char slash = 0;
            in >> options.shard_index >> slash >> options.shard_count;
            --options.shard_index;
        }
        options.entities = !no_entities;
        options.entity_model = entity_model_paths_from_env();
        return run_index(options, quiet);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help
        std::fprintf(stderr, "indexer: error: %s (see 'indexer --help')\n", e.what());
        return 2;
    } catch (const std::exception& e) {  // newsdex::UsageError, RuntimeError, std::bad_alloc...
        std::fprintf(stderr, "indexer: error: %s\n", e.what());
        return 2;
    }
}
