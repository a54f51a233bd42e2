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
 * The proper-name lemmas of one synset line of a WordNet data file (`offset lex_filenum ss_type w_cnt
 * word lex_id ... p_cnt ptr... | gloss`, wndb(5WN)) into @p out: underscores as spaces, an adjective's
 * syntactic marker (`(a)`) dropped, sorted and distinct; instance when it has an instance-hypernym
 * pointer (`@i`). False when the line is not a synset of part of speech @p pos (`s`, a satellite
 * adjective, counts as `a`).
 */
bool parse_line(std::string_view line, char pos_wanted, ProperSynset& out) {
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
    const char type = pos_type.size() == 1 ? (pos_type[0] == 's' ? 'a' : pos_type[0]) : '\0';
    if (offset.empty() || type != pos_wanted ||
        std::from_chars(file.data(), file.data() + file.size(), out.lexfile).ec != std::errc() ||
        std::from_chars(w_cnt.data(), w_cnt.data() + w_cnt.size(), count, 16).ec != std::errc() || count == 0)
        return false;
    out.names.clear();
    for (unsigned w = 0; w < count; ++w) {  // word lex_id pairs
        std::string_view word = field();
        if (word.empty() || field().empty()) return false;
        if (!proper(word)) continue;
        if (const std::size_t paren = word.find('('); paren != std::string_view::npos && word.back() == ')')
            word = word.substr(0, paren);
        std::string name(word);
        std::replace(name.begin(), name.end(), '_', ' ');
        out.names.push_back(std::move(name));
    }
    std::sort(out.names.begin(), out.names.end());
    out.names.erase(std::unique(out.names.begin(), out.names.end()), out.names.end());
    // Pointers: `symbol offset pos source/target`, four fields each; a line without them is still a synset.
    unsigned pointers = 0;
    out.instance = false;
    if (const std::string_view p_cnt = field();
        std::from_chars(p_cnt.data(), p_cnt.data() + p_cnt.size(), pointers).ec == std::errc()) {
        for (unsigned p = 0; p < pointers && !out.instance; ++p) {
            out.instance = field() == "@i";
            for (int skip = 0; skip < 3; ++skip) (void)field();
        }
    }
    return true;
}

}  // namespace

std::vector<ProperSynset> proper_synsets(std::string_view data, char pos, const std::string& origin) {
    std::vector<ProperSynset> synsets;
    ProperSynset synset;
    std::size_t number = 0;
    for (std::size_t at = 0; at < data.size();) {
        const std::size_t end = std::min(data.find('\n', at), data.size());
        const std::string_view text = data.substr(at, end - at);
        at = end + 1;
        ++number;
        if (text.empty() || text.front() == ' ') continue;  // the licence at the top
        if (!parse_line(text, pos, synset))
            throw RuntimeError(origin + ":" + std::to_string(number) + ": not a WordNet " +
                               (pos == 'n'       ? "noun"
                                    : pos == 'v' ? "verb"
                                    : pos == 'a' ? "adjective"
                                                 : "adverb") +
                               " synset");
        if (!synset.names.empty()) synsets.push_back(synset);
    }
    return synsets;
}

std::string read_wordnet_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::string data;
    in.seekg(0, std::ios::end);
    data.resize(static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0)));
    in.seekg(0);
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    if (!in) throw RuntimeError("cannot read " + path.string());
    return data;
}

NameLexicon NameLexicon::parse(std::string_view data, const std::string& origin) {
    std::vector<Synset> kept;
    std::unordered_map<std::string, int> senses;  // lower-cased proper name -> synsets naming it
    for (auto& synset : proper_synsets(data, 'n', origin)) {
        for (const auto& w : synset.names) ++senses[detail::ascii_lower(w)];
        if (synset.names.size() >= 2 && (synset.lexfile == kNounGroup || synset.lexfile == kNounLocation))
            kept.push_back(
                {synset.lexfile == kNounLocation ? EntityType::place : EntityType::org, std::move(synset.names)});
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
    const std::string data = read_wordnet_file(path);
    if (data.empty()) return {};
    return parse(data, path.string());
}

std::filesystem::path NameLexicon::default_wordnet_dir() { return "/usr/share/wordnet"; }

}  // namespace newsdex
