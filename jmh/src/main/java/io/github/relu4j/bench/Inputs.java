package io.github.relu4j.bench;

import java.util.SplittableRandom;

/**
 * Benchmark inputs: uniform in [-1, 1), so half the elements are negative, in random order.
 *
 * <p>Small inputs come as a pool of different arrays, and each call takes the next one. With one
 * small array a branch predictor learns the whole sign pattern after a few calls, and branchy
 * code (the scalar reference, a scalar tail) then looks far faster than it is on new data. The
 * pool holds about 256 KiB, so it stays in a 1 MiB L2 cache; arrays of 64 Ki elements or more
 * come alone.
 */
final class Inputs {
    private static final int POOL_BYTES = 256 * 1024;

    private Inputs() {}

    /** How many arrays of {@code size} elements of {@code bytes} each the pool holds: a power of two. */
    static int poolSize(int size, int bytes) {
        return Integer.highestOneBit(Math.max(1, POOL_BYTES / (size * bytes)));
    }

    static float[][] floats(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] pool = new float[poolSize(size, Float.BYTES)][size];
        for (float[] a : pool) {
            for (int i = 0; i < size; i++) {
                a[i] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        return pool;
    }

    static double[][] doubles(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] pool = new double[poolSize(size, Double.BYTES)][size];
        for (double[] a : pool) {
            for (int i = 0; i < size; i++) {
                a[i] = random.nextDouble() * 2 - 1;
            }
        }
        return pool;
    }
}
