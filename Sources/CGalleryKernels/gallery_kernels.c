#include "gallery_kernels.h"

#include <string.h>

#if defined(__AVX2__)
#include <immintrin.h>

// Intrinsics because the blocked layout is what makes it fast (each of the 8 lanes is one row:
// no horizontal sums) and neither Swift nor clang's vectoriser finds vpmaddwd for it.
static inline __m256i dot_products(const int16_t *query, const int8_t *codes, size_t pair_count) {
    __m256i even = _mm256_setzero_si256(), odd = _mm256_setzero_si256();
    size_t p = 0;
    for (; p + 1 < pair_count; p += 2) {
        int32_t q0, q1;
        memcpy(&q0, query + 2 * p, sizeof q0);
        memcpy(&q1, query + 2 * p + 2, sizeof q1);
        __m256i x0 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(codes + p * 16)));
        __m256i x1 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(codes + p * 16 + 16)));
        even = _mm256_add_epi32(even, _mm256_madd_epi16(x0, _mm256_set1_epi32(q0)));
        odd = _mm256_add_epi32(odd, _mm256_madd_epi16(x1, _mm256_set1_epi32(q1)));
    }
    if (p < pair_count) {
        int32_t q0;
        memcpy(&q0, query + 2 * p, sizeof q0);
        __m256i x0 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(codes + p * 16)));
        even = _mm256_add_epi32(even, _mm256_madd_epi16(x0, _mm256_set1_epi32(q0)));
    }
    return _mm256_add_epi32(even, odd);
}

void footfall_int8_squared_distance_bounds(footfall_int8_query query, const uint8_t *blocks,
                                           size_t block_count, size_t pair_count,
                                           float *lower, float *upper) {
    const size_t block_bytes = footfall_int8_block_bytes(pair_count);
    const __m256 query_squared = _mm256_set1_ps(query.squared_norm);
    const __m256 query_norm = _mm256_set1_ps(query.norm);
    const __m256 query_error = _mm256_set1_ps(query.rounding_error);
    const __m256 minus_two_scale = _mm256_set1_ps(-2 * query.scale);
    const __m256 two = _mm256_set1_ps(2), slack = _mm256_set1_ps(4e-6f);
    for (size_t b = 0; b < block_count; b++) {
        const uint8_t *block = blocks + b * block_bytes;
        const float *facts = (const float *)(block + pair_count * 16);
        __m256 products = _mm256_cvtepi32_ps(dot_products(query.codes, (const int8_t *)block, pair_count));
        __m256 scale = _mm256_loadu_ps(facts), squared = _mm256_loadu_ps(facts + 8);
        __m256 coded_norm = _mm256_loadu_ps(facts + 16), error = _mm256_loadu_ps(facts + 24);
        __m256 base = _mm256_add_ps(query_squared, squared);
        __m256 estimate = _mm256_fmadd_ps(_mm256_mul_ps(minus_two_scale, scale), products, base);
        __m256 margin = _mm256_fmadd_ps(two, _mm256_fmadd_ps(query_norm, error, _mm256_mul_ps(query_error, coded_norm)),
                                        _mm256_mul_ps(slack, base));
        _mm256_storeu_ps(lower + b * FOOTFALL_INT8_BLOCK_ROWS, _mm256_sub_ps(estimate, margin));
        _mm256_storeu_ps(upper + b * FOOTFALL_INT8_BLOCK_ROWS, _mm256_add_ps(estimate, margin));
    }
}

#else

void footfall_int8_squared_distance_bounds(footfall_int8_query query, const uint8_t *blocks,
                                           size_t block_count, size_t pair_count,
                                           float *lower, float *upper) {
    const size_t block_bytes = footfall_int8_block_bytes(pair_count);
    for (size_t b = 0; b < block_count; b++) {
        const uint8_t *block = blocks + b * block_bytes;
        const int8_t *codes = (const int8_t *)block;
        float facts[4 * FOOTFALL_INT8_BLOCK_ROWS];
        memcpy(facts, block + pair_count * 16, sizeof facts);
        for (size_t row = 0; row < FOOTFALL_INT8_BLOCK_ROWS; row++) {
            int32_t sum = 0;
            for (size_t p = 0; p < pair_count; p++) {
                sum += query.codes[2 * p] * codes[p * 16 + 2 * row] + query.codes[2 * p + 1] * codes[p * 16 + 2 * row + 1];
            }
            float scale = facts[row], squared = facts[8 + row], coded_norm = facts[16 + row], error = facts[24 + row];
            float base = query.squared_norm + squared;
            float estimate = base - 2 * query.scale * scale * (float)sum;
            float margin = 2 * (query.norm * error + query.rounding_error * coded_norm) + 4e-6f * base;
            lower[b * FOOTFALL_INT8_BLOCK_ROWS + row] = estimate - margin;
            upper[b * FOOTFALL_INT8_BLOCK_ROWS + row] = estimate + margin;
        }
    }
}

#endif
