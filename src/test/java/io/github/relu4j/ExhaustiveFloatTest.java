package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A proof by exhaustion for floats: every one of the 2^32 bit patterns goes through every
 * {@link FloatSweep} (ReLU forward, ReLU backward with an ordinary and a NaN dy, Leaky ReLU forward
 * and backward at alphas 0.01, 0.2, 1.3 and -0.5, backward with dy swept at each and with x swept
 * at 0.01), and the vector array kernel and the vector native-segment kernel, and in the full
 * suite ({@link Suite}) also the scalar reference and the portable array kernel
 * ({@link Engine#portable()}), must each return the contract's bits for every one (from
 * {@link FloatOracle}: {@link Oracle}'s rules on int bits).
 *
 * <p>The patterns stream through in chunks of 64 Ki elements on every core. Each output buffer
 * is pre-filled with the expected bits flipped in their lowest bit, so an element a kernel fails
 * to write cannot pass, and surrounded by canaries that must survive. All comparisons are whole
 * buffer mismatches, padding included.
 */
@Tag("exhaustive")
class ExhaustiveFloatTest {
    private static final int CHUNK = 1 << 16;
    private static final int CHUNKS = (int) ((1L << 32) / CHUNK);
    private static final int PAD = 16;
    private static final int LENGTH = PAD + CHUNK + PAD;
    private static final int CANARY = (int) Element.FLOAT.canary;
    private static final Engine SCALAR = Engine.scalar();
    private static final Engine VECTOR = Engine.vector();
    private static final Engine PORTABLE = Engine.portable();

    /**
     * Why the default suite leaves the reference and the portable loops to the full one: they
     * cost 4 to 5 times the vector kernels per pattern (14 and 10 ns per pattern over all sweeps,
     * against 3 for each vector kernel and 14 for the oracle), which made this test alone 5 to 8
     * minutes. Both are also held to the oracle on every special value and at random by
     * {@code ScalarContractTest} and {@code VectorAgreementTest}.
     */
    private static final boolean ALL_IMPLEMENTATIONS = Suite.full();

    @Test
    void everyFloatBitPatternThroughEveryKernel() throws InterruptedException {
        List<FloatSweep> sweeps = FloatSweep.all();
        OnEveryCore.Run run = OnEveryCore.check("exhaustive floats", CHUNKS, arena -> {
            Worker worker = new Worker(sweeps, arena);
            return chunk -> worker.check(chunk * CHUNK);
        });
        assertEquals(1L << 32, run.checked(), "bit patterns checked");
        int implementations = ALL_IMPLEMENTATIONS ? 4 : 2;
        System.out.printf("exhaustive floats: 2^32 patterns x %d sweeps x %d implementations (vector array,"
                        + " vector native segment%s) in %.1f s on %d threads: %.2f G kernel-elements/s%n",
                sweeps.size(), implementations, ALL_IMPLEMENTATIONS ? ", scalar, portable array" : "", run.seconds(),
                run.threads(), implementations * sweeps.size() * (double) run.checked() / run.seconds() / 1e9);
    }

    /** One thread's buffers, allocated once and reused for every chunk. */
    private static final class Worker {
        private final List<FloatSweep> sweeps;
        private final float[] swept = new float[LENGTH];
        private final float[][] fixed;
        private final int[] expected = new int[LENGTH];
        private final float[] prefill = new float[LENGTH];
        private final float[] scalarOut = new float[LENGTH];
        private final float[] vectorOut = new float[LENGTH];
        private final float[] portableOut = new float[LENGTH];
        private final MemorySegment sweptNative;
        private final MemorySegment[] fixedNative;
        private final MemorySegment segmentOut;

        Worker(List<FloatSweep> sweeps, Arena arena) {
            this.sweeps = sweeps;
            fixed = new float[sweeps.size()][LENGTH];
            fixedNative = new MemorySegment[sweeps.size()];
            for (int s = 0; s < sweeps.size(); s++) {
                for (int i = 0; i < CHUNK; i++) {
                    fixed[s][PAD + i] = Float.intBitsToFloat(sweeps.get(s).fixedOperand(i));
                }
                fixedNative[s] = nativeCopy(fixed[s], arena);
            }
            sweptNative = arena.allocate(4L * LENGTH, 64);
            segmentOut = arena.allocate(4L * LENGTH, 64);
            Arrays.fill(expected, CANARY);
            Arrays.fill(prefill, Float.intBitsToFloat(CANARY));
        }

        /** Checks the chunk of patterns starting at {@code base}: CHUNK patterns, or an AssertionError. */
        long check(int base) {
            for (int i = 0; i < CHUNK; i++) {
                swept[PAD + i] = Float.intBitsToFloat(base + i);
            }
            MemorySegment.copy(swept, 0, sweptNative, ValueLayout.JAVA_FLOAT, 0, LENGTH);
            for (int s = 0; s < sweeps.size(); s++) {
                FloatSweep sweep = sweeps.get(s);
                FloatOracle.expected(sweep, base, expected, PAD, CHUNK);
                for (int i = PAD; i < PAD + CHUNK; i++) {
                    prefill[i] = Float.intBitsToFloat(expected[i] ^ 1);
                }
                float[] x = sweep.sweepsDy() ? fixed[s] : swept;
                float[] dy = sweep.sweepsDy() ? swept : fixed[s];
                MemorySegment xNative = sweep.sweepsDy() ? fixedNative[s] : sweptNative;
                MemorySegment dyNative = sweep.sweepsDy() ? sweptNative : fixedNative[s];
                System.arraycopy(prefill, 0, vectorOut, 0, LENGTH);
                MemorySegment.copy(prefill, 0, segmentOut, ValueLayout.JAVA_FLOAT, 0, LENGTH);
                sweep.run(VECTOR, x, dy, vectorOut, PAD, CHUNK);
                sweep.run(VECTOR, xNative, dyNative, segmentOut, PAD, CHUNK);
                String problem = compare(sweep, base, "vector", MemorySegment.ofArray(vectorOut));
                problem = problem != null ? problem : compare(sweep, base, "vector on native segments", segmentOut);
                if (ALL_IMPLEMENTATIONS && problem == null) {
                    System.arraycopy(prefill, 0, scalarOut, 0, LENGTH);
                    System.arraycopy(prefill, 0, portableOut, 0, LENGTH);
                    sweep.run(SCALAR, x, dy, scalarOut, PAD, CHUNK);
                    sweep.run(PORTABLE, x, dy, portableOut, PAD, CHUNK);
                    problem = compare(sweep, base, "scalar", MemorySegment.ofArray(scalarOut));
                    problem = problem != null ? problem : compare(sweep, base, "portable", MemorySegment.ofArray(portableOut));
                }
                if (problem != null) {
                    throw new AssertionError(problem);
                }
            }
            return CHUNK;
        }

        private String compare(FloatSweep sweep, int base, String implementation, MemorySegment actual) {
            long byteIndex = MemorySegment.ofArray(expected).mismatch(actual);
            if (byteIndex < 0) {
                return null;
            }
            int index = (int) (byteIndex / 4);
            int got = actual.getAtIndex(ValueLayout.JAVA_INT, index);
            int i = index - PAD;
            if (i < 0 || i >= CHUNK) {
                return implementation + " " + sweep + ": wrote outside its range (chunk at 0x" + Integer.toHexString(base)
                        + ", slot " + i + "): 0x" + Integer.toHexString(got);
            }
            int swept = base + i;
            int other = sweep.fixedOperand(i);
            return implementation + " " + sweep + ": x=0x" + Integer.toHexString(sweep.sweepsDy() ? other : swept)
                    + (sweep.backward() ? " dy=0x" + Integer.toHexString(sweep.sweepsDy() ? swept : other) : "") + " expected 0x"
                    + Integer.toHexString(expected[index]) + " but was 0x" + Integer.toHexString(got)
                    + (got == (expected[index] ^ 1) ? " (never written)" : "");
        }

        private static MemorySegment nativeCopy(float[] array, Arena arena) {
            MemorySegment segment = arena.allocate(4L * array.length, 64);
            MemorySegment.copy(array, 0, segment, ValueLayout.JAVA_FLOAT, 0, array.length);
            return segment;
        }
    }
}
