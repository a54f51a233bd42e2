/** @file
 * @brief BIO label names and parsing, and entity spans of a label sequence.
 */
#include <newsdex/entities/ner/labels.hpp>

namespace newsdex::ner {

std::string_view label_name(Label l) noexcept {
    static constexpr std::string_view names[label_count] = {"O",       "B-PERSON", "I-PERSON", "B-ORG", "I-ORG",
                                                            "B-PLACE", "I-PLACE",  "B-MISC",   "I-MISC"};
    return l < label_count ? names[l] : std::string_view("O");
}

std::string_view type_name(EntityType t) noexcept {
    switch (t) {
        case EntityType::person:
            return "PERSON";
        case EntityType::org:
            return "ORG";
        case EntityType::place:
            return "PLACE";
        case EntityType::misc:
            return "MISC";
    }
    return "MISC";
}

std::optional<Label> parse_label(std::string_view name) noexcept {
    if (name == "O") return label_o;
    if (name.size() < 3 || name[1] != '-') return std::nullopt;
    const char bi = name[0];
    if (bi != 'B' && bi != 'I') return std::nullopt;
    const std::string_view t = name.substr(2);
    EntityType type;
    if (t == "PER" || t == "PERSON")
        type = EntityType::person;
    else if (t == "ORG")
        type = EntityType::org;
    else if (t == "LOC" || t == "PLACE")
        type = EntityType::place;
    else if (t == "MISC")
        type = EntityType::misc;
    else
        return std::nullopt;
    return bi == 'B' ? begin_label(type) : inside_label(type);
}

std::vector<Span> decode_spans(std::span<const Label> labels) {
    std::vector<Span> out;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const Label l = labels[i];
        if (l == label_o) continue;
        const EntityType t = label_type(l);
        const bool continues = !is_begin(l) && !out.empty() && out.back().end == i && out.back().type == t;
        if (continues) {
            out.back().end = i + 1;
        } else {
            out.push_back({t, i, i + 1});
        }
    }
    return out;
}

bool valid_bio(std::span<const Label> labels) noexcept {
    Label prev = label_o;
    for (Label l : labels) {
        if (l != label_o && !is_begin(l) && (prev == label_o || label_type(prev) != label_type(l))) return false;
        prev = l;
    }
    return true;
}

}  // namespace newsdex::ner
