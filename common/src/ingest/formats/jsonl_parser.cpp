/** @file
 * @brief The JSON Lines parser: one object a line, parsed in place with simdjson's DOM parser.
 *
 * Field mapping: `id` (string or number), `title` (or `headline`/`subject`), `date`/`updated`
 * (parse_date; null allowed), `author` / `authors` (string or list), `source`, `url`,
 * `body`/`text`/`content` (the first present is the body, the others go to meta), `type`,
 * `from`/`to`/`cc` (string or list). Any other string, number or boolean field goes to meta (as text);
 * a list field goes to tags[key] (its string and number elements); null, nested objects and empty
 * values are ignored. A line that is not one valid JSON object is an error and is skipped, and so is
 * a line longer than max_record_bytes, before it is looked at: simdjson needs several times a
 * record's size, and a record is indexed with only its first max_document_bytes anyway.
 *
 * No copy of the file is made: each line is parsed where it lies, since the bytes after it (the next
 * lines) provide simdjson's padding; only the last lines of the text, closer than SIMDJSON_PADDING to
 * its end, are copied into a small padded buffer.
 */
#include <array>
#include <cstring>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <simdjson.h>

#include <newsdex/analysis/dates.hpp>

#include "ingest/formats/formats.hpp"
#include "core/text_util.hpp"

namespace newsdex {

namespace {

using namespace detail;
using simdjson::dom::element;
using simdjson::dom::element_type;

/// The longest record parsed: twice the limit of one document (records up to it are parsed and cut).
constexpr std::size_t max_record_bytes = std::size_t{16} << 20;

/// A scalar as text: strings as is, numbers and booleans formatted; false for other types.
bool scalar_text(const element& v, std::string& out) {
    switch (v.type()) {
        case element_type::STRING: {
            std::string_view s;
            if (v.get_string().get(s) != simdjson::SUCCESS) return false;
            out.assign(s);
            return true;
        }
        case element_type::INT64:
            out = std::to_string(int64_t(v));
            return true;
        case element_type::UINT64:
            out = std::to_string(uint64_t(v));
            return true;
        case element_type::DOUBLE:
            out = fmt::format("{}", double(v));
            return true;
        case element_type::BOOL:
            out = bool(v) ? "true" : "false";
            return true;
        default:
            return false;
    }
}

/// The string and number elements of a list (or the one string of a scalar), empty ones dropped.
std::vector<std::string> text_list(const element& v) {
    std::vector<std::string> out;
    std::string s;
    if (v.type() == element_type::ARRAY) {
        for (element item : simdjson::dom::array(v)) {
            if (scalar_text(item, s) && !is_blank(s)) out.push_back(std::string(trim(s)));
        }
    } else if (scalar_text(v, s) && !is_blank(s)) {
        out.push_back(std::string(trim(s)));
    }
    return out;
}

const char* type_name(element_type t) {
    switch (t) {
        case element_type::ARRAY:
            return "an array";
        case element_type::OBJECT:
            return "an object";
        case element_type::STRING:
            return "a string";
        case element_type::INT64:
        case element_type::UINT64:
        case element_type::DOUBLE:
            return "a number";
        case element_type::BOOL:
            return "a boolean";
        case element_type::NULL_VALUE:
            return "null";
    }
    return "a value";
}

class JsonlParser final : public Parser {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "jsonl"; }

    void parse(std::string_view path, std::string_view text, DiagnosticSink& diag,
               const DocumentSink& emit) const override {
        parse_wanted(path, text, diag, emit, {});
    }

    void parse_wanted(std::string_view path, std::string_view text, DiagnosticSink& diag, const DocumentSink& emit,
                      const RecordFilter& wanted) const override {
        parse_lines(path, {text, 1}, diag, emit, wanted);
    }

    /// Any line boundary is a record boundary.
    [[nodiscard]] std::vector<TextChunk> split(std::string_view text, std::size_t target) const override {
        return cut_chunks(text, target, [text](std::size_t from) {
            const std::size_t nl = text.find('\n', from - 1);
            return nl == std::string_view::npos ? nl : nl + 1;
        });
    }

    bool parse_chunk(std::string_view path, const TextChunk& chunk, DiagnosticSink& diag, const DocumentSink& emit,
                     const RecordFilter& wanted) const override {
        parse_lines(path, chunk, diag, emit, wanted);
        return true;
    }

private:
    static void parse_lines(std::string_view path, const TextChunk& chunk, DiagnosticSink& diag,
                            const DocumentSink& emit, const RecordFilter& wanted) {
        const std::string_view text = chunk.first_line == 1 ? strip_bom(chunk.text) : chunk.text;
        simdjson::dom::parser parser;
        std::vector<char> scratch;
        const char* const text_end = text.data() + text.size();
        std::size_t pos = 0, line_no = chunk.first_line - 1;
        while (pos < text.size()) {
            ++line_no;
            const std::size_t nl = text.find('\n', pos);
            const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
            const std::string_view line = trim(text.substr(pos, end - pos));
            pos = end + 1;
            if (line.size() > max_record_bytes) {
                diag.error(std::string(path), line_no,
                           fmt::format("record of {:.1f} MiB is larger than the {} MiB limit: skipped",
                                       static_cast<double>(line.size()) / (1 << 20), max_record_bytes >> 20));
                continue;
            }
            if (line.empty() || (wanted && !wanted(line, line_no))) continue;

            // The bytes after a trimmed line are white space and further lines: valid padding.
            element root;
            simdjson::error_code err;
            if (static_cast<std::size_t>(text_end - (line.data() + line.size())) >= simdjson::SIMDJSON_PADDING) {
                err = parser.parse(line.data(), line.size(), false).get(root);
            } else {
                scratch.assign(line.size() + simdjson::SIMDJSON_PADDING, ' ');
                std::memcpy(scratch.data(), line.data(), line.size());
                err = parser.parse(scratch.data(), line.size(), false).get(root);
            }
            if (err != simdjson::SUCCESS) {
                diag.error(std::string(path), line_no, fmt::format("invalid JSON: {}", simdjson::error_message(err)));
                continue;
            }
            if (root.type() != element_type::OBJECT) {
                diag.error(std::string(path), line_no,
                           fmt::format("invalid JSON: expected an object, found {}", type_name(root.type())));
                continue;
            }
            Document doc;
            doc.path = path;
            doc.line = line_no;
            doc.type = "record";
            read_object(simdjson::dom::object(root), doc, path, line_no, diag);
            emit(std::move(doc));
        }
    }

    static void read_object(const simdjson::dom::object& obj, Document& doc, std::string_view path, std::size_t line_no,
                            DiagnosticSink& diag) {
        // Body candidates in priority order.
        std::optional<std::string> body, text, content;
        std::string s;
        for (const auto field : obj) {
            const std::string_view key = field.key;
            const element v = field.value;
            const element_type t = v.type();
            if (t == element_type::NULL_VALUE || t == element_type::OBJECT) continue;
            if (key == "id") {
                if (scalar_text(v, s)) doc.id = s;
            } else if (key == "title" || key == "headline") {
                if (scalar_text(v, s)) doc.title = s;
            } else if (key == "subject") {
                if (scalar_text(v, s)) doc.subject = s;
            } else if (key == "date" || key == "updated") {
                auto& slot = key == "date" ? doc.date : doc.updated;
                if (t != element_type::STRING || !scalar_text(v, s)) {
                    diag.warning(std::string(path), line_no, fmt::format("'{}' is not a date string: ignored", key));
                } else if (auto d = parse_date(s)) {
                    slot = d;
                } else if (!is_blank(s)) {
                    diag.warning(std::string(path), line_no, fmt::format("unrecognized {} '{}': ignored", key, s));
                    doc.meta[std::string(key)] = s;
                }
            } else if (key == "author" || key == "authors") {
                for (auto& a : text_list(v)) doc.authors.push_back(std::move(a));
            } else if (key == "from" || key == "to" || key == "cc") {
                auto& list = key == "from" ? doc.from : key == "to" ? doc.to : doc.cc;
                for (auto& a : text_list(v)) list.push_back(std::move(a));
            } else if (key == "source") {
                if (scalar_text(v, s)) doc.source = s;
            } else if (key == "url") {
                if (scalar_text(v, s)) doc.url = s;
            } else if (key == "type") {
                if (t == element_type::STRING && scalar_text(v, s) && !is_blank(s)) doc.type = s;
            } else if (key == "body" || key == "text" || key == "content") {
                auto& slot = key == "body" ? body : key == "text" ? text : content;
                if (scalar_text(v, s)) slot = std::move(s);
            } else if (t == element_type::ARRAY) {
                auto values = text_list(v);
                if (!values.empty()) doc.tags[std::string(key)] = std::move(values);
            } else if (scalar_text(v, s) && !s.empty()) {
                doc.meta[std::string(key)] = std::move(s);
            }
        }
        // The body is the first of body/text/content; the others are kept as meta.
        bool taken = false;
        const std::array<std::pair<const char*, std::optional<std::string>*>, 3> order{
            {{"body", &body}, {"text", &text}, {"content", &content}}};
        for (const auto& [name, value] : order) {
            if (!value->has_value()) continue;
            if (!taken) {
                doc.body = std::move(**value);
                taken = true;
            } else if (!(*value)->empty()) {
                doc.meta[name] = std::move(**value);
            }
        }
        if (doc.title.empty() && !doc.subject.empty()) doc.title = doc.subject;
    }
};

}  // namespace

namespace detail {
std::unique_ptr<Parser> make_jsonl_parser() { return std::make_unique<JsonlParser>(); }
}  // namespace detail

}  // namespace newsdex
