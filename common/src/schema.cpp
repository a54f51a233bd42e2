/** @file
 * @brief The schema table and the database version check.
 */
#include <newsdex/schema.hpp>

#include <array>
#include <strings.h>

#include <fmt/format.h>

#include <newsdex/error.hpp>

namespace newsdex::schema {

namespace {
constexpr std::array field_table{
    Field{"title", title_prefix, Kind::text, true, "headline (memo/e-mail subject)"},
    Field{"subject", title_prefix, Kind::text, false, "same as title"},
    Field{"body", body_prefix, Kind::text, true, "article or memo body"},
    Field{"author", author_prefix, Kind::text, true, "byline / author"},
    Field{"source", source_prefix, Kind::text, true, "publication, agency or credit"},
    Field{"from", from_prefix, Kind::text, true, "memo/e-mail sender"},
    Field{"to", to_prefix, Kind::text, true, "memo/e-mail recipients"},
    Field{"cc", cc_prefix, Kind::text, true, "memo/e-mail copies"},
    Field{"type", type_prefix, Kind::boolean, false, "news, memo, email, record"},
    Field{"id", id_prefix, Kind::boolean, false, "unique document id"},
    Field{"date", day_prefix, Kind::date, false, "published date: 2016-03-01, 2016-03, 2016, ranges a..b"},
};
}  // namespace

std::span<const Field> fields() noexcept { return field_table; }

const Field* find_field(std::string_view name) noexcept {
    for (const auto& f : field_table)
        if (f.name.size() == name.size() && strncasecmp(f.name.data(), name.data(), name.size()) == 0)
            return &f;
    return nullptr;
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
        throw SchemaError(fmt::format(
            "'{}' has schema version {}, this program reads version {}: re-index the corpus", db_path, v,
            version));
    return db.get_metadata(std::string(meta_language));
}

}  // namespace newsdex::schema
