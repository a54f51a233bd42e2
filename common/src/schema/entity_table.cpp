/** @file
 * @brief The corpus-level entity table's storage (see entity_table.hpp).
 */
#include <newsdex/schema/entity_table.hpp>

#include <algorithm>

namespace newsdex {

namespace {

bool storable(std::string_view name) noexcept {
    return !name.empty() && name.find('\t') == std::string_view::npos && name.find('\n') == std::string_view::npos;
}
}  // namespace

bool EntityTable::empty() const noexcept {
    return moves.empty() && std::all_of(groups.begin(), groups.end(), [](const auto& g) { return g.empty(); });
}

std::string entity_table_key(EntityType type) { return std::string("newsdex:entities:") + entity_type_name(type); }

std::string entity_moves_key() { return "newsdex:entities:moves"; }

std::string encode_entity_moves(const std::vector<EntityMove>& moves) {
    std::string out;
    for (const auto& m : moves) {
        if (m.from == m.to || !storable(m.name) || !storable(m.spelling)) continue;
        out.append(entity_type_name(m.from)).append(1, '\t').append(entity_type_name(m.to)).append(1, '\t');
        out.append(m.name).append(1, '\t').append(m.spelling).append(1, '\n');
    }
    return out;
}

std::vector<EntityMove> decode_entity_moves(std::string_view data) {
    const auto type_of = [](std::string_view name, EntityType& type) {
        for (const EntityType t : entity_types)
            if (name == entity_type_name(t)) {
                type = t;
                return true;
            }
        return false;
    };
    std::vector<EntityMove> out;
    while (!data.empty()) {
        const auto nl = data.find('\n');
        std::string_view line = data.substr(0, nl);
        data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
        std::string_view parts[4];
        std::size_t n = 0;
        for (; n < 4; ++n) {
            const auto tab = line.find('\t');
            parts[n] = line.substr(0, tab);
            if (tab == std::string_view::npos) {
                line = {};
                ++n;
                break;
            }
            line.remove_prefix(tab + 1);
        }
        EntityMove m;
        if (n != 4 || !line.empty() || !type_of(parts[0], m.from) || !type_of(parts[1], m.to) || m.from == m.to ||
            !storable(parts[2]) || !storable(parts[3]))
            continue;
        m.name = parts[2];
        m.spelling = parts[3];
        out.push_back(std::move(m));
    }
    return out;
}

std::string encode_entity_groups(const std::vector<EntityGroup>& groups) {
    std::string out;
    for (const auto& g : groups) {
        if (!storable(g.key)) continue;
        std::string line = g.key;
        std::size_t others = 0;
        for (const auto& m : g.members) {
            if (m == g.key || !storable(m)) continue;
            line.append(1, '\t').append(m);
            ++others;
        }
        if (others > 0) out.append(line).append(1, '\n');
    }
    return out;
}

std::vector<EntityGroup> decode_entity_groups(std::string_view data) {
    std::vector<EntityGroup> out;
    while (!data.empty()) {
        const auto nl = data.find('\n');
        std::string_view line = data.substr(0, nl);
        data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
        EntityGroup g;
        while (true) {
            const auto tab = line.find('\t');
            const std::string_view name = line.substr(0, tab);
            if (!name.empty()) {
                if (g.key.empty()) g.key = name;
                g.members.emplace_back(name);
            }
            if (tab == std::string_view::npos) break;
            line.remove_prefix(tab + 1);
        }
        std::sort(g.members.begin(), g.members.end());
        g.members.erase(std::unique(g.members.begin(), g.members.end()), g.members.end());
        if (g.members.size() >= 2) out.push_back(std::move(g));
    }
    return out;
}

EntityTable EntityTable::read(const Xapian::Database& db) {
    EntityTable t;
    for (const EntityType type : entity_types)
        t.of(type) = decode_entity_groups(db.get_metadata(entity_table_key(type)));
    t.moves = decode_entity_moves(db.get_metadata(entity_moves_key()));
    return t;
}

void EntityTable::write(Xapian::WritableDatabase& db) const {
    for (const EntityType type : entity_types) db.set_metadata(entity_table_key(type), encode_entity_groups(of(type)));
    db.set_metadata(entity_moves_key(), encode_entity_moves(moves));
}

}  // namespace newsdex
