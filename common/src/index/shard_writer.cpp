/** @file
 * @brief ShardWriter (index/shard_writer.hpp).
 */
#include "index/shard_writer.hpp"

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
    if (!m_segmented && (last || m_spelling.size() >= spelling_buffer_words)) m_spelling.flush(m_db);
    m_db.commit();
    m_pending_bytes = 0;
}

/// Commit and close the open database; @p last: the build is over (spelling words go in).
void ShardWriter::close(bool last) {
    if (!m_open) return;
    commit(last);
    SpellingBuffer words;  // segments: the merger writes them
    if (m_segmented)
        spelling_word_counts(m_db, [&](std::string&& w, Xapian::termcount n) { words.add(std::move(w), n); });
    m_db.close();
    m_open = false;
    if (m_segmented && m_closed) m_closed(m_databases.back().first, m_databases.back().second, std::move(words));
}

}  // namespace newsdex
