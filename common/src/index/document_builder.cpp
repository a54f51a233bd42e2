/** @file
 * @brief Document -> Xapian::Document (terms, values, stored data) and the stored-data JSON codec.
 *
 * This is the indexer's hot path: one pass per text field through the Analyzer, a handful of
 * boolean terms and values, and one JSON dump. Nothing here touches the database.
 */
#include <newsdex/index/document_builder.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <newsdex/core/error.hpp>
#include <newsdex/search/facets.hpp>
#include <newsdex/schema/schema.hpp>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

using nlohmann::json;

/// Positions left empty between two fields (or two values of one field), so phrases never span them.
constexpr Xapian::termpos field_gap = 100;

/// Version of the stored-data JSON, key "v".
/// 2: entities and date mentions as arrays, not objects (a third of the encoding time, and smaller);
/// version 1 records are still read.
constexpr int stored_version = 2;

/// The largest n' <= n that does not cut a UTF-8 sequence of @p s.
std::size_t utf8_cut(std::string_view s, std::size_t n) noexcept {
    while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return n;
}

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

std::string bounded_term(std::string_view prefix, std::string_view value) {
    std::string term;
    if (value.size() <= max_term_value_bytes) {
        term.reserve(prefix.size() + value.size());
        term.append(prefix).append(value);
        return term;
    }
    constexpr std::size_t hash_chars = 1 + 16;  // '#' + hex digits
    const std::size_t keep = utf8_cut(value, max_term_value_bytes - hash_chars);
    term.reserve(prefix.size() + max_term_value_bytes);
    term.append(prefix).append(value.substr(0, keep));
    term += fmt::format("#{:016x}", detail::fnv1a64(value));
    return term;
}

std::string entity_term(EntityType type, std::string_view name) {
    std::string folded = fold_exact_value(name);
    if (folded.empty()) return folded;
    return bounded_term(schema::entity_field(type).exact_prefix, folded);
}

std::vector<std::pair<std::string, std::string>> entity_synonyms(const Document& doc) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : doc.entities) {
        if (e.aliases.empty()) continue;
        const std::string canonical = entity_term(e.type, e.canonical);
        if (canonical.empty()) continue;
        for (const auto& a : e.aliases) {
            std::string alias = entity_term(e.type, a);
            if (alias.empty() || alias == canonical) continue;
            out.emplace_back(alias, canonical);
            out.emplace_back(canonical, std::move(alias));
        }
    }
    return out;
}

std::string id_term(std::string_view id) { return bounded_term(schema::id_prefix, fold_exact_value(id)); }

Xapian::Document build_document(const Document& doc, const Analyzer& analyzer, std::string_view source_path_term) {
    Xapian::Document x;

    // Identity and provenance.
    x.add_boolean_term(id_term(doc.id));
    if (!source_path_term.empty()) x.add_boolean_term(bounded_term(schema::path_prefix, source_path_term));
    if (!doc.type.empty()) x.add_boolean_term(bounded_term(schema::type_prefix, fold_exact_value(doc.type)));

    // Text fields: one running position, a gap between fields and between values of a field.
    Xapian::termpos pos = 1;
    auto text = [&](std::string_view value, std::string_view prefix) {
        if (value.empty()) return;
        pos = analyzer.index_text(x, value, prefix, pos) + field_gap;
    };
    text(doc.title, schema::title_prefix);
    if (doc.subject != doc.title) text(doc.subject, schema::title_prefix);
    text(doc.body, schema::body_prefix);
    for (const auto& a : doc.authors) text(a, schema::author_prefix);
    text(doc.source, schema::source_prefix);
    // Whole source and author names, exact (facet drill-down: `source:"Meridian Wire"`).
    const auto exact = [&x](std::string_view prefix, std::string_view value) {
        if (std::string folded = fold_exact_value(value); !folded.empty())
            x.add_boolean_term(bounded_term(prefix, folded));
    };
    exact(schema::source_exact_prefix, doc.source);
    for (const auto& a : doc.authors) exact(schema::author_exact_prefix, a);
    for (const auto& v : doc.from) text(v, schema::from_prefix);
    for (const auto& v : doc.to) text(v, schema::to_prefix);
    for (const auto& v : doc.cc) text(v, schema::cc_prefix);

    // Entities: the words of the canonical name and aliases under the type's prefix, weighted by the
    // number of mentions (unstemmed and without positions: names are searched word by word, and
    // stems and positions would double the entity terms the writer has to merge), and the exact
    // canonical name.
    for (const auto& e : doc.entities) {
        const schema::Field& f = schema::entity_field(e.type);
        const auto wdf = static_cast<Xapian::termcount>(std::max<std::size_t>(1, e.mentions.size()));
        if (!e.canonical.empty()) analyzer.index_words(x, e.canonical, f.prefix, wdf);
        for (const auto& a : e.aliases)
            if (!a.empty()) analyzer.index_words(x, a, f.prefix, wdf);
        if (std::string term = entity_term(e.type, e.canonical); !term.empty()) x.add_boolean_term(term);
    }

    // Dates mentioned in the text: the day, month and year terms, as precise as the resolved date.
    for (const auto& m : doc.date_mentions) {
        if (!m.date.valid()) continue;
        const std::string iso = m.date.iso();  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"
        for (const std::size_t n : {std::size_t{4}, std::size_t{7}, std::size_t{10}})
            if (iso.size() >= n) x.add_boolean_term(std::string(schema::mention_date_prefix).append(iso, 0, n));
    }

    // Tags: exact boolean terms, folded as the query parser folds `places:USA`.
    for (const auto& [key, values] : doc.tags) {
        const std::string prefix = schema::tag_field_prefix(key);
        for (const auto& v : values) {
            std::string folded = fold_exact_value(v);
            if (!folded.empty()) x.add_boolean_term(bounded_term(prefix, folded));
        }
    }

    // Dates: sortable value plus day/month/year filter terms, as precise as the date is.
    if (doc.date && doc.date->valid()) {
        const Date& d = *doc.date;
        const std::string sortable = d.sortable();  // "YYYYMMDD", missing parts "00"
        x.add_value(schema::slot_date, sortable);
        x.add_boolean_term(std::string(schema::year_prefix).append(sortable, 0, 4));
        if (d.month > 0) x.add_boolean_term(std::string(schema::month_prefix).append(sortable, 0, 6));
        if (d.month > 0 && d.day > 0) x.add_boolean_term(std::string(schema::day_prefix).append(sortable));
    }
    if (doc.updated && doc.updated->valid()) x.add_value(schema::slot_updated, doc.updated->sortable());

    // Values for sorting, collapsing and display.
    x.add_value(schema::slot_id, doc.id);
    if (!doc.title.empty()) {
        // Collapse key: the folded words of the title, so "Fed Raises Rates" == "FED raises rates!".
        std::vector<Token> tokens;
        analyzer.tokenize(doc.title, tokens);
        std::string key;
        for (const auto& t : tokens) {
            if (!key.empty()) key += ' ';
            key += t.term;
        }
        if (!key.empty()) x.add_value(schema::slot_title, key);
    }
    if (!doc.source.empty()) x.add_value(schema::slot_source, doc.source);

    add_facet_values(x, doc);  // one slot per facet field, all its values (facets.hpp)
    x.set_data(encode_stored(doc));
    return x;
}

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
