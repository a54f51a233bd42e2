/** @file
 * @brief The one schema table: field names, Xapian prefixes, value slots, kinds.
 *
 * Shared by indexer and searcher so the two cannot drift. Prefixes follow Xapian's convention
 * (single capitals standard, `X...` custom). Boolean fields hold one exact lower-cased term per
 * value; text fields hold analyzed, positional terms (and `Z`-prefixed stems, as Xapian's
 * TermGenerator does). Tag fields from JSON Lines lists are dynamic: prefix `XG<name>:`.
 *
 * Entity fields (`person`, `org`, `place`, `misc`) are both: a free-text prefix holding the
 * canonical name and aliases of each entity of that type through the Analyzer (positional, a gap
 * between entities; `person:walsh`), and an exact prefix holding one boolean term per entity,
 * `XE<t>:` + fold_exact_value(canonical name) (`person:"Theresa Walsh"`). Aliases meet their
 * canonical name through Xapian synonyms between exact terms, in both directions
 * (`XEO:faa` <-> `XEO:federal aviation administration`), which the query parser expands.
 * Dates mentioned in the text are boolean terms `XMD:YYYY-MM-DD`, `XMD:YYYY-MM` and `XMD:YYYY`,
 * a day adding its month and year and a month its year (`mentions:2017-02`).
 */
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <xapian.h>

#include <newsdex/schema/document.hpp>

namespace newsdex::schema {

/// Bumped whenever terms, values or stored data change meaning. The searcher refuses others.
inline constexpr int version = 4;  // 2: entity and date-mention terms; 3: facet slots, spelling, XSX:/XAX:; 4: country

enum class Kind {
    text,          ///< analyzed free text, positional
    boolean,       ///< exact values, filter only
    date,          ///< a value slot plus D/M/Y boolean terms; ranges in queries
    entity,        ///< free text under `prefix` (a word), exact canonical names under `exact_prefix` ("quoted")
    mention_date,  ///< dates mentioned in the text: exact `XMD:` day, month or year terms, filter only
};

struct Field {
    std::string_view name;    ///< as typed in queries: `title:`
    std::string_view prefix;  ///< Xapian term prefix
    /// Kind::entity: prefix of the exact canonical-name terms; Kind::text `source`/`author`: prefix of
    /// the exact whole-value terms a "quoted" value also matches (facet drill-down)
    std::string_view exact_prefix;
    Kind kind;
    bool default_search;  ///< searched by words typed without a field prefix
    std::string_view help;
};

/// Every field the query language knows, in documentation order.
std::span<const Field> fields() noexcept;

/// Look up a field by its query name (case-insensitive); nullptr when unknown.
const Field* find_field(std::string_view name) noexcept;

// Prefixes used directly by the indexer.
inline constexpr std::string_view id_prefix = "Q";    ///< unique id term
inline constexpr std::string_view path_prefix = "P";  ///< absolute source file path (for prune/update)
inline constexpr std::string_view type_prefix = "XT";
inline constexpr std::string_view title_prefix = "S";
inline constexpr std::string_view body_prefix = "";  ///< body text is unprefixed
inline constexpr std::string_view author_prefix = "A";
inline constexpr std::string_view source_prefix = "XS";
inline constexpr std::string_view from_prefix = "XF";
inline constexpr std::string_view to_prefix = "XTO";
inline constexpr std::string_view cc_prefix = "XCC";
inline constexpr std::string_view day_prefix = "D";    ///< D20160303
inline constexpr std::string_view month_prefix = "M";  ///< M201603
inline constexpr std::string_view year_prefix = "Y";   ///< Y2016
inline constexpr std::string_view tag_prefix = "XG";   ///< XG<name>:<value>
inline constexpr std::string_view stem_prefix = "Z";   ///< Z<prefix><stem>, as Xapian's TermGenerator
// Entities: free text (canonical name and aliases, analyzed, positional) and exact names.
inline constexpr std::string_view person_prefix = "XP";          ///< XPwalsh, ZXPwalsh
inline constexpr std::string_view org_prefix = "XO";             ///< XOfaa, XOfederal...
inline constexpr std::string_view place_prefix = "XL";           ///< XLohio
inline constexpr std::string_view misc_prefix = "XM";            ///< XMamerican
inline constexpr std::string_view person_exact_prefix = "XEP:";  ///< XEP:theresa walsh
inline constexpr std::string_view org_exact_prefix = "XEO:";     ///< XEO:federal aviation administration
inline constexpr std::string_view place_exact_prefix = "XEL:";   ///< XEL:united states
inline constexpr std::string_view misc_exact_prefix = "XEM:";    ///< XEM:american
inline constexpr std::string_view source_exact_prefix = "XSX:";  ///< XSX:meridian wire (whole source, folded)
inline constexpr std::string_view author_exact_prefix = "XAX:";  ///< XAX:daniel okafor (whole author, folded)
inline constexpr std::string_view country_prefix = "XCY:";       ///< XCY:japan (country of a place named)
inline constexpr std::string_view mention_date_prefix = "XMD:";  ///< XMD:2017-02-05, XMD:2017-02, XMD:2017

/// The schema field of an entity type ("person", "org", "place", "misc"): its text and exact prefixes.
const Field& entity_field(EntityType type) noexcept;

/// "XGplaces:" for tag field `places`.
std::string tag_field_prefix(std::string_view name);

/// Value slots.
enum Slot : Xapian::valueno {
    slot_date = 0,     ///< "YYYYMMDD" published date, sortable
    slot_updated = 1,  ///< "YYYYMMDD" updated date
    slot_id = 2,       ///< the document's unique id
    slot_title = 3,    ///< collapse key for near-duplicates
    slot_source = 4,
    // Facet slots (facets.hpp): every value of the field in one slot, length-prefixed, sorted.
    slot_facet_person = 5,
    slot_facet_org = 6,
    slot_facet_place = 7,
    slot_facet_misc = 8,
    slot_facet_source = 9,
    slot_facet_author = 10,
    slot_facet_type = 11,
    slot_facet_tags = 12,  ///< every tag field: entries `name` NUL `value`
    /// The indexer's hash of the parsed record (16 hex digits): unchanged records of a changed file
    /// are not indexed again.
    slot_record_hash = 13,
    /// The indexer run (meta_run) that added or last changed the document, sortable_serialise()d:
    /// `searcher --since-last` shows the documents of runs after the one it saw last. Documents
    /// indexed before runs were counted have no value (never new).
    slot_run = 14,
    slot_facet_country = 15,  ///< the countries of the places named (Document::countries)
};

/// The facet slot of an entity type: the four are consecutive, in EntityType order.
[[nodiscard]] constexpr Xapian::valueno entity_facet_slot(EntityType type) noexcept {
    return slot_facet_person + static_cast<Xapian::valueno>(type);
}
static_assert(entity_facet_slot(EntityType::misc) == slot_facet_misc);

/// How a facet field's slot is read (facets.hpp).
enum class FacetKind {
    list,   ///< an encode_facet_values() list in the field's own slot
    tags,   ///< the shared tag slot: entries `name\0value`
    year,   ///< the published-date slot, first 4 characters
    month,  ///< the published-date slot, `YYYY-MM`
};

/// A field --facet accepts (tag fields aside: they are dynamic and share slot_facet_tags).
struct FacetField {
    std::string_view name;  ///< as given to --facet; also the query field that drills down
    Xapian::valueno slot;
    FacetKind kind;
};

/// The facet fields, in documentation order.
std::span<const FacetField> facet_fields() noexcept;

/// Database metadata keys.
inline constexpr std::string_view meta_schema_version = "newsdex:schema";
inline constexpr std::string_view meta_language = "newsdex:language";
inline constexpr std::string_view meta_analyzer = "newsdex:analyzer";
inline constexpr std::string_view meta_tag_fields = "newsdex:tags";    ///< tag field names, one a line
inline constexpr std::string_view meta_file_prefix = "newsdex:file:";  ///< + absolute path -> "mtime size"
/// Indexer runs that changed the database (decimal; missing = 0): the latest is the one in slot_run
/// of the documents it added or changed.
inline constexpr std::string_view meta_run = "newsdex:run";

/// The run counter of @p db (meta_run; 0 when missing or unreadable as a number).
std::uint64_t database_run(const Xapian::Database& db);

/// Throws SchemaError unless @p db was written by this schema version; returns the language.
std::string check_database(const Xapian::Database& db, std::string_view db_path);

}  // namespace newsdex::schema
