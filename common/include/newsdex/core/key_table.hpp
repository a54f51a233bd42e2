/** @file
 * @brief A flat open-addressing map from non-zero 64-bit hash keys to small values.
 *
 * Used where a key is probed for every token (gazetteer and lexicon phrase keys): one contiguous
 * array of slots `{key, value}`, a power-of-two capacity kept at most half full, linear probing,
 * and key 0 marking an empty slot. A probe is one cache line in the common case, against the node
 * chasing of std::unordered_map. Keys must already be well mixed hashes (the slot is the key's low
 * bits) and never 0. No erase.
 */
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace newsdex {

template <class Value>
class KeyTable {
public:
    struct Slot {
        std::uint64_t key = 0;  ///< 0 = empty
        Value value{};
    };

    /// The value of @p key, or nullptr.
    [[nodiscard]] const Value* find(std::uint64_t key) const noexcept {
        if (m_slots.empty()) return nullptr;
        for (std::size_t i = static_cast<std::size_t>(key) & m_mask;; i = (i + 1) & m_mask) {
            const Slot& s = m_slots[i];
            if (s.key == key) return &s.value;
            if (s.key == 0) return nullptr;
        }
    }
    /// The value of @p key, or Value{} when absent.
    [[nodiscard]] Value get(std::uint64_t key) const noexcept {
        const Value* v = find(key);
        return v ? *v : Value{};
    }
    /// The value of @p key (non-zero), inserted as Value{} when absent.
    Value& operator[](std::uint64_t key) {
        if ((m_size + 1) * 2 > m_slots.size()) rehash(m_slots.empty() ? 16 : m_slots.size() * 2);
        std::size_t i = static_cast<std::size_t>(key) & m_mask;
        while (m_slots[i].key != 0 && m_slots[i].key != key) i = (i + 1) & m_mask;
        if (m_slots[i].key == 0) {
            m_slots[i].key = key;
            ++m_size;
        }
        return m_slots[i].value;
    }
    /// Make room for @p n keys without rehashing.
    void reserve(std::size_t n) {
        std::size_t cap = m_slots.empty() ? 16 : m_slots.size();
        while (cap < 2 * n) cap *= 2;
        if (cap > m_slots.size()) rehash(cap);
    }
    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    /// Call f(key, value) for every entry, in no particular order.
    template <class F>
    void for_each(F&& f) const {
        for (const Slot& s : m_slots)
            if (s.key != 0) f(s.key, s.value);
    }

private:
    void rehash(std::size_t capacity) {
        std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(capacity));
        m_mask = capacity - 1;
        for (const Slot& s : old) {
            if (s.key == 0) continue;
            std::size_t i = static_cast<std::size_t>(s.key) & m_mask;
            while (m_slots[i].key != 0) i = (i + 1) & m_mask;
            m_slots[i] = s;
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

}  // namespace newsdex
