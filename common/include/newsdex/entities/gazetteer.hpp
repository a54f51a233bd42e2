/** @file
 * @brief Place, country and currency names from Debian data packages, with canonical names.
 *
 * Sources: libgeonames (about 24,000 cities with region, country and population) and iso-codes
 * (ISO 3166-1 countries, ISO 3166-2 subdivisions, ISO 4217 currencies). Every name is stored under
 * its folded form (lower case, accents removed) so that "U.S.", "USA", "United States" and
 * "United States of America" are one place with one canonical name.
 *
 * The entity tagger uses the same data as features: a phrase is a sequence of whitespace-separated
 * tokens, and token_hash()/extend_key() give the key the tagger computes for a run of tokens.
 */
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <newsdex/schema/document.hpp>
#include <newsdex/core/key_table.hpp>

namespace newsdex {

/// What a gazetteer name denotes. Also bit positions in the kind masks of key_kinds().
enum class GazetteerKind : std::uint8_t {
    country = 0,      ///< ISO 3166-1 country (any of its names or codes)
    subdivision = 1,  ///< ISO 3166-2 state, province, region...
    city = 2,         ///< a geonames city of any size
    large_city = 3,   ///< a geonames city of at least 500,000 people (also flagged as city)
    currency = 4,     ///< ISO 4217 currency name
};
inline constexpr std::size_t gazetteer_kind_count = 5;

/// The answer to a phrase look-up.
struct GazetteerMatch {
    GazetteerKind kind = GazetteerKind::city;
    EntityType type = EntityType::place;  ///< place, or misc for currencies
    std::string canonical;                ///< "United States", "Paris", "Euro"
    std::string country_code;             ///< ISO alpha-2 of the place (or its country), "" for currencies
    std::uint32_t population = 0;         ///< cities; a province: its country's city population in thousands;
                                          ///< a former country counts as a million among provinces
    std::string province_code;            ///< a province's ISO 3166-2 code after the country's ("PA" of US-PA)
};

class Gazetteer {
public:
    Gazetteer() = default;

    /**
     * Load geonames cities and the iso-codes JSON files from @p iso_codes_dir.
     * Throws RuntimeError when the iso-codes files are missing or unreadable.
     */
    [[nodiscard]] static Gazetteer load(const std::filesystem::path& iso_codes_dir = default_iso_codes_dir());

    /// The system gazetteer with the iso-codes files of @p iso_codes_dir, loaded once per folder
    /// (thread-safe) and shared.
    [[nodiscard]] static std::shared_ptr<const Gazetteer> system(
        const std::filesystem::path& iso_codes_dir = default_iso_codes_dir());

    /// Where Debian's iso-codes package installs its JSON files: /usr/share/iso-codes/json.
    [[nodiscard]] static std::filesystem::path default_iso_codes_dir();

    /// What an added name is for.
    enum class Use {
        both,         ///< a tagger feature and a look-up
        lookup_only,  ///< names derived here that the model was not trained with
        tagger_only,  ///< a feature the model was trained with, but no place to look up (`West`)
    };

    /**
     * Add one name. The entry with the highest priority wins a name shared by several entries:
     * countries, then cities of 500,000 people or more, then subdivisions (a former country first,
     * then by their country's city population), then other cities by population, then currencies.
     */
    void add(std::string_view name, GazetteerMatch match, Use use = Use::both);

    /// Look up a phrase ("U.S.", "united states", "São Paulo"): exact folded match of the whole phrase.
    [[nodiscard]] std::optional<GazetteerMatch> lookup(std::string_view phrase) const;

    /**
     * The canonical name of the country a place name lies in ("Tokyo" -> "Japan", "Ohio" ->
     * "United States", "U.K." -> "United Kingdom"), or nullopt when the gazetteer does not know the
     * place. A name shared by several places takes the entry lookup() gives (countries, then
     * cities of 500,000 or more, subdivisions, then the most populous city). A name written with `the` (`the Gulf`) is a
     * country or nothing: cities and provinces are not written so. An unknown name made of a compass
     * word and a country's everyday name or a province lies in it (`West Germany` -> "Germany",
     * `Southern California` -> "United States"); a former country (ISO 3166-3) lies in its successor
     * (`Burma` -> "Myanmar").
     */
    [[nodiscard]] std::optional<std::string> country_of(std::string_view place) const;

    /**
     * The country of a place named in running text: country_of(), except for a name whose first
     * choice is a province of a small country (its geonames cities hold fewer than 3 million people):
     * named alone, such a name is more often a word or a place elsewhere (`Gulf`, Papua New Guinea's
     * Gulf Province; `Santa Ana`, a province of El Salvador and a larger city in California). It
     * takes the country of the most populous city of that name, or none.
     */
    [[nodiscard]] std::optional<std::string> mention_country(std::string_view place) const;

    /**
     * The country of a dateline's place: the city (`CAMBRIDGE`, `ST. LOUIS`) and the region written
     * after it, if any, a state or province by name (`Ontario`, `Georgia`) or abbreviation (`Mass.`,
     * `N.C.`, `W. Va.`). The city may be any of the places so named (`Cambridge`: England,
     * Massachusetts, Ontario); the region picks the country where it names or abbreviates a province
     * (the first letters of its words, then more of their letters in order: `Calif.`, `Conn.`), the
     * city's most populous namesake otherwise. A dotted word before the city's name abbreviates the
     * name's first word (`St.` Saint, `Ft.` Fort). nullopt when neither is known.
     */
    [[nodiscard]] std::optional<std::string> dateline_country(std::string_view city, std::string_view region) const;

    /// The canonical name of the country with ISO alpha-2 code @p code ("JP" -> "Japan"); "" when unknown.
    [[nodiscard]] std::string country_name(std::string_view code) const;

    /// Number of distinct folded names.
    [[nodiscard]] std::size_t size() const noexcept { return m_names.size(); }
    /// Longest name in tokens.
    [[nodiscard]] std::size_t max_tokens() const noexcept { return m_max_tokens; }

    /// Bit set in key_kinds() when a longer name starts with the token run of the key.
    static constexpr std::uint8_t continues_bit = 0x80;

    /// Bit mask of GazetteerKind of the names whose token key is @p key, plus continues_bit when
    /// a longer name starts with these tokens (0 when no name starts so).
    [[nodiscard]] std::uint8_t key_kinds(std::uint64_t key) const noexcept { return m_keys.get(key); }

    /// Hash of one folded token (lower case ASCII for ASCII input), never 0.
    [[nodiscard]] static std::uint64_t token_hash(std::string_view folded_token) noexcept;
    /// The key of a token run: extend_key(0, t1), then extend_key(k1, t2)...
    [[nodiscard]] static std::uint64_t extend_key(std::uint64_t key, std::uint64_t token_hash) noexcept;

    /// Lower case and strip accents (NFD, drop combining marks), collapse white space.
    [[nodiscard]] static std::string fold(std::string_view text);

private:
    struct Entry {
        GazetteerMatch match;
        int priority = 0;
    };
    /// The entry of a compass word and a country or province (`West Germany`), else nullptr.
    [[nodiscard]] const Entry* compass_part(std::string_view folded) const;
    /// A place of a name in one country, for datelines: cities of that name, provinces.
    struct Namesake {
        std::string country_code;
        std::uint32_t weight = 0;   ///< a city's population; a province's GazetteerMatch::population
        std::string province_code;  ///< a province's GazetteerMatch::province_code
        bool code_fits = false;     ///< province_namesakes(): the abbreviation also abbreviates the code
    };
    /// Add @p n to @p list (one per country, heaviest first; a province code fits if one fits).
    static void add_namesake(std::vector<Namesake>& list, const Namesake& n);
    /// The countries with a city named @p folded, most populous first (also through a dotted first word).
    [[nodiscard]] std::vector<Namesake> city_namesakes(std::string_view folded) const;
    /// The countries with a province that @p folded names or abbreviates, heaviest first.
    [[nodiscard]] std::vector<Namesake> province_namesakes(std::string_view folded) const;

    std::unordered_map<std::string, Entry> m_names;                // folded name -> best entry
    std::unordered_map<std::string, std::string> m_country_names;  // alpha-2 -> canonical country name
    KeyTable<std::uint8_t> m_keys;  // token key -> kind mask (probed per token by the tagger)
    std::size_t m_max_tokens = 0;
    // Datelines (dateline_country): every city of a name, not only the best entry.
    std::unordered_map<std::string, std::vector<Namesake>> m_cities;  // folded city name -> its countries
    std::unordered_map<std::string, std::vector<std::string>>
        m_city_tails;  // folded name after its first word -> first words
    std::unordered_map<std::string, std::vector<Namesake>> m_provinces;  // folded province name -> its countries
    std::array<std::vector<std::string>, 27> m_province_names;           // the names by first letter a-z, other
};

}  // namespace newsdex
