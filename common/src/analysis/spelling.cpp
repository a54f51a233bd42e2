/** @file
 * @brief Spelling words of documents and databases (see spelling.hpp).
 */
#include <newsdex/analysis/spelling.hpp>

#include <algorithm>

#include "core/text_util.hpp"

namespace newsdex {

std::string_view word_of_term(std::string_view term) noexcept {
    if (term.empty()) return {};
    if (term[0] == 'S' && term.size() > 1 && !detail::is_upper(term[1]))
        term.remove_prefix(1);
    else if (detail::is_upper(term[0]))
        return {};
    if (term.empty() || detail::is_digit(term[0])) return {};
    return term;
}

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

}  // namespace newsdex
