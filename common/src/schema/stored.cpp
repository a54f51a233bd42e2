/** @file
 * @brief The stored-data JSON codec (see stored.hpp).
 */
#include <newsdex/schema/stored.hpp>

#include <charconv>
#include <map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <newsdex/core/error.hpp>

namespace newsdex {

namespace {

using nlohmann::json;

/// Version of the stored-data JSON, key "v".
/// 2: entities and date mentions as arrays, not objects (a third of the encoding time, and smaller);
/// version 1 records are still read.
constexpr int stored_version = 2;

EntityType entity_type_from(std::string_view s) noexcept {
    if (s == "person") return EntityType::person;
    if (s == "org") return EntityType::org;
    if (s == "place") return EntityType::place;
    return EntityType::misc;
}

/// Parse what Date::iso() writes: "YYYY", "YYYY-MM" or "YYYY-MM-DD". Throws RuntimeError otherwise.
Date date_from_iso(std::string_view s) {
    Date d;
    auto number = [&](std::size_t pos, std::size_t len, int& out) {
        if (pos + len > s.size()) return false;
        const char* first = s.data() + pos;
        auto [p, ec] = std::from_chars(first, first + len, out);
        return ec == std::errc() && p == first + len;
    };
    const bool ok = (s.size() == 4 || s.size() == 7 || s.size() == 10) && number(0, 4, d.year) &&
        (s.size() < 7 || (s[4] == '-' && number(5, 2, d.month))) &&
        (s.size() < 10 || (s[7] == '-' && number(8, 2, d.day)));
    if (!ok) throw RuntimeError(fmt::format("corrupt stored data: bad date '{}'", s));
    return d;
}

json string_list(const std::vector<std::string>& v) { return json(v); }

std::vector<std::string> read_string_list(const json& j) {
    std::vector<std::string> out;
    out.reserve(j.size());
    for (const auto& e : j) out.push_back(e.get<std::string>());
    return out;
}

}  // namespace

std::string encode_stored(const Document& doc) {
    json j = json::object();
    j["v"] = stored_version;
    j["id"] = doc.id;
    if (!doc.path.empty()) j["path"] = doc.path;
    if (doc.line) j["line"] = doc.line;
    if (!doc.type.empty()) j["type"] = doc.type;
    if (!doc.title.empty()) j["title"] = doc.title;
    if (doc.date && doc.date->valid()) j["date"] = doc.date->iso();
    if (doc.updated && doc.updated->valid()) j["updated"] = doc.updated->iso();
    if (!doc.authors.empty()) j["authors"] = string_list(doc.authors);
    if (!doc.source.empty()) j["source"] = doc.source;
    if (!doc.from.empty()) j["from"] = string_list(doc.from);
    if (!doc.to.empty()) j["to"] = string_list(doc.to);
    if (!doc.cc.empty()) j["cc"] = string_list(doc.cc);
    if (!doc.subject.empty()) j["subject"] = doc.subject;
    if (!doc.url.empty()) j["url"] = doc.url;
    if (!doc.body.empty()) j["body"] = doc.body;
    if (!doc.meta.empty()) j["meta"] = doc.meta;
    if (!doc.tags.empty()) j["tags"] = doc.tags;
    if (!doc.countries.empty()) j["countries"] = string_list(doc.countries);
    // Entities: [type, name, [aliases...], [offset, length, field, offset, length, field, ...]].
    if (!doc.entities.empty()) {
        json list = json::array();
        list.get_ref<json::array_t&>().reserve(doc.entities.size());
        for (const auto& e : doc.entities) {
            json ms = json::array();
            auto& flat = ms.get_ref<json::array_t&>();
            flat.reserve(e.mentions.size() * 3);
            for (const auto& m : e.mentions) {
                flat.emplace_back(m.offset);
                flat.emplace_back(m.length);
                flat.emplace_back(m.field);
            }
            list.push_back(json::array({entity_type_name(e.type), e.canonical, string_list(e.aliases), std::move(ms)}));
        }
        j["entities"] = std::move(list);
    }
    // Date mentions: [offset, text, date or ""].
    if (!doc.date_mentions.empty()) {
        json list = json::array();
        list.get_ref<json::array_t&>().reserve(doc.date_mentions.size());
        for (const auto& m : doc.date_mentions)
            list.push_back(json::array({m.offset, m.text, m.date.valid() ? m.date.iso() : std::string()}));
        j["dates"] = std::move(list);
    }
    // Parsers hand over valid UTF-8; replace rather than throw if one ever does not.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Document decode_stored(std::string_view data) {
    Document doc;
    try {
        const json j = json::parse(data.begin(), data.end());
        if (!j.is_object()) throw RuntimeError("corrupt stored data: not a JSON object");
        const int v = j.value("v", 0);
        if (v != stored_version && v != 1)
            throw RuntimeError(fmt::format("stored data version {} is not {}: re-index the corpus", v, stored_version));
        auto str = [&](const char* key, std::string& out) {
            if (auto it = j.find(key); it != j.end()) out = it->get<std::string>();
        };
        auto list = [&](const char* key, std::vector<std::string>& out) {
            if (auto it = j.find(key); it != j.end()) out = read_string_list(*it);
        };
        str("id", doc.id);
        str("path", doc.path);
        if (auto it = j.find("line"); it != j.end()) doc.line = it->get<std::size_t>();
        str("type", doc.type);
        str("title", doc.title);
        if (auto it = j.find("date"); it != j.end()) doc.date = date_from_iso(it->get<std::string>());
        if (auto it = j.find("updated"); it != j.end()) doc.updated = date_from_iso(it->get<std::string>());
        list("authors", doc.authors);
        str("source", doc.source);
        list("from", doc.from);
        list("to", doc.to);
        list("cc", doc.cc);
        str("subject", doc.subject);
        str("url", doc.url);
        str("body", doc.body);
        if (auto it = j.find("meta"); it != j.end()) doc.meta = it->get<std::map<std::string, std::string>>();
        if (auto it = j.find("tags"); it != j.end())
            doc.tags = it->get<std::map<std::string, std::vector<std::string>>>();
        list("countries", doc.countries);
        if (auto it = j.find("entities"); it != j.end() && v >= 2) {
            for (const auto& je : *it) {
                Entity e;
                e.type = entity_type_from(je.at(0).get<std::string>());
                e.canonical = je.at(1).get<std::string>();
                e.aliases = read_string_list(je.at(2));
                const auto& ms = je.at(3);
                for (std::size_t k = 0; k + 2 < ms.size(); k += 3)
                    e.mentions.push_back(
                        {ms[k].get<std::size_t>(), ms[k + 1].get<std::size_t>(), ms[k + 2].get<std::string>()});
                doc.entities.push_back(std::move(e));
            }
        } else if (it != j.end()) {  // version 1: objects
            for (const auto& je : *it) {
                Entity e;
                e.type = entity_type_from(je.at("type").get<std::string>());
                e.canonical = je.at("name").get<std::string>();
                if (auto a = je.find("aliases"); a != je.end()) e.aliases = read_string_list(*a);
                if (auto ms = je.find("mentions"); ms != je.end())
                    for (const auto& m : *ms)
                        e.mentions.push_back(
                            {m.at(0).get<std::size_t>(), m.at(1).get<std::size_t>(), m.at(2).get<std::string>()});
                doc.entities.push_back(std::move(e));
            }
        }
        if (auto it = j.find("dates"); it != j.end() && v >= 2) {
            for (const auto& jm : *it) {
                DateMention m;
                m.offset = jm.at(0).get<std::size_t>();
                m.text = jm.at(1).get<std::string>();
                if (const auto iso = jm.at(2).get<std::string>(); !iso.empty()) m.date = date_from_iso(iso);
                doc.date_mentions.push_back(std::move(m));
            }
        } else if (it != j.end()) {  // version 1: objects
            for (const auto& jm : *it) {
                DateMention m;
                m.text = jm.at("text").get<std::string>();
                m.offset = jm.at("offset").get<std::size_t>();
                if (auto d = jm.find("date"); d != jm.end()) m.date = date_from_iso(d->get<std::string>());
                doc.date_mentions.push_back(std::move(m));
            }
        }
    } catch (const json::exception& e) {
        throw RuntimeError(fmt::format("corrupt stored data: {}", e.what()));
    }
    return doc;
}

}  // namespace newsdex
