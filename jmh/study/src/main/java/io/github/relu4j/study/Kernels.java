package io.github.relu4j.study;

import io.github.relu4j.Activation;
import io.github.relu4j.Epilogue;

/**
 * Every relu4j call of the study, for one activation of the ReLU family over rows of
 * {@code features} units: the float backward from the kept forward input, the backward from a
 * 1-bit mask, and the rows epilogue (bias, activation, mask and positive counts in one pass).
 *
 * <p>Masks hold one bit per element: element {@code b} of a mask is bit {@code b % 64} of
 * {@code mask[b / 64]}, as {@link java.util.BitSet#valueOf(long[])} reads it. The bit is set iff
 * the backward passes the gradient there: ReLU {@code !(x <= 0)} (NaN passes), Leaky ReLU
 * {@code x > 0}.
 */
final class Kernels {
    private final Activation activation;
    private final Epilogue rows;

    private Kernels(Activation activation, int features) {
        this.activation = activation;
        this.rows = Epilogue.rows(activation, features);
    }

    /** ReLU over rows of {@code features} units. */
    static Kernels relu(int features) {
        return new Kernels(Activation.relu(), features);
    }

    /** Leaky ReLU with slope {@code alpha} over rows of {@code features} units. */
    static Kernels leakyRelu(double alpha, int features) {
        return new Kernels(Activation.leakyRelu(alpha), features);
    }

    /** dx = act'(x) dy on {@code length} elements, from the kept forward input x. */
    void backward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        activation.backward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /** y = act(x), and bit {@code maskOffset + i} of {@code mask} set iff element i passes the gradient. */
    void forward(float[] x, int xOffset, float[] y, int yOffset, long[] mask, long maskOffset, int length) {
        activation.forward(x, xOffset, y, yOffset, mask, maskOffset, length);
    }

    /** dx = bit ? dy : (ReLU +0.0f, Leaky dy * alpha): the bits of {@code backward(x, dy, dx)}. */
    void backward(long[] mask, long maskOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        activation.backward(mask, maskOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * Over row-major [rows, features]: y = act(x + bias[feature]) (the sum rounded to float, then
     * the activation), the mask of those sums, and {@code counts[countsOffset + f] +=} the number
     * of rows whose sum at feature f is positive (NaN and -0.0 are not). {@code bias},
     * {@code mask} and {@code counts} may each be null; the bias must be finite (relu4j rejects
     * the call otherwise, before writing anything).
     */
    void forwardRows(float[] x, int xOffset, float[] bias, int biasOffset, float[] y, int yOffset,
                     long[] mask, long maskOffset, long[] counts, int countsOffset, int rows) {
        this.rows.forward(x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts, countsOffset, rows);
    }

    /** The longs a mask of {@code elements} bits needs. */
    static int maskWords(long elements) {
        return Math.toIntExact(Activation.maskWords(elements));
    }
}
