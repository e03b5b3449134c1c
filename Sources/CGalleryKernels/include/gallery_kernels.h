#ifndef FOOTFALL_GALLERY_KERNELS_H
#define FOOTFALL_GALLERY_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Rows a block of int8 codes interleaves.
#define FOOTFALL_INT8_BLOCK_ROWS 8

/// One block of 8 gallery rows, `footfall_int8_block_bytes(pair_count)` bytes: first the codes,
/// for each pair of dimensions p the 8 rows' two values (row 0 dim 2p, row 0 dim 2p+1, row 1 dim
/// 2p, ...), 16 bytes a pair; then four floats per row, each as 8 consecutive lanes: the row's
/// scale s, ‖r‖², ‖r̂‖ (the coded row's norm) and ε = ‖r − r̂‖ (its rounding error).
static inline size_t footfall_int8_block_bytes(size_t pair_count) {
    return pair_count * 16 + 4 * FOOTFALL_INT8_BLOCK_ROWS * sizeof(float);
}

/// The query as `footfall_int8_squared_distance_bounds` needs it: its codes as int16 (2 per
/// pair; codes within [-127, 127], so a pair's two products fit vpmaddwd's 32-bit sums), scale,
/// squared norm, norm and rounding error.
typedef struct {
    const int16_t *codes;
    float scale;
    float squared_norm;
    float norm;
    float rounding_error;
} footfall_int8_query;

/// For every row r of `block_count` blocks, bounds with lower[r] ≤ ‖q − r‖² ≤ upper[r]:
/// ‖q‖² + ‖r‖² − 2·s_q·s_r·(c_q·c_r) within 2(‖q‖·ε_r + ε_q·‖r̂‖), widened by 4e-6 of
/// ‖q‖² + ‖r‖² for Float rounding. `lower` and `upper` hold `block_count * 8` values.
void footfall_int8_squared_distance_bounds(footfall_int8_query query, const uint8_t *blocks,
                                           size_t block_count, size_t pair_count,
                                           float *lower, float *upper);

#endif
