package io.github.relu4j;

/** The values at which ReLU-family kernels most often go wrong, as raw bits. */
final class SpecialValues {
    private SpecialValues() {}

    static final long[] FLOATS = {
        0x00000000L, 0x80000000L,             // +0, -0
        0x7fc00000L, 0xffc00000L,             // quiet NaN, -NaN
        0x7fc12345L, 0x7fffffffL, 0xffd00042L, // NaNs with payloads
        0x7f800001L, 0x7fa00000L, 0xff800001L, // signalling NaNs (+ and -)
        0x7f800000L, 0xff800000L,             // +Inf, -Inf
        0x00000001L, 0x80000001L,             // ±MIN_VALUE
        0x00800000L, 0x80800000L,             // ±MIN_NORMAL
        0x7f7fffffL, 0xff7fffffL,             // ±MAX_VALUE
        0x00400000L, 0x807fffffL, 0x00000123L, 0x80000123L, // subnormals
        0x3f800000L, 0xbf800000L,             // ±1
        0x3f000000L, 0xc0000000L, 0x8da24260L, // 0.5, -2, -1e-30
    };

    static final long[] DOUBLES = {
        0x0000000000000000L, 0x8000000000000000L, // +0, -0
        0x7ff8000000000000L, 0xfff8000000000000L, // quiet NaN, -NaN
        0x7ff8000000012345L, 0x7fffffffffffffffL, 0xfff9000000000042L, // NaNs with payloads
        0x7ff0000000000001L, 0x7ff4000000000000L, 0xfff0000000000001L, // signalling NaNs (+ and -)
        0x7ff0000000000000L, 0xfff0000000000000L, // +Inf, -Inf
        0x0000000000000001L, 0x8000000000000001L, // ±MIN_VALUE
        0x0010000000000000L, 0x8010000000000000L, // ±MIN_NORMAL
        0x7fefffffffffffffL, 0xffefffffffffffffL, // ±MAX_VALUE
        0x0008000000000000L, 0x800fffffffffffffL, 0x0000000000000123L, 0x8000000000000123L, // subnormals
        0x3ff0000000000000L, 0xbff0000000000000L, // ±1
        0x3fe0000000000000L, 0xc000000000000000L, 0xb9b4484bfeebc2a0L, // 0.5, -2, -1e-30
    };

    /**
     * bfloat16 encodings: as {@link #FLOATS} (the upper halves of most of them), the largest
     * subnormals, and values whose products with the test slopes tie, overflow or underflow.
     */
    static final long[] BF16 = {
        0x0000L, 0x8000L,                     // +0, -0
        0x7fc0L, 0xffc0L,                     // quiet NaN, -NaN
        0x7fc5L, 0x7fffL, 0xffd1L,            // NaNs with payloads
        0x7f81L, 0x7fa0L, 0xff81L, 0xffbfL,   // signalling NaNs (+ and -)
        0x7f80L, 0xff80L,                     // +Inf, -Inf
        0x0001L, 0x8001L,                     // ±smallest subnormal
        0x007fL, 0x807fL,                     // ±largest subnormal
        0x0080L, 0x8080L,                     // ±smallest normal
        0x7f7fL, 0xff7fL,                     // ±largest finite
        0x3f80L, 0xbf80L,                     // ±1
        0x3f00L, 0xc000L, 0x8da2L,            // 0.5, -2, -1e-30
        0x8003L, 0x8081L,                     // halved: a tie between subnormals; a tie at the normal boundary
        0xbdcdL, 0x3e9aL, 0xfe00L, 0x817fL,   // -0.1 and 0.3 rounded; -4.25e37 (x 1.3: -Inf); a full significand near the smallest normals
    };

    /**
     * binary16 encodings: as {@link #BF16}, in binary16 (largest finite 65504, smallest subnormal
     * 2^-24).
     */
    static final long[] F16 = {
        0x0000L, 0x8000L,                     // +0, -0
        0x7e00L, 0xfe00L,                     // quiet NaN, -NaN
        0x7e55L, 0x7fffL, 0xfe01L,            // NaNs with payloads
        0x7c01L, 0x7d00L, 0xfc01L, 0xfdffL,   // signalling NaNs (+ and -)
        0x7c00L, 0xfc00L,                     // +Inf, -Inf
        0x0001L, 0x8001L,                     // ±smallest subnormal
        0x03ffL, 0x83ffL,                     // ±largest subnormal
        0x0400L, 0x8400L,                     // ±smallest normal
        0x7bffL, 0xfbffL,                     // ±largest finite
        0x3c00L, 0xbc00L,                     // ±1
        0x3800L, 0xc000L, 0x8010L,            // 0.5, -2, a subnormal
        0x8003L, 0x8401L,                     // halved: a tie between subnormals; a tie below the normal boundary
        0xae66L, 0x34cdL, 0xfa00L, 0xd5ffL,   // -0.1 and 0.3 rounded; -49152 (x 1.3: -Inf); -95.94 (x -300: -28781)
    };

    /** The slopes every Leaky ReLU test runs with: zero, the default, large, above one, negative. */
    static final double[] ALPHAS = {0, 0.01, 0.2, 0.5, 1, 1.3, -0.5};

    /** {@link #ALPHAS} as Leaky ReLU's parameter pairs. */
    static final java.util.List<double[]> ALPHAS_AS_PARAMS =
            java.util.Arrays.stream(ALPHAS).mapToObj(a -> new double[] {a, 0}).toList();
}
