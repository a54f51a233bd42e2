/** @file
 * @brief Spelling words and suggestions, related-document queries, collapse keys, document look-up.
 */
#include <newsdex/search/search_features.hpp>

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include <newsdex/index/document_builder.hpp>
#include <newsdex/core/error.hpp>
#include <newsdex/search/facets.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/search/search.hpp>

namespace newsdex {

namespace {

bool is_upper_ascii(char c) noexcept { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// The word of a body or title term ("walsh", "Swalsh" -> "walsh"), or "" for any other term.
std::string_view word_of_term(std::string_view term) noexcept {
    if (term.empty()) return {};
    if (term[0] == 'S' && term.size() > 1 && !is_upper_ascii(term[1]))
        term.remove_prefix(1);
    else if (is_upper_ascii(term[0]))
        return {};
    if (term.empty() || is_digit(term[0])) return {};
    return term;
}

/// Keeps body and title words of at least 3 bytes without digits: what describes a document's topic.
class WordTermDecider final : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        const std::string_view w = word_of_term(term);
        return w.size() >= 3 && std::none_of(w.begin(), w.end(), is_digit);
    }
};

/// Is @p word in the spelling table (of any of the databases)?
bool in_spelling_table(const Xapian::Database& db, const std::string& word) {
    auto it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word;
}

bool is_operator(std::string_view w) noexcept {
    return w == "AND" || w == "OR" || w == "NOT" || w == "NEAR" || w.starts_with("NEAR/");
}

}  // namespace

std::vector<std::string> spelling_words(const Xapian::Document& xdoc) {
    std::vector<std::string> out;
    for (auto it = xdoc.termlist_begin(); it != xdoc.termlist_end(); ++it) {
        const std::string term = *it;
        const std::string_view w = word_of_term(term);
        if (w.size() >= 2) out.emplace_back(w);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void spelling_word_counts(const Xapian::Database& db,
                          const std::function<void(std::string&&, Xapian::termcount)>& add) {
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
        const std::string term = *it;
        const std::string_view w = word_of_term(term);
        if (w.size() < 2) continue;
        Xapian::termcount n = it.get_termfreq();
        if (w.size() != term.size()) {
            // A title term: the documents with the body word too were counted by the body term.
            const std::string body(w);
            auto b = db.postlist_begin(body);
            const auto b_end = db.postlist_end(body);
            for (auto t = db.postlist_begin(term), t_end = db.postlist_end(term); t != t_end && b != b_end; ++t) {
                b.skip_to(*t);
                if (b != b_end && *b == *t) --n;
            }
        }
        if (n > 0) add(std::string(w), n);
    }
}

std::optional<std::string> suggest_spelling(const Xapian::Database& db, const Analyzer& analyzer,
                                            std::string_view query) {
    struct Replacement {
        std::size_t offset, length;
        std::string text;
    };
    std::vector<Replacement> replacements;
    std::vector<Token> tokens;
    bool in_field_phrase = false;  // inside `field:"..."`: not plain words
    std::size_t i = 0;
    while (i < query.size()) {
        while (i < query.size() && (query[i] == ' ' || query[i] == '\t')) ++i;
        const std::size_t start = i;
        while (i < query.size() && query[i] != ' ' && query[i] != '\t') ++i;
        std::string_view chunk = query.substr(start, i - start);
        if (chunk.empty()) continue;
        const auto quotes = static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '"'));
        if (in_field_phrase) {
            if (quotes % 2 == 1) in_field_phrase = false;
            continue;
        }
        if (chunk.find(':') != std::string_view::npos) {
            if (quotes % 2 == 1) in_field_phrase = true;
            continue;
        }
        if (is_operator(chunk) || chunk.back() == '*') continue;
        analyzer.tokenize(chunk, tokens);
        for (const Token& t : tokens) {
            if (t.numeric || t.term.size() < 3) continue;
            if (in_spelling_table(db, t.term)) continue;
            const unsigned distance = t.term.size() <= 4 ? 1 : 2;
            std::string suggestion = db.get_spelling_suggestion(t.term, distance);
            if (suggestion.empty() || suggestion == t.term) continue;
            replacements.push_back({start + t.offset, t.length, std::move(suggestion)});
        }
    }
    if (replacements.empty()) return std::nullopt;
    std::string out(query);
    for (auto it = replacements.rbegin(); it != replacements.rend(); ++it)
        out.replace(it->offset, it->length, it->text);
    return out;
}

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

Xapian::valueno collapse_slot(std::string_view field) {
    if (field == "title") return schema::slot_title;
    if (field == "source") return schema::slot_source;
    if (field == "date") return schema::slot_date;
    if (field == "type") return schema::slot_facet_type;
    throw UsageError(fmt::format("cannot collapse on '{}' (expected title, source, date or type)", field));
}

}  // namespace newsdex

// Defined here rather than in search.cpp: the look-up belongs with find_document.
namespace newsdex {

std::optional<Document> Searcher::document(std::string_view id) const {
    try {
        auto found = find_document(m_db, id);
        if (!found) return std::nullopt;
        return std::move(found->second);
    } catch (const Xapian::DatabaseModifiedError&) {
        Xapian::Database shared(m_db);
        shared.reopen();
        auto found = find_document(m_db, id);
        if (!found) return std::nullopt;
        return std::move(found->second);
    } catch (const Xapian::Error& e) {
        throw RuntimeError(fmt::format("reading document '{}' failed: {}", id, e.get_description()));
    }
}

}  // namespace newsdex
