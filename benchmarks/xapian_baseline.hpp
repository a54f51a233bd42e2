/** @file
 * @brief The speed baseline: a minimal hand-written Xapian searcher, as anyone would write it from
 * Xapian's documentation. QueryParser with the English stemmer (STEM_SOME, default flags, default
 * field only), Enquire::get_mset for the top 10, MSet::snippet of each hit's body.
 *
 * It searches a newsdex database (the same one Searcher::search runs on), so it reads the body from
 * the stored JSON (simdjson on-demand, only the `body` key) instead of a plain-text document data.
 */
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>
#include <xapian.h>

namespace newsdex::bench {

class XapianBaseline {
public:
    explicit XapianBaseline(const std::string& db_path) : m_db(db_path), m_stem("english") {
        m_parser.set_database(m_db);
        m_parser.set_stemmer(m_stem);
        m_parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    }

    /// Run @p query: the top 10 with a snippet each (appended to @p snippets); returns the hit count.
    std::size_t search(const std::string& query, std::vector<std::string>& snippets) {
        Xapian::Enquire enquire(m_db);
        enquire.set_query(m_parser.parse_query(query));
        const Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it)
            snippets.push_back(mset.snippet(body_of(it.get_document().get_data()), 240, m_stem));
        return mset.size();
    }

private:
    /// The `body` of a newsdex stored-data JSON object ("" when absent).
    std::string body_of(const std::string& data) {
        simdjson::padded_string padded(data);
        simdjson::ondemand::document doc = m_json.iterate(padded);
        std::string_view body;
        if (doc["body"].get_string().get(body) != simdjson::SUCCESS) return {};
        return std::string(body);
    }

    Xapian::Database m_db;
    Xapian::Stem m_stem;
    Xapian::QueryParser m_parser;
    simdjson::ondemand::parser m_json;
};

}  // namespace newsdex::bench
