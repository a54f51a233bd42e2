/** @file
 * @brief The tagger's BIO labels (PERSON, ORG, PLACE, MISC) and entity spans over tokens.
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <newsdex/schema/document.hpp>

namespace newsdex::ner {

/// A BIO label id: 0 = O, then B/I for PERSON, ORG, PLACE, MISC (1..8).
using Label = std::uint8_t;
inline constexpr std::size_t label_count = 9;
inline constexpr Label label_o = 0;

/// B label of a type.
[[nodiscard]] constexpr Label begin_label(EntityType t) noexcept {
    return static_cast<Label>(1 + 2 * static_cast<int>(t));
}
/// I label of a type.
[[nodiscard]] constexpr Label inside_label(EntityType t) noexcept {
    return static_cast<Label>(2 + 2 * static_cast<int>(t));
}
/// True for a B-X label.
[[nodiscard]] constexpr bool is_begin(Label l) noexcept { return l != 0 && (l % 2) == 1; }
/// The type of a non-O label.
[[nodiscard]] constexpr EntityType label_type(Label l) noexcept { return static_cast<EntityType>((l - 1) / 2); }

/// "O", "B-PERSON", "I-PERSON", "B-ORG"... "I-MISC".
[[nodiscard]] std::string_view label_name(Label l) noexcept;
/// "PERSON", "ORG", "PLACE", "MISC".
[[nodiscard]] std::string_view type_name(EntityType t) noexcept;
/// Parse "B-PERSON", "I-PER", "B-LOC", "I-PLACE", "O"... (both our names and CoNLL's).
[[nodiscard]] std::optional<Label> parse_label(std::string_view name) noexcept;

/// An entity as a token range [begin, end).
struct Span {
    EntityType type = EntityType::misc;
    std::size_t begin = 0;
    std::size_t end = 0;
    friend bool operator==(const Span&, const Span&) = default;
};

/**
 * The entities of a label sequence, conlleval style: a B-X starts an entity, and so does an I-X
 * that does not continue an entity of type X (so invalid BIO is still decoded, leniently).
 */
[[nodiscard]] std::vector<Span> decode_spans(std::span<const Label> labels);

/// True when every I-X follows a B-X or an I-X.
[[nodiscard]] bool valid_bio(std::span<const Label> labels) noexcept;

}  // namespace newsdex::ner
