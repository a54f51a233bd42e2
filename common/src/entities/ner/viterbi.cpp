/** @file
 * @brief Scoring a token's features and the BIO-constrained Viterbi decoding of a sentence.
 */
#include "entities/ner/internal.hpp"

#include <cstdint>
#include <limits>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsdex::ner {

void score_token(const StageWeights& w, const std::uint64_t* keys, std::size_t count, float* scores) noexcept {
    w.score(keys, count, scores);
}

void viterbi(const float* emissions, const float* transitions, std::size_t n, Label* out) {
    if (n == 0) return;
    thread_local std::vector<float> delta;
    thread_local std::vector<std::uint8_t> back;
    delta.resize(n * label_count);
    back.resize(n * label_count);
    constexpr float neg_inf = -std::numeric_limits<float>::infinity();
    // Transitions with the BIO constraint folded in: -inf where I-X may not follow (start, O, other
    // types). prev + (-inf) never beats the running best, so this picks what skipping them picked.
    float trans[transition_size];
    for (std::size_t p = 0; p <= label_count; ++p) {
        for (std::size_t c = 0; c < label_count; ++c) {
            const bool allowed = c == 0 || (c % 2) == 1 || (p != start_state && (p == c || p == c - 1));
            trans[p * label_count + c] = allowed ? transitions[p * label_count + c] : neg_inf;
        }
    }
    for (std::size_t c = 0; c < label_count; ++c) delta[c] = trans[start_state * label_count + c] + emissions[c];
    for (std::size_t t = 1; t < n; ++t) {
        const float* prev = &delta[(t - 1) * label_count];
        float* cur = &delta[t * label_count];
        std::uint8_t* bp = &back[t * label_count];
        // Previous label outermost, current label innermost, 12 lanes (the 3 extra read the next
        // row and are ignored): for each c the same sums are compared in the same order (p
        // ascending, strictly greater wins) as a per-c loop would, so the path is the same.
        alignas(16) float best[12];
        alignas(16) std::int32_t arg[12];
#if defined(__SSE2__)
        __m128 b0 = _mm_set1_ps(neg_inf), b1 = b0, b2 = b0;
        __m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0;
        for (std::size_t p = 0; p < label_count; ++p) {
            const __m128 pv = _mm_set1_ps(prev[p]);
            const __m128i pi = _mm_set1_epi32(static_cast<int>(p));
            const float* row = &trans[p * label_count];
            const auto step = [&](__m128& b, __m128i& a, const float* r) {
                const __m128 v = _mm_add_ps(pv, _mm_loadu_ps(r));
                const __m128 gt = _mm_cmpgt_ps(v, b);
                b = _mm_or_ps(_mm_and_ps(gt, v), _mm_andnot_ps(gt, b));
                const __m128i g = _mm_castps_si128(gt);
                a = _mm_or_si128(_mm_and_si128(g, pi), _mm_andnot_si128(g, a));
            };
            step(b0, a0, row);
            step(b1, a1, row + 4);
            step(b2, a2, row + 8);
        }
        _mm_store_ps(best, b0);
        _mm_store_ps(best + 4, b1);
        _mm_store_ps(best + 8, b2);
        _mm_store_si128(reinterpret_cast<__m128i*>(arg), a0);
        _mm_store_si128(reinterpret_cast<__m128i*>(arg + 4), a1);
        _mm_store_si128(reinterpret_cast<__m128i*>(arg + 8), a2);
#else
        for (std::size_t c = 0; c < label_count; ++c) {
            best[c] = neg_inf;
            arg[c] = 0;
        }
        for (std::size_t p = 0; p < label_count; ++p)
            for (std::size_t c = 0; c < label_count; ++c) {
                const float v = prev[p] + trans[p * label_count + c];
                if (v > best[c]) {
                    best[c] = v;
                    arg[c] = static_cast<std::int32_t>(p);
                }
            }
#endif
        for (std::size_t c = 0; c < label_count; ++c) {
            cur[c] = best[c] + emissions[t * label_count + c];
            bp[c] = static_cast<std::uint8_t>(arg[c]);
        }
    }
    std::size_t best = 0;
    const float* last = &delta[(n - 1) * label_count];
    for (std::size_t c = 1; c < label_count; ++c)
        if (last[c] > last[best]) best = c;
    for (std::size_t t = n; t-- > 0;) {
        out[t] = static_cast<Label>(best);
        if (t > 0) best = back[t * label_count + best];
    }
}

}  // namespace newsdex::ner
