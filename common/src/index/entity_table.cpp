/** @file
 * @brief Building the corpus-level entity table (see entity_table.hpp).
 */
#include <newsdex/index/entity_table.hpp>

#include <algorithm>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <newsdex/schema/schema.hpp>

namespace newsdex {

namespace {

std::vector<std::string_view> words_of(std::string_view name) {
    std::vector<std::string_view> out;
    while (!name.empty()) {
        const auto sp = name.find(' ');
        if (sp != 0) out.push_back(name.substr(0, sp));
        if (sp == std::string_view::npos) break;
        name.remove_prefix(sp + 1);
    }
    return out;
}

bool ascii_letter(char c) noexcept { return c >= 'a' && c <= 'z'; }

/// A word that stands for its letters: `u.s.`, `e.`; the letters without dots ("" when not one).
std::string dotted_letters(std::string_view w) {
    if (w.find('.') == std::string_view::npos) return {};
    std::string out;
    for (const char c : w) {
        if (ascii_letter(c))
            out += c;
        else if (c != '.')
            return {};
    }
    return out.size() <= 3 ? out : std::string();
}

/// A single word of 2..6 ASCII letters (dots dropped): what an acronym looks like, folded.
std::string acronym_shape(std::string_view name) {
    if (name.find(' ') != std::string_view::npos) return {};
    std::string out;
    for (const char c : name) {
        if (ascii_letter(c))
            out += c;
        else if (c != '.')
            return {};
    }
    return out.size() >= 2 && out.size() <= 6 ? out : std::string();
}

/// The acronyms @p words may be written as: initials of every word, and of the words longer than
/// three letters (dotted abbreviations give all their letters and always count).
std::vector<std::string> acronyms_of(const std::vector<std::string_view>& words) {
    std::string all, long_words;
    for (const auto w : words) {
        if (const std::string dotted = dotted_letters(w); !dotted.empty()) {
            all += dotted;
            long_words += dotted;
            continue;
        }
        if (!ascii_letter(w.front())) return {};
        all += w.front();
        if (w.size() > 3) long_words += w.front();
    }
    std::vector<std::string> out{all};
    if (long_words != all && long_words.size() >= 2) out.push_back(long_words);
    return out;
}

bool is_initial(std::string_view w) noexcept { return w.size() <= 2 && (w.size() == 1 || w[1] == '.'); }

/// Whether person name @p s (same surname as @p l, shorter) may stand for @p l: its first names
/// are @p l's first ones, each equal or an initial of it.
bool given_names_agree(const std::vector<std::string_view>& s, const std::vector<std::string_view>& l) {
    if (s.size() > l.size()) return false;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (is_initial(s[i]) ? s[i].front() != l[i].front() : s[i] != l[i]) return false;
    }
    return true;
}

class Grouper {
public:
    Grouper(EntityType type, const EntityNames& in, const EntityNames* places) : m_type(type) {
        if (places) {
            for (const auto& [name, docs] : places->names) m_places.insert(name);
            for (const auto& [a, b] : places->aliases) m_places.insert(a), m_places.insert(b);
        }
        for (const auto& [name, docs] : in.names) add(name, docs);
        std::vector<std::pair<std::size_t, std::size_t>> pairs;
        for (const auto& [a, b] : in.aliases) pairs.emplace_back(add(a, 0), add(b, 0));
        // m_names no longer grows: views into it stay valid.
        for (const auto& name : m_names) m_words.push_back(words_of(name));
        for (const auto& [a, b] : pairs) {
            const auto rank = [&](std::size_t i) { return std::make_pair(m_words[i].size(), m_names[i].size()); };
            if (a == b || rank(a) == rank(b)) continue;  // neither is the shorter form
            if (rank(a) < rank(b))
                m_defined[a].push_back(b);
            else
                m_defined[b].push_back(a);
        }
        m_parent.resize(m_names.size());
        std::iota(m_parent.begin(), m_parent.end(), std::size_t{0});
    }

    std::vector<EntityGroup> run() {
        index_long_forms();
        std::vector<std::size_t> order(m_names.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            if (m_words[a].size() != m_words[b].size()) return m_words[a].size() > m_words[b].size();
            if (m_names[a].size() != m_names[b].size()) return m_names[a].size() > m_names[b].size();
            return m_names[a] < m_names[b];
        });
        std::vector<std::size_t> candidates;
        for (const std::size_t s : order) {
            candidates.clear();
            const auto d = m_defined.find(s);
            if (d != m_defined.end())
                candidates = d->second;  // what documents say beats what the names suggest
            else
                inferred(s, candidates);
            decide(s, candidates, d == m_defined.end() && m_type != EntityType::person);
        }
        return groups();
    }

private:
    std::size_t add(const std::string& name, Xapian::doccount docs) {
        const auto [it, added] = m_index.try_emplace(name, m_names.size());
        if (added) {
            m_names.push_back(name);
            m_docs.push_back(docs);
        } else {
            m_docs[it->second] += docs;
        }
        return it->second;
    }

    /// Maps from what a short form looks like to the long forms it may stand for.
    void index_long_forms() {
        // Words that end many names (`corp`, `inc`, `ltd`) are left out of acronyms too (`IBM`).
        std::unordered_map<std::string_view, std::size_t> last_words;
        std::size_t multi_word = 0;
        for (std::size_t i = 0; i < m_names.size(); ++i) {
            if (m_words[i].size() < 2 || m_docs[i] == 0) continue;
            ++last_words[m_words[i].back()];
            ++multi_word;
        }
        const auto suffix_word = [&](std::string_view w) {
            const auto it = last_words.find(w);
            return it != last_words.end() && it->second * kSuffixShare >= multi_word && it->second > 1;
        };
        for (std::size_t i = 0; i < m_names.size(); ++i) {
            const auto& w = m_words[i];
            if (w.size() < 2 || m_docs[i] == 0) continue;
            if (m_type == EntityType::person) {
                m_by_surname[std::string(w.back())].push_back(i);
                continue;
            }
            std::string prefix(w.front());
            for (std::size_t k = 1; k < w.size(); ++k) {
                m_by_prefix[prefix].push_back(i);
                prefix.append(1, ' ').append(w[k]);
            }
            for (auto& a : acronyms_of(w)) m_by_acronym[std::move(a)].push_back(i);
            if (w.size() >= 3 && suffix_word(w.back()))
                for (auto& a : acronyms_of({w.begin(), w.end() - 1})) m_by_acronym[std::move(a)].push_back(i);
            if (const auto sp = m_names[i].find(' '); qualifier(w.front()))
                m_by_bare[m_names[i].substr(sp + 1)].push_back(i);
        }
    }

    void inferred(std::size_t s, std::vector<std::size_t>& out) const {
        const auto& w = m_words[s];
        if (w.empty()) return;
        if (m_type == EntityType::person) {
            if (const auto it = m_by_surname.find(std::string(w.back())); it != m_by_surname.end())
                for (const std::size_t l : it->second)
                    if (m_names[l].size() > m_names[s].size() && given_names_agree(w, m_words[l])) out.push_back(l);
            return;
        }
        // An acronym's expansions, when it has some, outweigh names it begins (`IBM Canada`).
        if (const std::string a = acronym_shape(m_names[s]); !a.empty())
            if (const auto it = m_by_acronym.find(a); it != m_by_acronym.end()) {
                for (const std::size_t l : it->second)
                    if (l != s) out.push_back(l);
                if (!out.empty()) return;
            }
        // `U.S. Securities and Exchange Commission` is the bare name's entity; a bare name
        // (`Agriculture Department`) may stand for its dominant qualified form.
        if (w.size() >= 3 && qualifier(w.front()))
            if (const auto it = m_index.find(m_names[s].substr(m_names[s].find(' ') + 1));
                it != m_index.end() && m_docs[it->second] > 0)
                out.push_back(it->second);
        if (const auto it = m_by_bare.find(m_names[s]); it != m_by_bare.end())
            out.insert(out.end(), it->second.begin(), it->second.end());
        if (const auto it = m_by_prefix.find(m_names[s]); it != m_by_prefix.end())
            for (const std::size_t l : it->second)
                if (!extends_longer_name(l, w.size())) out.push_back(l);
    }

    /// A first word naming a place (`U.S. Treasury`, `Brazil Treasury`): a place name of the corpus.

    /// Dotted abbreviations count too (`U.S.`, `U.K.`): the gazetteer gives their places other names.
    bool qualifier(std::string_view word) const {
        return m_places.count(std::string(word)) > 0 || !dotted_letters(word).empty();
    }

    /// Whether a name of the corpus with more than @p words words is a word prefix of name @p l: then
    /// @p l counts for that name, not for the shorter one (`Federal Reserve Board Vice` is a run-on of
    /// `Federal Reserve Board`, no other long form of `Federal Reserve`).
    bool extends_longer_name(std::size_t l, std::size_t words) const {
        const auto& w = m_words[l];
        std::string prefix;
        for (std::size_t k = 0; k + 1 < w.size(); ++k) {
            if (k > 0) prefix += ' ';
            prefix.append(w[k]);
            if (k + 1 <= words) continue;
            if (const auto it = m_index.find(prefix); it != m_index.end() && m_docs[it->second] > 0) return true;
        }
        return false;
    }

    /// Join @p s to the entity holding kDominantShare of its long forms' documents, if one does;
    /// @p guessed_name: the long forms are inferred for a name that is no person's (see kRareLongForm).
    void decide(std::size_t s, std::vector<std::size_t>& candidates, bool guessed_name) {
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        const std::size_t own = find(s);
        std::unordered_map<std::size_t, double> by_root;
        double total = 0;
        for (const std::size_t l : candidates) {
            const std::size_t r = find(l);
            if (r == own) continue;
            by_root[r] += m_docs[l];
            total += m_docs[l];
        }
        if (total <= 0) return;
        std::size_t best = own;
        double best_docs = 0;
        for (const auto& [r, docs] : by_root)
            if (docs > best_docs || (docs == best_docs && r < best)) {
                best = r;
                best_docs = docs;
            }
        if (best_docs < kDominantShare * total) return;
        // A short place name is usually a place of its own (`Bombay`, `Bombay High`): its long form
        // must be at least as frequent.
        const double rare = m_type == EntityType::place ? 1 : kRareLongForm;
        if (guessed_name && best_docs * rare < m_docs[s]) return;
        m_parent[own] = best;
    }

    /// Two words or more, the first not an initial: not an acronym, surname or initials.
    bool full_form(std::size_t i) const { return m_words[i].size() >= 2 && !is_initial(m_words[i].front()); }

    std::size_t find(std::size_t i) {
        while (m_parent[i] != i) i = m_parent[i] = m_parent[m_parent[i]];
        return i;
    }

    std::vector<EntityGroup> groups() {
        std::unordered_map<std::size_t, std::vector<std::size_t>> members;
        for (std::size_t i = 0; i < m_names.size(); ++i) members[find(i)].push_back(i);
        std::vector<EntityGroup> out;
        for (auto& [root, list] : members) {
            if (list.size() < 2) continue;
            std::size_t key = list.front();
            const auto better = [&](std::size_t a, std::size_t b) {  // a better key than b
                if (full_form(a) != full_form(b)) return full_form(a);
                if (m_docs[a] != m_docs[b]) return m_docs[a] > m_docs[b];
                if (m_names[a].size() != m_names[b].size()) return m_names[a].size() > m_names[b].size();
                return m_names[a] < m_names[b];
            };
            for (const std::size_t i : list)
                if (better(i, key)) key = i;
            EntityGroup g{m_names[key], {}};
            for (const std::size_t i : list) g.members.push_back(m_names[i]);
            std::sort(g.members.begin(), g.members.end());
            out.push_back(std::move(g));
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
        return out;
    }

    EntityType m_type;
    std::unordered_map<std::string, std::size_t> m_index;
    std::vector<std::string> m_names;
    std::vector<double> m_docs;
    std::vector<std::vector<std::string_view>> m_words;
    std::unordered_map<std::size_t, std::vector<std::size_t>> m_defined;  ///< short -> defined long forms
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_prefix, m_by_acronym, m_by_surname, m_by_bare;
    std::unordered_set<std::string> m_places;
    std::vector<std::size_t> m_parent;
};

constexpr EntityType kTypes[] = {EntityType::person, EntityType::org, EntityType::place, EntityType::misc};

}  // namespace

std::vector<EntityGroup> group_entity_names(EntityType type, const EntityNames& in, const EntityNames* places) {
    return Grouper(type, in, places).run();
}

std::array<EntityNames, 4> read_entity_names(const Xapian::Database& db) {
    std::array<EntityNames, 4> out;
    for (const EntityType type : kTypes) {
        const std::string prefix(schema::entity_field(type).exact_prefix);
        EntityNames& names = out[static_cast<std::size_t>(type)];
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            const std::string term = *t;
            names.names.emplace_back(term.substr(prefix.size()), t.get_termfreq());
        }
        for (auto k = db.synonym_keys_begin(prefix); k != db.synonym_keys_end(prefix); ++k) {
            const std::string key = *k;
            for (auto s = db.synonyms_begin(key); s != db.synonyms_end(key); ++s) {
                const std::string syn = *s;
                // Pairs are recorded both ways: keep one.
                if (syn.starts_with(prefix) && key < syn)
                    names.aliases.emplace_back(key.substr(prefix.size()), syn.substr(prefix.size()));
            }
        }
    }
    return out;
}

EntityTable update_entity_table(Xapian::WritableDatabase& db) {
    const auto names = read_entity_names(db);
    EntityTable table;
    for (const EntityType type : kTypes)
        table.of(type) = group_entity_names(type, names[static_cast<std::size_t>(type)],
                                            &names[static_cast<std::size_t>(EntityType::place)]);
    table.write(db);
    return table;
}

}  // namespace newsdex
