package io.github.relu4j.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.relu4j.Activation;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * relu4j's mask forms and rows epilogue, called as the study calls them (through the adapter),
 * against relu4j's plain float calls and the masks' stated rule.
 */
class KernelsTest {
    /** More than one of relu4j's 4096-element blocks. */
    private static final int LENGTH = 5000;
    /** Not a multiple of 64: the mask's bits start inside a word. */
    private static final long MASK_OFFSET = 37;

    /** Values with every sign and class: ±0, NaN, infinities, subnormals, and random normals. */
    private static float[] edgyValues(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
            -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MAX_VALUE, 1e-30f, -1e-30f};
        float[] x = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            x[i] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : (float) random.nextDouble(-3, 3);
        }
        return x;
    }

    /** The adapter and the library activation it wraps. */
    private record Pair(Kernels kernels, Activation activation) {}

    private static Pair[] both(int features) {
        return new Pair[] {new Pair(Kernels.relu(features), Activation.relu()),
            new Pair(Kernels.leakyRelu(Activation.DEFAULT_ALPHA, features), Activation.leakyRelu())};
    }

    @Test
    void maskBackwardHasTheBitsOfTheBackwardOnFloats() {
        float[] x = edgyValues(1);
        float[] dy = edgyValues(2);
        for (Pair p : both(1)) {
            Kernels k = p.kernels();
            float[] y = new float[LENGTH];
            long[] mask = new long[Kernels.maskWords(MASK_OFFSET + LENGTH)];
            k.forward(x, 0, y, 0, mask, MASK_OFFSET, LENGTH);
            float[] fromFloats = new float[LENGTH];
            float[] fromMask = new float[LENGTH];
            k.backward(x, 0, dy, 0, fromFloats, 0, LENGTH);
            k.backward(mask, MASK_OFFSET, dy, 0, fromMask, 0, LENGTH);
            for (int i = 0; i < LENGTH; i++) {
                assertEquals(Float.floatToRawIntBits(fromFloats[i]), Float.floatToRawIntBits(fromMask[i]),
                        "element " + i + ": x = " + x[i] + ", dy = " + dy[i]);
            }
        }
    }

    @Test
    void maskBitsFollowBitSetOrderAndTheBackwardsRule() {
        float[] x = edgyValues(3);
        long[] reluMask = new long[Kernels.maskWords(MASK_OFFSET + LENGTH)];
        long[] leakyMask = reluMask.clone();
        java.util.Arrays.fill(reluMask, -1L); // stale bits must be cleared
        Kernels.relu(1).forward(x, 0, new float[LENGTH], 0, reluMask, MASK_OFFSET, LENGTH);
        Kernels.leakyRelu(Activation.DEFAULT_ALPHA, 1).forward(x, 0, new float[LENGTH], 0, leakyMask, MASK_OFFSET, LENGTH);
        BitSet relu = BitSet.valueOf(reluMask);
        BitSet leaky = BitSet.valueOf(leakyMask);
        for (int i = 0; i < LENGTH; i++) {
            assertEquals(!(x[i] <= 0f), relu.get((int) MASK_OFFSET + i), "ReLU bit " + i + ", x = " + x[i]);
            assertEquals(x[i] > 0f, leaky.get((int) MASK_OFFSET + i), "Leaky bit " + i + ", x = " + x[i]);
        }
        assertEquals(-1L >>> (64 - MASK_OFFSET), reluMask[0] & ((1L << MASK_OFFSET) - 1), "bits before the offset untouched");
    }

    @Test
    void rowsEpilogueIsBiasThenActivationWithMaskAndCounts() {
        int features = 24;
        int rows = 200;
        float[] x = edgyValues(4);
        float[] bias = new float[features];
        SplittableRandom random = new SplittableRandom(5);
        for (int f = 0; f < features; f++) {
            bias[f] = (float) random.nextDouble(-1, 1);
        }
        bias[3] = -0f; // relu4j takes only finite biases; -0.0 is one
        int xOffset = 7;
        int n = rows * features;
        for (Pair p : both(features)) {
            Kernels k = p.kernels();
            Activation a = p.activation();
            float[] sums = new float[n];
            for (int i = 0; i < n; i++) {
                sums[i] = x[xOffset + i] + bias[i % features];
            }
            float[] twoPasses = new float[n];
            a.forward(sums, twoPasses);
            long[] expectedMask = new long[Kernels.maskWords(MASK_OFFSET + n)];
            k.forward(sums, 0, new float[n], 0, expectedMask, MASK_OFFSET, n);
            long[] expectedCounts = new long[features + 2];
            for (int i = 0; i < n; i++) {
                expectedCounts[2 + i % features] += sums[i] > 0f ? 1 : 0;
            }
            expectedCounts[2] += 5; // counts add to what is there

            float[] y = new float[n + 3];
            long[] mask = new long[expectedMask.length];
            long[] counts = new long[features + 2];
            counts[2] = 5;
            k.forwardRows(x, xOffset, bias, 0, y, 3, mask, MASK_OFFSET, counts, 2, rows);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(twoPasses[i]), Float.floatToRawIntBits(y[3 + i]), "y " + i);
            }
            assertArrayEquals(expectedMask, mask);
            assertArrayEquals(expectedCounts, counts);

            float[] noBias = new float[n];
            k.forwardRows(sums, 0, null, 0, noBias, 0, null, 0, null, 0, rows);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(twoPasses[i]), Float.floatToRawIntBits(noBias[i]), "no bias, y " + i);
            }
        }
    }
}
