/** @file
 * @brief Bounded exact terms: ids, entity names and their synonyms (see terms.hpp).
 */
#include <newsdex/analysis/terms.hpp>

#include <fmt/format.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/schema/schema.hpp>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

/// The largest n' <= n that does not cut a UTF-8 sequence of @p s.
std::size_t utf8_cut(std::string_view s, std::size_t n) noexcept {
    while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return n;
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

}  // namespace newsdex
