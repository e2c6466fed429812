package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * ReLU, {@code φ(z) = max(z, 0)}, and its gradient, on the kernels of {@link ReluKernels#preferred()}.
 *
 * <p>Bits, exactly (double alike): forward {@code y = x < 0 ? 0 : x}, so {@code -0.0} stays
 * {@code -0.0} and NaN passes with its payload; backward {@code dx = x <= 0 ? 0 : dy}, so the
 * gradient at {@code ±0.0} is {@code +0.0} and a NaN {@code x} lets {@code dy} through. These are
 * PyTorch's CPU results ({@code torch.relu}, {@code threshold_backward}). See {@link ReluKernels}
 * for the whole contract, the argument checks and in-place use.
 *
 * <pre>{@code
 * float[] z = {-2f, -0f, 0f, 3f};
 * float[] a = new float[z.length];
 * Relu.forward(z, a);              // a = {0, -0, 0, 3}
 * Relu.forward(z, z);              // in place
 * }</pre>
 *
 * <p>The {@code *Float} and {@code *Double} methods do the same on {@link MemorySegment}s of
 * floats or doubles in native byte order, native or heap; see {@link ReluKernels} for the rules.
 */
public final class Relu {
    private static final ReluKernels KERNELS = ReluKernels.preferred();

    private Relu() {}

    /**
     * {@code y[i] = x[i] < 0 ? 0 : x[i]} for every element.
     *
     * @param x input
     * @param y output, as long as {@code x}; may be {@code x} itself
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void forward(float[] x, float[] y) {
        KERNELS.reluForward(x, 0, y, 0, Arguments.sameLength(x, y));
    }

    /**
     * {@code y[i] = x[i] < 0 ? 0 : x[i]} for every element.
     *
     * @param x input
     * @param y output, as long as {@code x}; may be {@code x} itself
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void forward(double[] x, double[] y) {
        KERNELS.reluForward(x, 0, y, 0, Arguments.sameLength(x, y));
    }

    /**
     * {@code y[yOffset + i] = x[xOffset + i] < 0 ? 0 : x[xOffset + i]} for {@code 0 <= i < length}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @throws NullPointerException      if an array is null
     * @throws IndexOutOfBoundsException if a range is outside its array
     * @throws IllegalArgumentException  if the output partially overlaps the input
     */
    public static void forward(float[] x, int xOffset, float[] y, int yOffset, int length) {
        KERNELS.reluForward(x, xOffset, y, yOffset, length);
    }

    /**
     * {@code y[yOffset + i] = x[xOffset + i] < 0 ? 0 : x[xOffset + i]} for {@code 0 <= i < length}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @throws NullPointerException      if an array is null
     * @throws IndexOutOfBoundsException if a range is outside its array
     * @throws IllegalArgumentException  if the output partially overlaps the input
     */
    public static void forward(double[] x, int xOffset, double[] y, int yOffset, int length) {
        KERNELS.reluForward(x, xOffset, y, yOffset, length);
    }

    /**
     * {@code dx[i] = x[i] <= 0 ? 0 : dy[i]} for every element.
     *
     * @param x  forward input (or forward output: same bits)
     * @param dy gradient of the output
     * @param dx gradient of the input; may be {@code x} or {@code dy} itself
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void backward(float[] x, float[] dy, float[] dx) {
        KERNELS.reluBackward(x, 0, dy, 0, dx, 0, Arguments.sameLength(x, dy, dx));
    }

    /**
     * {@code dx[i] = x[i] <= 0 ? 0 : dy[i]} for every element.
     *
     * @param x  forward input (or forward output: same bits)
     * @param dy gradient of the output
     * @param dx gradient of the input; may be {@code x} or {@code dy} itself
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void backward(double[] x, double[] dy, double[] dx) {
        KERNELS.reluBackward(x, 0, dy, 0, dx, 0, Arguments.sameLength(x, dy, dx));
    }

    /**
     * {@code dx[dxOffset + i] = x[xOffset + i] <= 0 ? 0 : dy[dyOffset + i]} for {@code 0 <= i < length}.
     *
     * @param x        forward input (or forward output: same bits)
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @throws NullPointerException      if an array is null
     * @throws IndexOutOfBoundsException if a range is outside its array
     * @throws IllegalArgumentException  if {@code dx} partially overlaps {@code x} or {@code dy}
     */
    public static void backward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                                int length) {
        KERNELS.reluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * {@code dx[dxOffset + i] = x[xOffset + i] <= 0 ? 0 : dy[dyOffset + i]} for {@code 0 <= i < length}.
     *
     * @param x        forward input (or forward output: same bits)
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @throws NullPointerException      if an array is null
     * @throws IndexOutOfBoundsException if a range is outside its array
     * @throws IllegalArgumentException  if {@code dx} partially overlaps {@code x} or {@code dy}
     */
    public static void backward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset,
                                int length) {
        KERNELS.reluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * {@code y = x < 0 ? 0 : x} for every float of two segments.
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
        KERNELS.reluForwardFloat(x, 0, y, 0, Arguments.sameLength(x, y, Float.BYTES));
    }

    /**
     * {@code y = x < 0 ? 0 : x} for {@code length} floats: offsets and length count elements.
     *
     * @param x       input floats
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @throws NullPointerException      if a segment is null
     * @throws IndexOutOfBoundsException if a range is outside its segment
     * @throws IllegalArgumentException  if the output is read-only or partially overlaps an input
     * @throws IllegalStateException     if a segment's arena is closed
     * @throws WrongThreadException      if a segment's arena does not allow this thread
     */
    public static void forwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        KERNELS.reluForwardFloat(x, xOffset, y, yOffset, length);
    }

    /**
     * {@code y = x < 0 ? 0 : x} for every double of two segments.
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
        KERNELS.reluForwardDouble(x, 0, y, 0, Arguments.sameLength(x, y, Double.BYTES));
    }

    /**
     * {@code y = x < 0 ? 0 : x} for {@code length} doubles: offsets and length count elements.
     *
     * @param x       input doubles
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @throws NullPointerException      if a segment is null
     * @throws IndexOutOfBoundsException if a range is outside its segment
     * @throws IllegalArgumentException  if the output is read-only or partially overlaps an input
     * @throws IllegalStateException     if a segment's arena is closed
     * @throws WrongThreadException      if a segment's arena does not allow this thread
     */
    public static void forwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        KERNELS.reluForwardDouble(x, xOffset, y, yOffset, length);
    }

    /**
     * {@code dx = x <= 0 ? 0 : dy} for every float of three segments.
     *
     * @param x  forward input (or forward output: same bits)
     * @param dy gradient of the output
     * @param dx gradient of the input; may be {@code x} or {@code dy} itself
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; or an output is read-only
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void backwardFloat(MemorySegment x, MemorySegment dy, MemorySegment dx) {
        KERNELS.reluBackwardFloat(x, 0, dy, 0, dx, 0, Arguments.sameLength(x, dy, dx, Float.BYTES));
    }

    /**
     * {@code dx = x <= 0 ? 0 : dy} for {@code length} floats: offsets and length count elements.
     *
     * @param x        forward input (or forward output: same bits)
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @throws NullPointerException      if a segment is null
     * @throws IndexOutOfBoundsException if a range is outside its segment
     * @throws IllegalArgumentException  if the output is read-only or partially overlaps an input
     * @throws IllegalStateException     if a segment's arena is closed
     * @throws WrongThreadException      if a segment's arena does not allow this thread
     */
    public static void backwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                                      long dxOffset, long length) {
        KERNELS.reluBackwardFloat(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * {@code dx = x <= 0 ? 0 : dy} for every double of three segments.
     *
     * @param x  forward input (or forward output: same bits)
     * @param dy gradient of the output
     * @param dx gradient of the input; may be {@code x} or {@code dy} itself
     * @throws NullPointerException     if a segment is null
     * @throws IllegalArgumentException if the segments hold different numbers of elements, or a
     *                                  whole number of none; or an output is read-only
     * @throws IllegalStateException    if a segment's arena is closed
     * @throws WrongThreadException     if a segment's arena does not allow this thread
     */
    public static void backwardDouble(MemorySegment x, MemorySegment dy, MemorySegment dx) {
        KERNELS.reluBackwardDouble(x, 0, dy, 0, dx, 0, Arguments.sameLength(x, dy, dx, Double.BYTES));
    }

    /**
     * {@code dx = x <= 0 ? 0 : dy} for {@code length} doubles: offsets and length count elements.
     *
     * @param x        forward input (or forward output: same bits)
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @throws NullPointerException      if a segment is null
     * @throws IndexOutOfBoundsException if a range is outside its segment
     * @throws IllegalArgumentException  if the output is read-only or partially overlaps an input
     * @throws IllegalStateException     if a segment's arena is closed
     * @throws WrongThreadException      if a segment's arena does not allow this thread
     */
    public static void backwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                                      long dxOffset, long length) {
        KERNELS.reluBackwardDouble(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }
}
