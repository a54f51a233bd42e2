/** @file
 * @brief ShardWriter (index/shard_writer.hpp).
 */
#include "index/shard_writer.hpp"

#include <exception>
#include <thread>

#include <fmt/format.h>

#include <newsdex/analysis/spelling.hpp>

namespace newsdex {

namespace {

/// Distinct spelling words a shard writer buffers before writing them (about 100 bytes each).
constexpr std::size_t spelling_buffer_words = 500'000;

}  // namespace

void ShardWriter::start(std::map<std::string, std::string> metadata) {
    m_metadata = std::move(metadata);
    if (!m_segmented) open((m_build / fmt::format("shard-{}", m_index)).string(), m_index);
    m_thread.start([this](Item& item) { write(item); }, [this] { close(); });
}

void ShardWriter::open(const std::string& path, std::size_t number) {
    // Scratch space until the merge: no fsync.
    m_db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    for (const auto& [k, v] : m_metadata) m_db.set_metadata(k, v);
    m_databases.emplace_back(number, path);
    m_open = true;
}

void ShardWriter::write(Item& item) {
    if (m_segmented && (!m_open || item.segment != m_databases.back().first)) {
        close(false);
        open((m_build / fmt::format("seg-{:06}", item.segment)).string(), item.segment);
    }
    // A fresh database: an id seen for the first time is new; a repeated one replaces its
    // earlier copy when that is in this database (otherwise the earlier copy is deleted before
    // the merge: StaleCopies).
    if (item.first_time)
        m_db.add_document(item.xdoc);
    else
        m_db.replace_document(item.term, item.xdoc);
    if (!m_segmented) m_spelling.add(item.spelling);  // segments: read back when closed
    for (auto& [from, to] : item.synonyms)
        if (m_synonyms.insert(from + '\n' + to).second) m_db.add_synonym(from, to);
    m_stats.update([&](IndexStats& s) { ++(item.first_time ? s.added : s.updated); });
    m_pending_bytes += item.text_bytes;
    if (!m_segmented && m_pending_bytes >= m_commit_bytes) commit(false);
}

/**
 * Commit. The spelling words are added up over the whole build and written once at the end
 * (fewer spelling-table updates), or when there are spelling_buffer_words of them.
 */
void ShardWriter::commit(bool last) {
    if (m_segmented) {
        // Written at the end by the run (spelling_part), unless there are too many to keep.
        std::size_t words = 0;
        for (const auto& part : m_parts) words += part.size();
        if (words >= spelling_buffer_words)
            for (auto& part : m_parts) part.flush(m_db);
    } else if (last || m_spelling.size() >= spelling_buffer_words) {
        m_spelling.flush(m_db);
    }
    m_db.commit();
    m_pending_bytes = 0;
}

/// Commit and close the open database; @p last: the build is over (spelling words go in).
void ShardWriter::close(bool last) {
    if (!m_open) return;
    commit(last);
    if (m_segmented) {
        // The segment's spelling words, from its terms: a few thousand distinct words instead of
        // every document's (spelling_words would have built and counted ~80 per document).
        spelling_word_counts(m_db, [this](std::string&& w, Xapian::termcount n) {
            m_parts[std::hash<std::string>{}(w) % m_parts.size()].add(std::move(w), n);
        });
    }
    m_db.close();
    m_open = false;
}

std::vector<std::string> write_spelling(const std::filesystem::path& build,
                                        std::vector<std::unique_ptr<ShardWriter>>& writers) {
    const std::size_t parts = writers.size();
    std::vector<std::string> paths(parts);
    std::vector<std::exception_ptr> errors(parts);
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < parts; ++k) {
        threads.emplace_back([&, k] {
            try {
                SpellingBuffer words;
                for (auto& w : writers) w->spelling_part(k, words);
                if (words.size() == 0) return;
                const std::string path = (build / fmt::format("spelling-{}", k)).string();
                Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
                words.flush(db);
                db.commit();
                db.close();
                paths[k] = path;
            } catch (...) {
                errors[k] = std::current_exception();
            }
        });
    }
    for (auto& t : threads) t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    std::erase(paths, std::string());
    return paths;
}

}  // namespace newsdex
