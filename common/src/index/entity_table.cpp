/** @file
 * @brief Building the corpus-level entity table (see entity_table.hpp).
 */
#include <newsdex/index/entity_table.hpp>

#include <algorithm>
#include <memory>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/text_util.hpp"
#include "index/name_variants.hpp"

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/schema/facet_codec.hpp>
#include <newsdex/schema/schema.hpp>

namespace newsdex {

namespace {

using detail::dotted_letters;
using detail::is_lower;  // folded names are lower case: their letters are the small ASCII ones

/// A single word of 2..6 ASCII letters (dots dropped): what an acronym looks like, folded. Letters
/// either side of one `&` or ` and ` keep it (`at&t`, `s and p`), as acronyms_of() writes them.
std::string acronym_shape(std::string_view name) {
    std::string out;
    std::size_t letters = 0, ands = 0;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (is_lower(c)) {
            out += c;
            ++letters;
        } else if (c == '&' || name.substr(i).starts_with(" and ")) {
            out += '&';
            ++ands;
            if (c == ' ') i += 4;
        } else if (c != '.') {
            return {};
        }
    }
    const bool joined = ands == 1 && out.front() != '&' && out.back() != '&';
    return letters >= 2 && letters <= 6 && (ands == 0 || joined) ? out : std::string();
}

/// The acronyms @p words may be written as: initials of every word, and of the words longer than
/// three letters (dotted abbreviations give all their letters and always count).
std::vector<std::string> acronyms_of(const std::vector<std::string_view>& words) {
    std::string all, long_words;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string_view w = words[i];
        if (const std::string dotted = dotted_letters(w); !dotted.empty()) {
            all += dotted;
            long_words += dotted;
            continue;
        }
        if (!is_lower(w.front())) return {};
        all += w.front();
        // Function words between others are left out (`of`, `and`); first and last words never
        // (`Graphic Media Inc` is no `GM`).
        if (w.size() > 3 || i == 0 || i + 1 == words.size()) long_words += w.front();
    }
    std::vector<std::string> out{all};
    if (long_words != all && long_words.size() >= 2) out.push_back(long_words);
    // `American Telephone and Telegraph` is `AT&T`: the initials either side of its one `and`.
    if (const auto a = std::find(words.begin(), words.end(), "and"); a != words.begin() && a != words.end() &&
        a + 1 != words.end() && std::count(words.begin(), words.end(), "and") == 1) {
        std::string amp;
        for (auto w = words.begin(); w != words.end(); ++w) {
            if (w == a)
                amp += '&';
            else if (const std::string dotted = dotted_letters(*w); !dotted.empty())
                amp += dotted;
            else
                amp += w->front();
        }
        out.push_back(std::move(amp));
    }
    return out;
}

/// The letters of @p word appear in @p name in order, the first one first (`amex`, `american
/// stock exchange`).
bool abbreviates_letters(std::string_view word, std::string_view name) {
    if (word.empty() || name.empty() || word.front() != name.front()) return false;
    std::size_t j = 1;
    for (std::size_t i = 1; i < word.size(); ++i) {
        j = name.find(word[i], j);
        if (j == std::string_view::npos) return false;
        ++j;
    }
    return true;
}

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
    Grouper(EntityType type, const EntityNames& in, const EntityNames* places, const NameNeighbours& neighbours)
        : m_type(type), m_suffix(suffix_words(in)), m_neighbours(neighbours) {
        if (places) {
            for (const auto& [name, docs] : places->names) m_places[name] += docs;
            for (const auto& [a, b] : places->aliases) m_places.try_emplace(a), m_places.try_emplace(b);
        }
        for (const auto& [name, docs] : in.names) add(name, docs);
        std::vector<std::pair<std::size_t, std::size_t>> pairs;
        for (const auto& [a, b] : in.aliases) pairs.emplace_back(add(a, 0), add(b, 0));
        for (const auto& [a, b] : in.synonyms) m_synonyms.emplace_back(add(a, 0), add(b, 0));
        m_settled.assign(m_names.size(), false);
        for (const auto& [a, b] : m_synonyms) m_settled[a] = m_settled[b] = true;
        // m_names no longer grows: views into it stay valid.
        for (const auto& name : m_names) m_words.push_back(name_words(name));
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
        m_group_docs = m_docs;
    }

    std::vector<EntityGroup> run() {
        for (const auto& [a, b] : m_synonyms) unite(find(a), find(b));
        index_long_forms();
        if (m_type != EntityType::person) join_variants();
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
            // A lexicon's synonym joins other long forms only where documents define them: what
            // the names suggest (`FBI` spells `First Boston Inc`) is no match for the lexicon.
            if (m_settled[s] && d == m_defined.end()) continue;
            bool defined = false;
            if (d != m_defined.end()) {
                // What documents say beats what the names suggest, but an acronym's expansions stay
                // in the running: a document joining `IBM` to `IBM PC` says little of what IBM is.
                // A definition that is an expansion settles it (`Federal Aviation Administration
                // (FAA)`); others (`IBM`, `IBM PC`) leave the expansions in.
                candidates = d->second;
                // Of a person's longer names, those ending with the same surname outweigh a
                // document's run-ons (`Reagan Friday`, a headline); names whose family name comes
                // first have only the latter kind (`Deng`, `Deng Xiaoping`).
                if (m_type == EntityType::person) {
                    const auto other_surname = [&](std::size_t l) {
                        return m_words[l].empty() || m_words[s].empty() || m_words[l].back() != m_words[s].back();
                    };
                    if (!std::all_of(candidates.begin(), candidates.end(), other_surname))
                        std::erase_if(candidates, other_surname);
                }
                std::vector<std::size_t> spelt;
                if (m_type != EntityType::person && expansions(s, spelt)) {
                    std::erase_if(candidates, [&](std::size_t l) { return begins(s, l); });  // `OPEC Fund`
                    if (std::none_of(spelt.begin(), spelt.end(), [&](std::size_t l) {
                            return std::find(d->second.begin(), d->second.end(), l) != d->second.end();
                        }))
                        candidates.insert(candidates.end(), spelt.begin(), spelt.end());
                }
                // Documents that only joined the name to longer ones it begins (`Treasury`,
                // `Treasury Secretary`) leave in the running its forms qualified by a country's
                // dotted abbreviation (`U.S. Treasury`); any place name would let in companies named
                // after towns (`Orion Royal Bank`, `Bethlehem Steel`).
                if (m_type == EntityType::org &&
                    std::all_of(candidates.begin(), candidates.end(), [&](std::size_t l) { return begins(s, l); }))
                    if (const auto it = m_by_bare.find(m_names[s]); it != m_by_bare.end())
                        for (const std::size_t q : it->second)
                            if (dotted_form(s, q)) candidates.push_back(q);
            } else {
                inferred(s, candidates);
            }
            std::erase_if(candidates, [&](std::size_t l) { return qualifies(s, l); });
            // A document that joined a name to a longer one it begins (`European Community`,
            // `European Community Commission`) inferred as the extension rule does: its safeguards hold.
            if (d != m_defined.end())
                defined = std::any_of(candidates.begin(), candidates.end(), [&](std::size_t l) {
                    return !begins(s, l) && std::find(d->second.begin(), d->second.end(), l) != d->second.end();
                });
            decide(s, candidates, !defined && m_type != EntityType::person);
        }
        if (m_neighbours && m_type == EntityType::org) join_by_neighbours(order);
        return groups();
    }

private:
    /**
     * A short organisation word still alone that abbreviates its letters out of a longer name (`Fed`,
     * `Amex`, `ICCO`, tickers such as `PEP`: its letters in order, the first one first, itself no word
     * of the name) and is written beside that name's entity in the same documents, far more than
     * beside any other such name, is that entity: what the texts write together settles what the
     * letters leave open (`Amex` could be American Express).
     */
    void join_by_neighbours(const std::vector<std::size_t>& order) {
        std::vector<std::size_t> size(m_names.size(), 0);
        for (std::size_t i = 0; i < m_names.size(); ++i) ++size[find(i)];
        std::unordered_map<std::size_t, double> by_root;
        for (const std::size_t s : order) {
            if (m_words[s].size() != 1 || m_docs[s] < kNeighbourDocs || size[find(s)] != 1) continue;
            const std::string& word = m_names[s];
            if (word.size() < 3 || !std::all_of(word.begin(), word.end(), is_lower)) continue;
            by_root.clear();
            double total = 0;
            for (const auto& [name, together] : m_neighbours(m_type, word)) {
                const auto it = m_index.find(name);
                if (it == m_index.end() || m_words[it->second].size() < 2 || !abbreviates_letters(word, name)) continue;
                // A word of the name is no abbreviation of it (`Fund`, `Fireman's Fund Corp`): the
                // extension rule, with its safeguards, decides those.
                const auto& lw = m_words[it->second];
                if (std::any_of(lw.begin(), lw.end(), [&](std::string_view w) {
                        return w == word || (w.starts_with(word) && w.substr(word.size()) == "'s");
                    }))
                    continue;
                by_root[find(it->second)] += together;
                total += together;
            }
            std::size_t best = s;
            double best_docs = 0;
            for (const auto& [r, docs] : by_root)
                if (docs > best_docs || (docs == best_docs && r < best)) best = r, best_docs = docs;
            if (best == s || best_docs < kDominantShare * total || best_docs < kNeighbourShare * m_docs[s]) continue;
            unite(s, best);
            size[best] += 1;
        }
    }

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

    /// Spellings of one name (name_variants.hpp) are one entity whatever their documents.
    void join_variants() {
        NameVariants variants([this](std::string_view w) { return suffix_word(w); }, m_type != EntityType::place);
        for (std::size_t i = 0; i < m_names.size(); ++i) variants.add(i, m_names[i]);
        std::vector<std::size_t> same;
        for (std::size_t i = 0; i < m_names.size(); ++i) {
            same.clear();
            variants.matches(m_names[i], same);
            for (const std::size_t j : same) unite(find(j), find(i));
        }
    }

    [[nodiscard]] bool suffix_word(std::string_view w) const { return m_suffix.count(std::string(w)) > 0; }

    /// Maps from what a short form looks like to the long forms it may stand for.
    void index_long_forms() {
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
            // A frequent last word (`corp`) is in the acronym of a long name or not (`CCC`, `IBM`),
            // but two letters are too little to tell a short one (`Exxon Corp` is no `EC`, `Gruen
            // Marketing Corp` no `GM`): three initials at least.
            std::size_t core = w.size();  // the words before the frequent last ones
            while (core > 1 && suffix_word(w[core - 1])) --core;
            if (core == w.size()) {
                for (auto& a : acronyms_of(w)) m_by_acronym[std::move(a)].push_back(i);
            } else {
                if (auto all = acronyms_of(w); w.size() >= 3 && !all.empty())  // every initial
                    m_by_acronym[std::move(all.front())].push_back(i);
                if (core >= 3)
                    for (auto& a : acronyms_of({w.begin(), w.begin() + static_cast<std::ptrdiff_t>(core)}))
                        m_by_acronym[std::move(a)].push_back(i);
            }
            if (const auto sp = m_names[i].find(' '); qualifier(w.front()))
                m_by_bare[m_names[i].substr(sp + 1)].push_back(i);
            // `Poor's Corp` is `Standard and Poor's Corp` cut at its `and`, `Tariffs and Trade` the
            // `General Agreement on Tariffs and Trade` cut at its `on` (by the tagger or a line): the
            // words after a name's one `and` or `on`, two at least and no place's name (`Bank of New York`).
            for (const std::string_view cut : {" and ", " on "})
                if (const auto a = m_names[i].find(cut);
                    a != std::string::npos && m_names[i].find(cut, a + 1) == std::string::npos)
                    if (const std::string_view tail = std::string_view(m_names[i]).substr(a + cut.size());
                        tail.find(' ') != std::string_view::npos && !m_places.count(std::string(tail)))
                        m_by_tail[std::string(tail)].push_back(i);
        }
    }

    /// Add the names @p s is an acronym of to @p out; whether there are some (also in m_acronym).
    bool expansions(std::size_t s, std::vector<std::size_t>& out) {
        m_acronym = false;
        const std::string a = acronym_shape(m_names[s]);
        if (a.empty()) return false;
        const auto add = [&](const std::vector<std::size_t>* found) {
            if (found == nullptr) return;
            for (const std::size_t l : *found)
                if (l != s && m_words[l].front() != m_words[s].front()) {  // `EC Commission` spells no `EC`
                    out.push_back(l);
                    m_acronym = true;
                }
        };
        const auto lookup = [](const auto& map, const std::string& key) -> const std::vector<std::size_t>* {
            const auto it = map.find(key);
            return it == map.end() ? nullptr : &it->second;
        };
        add(lookup(m_by_acronym, a));
        return m_acronym;
    }

    /// Whether @p s, one word naming a place or a dotted abbreviation (`U.N.`, `U.S.`), only
    /// qualifies @p l (`U.N. Security Council`): no long form of it. A word written as a place in
    /// fewer documents than as this type is this type's name (`Chrysler`, `Chrysler Corp`), the place a
    /// tagger's slip.
    bool qualifies(std::size_t s, std::size_t l) const {
        if (m_words[s].size() != 1 || m_words[l].size() < 2 || m_words[l].front() != m_words[s].front() ||
            !qualifier(m_words[s].front()))
            return false;
        const auto p = m_places.find(m_names[s]);
        return p == m_places.end() || m_type == EntityType::place || p->second >= m_docs[s];
    }

    void inferred(std::size_t s, std::vector<std::size_t>& out) {
        m_acronym = false;
        const auto& w = m_words[s];
        if (w.empty()) return;
        if (m_type == EntityType::person) {
            if (const auto it = m_by_surname.find(std::string(w.back())); it != m_by_surname.end())
                for (const std::size_t l : it->second)
                    if (m_names[l].size() > m_names[s].size() && given_names_agree(w, m_words[l])) out.push_back(l);
            return;
        }
        // An acronym's expansions, when it has some, outweigh names it begins (`IBM Canada`).
        if (expansions(s, out)) return;
        // `U.S. Securities and Exchange Commission` is the bare name's entity; a bare name
        // (`Agriculture Department`) may stand for its dominant qualified form.
        if (w.size() >= 3 && qualifier(w.front()))
            if (const auto it = m_index.find(m_names[s].substr(m_names[s].find(' ') + 1));
                it != m_index.end() && m_docs[it->second] > 0 && dominant_qualified_form(s, it->first))
                out.push_back(it->second);
        // A place behind another (`South Africa`, `West Texas`) is a place of its own or a part:
        // never what the bare name stands for (`Africa`, `Texas`).
        if (const auto it = m_by_bare.find(m_names[s]); it != m_by_bare.end() && m_type != EntityType::place)
            out.insert(out.end(), it->second.begin(), it->second.end());
        if (const auto it = m_by_tail.find(m_names[s]); it != m_by_tail.end())
            out.insert(out.end(), it->second.begin(), it->second.end());
        // A one-word misc name is mostly a word of its own (`European`, `American`), not the start of
        // the names it begins (`European Community`, `American Express`).
        if (m_type == EntityType::misc && w.size() == 1) return;
        if (const auto it = m_by_prefix.find(m_names[s]); it != m_by_prefix.end())
            for (const std::size_t l : it->second)
                if (!extends_longer_name(l, w.size())) out.push_back(l);
    }

    /// Whether @p s holds kDominantShare of the documents of the qualified forms of @p bare: a bare
    /// name qualified by many places is a kind of body (`Stock Exchange`, `Public Service
    /// Commission`), each place's its own.
    bool dominant_qualified_form(std::size_t s, const std::string& bare) const {
        const auto it = m_by_bare.find(bare);
        if (it == m_by_bare.end()) return true;
        double total = 0;
        for (const std::size_t q : it->second) total += m_docs[q];
        return m_docs[s] >= kDominantShare * total;
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
        // A lexicon's synonyms are long forms @p s already has: they weigh against the others
        // (`EPA`, one entity with `Environmental Protection Agency`, joins no `Economic Planning Agency`).
        if (m_settled[s]) {
            by_root.emplace(own, m_group_docs[own] - m_docs[s]);
            total += m_group_docs[own] - m_docs[s];
        }
        // Each candidate entity weighs what all its names weigh (`U.S. Department of Agriculture` is
        // also `U.S. Agriculture Department`), counted once.
        for (const std::size_t l : candidates) {
            const std::size_t r = find(l);
            if (r == own || !by_root.try_emplace(r, m_group_docs[r]).second) continue;
            total += m_group_docs[r];
        }
        if (total <= 0) return;
        std::size_t best = own;
        double best_docs = 0;
        for (const auto& [r, docs] : by_root)
            if (docs > best_docs || (docs == best_docs && r < best)) {
                best = r;
                best_docs = docs;
            }
        if (best == own) return;
        if (best_docs < kDominantShare * total && !legal_name_of(s, best, candidates)) return;
        // A short place name is usually a place of its own (`Bombay`, `Bombay High`): its long form
        // must be at least as frequent.
        // A country's dotted abbreviation is mostly left out (`Congress`, `U.S. Congress`): as rare as
        // an acronym's expansion.
        const bool country_form = m_type == EntityType::org &&
            std::any_of(candidates.begin(), candidates.end(),
                        [&](std::size_t l) { return find(l) == best && dotted_form(s, l); });
        const double rare = m_acronym || country_form ? kRareExpansion
            : m_type == EntityType::place             ? 1
                                                      : kRareLongForm;
        if (guessed_name && best_docs * rare < m_docs[s]) return;
        unite(own, best);
    }

    /// Whether entity @p root, the largest candidate, holds @p s's name with frequent last words only
    /// after it (`Chrysler Corp` for `Chrysler`): a company's bare name is the company, not one of the
    /// units whose other words name a part (`Chrysler Motors Corp`, `Chrysler Financial Corp`).
    bool legal_name_of(std::size_t s, std::size_t root, const std::vector<std::size_t>& candidates) {
        if (m_type != EntityType::org) return false;
        return std::any_of(candidates.begin(), candidates.end(),
                           [&](std::size_t l) { return find(l) == root && legal_form(s, l); });
    }

    /// Whether name @p l is name @p s with frequent last words only after it (`Chrysler Corp`); an
    /// `and` before one is the legal form's too (`Merrill Lynch and Co Inc`).
    bool legal_form(std::size_t s, std::size_t l) const {
        if (!begins(s, l)) return false;
        const auto& w = m_words[l];
        for (std::size_t k = m_words[s].size(); k < w.size(); ++k)
            if (!suffix_word(w[k]) && !(w[k] == "and" && k + 1 < w.size() && suffix_word(w[k + 1]))) return false;
        return true;
    }

    /// Whether name @p l is name @p s behind a dotted abbreviation (`U.S. Congress` for `Congress`).
    bool dotted_form(std::size_t s, std::size_t l) const {
        const auto& a = m_words[s];
        const auto& b = m_words[l];
        return b.size() == a.size() + 1 && !dotted_letters(b.front()).empty() &&
            std::equal(a.begin(), a.end(), b.begin() + 1);
    }

    /// Whether name @p l starts with the words of name @p s.
    bool begins(std::size_t s, std::size_t l) const {
        const auto& a = m_words[s];
        const auto& b = m_words[l];
        return a.size() < b.size() && std::equal(a.begin(), a.end(), b.begin());
    }

    /// Root @p a joins root @p b.
    void unite(std::size_t a, std::size_t b) {
        if (a == b) return;
        m_parent[a] = b;
        m_group_docs[b] += m_group_docs[a];
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
    std::unordered_set<std::string> m_suffix;
    const NameNeighbours& m_neighbours;
    bool m_acronym = false;  ///< the candidates of the short form being decided are its expansions
    std::unordered_map<std::string, std::size_t> m_index;
    std::vector<std::string> m_names;
    std::vector<double> m_docs;
    std::vector<std::vector<std::string_view>> m_words;
    std::unordered_map<std::size_t, std::vector<std::size_t>> m_defined;  ///< short -> defined long forms
    std::vector<std::pair<std::size_t, std::size_t>> m_synonyms;          ///< one entity (a lexicon's)
    std::vector<bool> m_settled;                                          ///< per name: in m_synonyms
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_prefix, m_by_acronym, m_by_surname, m_by_bare,
        m_by_tail;
    std::unordered_map<std::string, Xapian::doccount> m_places;  ///< place names, documents as places
    std::vector<std::size_t> m_parent;
    std::vector<double> m_group_docs;  ///< per root: the documents of all its names
};

}  // namespace

std::unordered_set<std::string> suffix_words(const EntityNames& in) {
    std::unordered_map<std::string_view, std::size_t> last_words;
    std::size_t multi_word = 0;
    for (const auto& [name, docs] : in.names) {
        const auto sp = name.rfind(' ');
        if (sp == std::string::npos || docs == 0) continue;
        ++last_words[std::string_view(name).substr(sp + 1)];
        ++multi_word;
    }
    std::unordered_set<std::string> out;
    for (const auto& [w, n] : last_words)
        if (n * kSuffixShare >= multi_word && n > 1) out.emplace(w);
    return out;
}

std::vector<EntityGroup> group_entity_names(EntityType type, const EntityNames& in, const EntityNames* places,
                                            const NameNeighbours& neighbours) {
    return Grouper(type, in, places, neighbours).run();
}

EntityTable build_entity_table(std::array<EntityNames, 4> names, const Gazetteer* gazetteer,
                               const NameNeighbours& neighbours, const NameLexicon* lexicon) {
    EntityTable table;
    table.moves = decide_entity_types(names, gazetteer, lexicon);
    for (const EntityType type : entity_types)
        table.of(type) = group_entity_names(type, names[static_cast<std::size_t>(type)],
                                            &names[static_cast<std::size_t>(EntityType::place)], neighbours);
    return table;
}

NameNeighbours database_neighbours(const Xapian::Database& db) {
    return [db](EntityType type, const std::string& name) {
        const std::string prefix(schema::entity_field(type).exact_prefix);
        const std::string term = prefix + name;
        std::unordered_map<std::string, Xapian::doccount> counts;
        Xapian::doccount seen = 0;
        for (auto d = db.postlist_begin(term); d != db.postlist_end(term) && seen < kNeighbourSample; ++d, ++seen) {
            auto t = db.termlist_begin(*d);
            for (t.skip_to(prefix); t != db.termlist_end(*d); ++t) {
                const std::string other = *t;
                if (!other.starts_with(prefix)) break;
                if (other != term) ++counts[other.substr(prefix.size())];
            }
        }
        return std::vector<std::pair<std::string, Xapian::doccount>>(counts.begin(), counts.end());
    };
}

std::array<EntityNames, 4> read_entity_names(const Xapian::Database& db) {
    std::array<EntityNames, 4> out;
    for (const EntityType type : entity_types) {
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

namespace {

/// How a document writes moved name @p m (its facet value of the old type folding to the name).
std::string spelling_of(const Xapian::Database& db, const EntityMove& m) {
    const std::string term = std::string(schema::entity_field(m.from).exact_prefix) + m.name;
    const auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return m.name;
    const std::string raw = db.get_document(*it).get_value(schema::entity_facet_slot(m.from));
    std::vector<std::string_view> values;
    decode_facet_values(raw, values);
    for (const std::string_view v : values)
        if (fold_exact_value(v) == m.name) return std::string(v);
    return m.name;
}

}  // namespace

EntityTable update_entity_table(Xapian::WritableDatabase& db, const Gazetteer* gazetteer, const NameLexicon* lexicon) {
    EntityTable table = build_entity_table(read_entity_names(db), gazetteer, database_neighbours(db), lexicon);
    for (EntityMove& m : table.moves) m.spelling = spelling_of(db, m);
    table.write(db);
    return table;
}

}  // namespace newsdex
