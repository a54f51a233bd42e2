/** @file
 * @brief Entity quality on Reuters-21578 against its editors' gold tags: people recall, country
 * recall, split alias groups and junk among the most frequent facet values.
 *
 * Usage: entity_quality --db DB [--gold reuters21578.jsonl] [--groups entity_groups.txt] [--json]
 *                       [--show-splits] [--show-junk] [--show-table] [--show-people-misses]
 *                       [--rebuilt-table] [--iso-codes DIR] [--wordnet DIR]
 * DB is an index of the same JSON Lines file (`indexer --db DB reuters21578.jsonl`).
 *
 * Measures (each printed with and without the database's entity table where it matters):
 *  - people recall: (article, gold person) pairs whose surname (the last `-`-separated part of the
 *    gold code, case-insensitive) is the last word (after a space or a hyphen, as the codes split
 *    names) of one of the article's person names: canonical or alias, from the stored record; and
 *    with the entity table, the canonical names of the article's person facet values (what the
 *    person facet shows: also names the table moved to the people, `Balladur` tagged an organisation
 *    in a headline); --show-people-misses lists the stored records' missed pairs with the article's
 *    person names and, for every occurrence of the surname in the title and body, the entity whose
 *    mention covers it;
 *  - country recall: (article, gold place code) pairs whose country is among the article's country
 *    values. Codes map to countries through the iso-codes gazetteer (the code with `-` as spaces,
 *    looked up as a country name or code; then as a former country with one successor, ISO 3166-3,
 *    or a compass part of a country, `west-germany`, as Gazetteer::country_of rolls them up); codes
 *    that map to no country are skipped and counted. Article values: the `country` facet when the schema has one, else the place values
 *    that are country names (said in the output);
 *  - split groups: groups of names of one organisation or country (one group a line, names joined
 *    by ` | `) whose names show up as more than one facet value over the whole corpus, in any entity
 *    field (a `country` value is the `place` value it rolls up from: one entity shown in both
 *    facets). Without the table each distinct spelling is one value, as facets counted before it;
 *  - junk: the share of the 100 most frequent person, org and place values (300) that are a case
 *    variant of a more frequent value of the field, a sign-off, or an ordinary word. A sign-off is a
 *    value that is the whole last line of the body in at least half of its documents; an ordinary
 *    word is a one-word value written in lower case in the bodies at least twice as often as
 *    capitalised (`bank`, `nine`, `split`), while names are almost never written in lower case.
 * Also the time to build the entity table (reading WordNet, names and synonyms; grouping) on this
 * database. --rebuilt-table counts with the table built here rather than the one the indexer stored:
 * a change to the grouping rules is measured without indexing again; --wordnet names WordNet's folder
 * for it (a folder without WordNet: the table without its synonyms).
 */
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <newsdex/analysis/analyzer.hpp>
#include <newsdex/entities/gazetteer.hpp>
#include <newsdex/index/entity_table.hpp>
#include <newsdex/schema/schema.hpp>
#include <newsdex/schema/stored.hpp>
#include <newsdex/search/entity_canon.hpp>
#include <newsdex/search/facets.hpp>

using namespace newsdex;
using json = nlohmann::json;

namespace {

struct Options {
    std::string db, gold, groups, iso_dir, wordnet_dir;
    bool json = false, show_splits = false, show_junk = false, show_table = false, show_people_misses = false,
         rebuilt_table = false;
};

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string last_word(std::string_view folded) {
    while (!folded.empty() && (folded.back() == '.' || folded.back() == ' ')) folded.remove_suffix(1);
    if (folded.ends_with("'s")) folded.remove_suffix(2);
    // Gold codes write every break in a name as `-` (`leigh-pemberton` for `Leigh-Pemberton`, whose
    // surname part is then `pemberton`): a name's last word ends at a space or a hyphen alike.
    const auto sp = folded.find_last_of(" -");
    return std::string(sp == std::string_view::npos ? folded : folded.substr(sp + 1));
}

/// One facet field over the whole corpus: per document its value ordinals, and the values.
struct Column {
    std::shared_ptr<FacetColumn> column;
    std::vector<std::string> raw_units;  ///< before merging
    std::vector<std::uint32_t> to;       ///< raw ordinal -> merged ordinal (identity without a table)
};

Column read_column(const Xapian::Database& db, Xapian::valueno slot, const EntityCanon* canon) {
    Column c;
    c.column = std::make_shared<FacetColumn>(db, slot, false);
    EntityType type{};
    const bool entity = canon && entity_type_of_slot(slot, type);
    if (entity) canon->add_moved_units(*c.column, type, db);  // as the searcher does
    for (std::uint32_t u = 0; u < c.column->size(); ++u) c.raw_units.emplace_back(c.column->unit(u));
    if (entity) {
        c.to = canon->merge_column(*c.column, type);
    } else {
        c.to.resize(c.raw_units.size());
        for (std::uint32_t u = 0; u < c.to.size(); ++u) c.to[u] = u;
    }
    return c;
}

/// The country (ISO alpha-2) a gold place code or a place name denotes, "" when none.
class CountryMap {
public:
    explicit CountryMap(const std::string& iso_dir) : m_gaz(Gazetteer::system(iso_dir)) {}
    /// @p only_countries: the name itself must be a country, or a name the gazetteer knows only as a
    /// region or not at all that it rolls up to a country (`burma`, a former country; `west
    /// germany`, a compass part), not a city.
    std::string of(std::string_view name, bool only_countries) const {
        const auto m = m_gaz->lookup(name);
        if (m && m->type == EntityType::place && (!only_countries || m->kind == GazetteerKind::country))
            return m->country_code;
        if (!only_countries || (m && m->kind != GazetteerKind::subdivision)) return {};
        const auto country = m_gaz->country_of(name);
        const auto k = country ? m_gaz->lookup(*country) : std::nullopt;
        return k ? k->country_code : std::string();
    }

private:
    std::shared_ptr<const Gazetteer> m_gaz;
};

struct Gold {
    std::vector<std::string> people, places;
};

std::unordered_map<std::string, Gold> read_gold(const std::string& path) {
    std::unordered_map<std::string, Gold> out;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string line;
    while (std::getline(in, line)) {
        const json r = json::parse(line, nullptr, false);
        if (r.is_discarded() || !r.contains("id")) continue;
        Gold g;
        for (const auto& p : r.value("people", json::array())) g.people.push_back(p.get<std::string>());
        for (const auto& p : r.value("places", json::array())) g.places.push_back(p.get<std::string>());
        out.emplace(r["id"].get<std::string>(), std::move(g));
    }
    return out;
}

std::vector<std::vector<std::string>> read_groups(const std::string& path) {
    std::vector<std::vector<std::string>> out;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> names;
        std::size_t start = 0;
        while (start <= line.size()) {
            auto bar = line.find('|', start);
            if (bar == std::string::npos) bar = line.size();
            std::string n = line.substr(start, bar - start);
            n.erase(0, n.find_first_not_of(' '));
            n.erase(n.find_last_not_of(' ') + 1);
            if (!n.empty()) names.push_back(fold_exact_value(n));
            start = bar + 1;
        }
        if (names.size() >= 2) out.push_back(std::move(names));
    }
    return out;
}

struct Figures {
    std::size_t people_hits = 0, people_shown_hits = 0, people_pairs = 0, country_hits = 0, country_pairs = 0,
                skipped_codes = 0;
    std::map<std::string, std::size_t> skipped;  // code -> pairs
    bool country_field = false;
    std::vector<std::string> people_misses;  ///< one report per missed pair (--show-people-misses)
};

/// A missed (article, gold person) pair for diagnosis: the article's person names, then every
/// whole-word occurrence of the surname in the title and body with the entity whose mention covers
/// it (type and canonical name) or `untagged`.
std::string describe_miss(const Document& doc, const std::string& code, const std::string& surname) {
    std::string out = doc.id + "\t" + code + "\n    persons:";
    for (const auto& e : doc.entities)
        if (e.type == EntityType::person) {
            out += " [" + e.canonical;
            for (const auto& a : e.aliases) out += " | " + a;
            out += "]";
        }
    for (const auto& [field, text] : {std::pair<std::string, const std::string*>{"title", &doc.title},
                                      std::pair<std::string, const std::string*>{"body", &doc.body}}) {
        const std::string folded = lower(*text);
        for (std::size_t p = folded.find(surname); p != std::string::npos; p = folded.find(surname, p + 1)) {
            const std::size_t e = p + surname.size();
            if ((p > 0 && std::isalpha(static_cast<unsigned char>(folded[p - 1]))) ||
                (e < folded.size() && std::isalpha(static_cast<unsigned char>(folded[e]))))
                continue;
            const std::size_t from = p >= 30 ? p - 30 : 0;
            std::string context = text->substr(from, std::min(text->size(), e + 20) - from);
            std::replace(context.begin(), context.end(), '\n', ' ');
            out += "\n    " + field + "@" + std::to_string(p) + " \"" + context + "\": ";
            std::string tags;
            for (const auto& ent : doc.entities)
                for (const auto& m : ent.mentions)
                    if (m.field == field && m.offset <= p && e <= m.offset + m.length)
                        tags += std::string(tags.empty() ? "" : ", ") + entity_type_name(ent.type) + " \"" +
                            ent.canonical + "\" (\"" + text->substr(m.offset, m.length) + "\")";
            out += tags.empty() ? "untagged" : tags;
        }
    }
    return out;
}

/// People and country recall, per document, from the stored record and the facet slots.
/// People recall is counted twice: from each record's person names, and as the person facet shows
/// articles with the entity table (@p persons: canonical names, including those the table moved to
/// the people from another type, `Balladur` tagged an organisation in one headline).
Figures recall(const Xapian::Database& db, const std::unordered_map<std::string, Gold>& gold, const CountryMap& cm,
               const Column& countries, bool country_field, const Column& persons, bool show_misses) {
    Figures f;
    f.country_field = country_field;
    std::unordered_map<std::string, std::string> code_country;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document xd = db.get_document(*it);
        const Document doc = decode_stored(xd.get_data());
        const auto g = gold.find(doc.id);
        if (g == gold.end()) continue;
        if (!g->second.people.empty()) {
            std::set<std::string> surnames, shown;
            for (const auto& e : doc.entities) {
                if (e.type != EntityType::person) continue;
                surnames.insert(last_word(fold_exact_value(e.canonical)));
                for (const auto& a : e.aliases) surnames.insert(last_word(fold_exact_value(a)));
            }
            // The column holds the merged values: each document's canonical names.
            for (const std::uint32_t u : persons.column->units(*it))
                shown.insert(last_word(fold_exact_value(persons.column->unit(u))));
            for (const auto& p : g->second.people) {
                ++f.people_pairs;
                const auto dash = p.rfind('-');
                const std::string surname = lower(dash == std::string::npos ? p : p.substr(dash + 1));
                f.people_shown_hits += shown.count(surname);
                if (surnames.count(surname))
                    ++f.people_hits;
                else if (show_misses)
                    f.people_misses.push_back(describe_miss(doc, p, surname));
            }
        }
        if (g->second.places.empty()) continue;
        std::set<std::string> have;
        for (const std::uint32_t u : countries.column->units(*it)) {
            const std::string code = cm.of(countries.column->unit(u), !country_field);
            if (!code.empty()) have.insert(code);
        }
        for (const auto& p : g->second.places) {
            auto [c, added] = code_country.try_emplace(p);
            if (added) {
                std::string name = p;
                std::replace(name.begin(), name.end(), '-', ' ');
                c->second = cm.of(name, true);
            }
            if (c->second.empty()) {
                ++f.skipped[p];
                ++f.skipped_codes;
                continue;
            }
            ++f.country_pairs;
            f.country_hits += have.count(c->second);
        }
    }
    return f;
}

/// The field a value is shown under, for telling values apart: a country is the place it rolls up
/// from too (`place: United Kingdom` and `country: United Kingdom` are one entity in two facets).
std::string shown_field(const std::string& field) { return field == "country" ? "place" : field; }

/// The groups whose names show up as more than one value of the entity fields' @p columns.
std::vector<std::string> split_groups(const std::vector<std::vector<std::string>>& groups,
                                      const std::map<std::string, Column>& columns) {
    // folded raw spelling -> the (field, value) it is counted under
    std::unordered_map<std::string, std::set<std::string>> shown;
    for (const auto& [field, c] : columns)
        for (std::uint32_t u = 0; u < c.raw_units.size(); ++u)
            if (c.to[u] != FacetColumn::dropped)
                shown[fold_exact_value(c.raw_units[u])].insert(shown_field(field) + ": " +
                                                               std::string(c.column->unit(c.to[u])));
    std::vector<std::string> out;
    for (const auto& g : groups) {
        std::set<std::string> values;
        for (const auto& n : g)
            if (const auto it = shown.find(n); it != shown.end()) values.insert(it->second.begin(), it->second.end());
        if (values.size() <= 1) continue;
        std::string line;
        for (const auto& v : values) line += (line.empty() ? "" : " / ") + v;
        out.push_back(line);
    }
    return out;
}

/// Body words: lower-case occurrences and capitalised ones, for the words of @p wanted (folded).
void count_cases(const Xapian::Database& db, const std::unordered_set<std::string>& wanted,
                 std::unordered_map<std::string, std::pair<std::size_t, std::size_t>>& out,
                 std::unordered_map<Xapian::docid, std::string>& last_lines) {
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Document doc = decode_stored(db.get_document(*it).get_data());
        const std::string& b = doc.body;
        std::size_t i = 0;
        while (i < b.size()) {
            while (i < b.size() && !std::isalpha(static_cast<unsigned char>(b[i]))) ++i;
            const std::size_t start = i;
            while (i < b.size() && std::isalpha(static_cast<unsigned char>(b[i]))) ++i;
            if (i == start) break;
            const std::string word = b.substr(start, i - start);
            const std::string folded = lower(word);
            if (!wanted.count(folded)) continue;
            auto& [low, cap] = out[folded];
            ++(word == folded ? low : cap);
        }
        std::string_view body = b;
        while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back()))) body.remove_suffix(1);
        const auto nl = body.rfind('\n');
        last_lines[*it] = fold_exact_value(nl == std::string_view::npos ? body : body.substr(nl + 1));
    }
}

struct Junk {
    std::size_t junk = 0, values = 0;
    std::vector<std::string> listed;
};

/// Junk among the 100 most frequent values of each of @p fields.
Junk junk(const Xapian::Database& db, const std::map<std::string, Column>& columns,
          const std::vector<std::string>& fields) {
    struct Top {
        std::string field, value;
        std::uint32_t ord;
        Xapian::doccount docs;
    };
    std::vector<Top> tops;
    std::unordered_set<std::string> words;
    std::map<std::string, std::unordered_map<std::string, Xapian::doccount>> most_by_fold;  // per field
    for (const auto& field : fields) {
        const Column& c = columns.at(field);
        const auto docs = c.column->unit_documents();
        std::vector<std::uint32_t> ords(docs.size());
        for (std::uint32_t u = 0; u < ords.size(); ++u) ords[u] = u;
        std::sort(ords.begin(), ords.end(), [&](auto a, auto b) {
            return docs[a] != docs[b] ? docs[a] > docs[b] : c.column->unit(a) < c.column->unit(b);
        });
        auto& most = most_by_fold[field];
        for (std::uint32_t u = 0; u < docs.size(); ++u) {
            auto& m = most[fold_exact_value(c.column->unit(u))];
            m = std::max(m, docs[u]);
        }
        for (std::size_t k = 0; k < std::min<std::size_t>(100, ords.size()); ++k) {
            const std::string v(c.column->unit(ords[k]));
            tops.push_back({field, v, ords[k], docs[ords[k]]});
            if (v.find(' ') == std::string::npos) words.insert(lower(v));
        }
    }
    std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> cases;
    std::unordered_map<Xapian::docid, std::string> last_lines;
    count_cases(db, words, cases, last_lines);
    Junk j;
    for (const auto& t : tops) {
        ++j.values;
        const Column& c = columns.at(t.field);
        const std::string folded = fold_exact_value(t.value);
        std::string why;
        if (most_by_fold[t.field][folded] > t.docs) why = "case variant";
        if (why.empty()) {
            std::size_t last = 0;
            for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did)
                for (const std::uint32_t u : c.column->units(did))
                    if (u == t.ord && last_lines[did] == folded) ++last;
            if (2 * last >= t.docs) why = "sign-off";
        }
        if (why.empty() && t.value.find(' ') == std::string::npos) {
            const auto [low, cap] = cases[lower(t.value)];
            if (low >= 2 * cap && low > 0) why = "ordinary word";
        }
        if (why.empty()) continue;
        ++j.junk;
        j.listed.push_back(t.field + ": " + t.value + " (" + std::to_string(t.docs) + ", " + why + ")");
    }
    return j;
}

Options parse(int argc, char** argv) {
    Options o;
    o.gold = std::string(SHARED_CORPORA_DIR) + "/reuters21578-jsonl/reuters21578.jsonl";
    o.groups = std::string(DATA_DIR) + "/entity_groups.txt";
    o.iso_dir = Gazetteer::default_iso_codes_dir().string();
    o.wordnet_dir = NameLexicon::default_wordnet_dir().string();
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--db")
            o.db = next();
        else if (a == "--gold")
            o.gold = next();
        else if (a == "--groups")
            o.groups = next();
        else if (a == "--iso-codes")
            o.iso_dir = next();
        else if (a == "--wordnet")
            o.wordnet_dir = next();
        else if (a == "--json")
            o.json = true;
        else if (a == "--show-splits")
            o.show_splits = true;
        else if (a == "--show-junk")
            o.show_junk = true;
        else if (a == "--show-table")
            o.show_table = true;
        else if (a == "--show-people-misses")
            o.show_people_misses = true;
        else if (a == "--rebuilt-table")
            o.rebuilt_table = true;
        else
            throw std::runtime_error("unknown option " + a);
    }
    if (o.db.empty()) throw std::runtime_error("usage: entity_quality --db DB [--gold FILE] [--groups FILE] [--json]");
    return o;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) try {
    const Options o = parse(argc, argv);
    const Xapian::Database db(o.db);
    // The table as the indexer builds it (read WordNet, names and synonyms; group), timed; best of 3.
    double build = 1e9;
    EntityTable table;
    const auto gazetteer = Gazetteer::system(o.iso_dir);
    for (int k = 0; k < 3; ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        const NameLexicon lexicon = NameLexicon::load(o.wordnet_dir);  // as the indexer does, once per run
        table = build_entity_table(read_entity_names(db), gazetteer.get(), database_neighbours(db), &lexicon);
        build = std::min(build, seconds_since(t0));
    }
    if (o.show_table) {
        for (std::size_t i = 0; i < 4; ++i)
            for (const auto& g : table.groups[i]) {
                std::string line = std::string(entity_type_name(static_cast<EntityType>(i))) + "\t" + g.key + "\t";
                for (const auto& m : g.members) line += m + " | ";
                std::printf("%s\n", line.c_str());
            }
        for (const auto& m : table.moves)
            std::printf("move\t%s -> %s\t%s\n", entity_type_name(m.from), entity_type_name(m.to), m.name.c_str());
        return 0;
    }
    EntityCanon canon;
    // What the searcher applies (the indexer's last run), or the table just built: measures a change
    // to the grouping rules without indexing again.
    canon.add(o.rebuilt_table ? table : EntityTable::read(db));

    const auto gold = read_gold(o.gold);
    const auto groups = read_groups(o.groups);
    const CountryMap countries(o.iso_dir);
    const auto facets = schema::facet_fields();
    const auto country_facet =
        std::find_if(facets.begin(), facets.end(), [](const FacetField& f) { return f.name == "country"; });
    const bool has_country = country_facet != facets.end();
    const Column country_column =
        read_column(db, has_country ? country_facet->slot : schema::slot_facet_place, nullptr);

    std::map<std::string, Column> with, without;
    const std::vector<std::pair<std::string, Xapian::valueno>> slots = {{"person", schema::slot_facet_person},
                                                                        {"org", schema::slot_facet_org},
                                                                        {"place", schema::slot_facet_place},
                                                                        {"misc", schema::slot_facet_misc}};
    for (const auto& [name, slot] : slots) {
        with[name] = read_column(db, slot, &canon);
        without[name] = read_column(db, slot, nullptr);
    }
    if (has_country) {
        with["country"] = read_column(db, country_facet->slot, &canon);
        without["country"] = read_column(db, country_facet->slot, nullptr);
    }
    const auto split_with = split_groups(groups, with), split_without = split_groups(groups, without);
    const Figures f = recall(db, gold, countries, country_column, has_country, with["person"], o.show_people_misses);
    const std::vector<std::string> junk_fields = {"person", "org", "place"};
    const Junk junk_with = junk(db, with, junk_fields), junk_without = junk(db, without, junk_fields);
    std::size_t table_groups = 0;
    for (const auto& g : table.groups) table_groups += g.size();

    const auto ratio = [](std::size_t a, std::size_t b) { return b ? double(a) / double(b) : 0.0; };
    if (o.json) {
        json out = {{"documents", db.get_doccount()},
                    {"people_recall", ratio(f.people_hits, f.people_pairs)},
                    {"people_pairs", f.people_pairs},
                    {"people_recall_with_table", ratio(f.people_shown_hits, f.people_pairs)},
                    {"country_recall", ratio(f.country_hits, f.country_pairs)},
                    {"country_pairs", f.country_pairs},
                    {"country_values", has_country ? "country" : "place"},
                    {"skipped_place_pairs", f.skipped_codes},
                    {"groups", groups.size()},
                    {"split_groups", split_with.size()},
                    {"split_groups_without_table", split_without.size()},
                    {"junk", ratio(junk_with.junk, junk_with.values)},
                    {"junk_without_table", ratio(junk_without.junk, junk_without.values)},
                    {"table_groups", table_groups},
                    {"table_build_seconds", build}};
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    std::printf("entity quality: %s (%u documents)\n", o.db.c_str(), db.get_doccount());
    std::printf(
        "people recall:   %.4f (%zu of %zu article/person pairs) in the stored records, %.4f (%zu) as the "
        "person facet shows them with the entity table\n",
        ratio(f.people_hits, f.people_pairs), f.people_hits, f.people_pairs, ratio(f.people_shown_hits, f.people_pairs),
        f.people_shown_hits);
    if (o.show_people_misses)
        for (const auto& s : f.people_misses) std::printf("  %s\n", s.c_str());
    std::printf("country recall:  %.4f (%zu of %zu article/place pairs; %s)\n", ratio(f.country_hits, f.country_pairs),
                f.country_hits, f.country_pairs,
                has_country ? "country values" : "no country field: place values that are countries");
    std::string skipped;
    for (const auto& [code, n] : f.skipped) skipped += " " + code + "(" + std::to_string(n) + ")";
    std::printf("  %zu pairs skipped, codes that are no country:%s\n", f.skipped_codes, skipped.c_str());
    std::printf("split groups:    %zu of %zu with the entity table, %zu without\n", split_with.size(), groups.size(),
                split_without.size());
    if (o.show_splits)
        for (const auto& s : split_with) std::printf("  %s\n", s.c_str());
    std::printf("junk in top 100: %.4f with the entity table (%zu of %zu), %.4f without (%zu)\n",
                ratio(junk_with.junk, junk_with.values), junk_with.junk, junk_with.values,
                ratio(junk_without.junk, junk_without.values), junk_without.junk);
    if (o.show_junk)
        for (const auto& s : junk_with.listed) std::printf("  %s\n", s.c_str());
    std::printf("entity table:    %zu groups, built in %.3f s (WordNet, names and synonyms read, grouped; best of 3)\n",
                table_groups, build);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "entity_quality: %s\n", e.what());
    return 2;
} catch (const Xapian::Error& e) {
    std::fprintf(stderr, "entity_quality: %s\n", e.get_description().c_str());
    return 2;
}
