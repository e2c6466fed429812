package io.github.relu4j.study;

import java.util.SplittableRandom;

/** The plain-Java GEMM's throughput on one shape, by System.nanoTime (not JMH): the study's cost. */
final class GemmSpeed {
    private GemmSpeed() {}

    /** GFLOP/s of {@link Gemm#multiply} on [m, k] x [k, n], after {@code warmupMs} of warm-up, over {@code measureMs}. */
    static double gflops(int m, int k, int n, long warmupMs, long measureMs) {
        SplittableRandom random = new SplittableRandom(3);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextDouble(-1, 1);
        }
        long end = System.nanoTime() + warmupMs * 1_000_000;
        while (System.nanoTime() < end) {
            Gemm.multiply(a, b, c, m, k, n);
        }
        long calls = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            Gemm.multiply(a, b, c, m, k, n);
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < measureMs * 1_000_000);
        if (Float.isNaN(c[0])) { // keeps the products observable
            throw new AssertionError("NaN product");
        }
        return calls * Gemm.flops(m, k, n) / elapsed;
    }
}
