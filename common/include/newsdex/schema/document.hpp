/** @file
 * @brief The one document model every parser produces and the indexer consumes.
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

/// A calendar date (no time zone arithmetic: news dates are what the article says).
struct Date {
    int year = 0;
    int month = 0;  ///< 1-12, or 0 when only the year is known
    int day = 0;    ///< 1-31, or 0 when only year (and month) are known

    [[nodiscard]] bool valid() const noexcept { return year > 0; }
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY" depending on precision.
    [[nodiscard]] std::string iso() const;
    /// "YYYYMMDD" for value slots (missing parts as "00"), sorts as a string.
    [[nodiscard]] std::string sortable() const;
    friend bool operator==(const Date&, const Date&) = default;
};

/// Entity types found by the tagger or given by the input.
enum class EntityType { person, org, place, misc };

/// Every entity type, in their order.
inline constexpr EntityType entity_types[] = {EntityType::person, EntityType::org, EntityType::place, EntityType::misc};

/// The name of an entity type as fields, stored data and output spell it: "person", "org", "place", "misc".
[[nodiscard]] constexpr const char* entity_type_name(EntityType t) noexcept {
    switch (t) {
        case EntityType::person:
            return "person";
        case EntityType::org:
            return "org";
        case EntityType::place:
            return "place";
        case EntityType::misc:
            return "misc";
    }
    return "misc";
}

/// One entity of a document: its canonical name, the aliases seen, and where it was mentioned.
struct Entity {
    EntityType type = EntityType::misc;
    std::string canonical;             ///< e.g. "Federal Aviation Administration"
    std::vector<std::string> aliases;  ///< other surface forms, e.g. "FAA"
    struct Mention {
        std::size_t offset = 0;  ///< byte offset in the field text
        std::size_t length = 0;
        std::string field;  ///< "title", "body", "from"...
    };
    std::vector<Mention> mentions;
};

/// A date mentioned in the text, normalized against the document's own date.
struct DateMention {
    std::string text;        ///< as written: "last month", "Feb. 2"
    Date date;               ///< resolved
    std::size_t offset = 0;  ///< byte offset in the body
};

/**
 * A parsed document, independent of its input format.
 *
 * Text fields are UTF-8 (parsers convert). Multi-valued tag fields (JSON Lines lists such as
 * `places`, `topics`) are kept by key, values as given.
 */
struct Document {
    std::string id;            ///< unique id (JSON `id`, Message-ID, or path relative to the root)
    std::string path;          ///< the file it came from, as given on the command line
    std::size_t line = 0;      ///< line in that file where the record starts (1-based; 0 = whole file)
    std::string type;          ///< "news", "memo", "email", "record"...
    std::string title;         ///< headline, or memo/e-mail subject
    std::optional<Date> date;  ///< published / sent
    std::optional<Date> updated;
    std::vector<std::string> authors;  ///< bylines, JSON author(s); memo FROM goes to `from`
    std::string source;                ///< publication or agency
    std::vector<std::string> from;
    std::vector<std::string> to;
    std::vector<std::string> cc;
    std::string subject;  ///< memo/e-mail subject (also the title when no headline)
    std::string url;
    std::string body;
    std::map<std::string, std::string> meta;               ///< other string metadata (e.g. dateline)
    std::map<std::string, std::vector<std::string>> tags;  ///< list-valued fields by key
    std::vector<Entity> entities;                          ///< filled by the entity tagger
    /// The countries of the places named (and of the dateline's place), canonical names, sorted;
    /// filled with the entities.
    std::vector<std::string> countries;
    std::vector<DateMention> date_mentions;

    /// Bytes of text this document carries (for MB/s figures).
    [[nodiscard]] std::size_t text_bytes() const noexcept { return title.size() + body.size(); }
};

}  // namespace newsdex
