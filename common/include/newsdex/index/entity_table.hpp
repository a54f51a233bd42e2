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
 * Types first. The tagger gives one name different types in different documents (`GATT` a person
 * in a few headlines, an organisation elsewhere); each name is counted under the one type its entity
 * mostly has (decide_entity_types), and names the gazetteer knows as countries are places.
 *
 * Names a lexicon gives as one entity (NameLexicon: WordNet's `USSR`, `Soviet Union`) are synonyms:
 * one entity whatever their documents, joining other long forms only where documents define them.
 * They take the lexicon's type where it holds most of their documents, misc counted on its side (misc
 * is what the tagger calls a name it cannot type: `European Community` beside the adjective).
 *
 * Then, per type. Case variants fold to one name already, and spellings of one name are one
 * (index/name_variants.hpp: `Organisation`/`Organization`, `Corp`/`Corporation`, `Department of
 * Agriculture`/`Agriculture Department`). Every name S may be a short form of longer names L:
 *  - defined: a document recorded S as an alias of L (the shorter of the two names is the alias);
 *  - acronym (organisations, places, misc): S, without dots, is the initials of L's words, either of
 *    all of them or without the short words between others (`of`, `and`); dotted abbreviations give
 *    all their letters (`U.S. Department of Agriculture` -> `usda`); the initials either side of a
 *    lone `and` keep it (`AT&T`, `S and P`); frequent last words (kSuffixShare: `corp`, `inc`) are
 *    left out of names of three words or more before them (`IBM`) and count only in names of three
 *    words or more (`CCC`; `Exxon Corp` is no `EC`); names that start with S are no expansions;
 *  - qualified: L is S behind a place name of the corpus or a dotted abbreviation (`U.S. Treasury`);
 *    a qualified name of three words or more is its bare name's entity (`U.S. Securities and Exchange
 *    Commission`) when it holds kDominantShare of the documents of the bare name's qualified forms
 *    (each city's `Stock Exchange` is its own); a one-word place or dotted S (`U.N.`) has no long
 *    forms it merely qualifies, unless S is written as a place in fewer documents than as its type;
 *  - cut: S is what follows L's one `and` or `on`, two words at least and no place's name
 *    (`Poor's Corp`, `Standard and Poor's Corp`; `Tariffs and Trade`, the General Agreement on them);
 *  - extension: L starts with S's words (`Midcontinent` -> `Midcontinent Airlines`), and no longer
 *    name of the corpus starts L (those count for it: `Federal Reserve Board Vice` is no long form of
 *    `Federal Reserve` but a run-on of `Federal Reserve Board`); not for one-word misc names, mostly
 *    words of their own (`European`); for people, L ends with S's surname and S's first names or
 *    initials agree with L's (`E. Ferro` -> `Elaine Ferro`).
 * When S has defined long forms only those count, else the inferred ones; but a document joining S
 * to a longer name it begins (`IBM`, `IBM PC`: the resolver's own extension rule) defines nothing,
 * and an acronym's expansions stay candidates unless a document defined one of them. Ambiguous
 * short forms stay apart: S joins the entity of its long forms only when that entity (all its
 * names) holds at least kDominantShare of the documents of the candidate entities (and, when
 * inferred, is not much rarer than S: kRareLongForm, kRareExpansion) (`Bank` has many extensions,
 * none dominant: it stays alone; an acronym with two expansions in use joins neither unless one has
 * 80% of their documents). An organisation's bare name joins its largest candidate below that share
 * when that candidate is the name with frequent last words only (`Chrysler` -> `Chrysler Corp`,
 * beside `Chrysler Motors Corp`). Short forms are decided longest first, so `Fed` meets `Federal Reserve`
 * already joined to `Federal Reserve Board`. A group's key is its most frequent full form.
 */
#pragma once
#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/entities/lexicon.hpp>
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
/// The same for an acronym's expansion (`OPEC`, `Organization of Petroleum Exporting Countries`):
/// news spells a well-known acronym out rarely, and initials matching a name are better evidence
/// than a name beginning with another.
inline constexpr double kRareExpansion = 20;

/// What the table of one entity type is built from (folded names).
struct EntityNames {
    std::vector<std::pair<std::string, Xapian::doccount>> names;  ///< canonical name, documents naming it
    std::vector<std::pair<std::string, std::string>> aliases;     ///< defined pairs, either order
    /// Pairs a lexicon gives as one entity (NameLexicon): joined whatever their documents.
    std::vector<std::pair<std::string, std::string>> synonyms;
};

/// A word ending at least 1/kSuffixShare of the multi-word names of a type (`corp`, `inc`) is also
/// left out of their acronyms (`International Business Machines Corp` -> `ibm`).
inline constexpr std::size_t kSuffixShare = 100;

/// The words that end at least 1/kSuffixShare of the multi-word names of @p in, and more than one
/// (`corp`, `inc`): left out of acronyms (`IBM`) and of spelling variants.
[[nodiscard]] std::unordered_set<std::string> suffix_words(const EntityNames& in);

/**
 * The names of type @p type written in documents that name @p name (a sample of them), each with the
 * number of those documents: what the last rule of group_entity_names() weighs.
 */
using NameNeighbours =
    std::function<std::vector<std::pair<std::string, Xapian::doccount>>(EntityType type, const std::string& name)>;

/// A short word needs this many documents for its neighbours to be read, and shares at least
/// kNeighbourShare of them with the entity it joins.
inline constexpr double kNeighbourDocs = 5;
inline constexpr double kNeighbourShare = 0.1;

/**
 * The groups of two or more names of @p type that denote one entity (rules above). @p places: the
 * place names of the corpus, whose names qualify others (`U.S. Treasury`); nullptr: none.
 * @p neighbours: the names written beside a name (NameNeighbours); none: that rule is skipped.
 */
std::vector<EntityGroup> group_entity_names(EntityType type, const EntityNames& in, const EntityNames* places = nullptr,
                                            const NameNeighbours& neighbours = {});

/// The names of every type recorded in @p db (exact entity terms and synonyms).
std::array<EntityNames, 4> read_entity_names(const Xapian::Database& db);

/**
 * Decide the one type of names the tagger gave several types (`GATT` a person in three headlines,
 * an organisation in the bodies), and move them there in @p names; returns the moves (spellings
 * empty). An entity found by grouping each type alone (its names and their documents) goes to the
 * type where the entity of one of its names holds strictly more documents: the whole group moves
 * (the grouping rules already said its names are one entity) and keeps its members together. A
 * person whose group has a full name (given name and surname) the other type does not have stays
 * (`Harold Washington`, `Washington` stays a person beside the city). With @p gazetteer, a name it
 * knows as a country (`U.K.` tagged misc) is a place and joins the country's canonical name
 * (`united kingdom`), except such people. A person's name no document shortened that begins an
 * organisation's name with a frequent last word is a firm (`Smith Barney`). With @p lexicon, first:
 * the names of the corpus that one of its synsets holds (also with a leading country name written as
 * its dotted initials: `United States Treasury` is `u.s. treasury`) become synonyms of the synset's
 * type, where they move when that type holds half their documents (`USSR`, mostly tagged an
 * organisation, is a place beside `Soviet Union`).
 */
std::vector<EntityMove> decide_entity_types(std::array<EntityNames, 4>& names, const Gazetteer* gazetteer = nullptr,
                                            const NameLexicon* lexicon = nullptr);

/// The whole table of @p names: types decided (decide_entity_types), then each type grouped.
EntityTable build_entity_table(std::array<EntityNames, 4> names, const Gazetteer* gazetteer = nullptr,
                               const NameNeighbours& neighbours = {}, const NameLexicon* lexicon = nullptr);

/// The names written beside a name in @p db (exact entity terms of its first kNeighbourSample documents).
NameNeighbours database_neighbours(const Xapian::Database& db);
inline constexpr Xapian::doccount kNeighbourSample = 120;

/// Rebuild the table of @p db from its contents and record it (not committed); @p gazetteer and
/// @p lexicon as above.
EntityTable update_entity_table(Xapian::WritableDatabase& db, const Gazetteer* gazetteer = nullptr,
                                const NameLexicon* lexicon = nullptr);

}  // namespace newsdex
