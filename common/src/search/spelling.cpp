/** @file
 * @brief Spelling suggestions for queries (see spelling.hpp).
 */
#include <newsdex/search/spelling.hpp>

#include <algorithm>
#include <utility>
#include <vector>

namespace newsdex {

namespace {

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

}  // namespace newsdex
