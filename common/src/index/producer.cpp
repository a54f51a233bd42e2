/** @file
 * @brief Producer (index/producer.hpp): inputs to documents with ids, terms and record hashes.
 */
#include "index/producer.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <iterator>
#include <utility>

#include <fmt/format.h>
#include <oneapi/tbb/task_arena.h>

#include <newsdex/analysis/terms.hpp>
#include <newsdex/index/document_builder.hpp>
#include <newsdex/schema/stored.hpp>
#include <newsdex/schema/schema.hpp>

#include "schema/record_hash.hpp"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

/// The size of the chunks a big input is parsed in: a few of them per thread are in memory at once.
constexpr std::size_t chunk_bytes = std::size_t{256} << 10;
/// How many chunks, per thread, are parsed ahead of the one whose documents are being handed on.
constexpr std::size_t chunks_ahead_per_thread = 4;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

Producer::Producer(const IndexOptions& options, DiagnosticSink& diag, SharedStats& stats,
                   std::optional<Xapian::Database> reader, std::set<std::string> tag_fields, fs::path db_dir,
                   std::size_t shards, std::size_t segment_base, StaleCopies* stale, Emit emit)
    : m_options(options),
      m_diag(diag),
      m_stats(stats),
      m_reader(std::move(reader)),
      m_tag_fields(std::move(tag_fields)),
      m_db_dir(std::move(db_dir)),
      m_shards(shards),
      m_segment_base(segment_base),
      m_stale(stale),
      m_emit(std::move(emit)),
      m_parse_threads(options.threads > 0 ? options.threads : default_index_threads()) {
    m_time.parse_threads = std::max(m_parse_threads, 1u);
}

Producer::~Producer() = default;

void Producer::run() {
    const auto start = Clock::now();
    for (const auto& input : m_options.inputs) {
        if (stopped()) break;
        index_input(input);
    }
    m_time.read_busy_s = seconds_since(start) - m_waited_s;
}

void Producer::emit(std::unique_ptr<Item> item) {
    const auto start = Clock::now();
    m_emit(std::move(item));
    m_waited_s += seconds_since(start);
}

// --- inputs --------------------------------------------------------------------------------------

void Producer::index_input(const std::string& input) {
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
    if (!fs::is_directory(st)) {
        const fs::path p(input);
        index_file(p, input_root(p));
        return;
    }
    const fs::path root(input);
    const DirectoryWalk walk{[this](const fs::path& dir) { return is_own_directory(dir); },
                             [this] { return stopped(); }, [&](const fs::path& file) { index_file(file, root); },
                             m_options.follow};
    walk_directory(root, walk, m_diag);
}

bool Producer::is_own_directory(const fs::path& dir) const {
    std::error_code ec;
    const fs::path c = fs::weakly_canonical(fs::absolute(dir), ec);
    if (ec) return false;
    if (c == m_db_dir) return true;
    // The scratch directory of a fresh sharded build.
    return c.string() == m_db_dir.string() + std::string(build_dir_suffix);
}

/// Metadata of the database as it was when the run started ("" when fresh).
std::string Producer::db_metadata(const std::string& key) {
    if (!m_reader) return {};
    return with_reader([&] { return m_reader->get_metadata(key); });
}

/// Run a read on the snapshot, reopening it when the writer's commits have overtaken it.
template <typename F>
auto Producer::with_reader(F&& f) -> decltype(f()) {
    for (int attempt = 0;; ++attempt) {
        try {
            return f();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 5) throw;
            m_reader->reopen();
        }
    }
}

void Producer::index_file(const fs::path& path, const fs::path& root) {
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
    if (unchanged(now, key, display)) return;

    auto bytes = read_input_file(path, display, now.size, m_options.format, m_diag);
    if (!bytes) return;
    m_stats.update([&](IndexStats& s) {
        ++s.files;
        s.bytes += bytes->view().size();
    });

    auto fc = std::make_shared<FileContext>();
    fc->display = display;
    fc->abs_path = abs;
    fc->path_term = bounded_term(schema::path_prefix, abs);
    const std::size_t errors_before = m_diag.errors();
    std::size_t docs = 0;
    // The members of an archive are inputs of their own; the archive's file state and stale-document
    // removal cover them all.
    InputTextOptions reading;
    reading.format = m_options.format;
    reading.stopped = [this] { return stopped(); };
    const bool text = read_input_text(display, input_id_base(path, root), bytes->view(), reading, m_diag,
                                      [&](const InputText& input) { docs += parse(fc, input); });
    if (!text) return;  // binary: not recorded
    fc->display = display;
    bytes.reset();
    if (stopped()) return;  // half-done: do not record the file as indexed

    now.docs = docs;
    now.failed = m_diag.errors() - errors_before;
    auto done = std::make_unique<Item>();
    done->kind = Item::Kind::file_done;
    done->fc = std::move(fc);
    done->state_key = key;
    done->state = format_state(now, key_was_shortened(abs));
    emit(std::move(done));
}

bool Producer::unchanged(const FileState& now, const std::string& key, const std::string& display) {
    const auto old = parse_state(db_metadata(key));
    if (!old || old->mtime_ns != now.mtime_ns || old->size != now.size) return false;
    m_stats.update([&](IndexStats& s) {
        s.unchanged += old->docs;
        ++s.skipped_files;
    });
    if (old->failed > 0)
        m_diag.warning(display, 0,
                       fmt::format("unchanged, not re-read: {} record{} failed when it was indexed", old->failed,
                                   old->failed == 1 ? "" : "s"));
    return true;
}

void Producer::index_stdin() {
    std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    m_stats.update([&](IndexStats& s) {
        s.bytes += bytes.size();
        ++s.files;
    });
    auto fc = std::make_shared<FileContext>();
    read_stdin_text(std::move(bytes), m_options.format, m_diag, [&](const InputText& input) { parse(fc, input); });
}

// --- records -------------------------------------------------------------------------------------

const Parser& Producer::parser_for(std::string_view format) {
    auto it = m_parsers.find(format);
    if (it == m_parsers.end()) it = m_parsers.emplace(std::string(format), make_parser(format)).first;
    return *it->second;
}

/// Parse one input (a file, or a member of an archive file); returns the number of its documents in
/// this shard (written or kept).
std::size_t Producer::parse(const std::shared_ptr<FileContext>& fc, const InputText& input) {
    fc->display = input.display;
    fc->ids.reset(input.id_base);
    const Parser& parser = parser_for(input.format);
    std::size_t docs = 0;
    const std::uint64_t seed = raw_record_seed(parser.name(), fc->display, fc->abs_path, m_options.entities);
    const bool rerun = m_reader && !fc->path_term.empty();
    m_raw = {};
    if (m_parse_threads > 1 && input.utf8.size() >= 2 * chunk_bytes)
        if (auto chunks = parser.split(input.utf8, chunk_bytes); !chunks.empty())
            return parse_chunks(fc, parser, std::move(chunks), seed);
    // Once the stop flag is seen the remaining records are ignored (the parser has no cancel).
    parser.parse_wanted(
        fc->display, input.utf8, m_diag,
        [&](Document&& doc) {
            if (!stopped() && add(std::move(doc), fc)) ++docs;
        },
        [&](std::string_view raw, std::size_t line) {
            if (stopped()) return false;
            const std::uint64_t h = raw_record_hash(seed, line, raw);
            if (rerun && keep_unchanged(*fc, h)) {
                ++docs;
                return false;  // not even parsed
            }
            m_raw = {line, h};
            return true;
        });
    return docs;
}

/**
 * Parse @p chunks of one input on several threads, then, in input order, do what parse() does as the
 * parser goes: the raw records (RecordFilter) whose hash the database has are held back unparsed by
 * the parsing threads and decided here (keep_unchanged), the others are hashed there.
 */
std::size_t Producer::parse_chunks(const std::shared_ptr<FileContext>& fc, const Parser& parser,
                                   std::vector<TextChunk> chunks, std::uint64_t seed) {
    // Read before the parsing threads look at it; read-only from then on.
    const auto* const known = m_reader && !fc->path_term.empty() ? &known_hashes(*fc) : nullptr;
    RecordTriage triage = [this, seed, known](std::string_view raw, std::size_t line, std::uint64_t& h) {
        if (stopped()) return false;
        h = raw_record_hash(seed, line, raw);
        return !known || (!known->contains(h) && !known->contains(h | 1));
    };
    if (!m_arena) m_arena = std::make_unique<tbb::task_arena>(static_cast<int>(m_parse_threads));
    ChunkParser chunk_parser(parser, fc->display, std::move(chunks), std::move(triage), *m_arena,
                             chunks_ahead_per_thread * m_parse_threads);
    std::size_t docs = 0;
    const DocumentSink add_one = [&](Document&& doc) {
        if (!stopped() && add(std::move(doc), fc)) ++docs;
    };
    for (;;) {
        const auto start = Clock::now();
        ParsedChunk* chunk = chunk_parser.next();
        m_waited_s += seconds_since(start);  // parsing it here counts as parsing
        if (!chunk) break;
        replay(*chunk, parser, *fc, add_one, docs);
    }
    m_time.parse_busy_s += chunk_parser.parse_seconds();
    return docs;
}

/// What the parser did with one chunk, in order, as parse() would have done it.
void Producer::replay(ParsedChunk& chunk, const Parser& parser, FileContext& fc, const DocumentSink& add_one,
                      std::size_t& docs) {
    using Kind = ParsedChunk::Kind;
    bool skipping = false;  // a raw record found after the stop: left unparsed, as parse() leaves it
    for (const ParsedChunk::Event& e : chunk.events) {
        switch (e.kind) {
            case Kind::record:
                skipping = stopped();
                m_raw = {chunk.records[e.index].line, chunk.records[e.index].value};
                break;
            case Kind::held: {
                skipping = false;
                const ParsedChunk::Record& r = chunk.records[e.index];
                if (stopped()) break;
                if (m_reader && keep_unchanged(fc, r.value)) {
                    ++docs;
                    break;
                }
                // Its id was claimed by a changed record of this run: parsed after all.
                m_raw = {r.line, r.value};
                (void)parser.parse_chunk(fc.display, {r.raw, r.line}, m_diag, add_one, {});
                break;
            }
            case Kind::diagnostic:
                if (!skipping) m_diag.report(std::move(chunk.diagnostics[e.index]));
                break;
            case Kind::document:
                if (!skipping) add_one(std::move(chunk.documents[e.index]));
                break;
        }
    }
    if (chunk.failure) std::rethrow_exception(chunk.failure);
}

/**
 * A re-run, a record of raw hash @p h (lowest bit clear): whether it is in the database as it is
 * (same bytes, same place); its document is then kept. Not when a changed record of this run has
 * already taken its id (it is parsed then, and replaces that record: the last copy of an id wins).
 */
bool Producer::keep_unchanged(FileContext& fc, std::uint64_t h) {
    const auto& known = known_hashes(fc);
    for (const std::uint64_t key : {h, h | 1}) {  // lowest bit set: the record has no id of its own
        const auto it = known.find(key);
        if (it == known.end()) continue;
        if (claim(it->second) == Claim::replaced) return false;
        claim(it->second) = Claim::kept;
        fc.kept.push_back(it->second);
        if (key & 1) fc.ids.skip_one();  // as if its id had been given to it: numbering goes on
        m_stats.update([](IndexStats& s) { ++s.unchanged; });
        return true;
    }
    return false;
}

Producer::Claim& Producer::claim(Xapian::docid did) {
    if (did >= m_claims.size()) m_claims.resize(std::max<std::size_t>(did + 1, m_reader->get_lastdocid() + 1));
    return m_claims[did];
}

/// The record hashes of the documents of @p fc's file (a changed file), read once.
const std::unordered_map<std::uint64_t, Xapian::docid>& Producer::known_hashes(FileContext& fc) {
    if (!fc.known_hashes) fc.known_hashes = with_reader([&] { return hashes_of(fc.path_term); });
    return *fc.known_hashes;
}

/// Prepare one parsed document; false when it belongs to another shard (--shard K/N) or repeats an
/// id of this run (it replaces that document: the file's document count stays).
bool Producer::add(Document&& doc, const std::shared_ptr<FileContext>& fc) {
    // Without an id: the relative path; further id-less records of the same file get "#line" (or "#n").
    const bool without_id = fc->ids.name(doc, fc->display);
    auto item = std::make_unique<Item>();
    item->term = id_term(doc.id);
    if (m_options.shard_count > 1 && stable_id_hash(item->term) % m_options.shard_count != m_options.shard_index)
        return false;

    // Where the id was seen, kept for a duplicate's warning: the path is shared by the records
    // of a file (formatting "path:line" for every record cost more than the rest of a re-run's
    // look-up of an unchanged record).
    if (!m_last_path || *m_last_path != doc.path) m_last_path = std::make_shared<const std::string>(doc.path);
    auto [seen, first_time] = m_seen_ids.try_emplace(item->term, SeenId{m_last_path, doc.line, 0, 0});
    if (!first_time) {
        const SeenId& was = seen->second;
        m_diag.warning(doc.path, doc.line,
                       fmt::format("duplicate id '{}' (replaces {}{})", doc.id, *was.path,
                                   was.line > 0 ? fmt::format(":{}", was.line) : ""));
        seen->second.path = m_last_path;
        seen->second.line = doc.line;
    } else if (m_segment_base == 0) {
        seen->second.shard = m_next_seq++ % m_shards;  // shards: input order, round robin
    }
    item->first_time = first_time;
    item->shard = seen->second.shard;
    // A raw record (the parser asked about it just before): its raw hash, and whether it had an id.
    item->hash = m_raw.line != 0 && m_raw.line == doc.line ? m_raw.hash | (without_id ? 1 : 0)
                                                           : record_hash(doc, fc->abs_path, m_options.entities);
    m_raw = {};

    if (first_time && m_reader && !look_up(*item, doc, *fc)) {
        // A changed file: its records that did not change stay as they are.
        fc->kept.push_back(item->old_docid);
        m_stats.update([](IndexStats& s) { ++s.unchanged; });
        return true;
    }
    for (const auto& [key, values] : doc.tags)
        if (!values.empty() && m_tag_fields.insert(key).second) item->new_tag_fields.push_back(key);
    cut_document(doc, m_diag);
    item->text_bytes = doc.text_bytes();
    if (m_segment_base > 0) assign_segment(*item, seen->second);
    item->doc = std::move(doc);
    item->fc = fc;
    emit(std::move(item));
    return first_time;
}

/**
 * Find the document already holding the id (item.old_docid); false when it is unchanged (same
 * record hash). Warns when it came from another file, whose copy is then lost.
 */
bool Producer::look_up(Item& item, const Document& doc, FileContext& fc) {
    // Most records of a changed file are unchanged: their hash (which covers the id, the file
    // and the line) is among those the file's documents have, found in one pass over the file.
    if (!fc.path_term.empty()) {
        const auto& known = known_hashes(fc);
        if (const auto it = known.find(item.hash); it != known.end()) {
            item.old_docid = it->second;
            return false;
        }
    }
    return with_reader([&]() -> bool {
        auto it = m_reader->postlist_begin(item.term);
        if (it == m_reader->postlist_end(item.term)) return true;
        item.old_docid = *it;
        const Xapian::Document old = m_reader->get_document(item.old_docid, Xapian::DOC_ASSUME_VALID);
        if (claim(item.old_docid) == Claim::kept) {
            // A record of this run kept it unparsed (so its id was never seen): a repeated id.
            const Document was = decode_stored(old.get_data());
            m_diag.warning(doc.path, doc.line,
                           fmt::format("duplicate id '{}' (replaces {}{})", doc.id, was.path,
                                       was.line > 0 ? fmt::format(":{}", was.line) : ""));
            return true;
        }
        claim(item.old_docid) = Claim::replaced;
        if (parse_hash_value(old.get_value(schema::slot_record_hash)) == item.hash) return false;
        auto t = old.termlist_begin();
        t.skip_to(std::string(schema::path_prefix));
        const bool from_a_file = t != old.termlist_end() && (*t).starts_with(schema::path_prefix);
        const bool same_file = from_a_file ? *t == fc.path_term : fc.path_term.empty();
        if (!same_file) {
            const Document was = decode_stored(old.get_data());
            m_diag.warning(doc.path, doc.line,
                           fmt::format("duplicate id '{}' (replaces {}{}, indexed earlier)", doc.id,
                                       was.path.empty() ? std::string(stdin_display_name) : was.path,
                                       was.line > 0 ? fmt::format(":{}", was.line) : ""));
        }
        return true;
    });
}

/// The record hashes (value slot) of the documents holding @p path_term, with their docids.
std::unordered_map<std::uint64_t, Xapian::docid> Producer::hashes_of(const std::string& path_term) const {
    std::unordered_map<std::uint64_t, Xapian::docid> out;
    out.reserve(m_reader->get_termfreq(path_term));
    auto v = m_reader->valuestream_begin(schema::slot_record_hash);
    const auto v_end = m_reader->valuestream_end(schema::slot_record_hash);
    for (auto p = m_reader->postlist_begin(path_term); p != m_reader->postlist_end(path_term) && v != v_end; ++p) {
        v.skip_to(*p);
        if (v != v_end && v.get_docid() == *p)
            if (const auto h = parse_hash_value(*v)) out.emplace(*h, *p);
    }
    return out;
}

/// Put @p item in the current segment (starting the next one when this one is full).
void Producer::assign_segment(Item& item, SeenId& seen) {
    if (m_segment_fill >= segment_bytes(m_segment_base, m_segment)) {
        ++m_segment;
        m_segment_fill = 0;
    }
    m_segment_fill += item.text_bytes + 1;  // + 1: empty documents fill segments too
    // A repeated id: its copy in another segment goes before the merge (the same segment's
    // writer replaces it in place).
    if (!item.first_time && seen.segment != m_segment) (*m_stale)[seen.segment].push_back(item.term);
    seen.segment = m_segment;
    item.segment = m_segment;
    item.shard = m_segment % m_shards;
}

}  // namespace newsdex
