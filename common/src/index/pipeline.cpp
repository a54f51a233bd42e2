/** @file
 * @brief The indexing run: a bounded parallel pipeline that walks the inputs, parses, analyzes and
 *        tags documents on N threads, and writes them into one database or segments compacted into shards.
 *
 * Stages:
 *  1. producer (one thread, index/producer.hpp): walk the inputs in sorted order, skip unchanged files
 *     (per-file state metadata), read (big files are mapped), decode, parse; give each document its
 *     id, its unique id term, its record hash and a sequence number; skip unchanged records of changed
 *     files (same record hash as the database already holds for that file). A JSON Lines record's
 *     hash is that of its raw line, so an unchanged line is skipped before it is even parsed
 *     (RecordFilter). Pushes into a bounded queue.
 *  2. oneTBB parallel_pipeline: a serial input filter pops the queue; a parallel filter annotates
 *     entities (EntityExtractor::annotate is const and thread-safe), builds the Xapian document with a
 *     per-thread Analyzer, its spelling words and alias synonyms; a serial in-order filter hands each
 *     document to its writer thread. At most 4 tokens a thread are in flight, and every queue is
 *     bounded, so memory does not grow with the corpus.
 *  3. writers, each on a thread of its own. Direct mode (an existing database): one writer updates
 *     the database itself inside transactions, in input order (docids follow the input order).
 *     Segment mode (a fresh database): the producer cuts the input into segments (runs of about
 *     segment_bytes of text, in order; segment_bytes()); segment k goes to writer k mod N, which writes
 *     it into `<db>.newsdex-build/seg-NNNNNN`, a database of its own. While indexing goes on, a
 *     merger thread compacts each run of shard_segments finished segments, in segment order, into a
 *     shard (index/segment_merger.hpp); once the last document is written only the last run is left
 *     to compact, so the merge tail stays short whatever the corpus size. One shard replaces `<db>`;
 *     several are kept behind a stub (a corpus bigger than one shard's worth of text). The shards,
 *     and so the docids, depend on the input only, never on N. An id repeated in a later segment
 *     keeps only its last copy (StaleCopies). Shard mode (fresh, `--no-merge`): document n goes to
 *     shard n mod N, `shard-K`, kept behind a stub, whose interleaved docids are the input order.
 *
 * Measured as it runs (RunStats, `indexer --stats`): a stage's busy time is its threads' CPU time
 * (the threads of its own, or a clock read around each document on the shared oneTBB threads, into
 * per-thread totals): not their waits on queues, nor on a core of a loaded machine.
 *
 * Commit policy: direct mode writes inside a Xapian transaction committed every commit_bytes of text,
 * when the stop flag is seen and at the end; a file's state metadata is written after its last
 * document in the same transaction, so an interrupted or crashed run never marks a half-indexed file
 * as done (the next run re-indexes it, replacing by id). Segment mode commits each segment when it is
 * complete, shard mode each shard every commit_bytes / N (scratch space until the merge); the file
 * states go into the merged database. An interrupted fresh build still merges what was written (a
 * usable database without the unfinished file's state); a crashed one leaves `<db>` empty and
 * `<db>.newsdex-build` behind, which the next run (seeing a fresh database) deletes and redoes.
 */
#include "index/pipeline.hpp"

#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>
#include <xapian.h>

#include <newsdex/core/error.hpp>
#include <newsdex/entities/entity_extractor.hpp>
#include <newsdex/index/document_builder.hpp>
#include <newsdex/index/entity_table.hpp>
#include <newsdex/ingest/input_reader.hpp>
#include <newsdex/ingest/parser.hpp>
#include <newsdex/schema/database_path.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/analysis/spelling.hpp>
#include <newsdex/analysis/terms.hpp>
#include <newsdex/schema/stored.hpp>

#include "index/direct_writer.hpp"
#include "index/file_state.hpp"
#include "index/item.hpp"
#include "index/producer.hpp"
#include "index/queues.hpp"
#include "index/segment_merger.hpp"
#include "index/shard_writer.hpp"
#include "index/thread_clock.hpp"
#include "index/writer_thread.hpp"
#include "schema/record_hash.hpp"

namespace newsdex {

namespace {

/// Whether @p db holds an entity name of any type (a run without entities may hold none).
bool holds_entity_names(const Xapian::Database& db) {
    return std::any_of(std::begin(entity_types), std::end(entity_types), [&](EntityType t) {
        const std::string prefix(schema::entity_field(t).exact_prefix);
        return db.allterms_begin(prefix) != db.allterms_end(prefix);
    });
}

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto progress_interval = std::chrono::milliseconds(500);
/// Tokens in flight in the pipeline, per thread.
constexpr std::size_t tokens_per_thread = 4;
/// Entity tagging takes about 90 bytes of memory per byte of text (a document is tagged at once):
/// entities and date mentions are looked for in the first 1 MiB of a bigger body only.
constexpr std::size_t max_tagged_bytes = std::size_t{1} << 20;
/// A fresh merged build: the most segments compacted into one shard (each open one takes ~8 file
/// descriptors while compacting).
constexpr std::size_t max_shard_segments = 256;

/// User + system CPU seconds of the process so far.
double process_cpu_s() {
    rusage r{};
    if (getrusage(RUSAGE_SELF, &r) != 0) return 0;
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(r.ru_utime) + s(r.ru_stime);
}

/// The process's peak resident set size in MB.
double peak_rss_mb() {
    rusage r{};
    if (getrusage(RUSAGE_SELF, &r) != 0) return 0;
    return static_cast<double>(r.ru_maxrss) / 1024.0;  // Linux: KB
}

/**
 * The extractor of @p model, loading in the background: loaded once per process and never freed.
 * It is ~100 MB of small allocations (gazetteers, weights): freeing them took ~0.1 s, a sixth of a
 * small update's run, just before the process exits; a second build in the process reuses it.
 */
std::shared_future<std::shared_ptr<const EntityExtractor>> process_extractor(const EntityModelPaths& paths) {
    using Loading = std::shared_future<std::shared_ptr<const EntityExtractor>>;
    static std::mutex mutex;
    static auto* const loaded = new std::map<std::string, Loading>;  // intentionally never destroyed
    std::lock_guard lock(mutex);
    auto [it, added] = loaded->try_emplace(paths.model_file().string() + '\n' + paths.iso_codes_dir().string());
    if (added)
        it->second = std::async(std::launch::async, [paths] {
                         return std::make_shared<const EntityExtractor>(EntityExtractor::load(paths));
                     }).share();
    return it->second;
}

/// EntityExtractor::annotate on at most max_tagged_bytes of the body (offsets stay valid: a prefix).
void annotate_bounded(const EntityExtractor& extractor, Document& doc) {
    if (doc.body.size() <= max_tagged_bytes) {
        extractor.annotate(doc);
        return;
    }
    std::string body = std::move(doc.body);
    doc.body.assign(body, 0, text_cut(body, max_tagged_bytes));
    try {
        extractor.annotate(doc);
    } catch (...) {
        doc.body = std::move(body);
        throw;
    }
    doc.body = std::move(body);
}

// =================================================================================================
// The run
// =================================================================================================

class IndexRun {
public:
    IndexRun(const IndexOptions& options, DiagnosticSink& diag, const ProgressCallback& progress)
        : m_options(options), m_diag(diag), m_progress(progress), m_analyzer(options.analyzer) {}
    IndexRun(const IndexRun&) = delete;
    IndexRun& operator=(const IndexRun&) = delete;

    /// Returns only once the model has loaded, even after an error: the process must not exit while
    /// the loading thread still reads the gazetteers (libgeonames aborts when its data goes away).
    ~IndexRun() {
        if (m_own_extractor.valid()) m_own_extractor.wait();
    }

    IndexStats run() {
        m_start = Clock::now();
        m_cpu_start = process_cpu_s();
        m_last_progress = m_start;
        const std::size_t errors_before = m_diag.errors();
        if (m_options.format != "auto") (void)make_parser(m_options.format);  // UsageError before any I/O
        if (m_options.shard_count > 0 && m_options.shard_index >= m_options.shard_count)
            throw UsageError(fmt::format("--shard {}/{}: K must be between 1 and N", m_options.shard_index + 1,
                                         m_options.shard_count));
        if (m_options.entities && !m_options.extractor) {
            // Loading the model and the gazetteers takes ~0.2 s: in the background, while the
            // database opens and the producer reads, parses and hashes (all of a re-run's work when
            // few records changed). A missing model is still fatal before the database is touched.
            const fs::path model = m_options.entity_model.model_file();
            std::error_code ec;
            if (!fs::is_regular_file(model, ec))
                (void)EntityExtractor::load(m_options.entity_model);  // throws the error
            m_own_extractor = process_extractor(m_options.entity_model);
        }
        m_threads = m_options.threads > 0 ? m_options.threads : default_index_threads();
        open_database();
        try {
            check_and_record_settings();
            if (m_fresh)
                run_sharded(m_options.shards > 0 ? m_options.shards : m_threads);
            else
                run_direct();
            record_entity_table();
        } catch (const Xapian::Error& e) {
            throw RuntimeError(fmt::format("cannot write database '{}': {}", m_options.db_path, e.get_description()));
        }
        IndexStats stats = m_stats.get();
        stats.interrupted = stopped();
        stats.failed = m_diag.errors() - errors_before;
        stats.seconds = elapsed();
        stats.shards = m_used_shards;
        stats.run = run_stats(stats.seconds);
        if (m_progress) m_progress(stats);
        return stats;
    }

private:
    // --- statistics ----------------------------------------------------------------------------

    /// Where the time went, at the end of a run of @p wall seconds.
    RunStats run_stats(double wall) const {
        RunStats r;
        r.wall_s = wall;
        r.cpu_s = process_cpu_s() - m_cpu_start;
        r.peak_rss_mb = peak_rss_mb();
        r.stages = m_stages;
        // Everything once the writers are done is the tail; before the first document is analysed
        // (the model loading), the start-up. Nothing analysed: the run was all serial.
        const double written = m_last_written ? std::chrono::duration<double>(*m_last_written - m_start).count() : wall;
        r.tail_s = std::max(0.0, wall - written);
        const std::int64_t first = m_first_analysis_ns.load(std::memory_order_relaxed);
        const double startup = first >= 0 ? static_cast<double>(first) / 1e9 : written;
        r.serial_s = std::min(wall, startup + r.tail_s);
        return r;
    }

    /// The first document's analysis starts now (any pipeline thread; the first call counts).
    void note_first_analysis() {
        if (m_first_analysis_ns.load(std::memory_order_relaxed) >= 0) return;
        std::int64_t none = -1;
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - m_start).count();
        m_first_analysis_ns.compare_exchange_strong(none, ns, std::memory_order_relaxed);
    }

    // --- database ------------------------------------------------------------------------------

    void open_database() {
        const std::string& path = m_options.db_path;
        if (path.empty()) throw UsageError("no database path given");
        check_database_path(path, m_options.access);  // a stub handed over must not start a program
        try {
            m_db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            throw RuntimeError(fmt::format("database '{}' is locked by another indexer", path));
        } catch (const Xapian::Error& e) {
            throw RuntimeError(fmt::format("cannot open database '{}': {}", path, e.get_description()));
        }
        std::error_code ec;
        m_db_dir = fs::weakly_canonical(fs::absolute(path), ec);
        if (m_db_dir.filename().empty()) m_db_dir = m_db_dir.parent_path();
        m_multi_shard = fs::exists(m_db_dir / "XAPIANDB", ec);
    }

    /// Refuse foreign schemas and other analyzer settings; record ours (committed before any document).
    void check_and_record_settings() {
        schema::check_database(m_db, m_options.db_path);
        const std::string settings = m_analyzer.settings();
        const std::string recorded = m_db.get_metadata(std::string(schema::meta_analyzer));
        if (!recorded.empty() && recorded != settings) {
            const std::string language = m_db.get_metadata(std::string(schema::meta_language));
            if (language != m_analyzer.options().language)
                throw UsageError(
                    fmt::format("database '{}' was built with --language {}, not {}: use the same language, or "
                                "index into a new database",
                                m_options.db_path, language, m_analyzer.options().language));
            throw UsageError(
                fmt::format("database '{}' was built with other analyzer settings ('{}', this program uses '{}'): "
                            "re-index into a new database",
                            m_options.db_path, recorded, settings));
        }
        m_tag_fields = parse_tag_fields(m_db.get_metadata(std::string(schema::meta_tag_fields)));
        // This run's number: documents it adds or changes carry it (schema::slot_run), and the
        // database records it once something changed, so `searcher --since-last` can tell them apart.
        m_run = schema::database_run(m_db) + 1;
        m_settings = {{std::string(schema::meta_schema_version), std::to_string(schema::version)},
                      {std::string(schema::meta_language), m_analyzer.options().language},
                      {std::string(schema::meta_analyzer), settings}};
        if (recorded.empty()) {  // a new database: say what it is before any document goes in
            for (const auto& [k, v] : m_settings) m_db.set_metadata(k, v);
            m_db.commit();
        }
        const std::string file_prefix(schema::meta_file_prefix);
        m_fresh = !m_multi_shard && m_db.get_lastdocid() == 0 &&
            m_db.metadata_keys_begin(file_prefix) == m_db.metadata_keys_end(file_prefix);
    }

    /// The corpus-level entity table, rebuilt from what the database now holds (index/entity_table.hpp).
    void record_entity_table() {
        Xapian::WritableDatabase db = m_fresh ? Xapian::WritableDatabase(m_options.db_path, Xapian::DB_OPEN) : m_db;
        // Country names join their countries through the gazetteer, loaded once per process (the
        // extractor's): a run without entities over a database without iso-codes still gets a table.
        std::shared_ptr<const Gazetteer> gazetteer;
        try {
            gazetteer = Gazetteer::system(m_options.entity_model.iso_codes_dir());
        } catch (const RuntimeError&) {}
        // WordNet's synonyms (`USSR`, `Soviet Union`): read here only, once per run, when there are
        // entity names to join; a broken WordNet costs its synonyms, not the run.
        NameLexicon lexicon;
        try {
            if (holds_entity_names(db)) lexicon = NameLexicon::load(m_options.entity_model.wordnet_dir());
        } catch (const RuntimeError& e) {
            m_diag.warning(m_options.entity_model.wordnet_dir().string(), 0,
                           std::string("WordNet is left out of the entity table: ") + e.what());
        }
        update_entity_table(db, gazetteer.get(), &lexicon);
        db.commit();
    }

    // --- direct mode ---------------------------------------------------------------------------

    void run_direct() {
        m_used_shards = 1;
        std::optional<Xapian::Database> reader;
        if (!m_fresh) reader.emplace(m_options.db_path);
        DirectWriter writer(m_db, m_options, m_diag, m_stats, m_tag_fields, m_multi_shard);
        writer.set_run(m_run);
        writer.begin();
        WriterThread thread(writer_queue_segments * m_options.commit_bytes);
        thread.start([&](Item& item) { writer.write(item); });
        std::exception_ptr failure;
        try {
            run_pipeline(std::move(reader), 1, [&](std::unique_ptr<Item> item) {
                thread.push(item.release());
                maybe_progress();
            });
        } catch (...) {
            failure = std::current_exception();
        }
        try {
            thread.finish();
        } catch (...) {
            if (!failure) failure = std::current_exception();
        }
        m_last_written = Clock::now();
        m_stages.push_back({"write", 1, thread.busy_s()});
        if (failure) std::rethrow_exception(failure);
        if (!stopped() && m_options.prune) writer.prune();
        writer.commit(false);
    }

    // --- fresh builds: segments or shards ------------------------------------------------------

    /**
     * A fresh database, written by @p writers threads into scratch databases in `<db>.newsdex-build`,
     * then merged into one compact database that replaces `<db>` (segments), or kept behind a stub
     * (--no-merge: one shard per writer).
     */
    void run_sharded(std::size_t writers) {
        m_used_shards = writers;
        const bool segmented = m_options.merge;
        const fs::path build = m_db_dir.string() + std::string(build_dir_suffix);
        std::error_code ec;
        fs::remove_all(build, ec);  // left by a crashed run
        fs::create_directories(build);
        const std::size_t shard_commit = std::max<std::size_t>(m_options.commit_bytes / writers, 16u << 10);
        const std::size_t queue_bytes = writer_queue_segments * (segmented ? m_options.segment_bytes : shard_commit);
        m_segment_base = segmented ? std::max<std::size_t>(m_options.segment_bytes, 1) : 0;
        ShardWriter::Closed closed;
        if (segmented) {
            m_merger = std::make_unique<SegmentMerger>(
                build, [base = m_segment_base](std::size_t k) { return segment_bytes(base, k); }, m_options.shard_bytes,
                max_shard_segments);
            closed = [merger = m_merger.get()](std::size_t number, const std::string& path, SpellingBuffer&& words) {
                merger->closed(number, path, std::move(words));
            };
        }
        std::vector<std::unique_ptr<ShardWriter>> threads;
        for (std::size_t k = 0; k < writers; ++k) {
            threads.push_back(
                std::make_unique<ShardWriter>(build, k, segmented, shard_commit, queue_bytes, m_stats, closed));
            // Segments: the settings go into the first one only (finish_fresh_build).
            threads.back()->start(segmented ? std::map<std::string, std::string>{} : m_settings);
        }
        std::map<std::string, std::string> file_states;
        StaleCopies stale;
        m_stale = &stale;
        const std::exception_ptr failure = feed_shard_writers(threads, file_states);
        m_last_written = Clock::now();
        double write_busy = 0;
        for (const auto& w : threads) write_busy += w->busy_s();
        m_stages.push_back({"write", static_cast<unsigned>(writers), write_busy});
        if (failure) {
            if (m_merger) m_merger->abandon();
            fs::remove_all(build, ec);
            std::rethrow_exception(failure);
        }
        finish_fresh_build(build, threads, file_states, stale);
    }

    /// Run the pipeline into the writers of a fresh build and wait for them; what failed first, if anything.
    std::exception_ptr feed_shard_writers(std::vector<std::unique_ptr<ShardWriter>>& threads,
                                          std::map<std::string, std::string>& file_states) {
        std::exception_ptr failure;
        std::size_t last_shard = threads.size();  // none yet
        try {
            run_pipeline(std::nullopt, threads.size(), [&](std::unique_ptr<Item> item) {
                if (item->kind == Item::Kind::file_done) {
                    file_states[item->state_key] = item->state;
                } else {
                    for (auto& f : item->new_tag_fields) m_tag_fields.insert(std::move(f));
                    // The previous writer gets nothing more for a while (its segment is over).
                    if (item->shard != last_shard && last_shard < threads.size()) threads[last_shard]->wake();
                    last_shard = item->shard;
                    if (m_merger) m_merger->started(item->segment);
                    ShardWriter& w = *threads[item->shard];
                    const std::size_t capacity =
                        m_segment_base > 0 ? writer_queue_segments * segment_bytes(m_segment_base, item->segment) : 0;
                    w.push(item.release(), capacity);
                }
                maybe_progress();
            });
        } catch (...) {
            failure = std::current_exception();
        }
        for (auto& w : threads) {
            try {
                w->finish();
            } catch (...) {
                if (!failure) failure = std::current_exception();
            }
        }
        return failure;
    }

    /**
     * The writers of a fresh build are done: compact what is left of the segments with the spelling
     * tables (or take the shards as they are), keep only the last copy of ids repeated in later
     * segments, put what is shared (settings, file states, tag fields) into the first database, and
     * put the databases in place of `<db>`: one as it is, several behind a stub.
     */
    void finish_fresh_build(const fs::path& build, std::vector<std::unique_ptr<ShardWriter>>& threads,
                            const std::map<std::string, std::string>& file_states, const StaleCopies& stale) {
        std::vector<std::string> databases;  // in segment (or shard) order
        if (m_merger) {
            databases = m_merger->finish();
            m_stages.push_back({"merge", 1, m_merger->busy_s()});
            m_stages.push_back({"spelling", 1, m_merger->spelling_busy_s()});
        } else {
            std::map<std::size_t, std::string> shards;
            for (const auto& w : threads)
                for (const auto& [number, path] : w->databases()) shards.emplace(number, path);
            for (auto& [number, path] : shards) databases.push_back(std::move(path));
        }
        if (databases.empty()) {  // nothing to index: an empty database still says what it is
            const std::string path = (build / "shard-0000").string();
            Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC).close();
            databases.push_back(path);
        }
        delete_stale_copies(databases, stale);
        // What is shared goes into the first database: the first shard's metadata is what a stub
        // shows, and what compaction keeps.
        {
            Xapian::WritableDatabase first(databases.front(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            for (const auto& [k, v] : m_settings) first.set_metadata(k, v);
            first.set_metadata(std::string(schema::meta_run), std::to_string(m_run));
            for (const auto& [k, v] : file_states) first.set_metadata(k, v);
            first.set_metadata(std::string(schema::meta_tag_fields), tag_fields_value(m_tag_fields));
            first.commit();
        }
        replace_database(build, databases);
    }

    /**
     * Ids repeated in later segments: of each, keep only the last copy. Shards hold consecutive
     * segments in order, so that is the copy of the last shard holding the id, with its greatest docid.
     */
    static void delete_stale_copies(const std::vector<std::string>& databases, const StaleCopies& stale) {
        std::set<std::string> terms;
        for (const auto& [segment, list] : stale) terms.insert(list.begin(), list.end());
        if (terms.empty()) return;
        std::map<std::string, std::size_t> last;  // term -> the last database holding it
        for (std::size_t k = 0; k < databases.size(); ++k) {
            const Xapian::Database db(databases[k]);
            for (const auto& term : terms)
                if (db.term_exists(term)) last[term] = k;
        }
        for (std::size_t k = 0; k < databases.size(); ++k) {
            std::vector<Xapian::docid> gone;
            {
                const Xapian::Database db(databases[k]);
                for (const auto& term : terms) {
                    std::vector<Xapian::docid> copies(db.postlist_begin(term), db.postlist_end(term));
                    if (!copies.empty() && last[term] == k) copies.pop_back();  // the live one
                    gone.insert(gone.end(), copies.begin(), copies.end());
                }
            }
            if (gone.empty()) continue;
            Xapian::WritableDatabase db(databases[k], Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            for (const Xapian::docid did : gone) db.delete_document(did);
            db.commit();
        }
    }

    /// Replace the (empty) database by @p databases: the one as it is, or a stub over them.
    void replace_database(const fs::path& build, const std::vector<std::string>& databases) {
        m_db.close();
        std::error_code ec;
        const fs::path old = m_db_dir.string() + ".newsdex-old";
        fs::remove_all(old, ec);
        if (databases.size() == 1 && m_merger) {
            fs::rename(m_db_dir, old);
            fs::rename(databases.front(), m_db_dir);
            fs::remove_all(build);
        } else {
            std::ofstream stub(build / "XAPIANDB");
            for (const auto& path : databases) stub << "auto " << fs::path(path).filename().string() << "\n";
            stub.close();
            if (!stub) throw RuntimeError(fmt::format("cannot write '{}'", (build / "XAPIANDB").string()));
            fs::rename(m_db_dir, old);
            fs::rename(build, m_db_dir);
        }
        fs::remove_all(old, ec);
    }

    // --- the pipeline --------------------------------------------------------------------------

    /**
     * Run the producer on its own thread and the parallel pipeline on m_threads threads; @p write
     * gets every item in input order (serial stage). @p reader is the database as it was (for the
     * producer's skipping of unchanged records), absent for a fresh database.
     */
    template <typename Write>
    void run_pipeline(std::optional<Xapian::Database> reader, std::size_t shards, Write&& write) {
        const std::size_t tokens = tokens_per_thread * m_threads;
        HandoffQueue<Item> queue(tokens);
        std::exception_ptr producer_error;
        Producer producer(m_options, m_diag, m_stats, std::move(reader), m_tag_fields, m_db_dir, shards, m_segment_base,
                          m_stale, [&](std::unique_ptr<Item> item) {
                              queue.push(item.get());
                              item.release();
                          });
        std::thread producer_thread([&] {
            pthread_setname_np(pthread_self(), "newsdex-read");
            try {
                producer.run();
            } catch (const HandoffQueue<Item>::Aborted&) {  // the pipeline failed and gave up on us
            } catch (...) {
                producer_error = std::current_exception();
            }
            try {
                queue.push(nullptr);
            } catch (const HandoffQueue<Item>::Aborted&) {}
        });

        tbb::enumerable_thread_specific<Analyzer> analyzers(m_analyzer);
        tbb::enumerable_thread_specific<double> analysis_busy(0.0);  // CPU seconds
        const bool entities = m_options.entities;
        const bool per_document_spelling = m_segment_base == 0;  // not a segmented build (run_sharded)
        tbb::task_arena arena(static_cast<int>(m_threads));
        try {
            arena.execute([&] {
                tbb::parallel_pipeline(
                    tokens,
                    tbb::make_filter<void,
                                     Item*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> Item* {
                        Item* item = queue.pop();
                        if (!item) fc.stop();
                        return item;
                    }) & tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel, [&](Item* item) -> Item* {
                        if (item->kind != Item::Kind::document) return item;
                        Document& doc = item->doc;
                        const EntityExtractor* tagger = entities ? extractor() : nullptr;  // waits for the load once
                        const double start = thread_cpu_s();
                        note_first_analysis();
                        if (tagger) annotate_bounded(*tagger, doc);
                        item->xdoc = build_document(doc, analyzers.local(), item->fc->abs_path, m_run);
                        item->xdoc.add_value(schema::slot_record_hash, hash_value(item->hash));
                        // The spelling table: the document's folded body and title words
                        // (a segmented build reads them back from each segment instead).
                        if (per_document_spelling) item->spelling = spelling_words(item->xdoc);
                        item->synonyms = entity_synonyms(doc);
                        analysis_busy.local() += thread_cpu_s() - start;
                        return item;
                    }) & tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, [&](Item* raw) {
                        write(std::unique_ptr<Item>(raw));
                    }));
            });
        } catch (...) {
            queue.abort();  // unblocks the producer
            producer_thread.join();
            // What is left in the queue is dropped with the process's memory budget in mind.
            for (Item* left : queue.drain()) delete left;
            throw;
        }
        producer_thread.join();
        // Reading is serial; big splittable inputs are parsed on several threads (ProducerStats).
        const ProducerStats& ps = producer.stats();
        m_stages.push_back({"read", 1, ps.read_busy_s});
        if (ps.parse_busy_s > 0) m_stages.push_back({"parse", ps.parse_threads, ps.parse_busy_s});
        double analysis = 0;
        for (const double d : analysis_busy) analysis += d;
        m_stages.push_back({"analyze", static_cast<unsigned>(m_threads), analysis});
        if (producer_error) std::rethrow_exception(producer_error);
    }

    // --- stop & progress -----------------------------------------------------------------------

    bool stopped() const { return m_options.stop && m_options.stop->load(std::memory_order_relaxed); }

    double elapsed() const { return std::chrono::duration<double>(Clock::now() - m_start).count(); }

    /// Called from the serial stage only.
    void maybe_progress() {
        if (!m_progress) return;
        const auto now = Clock::now();
        if (now - m_last_progress < progress_interval) return;
        m_last_progress = now;
        IndexStats s = m_stats.get();
        s.seconds = elapsed();
        m_progress(s);
    }

    /// The entity extractor in use (waiting for it to be loaded), or nullptr when entities are off.
    /// Thread-safe; rethrows what loading failed with.
    const EntityExtractor* extractor() const {
        if (!m_options.entities) return nullptr;
        return m_options.extractor ? m_options.extractor : m_own_extractor.get().get();
    }

    const IndexOptions& m_options;
    DiagnosticSink& m_diag;
    const ProgressCallback& m_progress;
    Analyzer m_analyzer;
    std::shared_future<std::shared_ptr<const EntityExtractor>> m_own_extractor;  ///< loading in the background
    Xapian::WritableDatabase m_db;
    fs::path m_db_dir;
    bool m_multi_shard = false;  ///< the database is a stub over several shards (--no-merge)
    bool m_fresh = false;        ///< no document and no file was ever indexed into it
    std::size_t m_threads = 1;
    std::size_t m_used_shards = 1;
    std::size_t m_segment_base = 0;                 ///< a fresh merged build: the size of its first segments
    StaleCopies* m_stale = nullptr;                 ///< a fresh merged build: where the producer lists stale copies
    std::map<std::string, std::string> m_settings;  ///< schema/language/analyzer metadata
    std::uint64_t m_run = 0;                        ///< this run's number (schema::meta_run)
    std::set<std::string> m_tag_fields;
    SharedStats m_stats;
    std::vector<StageStats> m_stages;                   ///< filled as the stages end
    std::atomic<std::int64_t> m_first_analysis_ns{-1};  ///< since m_start, -1: none yet
    std::optional<Clock::time_point> m_last_written;    ///< when the writers were done
    std::unique_ptr<SegmentMerger> m_merger;            ///< a fresh merged build
    double m_cpu_start = 0;
    Clock::time_point m_start;
    Clock::time_point m_last_progress;
};

}  // namespace

IndexStats run_index(const IndexOptions& options, DiagnosticSink& diag, const ProgressCallback& progress) {
    IndexRun run(options, diag, progress);
    return run.run();
}

}  // namespace newsdex
