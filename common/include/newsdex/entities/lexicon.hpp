/** @file
 * @brief NameLexicon: proper names that one WordNet synset gives as synonyms (Debian's wordnet-base).
 *
 * The corpus alone cannot tell that `USSR` and `Soviet Union`, or `EEC` and `European Community`,
 * are one entity: no document defines one by the other, and neither is an acronym or a long form of
 * the other. WordNet's noun synsets of organisations (noun.group) and places (noun.location) say so.
 * Only names that begin with a capital letter and belong to exactly one synset are kept: a name
 * WordNet gives several senses (`Russia`: the USSR, the federation, the empire; `Europe`: the
 * continent and the union; `Treasury`: the department and a British office) proves nothing.
 * People's synsets are left out: a surname WordNet knows once is not the only one in the news.
 *
 * The entity table reads it once per indexing run (index/entity_table.hpp); the tagger does not.
 */
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <newsdex/schema/document.hpp>

namespace newsdex {

/// A WordNet synset with proper names (a lemma that begins with a capital letter).
struct ProperSynset {
    int lexfile = 0;                 ///< lexicographer file, lexnames(5WN): 14 noun.group, 18 noun.person...
    bool instance = false;           ///< an instance of its hypernym (`Ronald Reagan`), not a kind (`Canadian`)
    std::vector<std::string> names;  ///< its proper-name lemmas, underscores as spaces, sorted
};

/**
 * Every synset with a proper name in the text of a WordNet data file (data.noun, data.adj...) of part of
 * speech @p pos (`n`, `v`, `a` with its satellites, `r`); @p origin names it in errors. A line that is
 * not such a synset throws RuntimeError (`origin:line: ...`).
 */
[[nodiscard]] std::vector<ProperSynset> proper_synsets(std::string_view data, char pos, const std::string& origin);

/// The bytes of a WordNet file; empty when it cannot be opened (throws RuntimeError when it cannot be read).
[[nodiscard]] std::string read_wordnet_file(const std::filesystem::path& path);

class NameLexicon {
public:
    /// Names of one entity: two or more, as WordNet writes them (`Union of Soviet Socialist Republics`).
    struct Synset {
        EntityType type = EntityType::org;  ///< org (noun.group) or place (noun.location)
        std::vector<std::string> names;
    };

    NameLexicon() = default;

    /**
     * Read WordNet's `data.noun` in @p wordnet_dir. A folder without it gives an empty lexicon (the
     * table then joins what the corpus alone says); a file that is not WordNet's noun data throws
     * RuntimeError.
     */
    [[nodiscard]] static NameLexicon load(const std::filesystem::path& wordnet_dir = default_wordnet_dir());

    /// The synsets of text in WordNet's data.noun format (the lines of @p data); @p origin names it in errors.
    [[nodiscard]] static NameLexicon parse(std::string_view data, const std::string& origin);

    /// Where Debian's wordnet-base package installs WordNet: /usr/share/wordnet.
    [[nodiscard]] static std::filesystem::path default_wordnet_dir();

    [[nodiscard]] const std::vector<Synset>& synsets() const { return m_synsets; }

private:
    std::vector<Synset> m_synsets;
};

}  // namespace newsdex
