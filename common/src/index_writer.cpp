/** @file
 * @brief build_index: walk the inputs, parse, and add/replace/remove documents incrementally.
 *
 * Commit policy: all writes happen inside a Xapian transaction (begin_transaction(true)), committed
 * when commit_bytes of text have been indexed since the last commit, when the stop flag is seen, and
 * at the end. Inside a transaction Xapian still flushes its in-memory postings every
 * XAPIAN_FLUSH_THRESHOLD (10,000) changes, so memory stays bounded, but it never *commits* on its own:
 * every commit point is ours. That is what makes the per-file state metadata trustworthy: a file's
 * state is written after its last document, in the same transaction, so an interrupted or crashed run
 * never marks a half-indexed file as done (the next run simply re-indexes it, replacing by id).
 *
 * File state: metadata `newsdex:file:<abs path>` = "<mtime_ns> <size> <docs> <failed records>" (plus
 * " <abs path>" when the key had to be shortened). An unchanged file is skipped without being read;
 * when it had failed records, a warning says so (they are not re-reported, the file is not re-read).
 */
#include <newsdex/indexer.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <xapian.h>

#include <newsdex/document_builder.hpp>
#include <newsdex/encoding.hpp>
#include <newsdex/entity_extractor.hpp>
#include <newsdex/error.hpp>
#include <newsdex/parser.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/search_features.hpp>

namespace newsdex {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto progress_interval = std::chrono::milliseconds(500);
/// How much decoded text detect_format() gets to look at.
constexpr std::size_t detect_head_bytes = 4096;
/// Display name of standard input in diagnostics.
constexpr std::string_view stdin_name = "<stdin>";

/// What the database remembers about an indexed file.
struct FileState {
    std::int64_t mtime_ns = 0;
    std::uint64_t size = 0;
    std::size_t docs = 0;
    std::size_t failed = 0;  ///< records reported as errors when the file was indexed
    std::string path;        ///< only when the metadata key was shortened
};

std::string format_state(const FileState& s, bool with_path) {
    std::string v = fmt::format("{} {} {} {}", s.mtime_ns, s.size, s.docs, s.failed);
    if (with_path) v.append(" ").append(s.path);
    return v;
}

std::optional<FileState> parse_state(std::string_view v) {
    FileState s;
    std::istringstream in{std::string(v)};
    if (!(in >> s.mtime_ns >> s.size)) return std::nullopt;
    if (!(in >> s.docs >> s.failed)) return s;
    if (in.get() == ' ') std::getline(in, s.path);
    return s;
}

/// The metadata key of a file (bounded like terms, since Xapian keys have the same length limit).
std::string state_key(std::string_view abs_path) { return bounded_term(schema::meta_file_prefix, abs_path); }

bool key_was_shortened(std::string_view abs_path) { return abs_path.size() > max_term_value_bytes; }

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

/// A Xapian database directory (ours or any other) is never input.
bool is_xapian_database(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec);
}

/// Read a whole file (@p size_hint bytes expected); nullopt with errno set on failure.
std::optional<std::string> read_bytes(const fs::path& p, std::size_t size_hint) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes(size_hint, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size_hint));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return std::nullopt;
    // The file may have grown since stat(): read the rest too.
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return bytes;
}

/// Does a charset name mean "already UTF-8" (or its ASCII subset)?
bool is_utf8_charset(std::string_view cs) {
    return cs.empty() || cs == "UTF-8" || cs == "utf-8" || cs == "US-ASCII" || cs == "ASCII";
}

/// One input file (or stdin) being indexed.
struct FileContext {
    std::string display;     ///< path as given / as walked (for diagnostics and Document::path)
    std::string id_base;     ///< path relative to the corpus root, for documents without an id
    std::string abs_path;    ///< "" for stdin
    std::string path_term;   ///< "P<abs path>", "" for stdin
    std::unordered_set<Xapian::docid> docids;  ///< documents written from this file in this run
    std::size_t docs = 0;
    std::size_t without_id = 0;
};

class IndexWriter {
public:
    IndexWriter(const IndexOptions& options, DiagnosticSink& diag, const ProgressCallback& progress)
        : m_options(options), m_diag(diag), m_progress(progress), m_analyzer(options.analyzer) {}

    IndexStats run() {
        m_start = Clock::now();
        m_last_progress = m_start;
        const std::size_t errors_before = m_diag.errors();
        if (m_options.format != "auto") (void)parser_for(m_options.format);  // UsageError before any I/O
        if (m_options.entities && !m_options.extractor)  // before the database: a missing model is fatal
            m_own_extractor.emplace(EntityExtractor::load());
        open_database();
        try {
            check_and_record_settings();
            m_db.begin_transaction(true);
            for (const auto& input : m_options.inputs) {
                if (stopped()) break;
                index_input(input);
            }
            if (!stopped() && m_options.prune) prune();
            commit(false);
        } catch (const Xapian::Error& e) {
            throw RuntimeError(fmt::format("cannot write database '{}': {}", m_options.db_path,
                                           e.get_description()));
        }
        m_stats.interrupted = stopped();
        m_stats.failed = m_diag.errors() - errors_before;
        m_stats.seconds = elapsed();
        if (m_progress) m_progress(m_stats);
        return m_stats;
    }

private:
    // --- database ------------------------------------------------------------------------------

    void open_database() {
        const std::string& path = m_options.db_path;
        if (path.empty()) throw UsageError("no database path given");
        try {
            m_db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            throw RuntimeError(fmt::format("database '{}' is locked by another indexer", path));
        } catch (const Xapian::Error& e) {
            throw RuntimeError(fmt::format("cannot open database '{}': {}", path, e.get_description()));
        }
        std::error_code ec;
        m_db_dir = fs::weakly_canonical(fs::absolute(path), ec);
    }

    /// Refuse foreign schemas and other analyzer settings; record ours (committed before any document).
    void check_and_record_settings() {
        schema::check_database(m_db, m_options.db_path);
        const std::string settings = m_analyzer.settings();
        const std::string recorded = m_db.get_metadata(std::string(schema::meta_analyzer));
        if (!recorded.empty() && recorded != settings) {
            const std::string language = m_db.get_metadata(std::string(schema::meta_language));
            if (language != m_analyzer.options().language)
                throw UsageError(fmt::format(
                    "database '{}' was built with --language {}, not {}: use the same language, or "
                    "index into a new database",
                    m_options.db_path, language, m_analyzer.options().language));
            throw UsageError(fmt::format(
                "database '{}' was built with other analyzer settings ('{}', this program uses '{}'): "
                "re-index into a new database",
                m_options.db_path, recorded, settings));
        }
        for (const auto& line : split_lines(m_db.get_metadata(std::string(schema::meta_tag_fields))))
            m_tag_fields.insert(line);
        m_recorded_tag_fields = m_tag_fields;
        if (recorded.empty()) {  // a new database: say what it is before any document goes in
            m_db.set_metadata(std::string(schema::meta_schema_version), std::to_string(schema::version));
            m_db.set_metadata(std::string(schema::meta_language), m_analyzer.options().language);
            m_db.set_metadata(std::string(schema::meta_analyzer), settings);
            m_db.commit();
        }
    }

    static std::vector<std::string> split_lines(const std::string& s) {
        std::vector<std::string> out;
        std::istringstream in(s);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) out.push_back(line);
        return out;
    }

    /// Commit the pending transaction (and the tag-field list); start the next one when @p more.
    void commit(bool more = true) {
        if (m_tag_fields != m_recorded_tag_fields) {
            std::string v;
            for (const auto& f : m_tag_fields) v.append(f).append("\n");
            m_db.set_metadata(std::string(schema::meta_tag_fields), v);
            m_recorded_tag_fields = m_tag_fields;
        }
        m_db.commit_transaction();
        if (more) m_db.begin_transaction(true);
        m_pending_bytes = 0;
    }

    // --- inputs --------------------------------------------------------------------------------

    void index_input(const std::string& input) {
        if (input == "-") {
            index_stdin();
            return;
        }
        std::error_code ec;
        const fs::file_status st = fs::status(input, ec);
        if (ec || !fs::exists(st)) {
            m_diag.error(input, 0, "no such file or directory");
            return;
        }
        if (fs::is_directory(st)) {
            walk(fs::path(input), fs::path(input));
        } else {
            const fs::path p(input);
            index_file(p, p.has_parent_path() ? p.parent_path() : fs::path("."));
        }
    }

    /// Recursive walk in sorted order, skipping hidden entries and database directories.
    void walk(const fs::path& dir, const fs::path& root) {
        if (is_database_dir(dir)) return;
        std::vector<fs::directory_entry> entries;
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (!is_hidden(it->path())) entries.push_back(*it);
        if (ec) {
            m_diag.error(dir.string(), 0, fmt::format("cannot read directory: {}", ec.message()));
            return;
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
        for (const auto& e : entries) {
            if (stopped()) return;
            std::error_code ec2;
            if (e.is_directory(ec2))
                walk(e.path(), root);
            else if (e.is_regular_file(ec2) && is_input_file_name(e.path().filename().string()))
                index_file(e.path(), root);
        }
    }

    bool is_database_dir(const fs::path& dir) const {
        if (is_xapian_database(dir)) return true;
        std::error_code ec;
        const fs::path c = fs::weakly_canonical(fs::absolute(dir), ec);
        return !ec && c == m_db_dir;
    }

    void index_file(const fs::path& path, const fs::path& root) {
        const std::string display = path.string();
        const std::string abs = fs::absolute(path).lexically_normal().string();
        if (!m_done_files.insert(abs).second) return;  // named twice on the command line

        struct stat st {};
        if (::stat(abs.c_str(), &st) != 0) {
            m_diag.error(display, 0, fmt::format("cannot read: {}", std::strerror(errno)));
            return;
        }
        FileState now;
        now.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        now.size = static_cast<std::uint64_t>(st.st_size);
        now.path = abs;

        const std::string key = state_key(abs);
        if (const auto old = parse_state(m_db.get_metadata(key));
            old && old->mtime_ns == now.mtime_ns && old->size == now.size) {
            m_stats.unchanged += old->docs;
            ++m_stats.skipped_files;
            if (old->failed > 0)
                m_diag.warning(display, 0,
                               fmt::format("unchanged, not re-read: {} record{} failed when it was indexed",
                                           old->failed, old->failed == 1 ? "" : "s"));
            return;
        }

        auto bytes = read_bytes(path, now.size);
        if (!bytes) {
            m_diag.error(display, 0, fmt::format("cannot read: {}", std::strerror(errno)));
            return;
        }
        ++m_stats.files;
        m_stats.bytes += bytes->size();

        DecodedText text = decode_to_utf8(*bytes);
        bytes.reset();
        if (text.binary) {
            m_diag.warning(display, 0, "binary file skipped");
            return;
        }
        if (text.replaced > 0)
            m_diag.warning(display, 0,
                           fmt::format("invalid {} replaced ({} sequences)",
                                       is_utf8_charset(text.charset) ? "UTF-8" : text.charset + " bytes",
                                       text.replaced));
        else if (!is_utf8_charset(text.charset))  // a legitimate legacy encoding: worth a note, not a warning
            m_diag.report({Severity::note, display, 0, fmt::format("read as {}", text.charset)});

        FileContext fc;
        fc.display = display;
        fc.abs_path = abs;
        fc.path_term = bounded_term(schema::path_prefix, abs);
        std::error_code ec;
        fs::path rel = fs::relative(path, root, ec);
        fc.id_base = (ec || rel.empty() ? path.filename() : rel).generic_string();

        const std::string_view head = std::string_view(text.utf8).substr(0, detect_head_bytes);
        const std::string_view format =
            m_options.format == "auto" ? detect_format(display, head) : std::string_view(m_options.format);
        const std::size_t errors_before = m_diag.errors();
        parse(fc, format, text.utf8);
        if (stopped()) return;  // half-done: do not record the file as indexed

        remove_stale(fc);
        now.docs = fc.docs;
        now.failed = m_diag.errors() - errors_before;
        m_db.set_metadata(key, format_state(now, key_was_shortened(abs)));
    }

    void index_stdin() {
        std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        m_stats.bytes += bytes.size();
        ++m_stats.files;
        DecodedText text = decode_to_utf8(bytes);
        bytes.clear();
        if (text.replaced > 0)
            m_diag.warning(std::string(stdin_name), 0,
                           fmt::format("invalid UTF-8 replaced ({} sequences)", text.replaced));
        FileContext fc;
        fc.display = std::string(stdin_name);
        fc.id_base = "stdin";
        parse(fc, m_options.format == "auto" ? std::string_view("jsonl") : std::string_view(m_options.format),
              text.utf8);
    }

    const Parser& parser_for(std::string_view format) {
        auto it = m_parsers.find(format);
        if (it == m_parsers.end()) it = m_parsers.emplace(std::string(format), make_parser(format)).first;
        return *it->second;
    }

    void parse(FileContext& fc, std::string_view format, std::string_view text) {
        const Parser& parser = parser_for(format);
        // Once the stop flag is seen the remaining documents are ignored (the parser has no cancel).
        parser.parse(fc.display, text, m_diag, [&](Document&& doc) {
            if (!stopped()) add(std::move(doc), fc);
        });
    }

    // --- documents -----------------------------------------------------------------------------

    void add(Document&& doc, FileContext& fc) {
        if (doc.path.empty()) doc.path = fc.display;
        if (doc.id.empty()) {
            // The relative path; further id-less records of the same file get "#line" (or "#n").
            doc.id = fc.without_id == 0 ? fc.id_base
                                        : fmt::format("{}#{}", fc.id_base,
                                                      doc.line > 0 ? doc.line : fc.without_id + 1);
            ++fc.without_id;
        }
        std::string term = id_term(doc.id);
        std::string where = doc.line > 0 ? fmt::format("{}:{}", doc.path, doc.line) : doc.path;
        const auto [seen, first_time] = m_seen_ids.try_emplace(term, where);
        if (!first_time) {
            m_diag.warning(doc.path, doc.line,
                           fmt::format("duplicate id '{}' (replaces {})", doc.id, seen->second));
            seen->second = std::move(where);
        }
        for (const auto& [key, values] : doc.tags)
            if (!values.empty() && !m_tag_fields.count(key)) m_tag_fields.insert(key);

        if (const EntityExtractor* x = extractor()) x->annotate(doc);
        const Xapian::Document xdoc = build_document(doc, m_analyzer, fc.abs_path);
        const Xapian::docid old = find(term);
        // An id already indexed from another file in an earlier run: that file's copy is lost.
        if (old && first_time && source_term(old) != fc.path_term) {
            const Document was = decode_stored(m_db.get_document(old).get_data());
            m_diag.warning(doc.path, doc.line,
                           fmt::format("duplicate id '{}' (replaces {}{}, indexed earlier)", doc.id,
                                       was.path.empty() ? std::string(stdin_name) : was.path,
                                       was.line > 0 ? fmt::format(":{}", was.line) : ""));
        }
        const Xapian::docid did = m_db.replace_document(term, xdoc);
        // Xapian's spelling table: the document's folded body and title words ("Did you mean").
        for (const auto& word : spelling_words(xdoc)) m_db.add_spelling(word);
        // Aliases <-> canonical names, database-wide (stale pairs outlive their documents: harmless).
        for (auto& [from, to] : entity_synonyms(doc))
            if (m_synonyms.insert(from + '\n' + to).second) m_db.add_synonym(from, to);
        if (old)
            ++m_stats.updated;
        else
            ++m_stats.added;
        fc.docids.insert(did);
        ++fc.docs;

        m_pending_bytes += doc.text_bytes();
        if (m_pending_bytes >= m_options.commit_bytes) commit();
        maybe_progress();
    }

    /// The document holding unique term @p term, or 0.
    Xapian::docid find(const std::string& term) const {
        auto it = m_db.postlist_begin(term);
        return it == m_db.postlist_end(term) ? 0 : *it;
    }

    /// The `P` term of a document ("" when it came from stdin).
    std::string source_term(Xapian::docid did) const {
        const Xapian::Document d = m_db.get_document(did);
        auto it = d.termlist_begin();
        it.skip_to(std::string(schema::path_prefix));
        if (it != d.termlist_end() && (*it).starts_with(schema::path_prefix)) return *it;
        return {};
    }

    /// After a changed file: delete what it contributed before but not now.
    void remove_stale(const FileContext& fc) {
        if (fc.abs_path.empty()) return;
        const std::string term = bounded_term(schema::path_prefix, fc.abs_path);
        std::vector<Xapian::docid> stale;
        for (auto it = m_db.postlist_begin(term); it != m_db.postlist_end(term); ++it)
            if (!fc.docids.count(*it)) stale.push_back(*it);
        for (const auto did : stale) {
            m_db.delete_document(did);
            ++m_stats.removed;
        }
    }

    /// --prune: forget files recorded in the database that no longer exist.
    void prune() {
        std::vector<std::pair<std::string, std::string>> gone;  // key, abs path
        const std::string prefix(schema::meta_file_prefix);
        for (auto it = m_db.metadata_keys_begin(prefix); it != m_db.metadata_keys_end(prefix); ++it) {
            const std::string key = *it;
            const auto state = parse_state(m_db.get_metadata(key));
            std::string path = state && !state->path.empty() ? state->path : key.substr(prefix.size());
            std::error_code ec;
            if (!fs::exists(path, ec) && !ec) gone.emplace_back(key, std::move(path));
        }
        for (const auto& [key, path] : gone) {
            const std::string term = bounded_term(schema::path_prefix, path);
            m_stats.removed += m_db.get_termfreq(term);
            m_db.delete_document(term);
            m_db.set_metadata(key, "");
        }
    }

    // --- stop & progress -----------------------------------------------------------------------

    bool stopped() const { return m_options.stop && m_options.stop->load(std::memory_order_relaxed); }

    double elapsed() const { return std::chrono::duration<double>(Clock::now() - m_start).count(); }

    void maybe_progress() {
        if (!m_progress) return;
        const auto now = Clock::now();
        if (now - m_last_progress < progress_interval) return;
        m_last_progress = now;
        m_stats.seconds = elapsed();
        m_progress(m_stats);
    }

    const IndexOptions& m_options;
    DiagnosticSink& m_diag;
    const ProgressCallback& m_progress;
    /// The entity extractor in use, or nullptr when entities are off.
    const EntityExtractor* extractor() const {
        if (!m_options.entities) return nullptr;
        return m_options.extractor ? m_options.extractor : &*m_own_extractor;
    }

    Analyzer m_analyzer;
    std::optional<EntityExtractor> m_own_extractor;
    std::unordered_set<std::string> m_synonyms;  ///< "term\nsynonym" pairs added in this run
    Xapian::WritableDatabase m_db;
    fs::path m_db_dir;
    IndexStats m_stats;
    std::size_t m_pending_bytes = 0;
    std::map<std::string, std::unique_ptr<Parser>, std::less<>> m_parsers;
    std::unordered_map<std::string, std::string> m_seen_ids;  ///< id term -> "path:line" of its last occurrence
    std::unordered_set<std::string> m_done_files;
    std::set<std::string> m_tag_fields;
    std::set<std::string> m_recorded_tag_fields;
    Clock::time_point m_start;
    Clock::time_point m_last_progress;
};

}  // namespace

IndexStats build_index(const IndexOptions& options, DiagnosticSink& diag, const ProgressCallback& progress) {
    IndexWriter writer(options, diag, progress);
    return writer.run();
}

}  // namespace newsdex
