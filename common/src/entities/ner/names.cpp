/** @file
 * @brief The tagger's name table: WordNet's proper names by kind (Model::names, NameKind).
 *
 * The training data names a few thousand people and organisations; WordNet (Debian's wordnet-base)
 * names some ten thousand more, each filed under a lexicographer file (noun.person, noun.location,
 * noun.group...) that says what kind of thing it is. The table is read once when a model is trained
 * and stored in it, so tagging needs no WordNet.
 */
#include <newsdex/core/error.hpp>
#include <newsdex/entities/lexicon.hpp>

#include "core/text_util.hpp"
#include "entities/ner/internal.hpp"

namespace newsdex::ner {
namespace {

/// WordNet's lexicographer files (lexnames(5WN)) the kinds come from.
constexpr int noun_animal = 5, noun_communication = 10, noun_group = 14, noun_location = 15, noun_object = 17,
              noun_person = 18, noun_plant = 20;

/// The kinds of a proper noun synset, 0 for none (the Latin names of animals and plants).
std::uint8_t noun_kinds(const ProperSynset& s) {
    switch (s.lexfile) {
        case noun_person:
            return 1u << (s.instance ? name_person : name_people);
        case noun_location:
            return 1u << name_place;
        case noun_object:
            return 1u << (s.instance ? name_place : name_other);
        case noun_group:
            return 1u << name_group;
        case noun_communication:
            return 1u << name_language;
        case noun_animal:
        case noun_plant:
            return 0;
        default:
            return 1u << name_other;
    }
}

/// A name as tokens the way news text is tokenised: on spaces, with a possessive `'s` apart.
std::vector<std::string> name_tokens(std::string_view name) {
    std::vector<std::string> tokens;
    for (std::string_view word : detail::split_any_of(name, " ")) {
        const bool possessive = word.size() > 2 && word.ends_with("'s");
        if (possessive) word.remove_suffix(2);
        tokens.emplace_back(word);
        if (possessive) tokens.emplace_back("'s");
    }
    return tokens;
}

void add_name(Lexicon& table, std::string_view name, std::uint8_t kinds) {
    if (name.size() < 2 || !kinds) return;
    const std::vector<std::string> tokens = name_tokens(name);
    table.add_kinds(tokens, kinds);
    // The first word of a person's name of several words is a forename (`Ronald Reagan`, `Margaret
    // Thatcher`): a word that begins names, which tagging text where the surname is new needs.
    if ((kinds & (1u << name_person)) && tokens.size() >= 2)
        table.add_kinds(std::span<const std::string>(tokens.data(), 1), 1u << name_forename);
}

}  // namespace

Lexicon wordnet_names(const std::filesystem::path& wordnet_dir) {
    const auto noun_path = wordnet_dir / "data.noun";
    const std::string nouns = read_wordnet_file(noun_path);
    if (nouns.empty()) throw RuntimeError("cannot read " + noun_path.string() + " (Debian package wordnet-base)");
    Lexicon table;
    for (const ProperSynset& s : proper_synsets(nouns, 'n', noun_path.string()))
        for (const std::string& name : s.names) add_name(table, name, noun_kinds(s));
    const auto adj_path = wordnet_dir / "data.adj";
    for (const ProperSynset& s : proper_synsets(read_wordnet_file(adj_path), 'a', adj_path.string()))
        for (const std::string& name : s.names) add_name(table, name, 1u << name_language);
    return table;
}

}  // namespace newsdex::ner
