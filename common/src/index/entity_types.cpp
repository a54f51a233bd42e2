/** @file
 * @brief Deciding each name's entity type across the corpus (decide_entity_types, entity_table.hpp):
 *        one type per name, the type of the entity holding most documents; country names are places.
 */
#include <newsdex/index/entity_table.hpp>

#include <algorithm>
#include <memory>
#include <numeric>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/text_util.hpp"
#include "index/name_variants.hpp"

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/entities/gazetteer.hpp>

namespace newsdex {

namespace {

/// One type's entities when grouped alone: the entity of each name and each entity's documents.
struct TypeEntities {
    std::unordered_map<std::string, std::size_t> entity_of;  ///< folded name -> entity
    std::vector<std::vector<std::string>> members;           ///< entity -> names
    std::vector<std::string> keys;                           ///< entity -> its full form
    std::vector<double> docs;                                ///< entity -> documents of its names
    std::unordered_map<std::string, Xapian::doccount> name_docs;
    std::vector<std::string> written;        ///< the names with documents
    std::unique_ptr<NameVariants> variants;  ///< over @c written

    /// Names of this type with documents that spell @p name (itself included).
    void spellings(const std::string& name, std::vector<std::string_view>& out) const {
        out.clear();
        if (entity_of.count(name)) out.emplace_back(name);  // written, or an alias of a written name
        std::vector<std::size_t> ids;
        variants->matches(name, ids);
        for (const std::size_t i : ids)
            if (written[i] != name) out.emplace_back(written[i]);
    }

    [[nodiscard]] Xapian::doccount documents(const std::string& name) const {
        const auto it = name_docs.find(name);
        return it == name_docs.end() ? 0 : it->second;
    }
};

TypeEntities group_alone(EntityType type, const EntityNames& names, const EntityNames* places) {
    TypeEntities t;
    for (const auto& [n, d] : names.names) t.name_docs[n] += d;
    for (auto& g : group_entity_names(type, names, places)) {
        for (const auto& m : g.members) t.entity_of[m] = t.members.size();
        t.members.push_back(std::move(g.members));
        t.keys.push_back(std::move(g.key));
    }
    for (const auto& [n, d] : t.name_docs)
        if (t.entity_of.try_emplace(n, t.members.size()).second) {
            t.members.push_back({n});
            t.keys.push_back(n);
        }
    t.docs.assign(t.members.size(), 0);
    for (std::size_t e = 0; e < t.members.size(); ++e)
        for (const auto& m : t.members[e]) t.docs[e] += t.documents(m);
    auto suffix = std::make_shared<std::unordered_set<std::string>>(suffix_words(names));
    t.variants =
        std::make_unique<NameVariants>([suffix](std::string_view w) { return suffix->count(std::string(w)) > 0; });
    for (const auto& [n, d] : t.name_docs)
        if (d > 0) {
            t.variants->add(t.written.size(), n);
            t.written.push_back(n);
        }
    return t;
}

/// A person's full name: two words or more, the first not an initial.
bool full_person_name(std::string_view name) {
    const auto w = name_words(name);
    return w.size() >= 2 && !is_initial(w.front());
}

/// Moves the names @p moving of type @p from to type @p to in @p names (documents, and the aliases
/// that name them); @p together: pairs recorded so that the grouping of @p to keeps them one entity.
void move_names(std::array<EntityNames, 4>& names, EntityType from, EntityType to,
                const std::unordered_set<std::string>& moving,
                const std::vector<std::pair<std::string, std::string>>& together, std::vector<EntityMove>& moves) {
    EntityNames& src = names[static_cast<std::size_t>(from)];
    EntityNames& dst = names[static_cast<std::size_t>(to)];
    std::erase_if(src.names, [&](auto& nd) {
        if (!moving.count(nd.first)) return false;
        if (nd.second > 0) moves.push_back({from, to, nd.first, {}});
        dst.names.push_back(std::move(nd));
        return true;
    });
    std::erase_if(src.aliases, [&](auto& ab) {
        if (!moving.count(ab.first) && !moving.count(ab.second)) return false;
        dst.aliases.push_back(std::move(ab));
        return true;
    });
    dst.aliases.insert(dst.aliases.end(), together.begin(), together.end());
}

/// A name the gazetteer knows as a country, written out or dotted (`U.K.`), not a bare code (`EC`
/// is also Ecuador's): the folded canonical name of the country, else "".
std::string country_name_of(const Gazetteer& gazetteer, std::string_view name) {
    std::size_t letters = 0;
    for (const char c : name) letters += detail::is_lower(c);
    if (letters < 4 && name.find('.') == std::string_view::npos) return {};
    const auto m = gazetteer.lookup(name);
    if (!m || m->kind != GazetteerKind::country || m->type != EntityType::place) return {};
    return fold_exact_value(m->canonical);
}

/**
 * A person's group (@p members) with a full name that @p to (the other type's entities) does not
 * have is a person of its own, when its one-word names are that person's surname (`Harold
 * Washington`, `Washington`); `Reuter` grouped with a run-on `Reuter News-Watch` is no one's surname.
 */
bool person_stays(const std::vector<std::string>& members,
                  const std::unordered_map<std::string, Xapian::doccount>& to_docs) {
    const auto surname = [&](const std::string& full) {
        return std::all_of(members.begin(), members.end(), [&](const std::string& m) {
            return m.find(' ') != std::string::npos || full.ends_with(" " + m);
        });
    };
    return std::any_of(members.begin(), members.end(),
                       [&](const std::string& m) { return full_person_name(m) && !to_docs.count(m) && surname(m); });
}

/// Names the gazetteer knows as countries are places joined to the country's name (`U.K.`).
void move_country_names(std::array<EntityNames, 4>& names, const std::array<TypeEntities, 4>& alone,
                        const Gazetteer& gazetteer, std::vector<EntityMove>& moves) {
    const auto idx = [](EntityType t) { return static_cast<std::size_t>(t); };
    for (const EntityType t : entity_types) {
        std::unordered_set<std::string> moving;
        std::vector<std::pair<std::string, std::string>> together;
        for (const auto& [name, docs] : names[idx(t)].names) {
            const std::string country = country_name_of(gazetteer, name);
            if (country.empty() || docs == 0) continue;
            const TypeEntities& own = alone[idx(t)];
            if (t == EntityType::person &&
                person_stays(own.members[own.entity_of.at(name)], alone[idx(EntityType::place)].name_docs))
                continue;
            if (country != name) together.emplace_back(name, country);
            if (t != EntityType::place) moving.insert(name);
        }
        if (t == EntityType::place)
            names[idx(t)].aliases.insert(names[idx(t)].aliases.end(), together.begin(), together.end());
        else if (!moving.empty())
            move_names(names, t, EntityType::place, moving, together, moves);
    }
}

/// The folded forms a corpus may give lexicon name @p name: itself, and with a leading country name
/// as its dotted initials (`United States Treasury`: `u.s. treasury`, as news writes it).
std::vector<std::string> corpus_forms(const std::string& name, const Gazetteer* gazetteer) {
    std::vector<std::string> out{fold_exact_value(name)};
    if (!gazetteer) return out;
    std::size_t words = 1;
    for (std::size_t end = name.find(' '); end != std::string::npos; end = name.find(' ', end + 1), ++words) {
        if (words < 2) continue;
        const std::string country = name.substr(0, end);
        const auto m = gazetteer->lookup(country);
        if (!m || m->kind != GazetteerKind::country) continue;
        std::string dotted;
        for (const std::string_view w : detail::split_whitespace(country)) (dotted += w.front()) += '.';
        out.push_back(fold_exact_value(dotted + name.substr(end)));
    }
    return out;
}

/// A lexicon name of three letters or more: two-letter codes (`NV` for Nevada, also a Dutch
/// company's `N.V.`) stand for too many things in news to be joined by a lexicon.
bool lexicon_worthy(std::string_view folded) {
    return std::count_if(folded.begin(), folded.end(), detail::is_lower) >= 3;
}

/**
 * Drops from @p found (names of one place synset) a large city of another country than a name beside
 * it: the old name of a country is also a city of its own elsewhere (`Gold Coast`: Ghana's, and
 * Australia's city). Smaller towns do not count (`Holland`, Michigan, beside `Netherlands`).
 */
void drop_other_cities(std::vector<std::string>& found, const Gazetteer& gazetteer) {
    std::vector<std::optional<GazetteerMatch>> match;
    for (const auto& f : found) match.push_back(gazetteer.lookup(f));
    const auto elsewhere = [&](const std::optional<GazetteerMatch>& city) {
        return city && city->kind == GazetteerKind::large_city &&
            std::any_of(match.begin(), match.end(),
                        [&](const auto& m) { return m && m->country_code != city->country_code; });
    };
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < found.size(); ++i)
        if (!elsewhere(match[i])) kept.push_back(std::move(found[i]));
    found = std::move(kept);
}

/**
 * The names of the corpus that one synset of @p lexicon holds are synonyms of the synset's type. Those
 * the tagger gave other types move there when the synset's type holds most of their documents
 * (`USSR`, mostly an organisation, beside the place `Soviet Union`): the corpus's usage still decides
 * (`Genoa` the company stays an organisation), and so do people's full names (person_stays).
 */
void apply_lexicon(std::array<EntityNames, 4>& names, const NameLexicon& lexicon, const Gazetteer* gazetteer,
                   const TypeEntities& people, std::vector<EntityMove>& moves) {
    const auto idx = [](EntityType t) { return static_cast<std::size_t>(t); };
    std::array<std::unordered_map<std::string, Xapian::doccount>, 4> docs;  // per type: folded name -> documents
    for (const EntityType t : entity_types)
        for (const auto& [name, d] : names[idx(t)].names)
            if (d > 0) docs[idx(t)][name] += d;
    const auto written = [&](const std::string& f) {
        return std::any_of(docs.begin(), docs.end(), [&](const auto& m) { return m.count(f) > 0; });
    };
    std::array<std::unordered_set<std::string>, 16> moving;  // index from * 4 + to
    std::vector<std::string> found, joined;
    for (const auto& synset : lexicon.synsets()) {
        found.clear();
        for (const auto& n : synset.names)
            for (auto& f : corpus_forms(n, gazetteer))
                if (lexicon_worthy(f) && written(f) && std::find(found.begin(), found.end(), f) == found.end())
                    found.push_back(std::move(f));
        if (gazetteer && synset.type == EntityType::place) drop_other_cities(found, *gazetteer);
        if (found.size() < 2) continue;
        const std::size_t to = idx(synset.type);
        std::array<double, 4> held{};
        for (const auto& f : found)
            for (std::size_t t = 0; t < 4; ++t)
                if (const auto it = docs[t].find(f); it != docs[t].end()) held[t] += it->second;
        // Misc is what the tagger calls a name it cannot type (`European Community` beside the
        // adjective): its documents side with the lexicon's type.
        const double sided = held[to] + (to != idx(EntityType::misc) ? held[idx(EntityType::misc)] : 0.0);
        const bool moves_here = 2 * sided >= std::accumulate(held.begin(), held.end(), 0.0);
        joined.clear();
        for (const auto& f : found) {
            bool here = docs[to].count(f) > 0;
            for (std::size_t t = 0; t < 4 && moves_here; ++t) {
                if (t == to || !docs[t].count(f)) continue;
                if (t == idx(EntityType::person) && people.entity_of.count(f) &&
                    person_stays(people.members[people.entity_of.at(f)], docs[to]))
                    continue;
                moving[t * 4 + to].insert(f);
                here = true;
            }
            if (here) joined.push_back(f);
        }
        for (std::size_t i = 1; i < joined.size(); ++i) names[to].synonyms.emplace_back(joined[0], joined[i]);
    }
    for (std::size_t k = 0; k < 16; ++k)
        if (!moving[k].empty())
            move_names(names, static_cast<EntityType>(k / 4), static_cast<EntityType>(k % 4), moving[k], {}, moves);
}

/**
 * A person's name that no document shortened (as `James Baker` is to `Baker`) and that begins an
 * organisation's name ending with a frequent last word (`Smith Barney`: `Smith Barney, Harris Upham
 * and Co`; `Dean Witter`: `Dean Witter Reynolds Inc`) is a firm named after its founders, and moves to
 * the organisations. People in the news are named again by surname: `Charles Schwab`, written
 * `Schwab` too, stays a person beside `Charles Schwab Corp`.
 */
void move_firm_names(std::array<EntityNames, 4>& names, std::vector<EntityMove>& moves) {
    const EntityNames& people = names[static_cast<std::size_t>(EntityType::person)];
    const EntityNames& orgs = names[static_cast<std::size_t>(EntityType::org)];
    std::unordered_set<std::string> shortened;
    for (const auto& [a, b] : people.aliases) shortened.insert(a.size() > b.size() ? a : b);
    const auto suffix = suffix_words(orgs);
    std::unordered_set<std::string> firm_prefixes;  // the word prefixes of such organisation names
    for (const auto& [o, docs] : orgs.names) {
        const std::size_t last = o.rfind(' ');
        if (docs == 0 || last == std::string::npos || !suffix.count(o.substr(last + 1))) continue;
        for (std::size_t sp = o.find(' '); sp < last; sp = o.find(' ', sp + 1)) firm_prefixes.insert(o.substr(0, sp));
    }
    std::unordered_set<std::string> moving;
    for (const auto& [p, docs] : people.names)
        if (docs > 0 && p.find(' ') != std::string::npos && !shortened.count(p) && firm_prefixes.count(p))
            moving.insert(p);
    if (!moving.empty()) move_names(names, EntityType::person, EntityType::org, moving, {}, moves);
}

}  // namespace

std::vector<EntityMove> decide_entity_types(std::array<EntityNames, 4>& names, const Gazetteer* gazetteer,
                                            const NameLexicon* lexicon) {
    std::vector<EntityMove> moves;
    const auto idx = [](EntityType t) { return static_cast<std::size_t>(t); };
    std::array<TypeEntities, 4> alone;
    const auto group_all = [&] {
        for (const EntityType t : entity_types)
            alone[idx(t)] = group_alone(t, names[idx(t)], &names[idx(EntityType::place)]);
    };
    if (gazetteer || lexicon) {  // they read the people's groups and the places' names only
        for (const EntityType t : {EntityType::person, EntityType::place})
            alone[idx(t)] = group_alone(t, names[idx(t)], &names[idx(EntityType::place)]);
        if (lexicon) apply_lexicon(names, *lexicon, gazetteer, alone[idx(EntityType::person)], moves);
        if (gazetteer) move_country_names(names, alone, *gazetteer, moves);
    }
    move_firm_names(names, moves);
    group_all();
    // The names of type @p u that spell @p m of type @p t: its spellings, and for a one-word person
    // name an organisation's or other name that is it plus `s` (`Reuter` beside the agency `Reuters`).
    const auto shared_in = [&](std::size_t u, std::size_t t, const std::string& m, std::vector<std::string_view>& out) {
        alone[u].spellings(m, out);
        if (t != idx(EntityType::person) || m.find(' ') != std::string::npos) return;
        if (const auto it = alone[u].entity_of.find(m + "s"); it != alone[u].entity_of.end())
            out.emplace_back(it->first);
    };
    // Each entity's target: the entity of most documents among those sharing one of its names.
    using Ref = std::pair<std::size_t, std::size_t>;  // type, entity
    std::array<std::vector<Ref>, 4> target;
    std::vector<std::string_view> shared;
    for (std::size_t t = 0; t < 4; ++t) {
        const TypeEntities& te = alone[t];
        target[t].resize(te.members.size());
        for (std::size_t e = 0; e < te.members.size(); ++e) {
            Ref best{t, e};
            double best_docs = te.docs[e];
            for (const auto& m : te.members[e])
                for (std::size_t u = 0; u < 4; ++u) {
                    if (u == t || te.documents(m) == 0) continue;
                    shared_in(u, t, m, shared);
                    for (const std::string_view n : shared) {
                        const std::size_t f = alone[u].entity_of.at(std::string(n));
                        if (alone[u].docs[f] > best_docs) best = {u, f}, best_docs = alone[u].docs[f];
                    }
                }
            if (best.first != t && t == idx(EntityType::person) &&
                person_stays(te.members[e], alone[best.first].name_docs))
                best = {t, e};
            target[t][e] = best;
        }
    }
    // Targets only grow in documents: follow them to the end.
    std::array<std::unordered_set<std::string>, 16> moving;  // index from * 4 + to
    std::array<std::vector<std::pair<std::string, std::string>>, 16> together;
    for (std::size_t t = 0; t < 4; ++t)
        for (std::size_t e = 0; e < target[t].size(); ++e) {
            Ref r = target[t][e];
            while (target[r.first][r.second] != r) r = target[r.first][r.second];
            if (r.first == t) continue;
            // The whole entity moves when its full form is written under the other type too;
            // otherwise only the names that are (`GM` tagged a place, grouped there with `Gulf of
            // Mexico`: GM moves, the gulf stays).
            std::vector<std::string> members;
            const std::size_t k = t * 4 + r.first;
            for (const auto& m : alone[t].members[e]) {
                shared_in(r.first, t, m, shared);
                if (!shared.empty()) members.push_back(m);
                for (const std::string_view n : shared)  // a spelling that differs: keep them one
                    if (n != m) together[k].emplace_back(m, std::string(n));
            }
            if (std::find(members.begin(), members.end(), alone[t].keys[e]) != members.end())
                members = alone[t].members[e];
            moving[k].insert(members.begin(), members.end());
            for (std::size_t i = 1; i < members.size(); ++i) together[k].emplace_back(members[0], members[i]);
        }
    for (std::size_t k = 0; k < 16; ++k)
        if (!moving[k].empty())
            move_names(names, static_cast<EntityType>(k / 4), static_cast<EntityType>(k % 4), moving[k], together[k],
                       moves);
    return moves;
}

}  // namespace newsdex
