/** @file
 * @brief Internal: the 64-bit hashing shared by the gazetteer keys and the tagger's feature ids.
 *
 * Fixed functions (not std::hash) so that model files are portable across standard libraries.
 */
#pragma once
#include <cstdint>
#include <string_view>

namespace newsdex::ner_detail {

/// The MurmurHash3 finalizer: a cheap, well-mixing bijection on 64-bit values.
[[nodiscard]] inline std::uint64_t mix64(std::uint64_t x) noexcept {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/// FNV-1a over the bytes, then mixed; never 0.
[[nodiscard]] inline std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed = 0) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    h = mix64(h);
    return h ? h : 1;
}

/// Combine two hashes (order matters); never 0.
[[nodiscard]] inline std::uint64_t combine(std::uint64_t a, std::uint64_t b) noexcept {
    const std::uint64_t h = mix64(a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL);
    return h ? h : 1;
}

}  // namespace newsdex::ner_detail
