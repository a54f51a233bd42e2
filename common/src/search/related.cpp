/** @file
 * @brief Related-document queries and document look-up by id (see related.hpp).
 */
#include <newsdex/search/related.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <newsdex/analysis/spelling.hpp>
#include <newsdex/analysis/terms.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/schema/stored.hpp>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

/// Keeps body and title words of at least 3 bytes without digits: what describes a document's topic.
class WordTermDecider final : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        const std::string_view w = word_of_term(term);
        return w.size() >= 3 && std::none_of(w.begin(), w.end(), detail::is_digit);
    }
};

}  // namespace

std::optional<std::pair<Xapian::docid, Document>> find_document(const Xapian::Database& db, std::string_view id) {
    const std::string term = id_term(id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    const Xapian::docid did = *it;
    return std::make_pair(did, decode_stored(db.get_document(did).get_data()));
}

Xapian::Query related_query(const Xapian::Database& db, std::string_view id, std::size_t max_terms) {
    const std::string term = id_term(id);
    auto pl = db.postlist_begin(term);
    if (pl == db.postlist_end(term)) throw UsageError(fmt::format("no document with id '{}'", id));
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(term));
    Xapian::RSet rset;
    rset.add_document(*pl);
    const WordTermDecider decider;
    const Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(max_terms), rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
    if (terms.empty()) throw UsageError(fmt::format("document '{}' has no words to find related documents by", id));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                         Xapian::Query(term));
}

}  // namespace newsdex
