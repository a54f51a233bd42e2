/** @file
 * @brief Document -> Xapian::Document: terms, values, facet slots and stored data.
 *
 * This is the indexer's hot path: one pass per text field through the Analyzer, a handful of
 * boolean terms and values, and one JSON dump. Nothing here touches the database.
 */
#include <newsdex/index/document_builder.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include <newsdex/analysis/terms.hpp>
#include <newsdex/schema/facet_codec.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/schema/stored.hpp>

namespace newsdex {

namespace {

/// Positions left empty between two fields (or two values of one field), so phrases never span them.
constexpr Xapian::termpos field_gap = 100;

}  // namespace

void add_facet_values(Xapian::Document& xdoc, const Document& doc) {
    std::vector<std::string> by_type[4];
    for (const auto& e : doc.entities) by_type[static_cast<std::size_t>(e.type) & 3u].push_back(e.canonical);
    const auto put = [&xdoc](Xapian::valueno slot, std::vector<std::string> values) {
        std::string encoded = encode_facet_values(std::move(values));
        if (!encoded.empty()) xdoc.add_value(slot, encoded);
    };
    put(schema::slot_facet_person, std::move(by_type[static_cast<std::size_t>(EntityType::person)]));
    put(schema::slot_facet_org, std::move(by_type[static_cast<std::size_t>(EntityType::org)]));
    put(schema::slot_facet_place, std::move(by_type[static_cast<std::size_t>(EntityType::place)]));
    put(schema::slot_facet_misc, std::move(by_type[static_cast<std::size_t>(EntityType::misc)]));
    put(schema::slot_facet_source, {doc.source});
    put(schema::slot_facet_author, doc.authors);
    put(schema::slot_facet_type, {doc.type});
    put(schema::slot_facet_country, doc.countries);
    std::vector<std::string> tags;
    for (const auto& [name, values] : doc.tags)
        for (const auto& v : values)
            if (!v.empty()) tags.push_back(tag_facet_entry(name, v));
    put(schema::slot_facet_tags, std::move(tags));
}

Xapian::Document build_document(const Document& doc, const Analyzer& analyzer, std::string_view source_path_term,
                                std::uint64_t run) {
    Xapian::Document x;
    if (run > 0) x.add_value(schema::slot_run, Xapian::sortable_serialise(static_cast<double>(run)));

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

    // Countries of the places named: exact terms, folded as the query parser folds `country:Japan`.
    for (const auto& c : doc.countries) exact(schema::country_prefix, c);

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

    add_facet_values(x, doc);  // one slot per facet field, all its values (facet_codec.hpp)
    x.set_data(encode_stored(doc));
    return x;
}

}  // namespace newsdex
