/** @file
 * @brief Building the corpus-level entity table (schema/entity_table.hpp) from what a database holds.
 *
 * Input, per entity type: every folded canonical name with the number of documents naming it (the
 * exact entity terms and their term frequencies) and the aliases documents defined (the synonym
 * table: `Securities and Exchange Commission (SEC)`, `Federal Reserve ... the Fed`). Reading terms
 * and synonyms costs time in the number of distinct names, not of documents, so the table is rebuilt
 * whole at the end of every run (in-place updates too) and a later document can join the names of
 * earlier ones without re-indexing them.
 *
 * Rules. Case variants fold to one name already. Every name S may be a short form of longer names L:
 *  - defined: a document recorded S as an alias of L (the shorter of the two names is the alias);
 *  - acronym (organisations, places, misc): S, without dots, is the initials of L's words, either of
 *    all of them or of those longer than three letters (function words such as `of`, `and`); dotted
 *    abbreviations give all their letters (`U.S. Department of Agriculture` -> `usda`); a frequent
 *    last word may be left out (kSuffixShare); when S has expansions, names S begins do not count;
 *  - qualified: L is S behind a place name of the corpus or a dotted abbreviation (`U.S. Treasury`);
 *    a qualified name of
 *    three words or more is its bare name's entity (`U.S. Securities and Exchange Commission`);
 *  - extension: L starts with S's words (`Midcontinent` -> `Midcontinent Airlines`), and no longer
 *    name of the corpus starts L (those count for it: `Federal Reserve Board Vice` is no long form of
 *    `Federal Reserve` but a run-on of `Federal Reserve Board`); for people, L
 *    ends with S's surname and S's first names or initials agree with L's (`E. Ferro` -> `Elaine Ferro`).
 * When S has defined long forms only those count, else the inferred ones. Ambiguous short forms stay
 * apart: S joins the entity of its long forms only when that entity holds at least
 * kDominantShare of their documents (and, when inferred, is not much rarer than S: kRareLongForm) (`Bank` has many extensions, none dominant: it stays alone;
 * an acronym with two expansions in use joins neither unless one has 80% of their documents).
 * Short forms are decided longest first, so `Fed` meets `Federal Reserve` already joined to
 * `Federal Reserve Board`. A group's key is its most frequent name that never joined as a short form.
 */
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include <newsdex/schema/document.hpp>
#include <newsdex/schema/entity_table.hpp>

namespace newsdex {

/// The share of the long forms' documents one entity must hold for a short form to join it.
inline constexpr double kDominantShare = 0.8;

/**
 * An inferred long form of an organisation, place or misc name counts only when its entity is named
 * in at least 1/kRareLongForm as many documents as the short form: a rare run-on (`FED SAYS`, a
 * headline) is no long form of `Fed`. A short place name is mostly a place of its own (`Bombay`,
 * `Bombay High`): its long form must be at least as frequent. People's long forms agree on surname
 * and initials: no limit.
 */
inline constexpr double kRareLongForm = 4;

/// What the table of one entity type is built from (folded names).
struct EntityNames {
    std::vector<std::pair<std::string, Xapian::doccount>> names;  ///< canonical name, documents naming it
    std::vector<std::pair<std::string, std::string>> aliases;     ///< defined pairs, either order
};

/// A word ending at least 1/kSuffixShare of the multi-word names of a type (`corp`, `inc`) is also
/// left out of their acronyms (`International Business Machines Corp` -> `ibm`).
inline constexpr std::size_t kSuffixShare = 100;

/**
 * The groups of two or more names of @p type that denote one entity (rules above). @p places: the
 * place names of the corpus, whose names qualify others (`U.S. Treasury`); nullptr: none.
 */
std::vector<EntityGroup> group_entity_names(EntityType type, const EntityNames& in,
                                            const EntityNames* places = nullptr);

/// The names of every type recorded in @p db (exact entity terms and synonyms).
std::array<EntityNames, 4> read_entity_names(const Xapian::Database& db);

/// Rebuild the table of @p db from its contents and record it (not committed).
EntityTable update_entity_table(Xapian::WritableDatabase& db);

}  // namespace newsdex
