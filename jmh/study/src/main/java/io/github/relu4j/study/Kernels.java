package io.github.relu4j.study;

import io.github.relu4j.Activation;

/**
 * Every relu4j call of the study, for one activation of the ReLU family over rows of
 * {@code features} units. Three methods are plain Java for now, with exactly the semantics of the
 * library calls that will replace them (named in the comment above each, same parameters); the
 * rest call the library already.
 *
 * <p>Masks hold one bit per element: element {@code b} of a mask is bit {@code b % 64} of
 * {@code mask[b / 64]}, as {@link java.util.BitSet#valueOf(long[])} reads it. The bit is set iff
 * the backward passes the gradient there: ReLU {@code !(x <= 0)} (NaN passes, as relu4j's
 * backward), Leaky ReLU {@code x > 0}.
 */
final class Kernels {
    private final Activation activation;
    private final boolean leaky;
    /** Leaky ReLU's slope as the float kernels use it (relu4j rounds the double to float). */
    private final float alpha;
    private final int features;

    private Kernels(Activation activation, boolean leaky, float alpha, int features) {
        this.activation = activation;
        this.leaky = leaky;
        this.alpha = alpha;
        this.features = features;
    }

    /** ReLU over rows of {@code features} units. */
    static Kernels relu(int features) {
        return new Kernels(Activation.relu(), false, 0f, features);
    }

    /** Leaky ReLU with relu4j's default slope (0.01) over rows of {@code features} units. */
    static Kernels leakyRelu(int features) {
        return new Kernels(Activation.leakyRelu(), true, (float) Activation.DEFAULT_ALPHA, features);
    }

    int features() {
        return features;
    }

    /** y = act(x) on {@code length} elements. */
    void forward(float[] x, int xOffset, float[] y, int yOffset, int length) {
        activation.forward(x, xOffset, y, yOffset, length);
    }

    /** dx = act'(x) dy on {@code length} elements, from the kept forward input x. */
    void backward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        activation.backward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /** y = act(x), and bit {@code maskOffset + i} of {@code mask} set iff element i passes the gradient. */
    // relu4j: activation.forward(x, xOffset, y, yOffset, mask, maskOffset, length)
    void forward(float[] x, int xOffset, float[] y, int yOffset, long[] mask, long maskOffset, int length) {
        // The mask first: y may be x (in place).
        for (int i = 0; i < length; i++) {
            setBit(mask, maskOffset + i, passes(x[xOffset + i]));
        }
        activation.forward(x, xOffset, y, yOffset, length);
    }

    /** dx = bit ? dy : (ReLU +0.0f, Leaky dy * alpha): the bits of {@code backward(x, dy, dx)}. */
    // relu4j: activation.backward(mask, maskOffset, dy, dyOffset, dx, dxOffset, length)
    void backward(long[] mask, long maskOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        for (int i = 0; i < length; i++) {
            float d = dy[dyOffset + i];
            dx[dxOffset + i] = bit(mask, maskOffset + i) ? d : leaky ? d * alpha : 0.0f;
        }
    }

    /**
     * Over row-major [rows, features]: y = act(x + bias[feature]) (the sum rounded to float, then
     * the activation), the mask of those sums, and {@code counts[countsOffset + f] +=} the number
     * of rows whose sum at feature f is positive (NaN and -0.0 are not). {@code bias},
     * {@code mask} and {@code counts} may each be null.
     */
    // relu4j: Epilogue.rows(activation, features).forward(x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts, countsOffset, rows)
    void forwardRows(float[] x, int xOffset, float[] bias, int biasOffset, float[] y, int yOffset,
                     long[] mask, long maskOffset, long[] counts, int countsOffset, int rows) {
        for (int r = 0; r < rows; r++) {
            int row = r * features;
            for (int f = 0; f < features; f++) {
                float z = bias == null ? x[xOffset + row + f] : x[xOffset + row + f] + bias[biasOffset + f];
                y[yOffset + row + f] = z;
                if (mask != null) {
                    setBit(mask, maskOffset + row + f, passes(z));
                }
                if (counts != null && z > 0f) {
                    counts[countsOffset + f]++;
                }
            }
        }
        activation.forward(y, yOffset, y, yOffset, rows * features);
    }

    /** Whether the backward passes the gradient at a forward input x. */
    private boolean passes(float x) {
        return leaky ? x > 0f : !(x <= 0f);
    }

    static boolean bit(long[] mask, long index) {
        return (mask[(int) (index >>> 6)] >>> (index & 63) & 1L) != 0;
    }

    private static void setBit(long[] mask, long index, boolean value) {
        int word = (int) (index >>> 6);
        long bit = 1L << (index & 63);
        mask[word] = value ? mask[word] | bit : mask[word] & ~bit;
    }

    /** The longs a mask of {@code elements} bits needs. */
    static int maskWords(long elements) {
        return Math.toIntExact((elements + 63) >>> 6);
    }
}
