/** @file
 * @brief Record hashes (schema/record_hash.hpp): XXH3 over a record's raw bytes or its parsed fields.
 */
#include "schema/record_hash.hpp"

#include <array>
#include <charconv>
#include <vector>

#include <fmt/format.h>
#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t on the stack
#include <xxhash.h>

namespace newsdex {

namespace {

/// Feeds numbers (as 8 little-endian bytes) and length-prefixed texts to XXH3.
class RecordHasher {
public:
    explicit RecordHasher(std::uint64_t seed) { XXH3_64bits_reset_withSeed(&m_state, seed); }
    void bytes(std::string_view s) { XXH3_64bits_update(&m_state, s.data(), s.size()); }
    void number(std::uint64_t n) {
        std::array<unsigned char, 8> b{};
        for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<unsigned char>(n >> (8 * i));
        XXH3_64bits_update(&m_state, b.data(), b.size());
    }
    void text(std::string_view s) {
        number(s.size());
        bytes(s);
    }
    [[nodiscard]] std::uint64_t digest() const { return XXH3_64bits_digest(&m_state); }

private:
    XXH3_state_t m_state{};
};

}  // namespace

std::uint64_t raw_record_seed(std::string_view format, std::string_view display, std::string_view abs_path,
                              bool entities) {
    RecordHasher h(0);
    h.text("newsdex raw record v1");
    h.text(format);
    h.text(display);
    h.text(abs_path);
    h.text(entities ? "E" : "-");
    return h.digest();
}

std::uint64_t raw_record_hash(std::uint64_t seed, std::size_t line, std::string_view raw) {
    return XXH3_64bits_withSeed(raw.data(), raw.size(), seed + 0x9E3779B97F4A7C15ULL * line) & ~std::uint64_t{1};
}

std::uint64_t record_hash(const Document& doc, std::string_view abs_path, bool entities) {
    // Every field, each with its length, in a fixed order: what encode_stored would store, without
    // building it (a re-run hashes every record of a changed file).
    RecordHasher h(0);
    const auto list = [&](const std::vector<std::string>& v) {
        h.number(v.size());
        for (const auto& s : v) h.text(s);
    };
    const auto date = [&](const std::optional<Date>& d) {
        h.number(d ? 1 : 0);
        if (d)
            h.number(static_cast<std::uint64_t>(d->year) << 16 | static_cast<std::uint64_t>(d->month) << 8 |
                     static_cast<std::uint64_t>(d->day));
    };
    h.text("newsdex record v3");
    h.text(doc.id);
    h.text(doc.path);
    h.number(doc.line);
    h.text(doc.type);
    h.text(doc.title);
    date(doc.date);
    date(doc.updated);
    list(doc.authors);
    h.text(doc.source);
    list(doc.from);
    list(doc.to);
    list(doc.cc);
    h.text(doc.subject);
    h.text(doc.url);
    h.text(doc.body);
    h.number(doc.meta.size());
    for (const auto& [k, v] : doc.meta) {
        h.text(k);
        h.text(v);
    }
    h.number(doc.tags.size());
    for (const auto& [k, v] : doc.tags) {
        h.text(k);
        list(v);
    }
    h.number(doc.entities.size());  // found by the tagger later: only a parser's own entities count here
    for (const auto& e : doc.entities) {
        h.number(static_cast<std::uint64_t>(e.type));
        h.text(e.canonical);
        list(e.aliases);
        h.number(e.mentions.size());
        for (const auto& m : e.mentions) {
            h.number(m.offset);
            h.number(m.length);
            h.text(m.field);
        }
    }
    h.number(doc.date_mentions.size());
    for (const auto& m : doc.date_mentions) {
        h.text(m.text);
        date(m.date);
        h.number(m.offset);
    }
    h.text(abs_path);
    h.text(entities ? "E" : "-");
    return h.digest();
}

std::string hash_value(std::uint64_t h) { return fmt::format("{:016x}", h); }

std::optional<std::uint64_t> parse_hash_value(std::string_view v) {
    std::uint64_t h = 0;
    if (v.size() != 16 || std::from_chars(v.data(), v.data() + v.size(), h, 16).ptr != v.data() + v.size())
        return std::nullopt;
    return h;
}

}  // namespace newsdex
