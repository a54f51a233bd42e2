/** @file
 * @brief Applying the corpus-level entity table (schema/entity_table.hpp) when searching.
 *
 * Facets: an entity slot's column is regrouped once per Searcher (FacetColumn::regroup) so that
 * every name of one entity, case variants included, is one facet value and a document counts once
 * for it; counting itself costs what it did. The value shown is the group's full form (its key) as
 * most documents write it, never all in capitals when a mixed-case spelling exists (`Reagan`, not
 * `REAGAN`), except a single word written in capitals in at least kCapsDominance times as many
 * documents (an acronym such as `NATO`, whose mixed-case spelling is a sentence-initial accident).
 *
 * Names the table moved to another type (schema/entity_table.hpp, EntityMove) count there: the
 * column of their new type gains them (from the documents of their exact terms), the old one drops
 * them.
 *
 * Queries: `org:"SEC"` looks up the exact terms of every name of the entity, under every type it was
 * written with.
 */
#pragma once
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <newsdex/schema/entity_table.hpp>
#include <newsdex/search/facets.hpp>

namespace newsdex {

/// How many times as many documents an all-capitals single word needs to be shown over its mixed-case form.
inline constexpr Xapian::doccount kCapsDominance = 4;

class EntityCanon {
public:
    /// Add the table of one database (several searched together: groups sharing a name merge).
    void add(const EntityTable& table);
    /// Add the table of @p db, read on first use (a one-shot search that needs no entity pays nothing).
    void add_database(const Xapian::Database& db) { m_pending.push_back(db); }
    [[nodiscard]] bool empty() const;

    /// The folded names of the entity of folded name @p folded (itself included); empty when alone.
    [[nodiscard]] std::span<const std::string> members(EntityType type, std::string_view folded) const;
    /// The key of @p folded's entity, or @p folded itself.
    [[nodiscard]] std::string_view key(EntityType type, std::string_view folded) const;

    /// The types other than @p type whose exact terms of @p folded count as @p type's (moved names).
    [[nodiscard]] std::vector<EntityType> moved_from(EntityType type, std::string_view folded) const;

    /// Add to @p column (of @p type's facet slot in @p db) the names moved to @p type, read from
    /// the documents of their exact terms under their old types.
    void add_moved_units(FacetColumn& column, EntityType type, const Xapian::Database& db) const;
    /// Regroup @p column (of @p type's facet slot): one unit per entity, shown as described above;
    /// names moved to another type are dropped. Returns, per former unit ordinal, its new one
    /// (FacetColumn::dropped for those).
    std::vector<std::uint32_t> merge_column(FacetColumn& column, EntityType type) const;
    /**
     * The values of @p type counted from whole slot values (@p lists: encoded list -> documents),
     * merged the same way, when no column was read (remote databases): a document counts once per
     * entity; the spelling shown is chosen by the counts of this search.
     */
    [[nodiscard]] std::vector<FacetValue> merge_lists(EntityType type, const ValueCounter& lists) const;

private:
    struct Table {
        std::vector<EntityGroup> groups;
        std::unordered_map<std::string, std::uint32_t> group_of;                 ///< member -> index in groups
        std::vector<EntityMove> moved_in;                                        ///< moves to this type
        std::unordered_map<std::string, std::vector<EntityType>> moved_in_from;  ///< name -> its old types
        std::unordered_set<std::string> moved_out;                               ///< names counted under another type
    };
    void add_table(const EntityTable& table) const;
    static void add_group(Table& t, const EntityGroup& g);
    void load() const;  ///< reads the pending databases' tables, once (thread-safe)
    std::vector<Xapian::Database> m_pending;
    mutable std::once_flag m_loaded;
    mutable std::array<Table, 4> m_tables;
};

/// The entity type whose facet slot is @p slot; false when it is not an entity slot.
bool entity_type_of_slot(Xapian::valueno slot, EntityType& type) noexcept;

/**
 * The facet value to show for a group of spellings: index into @p names (with @p documents each)
 * of the best one among @p full (names spelling the full form; all when none do), per the rule above.
 */
std::size_t pick_display(const std::vector<std::string_view>& names, const std::vector<Xapian::doccount>& documents,
                         const std::vector<bool>& full);

}  // namespace newsdex
