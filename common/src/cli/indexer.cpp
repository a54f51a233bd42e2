/** @file
 * @brief The `indexer` program (see indexer.hpp): options, progress and summary lines, stopping on a signal.
 */
#include <newsdex/cli/indexer.hpp>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include <newsdex/cli/options.hpp>
#include <newsdex/entities/entity_extractor.hpp>
#include <newsdex/ingest/parser.hpp>

namespace newsdex::cli {

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

/// The one-line summary of an indexing run.
std::string summary(const IndexStats& s, const IndexOptions& options) {
    return fmt::format(
        "indexed {} documents (added {}, updated {}, unchanged {}, removed {}, failed {}) "
        "from {} files, {:.2f} MB in {:.2f} s ({:.0f} docs/s, {:.2f} MB/s{})\n",
        s.documents(), s.added, s.updated, s.unchanged, s.removed, s.failed, s.files + s.skipped_files, mb(s.bytes),
        s.seconds, per_second(static_cast<double>(s.documents()), s.seconds), per_second(mb(s.bytes), s.seconds),
        // A stub over shards is worth saying; how many threads wrote a merged database is not.
        !options.merge && s.shards > 1 ? fmt::format(", {} shards", s.shards) : std::string());
}

/**
 * The `--stats` line: `stats: ` and one JSON object saying where the run's time went (RunStats),
 * enough to project its speed on more cores (benchmarks/scaling.sh).
 */
std::string stats_line(const IndexStats& s, const IndexOptions& options) {
    const RunStats& r = s.run;
    std::string stages;
    for (const auto& st : r.stages)
        stages += fmt::format("{}\"{}\":{{\"threads\":{},\"busy_s\":{:.3f}}}", stages.empty() ? "" : ",", st.name,
                              st.threads, st.busy_s);
    return fmt::format(
        "stats: {{\"wall_s\":{:.3f},\"cpu_s\":{:.3f},\"serial_s\":{:.3f},\"tail_s\":{:.3f},\"threads\":{},"
        "\"documents\":{},\"bytes\":{},\"peak_rss_mb\":{:.1f},\"stages\":{{{}}}}}\n",
        r.wall_s, r.cpu_s, r.serial_s, r.tail_s, options.threads > 0 ? options.threads : default_index_threads(),
        s.documents(), s.bytes, r.peak_rss_mb, stages);
}

/// `indexer --db DB PATH...`: index, report, map the outcome to an exit code.
int run_index(IndexOptions& options, bool quiet, bool stats) {
    const bool tty = !quiet && isatty(STDERR_FILENO);
    bool progress_shown = false;
    std::mutex stderr_mutex;  // diagnostics and progress come from different indexing threads
    auto clear_progress = [&] {
        if (progress_shown) std::fputs("\r\033[K", stderr);
        progress_shown = false;
    };
    DiagnosticSink diag([&](const Diagnostic& d) {
        if (quiet && d.severity != Severity::error) return;
        std::lock_guard lock(stderr_mutex);
        clear_progress();
        std::fprintf(stderr, "%s\n", d.format().c_str());
    });
    ProgressCallback progress;
    if (tty)
        progress = [&](const IndexStats& s) {
            std::lock_guard lock(stderr_mutex);
            std::fputs(fmt::format("\r{} documents, {:.1f} MB, {:.0f} docs/s\033[K", s.documents(), mb(s.bytes),
                                   per_second(static_cast<double>(s.documents()), s.seconds))
                           .c_str(),
                       stderr);
            progress_shown = true;
        };
    install_stop_handler();
    options.stop = &g_stop;

    const IndexStats s = build_index(options, diag, progress);
    clear_progress();
    if (!quiet) std::fputs(summary(s, options).c_str(), stderr);
    if (stats) std::fputs(stats_line(s, options).c_str(), stderr);
    if (s.interrupted) {
        std::fputs("indexer: interrupted; what was indexed is committed\n", stderr);
        return 130;
    }
    return diag.errors() > 0 ? 1 : 0;
}

/// `indexer --dump FILE [--json]`: print the documents of FILE as the indexer sees them.
int run_dump(const std::string& file, const DumpOptions& options, bool entities, bool quiet) {
    DiagnosticSink diag([&](const Diagnostic& d) {
        if (quiet && d.severity != Severity::error) return;
        std::fflush(stdout);
        std::fprintf(stderr, "%s\n", d.format().c_str());
    });
    std::optional<EntityExtractor> extractor;
    if (entities) extractor.emplace(EntityExtractor::load(entity_model_paths_from_env()));
    dump_file(file, options, extractor ? &*extractor : nullptr, diag, std::cout);
    std::cout.flush();
    return diag.errors() > 0 ? 1 : 0;
}

/// A --commit-mb / --segment-mb / --shard-mb value: a number of MB from 0.01 to 1048576.
std::string check_mb(const std::string& v) {
    double x = 0;
    std::istringstream in(v);
    if (!(in >> x) || !in.eof() || !(x >= 0.01 && x <= 1048576.0))
        return "expected a number of MB from 0.01 to 1048576, got " + v;
    return {};
}

/// A --shard value: K/N with 1 <= K <= N.
std::string check_shard(const std::string& v) {
    unsigned k = 0, n = 0;
    char slash = 0;
    std::istringstream in(v);
    if (!(in >> k >> slash >> n) || slash != '/' || !in.eof() || n == 0 || k == 0 || k > n)
        return "expected K/N with 1 <= K <= N, e.g. 1/2";
    return {};
}

/// --threads, --shards, --no-merge, --shard: how the work is split.
void add_parallel_options(CLI::App& app, IndexerArgs& a) {
    add_threads_option(app, "--threads", a.options.threads, "threads analyzing documents (default: one per core)")
        ->default_str(std::to_string(default_index_threads()));
    auto* shards_opt = app.add_option("--shards", a.options.shards,
                                      "a new database is written by N writer threads, in segments merged at the end "
                                      "(default: --threads; an existing database is always updated in place)")
                           ->check(CLI::Range(1u, 256u));
    app.add_flag("--no-merge", a.no_merge,
                 "with a new database: keep the shards behind a stub database instead of merging them")
        ->needs(shards_opt);
    app.add_option("--shard", a.shard_spec,
                   "K/N: index only the documents whose id hashes to shard K of N (one machine's part)")
        ->check(check_shard);
}

}  // namespace

void add_indexer_options(CLI::App& app, IndexerArgs& a) {
    a.commit_mb = static_cast<double>(a.options.commit_bytes) / (1 << 20);
    a.segment_mb = static_cast<double>(a.options.segment_bytes) / (1 << 20);
    a.shard_mb = static_cast<double>(a.options.shard_bytes) / (1 << 20);
    std::vector<std::string> formats;
    for (auto f : format_names()) formats.emplace_back(f);
    auto* db_opt = add_database_option(app, a.options.db_path, "database directory (created if missing)");
    add_allow_programs_option(app, a.options.access);
    add_format_option(app, a.options.format, formats, "input format");
    add_language_option(app, a.options.analyzer.language);
    auto* prune_opt = app.add_flag("--prune", a.options.prune, "remove documents of files that no longer exist");
    app.add_flag("--follow", a.options.follow,
                 "follow symbolic links met in directories (each file read once; loops are noted)");
    app.add_option("--commit-mb", a.commit_mb, "updating a database in place: commit after this many MB of text")
        ->check(check_mb)
        ->default_str("1");
    app.add_option("--segment-mb", a.segment_mb,
                   "a new database: write it in segments of this many MB of text, merged at the end")
        ->check(check_mb)
        ->default_str("0.25");
    app.add_option("--shard-mb", a.shard_mb,
                   "a new database: compact its segments into shards of this many MB of text while indexing; "
                   "several shards are kept behind a stub (bigger: fewer shards, faster searches, a longer "
                   "merge at the end)")
        ->check(check_mb)
        ->default_str("16");
    add_parallel_options(app, a);
    app.add_flag("-q,--quiet", a.quiet, "print errors only (no warnings, progress or summary)");
    app.add_flag("--stats", a.stats,
                 "end with one line 'stats: {json}' on standard error: wall, CPU and serial time, each "
                 "stage's threads and busy time, peak memory (also with -q)");
    app.add_flag("--no-entities", a.no_entities,
                 "do not look for entities (people, organisations, places) and dates in the text");
    // --dump [FILE]: FILE may also come later as the one PATH, so `--dump --json FILE` works too.
    auto* dump_opt = app.add_option("--dump", a.dump_file,
                                    "print the documents of FILE as the indexer sees them (fields, entities, "
                                    "dates) instead of indexing; needs no --db")
                         ->expected(0, 1);
    app.add_flag("--json", a.dump_options.json, "with --dump: one JSON object per document")->needs(dump_opt);
    app.add_option("PATH", a.options.inputs, "files and directories to index; '-' reads JSON Lines from stdin");
    dump_opt->excludes(db_opt)->excludes(prune_opt);
    a.dump_option = dump_opt;
    add_version_flag(app, "indexer");
}

int run_indexer(IndexerArgs& a) {
    IndexOptions& options = a.options;
    if (a.dump_option && a.dump_option->count() > 0) {
        if (a.dump_file.empty() && options.inputs.size() == 1) {
            a.dump_file = options.inputs.front();
        } else if (a.dump_file.empty() || !options.inputs.empty()) {
            throw CLI::ValidationError("--dump", "takes exactly one FILE");
        }
        a.dump_options.format = options.format;
        return run_dump(a.dump_file, a.dump_options, !a.no_entities, a.quiet);
    }
    if (options.db_path.empty()) throw CLI::RequiredError("--db");
    if (options.inputs.empty()) throw CLI::RequiredError("PATH");
    options.commit_bytes = static_cast<std::size_t>(a.commit_mb * (1 << 20));
    options.segment_bytes = static_cast<std::size_t>(a.segment_mb * (1 << 20));
    options.shard_bytes = static_cast<std::size_t>(a.shard_mb * (1 << 20));
    options.merge = !a.no_merge;
    if (!a.shard_spec.empty()) {
        std::istringstream in(a.shard_spec);
        char slash = 0;
        in >> options.shard_index >> slash >> options.shard_count;
        --options.shard_index;
    }
    options.entities = !a.no_entities;
    options.entity_model = entity_model_paths_from_env();
    return run_index(options, a.quiet, a.stats);
}

}  // namespace newsdex::cli
