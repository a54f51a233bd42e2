/** @file
 * @brief DirectWriter (index/direct_writer.hpp).
 */
#include "index/direct_writer.hpp"

#include <filesystem>
#include <utility>
#include <vector>

#include <newsdex/analysis/terms.hpp>
#include <newsdex/index/document_builder.hpp>
#include <newsdex/schema/stored.hpp>
#include <newsdex/schema/schema.hpp>

#include "index/file_state.hpp"

namespace newsdex {

void DirectWriter::write(Item& item) {
    if (item.kind == Item::Kind::file_done) {
        remove_stale(*item.fc);
        m_db.set_metadata(item.state_key, item.state);
        return;
    }
    for (auto& f : item.new_tag_fields) m_tag_fields.insert(std::move(f));
    // The producer looked the id up in the database as it was: no look-up here (a look-up by
    // term would also make Xapian flush its buffered positions for every document).
    Xapian::docid did = item.old_docid;
    bool updated = did != 0;
    if (did) {
        m_db.replace_document(did, item.xdoc);
    } else if (item.first_time) {
        did = m_db.add_document(item.xdoc);
    } else {  // a repeated id of this run: replaces its earlier copy
        updated = find(item.term) != 0;
        did = m_db.replace_document(item.term, item.xdoc);
    }
    // Xapian 1.4 may return a shard-local docid from a writable stub: look it up instead.
    if (m_multi_shard) did = find(item.term);
    m_spelling.add(item.spelling);
    // Aliases <-> canonical names, database-wide (stale pairs outlive their documents: harmless).
    for (auto& [from, to] : item.synonyms)
        if (m_synonyms.insert(from + '\n' + to).second) m_db.add_synonym(from, to);
    m_stats.update([&](IndexStats& s) { ++(updated ? s.updated : s.added); });
    m_changed = true;
    item.fc->docids.insert(did);
    m_pending_bytes += item.text_bytes;
    if (m_pending_bytes >= m_options.commit_bytes) commit(true);
}

void DirectWriter::commit(bool more) {
    m_spelling.flush(m_db);
    if (m_tag_fields != m_recorded_tag_fields) {
        m_db.set_metadata(std::string(schema::meta_tag_fields), tag_fields_value(m_tag_fields));
        m_recorded_tag_fields = m_tag_fields;
    }
    if (m_changed && m_run > 0) m_db.set_metadata(std::string(schema::meta_run), std::to_string(m_run));
    m_changed = false;
    m_db.commit_transaction();
    if (more) m_db.begin_transaction(true);
    m_pending_bytes = 0;
}

void DirectWriter::prune() {
    std::vector<std::pair<std::string, std::string>> gone;  // key, abs path
    const std::string prefix(schema::meta_file_prefix);
    for (auto it = m_db.metadata_keys_begin(prefix); it != m_db.metadata_keys_end(prefix); ++it) {
        const std::string key = *it;
        const auto state = parse_state(m_db.get_metadata(key));
        std::string path = state && !state->path.empty() ? state->path : key.substr(prefix.size());
        std::error_code ec;
        if (!std::filesystem::exists(path, ec) && !ec) gone.emplace_back(key, std::move(path));
    }
    std::size_t removed = 0;
    for (const auto& [key, path] : gone) {
        const std::string term = bounded_term(schema::path_prefix, path);
        removed += m_db.get_termfreq(term);
        m_db.delete_document(term);
        m_db.set_metadata(key, "");
    }
    m_stats.update([&](IndexStats& s) { s.removed += removed; });
}

Xapian::docid DirectWriter::find(const std::string& term) const {
    auto it = m_db.postlist_begin(term);
    return it == m_db.postlist_end(term) ? 0 : *it;
}

void DirectWriter::remove_stale(const FileContext& fc) {
    if (fc.abs_path.empty()) return;
    const std::unordered_set<Xapian::docid> kept(fc.kept.begin(), fc.kept.end());
    std::vector<Xapian::docid> stale;
    for (auto it = m_db.postlist_begin(fc.path_term); it != m_db.postlist_end(fc.path_term); ++it)
        if (!fc.docids.count(*it) && !kept.count(*it)) stale.push_back(*it);
    for (const auto did : stale) m_db.delete_document(did);
    m_stats.update([&](IndexStats& s) { s.removed += stale.size(); });
}

}  // namespace newsdex
