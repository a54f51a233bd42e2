/** @file
 * @brief Spelling words added up before they are written (header-only: a small value type).
 */
#pragma once
#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Spelling words added up between commits: one add_spelling per distinct word and commit instead of
/// one per word and document (Xapian keeps a std::map of pending spelling changes: this is cheaper).
class SpellingBuffer {
public:
    void add(std::vector<std::string>& words) {
        for (auto& w : words) ++m_counts[std::move(w)];
    }
    void add(std::string&& word, Xapian::termcount n = 1) { m_counts[std::move(word)] += n; }
    [[nodiscard]] std::size_t size() const noexcept { return m_counts.size(); }

    /// Move the counts into @p into (adding them up).
    void move_into(SpellingBuffer& into) {
        if (into.m_counts.empty()) {
            into.m_counts.swap(m_counts);
            return;
        }
        for (auto& node : m_counts) into.m_counts[node.first] += node.second;
        m_counts.clear();
    }

    void flush(Xapian::WritableDatabase& db) {
        std::vector<std::pair<std::string, Xapian::termcount>> sorted(m_counts.begin(), m_counts.end());
        std::sort(sorted.begin(), sorted.end());
        for (const auto& [word, n] : sorted) db.add_spelling(word, n);
        m_counts.clear();
    }

private:
    std::unordered_map<std::string, Xapian::termcount> m_counts;
};

}  // namespace newsdex
