/** @file
 * @brief The corpus-level entity table: which folded entity names denote one entity across a database.
 *
 * A document's entities are canonicalised per document by the resolver; across documents the same
 * entity still appears under several names (`SEC` / `Securities and Exchange Commission`,
 * `Midcontinent` / `Midcontinent Airlines`). The indexer rebuilds this table at the end of every run
 * from what the database holds (index/entity_table.hpp) and stores it as metadata, one key per entity
 * type; the searcher applies it when counting facets and answering entity queries
 * (search/entity_canon.hpp), so documents indexed earlier join names met later without re-indexing.
 *
 * Names are folded exactly as entity terms are (fold_exact_value: lower case, spaces collapsed), so
 * case variants need no entry: only groups of two or more distinct folded names are stored. Each
 * group has a key: the folded full form the group is displayed and counted under.
 */
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/// Folded names of one entity; @c key is one of @c members (the full form).
struct EntityGroup {
    std::string key;
    std::vector<std::string> members;  ///< sorted, key included
    friend bool operator==(const EntityGroup&, const EntityGroup&) = default;
};

/**
 * A name the tagger gave several types across the corpus, counted under the one its entity mostly has
 * (`GATT` tagged a person in a few headlines, an organisation elsewhere): documents that hold it under
 * @c from count for it under @c to. The name keeps its folded form; @c spelling is how a document
 * writes it (what a facet shows when the target type has no spelling of its own).
 */
struct EntityMove {
    EntityType from = EntityType::misc, to = EntityType::misc;
    std::string name, spelling;
    friend bool operator==(const EntityMove&, const EntityMove&) = default;
};

/// The groups of every entity type, indexed by EntityType, and the names moved between types.
struct EntityTable {
    std::array<std::vector<EntityGroup>, 4> groups;
    std::vector<EntityMove> moves;

    [[nodiscard]] std::vector<EntityGroup>& of(EntityType t) { return groups[static_cast<std::size_t>(t) & 3u]; }
    [[nodiscard]] const std::vector<EntityGroup>& of(EntityType t) const {
        return groups[static_cast<std::size_t>(t) & 3u];
    }
    [[nodiscard]] bool empty() const noexcept;

    /// Read the table of @p db (empty when it has none, e.g. a database indexed before it existed).
    static EntityTable read(const Xapian::Database& db);
    /// Replace the table recorded in @p db (not committed).
    void write(Xapian::WritableDatabase& db) const;
};

/// The metadata key holding the groups of @p type: `newsdex:entities:` + the type's name.
std::string entity_table_key(EntityType type);
/// The metadata key holding the moves: `newsdex:entities:moves`.
std::string entity_moves_key();

/// One line a move: from TAB to TAB name TAB spelling (type names as entity_type_name()).
std::string encode_entity_moves(const std::vector<EntityMove>& moves);
/// What encode_entity_moves() wrote; malformed lines are skipped.
std::vector<EntityMove> decode_entity_moves(std::string_view data);

/// One line a group: key TAB member TAB member...; names holding a tab or newline are left out.
std::string encode_entity_groups(const std::vector<EntityGroup>& groups);
/// What encode_entity_groups() wrote; malformed lines (fewer than two names) are skipped.
std::vector<EntityGroup> decode_entity_groups(std::string_view data);

}  // namespace newsdex
