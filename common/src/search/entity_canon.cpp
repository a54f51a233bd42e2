/** @file
 * @brief Applying the corpus-level entity table when searching (see entity_canon.hpp).
 */
#include <newsdex/search/entity_canon.hpp>

#include <algorithm>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/schema/facet_codec.hpp>
#include <newsdex/schema/schema.hpp>

namespace newsdex {

namespace {

/// Written all in capitals: an ASCII capital and no ASCII lower-case letter.
bool all_caps(std::string_view s) noexcept {
    bool upper = false;
    for (const char c : s) {
        if (c >= 'a' && c <= 'z') return false;
        upper = upper || (c >= 'A' && c <= 'Z');
    }
    return upper;
}

}  // namespace

void EntityCanon::add_group(Table& t, const EntityGroup& g) {
    // Groups of this table that share a name with g merge into the first of them.
    std::uint32_t into = static_cast<std::uint32_t>(t.groups.size());
    for (const auto& m : g.members)
        if (const auto it = t.group_of.find(m); it != t.group_of.end()) into = std::min(into, it->second);
    if (into == t.groups.size()) t.groups.push_back({g.key, {}});
    EntityGroup& target = t.groups[into];
    const auto take = [&](const std::string& m) {
        const auto [it, added] = t.group_of.try_emplace(m, into);
        if (added) {
            target.members.push_back(m);
            return;
        }
        if (it->second == into) return;
        EntityGroup& other = t.groups[it->second];  // another group: move all of it
        for (auto& o : other.members) {
            t.group_of[o] = into;
            target.members.push_back(std::move(o));
        }
        other.members.clear();
    };
    for (const auto& m : g.members) take(m);
}

void EntityCanon::add_table(const EntityTable& table) const {
    for (std::size_t i = 0; i < m_tables.size(); ++i)
        for (const auto& g : table.groups[i]) add_group(m_tables[i], g);
    for (const EntityMove& m : table.moves)  // a name leaves a type once (the first database's move)
        if (m_tables[static_cast<std::size_t>(m.from) & 3u].moved_out.insert(m.name).second) {
            Table& to = m_tables[static_cast<std::size_t>(m.to) & 3u];
            to.moved_in.push_back(m);
            to.moved_in_from[m.name].push_back(m.from);
        }
}

void EntityCanon::load() const {
    std::call_once(m_loaded, [this] {
        for (const auto& db : m_pending) add_table(EntityTable::read(db));
    });
}

void EntityCanon::add(const EntityTable& table) {
    load();
    add_table(table);
}

bool EntityCanon::empty() const {
    load();
    return std::all_of(m_tables.begin(), m_tables.end(),
                       [](const Table& t) { return t.groups.empty() && t.moved_in.empty(); });
}

std::vector<EntityType> EntityCanon::moved_from(EntityType type, std::string_view folded) const {
    load();
    const auto& from = m_tables[static_cast<std::size_t>(type) & 3u].moved_in_from;
    const auto it = from.find(std::string(folded));
    return it == from.end() ? std::vector<EntityType>() : it->second;
}

void EntityCanon::add_moved_units(FacetColumn& column, EntityType type, const Xapian::Database& db) const {
    load();
    FacetColumn::ExtraUnits extra;
    for (const EntityMove& m : m_tables[static_cast<std::size_t>(type) & 3u].moved_in) {
        const std::string term = std::string(schema::entity_field(m.from).exact_prefix) + m.name;
        std::vector<Xapian::docid> docids;
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) docids.push_back(*it);
        if (!docids.empty()) extra.emplace_back(m.spelling, std::move(docids));
    }
    column.add_units(extra);
}

std::span<const std::string> EntityCanon::members(EntityType type, std::string_view folded) const {
    load();
    const Table& t = m_tables[static_cast<std::size_t>(type) & 3u];
    const auto it = t.group_of.find(std::string(folded));
    if (it == t.group_of.end()) return {};
    return t.groups[it->second].members;
}

std::string_view EntityCanon::key(EntityType type, std::string_view folded) const {
    load();
    const Table& t = m_tables[static_cast<std::size_t>(type) & 3u];
    if (t.group_of.empty()) return folded;
    const auto it = t.group_of.find(std::string(folded));
    return it == t.group_of.end() ? folded : std::string_view(t.groups[it->second].key);
}

std::size_t pick_display(const std::vector<std::string_view>& names, const std::vector<Xapian::doccount>& documents,
                         const std::vector<bool>& full) {
    const bool any_full = std::find(full.begin(), full.end(), true) != full.end();
    std::size_t mixed = names.size(), caps = names.size();
    const auto better = [&](std::size_t a, std::size_t b) {
        if (b == names.size()) return true;
        if (documents[a] != documents[b]) return documents[a] > documents[b];
        return names[a] < names[b];
    };
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (any_full && !full[i]) continue;
        std::size_t& best = all_caps(names[i]) ? caps : mixed;
        if (better(i, best)) best = i;
    }
    if (mixed == names.size()) return caps;
    if (caps == names.size()) return mixed;
    const bool one_word = names[caps].find(' ') == std::string_view::npos;
    return one_word && documents[caps] >= kCapsDominance * documents[mixed] ? caps : mixed;
}

std::vector<std::uint32_t> EntityCanon::merge_column(FacetColumn& column, EntityType type) const {
    const std::size_t n = column.size();
    const std::vector<Xapian::doccount> docs = column.unit_documents();
    std::unordered_map<std::string, std::uint32_t> by_key;
    std::vector<std::uint32_t> to(n);
    std::vector<std::vector<std::uint32_t>> sets;
    std::vector<std::string> folded(n);
    std::vector<std::string> keys;
    const auto& moved_out = m_tables[static_cast<std::size_t>(type) & 3u].moved_out;
    for (std::uint32_t u = 0; u < n; ++u) {
        folded[u] = fold_exact_value(column.unit(u));
        if (!moved_out.empty() && moved_out.count(folded[u])) {
            to[u] = FacetColumn::dropped;
            continue;
        }
        const std::string_view k = key(type, folded[u]);
        const auto [it, added] = by_key.try_emplace(std::string(k), static_cast<std::uint32_t>(sets.size()));
        if (added) {
            sets.emplace_back();
            keys.emplace_back(k);
        }
        to[u] = it->second;
        sets[it->second].push_back(u);
    }
    std::vector<std::string> names(sets.size());
    std::vector<std::string_view> spellings;
    std::vector<Xapian::doccount> counts;
    std::vector<bool> full;
    for (std::size_t s = 0; s < sets.size(); ++s) {
        spellings.clear();
        counts.clear();
        full.clear();
        for (const std::uint32_t u : sets[s]) {
            spellings.push_back(column.unit(u));
            counts.push_back(docs[u]);
            full.push_back(folded[u] == keys[s]);
        }
        names[s] = std::string(spellings[pick_display(spellings, counts, full)]);
    }
    column.regroup(to, names);
    return to;
}

std::vector<FacetValue> EntityCanon::merge_lists(EntityType type, const ValueCounter& lists) const {
    std::unordered_map<std::string, Xapian::doccount> spellings, entities;  // documents of each
    std::vector<std::string_view> values;
    std::vector<std::string> keys;
    const auto& moved_out = m_tables[static_cast<std::size_t>(type) & 3u].moved_out;
    lists.for_each([&](std::string_view raw, Xapian::doccount n) {
        values.clear();
        keys.clear();
        decode_facet_values(raw, values);
        for (const std::string_view v : values) {
            std::string folded = fold_exact_value(v);
            if (moved_out.count(folded)) continue;  // counted under its other type where that is read
            spellings[std::string(v)] += n;
            std::string k(key(type, folded));
            if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
        }
        for (auto& k : keys) entities[std::move(k)] += n;
    });
    std::unordered_map<std::string, std::vector<std::pair<std::string_view, Xapian::doccount>>> by_key;
    for (const auto& [spelling, n] : spellings)
        by_key[std::string(key(type, fold_exact_value(spelling)))].emplace_back(spelling, n);
    std::vector<FacetValue> out;
    std::vector<std::string_view> names;
    std::vector<Xapian::doccount> counts;
    std::vector<bool> full;
    for (const auto& [k, list] : by_key) {
        names.clear();
        counts.clear();
        full.clear();
        for (const auto& [spelling, n] : list) {
            names.push_back(spelling);
            counts.push_back(n);
            full.push_back(fold_exact_value(spelling) == k);
        }
        out.push_back({std::string(names[pick_display(names, counts, full)]), entities[k]});
    }
    return out;
}

bool entity_type_of_slot(Xapian::valueno slot, EntityType& type) noexcept {
    for (const EntityType t : entity_types)
        if (schema::entity_facet_slot(t) == slot) {
            type = t;
            return true;
        }
    return false;
}

}  // namespace newsdex
