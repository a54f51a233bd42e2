/** @file
 * @brief The parser registry (`--format` names, make_parser) and format detection.
 *
 * "auto" is a parser too: it calls detect_format on each input and hands the text to the parser of
 * the detected format, so callers can treat every format name alike.
 */
#include <newsdex/parser.hpp>

#include <strings.h>

#include <array>

#include <fmt/format.h>

#include <newsdex/error.hpp>

#include "parsers.hpp"
#include "text_util.hpp"

namespace newsdex {

namespace {

using namespace detail;

constexpr std::array<std::string_view, 4> names{"auto", "news", "memo", "jsonl"};

/// Detects the format of each input and delegates to that format's parser.
class AutoParser final : public Parser {
public:
    AutoParser() : m_news(make_news_parser()), m_memo(make_memo_parser()), m_jsonl(make_jsonl_parser()) {}

    [[nodiscard]] std::string_view name() const noexcept override { return "auto"; }

    void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
               const DocumentSink& emit) const override {
        const std::string_view format = detect_format(path, text.substr(0, std::min<std::size_t>(text.size(), 8192)));
        const Parser& parser = format == "jsonl" ? *m_jsonl : format == "memo" ? *m_memo : *m_news;
        parser.parse(path, text, diag, emit);
    }

private:
    std::unique_ptr<Parser> m_news, m_memo, m_jsonl;
};

/// The extension of @p path after its last dot (within the last path component), lower-cased.
std::string extension(std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = base.rfind('.');
    std::string ext;
    if (dot == std::string_view::npos || dot == 0) return ext;
    for (char c : base.substr(dot + 1)) ext += to_lower(c);
    return ext;
}

}  // namespace

std::span<const std::string_view> format_names() noexcept { return names; }

std::unique_ptr<Parser> make_parser(std::string_view format) {
    const std::string_view f = trim(format);
    if (iequals(f, "auto")) return std::make_unique<AutoParser>();
    if (iequals(f, "news")) return make_news_parser();
    if (iequals(f, "memo")) return make_memo_parser();
    if (iequals(f, "jsonl")) return make_jsonl_parser();
    throw UsageError(fmt::format("unknown format '{}' (expected one of: auto, news, memo, jsonl)", format));
}

std::string_view detect_format(std::string_view path, std::string_view head) {
    head = strip_bom(head);
    // The first non-blank line.
    std::size_t start = 0;
    while (start < head.size() && is_space(head[start])) ++start;
    std::size_t end = head.find('\n', start);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view first_line = trim(head.substr(start, end - start));

    const std::string ext = extension(path);
    if (ext == "jsonl" || ext == "ndjson") return "jsonl";
    if (ext == "json" && !first_line.empty() && first_line.front() == '{') return "jsonl";
    // Any other name: a first line that is a JSON object (`{...}`; a cut-off head counts too).
    if (!first_line.empty() && first_line.front() == '{' &&
        (first_line.back() == '}' || end == head.size()) && first_line.find('"') != std::string_view::npos)
        return "jsonl";
    if (looks_like_memo(head)) return "memo";
    return "news";
}

bool is_input_file_name(std::string_view filename) noexcept {
    const auto dot = filename.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == filename.size()) return true;
    const std::string_view ext = filename.substr(dot + 1);
    for (std::string_view known : {"txt", "text", "jsonl", "ndjson", "json"})
        if (ext.size() == known.size() && strncasecmp(ext.data(), known.data(), ext.size()) == 0) return true;
    return false;
}

}  // namespace newsdex
