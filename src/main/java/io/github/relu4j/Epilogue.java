package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * What follows a dense or convolution layer's product, in one pass: the bias add and the
 * activation, {@code y = act(x + bias)}, with the bits of the two separate passes (the sum
 * rounded to the format, then the activation), optionally with the mask of the sums for the
 * backward pass ({@link Activation}'s mask forms read it) and, per unit, the number of sums above
 * zero: a unit whose count stays 0 over an epoch never fired, a dead neuron.
 *
 * <pre>{@code
 * Epilogue dense = Epilogue.rows(Activation.relu(), 128);       // [rows, 128], row-major
 * long[] mask = new long[(int) Activation.maskWords(rows * 128)];
 * long[] fired = new long[128];                                   // counts over an epoch
 * dense.forward(z, 0, b, 0, a, 0, mask, 0, fired, 0, rows);      // a = relu(z + b)
 * Activation.relu().backward(mask, da, dz);                      // later: dz from the mask
 * }</pre>
 *
 * <p>Two shapes: {@link #rows} ({@code [n, features]}, a bias and count per feature) and
 * {@link #channels} ({@code [n, channels, spatial]}, per channel). The bias has the parameters'
 * format: the tensor's for floats and doubles, float for the 16-bit formats (the sum is computed
 * in float and rounded once to the format). Counts are added to, never reset, so a caller can
 * count over many calls; each is exact, on every engine and thread count. Epilogues are
 * immutable and thread-safe; the arguments are checked before anything is written, as for
 * {@link Activation}.
 */
public final class Epilogue {
    private final Activation activation;
    private final FusedDriver.Shape shape;
    /** For toString: "128 features", "64 channels of 49". */
    private final String layout;

    private Epilogue(Activation activation, FusedDriver.Shape shape, String layout) {
        this.activation = Objects.requireNonNull(activation, "activation");
        this.shape = shape;
        this.layout = layout;
    }

    /**
     * Row-major {@code [n, features]}: the dense layer's output.
     *
     * @param activation the activation, on its engine
     * @param features   elements per row, at least 1
     * @return the epilogue
     * @throws NullPointerException     if {@code activation} is null
     * @throws IllegalArgumentException if {@code features < 1}
     */
    public static Epilogue rows(Activation activation, int features) {
        if (features < 1) {
            throw new IllegalArgumentException("features must be positive, was " + features);
        }
        return new Epilogue(activation, FusedDriver.Shape.rows(features), features + " features");
    }

    /**
     * {@code [n, channels, spatial]} (NCHW with {@code spatial = H * W}): a convolution's output.
     *
     * @param activation the activation, on its engine
     * @param channels   channels, at least 1
     * @param spatial    elements per channel and sample, not negative
     * @return the epilogue
     * @throws NullPointerException     if {@code activation} is null
     * @throws IllegalArgumentException if {@code channels < 1} or {@code spatial < 0}
     */
    public static Epilogue channels(Activation activation, int channels, int spatial) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, was " + channels);
        }
        if (spatial < 0) {
            throw new IllegalArgumentException("spatial must not be negative, was " + spatial);
        }
        return new Epilogue(activation, FusedDriver.Shape.channels(channels, spatial), channels + " channels of " + spatial);
    }

    /**
     * The activation.
     *
     * @return the activation
     */
    public Activation activation() {
        return activation;
    }

    /**
     * {@code y = act(x + bias)} on {@code n} rows or samples of floats, with the mask
     * bits and the counts of positive sums if asked for.
     *
     * @param x            input, {@code n} rows or samples from {@code xOffset}
     * @param xOffset      first element of {@code x}
     * @param bias         a bias per unit from {@code biasOffset}, or null for none
     * @param biasOffset   first bias
     * @param y            output; may be {@code x} at the same offset
     * @param yOffset      first element of {@code y}
     * @param mask         the mask of the sums ({@link Activation#maskWords(long)}), or null for none
     * @param maskOffset   the bit of element {@code xOffset}; the bits outside the range are kept
     * @param counts       per unit from {@code countsOffset}, add the number of sums above 0; or null
     * @param countsOffset first count
     * @param n            rows or samples
     */
    public void forward(float[] x, int xOffset, float[] bias, int biasOffset, float[] y, int yOffset, long[] mask,
                        long maskOffset, long[] counts, int countsOffset, int n) {
        activation.fused(Format.F32, shape, x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts,
                countsOffset, shape.elements(n));
    }

    /**
     * {@code y = act(x + bias)} on {@code n} rows or samples of doubles, with the mask
     * bits and the counts of positive sums if asked for.
     *
     * @param x            input, {@code n} rows or samples from {@code xOffset}
     * @param xOffset      first element of {@code x}
     * @param bias         a bias per unit from {@code biasOffset}, or null for none
     * @param biasOffset   first bias
     * @param y            output; may be {@code x} at the same offset
     * @param yOffset      first element of {@code y}
     * @param mask         the mask of the sums ({@link Activation#maskWords(long)}), or null for none
     * @param maskOffset   the bit of element {@code xOffset}; the bits outside the range are kept
     * @param counts       per unit from {@code countsOffset}, add the number of sums above 0; or null
     * @param countsOffset first count
     * @param n            rows or samples
     */
    public void forward(double[] x, int xOffset, double[] bias, int biasOffset, double[] y, int yOffset, long[] mask,
                        long maskOffset, long[] counts, int countsOffset, int n) {
        activation.fused(Format.F64, shape, x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts,
                countsOffset, shape.elements(n));
    }

    /**
     * {@code y = act(x + bias)} on {@code n} rows or samples of bfloat16 encodings, with the mask
     * bits and the counts of positive sums if asked for.
     *
     * @param x            input, {@code n} rows or samples from {@code xOffset}
     * @param xOffset      first element of {@code x}
     * @param bias         a bias per unit from {@code biasOffset}, or null for none
     * @param biasOffset   first bias
     * @param y            output; may be {@code x} at the same offset
     * @param yOffset      first element of {@code y}
     * @param mask         the mask of the sums ({@link Activation#maskWords(long)}), or null for none
     * @param maskOffset   the bit of element {@code xOffset}; the bits outside the range are kept
     * @param counts       per unit from {@code countsOffset}, add the number of sums above 0; or null
     * @param countsOffset first count
     * @param n            rows or samples
     */
    public void forwardBF16(short[] x, int xOffset, float[] bias, int biasOffset, short[] y, int yOffset, long[] mask,
                        long maskOffset, long[] counts, int countsOffset, int n) {
        activation.fused(Format.BF16, shape, x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts,
                countsOffset, shape.elements(n));
    }

    /**
     * {@code y = act(x + bias)} on {@code n} rows or samples of binary16 encodings, with the mask
     * bits and the counts of positive sums if asked for.
     *
     * @param x            input, {@code n} rows or samples from {@code xOffset}
     * @param xOffset      first element of {@code x}
     * @param bias         a bias per unit from {@code biasOffset}, or null for none
     * @param biasOffset   first bias
     * @param y            output; may be {@code x} at the same offset
     * @param yOffset      first element of {@code y}
     * @param mask         the mask of the sums ({@link Activation#maskWords(long)}), or null for none
     * @param maskOffset   the bit of element {@code xOffset}; the bits outside the range are kept
     * @param counts       per unit from {@code countsOffset}, add the number of sums above 0; or null
     * @param countsOffset first count
     * @param n            rows or samples
     */
    public void forwardF16(short[] x, int xOffset, float[] bias, int biasOffset, short[] y, int yOffset, long[] mask,
                        long maskOffset, long[] counts, int countsOffset, int n) {
        activation.fused(Format.F16, shape, x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts,
                countsOffset, shape.elements(n));
    }

    /**
     * {@code y = act(x + bias)} on {@code n} rows or samples of floats in segments, with the mask
     * bits and the counts of positive sums if asked for.
     *
     * @param x            input, {@code n} rows or samples from {@code xOffset}
     * @param xOffset      first element of {@code x}
     * @param bias         a bias per unit from {@code biasOffset}, or null for none
     * @param biasOffset   first bias
     * @param y            output; may be {@code x} at the same offset
     * @param yOffset      first element of {@code y}
     * @param mask         the mask of the sums ({@link Activation#maskWords(long)}), or null for none
     * @param maskOffset   the bit of element {@code xOffset}; the bits outside the range are kept
     * @param counts       per unit from {@code countsOffset}, add the number of sums above 0; or null
     * @param countsOffset first count
     * @param n            rows or samples
     */
    public void forwardF32(MemorySegment x, long xOffset, float[] bias, int biasOffset, MemorySegment y, long yOffset, MemorySegment mask,
                        long maskOffset, long[] counts, int countsOffset, long n) {
        activation.fused(Format.F32, shape, x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts,
                countsOffset, shape.elements(n));
    }

    /**
     * {@code y = act(x + bias)} on {@code n} rows or samples of doubles in segments, with the mask
     * bits and the counts of positive sums if asked for.
     *
     * @param x            input, {@code n} rows or samples from {@code xOffset}
     * @param xOffset      first element of {@code x}
     * @param bias         a bias per unit from {@code biasOffset}, or null for none
     * @param biasOffset   first bias
     * @param y            output; may be {@code x} at the same offset
     * @param yOffset      first element of {@code y}
     * @param mask         the mask of the sums ({@link Activation#maskWords(long)}), or null for none
     * @param maskOffset   the bit of element {@code xOffset}; the bits outside the range are kept
     * @param counts       per unit from {@code countsOffset}, add the number of sums above 0; or null
     * @param countsOffset first count
     * @param n            rows or samples
     */
    public void forwardF64(MemorySegment x, long xOffset, double[] bias, int biasOffset, MemorySegment y, long yOffset, MemorySegment mask,
                        long maskOffset, long[] counts, int countsOffset, long n) {
        activation.fused(Format.F64, shape, x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts,
                countsOffset, shape.elements(n));
    }

    /**
     * {@code y = act(x + bias)} on {@code n} rows or samples of bfloat16 encodings in segments, with the mask
     * bits and the counts of positive sums if asked for.
     *
     * @param x            input, {@code n} rows or samples from {@code xOffset}
     * @param xOffset      first element of {@code x}
     * @param bias         a bias per unit from {@code biasOffset}, or null for none
     * @param biasOffset   first bias
     * @param y            output; may be {@code x} at the same offset
     * @param yOffset      first element of {@code y}
     * @param mask         the mask of the sums ({@link Activation#maskWords(long)}), or null for none
     * @param maskOffset   the bit of element {@code xOffset}; the bits outside the range are kept
     * @param counts       per unit from {@code countsOffset}, add the number of sums above 0; or null
     * @param countsOffset first count
     * @param n            rows or samples
     */
    public void forwardBF16(MemorySegment x, long xOffset, float[] bias, int biasOffset, MemorySegment y, long yOffset, MemorySegment mask,
                        long maskOffset, long[] counts, int countsOffset, long n) {
        activation.fused(Format.BF16, shape, x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts,
                countsOffset, shape.elements(n));
    }

    /**
     * {@code y = act(x + bias)} on {@code n} rows or samples of binary16 encodings in segments, with the mask
     * bits and the counts of positive sums if asked for.
     *
     * @param x            input, {@code n} rows or samples from {@code xOffset}
     * @param xOffset      first element of {@code x}
     * @param bias         a bias per unit from {@code biasOffset}, or null for none
     * @param biasOffset   first bias
     * @param y            output; may be {@code x} at the same offset
     * @param yOffset      first element of {@code y}
     * @param mask         the mask of the sums ({@link Activation#maskWords(long)}), or null for none
     * @param maskOffset   the bit of element {@code xOffset}; the bits outside the range are kept
     * @param counts       per unit from {@code countsOffset}, add the number of sums above 0; or null
     * @param countsOffset first count
     * @param n            rows or samples
     */
    public void forwardF16(MemorySegment x, long xOffset, float[] bias, int biasOffset, MemorySegment y, long yOffset, MemorySegment mask,
                        long maskOffset, long[] counts, int countsOffset, long n) {
        activation.fused(Format.F16, shape, x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts,
                countsOffset, shape.elements(n));
    }

    /** @return the activation and the shape */
    @Override
    public String toString() {
        return activation + " after a bias, over " + layout;
    }
}
