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

    /** The slopes every Leaky ReLU test runs with: zero, the default, large, above one, negative. */
    static final double[] ALPHAS = {0, 0.01, 0.2, 0.5, 1, 1.3, -0.5};

    /** {@link #ALPHAS} as Leaky ReLU's parameter pairs. */
    static final java.util.List<double[]> ALPHAS_AS_PARAMS =
            java.util.Arrays.stream(ALPHAS).mapToObj(a -> new double[] {a, 0}).toList();
}
