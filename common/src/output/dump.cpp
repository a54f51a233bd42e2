/** @file
 * @brief `indexer --dump`: read, parse and annotate a file like the indexer, print its documents.
 */
#include <newsdex/output/dump.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <newsdex/core/terminal.hpp>
#include <newsdex/entities/entity_extractor.hpp>
#include <newsdex/ingest/input_reader.hpp>
#include <newsdex/ingest/parser.hpp>

#include "output/json_output.hpp"

namespace newsdex {

namespace {

using ojson = nlohmann::ordered_json;

/// The header values of field @p name ("from", "to", "cc"), or nullptr.
const std::vector<std::string>* header_values(const Document& doc, std::string_view name) {
    if (name == "from") return &doc.from;
    if (name == "to") return &doc.to;
    if (name == "cc") return &doc.cc;
    return nullptr;
}

/// The text a mention points at ("" when it points outside its field).
std::string_view mention_text(const Document& doc, const Entity& e, const Entity::Mention& m) {
    auto cut = [&](std::string_view text) -> std::string_view {
        if (m.offset > text.size() || m.length > text.size() - m.offset) return {};
        return text.substr(m.offset, m.length);
    };
    if (m.field == "title") return cut(doc.title);
    if (m.field == "subject") return cut(doc.subject);
    if (m.field == "body") return cut(doc.body);
    if (const auto* values = header_values(doc, m.field)) {
        // Header offsets are within one value: prefer the value naming the entity.
        std::string_view fallback;
        for (const auto& v : *values) {
            const std::string_view t = cut(v);
            if (t.empty()) continue;
            if (v.find(e.canonical) != std::string::npos) return t;
            if (fallback.empty()) fallback = t;
        }
        return fallback;
    }
    return {};
}

std::string one_line(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return out;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

ojson date_json(const std::optional<Date>& d) { return d && d->valid() ? ojson(d->iso()) : ojson(nullptr); }

}  // namespace

void dump_document_text(std::ostream& stream, const Document& doc) {
    // Built whole, then written with every control character escaped: the text is a stranger's.
    std::ostringstream out;
    auto line = [&](std::string_view key, std::string_view value) {
        if (!value.empty()) out << fmt::format("{:<9} {}\n", fmt::format("{}:", key), one_line(value));
    };
    out << fmt::format("== {}{}\n", doc.path, doc.line > 0 ? fmt::format(":{}", doc.line) : "");
    line("id", doc.id);
    line("type", doc.type);
    line("title", doc.title);
    if (doc.subject != doc.title) line("subject", doc.subject);
    if (doc.date && doc.date->valid()) line("date", doc.date->iso());
    if (doc.updated && doc.updated->valid()) line("updated", doc.updated->iso());
    for (const auto& a : doc.authors) line("author", a);
    line("source", doc.source);
    for (const auto& v : doc.from) line("from", v);
    for (const auto& v : doc.to) line("to", v);
    for (const auto& v : doc.cc) line("cc", v);
    line("url", doc.url);
    for (const auto& [k, v] : doc.meta) line("meta", fmt::format("{} = {}", k, v));
    for (const auto& [k, v] : doc.tags) line("tag", fmt::format("{} = {}", k, join(v, ", ")));
    out << fmt::format("body:     {} bytes\n", doc.body.size());
    std::string_view body = doc.body;
    while (!body.empty()) {
        const auto nl = body.find('\n');
        const std::string_view l = body.substr(0, nl);
        out << (l.empty() ? "  |\n" : fmt::format("  | {}\n", l));
        if (nl == std::string_view::npos) break;
        body.remove_prefix(nl + 1);
    }
    out << fmt::format("entities: {}\n", doc.entities.size());
    for (const auto& e : doc.entities) {
        out << fmt::format("  {:<6} {}\n", entity_type_name(e.type), e.canonical);
        for (const auto& a : e.aliases) out << fmt::format("         alias    {}\n", a);
        for (const auto& m : e.mentions)
            out << fmt::format("         mention  {}@{}+{} \"{}\"\n", m.field, m.offset, m.length,
                               one_line(mention_text(doc, e, m)));
    }
    if (!doc.countries.empty()) out << fmt::format("country:  {}\n", join(doc.countries, "; "));
    out << fmt::format("dates:    {}\n", doc.date_mentions.size());
    for (const auto& m : doc.date_mentions)
        out << fmt::format("  body@{} \"{}\" -> {}\n", m.offset, one_line(m.text),
                           m.date.valid() ? m.date.iso() : std::string("?"));
    out << '\n';
    stream << terminal_safe(out.str());
}

void dump_document_json(std::ostream& out, const Document& doc) {
    ojson entities = ojson::array();
    for (const auto& e : doc.entities) {
        ojson mentions = ojson::array();
        for (const auto& m : e.mentions)
            mentions.push_back({{"field", m.field},
                                {"offset", m.offset},
                                {"length", m.length},
                                {"text", std::string(mention_text(doc, e, m))}});
        entities.push_back({{"type", entity_type_name(e.type)},
                            {"name", e.canonical},
                            {"aliases", e.aliases},
                            {"mentions", std::move(mentions)}});
    }
    ojson dates = ojson::array();
    for (const auto& m : doc.date_mentions)
        dates.push_back(
            {{"text", m.text}, {"offset", m.offset}, {"date", m.date.valid() ? ojson(m.date.iso()) : ojson(nullptr)}});
    const ojson j = {
        {"format_version", 1},
        {"id", doc.id},
        {"path", doc.path},
        {"line", doc.line},
        {"type", doc.type},
        {"title", doc.title},
        {"subject", doc.subject},
        {"date", date_json(doc.date)},
        {"updated", date_json(doc.updated)},
        {"authors", doc.authors},
        {"source", doc.source},
        {"from", doc.from},
        {"to", doc.to},
        {"cc", doc.cc},
        {"url", doc.url},
        {"meta", doc.meta},
        {"tags", doc.tags},
        {"body", doc.body},
        {"entities", std::move(entities)},
        {"countries", doc.countries},
        {"dates", std::move(dates)},
    };
    out << detail::json_text(j) << '\n';
}

std::size_t dump_file(const std::string& path, const DumpOptions& options, const EntityExtractor* extractor,
                      DiagnosticSink& diag, std::ostream& out) {
    const std::filesystem::path file(path);
    const std::optional<FileBytes> bytes = read_input_file(file, path, options.format, diag);
    if (!bytes) return 0;
    std::size_t count = 0;
    // Each input (the file, or each member of an archive) as the indexer reads it.
    InputTextOptions reading;
    reading.format = options.format;
    reading.binary_is_error = true;
    reading.charset_notes = false;
    read_input_text(path, input_id_base(file, input_root(file)), bytes->view(), reading, diag,
                    [&](const InputText& input) {
                        const std::unique_ptr<Parser> parser = make_parser(input.format);
                        InputIds ids(input.id_base);
                        parser->parse(input.display, input.utf8, diag, [&](Document&& doc) {
                            ids.name(doc, input.display);
                            cut_document(doc, diag);
                            if (extractor) extractor->annotate(doc);
                            if (options.json)
                                dump_document_json(out, doc);
                            else
                                dump_document_text(out, doc);
                            ++count;
                        });
                    });
    return count;
}

}  // namespace newsdex
