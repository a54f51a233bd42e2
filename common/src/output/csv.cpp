/** @file
 * @brief CSV rows of hits (see csv.hpp).
 */
#include "output/csv.hpp"

#include <fmt/format.h>

namespace newsdex::detail {

namespace {

constexpr std::string_view kRowEnd = "\r\n";

}  // namespace

std::string csv_field(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
    std::string out = "\"";
    for (const char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string csv_header(bool qid) {
    return std::string(qid ? "qid," : "") + "rank,id,score,date,title,source,authors,path" + std::string(kRowEnd);
}

std::string csv_row(const Document& doc, const Hit* hit, const std::string* qid) {
    std::string authors;
    for (const auto& a : doc.authors) authors += (authors.empty() ? "" : "; ") + a;
    std::string out;
    if (qid) out += csv_field(*qid) + ',';
    out += hit ? std::to_string(hit->rank) : std::string();
    out += ',' + csv_field(doc.id) + ',';
    out += hit ? fmt::format("{:.4f}", hit->score) : std::string();
    out += ',' + (doc.date ? doc.date->iso() : std::string());
    out += ',' + csv_field(doc.title.empty() ? doc.subject : doc.title);
    out += ',' + csv_field(doc.source) + ',' + csv_field(authors) + ',' + csv_field(doc.path);
    return out + std::string(kRowEnd);
}

std::string csv_rows(const SearchResult& result, const std::string* qid) {
    std::string out;
    for (const auto& hit : result.hits) out += csv_row(hit.doc, &hit, qid);
    return out;
}

}  // namespace newsdex::detail
