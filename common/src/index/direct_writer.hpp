/** @file
 * @brief Direct mode: one writer updating an existing database in place.
 */
#pragma once
#include <cstddef>
#include <set>
#include <string>
#include <unordered_set>

#include <xapian.h>

#include <newsdex/core/diagnostics.hpp>
#include <newsdex/index/indexer.hpp>

#include "index/item.hpp"
#include "index/spelling_buffer.hpp"

namespace newsdex {

/**
 * Writes into the database itself, in input order (docids follow the input order), inside Xapian
 * transactions committed every commit_bytes of text. A file's state metadata is written after its
 * last document in the same transaction, so an interrupted or crashed run never marks a half-indexed
 * file as done (the next run re-indexes it, replacing by id).
 */
class DirectWriter {
public:
    DirectWriter(Xapian::WritableDatabase& db, const IndexOptions& options, DiagnosticSink& diag, SharedStats& stats,
                 std::set<std::string> tag_fields, bool multi_shard)
        : m_db(db),
          m_options(options),
          m_diag(diag),
          m_stats(stats),
          m_tag_fields(std::move(tag_fields)),
          m_recorded_tag_fields(m_tag_fields),
          m_multi_shard(multi_shard) {}

    /// The run number recorded (schema::meta_run) with the first commit that changes a document.
    void set_run(std::uint64_t run) { m_run = run; }

    void begin() { m_db.begin_transaction(true); }

    /// Write a document, or (the end of a file) remove what the file no longer holds and record its state.
    void write(Item& item);

    /// Commit the pending transaction (with spelling and the tag-field list); start the next when @p more.
    void commit(bool more);

    /// --prune: forget files recorded in the database that no longer exist.
    void prune();

private:
    /// The document holding unique term @p term, or 0.
    Xapian::docid find(const std::string& term) const;

    /// After a changed file: delete what it contributed before but not now.
    void remove_stale(const FileContext& fc);

    Xapian::WritableDatabase& m_db;
    const IndexOptions& m_options;
    DiagnosticSink& m_diag;
    SharedStats& m_stats;
    SpellingBuffer m_spelling;
    std::unordered_set<std::string> m_synonyms;  ///< "term\nsynonym" pairs added in this run
    std::set<std::string> m_tag_fields;
    std::set<std::string> m_recorded_tag_fields;
    std::size_t m_pending_bytes = 0;
    bool m_multi_shard;
    std::uint64_t m_run = 0;
    bool m_changed = false;  ///< a document was added or replaced since the last commit
};

}  // namespace newsdex
