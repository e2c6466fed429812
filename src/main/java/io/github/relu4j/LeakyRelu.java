package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * Leaky ReLU, {@code φ(z) = z > 0 ? z : alpha * z}, and its gradient, on the kernels of
 * {@link ReluKernels#preferred()}. The slope {@code alpha} keeps a gradient flowing where
 * {@code z <= 0}, so units cannot die as they can under {@link Relu}.
 *
 * <p>Bits, exactly (double alike): forward {@code y = x > 0 ? x : x * alpha}; backward
 * {@code dx = x > 0 ? dy : dy * alpha}. So {@code -0.0} maps to {@code -0.0 * alpha}, and a NaN
 * {@code x} (forward) takes the multiply, which quiets it and keeps its payload. These are
 * PyTorch's CPU results ({@code leaky_relu}, {@code leaky_relu_backward}). Any finite alpha is
 * allowed, negative or above 1 included; NaN or infinite alpha throws
 * {@link IllegalArgumentException}. For backward, {@code x} is the forward input; the forward
 * output gives the same bits only when {@code alpha >= 0}. See {@link ReluKernels} for the whole
 * contract, the argument checks and in-place use.
 *
 * <pre>{@code
 * float[] z = {-2f, 0f, 3f};
 * float[] a = new float[z.length];
 * LeakyRelu.forward(z, a);         // a = {-0.02, 0, 3}
 * LeakyRelu.forward(z, a, 0.2f);   // a = {-0.4, 0, 3}
 * }</pre>
 *
 * <p>The {@code *Float} and {@code *Double} methods do the same on {@link MemorySegment}s of
 * floats or doubles in native byte order, native or heap; see {@link ReluKernels} for the rules.
 */
public final class LeakyRelu {
    /** The float slope used when none is given: 0.01, as PyTorch's {@code negative_slope}. */
    public static final float DEFAULT_ALPHA = 0.01f;

    /** The double slope used when none is given: 0.01 (the double nearest 0.01, not {@code (double) 0.01f}). */
    public static final double DEFAULT_ALPHA_DOUBLE = 0.01;

    private static final ReluKernels KERNELS = ReluKernels.preferred();

    private LeakyRelu() {}

    /**
     * {@code y[i] = x[i] > 0 ? x[i] : x[i] * DEFAULT_ALPHA} for every element.
     *
     * @param x input
     * @param y output, as long as {@code x}; may be {@code x} itself
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void forward(float[] x, float[] y) {
        forward(x, y, DEFAULT_ALPHA);
    }

    /**
     * {@code y[i] = x[i] > 0 ? x[i] : x[i] * DEFAULT_ALPHA_DOUBLE} for every element.
     *
     * @param x input
     * @param y output, as long as {@code x}; may be {@code x} itself
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void forward(double[] x, double[] y) {
        forward(x, y, DEFAULT_ALPHA_DOUBLE);
    }

    /**
     * {@code y[i] = x[i] > 0 ? x[i] : x[i] * alpha} for every element.
     *
     * @param x     input
     * @param y     output, as long as {@code x}; may be {@code x} itself
     * @param alpha slope for {@code x <= 0}; any finite value
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ or alpha is not finite
     */
    public static void forward(float[] x, float[] y, float alpha) {
        KERNELS.leakyReluForward(x, 0, y, 0, Arguments.sameLength(x, y), alpha);
    }

    /**
     * {@code y[i] = x[i] > 0 ? x[i] : x[i] * alpha} for every element.
     *
     * @param x     input
     * @param y     output, as long as {@code x}; may be {@code x} itself
     * @param alpha slope for {@code x <= 0}; any finite value
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ or alpha is not finite
     */
    public static void forward(double[] x, double[] y, double alpha) {
        KERNELS.leakyReluForward(x, 0, y, 0, Arguments.sameLength(x, y), alpha);
    }

    /**
     * {@code y[yOffset + i] = x > 0 ? x : x * alpha} with {@code x = x[xOffset + i]}, for
     * {@code 0 <= i < length}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @param alpha   slope for {@code x <= 0}; any finite value
     * @throws NullPointerException      if an array is null
     * @throws IndexOutOfBoundsException if a range is outside its array
     * @throws IllegalArgumentException  if the output partially overlaps the input, or alpha is not finite
     */
    public static void forward(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
        KERNELS.leakyReluForward(x, xOffset, y, yOffset, length, alpha);
    }

    /**
     * {@code y[yOffset + i] = x > 0 ? x : x * alpha} with {@code x = x[xOffset + i]}, for
     * {@code 0 <= i < length}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @param alpha   slope for {@code x <= 0}; any finite value
     * @throws NullPointerException      if an array is null
     * @throws IndexOutOfBoundsException if a range is outside its array
     * @throws IllegalArgumentException  if the output partially overlaps the input, or alpha is not finite
     */
    public static void forward(double[] x, int xOffset, double[] y, int yOffset, int length, double alpha) {
        KERNELS.leakyReluForward(x, xOffset, y, yOffset, length, alpha);
    }

    /**
     * {@code dx[i] = x[i] > 0 ? dy[i] : dy[i] * DEFAULT_ALPHA} for every element.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input; may be {@code x} or {@code dy} itself
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void backward(float[] x, float[] dy, float[] dx) {
        backward(x, dy, dx, DEFAULT_ALPHA);
    }

    /**
     * {@code dx[i] = x[i] > 0 ? dy[i] : dy[i] * DEFAULT_ALPHA_DOUBLE} for every element.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input; may be {@code x} or {@code dy} itself
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void backward(double[] x, double[] dy, double[] dx) {
        backward(x, dy, dx, DEFAULT_ALPHA_DOUBLE);
    }

    /**
     * {@code dx[i] = x[i] > 0 ? dy[i] : dy[i] * alpha} for every element.
     *
     * @param x     forward input (the forward output only when {@code alpha >= 0})
     * @param dy    gradient of the output
     * @param dx    gradient of the input; may be {@code x} or {@code dy} itself
     * @param alpha slope for {@code x <= 0}; any finite value
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ or alpha is not finite
     */
    public static void backward(float[] x, float[] dy, float[] dx, float alpha) {
        KERNELS.leakyReluBackward(x, 0, dy, 0, dx, 0, Arguments.sameLength(x, dy, dx), alpha);
    }

    /**
     * {@code dx[i] = x[i] > 0 ? dy[i] : dy[i] * alpha} for every element.
     *
     * @param x     forward input (the forward output only when {@code alpha >= 0})
     * @param dy    gradient of the output
     * @param dx    gradient of the input; may be {@code x} or {@code dy} itself
     * @param alpha slope for {@code x <= 0}; any finite value
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ or alpha is not finite
     */
    public static void backward(double[] x, double[] dy, double[] dx, double alpha) {
        KERNELS.leakyReluBackward(x, 0, dy, 0, dx, 0, Arguments.sameLength(x, dy, dx), alpha);
    }

    /**
     * {@code dx[dxOffset + i] = x > 0 ? dy : dy * alpha} with {@code x = x[xOffset + i]} and
     * {@code dy = dy[dyOffset + i]}, for {@code 0 <= i < length}.
     *
     * @param x        forward input (the forward output only when {@code alpha >= 0})
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @param alpha    slope for {@code x <= 0}; any finite value
     * @throws NullPointerException      if an array is null
     * @throws IndexOutOfBoundsException if a range is outside its array
     * @throws IllegalArgumentException  if {@code dx} partially overlaps {@code x} or {@code dy}, or alpha is not finite
     */
    public static void backward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                                int length, float alpha) {
        KERNELS.leakyReluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha);
    }

    /**
     * {@code dx[dxOffset + i] = x > 0 ? dy : dy * alpha} with {@code x = x[xOffset + i]} and
     * {@code dy = dy[dyOffset + i]}, for {@code 0 <= i < length}.
     *
     * @param x        forward input (the forward output only when {@code alpha >= 0})
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @param alpha    slope for {@code x <= 0}; any finite value
     * @throws NullPointerException      if an array is null
     * @throws IndexOutOfBoundsException if a range is outside its array
     * @throws IllegalArgumentException  if {@code dx} partially overlaps {@code x} or {@code dy}, or alpha is not finite
     */
    public static void backward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset,
                                int length, double alpha) {
        KERNELS.leakyReluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha);
    }

    /**
     * {@code y = x > 0 ? x : x * DEFAULT_ALPHA} for every float of two segments.
     *
     * @param x input floats
     * @param y output, as long as {@code x}; may be {@code x} itself
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; or an output is read-only
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void forwardFloat(MemorySegment x, MemorySegment y) {
        forwardFloat(x, y, DEFAULT_ALPHA);
    }

    /**
     * {@code y = x > 0 ? x : x * alpha} for every float of two segments.
     *
     * @param x     input floats
     * @param y     output, as long as {@code x}; may be {@code x} itself
     * @param alpha slope for {@code x <= 0}; any finite value
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; an output is read-only; alpha is not finite
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void forwardFloat(MemorySegment x, MemorySegment y, float alpha) {
        KERNELS.leakyReluForwardFloat(x, 0, y, 0, Arguments.sameLength(x, y, Float.BYTES), alpha);
    }

    /**
     * {@code y = x > 0 ? x : x * alpha} for {@code length} floats: offsets and length count elements.
     *
     * @param x       input floats
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @param alpha   slope for {@code x <= 0}; any finite value
     * @throws NullPointerException      if a segment is null
     * @throws IndexOutOfBoundsException if a range is outside its segment
     * @throws IllegalArgumentException  if the output is read-only or partially overlaps an input,
     *                                   or alpha is not finite
     * @throws IllegalStateException     if a segment's arena is closed
     * @throws WrongThreadException      if a segment's arena does not allow this thread
     */
    public static void forwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                                    float alpha) {
        KERNELS.leakyReluForwardFloat(x, xOffset, y, yOffset, length, alpha);
    }

    /**
     * {@code dx = x > 0 ? dy : dy * DEFAULT_ALPHA} for every float of three segments.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input; may be {@code x} or {@code dy} itself
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; or an output is read-only
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void backwardFloat(MemorySegment x, MemorySegment dy, MemorySegment dx) {
        backwardFloat(x, dy, dx, DEFAULT_ALPHA);
    }

    /**
     * {@code dx = x > 0 ? dy : dy * alpha} for every float of three segments.
     *
     * @param x     forward input (the forward output only when {@code alpha >= 0})
     * @param dy    gradient of the output
     * @param dx    gradient of the input; may be {@code x} or {@code dy} itself
     * @param alpha slope for {@code x <= 0}; any finite value
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; an output is read-only; alpha is not finite
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void backwardFloat(MemorySegment x, MemorySegment dy, MemorySegment dx, float alpha) {
        KERNELS.leakyReluBackwardFloat(x, 0, dy, 0, dx, 0, Arguments.sameLength(x, dy, dx, Float.BYTES), alpha);
    }

    /**
     * {@code dx = x > 0 ? dy : dy * alpha} for {@code length} floats: offsets and length count elements.
     *
     * @param x        forward input (the forward output only when {@code alpha >= 0})
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @param alpha    slope for {@code x <= 0}; any finite value
     * @throws NullPointerException      if a segment is null
     * @throws IndexOutOfBoundsException if a range is outside its segment
     * @throws IllegalArgumentException  if the output is read-only or partially overlaps an input,
     *                                   or alpha is not finite
     * @throws IllegalStateException     if a segment's arena is closed
     * @throws WrongThreadException      if a segment's arena does not allow this thread
     */
    public static void backwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                                      long dxOffset, long length, float alpha) {
        KERNELS.leakyReluBackwardFloat(x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha);
    }

    /**
     * {@code y = x > 0 ? x : x * DEFAULT_ALPHA_DOUBLE} for every double of two segments.
     *
     * @param x input doubles
     * @param y output, as long as {@code x}; may be {@code x} itself
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; or an output is read-only
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void forwardDouble(MemorySegment x, MemorySegment y) {
        forwardDouble(x, y, DEFAULT_ALPHA_DOUBLE);
    }

    /**
     * {@code y = x > 0 ? x : x * alpha} for every double of two segments.
     *
     * @param x     input doubles
     * @param y     output, as long as {@code x}; may be {@code x} itself
     * @param alpha slope for {@code x <= 0}; any finite value
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; an output is read-only; alpha is not finite
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void forwardDouble(MemorySegment x, MemorySegment y, double alpha) {
        KERNELS.leakyReluForwardDouble(x, 0, y, 0, Arguments.sameLength(x, y, Double.BYTES), alpha);
    }

    /**
     * {@code y = x > 0 ? x : x * alpha} for {@code length} doubles: offsets and length count elements.
     *
     * @param x       input doubles
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @param alpha   slope for {@code x <= 0}; any finite value
     * @throws NullPointerException      if a segment is null
     * @throws IndexOutOfBoundsException if a range is outside its segment
     * @throws IllegalArgumentException  if the output is read-only or partially overlaps an input,
     *                                   or alpha is not finite
     * @throws IllegalStateException     if a segment's arena is closed
     * @throws WrongThreadException      if a segment's arena does not allow this thread
     */
    public static void forwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                                    double alpha) {
        KERNELS.leakyReluForwardDouble(x, xOffset, y, yOffset, length, alpha);
    }

    /**
     * {@code dx = x > 0 ? dy : dy * DEFAULT_ALPHA_DOUBLE} for every double of three segments.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input; may be {@code x} or {@code dy} itself
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; or an output is read-only
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void backwardDouble(MemorySegment x, MemorySegment dy, MemorySegment dx) {
        backwardDouble(x, dy, dx, DEFAULT_ALPHA_DOUBLE);
    }

    /**
     * {@code dx = x > 0 ? dy : dy * alpha} for every double of three segments.
     *
     * @param x     forward input (the forward output only when {@code alpha >= 0})
     * @param dy    gradient of the output
     * @param dx    gradient of the input; may be {@code x} or {@code dy} itself
     * @param alpha slope for {@code x <= 0}; any finite value
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; an output is read-only; alpha is not finite
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void backwardDouble(MemorySegment x, MemorySegment dy, MemorySegment dx, double alpha) {
        KERNELS.leakyReluBackwardDouble(x, 0, dy, 0, dx, 0, Arguments.sameLength(x, dy, dx, Double.BYTES), alpha);
    }

    /**
     * {@code dx = x > 0 ? dy : dy * alpha} for {@code length} doubles: offsets and length count elements.
     *
     * @param x        forward input (the forward output only when {@code alpha >= 0})
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @param alpha    slope for {@code x <= 0}; any finite value
     * @throws NullPointerException      if a segment is null
     * @throws IndexOutOfBoundsException if a range is outside its segment
     * @throws IllegalArgumentException  if the output is read-only or partially overlaps an input,
     *                                   or alpha is not finite
     * @throws IllegalStateException     if a segment's arena is closed
     * @throws WrongThreadException      if a segment's arena does not allow this thread
     */
    public static void backwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                                      long dxOffset, long length, double alpha) {
        KERNELS.leakyReluBackwardDouble(x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha);
    }
}
