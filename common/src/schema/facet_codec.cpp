/** @file
 * @brief The facet slot codec (see facet_codec.hpp).
 */
#include <newsdex/schema/facet_codec.hpp>

#include <algorithm>

namespace newsdex {

void put_varint(std::string& out, std::size_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7f) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

bool get_varint(std::string_view s, std::size_t& pos, std::size_t& n) {
    n = 0;
    for (unsigned shift = 0; shift < 64 && pos < s.size(); shift += 7) {
        const auto b = static_cast<unsigned char>(s[pos++]);
        n |= static_cast<std::size_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0) return true;
    }
    return false;
}

void put_string(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}

bool get_string(std::string_view s, std::size_t& pos, std::string_view& out) {
    std::size_t n = 0;
    if (!get_varint(s, pos, n) || n > s.size() - pos) return false;
    out = s.substr(pos, n);
    pos += n;
    return true;
}

std::string encode_facet_values(std::vector<std::string> values) {
    std::erase_if(values, [](const std::string& v) { return v.empty(); });
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::string out;
    for (const auto& v : values) put_string(out, v);
    return out;
}

bool decode_facet_values(std::string_view data, std::vector<std::string_view>& out) {
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::string_view v;
        if (!get_string(data, pos, v)) return false;
        out.push_back(v);
    }
    return true;
}

std::string tag_facet_entry(std::string_view name, std::string_view value) {
    std::string e;
    e.reserve(name.size() + 1 + value.size());
    e.append(name).append(1, '\0').append(value);
    return e;
}

}  // namespace newsdex
