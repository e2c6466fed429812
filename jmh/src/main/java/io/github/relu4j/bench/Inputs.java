package io.github.relu4j.bench;

import java.util.SplittableRandom;

/**
 * Benchmark inputs: uniform in [-1, 1), so half the elements are negative in an order no branch
 * predictor can learn. Seeded, so every run sees the same data.
 */
final class Inputs {
    private Inputs() {}

    static float[] floats(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }

    static double[] doubles(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = random.nextDouble() * 2 - 1;
        }
        return a;
    }
}
