/** @file
 * @brief The one schema table: field names, Xapian prefixes, value slots, kinds.
 *
 * Shared by indexer and searcher so the two cannot drift. Prefixes follow Xapian's convention
 * (single capitals standard, `X...` custom). Boolean fields hold one exact lower-cased term per
 * value; text fields hold analyzed, positional terms (and `Z`-prefixed stems, as Xapian's
 * TermGenerator does). Tag fields from JSON Lines lists are dynamic: prefix `XG<name>:`.
 */
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex::schema {

/// Bumped whenever terms, values or stored data change meaning. The searcher refuses others.
inline constexpr int version = 1;

enum class Kind {
    text,     ///< analyzed free text, positional
    boolean,  ///< exact values, filter only
    date,     ///< a value slot plus D/M/Y boolean terms; ranges in queries
};

struct Field {
    std::string_view name;    ///< as typed in queries: `title:`
    std::string_view prefix;  ///< Xapian term prefix
    Kind kind;
    bool default_search;      ///< searched by words typed without a field prefix
    std::string_view help;
};

/// Every field the query language knows, in documentation order.
std::span<const Field> fields() noexcept;

/// Look up a field by its query name (case-insensitive); nullptr when unknown.
const Field* find_field(std::string_view name) noexcept;

// Prefixes used directly by the indexer.
inline constexpr std::string_view id_prefix = "Q";        ///< unique id term
inline constexpr std::string_view path_prefix = "P";      ///< absolute source file path (for prune/update)
inline constexpr std::string_view type_prefix = "XT";
inline constexpr std::string_view title_prefix = "S";
inline constexpr std::string_view body_prefix = "";       ///< body text is unprefixed
inline constexpr std::string_view author_prefix = "A";
inline constexpr std::string_view source_prefix = "XS";
inline constexpr std::string_view from_prefix = "XF";
inline constexpr std::string_view to_prefix = "XTO";
inline constexpr std::string_view cc_prefix = "XCC";
inline constexpr std::string_view day_prefix = "D";       ///< D20160303
inline constexpr std::string_view month_prefix = "M";     ///< M201603
inline constexpr std::string_view year_prefix = "Y";      ///< Y2016
inline constexpr std::string_view tag_prefix = "XG";      ///< XG<name>:<value>
inline constexpr std::string_view stem_prefix = "Z";      ///< Z<prefix><stem>, as Xapian's TermGenerator

/// "XGplaces:" for tag field `places`.
std::string tag_field_prefix(std::string_view name);

/// Value slots.
enum Slot : Xapian::valueno {
    slot_date = 0,     ///< "YYYYMMDD" published date, sortable
    slot_updated = 1,  ///< "YYYYMMDD" updated date
    slot_id = 2,       ///< the document's unique id
    slot_title = 3,    ///< collapse key for near-duplicates
    slot_source = 4,
};

/// Database metadata keys.
inline constexpr std::string_view meta_schema_version = "newsdex:schema";
inline constexpr std::string_view meta_language = "newsdex:language";
inline constexpr std::string_view meta_analyzer = "newsdex:analyzer";
inline constexpr std::string_view meta_tag_fields = "newsdex:tags";   ///< tag field names, one a line
inline constexpr std::string_view meta_file_prefix = "newsdex:file:"; ///< + absolute path -> "mtime size"

/// Throws SchemaError unless @p db was written by this schema version; returns the language.
std::string check_database(const Xapian::Database& db, std::string_view db_path);

}  // namespace newsdex::schema
