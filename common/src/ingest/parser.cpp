/** @file
 * @brief The parser registry (`--format` names, make_parser) and format detection.
 *
 * "auto" is a parser too: it calls detect_format on each input and hands the text to the parser of
 * the detected format, so callers can treat every format name alike.
 */
#include <newsdex/ingest/parser.hpp>

#include <strings.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <newsdex/core/error.hpp>

#include "ingest/formats/formats.hpp"
#include "core/text_util.hpp"

namespace newsdex {

namespace {

using namespace detail;

constexpr std::array<std::string_view, 8> names{"auto", "news", "memo", "jsonl", "email", "trec", "reuters", "html"};

/// The parser of a concrete format name (not "auto"), or nullptr.
std::unique_ptr<Parser> make_format_parser(std::string_view f) {
    if (iequals(f, "news")) return make_news_parser();
    if (iequals(f, "memo")) return make_memo_parser();
    if (iequals(f, "jsonl")) return make_jsonl_parser();
    if (iequals(f, "email")) return make_email_parser();
    if (iequals(f, "trec")) return make_trec_parser();
    if (iequals(f, "reuters")) return make_reuters_parser();
    if (iequals(f, "html")) return make_html_parser();
    return nullptr;
}

/// Detects the format of each input and delegates to that format's parser (made when first needed).
class AutoParser final : public Parser {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "auto"; }

    void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
               const DocumentSink& emit) const override {
        const std::string_view format = detect_format(path, text.substr(0, std::min<std::size_t>(text.size(), 8192)));
        parser_for(format).parse(path, text, diag, emit);
    }

private:
    const Parser& parser_for(std::string_view format) const {
        const std::lock_guard lock(m_mutex);
        for (const auto& p : m_parsers)
            if (p->name() == format) return *p;
        m_parsers.push_back(make_format_parser(format));
        return *m_parsers.back();
    }

    mutable std::mutex m_mutex;
    mutable std::vector<std::unique_ptr<Parser>> m_parsers;
};

/// Reuters-21578 SGML: its DOCTYPE, or a first `<REUTERS` record tag.
bool looks_like_reuters(std::string_view rest) {
    return istarts_with(rest, "<!DOCTYPE lewis") || istarts_with(rest, "<REUTERS ") || istarts_with(rest, "<REUTERS>");
}

/// An HTML page: a DOCTYPE, or `<html`/`<head`/`<body` first (after an XML declaration and comments).
bool looks_like_html(std::string_view rest) {
    for (int i = 0; i < 8; ++i) {
        if (istarts_with(rest, "<!DOCTYPE html") || istarts_with(rest, "<html") || istarts_with(rest, "<head") ||
            istarts_with(rest, "<body"))
            return true;
        std::size_t skip = 0;
        if (rest.starts_with("<?xml"))
            skip = rest.find("?>");
        else if (rest.starts_with("<!--"))
            skip = rest.find("-->");
        else
            return false;
        if (skip == std::string_view::npos) return false;
        rest = trim(rest.substr(skip + 2 + (rest[1] == '!' ? 1 : 0)));
    }
    return false;
}

/// The extension of @p path after its last dot (within the last path component), lower-cased.
std::string extension(std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = base.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return {};
    return ascii_lower(base.substr(dot + 1));
}

}  // namespace

std::vector<TextChunk> Parser::split(std::string_view text, std::size_t target) const {
    (void)text;
    (void)target;
    return {};
}

bool Parser::parse_chunk(std::string_view path, const TextChunk& chunk, DiagnosticSink& diag, const DocumentSink& emit,
                         const RecordFilter& wanted) const {
    parse_wanted(path, chunk.text, diag, emit, wanted);
    return true;
}

namespace detail {

std::vector<TextChunk> cut_chunks(std::string_view text, std::size_t target,
                                  const std::function<std::size_t(std::size_t from)>& next_cut) {
    std::vector<TextChunk> chunks;
    target = std::max<std::size_t>(target, 1);
    std::size_t start = 0, line = 1;
    while (start < text.size()) {
        const std::size_t cut = text.size() - start > target ? next_cut(start + target) : std::string_view::npos;
        const std::size_t end = cut == std::string_view::npos || cut >= text.size() ? text.size() : cut;
        const std::string_view piece = text.substr(start, end - start);
        chunks.push_back({piece, line});
        line += static_cast<std::size_t>(std::count(piece.begin(), piece.end(), '\n'));
        start = end;
    }
    if (chunks.size() < 2) chunks.clear();
    return chunks;
}

}  // namespace detail

std::span<const std::string_view> format_names() noexcept { return names; }

std::unique_ptr<Parser> make_parser(std::string_view format) {
    const std::string_view f = trim(format);
    if (iequals(f, "auto")) return std::make_unique<AutoParser>();
    if (auto p = make_format_parser(f)) return p;
    throw UsageError(fmt::format("unknown format '{}' (expected one of: {})", format, fmt::join(names, ", ")));
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
    const std::string_view rest = head.substr(start);
    if (ext == "jsonl" || ext == "ndjson") return "jsonl";
    if (ext == "json" && !first_line.empty() && first_line.front() == '{') return "jsonl";
    if (ext == "eml" || ext == "mbox" || ext == "mbx") return "email";
    if (ext == "html" || ext == "htm" || ext == "xhtml") return "html";
    if (ext == "sgm" || ext == "sgml") return looks_like_reuters(rest) ? "reuters" : "trec";
    // Any other name: a first line that is a JSON object (`{...}`; a cut-off head counts too).
    if (!first_line.empty() && first_line.front() == '{' && (first_line.back() == '}' || end == head.size()) &&
        first_line.find('"') != std::string_view::npos)
        return "jsonl";
    if (looks_like_mbox(head) || looks_like_email(head)) return "email";
    if (looks_like_reuters(rest)) return "reuters";
    if (istarts_with(rest, "<DOC>") || istarts_with(rest, "<DOC ")) return "trec";
    if (looks_like_html(rest)) return "html";
    if (looks_like_memo(head)) return "memo";
    return "news";
}

bool is_input_file_name(std::string_view filename) noexcept {
    const auto dot = filename.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == filename.size()) return true;
    const std::string_view ext = filename.substr(dot + 1);
    for (std::string_view known :
         {"txt", "text", "jsonl", "ndjson", "json", "eml",  "mbox", "mbx", "sgm", "sgml", "html", "htm", "xhtml",
          "tar", "tgz",  "tbz",   "tbz2",   "txz",  "tzst", "zip",  "gz",  "bz2", "xz",   "zst",  "7z"})
        if (ext.size() == known.size() && strncasecmp(ext.data(), known.data(), ext.size()) == 0) return true;
    return false;
}

}  // namespace newsdex
