package io.github.relu4j.bench;

import java.util.SplittableRandom;

/**
 * Benchmark inputs: uniform in [-1, 1), so half the elements are negative, in random order; or,
 * to show what branch prediction does for branchy loops, all positive (uniform in (0, 1]).
 *
 * <p>Small inputs come as a pool of different arrays, and each call takes the next one. With one
 * small array a branch predictor learns the whole sign pattern after a few calls, and branchy
 * code (the scalar reference, a scalar tail) then looks far faster than it is on new data. It
 * learns more than one might think: on the Zen 5 machine of results/, a 256 KiB pool (32 Ki
 * doubles) still let the scalar double reference run at 0.3 ns per element, against 5 ns on
 * fresh data. So the pool holds 1 MiB per input (256 Ki floats, 128 Ki doubles), and small sizes
 * read from L2 and L3 rather than L1; arrays of 256 Ki floats or 128 Ki doubles come alone.
 */
public final class Inputs {
    /** The bytes a pool of input arrays holds (the report describes working sets with it). */
    public static final int POOL_BYTES = 1024 * 1024;

    private Inputs() {}

    /**
     * How many arrays of {@code size} elements of {@code bytes} each the pool holds: a power of two.
     *
     * @param size  elements per array
     * @param bytes bytes per element
     * @return the number of arrays in the pool
     */
    public static int poolSize(int size, int bytes) {
        return Integer.highestOneBit(Math.max(1, POOL_BYTES / (size * bytes)));
    }

    static float[][] floats(int size, long seed) {
        return floats(size, seed, false);
    }

    static float[][] floats(int size, long seed, boolean positive) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] pool = new float[poolSize(size, Float.BYTES)][size];
        for (float[] a : pool) {
            for (int i = 0; i < size; i++) {
                a[i] = (float) (positive ? 1 - random.nextDouble() : random.nextDouble() * 2 - 1);
            }
        }
        return pool;
    }

    /**
     * One array of {@code size} 16-bit encodings of the pool's distribution (uniform in [-1, 1),
     * rounded to nearest even in the format): for the 16-bit kernels, which have no branch per
     * element and so take one array, at every size.
     *
     * @param size elements
     * @param seed the random seed
     * @param bf16 bfloat16 encodings, else binary16
     * @return the encodings
     */
    static short[] halves(int size, long seed, boolean bf16) {
        return halves(size, new SplittableRandom(seed), bf16);
    }

    /** A pool of such arrays, {@link #POOL_BYTES} in all, for code with a branch per element. */
    static short[][] halfPool(int size, long seed, boolean bf16) {
        SplittableRandom random = new SplittableRandom(seed);
        short[][] pool = new short[poolSize(size, Short.BYTES)][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = halves(size, random, bf16);
        }
        return pool;
    }

    private static short[] halves(int size, SplittableRandom random, boolean bf16) {
        short[] a = new short[size];
        for (int i = 0; i < size; i++) {
            float v = (float) (random.nextDouble() * 2 - 1);
            a[i] = bf16 ? bf16(v) : Float.floatToFloat16(v);
        }
        return a;
    }

    /** A finite float rounded to bfloat16, to nearest even: its upper half after a rounding bias. */
    private static short bf16(float v) {
        int b = Float.floatToRawIntBits(v);
        return (short) ((b + 0x7FFF + ((b >>> 16) & 1)) >>> 16);
    }

    static double[][] doubles(int size, long seed) {
        return doubles(size, seed, false);
    }

    static double[][] doubles(int size, long seed, boolean positive) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] pool = new double[poolSize(size, Double.BYTES)][size];
        for (double[] a : pool) {
            for (int i = 0; i < size; i++) {
                a[i] = positive ? 1 - random.nextDouble() : random.nextDouble() * 2 - 1;
            }
        }
        return pool;
    }
}
