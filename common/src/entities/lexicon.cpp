/** @file
 * @brief NameLexicon: WordNet's proper-name synonyms of organisations and places (see lexicon.hpp).
 */
#include <newsdex/core/error.hpp>
#include <newsdex/entities/lexicon.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <unordered_map>

#include "core/text_util.hpp"

namespace newsdex {

namespace {

/// WordNet's lexicographer files of the synsets kept (wndb(5WN), lexnames(5WN)).
constexpr int kNounGroup = 14;
constexpr int kNounLocation = 15;

/// A lemma that names something (`Soviet_Union`), not a common noun.
bool proper(std::string_view word) { return !word.empty() && word.front() >= 'A' && word.front() <= 'Z'; }

/**
 * The proper-name lemmas of one synset line of data.noun (`offset lex_filenum n w_cnt word lex_id ...
 * p_cnt ... | gloss`, wndb(5WN)) into @p words, underscores as spaces, sorted and distinct; its
 * lexicographer file into @p lexfile. False when the line is not of that form.
 */
bool parse_line(std::string_view line, int& lexfile, std::vector<std::string>& words) {
    std::size_t pos = 0;
    const auto field = [&]() -> std::string_view {
        const std::size_t sp = line.find(' ', pos);
        if (sp == std::string_view::npos || sp == pos) return {};
        const std::string_view f = line.substr(pos, sp - pos);
        pos = sp + 1;
        return f;
    };
    unsigned count = 0;
    const std::string_view offset = field(), file = field(), pos_type = field(), w_cnt = field();
    if (offset.empty() || pos_type != "n" ||
        std::from_chars(file.data(), file.data() + file.size(), lexfile).ec != std::errc() ||
        std::from_chars(w_cnt.data(), w_cnt.data() + w_cnt.size(), count, 16).ec != std::errc() || count == 0)
        return false;
    words.clear();
    for (unsigned w = 0; w < count; ++w) {  // word lex_id pairs
        const std::string_view word = field();
        if (word.empty() || field().empty()) return false;
        if (!proper(word)) continue;
        std::string name(word);
        std::replace(name.begin(), name.end(), '_', ' ');
        words.push_back(std::move(name));
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return true;
}

}  // namespace

NameLexicon NameLexicon::parse(std::string_view data, const std::string& origin) {
    std::vector<Synset> kept;
    std::unordered_map<std::string, int> senses;  // lower-cased proper name -> synsets naming it
    std::vector<std::string> words;
    int lexfile = 0;
    std::size_t number = 0;
    for (std::size_t pos = 0; pos < data.size();) {
        const std::size_t end = std::min(data.find('\n', pos), data.size());
        const std::string_view text = data.substr(pos, end - pos);
        pos = end + 1;
        ++number;
        if (text.empty() || text.front() == ' ') continue;  // the licence at the top
        if (!parse_line(text, lexfile, words))
            throw RuntimeError(origin + ":" + std::to_string(number) + ": not a WordNet noun synset");
        for (const auto& w : words) ++senses[detail::ascii_lower(w)];
        if (words.size() >= 2 && (lexfile == kNounGroup || lexfile == kNounLocation))
            kept.push_back({lexfile == kNounLocation ? EntityType::place : EntityType::org, words});
    }
    NameLexicon lexicon;
    for (auto& synset : kept) {
        std::erase_if(synset.names, [&](const std::string& w) { return senses[detail::ascii_lower(w)] != 1; });
        if (synset.names.size() >= 2) lexicon.m_synsets.push_back(std::move(synset));
    }
    return lexicon;
}

NameLexicon NameLexicon::load(const std::filesystem::path& wordnet_dir) {
    const auto path = wordnet_dir / "data.noun";
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::string data;
    in.seekg(0, std::ios::end);
    data.resize(static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0)));
    in.seekg(0);
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    if (!in) throw RuntimeError("cannot read " + path.string());
    return parse(data, path.string());
}

std::filesystem::path NameLexicon::default_wordnet_dir() { return "/usr/share/wordnet"; }

}  // namespace newsdex
