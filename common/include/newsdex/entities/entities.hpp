/** @file
 * @brief From the tagger's mentions to the entities of a document: one canonical name per entity.
 *
 * Rules:
 * - **People.** Leading titles and roles are stripped (`Deputy Administrator Theresa Walsh`,
 *   `Ms. Walsh`, `FAA Administrator Theresa Walsh`, `Secretary of State ...`), so is a possessive
 *   (`Walsh's`). A name of two or more words merges with an earlier one when one is a word
 *   sub-sequence of the other with the same surname (`Theresa Walsh` / `Theresa M. Walsh`) and that
 *   earlier name is the only such one. A one-word mention maps to the full name whose surname it is
 *   (else whose first name it is): among the full names mentioned before it when there are any,
 *   else among all of the document's full names (headlines use surnames before the body names the
 *   person). Two or more candidates = ambiguous: the one-word name stays its own entity.
 * - **Organisations.** Acronym definitions `Long Name (ACRO)`, `Long Name, or ACRO` and
 *   `ACRO (Long Name)` are read from the text (acronyms.hpp) and from the tagger's
 *   spans. The acronym's capitals must be the initials of the long name's words, where `of`, `and`,
 *   `for`, `the`, `&` (and a few more function words) may be skipped or counted and a dotted
 *   abbreviation (`U.S.`) gives all its letters. Every mention of the acronym (org or misc), before
 *   or after the definition, maps to the long name, and the acronym becomes an alias. A partial
 *   mention (`the Administration`) is not merged. A definition whose long name the tagger missed
 *   still yields an entity (org when the last word is an organisation head word such as
 *   `Administration`, `Agency`, `Council`; misc otherwise).
 * - **Places.** Through the canonicalizer when one is given (`U.S.` -> `United States`, the written
 *   form becomes an alias), else as written with white space normalised.
 * - **All.** A leading `the` is dropped; identical canonical names of one type merge
 *   case-insensitively; aliases are the other surface forms seen (titles and possessives removed).
 * - **Before and after.** Boilerplate (sign-offs, tables), ordinary words (`Bank` in a document that
 *   also says `the bank`) and names cut in two (`Standard` & `Poor's Corp`) are dealt with before;
 *   one type and one best-cased canonical name per name after (mention_rules.hpp has the rules).
 */
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/// One entity mention found by the tagger.
struct EntityMention {
    EntityType type = EntityType::misc;
    std::string text;        ///< as written: "Ms. Walsh's"
    std::size_t offset = 0;  ///< byte offset in the field text
    std::size_t length = 0;  ///< byte length in the field text
    std::string field;       ///< "title", "body"...
};

/// A named text field of the document that mention offsets point into; fields named `source` and
/// `author` hold the byline (no mentions point into them): a credit line naming them is boilerplate.
struct TextField {
    std::string_view name;
    std::string_view text;
};

/// Maps a written place name to its canonical form, or nullopt when it does not know the name.
using PlaceCanonicalizer = std::function<std::optional<std::string>(std::string_view)>;

/// Maps a place name to the canonical name of its country ("Tokyo" -> "Japan"), or nullopt.
using CountryOf = std::function<std::optional<std::string>(std::string_view)>;
/// Maps a dateline's city and region (`CAMBRIDGE`, `Mass.`; the region may be empty) to the canonical
/// name of their country, or nullopt (Gazetteer::dateline_country).
using DatelineCountryOf = std::function<std::optional<std::string>(std::string_view, std::string_view)>;

/**
 * Resolve the tagger's @p mentions (in document order) into entities, first-mentioned first.
 * @p fields are the texts the mentions point into (for acronym definitions); @p places maps place
 * names to canonical ones (may be empty); @p known are entities already found (for example
 * header_entities, people.hpp): they come first, and a later `Walsh` can refer to a known `Theresa Walsh`.
 */
[[nodiscard]] std::vector<Entity> resolve_entities(const std::vector<EntityMention>& mentions,
                                                   const std::vector<TextField>& fields,
                                                   const PlaceCanonicalizer& places = {},
                                                   const std::vector<Entity>& known = {});

/**
 * resolve_entities over a whole document: the header entities are the known ones, the fields are
 * `title`, `subject` and `body`.
 */
[[nodiscard]] std::vector<Entity> resolve_document_entities(const Document& doc,
                                                            const std::vector<EntityMention>& mentions,
                                                            const PlaceCanonicalizer& places = {});

/**
 * The countries of @p doc's place entities (canonical name, then aliases, until one is known) and
 * of its dateline's place (meta["dateline"], `TOKYO, March 3 -`, `CAMBRIDGE, Mass., March 3 -`:
 * @p dateline_country of the city and the region part; without it, the region's country when
 * @p country_of knows it, else the city's), sorted, without duplicates.
 */
[[nodiscard]] std::vector<std::string> document_countries(const Document& doc, const CountryOf& country_of,
                                                          const DatelineCountryOf& dateline_country = {});

/**
 * Add @p more to @p into: an entity whose type and canonical name (case-insensitively) are already
 * there merges into it (aliases and mentions appended, without duplicates); others are appended.
 */
void merge_entities(std::vector<Entity>& into, const std::vector<Entity>& more);

}  // namespace newsdex
