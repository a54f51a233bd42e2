/** @file
 * @brief The CoNLL-2003 reader, the conlleval-style scorer and a plain-text tokenizer.
 */
#include <newsdex/core/error.hpp>
#include <newsdex/entities/ner/conll.hpp>

#include <fstream>
#include <sstream>

#include "core/text_util.hpp"

namespace newsdex::ner {

std::size_t ConllDocument::token_count() const noexcept {
    std::size_t n = 0;
    for (const auto& s : sentences) n += s.words.size();
    return n;
}

std::vector<ConllDocument> parse_conll(std::string_view text, std::string_view name) {
    std::vector<ConllDocument> docs;
    Sentence current;
    Label prev_iob1 = label_o;  // the previous tag as written (IOB1), for the conversion
    auto end_sentence = [&] {
        if (current.words.empty()) return;
        if (docs.empty()) docs.emplace_back();
        docs.back().sentences.push_back(std::move(current));
        current = Sentence{};
    };
    std::size_t line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        // Columns separated by spaces or tabs.
        const std::vector<std::string_view> cols = detail::split_any_of(line, " \t");
        if (cols.empty()) {
            end_sentence();
            prev_iob1 = label_o;
            if (eol == text.size()) break;
            continue;
        }
        if (cols[0] == "-DOCSTART-") {
            end_sentence();
            docs.emplace_back();
            prev_iob1 = label_o;
            continue;
        }
        if (cols.size() < 2)
            throw RuntimeError(std::string(name) + ":" + std::to_string(line_no) + ": expected WORD ... TAG columns");
        const auto tag = parse_label(cols.back());
        if (!tag)
            throw RuntimeError(std::string(name) + ":" + std::to_string(line_no) + ": unknown entity tag '" +
                               std::string(cols.back()) + "'");
        Label bio = *tag;
        if (bio != label_o && !is_begin(bio)) {
            // IOB1: I-X continues only an entity of type X; otherwise it begins one.
            const bool continues = prev_iob1 != label_o && label_type(prev_iob1) == label_type(bio);
            if (!continues) bio = begin_label(label_type(bio));
        }
        prev_iob1 = *tag;
        current.words.emplace_back(cols[0]);
        current.labels.push_back(bio);
        if (eol == text.size()) break;
    }
    end_sentence();
    // Drop empty documents (a DOCSTART at the very end, say).
    std::vector<ConllDocument> out;
    for (auto& d : docs)
        if (!d.sentences.empty()) out.push_back(std::move(d));
    return out;
}

std::vector<ConllDocument> read_conll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RuntimeError("cannot open CoNLL file: " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_conll(ss.str(), path.string());
}

double Counts::precision() const noexcept {
    return predicted ? 100.0 * static_cast<double>(correct) / static_cast<double>(predicted) : 0.0;
}
double Counts::recall() const noexcept {
    return gold ? 100.0 * static_cast<double>(correct) / static_cast<double>(gold) : 0.0;
}
double Counts::f1() const noexcept {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

void Scorer::add(std::span<const Label> gold, std::span<const Label> predicted) {
    if (gold.size() != predicted.size())
        throw UsageError("scorer: gold and predicted label sequences differ in length");
    m_tokens += gold.size();
    for (std::size_t i = 0; i < gold.size(); ++i) m_tokens_correct += gold[i] == predicted[i];
    const auto g = decode_spans(gold), p = decode_spans(predicted);
    for (const auto& s : g) {
        ++m_overall.gold;
        ++m_types[static_cast<std::size_t>(s.type)].gold;
    }
    for (const auto& s : p) {
        ++m_overall.predicted;
        ++m_types[static_cast<std::size_t>(s.type)].predicted;
    }
    // Both lists are sorted by start and non-overlapping: merge.
    std::size_t i = 0, j = 0;
    while (i < g.size() && j < p.size()) {
        if (g[i] == p[j]) {
            ++m_overall.correct;
            ++m_types[static_cast<std::size_t>(g[i].type)].correct;
            ++i;
            ++j;
        } else if (g[i].begin < p[j].begin || (g[i].begin == p[j].begin && g[i].end < p[j].end)) {
            ++i;
        } else {
            ++j;
        }
    }
}

double Scorer::accuracy() const noexcept {
    return m_tokens ? 100.0 * static_cast<double>(m_tokens_correct) / static_cast<double>(m_tokens) : 0.0;
}

std::string_view case_mode_name(CaseMode mode) noexcept {
    switch (mode) {
        case CaseMode::upper:
            return "upper";
        case CaseMode::headline:
            return "headline";
        case CaseMode::as_is:
            break;
    }
    return "as-is";
}

std::optional<CaseMode> parse_case_mode(std::string_view name) noexcept {
    for (CaseMode m : {CaseMode::as_is, CaseMode::upper, CaseMode::headline})
        if (name == case_mode_name(m)) return m;
    return std::nullopt;
}

namespace {
/// The words headline style leaves in lower case: articles, coordinating conjunctions and short
/// prepositions (longer words are capitalised in every headline style).
bool headline_function_word(std::string_view lower) noexcept {
    static constexpr std::string_view words[] = {"a",  "an", "and", "as", "at",  "but", "by", "for", "from",
                                                 "in", "of", "on",  "or", "the", "to",  "vs", "via", "with"};
    for (std::string_view w : words)
        if (lower == w) return true;
    return false;
}
}  // namespace

std::string recase_word(std::string_view word, CaseMode mode, bool sentence_first) {
    std::string out(word);
    switch (mode) {
        case CaseMode::as_is:
            break;
        case CaseMode::upper:
            for (char& c : out) c = detail::to_upper(c);
            break;
        case CaseMode::headline: {
            std::string lower(word);
            for (char& c : lower) c = detail::to_lower(c);
            if (!sentence_first && headline_function_word(lower)) return lower;
            if (!out.empty()) out[0] = detail::to_upper(out[0]);
            break;
        }
    }
    return out;
}

void recase(ConllDocument& doc, CaseMode mode) {
    if (mode == CaseMode::as_is) return;
    for (auto& s : doc.sentences)
        for (std::size_t i = 0; i < s.words.size(); ++i) s.words[i] = recase_word(s.words[i], mode, i == 0);
}

std::vector<ConllDocument> recase(const std::vector<ConllDocument>& docs, CaseMode mode) {
    std::vector<ConllDocument> out = docs;
    for (auto& d : out) recase(d, mode);
    return out;
}

std::vector<std::string> simple_tokenize(std::string_view line) {
    std::vector<std::string> out;
    auto is_punct = [](char c) {
        return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == '(' || c == ')' ||
            c == '[' || c == ']' || c == '{' || c == '}' || c == '\'';
    };
    for (std::string_view w : detail::split_whitespace(line)) {
        std::vector<std::string> tail;
        while (!w.empty() && is_punct(w.front())) {
            out.emplace_back(1, w.front());
            w.remove_prefix(1);
        }
        while (!w.empty()) {
            const char c = w.back();
            if (w.size() >= 2 && w.substr(w.size() - 2) == "'s") {
                tail.emplace_back("'s");
                w.remove_suffix(2);
                continue;
            }
            if (is_punct(c)) {
                tail.emplace_back(1, c);
                w.remove_suffix(1);
                continue;
            }
            // A final period is peeled off unless the word is an abbreviation such as "U.S." or "Inc.".
            if (c == '.' && w.size() > 1) {
                const std::string_view body = w.substr(0, w.size() - 1);
                const bool abbreviation =
                    body.find('.') != std::string_view::npos || (body.size() <= 3 && detail::is_upper(body[0]));
                if (!abbreviation) {
                    tail.emplace_back(".");
                    w.remove_suffix(1);
                    continue;
                }
            }
            break;
        }
        if (!w.empty()) out.emplace_back(w);
        for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(std::move(*it));
    }
    return out;
}

}  // namespace newsdex::ner
