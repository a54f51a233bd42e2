/** @file
 * @brief From the tagger's mentions to the entities of a document: one canonical name per entity.
 *
 * Rules (issue B):
 * - **People.** Leading titles and roles are stripped (`Deputy Administrator Theresa Walsh`,
 *   `Ms. Walsh`, `FAA Administrator Theresa Walsh`, `Secretary of State ...`), so is a possessive
 *   (`Walsh's`). A name of two or more words merges with an earlier one when one is a word
 *   sub-sequence of the other with the same surname (`Theresa Walsh` / `Theresa M. Walsh`) and that
 *   earlier name is the only such one. A one-word mention maps to the full name whose surname it is
 *   (else whose first name it is): among the full names mentioned before it when there are any,
 *   else among all of the document's full names (headlines use surnames before the body names the
 *   person). Two or more candidates = ambiguous: the one-word name stays its own entity.
 * - **Organisations.** Acronym definitions `Long Name (ACRO)`, `Long Name, or ACRO` and
 *   `ACRO (Long Name)` are read from the text (see find_acronym_definitions) and from the tagger's
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
 */
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

/// A named text field of the document that mention offsets point into.
struct TextField {
    std::string_view name;
    std::string_view text;
};

/// Maps a written place name to its canonical form, or nullopt when it does not know the name.
using PlaceCanonicalizer = std::function<std::optional<std::string>(std::string_view)>;

/// An acronym defined in the text, with where both forms are.
struct AcronymDefinition {
    std::string long_form;        ///< "Federal Aviation Administration" (leading "the" dropped)
    std::string acronym;          ///< "FAA"
    std::size_t long_offset = 0;  ///< byte offset of the long form in the text
    std::size_t long_length = 0;
    std::size_t acronym_offset = 0;
    std::size_t acronym_length = 0;
};

/**
 * True when the capitals of @p acronym are the initials of @p long_form's words (function words
 * `of`, `and`, `for`, `the`, `&`, `on`, `in`, `to`, `at`, `a`, `an` may be skipped or counted; a
 * dotted abbreviation gives all its letters; a hyphen separates words). Lower-case words other than
 * those make it false.
 */
[[nodiscard]] bool acronym_matches(std::string_view acronym, std::string_view long_form);

/// Acronym definitions in @p text (pure text patterns), in text order, with their positions.
[[nodiscard]] std::vector<AcronymDefinition> find_acronym_spans(std::string_view text);

/// Acronym definitions in @p text as (long form, acronym) pairs, first definition of an acronym only.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> find_acronym_definitions(std::string_view text);

/**
 * The name of a person as written, without leading titles or roles, possessive, or surrounding
 * white space: `Deputy Administrator Theresa Walsh's` -> `Theresa Walsh`. Never empty unless the
 * input is: a name that is only a title is kept as it is.
 */
[[nodiscard]] std::string person_name(std::string_view written);

/**
 * The person named by one memo/e-mail header value, or nullopt when it names no person.
 * `"Theresa Walsh" <twalsh@example.gov>` -> `Theresa Walsh`; `Theresa Walsh, Deputy Administrator`
 * -> `Theresa Walsh`; `Walsh, Theresa` -> `Theresa Walsh`; an all-capitals value is title-cased.
 * Not people: a bare address (no display name), and group or role names (`Regional Directors`,
 * `All Staff`, `Deputy Administrator`: a word that is a title or role, singular or plural, or a
 * group word) - header_entities keeps those as given, typed misc.
 */
[[nodiscard]] std::optional<std::string> header_person(std::string_view value);

/**
 * Entities from the memo/e-mail headers: every `from`, `to`, `cc` value naming a person becomes a
 * PERSON entity (see header_person); other non-empty values other than bare addresses are kept as
 * given, typed misc. Mentions point into the value (field "from"/"to"/"cc"; the offset is within
 * that one value).
 */
[[nodiscard]] std::vector<Entity> header_entities(const Document& doc);

/**
 * Resolve the tagger's @p mentions (in document order) into entities, first-mentioned first.
 * @p fields are the texts the mentions point into (for acronym definitions); @p places maps place
 * names to canonical ones (may be empty); @p known are entities already found (for example
 * header_entities): they come first, and a later `Walsh` can refer to a known `Theresa Walsh`.
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
 * Add @p more to @p into: an entity whose type and canonical name (case-insensitively) are already
 * there merges into it (aliases and mentions appended, without duplicates); others are appended.
 */
void merge_entities(std::vector<Entity>& into, const std::vector<Entity>& more);

}  // namespace newsdex
