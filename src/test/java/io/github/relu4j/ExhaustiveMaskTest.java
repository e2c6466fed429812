package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A proof by exhaustion of the mask forms on floats: every one of the 2^32 bit patterns {@code x}
 * goes through the vector engine's forward with a mask and its backward from that mask, for each
 * activation whose backward {@link ExhaustiveFloatTest} sweeps over every {@code x} (the
 * {@link FloatSweep}s with {@code backward() && !sweepsDy()}: ReLU, Leaky ReLU at 0.01, Hardtanh
 * (0, 6) and (-1, 1), Threshold (0.5, -2) and (-1, 3)). For each {@code x}:
 * <ul>
 *   <li>{@code y} has the bits of the plain vector forward;</li>
 *   <li>the mask bit is set exactly where the plain vector backward returns
 *       {@link FloatSweep#ORDINARY_DY} unchanged (the contract's definition of the gate: a dy
 *       with a full mantissa, which neither {@code +0} nor a product with 0.01 equals);</li>
 *   <li>the backward from the mask, with each of the sweep's fixed dy (ReLU: also the signalling
 *       NaN {@link FloatSweep#NAN_DY}), has the bits of the plain vector backward.</li>
 * </ul>
 * The plain vector kernels stand in for the oracle: {@link ExhaustiveFloatTest} proves them equal
 * to {@link Oracle}'s bits for every {@code x} at these very parameters and dy values, and they
 * cost a fraction of it. A second sweep sends every {@code x} through {@link Epilogue} (rows of
 * four features, ReLU, bias, mask and counts) against the two passes: the float sum
 * {@code x + bias[x & 3]}, then the plain forward, its gate and the count of positive sums.
 *
 * <p>As in {@link ExhaustiveFloatTest}: chunks of 64 Ki patterns on every core; each output
 * pre-filled with the expected bits flipped (the mask's bits in its range, so an unwritten bit
 * fails) and fenced by canaries (the mask: a word of random bits on each side, and random bits
 * below its first bit, which is not a word's first).
 */
@Tag("exhaustive")
class ExhaustiveMaskTest {
    private static final int CHUNK = 1 << 16;
    private static final int CHUNKS = (int) ((1L << 32) / CHUNK);
    private static final int PAD = 16;
    private static final int LENGTH = PAD + CHUNK + PAD;
    private static final int CANARY = (int) Element.FLOAT.canary;
    /** Element 0's bit: after a whole word of canary bits, 29 bits into the next. */
    private static final long MASK_OFFSET = 64 + 29;
    private static final int MASK_WORDS = (int) Activation.maskWords(MASK_OFFSET + CHUNK) + 1;
    private static final int GATE_WORDS = CHUNK / 64;
    private static final Engine VECTOR = Engine.vector();
    /** The epilogue's shape: rows of four features, so that x's low two bits pick its bias. */
    private static final int FEATURES = 4;
    private static final float[] BIASES = {-0.75f, Float.MIN_VALUE, 1.5f, -Float.MIN_NORMAL};

    /** An activation of the x-swept backward sweeps, and the dy values they fix. */
    record Kernel(Activation activation, int[] dys) {}

    /** The x-swept backward sweeps of {@link FloatSweep#all()}, one kernel per activation, in order. */
    static List<Kernel> kernels() {
        Map<String, List<Integer>> dys = new LinkedHashMap<>();
        Map<String, Activation> activations = new LinkedHashMap<>();
        for (FloatSweep s : FloatSweep.all()) {
            if (s.backward() && !s.sweepsDy()) {
                Activation a = Activation.of(s.op(), s.p(), s.q());
                activations.put(a.toString(), a);
                dys.computeIfAbsent(a.toString(), k -> new ArrayList<>()).add(s.fixed());
            }
        }
        List<Kernel> kernels = new ArrayList<>();
        activations.forEach((name, a) -> {
            List<Integer> d = dys.get(name);
            if (d.getFirst() != FloatSweep.ORDINARY_DY) {
                throw new AssertionError(name + ": the gate is read from the backward with the ordinary dy first");
            }
            kernels.add(new Kernel(a, d.stream().mapToInt(Integer::intValue).toArray()));
        });
        return kernels;
    }

    @Test
    void everyFloatThroughTheMaskForms() throws InterruptedException {
        List<Kernel> kernels = kernels();
        assertEquals(6, kernels.size(), "ReLU, Leaky ReLU, two Hardtanh and two Threshold pairs: " + kernels);
        OnEveryCore.Run run = OnEveryCore.check("exhaustive masks", CHUNKS, arena -> {
            Worker worker = new Worker();
            return chunk -> worker.masks(kernels, chunk * CHUNK);
        });
        assertEquals(1L << 32, run.checked(), "bit patterns checked");
        System.out.printf("exhaustive masks: 2^32 patterns x %d activations (vector forward with a mask, backward"
                + " from it) in %.1f s on %d threads%n", kernels.size(), run.seconds(), run.threads());
    }

    @Test
    void everyFloatThroughBiasReluMaskAndCounts() throws InterruptedException {
        Epilogue epilogue = Epilogue.rows(Activation.relu().on(VECTOR), FEATURES);
        OnEveryCore.Run run = OnEveryCore.check("exhaustive epilogue", CHUNKS, arena -> {
            Worker worker = new Worker();
            return chunk -> worker.epilogue(epilogue, chunk * CHUNK);
        });
        assertEquals(1L << 32, run.checked(), "bit patterns checked");
        System.out.printf("exhaustive epilogue: 2^32 patterns through %s with biases %s, mask and counts in %.1f s"
                + " on %d threads%n", epilogue, Arrays.toString(BIASES), run.seconds(), run.threads());
    }

    /** One thread's buffers, allocated once and reused for every chunk. */
    private static final class Worker {
        private final float[] x = new float[LENGTH];
        private final float[] sums = new float[LENGTH];
        private final float[] expectedY = filled(LENGTH, CANARY);
        private final float[] expectedDx = filled(LENGTH, CANARY);
        private final float[] y = new float[LENGTH];
        private final float[] dx = new float[LENGTH];
        private final long[] gate = new long[GATE_WORDS];
        private final long[] pattern;
        private final long[] expectedMask = new long[MASK_WORDS];
        private final long[] mask = new long[MASK_WORDS];
        private final float[] ordinaryDy = filled(LENGTH, FloatSweep.ORDINARY_DY);
        private final Map<Integer, float[]> dys = new LinkedHashMap<>();
        private final float[] bias = new float[FEATURES];

        Worker() {
            pattern = new SplittableRandom(Thread.currentThread().threadId()).longs(MASK_WORDS).toArray();
            dys.put(FloatSweep.ORDINARY_DY, ordinaryDy);
            dys.put(FloatSweep.NAN_DY, filled(LENGTH, FloatSweep.NAN_DY));
            System.arraycopy(BIASES, 0, bias, 0, FEATURES);
        }

        private static float[] filled(int length, int bits) {
            float[] a = new float[length];
            Arrays.fill(a, Float.intBitsToFloat(bits));
            return a;
        }

        /** The chunk's patterns {@code base ..} into x. */
        private void sweep(int base) {
            for (int i = 0; i < CHUNK; i++) {
                x[PAD + i] = Float.intBitsToFloat(base + i);
            }
        }

        long masks(List<Kernel> kernels, int base) {
            sweep(base);
            for (Kernel k : kernels) {
                Activation a = k.activation().on(VECTOR);
                a.forward(x, PAD, expectedY, PAD, CHUNK);
                a.backward(x, PAD, ordinaryDy, PAD, expectedDx, PAD, CHUNK);
                expectMask(expectedDx);
                flipped(expectedY, y);
                a.forward(x, PAD, y, PAD, mask, MASK_OFFSET, CHUNK);
                check(a + " forward with a mask", base, x, expectedY, y);
                for (int dyBits : k.dys()) {
                    float[] dy = dys.get(dyBits);
                    if (dyBits != FloatSweep.ORDINARY_DY) {
                        a.backward(x, PAD, dy, PAD, expectedDx, PAD, CHUNK);
                    }
                    flipped(expectedDx, dx);
                    a.backward(mask, MASK_OFFSET, dy, PAD, dx, PAD, CHUNK); // the mask must stay as it was
                    check(a + " backward from the mask, dy = 0x" + Integer.toHexString(dyBits), base, x, expectedDx, dx);
                }
            }
            return CHUNK;
        }

        long epilogue(Epilogue epilogue, int base) {
            sweep(base);
            for (int i = PAD; i < PAD + CHUNK; i++) {
                sums[i] = x[i] + bias[(i - PAD) & (FEATURES - 1)];
            }
            Activation relu = epilogue.activation();
            relu.forward(sums, PAD, expectedY, PAD, CHUNK);
            relu.backward(sums, PAD, ordinaryDy, PAD, expectedDx, PAD, CHUNK);
            expectMask(expectedDx);
            long[] expectedCounts = {5, 0, 0, 0, 0, 7};
            for (int i = PAD; i < PAD + CHUNK; i++) { // relu(s) is above 0 exactly where s is
                int v = Float.floatToRawIntBits(expectedY[i]);
                expectedCounts[1 + ((i - PAD) & (FEATURES - 1))] += v > 0 && v <= 0x7f80_0000 ? 1 : 0;
            }
            long[] counts = {5, 0, 0, 0, 0, 7};
            flipped(expectedY, y);
            epilogue.forward(x, PAD, bias, 0, y, PAD, mask, MASK_OFFSET, counts, 1, CHUNK / FEATURES);
            check(epilogue + " forward (bias, mask, counts)", base, sums, expectedY, y);
            if (!Arrays.equals(expectedCounts, counts)) {
                throw new AssertionError(epilogue + ": counts " + Arrays.toString(counts) + ", expected "
                        + Arrays.toString(expectedCounts) + " (chunk at 0x" + Integer.toHexString(base) + ")");
            }
            return CHUNK;
        }

        /**
         * The expected mask (the pattern, with the gate in its range: where {@code passed} holds
         * the ordinary dy), and the mask to be written (the pattern, with the gate's complement).
         */
        private void expectMask(float[] passed) {
            for (int w = 0; w < GATE_WORDS; w++) {
                int from = PAD + 64 * w;
                long word = 0;
                for (int k = 63; k >= 0; k--) {
                    word = word << 1 | (Float.floatToRawIntBits(passed[from + k]) == FloatSweep.ORDINARY_DY ? 1 : 0);
                }
                gate[w] = word;
            }
            System.arraycopy(pattern, 0, expectedMask, 0, MASK_WORDS);
            System.arraycopy(pattern, 0, mask, 0, MASK_WORDS);
            for (int w = 0; w < GATE_WORDS; w++) {
                insert(expectedMask, MASK_OFFSET + 64L * w, gate[w]);
                insert(mask, MASK_OFFSET + 64L * w, ~gate[w]);
            }
        }

        /** Bits {@code from .. from + 63} of {@code words} set to {@code value}'s. */
        private static void insert(long[] words, long from, long value) {
            int w = (int) (from >>> 6);
            int s = (int) (from & 63);
            words[w] = words[w] & ~(-1L << s) | value << s;
            if (s != 0) {
                words[w + 1] = words[w + 1] & -1L << s | value >>> (64 - s);
            }
        }

        /** {@code out}: {@code expected} with every element's lowest bit flipped in the range, canaries outside. */
        private void flipped(float[] expected, float[] out) {
            for (int i = PAD; i < PAD + CHUNK; i++) {
                out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(expected[i]) ^ 1);
            }
            System.arraycopy(expected, 0, out, 0, PAD);
            System.arraycopy(expected, PAD + CHUNK, out, PAD + CHUNK, PAD);
        }

        /** The output and the mask against their expectations; the element's input {@code in} in the message. */
        private void check(String what, int base, float[] in, float[] expected, float[] actual) {
            long byteIndex = MemorySegment.ofArray(expected).mismatch(MemorySegment.ofArray(actual));
            if (byteIndex >= 0) {
                int index = (int) (byteIndex / 4);
                int want = Float.floatToRawIntBits(expected[index]);
                int got = Float.floatToRawIntBits(actual[index]);
                int i = index - PAD;
                throw new AssertionError(what + (i < 0 || i >= CHUNK ? ": wrote outside its range (chunk at 0x"
                        + Integer.toHexString(base) + ", slot " + i + ")" : ": x=0x" + Integer.toHexString(base + i)
                        + (in == x ? "" : " (input 0x" + Integer.toHexString(Float.floatToRawIntBits(in[index])) + ")"))
                        + " expected 0x" + Integer.toHexString(want) + " but was 0x" + Integer.toHexString(got)
                        + (got == (want ^ 1) ? " (never written)" : ""));
            }
            int word = Arrays.mismatch(expectedMask, mask);
            if (word >= 0) {
                long b = 64L * word + Long.numberOfTrailingZeros(expectedMask[word] ^ mask[word]);
                long i = b - MASK_OFFSET;
                boolean want = (expectedMask[word] >>> b & 1) != 0;
                throw new AssertionError(what + ": mask bit " + b + (i < 0 || i >= CHUNK
                        ? " (outside the range, chunk at 0x" + Integer.toHexString(base) + ")"
                        : " (x=0x" + Integer.toHexString(base + (int) i) + (in == x ? "" : ", input 0x"
                        + Integer.toHexString(Float.floatToRawIntBits(in[PAD + (int) i]))) + ")")
                        + " is " + !want + ", expected " + want);
            }
        }
    }
}
