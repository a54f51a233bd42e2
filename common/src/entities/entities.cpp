/** @file
 * @brief Entity resolution: name coreference, acronyms, places; one entity per canonical name.
 */
#include <newsdex/entities/entities.hpp>

#include <algorithm>
#include <map>

#include <newsdex/entities/acronyms.hpp>
#include <newsdex/entities/people.hpp>

#include "core/text_util.hpp"
#include "entities/mention_rules.hpp"
#include "entities/name_util.hpp"

namespace newsdex {
namespace {

using detail::iequals;
using detail::is_space;
using namespace entity_detail;

// ---------------------------------------------------------------------------------------------
// Person name keys.

/// Folded tokens of a person name without dots, for comparisons (`M.` == `m`).
std::vector<std::string> name_keys(std::string_view name) {
    std::vector<std::string> keys;
    for (auto w : split_words(name)) {
        std::string k = word_key(w);
        if (!k.empty()) keys.push_back(std::move(k));
    }
    return keys;
}

/// The surname key: the last token that is not a suffix (`Jr.`).
std::string surname_key(const std::vector<std::string>& keys) {
    for (auto it = keys.rbegin(); it != keys.rend(); ++it)
        if (!is_suffix_key(*it)) return *it;
    return keys.empty() ? std::string() : keys.back();
}

/// Key @p k of a name matches key @p of another: equal, or an initial of it (`e` of `elaine`).
bool key_matches(const std::string& k, const std::string& of) {
    return k == of || (k.size() == 1 && !of.empty() && of.front() == k.front());
}

/// True when every key of @p small appears in @p big in the same order (an initial standing for a
/// first name: `E. Ferro` in `Elaine Ferro`).
bool is_subsequence(const std::vector<std::string>& small, const std::vector<std::string>& big) {
    std::size_t j = 0;
    for (const auto& k : big)
        if (j < small.size() && key_matches(small[j], k)) ++j;
    return j == small.size();
}

bool same_mention(const Entity::Mention& a, const Entity::Mention& b) noexcept {
    return a.offset == b.offset && a.length == b.length && a.field == b.field;
}

void add_alias(Entity& e, std::string_view alias) {
    if (alias.empty() || iequals(alias, e.canonical)) return;
    for (const auto& a : e.aliases)
        if (iequals(a, alias)) return;
    e.aliases.emplace_back(alias);
}

std::string type_key(EntityType type, std::string_view canonical) {
    std::string key(1, static_cast<char>('0' + static_cast<int>(type)));
    key += fold(canonical);
    return key;
}

// ---------------------------------------------------------------------------------------------
// The resolver.

class Resolver {
public:
    Resolver(const std::vector<TextField>& fields, const PlaceCanonicalizer& places)
        : m_fields(fields), m_places(places) {}

    std::vector<Entity> run(const std::vector<EntityMention>& mentions, const std::vector<Entity>& known) {
        for (const auto& e : known) add_known(e);
        collect_tagger_definitions(mentions);
        collect_text_definitions(mentions);

        std::vector<std::size_t> single_names;
        for (std::size_t i = 0; i < mentions.size(); ++i) {
            const EntityMention& m = mentions[i];
            switch (m.type) {
                case EntityType::person: {
                    const std::string name = person_name(m.text);
                    if (name.empty()) break;
                    if (split_words(name).size() == 1)
                        single_names.push_back(i);
                    else
                        resolve_full_name(i, m, name);
                    break;
                }
                case EntityType::place:
                    resolve_place(i, m);
                    break;
                case EntityType::org:
                case EntityType::misc:
                    resolve_org(i, m);
                    break;
            }
        }
        for (std::size_t i : single_names) resolve_single_name(i, mentions[i]);
        apply_definitions();

        std::stable_sort(m_works.begin(), m_works.end(),
                         [](const Work& a, const Work& b) { return a.first < b.first; });
        std::vector<Entity> out;
        out.reserve(m_works.size());
        for (auto& w : m_works) {
            // Mentions in document order (known ones first).
            std::vector<std::size_t> order(w.entity.mentions.size());
            for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t a, std::size_t b) { return w.mention_order[a] < w.mention_order[b]; });
            std::vector<Entity::Mention> sorted;
            sorted.reserve(order.size());
            for (std::size_t k : order) sorted.push_back(std::move(w.entity.mentions[k]));
            w.entity.mentions = std::move(sorted);
            out.push_back(std::move(w.entity));
        }
        return out;
    }

private:
    /// An entity being built, with its first mention's rank (0 = known) and person name keys.
    struct Work {
        Entity entity;
        std::size_t first = 0;
        std::vector<std::size_t> mention_order;
        std::vector<std::string> keys;
    };

    struct Definition {
        std::string long_form;
        std::string acronym;
        EntityType type = EntityType::org;
        std::string field;  ///< where a text definition was found ("" for tagger ones)
        std::size_t long_offset = 0, long_length = 0, acronym_offset = 0, acronym_length = 0;
    };

    const std::vector<TextField>& m_fields;
    const PlaceCanonicalizer& m_places;
    std::vector<Work> m_works;
    std::map<std::string, std::size_t> m_by_key;
    std::vector<Definition> m_definitions;
    std::map<std::string, std::size_t, std::less<>> m_by_acronym;

    [[nodiscard]] std::string_view field_text(std::string_view name) const noexcept {
        for (const auto& f : m_fields)
            if (f.name == name) return f.text;
        return {};
    }

    /// The work for (type, canonical), created with rank @p rank when new.
    Work& work_for(EntityType type, const std::string& canonical, std::size_t rank) {
        const std::string key = type_key(type, canonical);
        if (auto it = m_by_key.find(key); it != m_by_key.end()) {
            Work& w = m_works[it->second];
            w.first = std::min(w.first, rank);
            return w;
        }
        Work w;
        w.entity.type = type;
        w.entity.canonical = canonical;
        w.first = rank;
        if (type == EntityType::person) w.keys = name_keys(canonical);
        m_by_key.emplace(key, m_works.size());
        m_works.push_back(std::move(w));
        return m_works.back();
    }

    static void add_mention(Work& w, const EntityMention& m, std::size_t rank, std::string_view alias) {
        w.first = std::min(w.first, rank);
        Entity::Mention mention{m.offset, m.length, m.field};
        for (const auto& existing : w.entity.mentions)
            if (same_mention(existing, mention)) return add_alias(w.entity, alias);
        w.entity.mentions.push_back(std::move(mention));
        w.mention_order.push_back(rank);
        add_alias(w.entity, alias);
    }

    void add_known(const Entity& e) {
        Work& w = work_for(e.type, e.canonical, 0);
        for (const auto& a : e.aliases) add_alias(w.entity, a);
        for (const auto& m : e.mentions) {
            bool seen = false;
            for (const auto& existing : w.entity.mentions) seen = seen || same_mention(existing, m);
            if (seen) continue;
            w.entity.mentions.push_back(m);
            w.mention_order.push_back(0);
        }
    }

    /// A definition read from a tagger span (no text position of its own).
    static Definition tagger_definition(std::string long_form, std::string acronym, EntityType type) {
        Definition d;
        d.long_form = std::move(long_form);
        d.acronym = std::move(acronym);
        d.type = type;
        return d;
    }

    void add_definition(Definition d) {
        if (d.long_form.empty() || m_by_acronym.count(d.acronym) != 0) return;
        m_by_acronym.emplace(d.acronym, m_definitions.size());
        m_definitions.push_back(std::move(d));
    }

    /// The org/misc name a mention stands for, before acronym look-up.
    static std::string org_surface(std::string_view text) { return strip_the(strip_possessive(normalize_space(text))); }

    /// Definitions the tagger's spans show: `Long (ACRO)` swallowed whole, or followed in the text.
    void collect_tagger_definitions(const std::vector<EntityMention>& mentions) {
        for (const auto& m : mentions) {
            if (m.type != EntityType::org && m.type != EntityType::misc) continue;
            const std::string surface = org_surface(m.text);
            if (surface.find('(') != std::string::npos) {
                for (auto& d : find_acronym_spans(surface))
                    add_definition(tagger_definition(d.long_form, d.acronym, m.type));
                continue;
            }
            const std::string_view text = field_text(m.field);
            if (m.offset + m.length > text.size() || m.length == 0) continue;
            std::size_t p = m.offset + m.length;
            while (p < text.size() && is_space(text[p])) ++p;
            if (p < text.size() && text[p] == '(') {
                const std::size_t close = text.find(')', p);
                if (close == std::string_view::npos || close - p > 120) continue;
                const std::string inner(strip_quotes(text.substr(p + 1, close - p - 1)));
                if (is_acronym(inner) && acronym_matches(inner, surface))
                    add_definition(tagger_definition(surface, inner, m.type));
                else if (is_acronym(surface) && acronym_matches(surface, strip_the(normalize_space(inner))))
                    add_definition(tagger_definition(strip_the(normalize_space(inner)), surface, m.type));
            } else if (text.substr(p, 4) == ", or" || text.substr(p, 3) == "or ") {
                std::size_t q = p + (text[p] == ',' ? 4 : 2);
                while (q < text.size() && is_space(text[q])) ++q;
                const std::string_view acro = acronym_at(text, q);
                if (!acro.empty() && acronym_matches(acro, surface))
                    add_definition(tagger_definition(surface, std::string(acro), m.type));
            }
        }
    }

    /// Definitions from the text patterns; typed after a tagger mention of either form, else guessed.
    void collect_text_definitions(const std::vector<EntityMention>& mentions) {
        for (const auto& f : m_fields) {
            if (f.name == "source" || f.name == "author") continue;  // bylines, not text (entities.hpp)
            for (auto& d : find_acronym_spans(f.text)) {
                EntityType type = is_org_head(d.long_form) ? EntityType::org : EntityType::misc;
                for (const auto& m : mentions) {
                    if (m.type != EntityType::org && m.type != EntityType::misc) continue;
                    const std::string s = org_surface(m.text);
                    if (iequals(s, d.long_form) || s == d.acronym) {
                        type = m.type;
                        break;
                    }
                }
                add_definition(Definition{d.long_form, d.acronym, type, std::string(f.name), d.long_offset,
                                          d.long_length, d.acronym_offset, d.acronym_length});
            }
        }
    }

    void resolve_org(std::size_t i, const EntityMention& m) {
        std::string surface = org_surface(m.text);
        if (surface.empty()) return;
        EntityType type = m.type;
        std::string canonical = surface;
        std::string alias;
        if (surface.find('(') != std::string::npos) {
            // The tagger swallowed a definition: the long form is the name, the acronym an alias.
            const auto defs = find_acronym_spans(surface);
            if (!defs.empty()) {
                canonical = defs.front().long_form;
                alias = defs.front().acronym;
            }
        } else if (auto it = m_by_acronym.find(surface); it != m_by_acronym.end()) {
            const Definition& d = m_definitions[it->second];
            canonical = d.long_form;
            type = d.type;
            alias = surface;
        } else {
            alias = surface;
        }
        add_mention(work_for(type, canonical, i + 1), m, i + 1, alias);
    }

    void resolve_place(std::size_t i, const EntityMention& m) {
        const std::string written = strip_possessive(normalize_space(m.text));
        const std::string surface = strip_the(written);
        if (surface.empty()) return;
        std::string canonical = surface;
        if (m_places) {
            auto found = m_places(surface);
            if (!found && written != surface) found = m_places(written);
            if (found && !found->empty()) canonical = *found;
        }
        add_mention(work_for(EntityType::place, canonical, i + 1), m, i + 1, surface);
    }

    /// Person works with a full name (two or more words) satisfying @p pred.
    template <typename Pred>
    std::vector<std::size_t> full_names(Pred pred) const {
        std::vector<std::size_t> out;
        for (std::size_t k = 0; k < m_works.size(); ++k) {
            const Work& w = m_works[k];
            if (w.entity.type == EntityType::person && w.keys.size() >= 2 && pred(w)) out.push_back(k);
        }
        return out;
    }

    void resolve_full_name(std::size_t i, const EntityMention& m, const std::string& name) {
        const std::size_t rank = i + 1;
        if (auto it = m_by_key.find(type_key(EntityType::person, name)); it != m_by_key.end())
            return add_mention(m_works[it->second], m, rank, name);
        const auto keys = name_keys(name);
        const std::string surname = surname_key(keys);
        // "Theresa Walsh" after "Theresa M. Walsh", then "Theresa M. Walsh" after "Theresa Walsh".
        auto candidates =
            full_names([&](const Work& w) { return surname_key(w.keys) == surname && is_subsequence(keys, w.keys); });
        if (candidates.size() == 1) return add_mention(m_works[candidates.front()], m, rank, name);
        if (candidates.empty()) {
            candidates = full_names(
                [&](const Work& w) { return surname_key(w.keys) == surname && is_subsequence(w.keys, keys); });
            if (candidates.size() == 1) {
                // The fuller form becomes the canonical name, the shorter one an alias.
                const std::size_t k = candidates.front();
                Work& w = m_works[k];
                const std::string shorter = w.entity.canonical;
                w.entity.canonical = name;
                w.keys = keys;
                w.entity.aliases.erase(std::remove_if(w.entity.aliases.begin(), w.entity.aliases.end(),
                                                      [&](const std::string& a) { return iequals(a, name); }),
                                       w.entity.aliases.end());
                add_alias(w.entity, shorter);
                m_by_key.emplace(type_key(EntityType::person, name), k);
                return add_mention(w, m, rank, name);
            }
        }
        add_mention(work_for(EntityType::person, name, rank), m, rank, name);
    }

    /// One candidate among the earlier full names, else among all; nullopt when none or ambiguous.
    std::optional<std::size_t> pick(const std::vector<std::size_t>& candidates, std::size_t rank) const {
        std::vector<std::size_t> earlier;
        for (std::size_t k : candidates)
            if (m_works[k].first < rank) earlier.push_back(k);
        if (earlier.size() == 1) return earlier.front();
        if (earlier.empty() && candidates.size() == 1) return candidates.front();
        return std::nullopt;
    }

    void resolve_single_name(std::size_t i, const EntityMention& m) {
        const std::size_t rank = i + 1;
        const std::string name = person_name(m.text);
        const std::string key = word_key(name);
        const auto by_surname = full_names([&](const Work& w) { return surname_key(w.keys) == key; });
        std::optional<std::size_t> chosen;
        if (!by_surname.empty()) {
            chosen = pick(by_surname, rank);
        } else {
            chosen = pick(full_names([&](const Work& w) { return w.keys.front() == key; }), rank);
        }
        if (chosen) return add_mention(m_works[*chosen], m, rank, name);
        add_mention(work_for(EntityType::person, name, rank), m, rank, name);
    }

    /// Acronyms become aliases of their long forms; definitions nobody tagged become entities.
    void apply_definitions() {
        for (const auto& d : m_definitions) {
            bool found = false;
            for (auto& w : m_works) {
                if ((w.entity.type == EntityType::org || w.entity.type == EntityType::misc) &&
                    iequals(w.entity.canonical, d.long_form)) {
                    add_alias(w.entity, d.acronym);
                    found = true;
                }
            }
            if (found || d.field.empty()) continue;
            Work& w = work_for(d.type, d.long_form, static_cast<std::size_t>(-1));
            w.entity.mentions.push_back(Entity::Mention{d.long_offset, d.long_length, d.field});
            w.entity.mentions.push_back(Entity::Mention{d.acronym_offset, d.acronym_length, d.field});
            w.mention_order.push_back(static_cast<std::size_t>(-1));
            w.mention_order.push_back(static_cast<std::size_t>(-1));
            add_alias(w.entity, d.acronym);
        }
    }
};

}  // namespace

std::vector<Entity> resolve_entities(const std::vector<EntityMention>& mentions, const std::vector<TextField>& fields,
                                     const PlaceCanonicalizer& places, const std::vector<Entity>& known) {
    std::vector<EntityMention> cleaned = mentions;
    clean_mentions(cleaned, fields);
    std::vector<Entity> entities = Resolver(fields, places).run(cleaned, known);
    unify_entities(entities, fields);
    return entities;
}

std::vector<std::string> document_countries(const Document& doc, const CountryOf& country_of,
                                            const DatelineCountryOf& dateline_country) {
    std::vector<std::string> out;
    if (!country_of) return out;
    const auto field = [&](std::string_view name) -> std::string_view {
        // Each arm a view of the document's own string: a mixed `std::string : ""` would make a temporary.
        if (name == "title") return doc.title;
        if (name == "subject") return doc.subject;
        if (name == "body") return doc.body;
        return {};
    };
    for (const auto& e : doc.entities) {
        if (e.type != EntityType::place) continue;
        // Written `the Gulf`, `the West` anywhere (a headline drops the article): the gazetteer needs to
        // know, a country or nothing (no Gulf Province, no West Region).
        std::string prefix;
        for (const auto& m : e.mentions) {
            const std::string_view text = field(m.field);
            if (m.offset >= 4 && m.offset <= text.size() && iequals(text.substr(m.offset - 4, 4), "the ")) {
                prefix = "the ";
                break;
            }
        }
        std::optional<std::string> c = country_of(prefix + e.canonical);
        for (std::size_t i = 0; !c && prefix.empty() && i < e.aliases.size(); ++i) c = country_of(e.aliases[i]);
        if (c) out.push_back(std::move(*c));
    }
    if (const auto it = doc.meta.find("dateline"); it != doc.meta.end()) {
        // `CITY, Region, Month Day -`: the parts before the first one with a digit.
        std::string parts[2];
        std::string_view rest = it->second;
        for (std::string& part : parts) {
            if (rest.empty()) break;
            const std::size_t comma = rest.find(',');
            std::string p = normalize_space(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            while (!p.empty() && (p.back() == '-' || p.back() == ' ')) p.pop_back();  // `NEW YORK -`
            if (p.empty() || std::any_of(p.begin(), p.end(), detail::is_digit) || p.find(" - ") != std::string::npos)
                break;
            part = std::move(p);
        }
        std::optional<std::string> c;
        if (parts[0].empty()) {
        } else if (dateline_country) {
            c = dateline_country(parts[0], parts[1]);
        } else {
            if (!parts[1].empty()) c = country_of(parts[1]);
            if (!c) c = country_of(parts[0]);
        }
        if (c) out.push_back(std::move(*c));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<Entity> resolve_document_entities(const Document& doc, const std::vector<EntityMention>& mentions,
                                              const PlaceCanonicalizer& places) {
    std::vector<TextField> fields{{"title", doc.title}, {"subject", doc.subject}, {"body", doc.body}};
    // The byline: a credit line naming the source or an author is boilerplate (mention_rules.hpp).
    if (!doc.source.empty()) fields.push_back({"source", doc.source});
    for (const auto& a : doc.authors) fields.push_back({"author", a});
    return resolve_entities(mentions, fields, places, header_entities(doc));
}

void merge_entities(std::vector<Entity>& into, const std::vector<Entity>& more) {
    for (const auto& e : more) {
        auto it = std::find_if(into.begin(), into.end(),
                               [&](const Entity& x) { return x.type == e.type && iequals(x.canonical, e.canonical); });
        if (it == into.end()) {
            into.push_back(e);
            continue;
        }
        for (const auto& a : e.aliases) add_alias(*it, a);
        for (const auto& m : e.mentions)
            if (std::none_of(it->mentions.begin(), it->mentions.end(),
                             [&](const Entity::Mention& x) { return same_mention(x, m); }))
                it->mentions.push_back(m);
    }
}

}  // namespace newsdex
