package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Doubles cannot be exhausted, so every {@link DoubleSweep} runs over the special-value table, the
 * values at, just below and just above every binade boundary (both signs, every exponent, and the
 * quiet-NaN boundary), each in every lane position, and over 10^8 random bit patterns from a
 * fixed seed ({@code -Drelu4j.test.seed} to change it; printed with any failure). The scalar
 * reference, the vector array kernel, the vector native-segment kernel and the portable array
 * kernel ({@link Engine#portable()}) must each return the
 * contract's bits, checked as in {@link ExhaustiveFloatTest}: outputs pre-filled with the expected
 * bits flipped, canaries around them, whole-buffer comparisons.
 */
@Tag("exhaustive")
class DoubleBitsTest {
    private static final int CHUNK = 1 << 15;
    private static final long RANDOM_PATTERNS = 100_000_000L;
    private static final int PAD = 8;
    private static final int LENGTH = PAD + CHUNK + PAD;
    private static final long CANARY = Element.DOUBLE.canary;
    private static final long SEED = Long.getLong("relu4j.test.seed", 0x5EED_2026L);
    private static final Engine SCALAR = Engine.scalar();
    private static final Engine VECTOR = Engine.vector();
    private static final Engine PORTABLE = Engine.portable();

    /** The table, plus bits - 1, bits, bits + 1 for every binade's first value (sign x exponent) and quiet NaN. */
    static long[] boundaries() {
        LongStream.Builder values = LongStream.builder();
        for (long special : SpecialValues.DOUBLES) {
            values.add(special);
        }
        for (long sign : new long[] {0, 0x8000_0000_0000_0000L}) {
            for (long exponent = 0; exponent < 2048; exponent++) {
                long first = sign | exponent << 52;
                values.add(first - 1).add(first).add(first + 1);
            }
            long quietNaN = sign | 0x7ff8_0000_0000_0000L;
            values.add(quietNaN - 1).add(quietNaN).add(quietNaN + 1);
        }
        return values.build().distinct().toArray();
    }

    @Test
    void specialValuesAndBinadeBoundariesInEveryLane() {
        long[] values = boundaries();
        int lanes = DoubleVector.SPECIES_PREFERRED.length();
        try (Arena arena = Arena.ofConfined()) {
            Checker checker = new Checker(arena);
            for (int shift = 0; shift < lanes; shift++) {
                long[] rotated = new long[values.length];
                for (int i = 0; i < values.length; i++) {
                    rotated[(i + shift) % values.length] = values[i];
                }
                String problem = checker.check(rotated, values.length);
                if (problem != null) {
                    throw new AssertionError(problem + " (boundary values shifted by " + shift + ")");
                }
            }
        }
        System.out.printf("doubles: %d special and boundary values x %d lane shifts x %d sweeps x 3 implementations%n",
                values.length, lanes, DoubleSweep.all().size());
    }

    @Test
    void randomBitPatterns() throws InterruptedException {
        int chunks = (int) ((RANDOM_PATTERNS + CHUNK - 1) / CHUNK);
        OnEveryCore.Run run = OnEveryCore.check("random doubles, relu4j.test.seed=" + SEED, chunks, arena -> {
            Checker checker = new Checker(arena);
            long[] bits = new long[CHUNK];
            return chunk -> {
                int n = (int) Math.min(CHUNK, RANDOM_PATTERNS - (long) chunk * CHUNK);
                SplittableRandom random = new SplittableRandom(SEED + chunk);
                for (int i = 0; i < n; i++) {
                    bits[i] = random.nextLong();
                }
                String problem = checker.check(bits, n);
                if (problem != null) {
                    throw new AssertionError(problem);
                }
                return n;
            };
        });
        assertEquals(RANDOM_PATTERNS, run.checked(), "random patterns checked");
        System.out.printf("doubles: %,d random patterns (seed %d) x %d sweeps x 3 implementations in %.1f s"
                + " on %d threads%n", run.checked(), SEED, DoubleSweep.all().size(), run.seconds(), run.threads());
    }

    /** One thread's buffers, allocated once; checks every sweep on up to CHUNK patterns. */
    private static final class Checker {
        private final List<DoubleSweep> sweeps = DoubleSweep.all();
        private final long[] sweptBits = new long[LENGTH];
        private final double[] swept = new double[LENGTH];
        private final double[][] fixed = new double[sweeps.size()][LENGTH];
        private final long[] expected = new long[LENGTH];
        private final double[] prefill = new double[LENGTH];
        private final double[] scalarOut = new double[LENGTH];
        private final double[] vectorOut = new double[LENGTH];
        private final double[] portableOut = new double[LENGTH];
        private final MemorySegment sweptNative;
        private final MemorySegment[] fixedNative = new MemorySegment[sweeps.size()];
        private final MemorySegment segmentOut;

        Checker(Arena arena) {
            for (int s = 0; s < sweeps.size(); s++) {
                for (int i = 0; i < CHUNK; i++) {
                    fixed[s][PAD + i] = Double.longBitsToDouble(sweeps.get(s).fixedOperand(i));
                }
                fixedNative[s] = arena.allocate(8L * LENGTH, 64);
                MemorySegment.copy(fixed[s], 0, fixedNative[s], ValueLayout.JAVA_DOUBLE, 0, LENGTH);
            }
            sweptNative = arena.allocate(8L * LENGTH, 64);
            segmentOut = arena.allocate(8L * LENGTH, 64);
        }

        /** Checks patterns bits[0 .. n) through every sweep; returns what went wrong, or null. */
        String check(long[] bits, int n) {
            int length = PAD + n + PAD;
            System.arraycopy(bits, 0, sweptBits, PAD, n);
            for (int i = 0; i < n; i++) {
                swept[PAD + i] = Double.longBitsToDouble(bits[i]);
            }
            MemorySegment.copy(swept, 0, sweptNative, ValueLayout.JAVA_DOUBLE, 0, length);
            Arrays.fill(expected, 0, length, CANARY);
            Arrays.fill(prefill, 0, length, Double.longBitsToDouble(CANARY));
            for (int s = 0; s < sweeps.size(); s++) {
                DoubleSweep sweep = sweeps.get(s);
                sweep.expected(sweptBits, expected, PAD, n);
                for (int i = PAD; i < PAD + n; i++) {
                    prefill[i] = Double.longBitsToDouble(expected[i] ^ 1);
                }
                double[] x = sweep.sweepsDy() ? fixed[s] : swept;
                double[] dy = sweep.sweepsDy() ? swept : fixed[s];
                System.arraycopy(prefill, 0, scalarOut, 0, length);
                System.arraycopy(prefill, 0, vectorOut, 0, length);
                System.arraycopy(prefill, 0, portableOut, 0, length);
                MemorySegment.copy(prefill, 0, segmentOut, ValueLayout.JAVA_DOUBLE, 0, length);
                sweep.run(SCALAR, x, dy, scalarOut, PAD, n);
                sweep.run(VECTOR, x, dy, vectorOut, PAD, n);
                sweep.run(PORTABLE, x, dy, portableOut, PAD, n);
                sweep.run(VECTOR, sweep.sweepsDy() ? fixedNative[s] : sweptNative,
                        sweep.sweepsDy() ? sweptNative : fixedNative[s], segmentOut, PAD, n);
                String problem = compare(sweep, n, "scalar", MemorySegment.ofArray(scalarOut));
                problem = problem != null ? problem : compare(sweep, n, "vector", MemorySegment.ofArray(vectorOut));
                problem = problem != null ? problem : compare(sweep, n, "vector on native segments", segmentOut);
                problem = problem != null ? problem : compare(sweep, n, "portable", MemorySegment.ofArray(portableOut));
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }

        private String compare(DoubleSweep sweep, int n, String implementation, MemorySegment actual) {
            long bytes = 8L * (PAD + n + PAD);
            long byteIndex = MemorySegment.mismatch(MemorySegment.ofArray(expected), 0, bytes, actual, 0, bytes);
            if (byteIndex < 0) {
                return null;
            }
            int index = (int) (byteIndex / 8);
            long got = actual.getAtIndex(ValueLayout.JAVA_LONG, index);
            int i = index - PAD;
            if (i < 0 || i >= n) {
                return implementation + " " + sweep + ": wrote outside its range (slot " + i + "): 0x"
                        + Long.toHexString(got);
            }
            long other = sweep.fixedOperand(i);
            long s = sweptBits[index];
            return implementation + " " + sweep + ": x=0x" + Long.toHexString(sweep.sweepsDy() ? other : s)
                    + (sweep.backward() ? " dy=0x" + Long.toHexString(sweep.sweepsDy() ? s : other) : "") + " expected 0x"
                    + Long.toHexString(expected[index]) + " but was 0x" + Long.toHexString(got)
                    + (got == (expected[index] ^ 1) ? " (never written)" : "");
        }
    }
}
