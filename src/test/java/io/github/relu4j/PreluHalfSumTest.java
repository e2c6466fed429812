package io.github.relu4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The slope gradient of 16-bit tensors is, bit for bit, the float slope gradient of the tensors
 * widened to float (the contract's statement), on every engine, thread count and split
 * ({@link #engines}: the scalar reference, the vector kernels, the preferred engine, parallel
 * engines of 2, 3 and 7 threads cut at different thresholds), arrays and native segments, alone
 * ({@code slopeGradient}) and fused ({@code backward}), on 512 Ki-element tensors cut into many
 * blocks and pieces. The expected bits are the scalar reference's float
 * {@code slopeGradient} on this test's own widening ({@link PreluHalfOracle#widened}).
 */
class PreluHalfSumTest {
    private static final int LENGTH = 1 << 19;

    static List<Prelu> shapes() {
        return List.of(Prelu.shared(), Prelu.channelsFirst(3, 5000), Prelu.channelsFirst(16, 49),
                Prelu.channelsLast(64), Prelu.channelsLast(3), Prelu.channelsLast(7));
    }

    /** As {@link PreluSumTest#engines}, the thresholds scaled to these tensors: cut into 1 to 7 pieces, or not at all. */
    static List<Engine> engines() {
        java.util.concurrent.ForkJoinPool pool = java.util.concurrent.ForkJoinPool.commonPool();
        // Not the portable engine: its PReLU sums are the reference's kernels.
        List<Engine> engines = new java.util.ArrayList<>(List.of(Engine.scalar(), Engine.vector(), Engine.preferred()));
        for (int threads : new int[] {2, 3, 7}) {
            for (int threshold : new int[] {1, 5 * 4096 + 1, LENGTH / 2}) {
                engines.add(Engine.of(ParallelLoops.withThreshold(VectorLoops.INSTANCE, threads, pool, threshold)));
            }
        }
        engines.add(Engine.parallel(Engine.vector(), 2));
        return engines;
    }

    @Test
    void theFloatSlopeGradientOfTheWidenedTensorsOnEveryEngine() {
        SplittableRandom random = new SplittableRandom(80);
        for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
            for (Prelu shape : shapes()) {
                int n = (int) ((LENGTH + 123) / shape.groupSize());
                int length = (int) (n * shape.groupSize());
                short[] x = ordinary(k, length, random);
                short[] dy = ordinary(k, length, random);
                float[] expected = new float[shape.channels()];
                shape.on(Engine.scalar()).slopeGradient(PreluHalfOracle.widened(k, x), 0,
                        PreluHalfOracle.widened(k, dy), 0, n, expected, 0);
                for (Engine engine : engines()) {
                    check(k, shape.on(engine), x, dy, n, expected);
                }
            }
        }
    }

    /** Values as activations and gradients look: no NaN, so that the bits compare exactly. */
    static short[] ordinary(PreluHalfOracle.Kind k, int n, SplittableRandom random) {
        short[] h = new short[n];
        for (int i = 0; i < n; i++) {
            h[i] = k.round((float) random.nextDouble(-4, 4));
        }
        return h;
    }

    /** The slope gradient alone and fused, on arrays and native segments: {@code expected}'s bits. */
    static void check(PreluHalfOracle.Kind k, Prelu p, short[] x, short[] dy, int n, float[] expected) {
        float[] w = new float[p.channels()];
        java.util.Arrays.fill(w, 0.25f);
        short[] dx = new short[x.length];
        try (Arena arena = Arena.ofShared()) {
            MemorySegment xs = arena.allocate(2L * x.length, 64);
            MemorySegment dys = arena.allocate(2L * x.length, 64);
            MemorySegment dxs = arena.allocate(2L * x.length, 64);
            MemorySegment.copy(x, 0, xs, ValueLayout.JAVA_SHORT, 0, x.length);
            MemorySegment.copy(dy, 0, dys, ValueLayout.JAVA_SHORT, 0, x.length);
            for (PreluCall call : List.of(PreluCall.SLOPE_GRADIENT, PreluCall.BACKWARD)) {
                float[] dw = new float[p.channels()];
                PreluHalfCall.run(call, p, k, PreluHalfCall.Where.ARRAY, x, 0, dy, 0, dx, 0, n, w, 0, dw, 0);
                same(k + " " + p + " " + call + " on arrays", expected, dw);
                dw = new float[p.channels()];
                PreluHalfCall.onSegments(call, p, k, xs, 0, dys, 0, dxs, 0, n, w, 0, dw, 0);
                same(k + " " + p + " " + call + " on native segments", expected, dw);
            }
        }
    }

    private static void same(String what, float[] expected, float[] actual) {
        for (int c = 0; c < expected.length; c++) {
            if (Float.floatToRawIntBits(expected[c]) != Float.floatToRawIntBits(actual[c])) {
                throw new AssertionError(what + ": dw[" + c + "] expected " + expected[c] + " but was " + actual[c]);
            }
        }
    }
}
