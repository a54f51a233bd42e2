/** @file
 * @brief The gazetteer: libgeonames cities and iso-codes countries, subdivisions and currencies.
 */
#include <newsdex/core/error.hpp>
#include <newsdex/entities/gazetteer.hpp>

#include "core/text_util.hpp"
#include "entities/ner/hash.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include <geonames/geonames.h>
#include <nlohmann/json.hpp>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/region.h>
#include <unicode/strenum.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace newsdex {
namespace {

using ner_detail::combine;
using ner_detail::hash_bytes;

/// Separate the words of a name: narrower than detail::is_space (no \f or \v), which would change
/// how names fold.
constexpr std::string_view name_spaces = " \t\n\r";
bool is_space(char c) { return name_spaces.find(c) != std::string_view::npos; }

std::vector<std::string_view> split_words(std::string_view s) { return detail::split_any_of(s, name_spaces); }

nlohmann::json read_json(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw RuntimeError("cannot open iso-codes file: " + p.string());
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw RuntimeError("cannot parse iso-codes file " + p.string() + ": " + e.what());
    }
}

/// ISO 3166-3 (former countries) adds names; an iso-codes without it still loads.
nlohmann::json former_countries(const std::filesystem::path& p) {
    return std::filesystem::exists(p) ? read_json(p) : nlohmann::json::object();
}

std::string json_string(const nlohmann::json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// Drop a trailing parenthetical or bracketed part: "Dublin (City of)" -> "Dublin".
std::string strip_parenthetical(std::string s) {
    const auto p = s.find_first_of("([");
    if (p != std::string::npos) s.erase(p);
    while (!s.empty() && is_space(s.back())) s.pop_back();
    return s;
}

/// Initial letters of the capitalised words: "United States of America" -> "USA".
std::string initialism(std::string_view name) {
    std::string out;
    for (auto w : split_words(name)) {
        if (detail::is_upper(w[0])) out += w[0];
    }
    return out;
}

std::string dotted(std::string_view letters) {
    std::string out;
    for (char c : letters) {
        out += c;
        out += '.';
    }
    return out;
}

/// A folded compass word (`west`, `northern`): a direction more often than a place of its own.
bool compass_word(std::string_view w) {
    static constexpr std::string_view compass[] = {"north",    "south",    "east",    "west",
                                                   "northern", "southern", "eastern", "western"};
    return std::find(std::begin(compass), std::end(compass), w) != std::end(compass);
}

int64_t priority_of(const GazetteerMatch& m) {
    switch (m.kind) {
        case GazetteerKind::country:
            return 4'000'000'000LL;
        case GazetteerKind::subdivision:  // a former country (add_former_countries) has a population
            return 3'000'000'000LL + m.population;
        case GazetteerKind::large_city:             // a city of millions is meant more often than a province named
            return 3'500'000'000LL + m.population;  // like it abroad (Portland, Oregon; not Portland, Jamaica)
        case GazetteerKind::city:
            return 1'000'000'000LL + m.population;
        case GazetteerKind::currency:
            return 0;
    }
    return 0;
}

}  // namespace

std::uint64_t Gazetteer::token_hash(std::string_view folded_token) noexcept { return hash_bytes(folded_token, 0x7a11); }

std::uint64_t Gazetteer::extend_key(std::uint64_t key, std::uint64_t token_hash) noexcept {
    return combine(key, token_hash);
}

std::string Gazetteer::fold(std::string_view text) {
    const bool ascii =
        std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    std::string raw;
    if (ascii) {
        raw.reserve(text.size());
        for (char c : text) raw += detail::to_lower(c);
    } else {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
        icu::UnicodeString u =
            icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
        icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(u, status) : u;
        if (U_FAILURE(status)) decomposed = u;
        icu::UnicodeString kept;
        for (int32_t i = 0; i < decomposed.length();) {
            const UChar32 c = decomposed.char32At(i);
            i += U16_LENGTH(c);
            if (u_charType(c) == U_NON_SPACING_MARK) continue;
            kept.append(c);
        }
        kept.toLower(icu::Locale::getRoot());
        kept.toUTF8String(raw);
    }
    std::string out;
    out.reserve(raw.size());
    for (auto w : split_words(raw)) {
        if (!out.empty()) out += ' ';
        out.append(w);
    }
    return out;
}

namespace {
/// The m_province_names bucket of a folded name: its first letter a-z, else 26.
std::size_t initial_bucket(std::string_view folded) {
    const char c = folded.empty() ? '\0' : folded[0];
    return c >= 'a' && c <= 'z' ? static_cast<std::size_t>(c - 'a') : 26;
}

/// Other folded spellings of a city's name that datelines use: the name without a qualifier in
/// lower case or in parentheses (`Frankfurt am Main`, `Halle (Saale)`: Frankfurt, Halle) and German
/// umlauts written as two letters (`Düsseldorf`: DUESSELDORF), as DIN 5007-2 transliterates them.
std::vector<std::string> dateline_spellings(std::string_view name) {
    std::string base(name.substr(0, name.find(" (")));
    for (std::size_t sp = base.find(' '); sp != std::string::npos; sp = base.find(' ', sp + 1))
        if (sp + 1 < base.size() && detail::is_lower(base[sp + 1])) {
            base.resize(sp);
            break;
        }
    const bool umlaut = base.find('\xC3') != std::string::npos;
    if (base.size() == name.size() && !umlaut) return {};  // the name itself (most names)
    std::vector<std::string> out{Gazetteer::fold(base)};
    if (!umlaut) return out;
    std::string ascii;
    for (std::size_t i = 0; i < base.size(); ++i) {
        // UTF-8 ä ö ü Ä Ö Ü: C3 A4, C3 B6, C3 BC, C3 84, C3 96, C3 9C.
        const unsigned char c = static_cast<unsigned char>(base[i]);
        const unsigned char n = i + 1 < base.size() ? static_cast<unsigned char>(base[i + 1]) : 0;
        const char* two = c != 0xC3    ? nullptr
            : (n == 0xA4 || n == 0x84) ? "ae"
            : (n == 0xB6 || n == 0x96) ? "oe"
            : (n == 0xBC || n == 0x9C) ? "ue"
                                       : nullptr;
        if (two) {
            ascii += two;
            ++i;
        } else {
            ascii += base[i];
        }
    }
    if (ascii != base) out.push_back(Gazetteer::fold(ascii));
    return out;
}
}  // namespace

void Gazetteer::add(std::string_view name, GazetteerMatch match, Use use) {
    std::string folded = fold(name);
    if (folded.empty()) return;
    // Token keys for the tagger (names with commas are descriptions, not running text).
    if (use != Use::lookup_only && folded.find(',') == std::string::npos) {
        std::uint64_t key = 0;
        std::size_t n = 0;
        const auto words = split_words(folded);
        for (auto w : words) {
            if (n > 0) m_keys[key] |= continues_bit;
            key = extend_key(key, token_hash(w));
            ++n;
        }
        std::uint8_t mask = static_cast<std::uint8_t>(1u << static_cast<unsigned>(match.kind));
        if (match.kind == GazetteerKind::large_city) mask |= 1u << static_cast<unsigned>(GazetteerKind::city);
        m_keys[key] |= mask;
        m_max_tokens = std::max(m_max_tokens, n);
    }
    if (use == Use::tagger_only) return;
    if (match.kind == GazetteerKind::country && !match.country_code.empty())
        m_country_names.try_emplace(match.country_code, match.canonical);
    if ((match.kind == GazetteerKind::city || match.kind == GazetteerKind::large_city) && !match.country_code.empty()) {
        const Namesake city{match.country_code, match.population, {}, false};
        add_namesake(m_cities[folded], city);
        // How datelines also write it: without a qualifier, in ASCII for German umlauts.
        for (const std::string& other : dateline_spellings(name))
            if (other != folded) add_namesake(m_cities[other], city);
        if (const auto sp = folded.find(' '); sp != std::string::npos) {
            auto& firsts = m_city_tails[folded.substr(sp + 1)];
            const std::string first = folded.substr(0, sp);
            if (std::find(firsts.begin(), firsts.end(), first) == firsts.end()) firsts.push_back(first);
        }
    }
    if (match.kind == GazetteerKind::subdivision && !match.country_code.empty()) {
        auto [it, added] = m_provinces.try_emplace(folded);
        add_namesake(it->second, Namesake{match.country_code, match.population, match.province_code, false});
        if (added) m_province_names[initial_bucket(folded)].push_back(folded);
    }
    const int64_t prio = priority_of(match);
    auto it = m_names.find(folded);
    if (it == m_names.end()) {
        m_names.emplace(std::move(folded), Entry{std::move(match), static_cast<int>(prio / 1000)});
    } else if (prio / 1000 > it->second.priority) {
        it->second = Entry{std::move(match), static_cast<int>(prio / 1000)};
    }
}

std::optional<GazetteerMatch> Gazetteer::lookup(std::string_view phrase) const {
    auto it = m_names.find(fold(phrase));
    if (it == m_names.end()) return std::nullopt;
    return it->second.match;
}

std::optional<std::string> Gazetteer::country_of(std::string_view place) const {
    // A name is found whole first (`The Hague`). Else `the Gulf`, `the Midwest`: a city or province
    // is not written with `the`, a country may be.
    std::string folded = fold(place);
    const Entry* e = nullptr;
    if (const auto it = m_names.find(folded); it != m_names.end()) e = &it->second;
    const bool definite = !e && place.size() > 4 && detail::iequals(place.substr(0, 4), "the ");
    if (definite) {
        folded = fold(place.substr(4));
        if (const auto it = m_names.find(folded); it != m_names.end()) e = &it->second;
    }
    if (!e && !definite) e = compass_part(folded);
    if (!e || e->match.type != EntityType::place) return std::nullopt;
    if (definite && e->match.kind != GazetteerKind::country) return std::nullopt;
    std::string name = country_name(e->match.country_code);
    if (name.empty()) return std::nullopt;
    return name;
}

std::optional<std::string> Gazetteer::mention_country(std::string_view place) const {
    // Geonames city population of the province's country, in thousands (province_weight).
    constexpr std::uint32_t small_country = 3000;
    if (const auto it = m_names.find(fold(place)); it != m_names.end()) {
        const GazetteerMatch& m = it->second.match;
        if (m.kind == GazetteerKind::subdivision && !m.country_code.empty() && m.population < small_country) {
            const auto cities = city_namesakes(it->first);
            if (cities.empty()) return std::nullopt;
            return country_name(cities.front().country_code);
        }
    }
    return country_of(place);
}

const Gazetteer::Entry* Gazetteer::compass_part(std::string_view folded) const {
    // `West Germany`, `Southern California`, `North Yemen`: a part of a country or province named by a
    // compass word lies in it. Only a country's own everyday name or a province counts: `South
    // America` is not in the country `America` also names.
    const std::size_t sp = folded.find(' ');
    if (sp == std::string_view::npos || !compass_word(folded.substr(0, sp))) return nullptr;
    const std::string_view rest = folded.substr(sp + 1);
    const auto it = m_names.find(std::string(rest));
    if (it == m_names.end()) return nullptr;
    const GazetteerMatch& m = it->second.match;
    if (m.kind == GazetteerKind::subdivision || (m.kind == GazetteerKind::country && fold(m.canonical) == rest))
        return &it->second;
    return nullptr;
}

void Gazetteer::add_namesake(std::vector<Namesake>& list, const Namesake& n) {
    auto it =
        std::find_if(list.begin(), list.end(), [&](const Namesake& x) { return x.country_code == n.country_code; });
    if (it == list.end()) {
        list.push_back(n);
    } else {
        it->weight = std::max(it->weight, n.weight);
        it->code_fits = it->code_fits || n.code_fits;
    }
    if (list.size() > 1)
        std::stable_sort(list.begin(), list.end(),
                         [](const Namesake& a, const Namesake& b) { return a.weight > b.weight; });
}

namespace {
/// Whether @p part (letters, no period) abbreviates the folded word @p word: its first letter, then
/// more of its letters in order (`calif` california, `mass` massachusetts, `st` saint, `n` north).
bool abbreviates_word(std::string_view part, std::string_view word) {
    if (part.empty() || word.empty() || part[0] != word[0]) return false;
    std::size_t j = 1;
    for (std::size_t i = 1; i < part.size(); ++i) {
        while (j < word.size() && word[j] != part[i]) ++j;
        if (j == word.size()) return false;
        ++j;
    }
    return true;
}

/// The parts of a folded abbreviation: its words split at periods and spaces (`w. va.` -> w, va).
std::vector<std::string_view> abbreviation_parts(std::string_view folded) { return detail::split_any_of(folded, ". "); }

/// Whether an abbreviation, given as its abbreviation_parts() (`calif.`, `n.c.`, `w. va.`, `d.c.`),
/// abbreviates the folded name @p name: its parts abbreviate the words of the name in order, each
/// word one part but for words of one or two letters, which may be left out (`District of
/// Columbia`); a single part needs two letters or more (`A.` is an initial). No allocation: it runs
/// over every province of a letter for each dateline.
bool abbreviates(const std::vector<std::string_view>& parts, std::string_view name) {
    if (parts.empty() || (parts.size() == 1 && parts[0].size() < 2)) return false;
    std::size_t p = 0;
    for (std::size_t i = 0; i < name.size();) {
        while (i < name.size() && name[i] == ' ') ++i;
        const std::size_t b = i;
        while (i < name.size() && name[i] != ' ') ++i;
        if (i == b) break;
        const std::string_view w = name.substr(b, i - b);
        if (p < parts.size() && abbreviates_word(parts[p], w))
            ++p;
        else if (w.size() > 2)
            return false;
    }
    return p == parts.size();
}

/// Whether a province's ISO 3166-2 code (`PA`, `NSW`) begins the folded @p abbreviation's letters
/// (`pa.` PA, `calif.` CA, `n.s.w.` NSW; not `pa.` PB, nor `conn.` a one-letter code C).
bool code_fits(std::string_view code, std::string_view abbreviation) {
    std::string letters;
    for (char c : abbreviation)
        if (detail::is_alpha(c)) letters += c;
    if (code.size() < 2 || code.size() > letters.size()) return false;
    for (std::size_t i = 0; i < code.size(); ++i)
        if (detail::to_lower(code[i]) != letters[i]) return false;
    return true;
}
}  // namespace

std::vector<Gazetteer::Namesake> Gazetteer::city_namesakes(std::string_view folded) const {
    if (const auto it = m_cities.find(std::string(folded)); it != m_cities.end()) return it->second;
    // `st. louis`: a dotted first word abbreviates the name's first word.
    const auto sp = folded.find(' ');
    if (sp == std::string_view::npos || folded.substr(0, sp).back() != '.') return {};
    const std::string tail(folded.substr(sp + 1));
    const auto t = m_city_tails.find(tail);
    if (t == m_city_tails.end()) return {};
    std::vector<Namesake> out;
    const auto parts = abbreviation_parts(folded.substr(0, sp));
    for (const auto& first : t->second)
        if (abbreviates(parts, first))
            for (const auto& n : m_cities.at(first + " " + tail)) add_namesake(out, n);
    return out;
}

std::vector<Gazetteer::Namesake> Gazetteer::province_namesakes(std::string_view folded) const {
    if (const auto it = m_provinces.find(std::string(folded)); it != m_provinces.end()) return it->second;
    std::vector<Namesake> out;
    if (folded.empty() || folded.find('.') == std::string_view::npos) return out;
    const auto parts = abbreviation_parts(folded);
    for (const auto& name : m_province_names[initial_bucket(folded)]) {
        if (!abbreviates(parts, name)) continue;
        for (Namesake n : m_provinces.at(name)) {
            n.code_fits = code_fits(n.province_code, folded);
            add_namesake(out, n);
        }
    }
    return out;
}

std::optional<std::string> Gazetteer::dateline_country(std::string_view city, std::string_view region) const {
    const std::string c = fold(city), r = fold(region);
    const std::vector<Namesake> cities = city_namesakes(c);
    if (!r.empty()) {
        // A city named with its region (`Washington D.C.`).
        if (const auto it = m_cities.find(c + " " + r); it != m_cities.end())
            return country_name(it->second.front().country_code);
        std::vector<Namesake> provinces = province_namesakes(r);
        if (const auto it = m_names.find(r); it != m_names.end() && it->second.match.kind == GazetteerKind::country)
            provinces.insert(provinces.begin(), Namesake{it->second.match.country_code, 0, {}, false});
        for (const auto& n : cities)
            for (const auto& p : provinces)
                if (n.country_code == p.country_code) return country_name(n.country_code);
        // Without the city: a province's name, or an abbreviation that fits provinces of one country,
        // or of several but begins the ISO code of one country's only (`Mass.`: Massachusetts, US-MA;
        // `Pa.` stays open, Pennsylvania, US-PA, or Para, BR-PA).
        if (!provinces.empty() && (provinces.size() == 1 || m_provinces.count(r)))
            return country_name(provinces.front().country_code);
        std::vector<std::string> fitting;
        for (const auto& p : provinces)
            if (p.code_fits) fitting.push_back(p.country_code);
        if (fitting.size() == 1) return country_name(fitting.front());
        // A region that is no province: a country, or a part of one (`West Germany`); not a dotted
        // abbreviation, which would be read as a country's initials (`N.C.`, New Caledonia).
        if (r.find('.') == std::string::npos)
            if (auto k = country_of(region)) return k;
    }
    // The city alone: as any place name (`WASHINGTON` is the state's country before England's town),
    // else its namesakes (`ST. LOUIS`).
    if (auto k = mention_country(city)) return k;
    if (!cities.empty()) return country_name(cities.front().country_code);
    return std::nullopt;
}

std::string Gazetteer::country_name(std::string_view code) const {
    const auto it = m_country_names.find(std::string(code));
    return it != m_country_names.end() ? it->second : std::string();
}

std::filesystem::path Gazetteer::default_iso_codes_dir() { return "/usr/share/iso-codes/json"; }

namespace {

/// alpha-2 country code -> geonames country name.
using CountryNames = std::map<std::string, std::string>;

/// alpha-2 country code -> the population of its geonames cities.
using CountryPopulation = std::map<std::string, std::uint64_t>;

/// Add the @p n_cities geonames cities to @p g; each city's country name goes to @p country_names,
/// its population to its country's in @p country_population.
void add_cities(Gazetteer& g, int n_cities, CountryNames& country_names, CountryPopulation& country_population) {
    for (int i = 0; i < n_cities; ++i) {
        GeonamesCity* c = geonames_get_city(i);
        if (!c) continue;
        const char* name = geonames_city_get_name(c);
        const char* cc = geonames_city_get_country_code(c);
        // Each libgeonames accessor walks its GVariant data: the country name once per country.
        if (cc && *cc && !country_names.count(cc))
            if (const char* country = geonames_city_get_country(c); country && *country)
                country_names.emplace(cc, country);
        GazetteerMatch m;
        m.population = geonames_city_get_population(c);
        if (cc && *cc) country_population[cc] += m.population;
        m.kind = m.population >= 500'000 ? GazetteerKind::large_city : GazetteerKind::city;
        m.type = EntityType::place;
        m.canonical = name ? name : "";
        m.country_code = cc ? cc : "";
        if (!m.canonical.empty()) {
            const std::string n = m.canonical;
            g.add(n, std::move(m));
        }
        geonames_city_free(c);
    }
}

/// A country with its everyday name and every name and derived variant it is written as.
struct Country {
    std::string code, canonical;
    std::vector<std::string> names;
};

/// The names of one iso-codes ISO 3166-1 entry @p c.
Country country_names(const nlohmann::json& c, const CountryNames& geonames_country) {
    Country k;
    k.code = json_string(c, "alpha_2");
    const std::string name = json_string(c, "name"), official = json_string(c, "official_name"),
                      common = json_string(c, "common_name");
    const auto geo_it = geonames_country.find(k.code);
    const std::string geo = geo_it != geonames_country.end() ? geo_it->second : std::string();
    const std::string before_comma = name.substr(0, name.find(','));
    for (const auto& v : {name, official, common, geo, before_comma})
        if (!v.empty() && v.find(',') == std::string::npos) k.names.push_back(strip_parenthetical(v));
    // Everyday name: common name, else the shortest of the comma-free names.
    if (!common.empty()) {
        k.canonical = common;
    } else {
        for (const auto& v : k.names)
            if (k.canonical.empty() || v.size() < k.canonical.size()) k.canonical = v;
    }
    if (k.canonical.empty()) k.canonical = name;
    // Initialisms of multi-word names: "UK", "U.K.", "USA", "U.S.A.", "UAE".
    for (const auto& v : {name, official, common, geo}) {
        const std::string ini = initialism(v);
        if (ini.size() >= 2 && split_words(v).size() >= 2) {
            k.names.push_back(ini);
            k.names.push_back(dotted(ini));
        }
    }
    // The two-letter code with dots is how newswire writes the biggest ones ("U.S.").
    std::sort(k.names.begin(), k.names.end());
    k.names.erase(std::unique(k.names.begin(), k.names.end()), k.names.end());
    return k;
}

/// Split @p s at every occurrence of @p sep.
std::vector<std::string> split_at(const std::string& s, std::string_view sep) {
    std::vector<std::string> out;
    std::size_t b = 0;
    for (std::size_t p = s.find(sep); p != std::string::npos; p = s.find(sep, b)) {
        out.push_back(s.substr(b, p - b));
        b = p + sep.size();
    }
    out.push_back(s.substr(b));
    return out;
}

/**
 * Shorter names the official names contain: what follows `of`, split at `and`
 * ("United Kingdom of Great Britain and Northern Ireland" -> "Great Britain", "Northern Ireland";
 * "United States of America" -> "America"), and a two-word part without its first word
 * ("Britain") unless that word starts several country names (`South`, `New`: a qualifier that
 * picks a part of a larger region, "South Africa" is not "Africa"), counted in @p first_words.
 */
std::vector<std::string> derived_names(const nlohmann::json& c, const std::map<std::string, int>& first_words) {
    std::vector<std::string> out;
    for (const char* key : {"official_name", "name"}) {
        const std::string v = strip_parenthetical(json_string(c, key));
        const std::size_t of = v.find(" of ");
        if (v.find(',') != std::string::npos || of == std::string::npos) continue;
        for (auto& part : split_at(v.substr(of + 4), " and ")) {
            const auto words = split_words(part);
            if (words.empty() || !detail::is_upper(words.front()[0])) continue;
            out.push_back(part);
            const auto fw = first_words.find(std::string(words.front()));
            if (words.size() == 2 && (fw == first_words.end() || fw->second < 2)) out.emplace_back(words.back());
        }
    }
    return out;
}

/// Countries: every name and derived variant maps to one canonical name, unless two countries share it.
/// Derived names (derived_names) come second: one that is a name of any other country is left out.
void add_countries(Gazetteer& g, const nlohmann::json& countries, const CountryNames& geonames_country) {
    std::vector<Country> list;
    std::map<std::string, int> name_owners;     // folded variant -> number of countries using it
    std::map<std::string, int> derived_owners;  // the same for derived names
    std::map<std::string, int> first_words;     // first word of the country names -> countries
    const auto all = countries.value("3166-1", nlohmann::json::array());
    for (const auto& c : all) {
        Country k = country_names(c, geonames_country);
        std::set<std::string> firsts;
        for (const auto& v : k.names) {
            ++name_owners[Gazetteer::fold(v)];
            if (const auto w = split_words(v); w.size() >= 2) firsts.emplace(w.front());
        }
        for (const auto& f : firsts) ++first_words[f];
        list.push_back(std::move(k));
    }
    std::vector<std::vector<std::string>> derived;
    for (const auto& c : all) {
        derived.push_back(derived_names(c, first_words));
        std::set<std::string> mine;
        for (const auto& v : derived.back()) mine.insert(Gazetteer::fold(v));
        for (const auto& f : mine) ++derived_owners[f];
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto& k = list[i];
        GazetteerMatch m;
        m.kind = GazetteerKind::country;
        m.type = EntityType::place;
        m.canonical = k.canonical;
        m.country_code = k.code;
        for (const auto& v : k.names)
            if (name_owners[Gazetteer::fold(v)] <= 1) g.add(v, m);  // "Congo", "SA": ambiguous between countries
        for (const auto& v : derived[i])
            if (const std::string f = Gazetteer::fold(v); name_owners[f] == 0 && derived_owners[f] == 1)
                g.add(v, m, Gazetteer::Use::lookup_only);
    }
}

/// The population a former country counts with among provinces: more than none, less than a city's
/// margin over them (priority_of).
constexpr std::uint32_t kFormerCountryWeight = 1'000'000;

/**
 * Countries that no longer exist (ISO 3166-3) and have one successor (the last two letters of their
 * alpha-4 code, `HH` when none: the USSR, Czechoslovakia): `Burma`, `Zaire`, `German Democratic
 * Republic` (`GDR`), `Upper Volta`. Each is looked up as a part of its successor, so that its
 * documents roll up to that country while the place keeps its own value; names a current country
 * already has stay that country's. Look-ups only: the tagger was not trained with them.
 */
void add_former_countries(Gazetteer& g, const nlohmann::json& former) {
    for (const auto& c : former.value("3166-3", nlohmann::json::array())) {
        const std::string a4 = json_string(c, "alpha_4");
        if (a4.size() != 4 || a4.substr(2) == "HH" || g.country_name(a4.substr(2)).empty()) continue;
        const std::string full = strip_parenthetical(json_string(c, "name"));
        const std::string name = full.substr(0, full.find(','));
        GazetteerMatch m;
        m.kind = GazetteerKind::subdivision;
        m.type = EntityType::place;
        m.canonical = name;
        m.country_code = a4.substr(2);
        m.population = kFormerCountryWeight;  // outranks a province named like it (Angola's Zaire)
        std::vector<std::string> names{name};
        if (const std::string ini = initialism(name); ini.size() >= 3 && split_words(name).size() >= 3)
            names.push_back(ini);
        for (const auto& n : names)
            if (const auto known = g.lookup(n); !known || known->kind != GazetteerKind::country)
                g.add(n, m, Gazetteer::Use::lookup_only);
    }
}

/**
 * What a province counts with among provinces of other countries named alike: its country's city
 * population in thousands, below a former country's weight. `Maryland` and `Montana` are the U.S.
 * states, not Liberia's county or Bulgaria's province; `Toledo` is Spain's, not Belize's.
 */
std::uint32_t province_weight(const CountryPopulation& country_population, const std::string& code) {
    const auto it = country_population.find(code);
    if (it == country_population.end()) return 0;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(it->second / 1000, kFormerCountryWeight - 1000));
}

void add_subdivisions(Gazetteer& g, const nlohmann::json& subdivisions, const CountryPopulation& country_population) {
    for (const auto& s : subdivisions.value("3166-2", nlohmann::json::array())) {
        const std::string name = strip_parenthetical(json_string(s, "name"));
        const std::string code = json_string(s, "code");
        if (name.empty() || name.find(',') != std::string::npos) continue;
        GazetteerMatch m;
        m.kind = GazetteerKind::subdivision;
        m.type = EntityType::place;
        m.canonical = name;
        m.country_code = code.substr(0, code.find('-'));
        m.population = province_weight(country_population, m.country_code);
        if (const auto dash = code.find('-'); dash != std::string::npos) m.province_code = code.substr(dash + 1);
        // Cameroon's `West` region: written alone, `West` is a direction or the West (`WEST GERMAN`
        // headlines), so no place to look up; the tagger keeps the feature it was trained with.
        const auto use = compass_word(Gazetteer::fold(name)) ? Gazetteer::Use::tagger_only : Gazetteer::Use::both;
        g.add(name, std::move(m), use);
    }
}

/// What a world region counts with among subdivisions: above a former country, below a city of
/// 500,000 people (priority_of).
constexpr std::uint32_t kRegionWeight = 400'000'000;

/**
 * Continents and world regions (CLDR's, through ICU: `Asia`, `Southeast Asia`, `Caribbean`): places
 * in no one country. A town or province named like one is not what news means by it (`Asia`, a town
 * of the Philippines). Look-ups only: the tagger was not trained with them.
 */
void add_regions(Gazetteer& g) {
    for (const URegionType type : {URGN_CONTINENT, URGN_SUBCONTINENT}) {
        UErrorCode status = U_ZERO_ERROR;
        const std::unique_ptr<icu::StringEnumeration> codes(icu::Region::getAvailable(type, status));
        if (U_FAILURE(status) || !codes) continue;
        for (const char* code = codes->next(nullptr, status); code && U_SUCCESS(status);
             code = codes->next(nullptr, status)) {
            icu::UnicodeString name;
            icu::Locale("", code).getDisplayCountry(icu::Locale::getEnglish(), name);
            GazetteerMatch m;
            m.kind = GazetteerKind::subdivision;
            m.type = EntityType::place;
            name.toUTF8String(m.canonical);
            m.population = kRegionWeight;  // no country_code: in no one country
            if (m.canonical.empty() || m.canonical == code) continue;
            const std::string written = m.canonical;
            if (const auto known = g.lookup(written); !known || known->kind != GazetteerKind::country)
                g.add(written, std::move(m), Gazetteer::Use::lookup_only);
        }
    }
}

void add_currencies(Gazetteer& g, const nlohmann::json& currencies) {
    for (const auto& c : currencies.value("4217", nlohmann::json::array())) {
        const std::string name = strip_parenthetical(json_string(c, "name"));
        if (name.empty()) continue;
        GazetteerMatch m;
        m.kind = GazetteerKind::currency;
        m.type = EntityType::misc;
        m.canonical = name;
        g.add(name, std::move(m));
    }
}

}  // namespace

Gazetteer Gazetteer::load(const std::filesystem::path& iso_codes_dir) {
    Gazetteer g;

    // Cities first: they also give each country code its everyday country name ("Russia").
    // The iso-codes files (0.5 MB of JSON) parse on a thread of their own while libgeonames is read.
    auto iso_files = std::async(std::launch::async, [iso_codes_dir] {
        return std::array<nlohmann::json, 4>{
            read_json(iso_codes_dir / "iso_3166-1.json"), read_json(iso_codes_dir / "iso_3166-2.json"),
            read_json(iso_codes_dir / "iso_4217.json"), former_countries(iso_codes_dir / "iso_3166-3.json")};
    });
    CountryNames geonames_country;
    CountryPopulation country_population;
    const int n_cities = geonames_get_n_cities();
    // Room for the cities and the ~6,000 countries, subdivisions and currencies: no rehashing
    // while loading (the load is on the critical path of a small update).
    g.m_names.reserve(static_cast<std::size_t>(n_cities) + 8192);
    g.m_keys.reserve(static_cast<std::size_t>(n_cities) * 3 / 2 + 8192);
    g.m_cities.reserve(static_cast<std::size_t>(n_cities) + 1024);
    add_cities(g, n_cities, geonames_country, country_population);

    const auto [countries, subdivisions, currencies, former] = iso_files.get();
    add_countries(g, countries, geonames_country);
    add_subdivisions(g, subdivisions, country_population);
    add_regions(g);
    add_currencies(g, currencies);
    add_former_countries(g, former);
    return g;
}

std::shared_ptr<const Gazetteer> Gazetteer::system(const std::filesystem::path& iso_codes_dir) {
    // Held while loading: a second caller waits for the first load instead of repeating it.
    static std::mutex mutex;
    static std::map<std::filesystem::path, std::shared_ptr<const Gazetteer>> loaded;
    std::lock_guard lock(mutex);
    std::shared_ptr<const Gazetteer>& instance = loaded[iso_codes_dir];
    if (!instance) instance = std::make_shared<const Gazetteer>(load(iso_codes_dir));
    return instance;
}

}  // namespace newsdex
