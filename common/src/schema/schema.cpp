/** @file
 * @brief The schema table and the database version check.
 */
#include <newsdex/schema/schema.hpp>

#include <array>
#include <strings.h>

#include <fmt/format.h>

#include <newsdex/core/error.hpp>

namespace newsdex::schema {

namespace {
constexpr std::array field_table{
    Field{"title", title_prefix, {}, Kind::text, true, "headline (memo/e-mail subject)"},
    Field{"subject", title_prefix, {}, Kind::text, false, "same as title"},
    Field{"body", body_prefix, {}, Kind::text, true, "article or memo body"},
    Field{"author", author_prefix, author_exact_prefix, Kind::text, true,
          "byline / author: author:okafor, author:\"Daniel Okafor\" (exact name or phrase, a filter)"},
    Field{"source", source_prefix, source_exact_prefix, Kind::text, true,
          "publication, agency or credit: source:\"Meridian Wire\" (exact name or phrase, a filter)"},
    Field{"from", from_prefix, {}, Kind::text, true, "memo/e-mail sender"},
    Field{"to", to_prefix, {}, Kind::text, true, "memo/e-mail recipients"},
    Field{"cc", cc_prefix, {}, Kind::text, true, "memo/e-mail copies"},
    Field{"type", type_prefix, {}, Kind::boolean, false, "news, memo, email, record"},
    Field{"id", id_prefix, {}, Kind::boolean, false, "unique document id"},
    Field{"date", day_prefix, {}, Kind::date, false, "published date: 2016-03-01, 2016-03, 2016, ranges a..b"},
    // Entity fields, in EntityType order (entity_field() relies on it).
    Field{"person", person_prefix, person_exact_prefix, Kind::entity, false,
          "people named in the text or memo headers: person:walsh, person:\"Theresa Walsh\" (exact)"},
    Field{"org", org_prefix, org_exact_prefix, Kind::entity, false,
          "organisations: org:faa, org:\"Federal Aviation Administration\" (exact, aliases too)"},
    Field{"place", place_prefix, place_exact_prefix, Kind::entity, false,
          "places: place:ohio, place:\"United States\" (exact, U.S./USA too)"},
    Field{"misc", misc_prefix, misc_exact_prefix, Kind::entity, false,
          "other named things (nationalities, events...): misc:american"},
    Field{"country",
          country_prefix,
          {},
          Kind::boolean,
          false,
          "countries of the places named (Tokyo -> Japan): country:japan, country:\"United States\""},
    Field{"mentions",
          mention_date_prefix,
          {},
          Kind::mention_date,
          false,
          "dates mentioned in the text, resolved: mentions:2017-02-05, 2017-02, 2017"},
};
constexpr std::size_t first_entity_field = 11;
static_assert(field_table[first_entity_field + static_cast<std::size_t>(EntityType::person)].prefix == person_prefix);
static_assert(field_table[first_entity_field + static_cast<std::size_t>(EntityType::org)].prefix == org_prefix);
static_assert(field_table[first_entity_field + static_cast<std::size_t>(EntityType::place)].prefix == place_prefix);
static_assert(field_table[first_entity_field + static_cast<std::size_t>(EntityType::misc)].prefix == misc_prefix);
constexpr FacetField facet_table[] = {
    {"person", slot_facet_person, FacetKind::list},
    {"org", slot_facet_org, FacetKind::list},
    {"place", slot_facet_place, FacetKind::list},
    {"misc", slot_facet_misc, FacetKind::list},
    {"country", slot_facet_country, FacetKind::list},
    {"source", slot_facet_source, FacetKind::list},
    {"author", slot_facet_author, FacetKind::list},
    {"type", slot_facet_type, FacetKind::list},
    {"year", slot_date, FacetKind::year},
    {"month", slot_date, FacetKind::month},
};
}  // namespace

std::span<const Field> fields() noexcept { return field_table; }

std::span<const FacetField> facet_fields() noexcept { return facet_table; }

const Field* find_field(std::string_view name) noexcept {
    for (const auto& f : field_table)
        if (f.name.size() == name.size() && strncasecmp(f.name.data(), name.data(), name.size()) == 0) return &f;
    return nullptr;
}

const Field& entity_field(EntityType type) noexcept {
    return field_table[first_entity_field + (static_cast<std::size_t>(type) & 3u)];
}

std::string tag_field_prefix(std::string_view name) {
    std::string p(tag_prefix);
    p += name;
    p += ':';
    return p;
}

std::string check_database(const Xapian::Database& db, std::string_view db_path) {
    const std::string v = db.get_metadata(std::string(meta_schema_version));
    if (v.empty()) {
        if (db.get_doccount() == 0) return db.get_metadata(std::string(meta_language));
        throw SchemaError(fmt::format("'{}' is not a newsdex database (no schema version recorded)", db_path));
    }
    if (v != std::to_string(version))
        throw SchemaError(fmt::format("'{}' has schema version {}, this program reads version {}: re-index the corpus",
                                      db_path, v, version));
    return db.get_metadata(std::string(meta_language));
}

std::uint64_t database_run(const Xapian::Database& db) {
    const std::string v = db.get_metadata(std::string(meta_run));
    std::uint64_t n = 0;
    for (const char c : v) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

}  // namespace newsdex::schema
