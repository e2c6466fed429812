package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * One activation of the ReLU family with its parameters, forward and backward, on every storage
 * relu4j supports. The factories are the entry points; the {@linkplain io.github.relu4j
 * contract} says what bits each one returns, what the arguments must be, and how segments and
 * threads are handled.
 *
 * <pre>{@code
 * Activation relu = Activation.relu();
 * relu.forward(z, a);                               // a = max(z, 0), -0.0 kept
 * relu.backward(z, da, dz);                         // dz = z > 0 ? da : 0
 * Activation.leakyRelu(0.2).forward(z, 0, a, 0, n); // offsets and a length
 * Activation.relu6().forwardF32(zSegment, aSegment); // off-heap floats
 * Activation.leakyRelu().forwardBF16(zBf16, aBf16);  // bfloat16 encodings in short[]
 * }</pre>
 *
 * <p>Every method has the same shape. {@code forward} computes {@code y} from {@code x};
 * {@code backward} computes the gradient {@code dx} of the input from {@code x}, the forward input,
 * and {@code dy}, the gradient of the output. The whole-array forms need arrays of one length; the
 * offset forms work on {@code length} elements from each offset. Methods on {@code float[]} and
 * {@code double[]} are overloads; on {@link MemorySegment}s the element format ends the name
 * ({@code F32}: floats, {@code F64}: doubles, native byte order) and offsets count elements.
 * The 16-bit formats hold their encodings in {@code short[]} or in segments of shorts, so their
 * format always ends the name: {@code BF16} (bfloat16) and {@code F16} (IEEE binary16); they are
 * computed in float and rounded back (see the contract). The output may be an input itself (same
 * array or memory, same offset): that is in-place use.
 *
 * <p>Parameters are held as doubles and validated by the factories; float kernels use them
 * rounded to float, as PyTorch converts a scalar to the tensor's type. Activations are immutable
 * and thread-safe, and they run on {@link Engine#preferred()} unless {@link #on(Engine)} says
 * otherwise.
 */
public final class Activation {
    /** Leaky ReLU's slope when none is given, as in PyTorch. */
    public static final double DEFAULT_ALPHA = 0.01;

    private static final Activation RELU = new Activation(Op.RELU, 0, 0, null);

    private final Op op;
    private final double p;
    private final double q;
    /** Null: the preferred engine, looked up when first used, so that a factory chooses nothing. */
    private final Engine engine;

    private Activation(Op op, double p, double q, Engine engine) {
        op.checkParams(Format.F64, p, q);
        this.op = op;
        this.p = p;
        this.q = q;
        this.engine = engine;
    }

    /**
     * ReLU: {@code y = x < 0 ? 0 : x}; {@code dx = x <= 0 ? 0 : dy}.
     *
     * @return ReLU
     */
    public static Activation relu() {
        return RELU;
    }

    /**
     * Leaky ReLU with {@link #DEFAULT_ALPHA}.
     *
     * @return Leaky ReLU with slope 0.01
     */
    public static Activation leakyRelu() {
        return leakyRelu(DEFAULT_ALPHA);
    }

    /**
     * Leaky ReLU: {@code y = x > 0 ? x : x * alpha}; {@code dx = x > 0 ? dy : dy * alpha}.
     *
     * @param alpha the slope for {@code x <= 0}: any finite value, negative and above 1 included
     * @return Leaky ReLU with that slope
     * @throws IllegalArgumentException if {@code alpha} is NaN or infinite
     */
    public static Activation leakyRelu(double alpha) {
        return new Activation(Op.LEAKY_RELU, alpha, 0, null);
    }

    /**
     * RReLU in evaluation mode, with PyTorch's default bounds 1/8 and 1/3.
     *
     * @return {@code rrelu(1.0 / 8, 1.0 / 3)}
     */
    public static Activation rrelu() {
        return rrelu(1.0 / 8, 1.0 / 3);
    }

    /**
     * RReLU in evaluation mode: Leaky ReLU with the mean of the bounds as its slope, computed
     * as PyTorch does ({@code (lower + upper) / 2} in double, rounded to float by the float
     * kernels). (In training, RReLU draws a random slope per element; relu4j has no training
     * form.)
     *
     * @param lower the lower bound of the slope, finite
     * @param upper the upper bound, finite, at least {@code lower}
     * @return {@code leakyRelu((lower + upper) / 2)}
     * @throws IllegalArgumentException if a bound is NaN or infinite, or {@code lower > upper}
     */
    public static Activation rrelu(double lower, double upper) {
        if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("lower (" + lower + ") and upper (" + upper + ") must be finite");
        }
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower (" + lower + ") must not be greater than upper (" + upper + ")");
        }
        return leakyRelu((lower + upper) / 2);
    }

    /**
     * Hardtanh: {@code y = x < min ? min : (x > max ? max : x)};
     * {@code dx = (x <= min || x >= max) ? 0 : dy}.
     *
     * @param min the lower bound, finite
     * @param max the upper bound, finite, at least {@code min}
     * @return Hardtanh with those bounds
     * @throws IllegalArgumentException if a bound is NaN or infinite, or {@code min > max}
     */
    public static Activation hardtanh(double min, double max) {
        return new Activation(Op.HARDTANH, min, max, null);
    }

    /**
     * ReLU6: Hardtanh with bounds 0 and 6.
     *
     * @return {@code hardtanh(0, 6)}
     */
    public static Activation relu6() {
        return hardtanh(0, 6);
    }

    /**
     * Threshold: {@code y = x <= threshold ? value : x}; {@code dx = x <= threshold ? 0 : dy}.
     *
     * @param threshold the threshold, finite
     * @param value     what replaces {@code x <= threshold}, finite
     * @return Threshold with those parameters
     * @throws IllegalArgumentException if a parameter is NaN or infinite
     */
    public static Activation threshold(double threshold, double value) {
        return new Activation(Op.THRESHOLD, threshold, value, null);
    }

    /**
     * This activation, run by {@code engine}.
     *
     * @param engine the implementation and threads to use
     * @return an activation with the same parameters on {@code engine}
     * @throws NullPointerException if {@code engine} is null
     */
    public Activation on(Engine engine) {
        return new Activation(op, p, q, Objects.requireNonNull(engine, "engine"));
    }

    /**
     * The engine this activation runs on.
     *
     * @return the engine
     */
    public Engine engine() {
        return engine == null ? Engine.preferred() : engine;
    }

    private Loops loops() {
        return engine().loops();
    }

    // Forward.

    /**
     * Forward on whole arrays.
     *
     * @param x input
     * @param y output, as long as {@code x}; may be {@code x}
     */
    public void forward(float[] x, float[] y) {
        forward(x, 0, y, 0, Checks.sameLength(Format.F32, x, y));
    }

    /**
     * Forward on {@code length} elements.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param length  number of elements
     */
    public void forward(float[] x, int xOffset, float[] y, int yOffset, int length) {
        Dispatch.map1(loops(), op, Format.F32, x, xOffset, y, yOffset, length, p, q);
    }

    /**
     * Forward on whole arrays.
     *
     * @param x input
     * @param y output, as long as {@code x}; may be {@code x}
     */
    public void forward(double[] x, double[] y) {
        forward(x, 0, y, 0, Checks.sameLength(Format.F64, x, y));
    }

    /**
     * Forward on {@code length} elements.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param length  number of elements
     */
    public void forward(double[] x, int xOffset, double[] y, int yOffset, int length) {
        Dispatch.map1(loops(), op, Format.F64, x, xOffset, y, yOffset, length, p, q);
    }

    /**
     * Forward on whole segments of floats.
     *
     * @param x input
     * @param y output, as large as {@code x}; may be {@code x}
     */
    public void forwardF32(MemorySegment x, MemorySegment y) {
        forwardF32(x, 0, y, 0, Checks.sameLength(Format.F32, x, y));
    }

    /**
     * Forward on {@code length} floats.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param length  number of elements
     */
    public void forwardF32(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        Dispatch.map1(loops(), op, Format.F32, x, xOffset, y, yOffset, length, p, q);
    }

    /**
     * Forward on whole segments of doubles.
     *
     * @param x input
     * @param y output, as large as {@code x}; may be {@code x}
     */
    public void forwardF64(MemorySegment x, MemorySegment y) {
        forwardF64(x, 0, y, 0, Checks.sameLength(Format.F64, x, y));
    }

    /**
     * Forward on {@code length} doubles.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param length  number of elements
     */
    public void forwardF64(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        Dispatch.map1(loops(), op, Format.F64, x, xOffset, y, yOffset, length, p, q);
    }

    /**
     * Forward on whole arrays of bfloat16 encodings.
     *
     * @param x input
     * @param y output, as long as {@code x}; may be {@code x}
     */
    public void forwardBF16(short[] x, short[] y) {
        forwardBF16(x, 0, y, 0, Checks.sameLength(Format.BF16, x, y));
    }

    /**
     * Forward on {@code length} bfloat16 encodings.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param length  number of elements
     */
    public void forwardBF16(short[] x, int xOffset, short[] y, int yOffset, int length) {
        Dispatch.map1(loops(), op, Format.BF16, x, xOffset, y, yOffset, length, p, q);
    }

    /**
     * Forward on whole segments of bfloat16 encodings.
     *
     * @param x input
     * @param y output, as large as {@code x}; may be {@code x}
     */
    public void forwardBF16(MemorySegment x, MemorySegment y) {
        forwardBF16(x, 0, y, 0, Checks.sameLength(Format.BF16, x, y));
    }

    /**
     * Forward on {@code length} bfloat16 encodings.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param length  number of elements
     */
    public void forwardBF16(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        Dispatch.map1(loops(), op, Format.BF16, x, xOffset, y, yOffset, length, p, q);
    }

    /**
     * Forward on whole arrays of binary16 (half-precision) encodings.
     *
     * @param x input
     * @param y output, as long as {@code x}; may be {@code x}
     */
    public void forwardF16(short[] x, short[] y) {
        forwardF16(x, 0, y, 0, Checks.sameLength(Format.F16, x, y));
    }

    /**
     * Forward on {@code length} binary16 (half-precision) encodings.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param length  number of elements
     */
    public void forwardF16(short[] x, int xOffset, short[] y, int yOffset, int length) {
        Dispatch.map1(loops(), op, Format.F16, x, xOffset, y, yOffset, length, p, q);
    }

    /**
     * Forward on whole segments of binary16 (half-precision) encodings.
     *
     * @param x input
     * @param y output, as large as {@code x}; may be {@code x}
     */
    public void forwardF16(MemorySegment x, MemorySegment y) {
        forwardF16(x, 0, y, 0, Checks.sameLength(Format.F16, x, y));
    }

    /**
     * Forward on {@code length} binary16 (half-precision) encodings.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param length  number of elements
     */
    public void forwardF16(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        Dispatch.map1(loops(), op, Format.F16, x, xOffset, y, yOffset, length, p, q);
    }

    // Backward.

    /**
     * Backward on whole arrays.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input, as long as {@code x}; may be {@code x} or {@code dy}
     */
    public void backward(float[] x, float[] dy, float[] dx) {
        backward(x, 0, dy, 0, dx, 0, Checks.sameLength(Format.F32, x, dy, dx));
    }

    /**
     * Backward on {@code length} elements.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    public void backward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        Dispatch.map2(loops(), op, Format.F32, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Backward on whole arrays.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input, as long as {@code x}; may be {@code x} or {@code dy}
     */
    public void backward(double[] x, double[] dy, double[] dx) {
        backward(x, 0, dy, 0, dx, 0, Checks.sameLength(Format.F64, x, dy, dx));
    }

    /**
     * Backward on {@code length} elements.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    public void backward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset,
                         int length) {
        Dispatch.map2(loops(), op, Format.F64, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Backward on whole segments of floats.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     */
    public void backwardF32(MemorySegment x, MemorySegment dy, MemorySegment dx) {
        backwardF32(x, 0, dy, 0, dx, 0, Checks.sameLength(Format.F32, x, dy, dx));
    }

    /**
     * Backward on {@code length} floats.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    public void backwardF32(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                            long dxOffset, long length) {
        Dispatch.map2(loops(), op, Format.F32, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Backward on whole segments of doubles.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     */
    public void backwardF64(MemorySegment x, MemorySegment dy, MemorySegment dx) {
        backwardF64(x, 0, dy, 0, dx, 0, Checks.sameLength(Format.F64, x, dy, dx));
    }

    /**
     * Backward on {@code length} doubles.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    public void backwardF64(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                            long dxOffset, long length) {
        Dispatch.map2(loops(), op, Format.F64, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Backward on whole arrays of bfloat16 encodings.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input, as long as {@code x}; may be {@code x} or {@code dy}
     */
    public void backwardBF16(short[] x, short[] dy, short[] dx) {
        backwardBF16(x, 0, dy, 0, dx, 0, Checks.sameLength(Format.BF16, x, dy, dx));
    }

    /**
     * Backward on {@code length} bfloat16 encodings.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    public void backwardBF16(short[] x, int xOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int length) {
        Dispatch.map2(loops(), op, Format.BF16, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Backward on whole segments of bfloat16 encodings.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     */
    public void backwardBF16(MemorySegment x, MemorySegment dy, MemorySegment dx) {
        backwardBF16(x, 0, dy, 0, dx, 0, Checks.sameLength(Format.BF16, x, dy, dx));
    }

    /**
     * Backward on {@code length} bfloat16 encodings.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    public void backwardBF16(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                            long dxOffset, long length) {
        Dispatch.map2(loops(), op, Format.BF16, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Backward on whole arrays of binary16 (half-precision) encodings.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input, as long as {@code x}; may be {@code x} or {@code dy}
     */
    public void backwardF16(short[] x, short[] dy, short[] dx) {
        backwardF16(x, 0, dy, 0, dx, 0, Checks.sameLength(Format.F16, x, dy, dx));
    }

    /**
     * Backward on {@code length} binary16 (half-precision) encodings.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    public void backwardF16(short[] x, int xOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int length) {
        Dispatch.map2(loops(), op, Format.F16, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Backward on whole segments of binary16 (half-precision) encodings.
     *
     * @param x  forward input
     * @param dy gradient of the output
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     */
    public void backwardF16(MemorySegment x, MemorySegment dy, MemorySegment dx) {
        backwardF16(x, 0, dy, 0, dx, 0, Checks.sameLength(Format.F16, x, dy, dx));
    }

    /**
     * Backward on {@code length} binary16 (half-precision) encodings.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    public void backwardF16(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                            long dxOffset, long length) {
        Dispatch.map2(loops(), op, Format.F16, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    // Masks: the forward pass with one bit per element for the backward pass.

    /**
     * The number of {@code long} words a mask of {@code length} elements needs:
     * {@code ceil(length / 64)}.
     *
     * @param length number of elements, not negative
     * @return the words a mask of that many elements needs
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public static long maskWords(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, was " + length);
        }
        return MaskWords.words(length);
    }

    /**
     * Forward on whole arrays of floats, and the mask: bit {@code i} set where the backward
     * pass lets element {@code i}'s gradient through (see the contract, "Masks").
     *
     * @param x    input
     * @param y    output, as long as {@code x}; may be {@code x}
     * @param mask at least {@link #maskWords(long) maskWords(x.length)} words; bits beyond are kept
     */
    public void forward(float[] x, float[] y, long[] mask) {
        forward(x, 0, y, 0, mask, 0, Checks.sameLength(Format.F32, x, y));
    }

    /**
     * Forward on {@code length} floats, and their mask bits from {@code maskOffset}.
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param mask       the mask: bit {@code b} is bit {@code b % 64} of {@code mask[b / 64]}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     * @param length     number of elements
     */
    public void forward(float[] x, int xOffset, float[] y, int yOffset, long[] mask, long maskOffset, int length) {
        FusedDriver.forward(loops(), op, Format.F32, FusedDriver.Shape.FLAT, x, xOffset, null, 0, y, yOffset,
                Objects.requireNonNull(mask, "mask"), maskOffset, null, 0, length, p, q);
    }

    /**
     * Backward from the forward pass's mask on whole arrays of floats: bit for bit what
     * {@code backward} returns from the forward input.
     *
     * @param mask the forward pass's mask, at least {@link #maskWords(long) maskWords(dy.length)} words
     * @param dy   gradient of the output
     * @param dx   gradient of the input, as long as {@code dy}; may be {@code dy}
     */
    public void backward(long[] mask, float[] dy, float[] dx) {
        backward(mask, 0, dy, 0, dx, 0, Checks.sameLength(Format.F32, dy, "dy", dx, "dx"));
    }

    /**
     * Backward from the forward pass's mask on {@code length} floats.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param length     number of elements
     */
    public void backward(long[] mask, long maskOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        FusedDriver.backward(loops(), op, Format.F32, mask, maskOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Forward on whole arrays of doubles, and the mask: bit {@code i} set where the backward
     * pass lets element {@code i}'s gradient through (see the contract, "Masks").
     *
     * @param x    input
     * @param y    output, as long as {@code x}; may be {@code x}
     * @param mask at least {@link #maskWords(long) maskWords(x.length)} words; bits beyond are kept
     */
    public void forward(double[] x, double[] y, long[] mask) {
        forward(x, 0, y, 0, mask, 0, Checks.sameLength(Format.F64, x, y));
    }

    /**
     * Forward on {@code length} doubles, and their mask bits from {@code maskOffset}.
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param mask       the mask: bit {@code b} is bit {@code b % 64} of {@code mask[b / 64]}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     * @param length     number of elements
     */
    public void forward(double[] x, int xOffset, double[] y, int yOffset, long[] mask, long maskOffset, int length) {
        FusedDriver.forward(loops(), op, Format.F64, FusedDriver.Shape.FLAT, x, xOffset, null, 0, y, yOffset,
                Objects.requireNonNull(mask, "mask"), maskOffset, null, 0, length, p, q);
    }

    /**
     * Backward from the forward pass's mask on whole arrays of doubles: bit for bit what
     * {@code backward} returns from the forward input.
     *
     * @param mask the forward pass's mask, at least {@link #maskWords(long) maskWords(dy.length)} words
     * @param dy   gradient of the output
     * @param dx   gradient of the input, as long as {@code dy}; may be {@code dy}
     */
    public void backward(long[] mask, double[] dy, double[] dx) {
        backward(mask, 0, dy, 0, dx, 0, Checks.sameLength(Format.F64, dy, "dy", dx, "dx"));
    }

    /**
     * Backward from the forward pass's mask on {@code length} doubles.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param length     number of elements
     */
    public void backward(long[] mask, long maskOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int length) {
        FusedDriver.backward(loops(), op, Format.F64, mask, maskOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Forward on whole arrays of bfloat16 encodings, and the mask: bit {@code i} set where the backward
     * pass lets element {@code i}'s gradient through (see the contract, "Masks").
     *
     * @param x    input
     * @param y    output, as long as {@code x}; may be {@code x}
     * @param mask at least {@link #maskWords(long) maskWords(x.length)} words; bits beyond are kept
     */
    public void forwardBF16(short[] x, short[] y, long[] mask) {
        forwardBF16(x, 0, y, 0, mask, 0, Checks.sameLength(Format.BF16, x, y));
    }

    /**
     * Forward on {@code length} bfloat16 encodings, and their mask bits from {@code maskOffset}.
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param mask       the mask: bit {@code b} is bit {@code b % 64} of {@code mask[b / 64]}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     * @param length     number of elements
     */
    public void forwardBF16(short[] x, int xOffset, short[] y, int yOffset, long[] mask, long maskOffset, int length) {
        FusedDriver.forward(loops(), op, Format.BF16, FusedDriver.Shape.FLAT, x, xOffset, null, 0, y, yOffset,
                Objects.requireNonNull(mask, "mask"), maskOffset, null, 0, length, p, q);
    }

    /**
     * Backward from the forward pass's mask on whole arrays of bfloat16 encodings: bit for bit what
     * {@code backward} returns from the forward input.
     *
     * @param mask the forward pass's mask, at least {@link #maskWords(long) maskWords(dy.length)} words
     * @param dy   gradient of the output
     * @param dx   gradient of the input, as long as {@code dy}; may be {@code dy}
     */
    public void backwardBF16(long[] mask, short[] dy, short[] dx) {
        backwardBF16(mask, 0, dy, 0, dx, 0, Checks.sameLength(Format.BF16, dy, "dy", dx, "dx"));
    }

    /**
     * Backward from the forward pass's mask on {@code length} bfloat16 encodings.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param length     number of elements
     */
    public void backwardBF16(long[] mask, long maskOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int length) {
        FusedDriver.backward(loops(), op, Format.BF16, mask, maskOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Forward on whole arrays of binary16 encodings, and the mask: bit {@code i} set where the backward
     * pass lets element {@code i}'s gradient through (see the contract, "Masks").
     *
     * @param x    input
     * @param y    output, as long as {@code x}; may be {@code x}
     * @param mask at least {@link #maskWords(long) maskWords(x.length)} words; bits beyond are kept
     */
    public void forwardF16(short[] x, short[] y, long[] mask) {
        forwardF16(x, 0, y, 0, mask, 0, Checks.sameLength(Format.F16, x, y));
    }

    /**
     * Forward on {@code length} binary16 encodings, and their mask bits from {@code maskOffset}.
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param mask       the mask: bit {@code b} is bit {@code b % 64} of {@code mask[b / 64]}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     * @param length     number of elements
     */
    public void forwardF16(short[] x, int xOffset, short[] y, int yOffset, long[] mask, long maskOffset, int length) {
        FusedDriver.forward(loops(), op, Format.F16, FusedDriver.Shape.FLAT, x, xOffset, null, 0, y, yOffset,
                Objects.requireNonNull(mask, "mask"), maskOffset, null, 0, length, p, q);
    }

    /**
     * Backward from the forward pass's mask on whole arrays of binary16 encodings: bit for bit what
     * {@code backward} returns from the forward input.
     *
     * @param mask the forward pass's mask, at least {@link #maskWords(long) maskWords(dy.length)} words
     * @param dy   gradient of the output
     * @param dx   gradient of the input, as long as {@code dy}; may be {@code dy}
     */
    public void backwardF16(long[] mask, short[] dy, short[] dx) {
        backwardF16(mask, 0, dy, 0, dx, 0, Checks.sameLength(Format.F16, dy, "dy", dx, "dx"));
    }

    /**
     * Backward from the forward pass's mask on {@code length} binary16 encodings.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param length     number of elements
     */
    public void backwardF16(long[] mask, long maskOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int length) {
        FusedDriver.backward(loops(), op, Format.F16, mask, maskOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Forward on whole segments of floats, and the mask, a segment of longs (native byte order,
     * any alignment; see the contract, "Masks").
     *
     * @param x    input
     * @param y    output, as long as {@code x}; may be {@code x}
     * @param mask at least {@link #maskWords(long) maskWords} of the elements' words; bits beyond are kept
     */
    public void forwardMaskedF32(MemorySegment x, MemorySegment y, MemorySegment mask) {
        forwardMaskedF32(x, 0, y, 0, mask, 0, Checks.sameLength(Format.F32, x, y));
    }

    /**
     * Forward on {@code length} floats in segments, and their mask bits from {@code maskOffset}.
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param mask       the mask, longs: bit {@code b} is bit {@code b % 64} of long {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     * @param length     number of elements
     */
    public void forwardMaskedF32(MemorySegment x, long xOffset, MemorySegment y, long yOffset, MemorySegment mask,
                            long maskOffset, long length) {
        FusedDriver.forward(loops(), op, Format.F32, FusedDriver.Shape.FLAT, x, xOffset, null, 0, y, yOffset,
                Objects.requireNonNull(mask, "mask"), maskOffset, null, 0, length, p, q);
    }

    /**
     * Backward from the forward pass's mask on whole segments of floats.
     *
     * @param mask the forward pass's mask
     * @param dy   gradient of the output
     * @param dx   gradient of the input, as long as {@code dy}; may be {@code dy}
     */
    public void backwardMaskedF32(MemorySegment mask, MemorySegment dy, MemorySegment dx) {
        backwardMaskedF32(mask, 0, dy, 0, dx, 0, Checks.sameLength(Format.F32, dy, "dy", dx, "dx"));
    }

    /**
     * Backward from the forward pass's mask on {@code length} floats in segments.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param length     number of elements
     */
    public void backwardMaskedF32(MemorySegment mask, long maskOffset, MemorySegment dy, long dyOffset,
                             MemorySegment dx, long dxOffset, long length) {
        FusedDriver.backward(loops(), op, Format.F32, mask, maskOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Forward on whole segments of doubles, and the mask, a segment of longs (native byte order,
     * any alignment; see the contract, "Masks").
     *
     * @param x    input
     * @param y    output, as long as {@code x}; may be {@code x}
     * @param mask at least {@link #maskWords(long) maskWords} of the elements' words; bits beyond are kept
     */
    public void forwardMaskedF64(MemorySegment x, MemorySegment y, MemorySegment mask) {
        forwardMaskedF64(x, 0, y, 0, mask, 0, Checks.sameLength(Format.F64, x, y));
    }

    /**
     * Forward on {@code length} doubles in segments, and their mask bits from {@code maskOffset}.
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param mask       the mask, longs: bit {@code b} is bit {@code b % 64} of long {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     * @param length     number of elements
     */
    public void forwardMaskedF64(MemorySegment x, long xOffset, MemorySegment y, long yOffset, MemorySegment mask,
                            long maskOffset, long length) {
        FusedDriver.forward(loops(), op, Format.F64, FusedDriver.Shape.FLAT, x, xOffset, null, 0, y, yOffset,
                Objects.requireNonNull(mask, "mask"), maskOffset, null, 0, length, p, q);
    }

    /**
     * Backward from the forward pass's mask on whole segments of doubles.
     *
     * @param mask the forward pass's mask
     * @param dy   gradient of the output
     * @param dx   gradient of the input, as long as {@code dy}; may be {@code dy}
     */
    public void backwardMaskedF64(MemorySegment mask, MemorySegment dy, MemorySegment dx) {
        backwardMaskedF64(mask, 0, dy, 0, dx, 0, Checks.sameLength(Format.F64, dy, "dy", dx, "dx"));
    }

    /**
     * Backward from the forward pass's mask on {@code length} doubles in segments.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param length     number of elements
     */
    public void backwardMaskedF64(MemorySegment mask, long maskOffset, MemorySegment dy, long dyOffset,
                             MemorySegment dx, long dxOffset, long length) {
        FusedDriver.backward(loops(), op, Format.F64, mask, maskOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Forward on whole segments of bfloat16 encodings, and the mask, a segment of longs (native byte order,
     * any alignment; see the contract, "Masks").
     *
     * @param x    input
     * @param y    output, as long as {@code x}; may be {@code x}
     * @param mask at least {@link #maskWords(long) maskWords} of the elements' words; bits beyond are kept
     */
    public void forwardMaskedBF16(MemorySegment x, MemorySegment y, MemorySegment mask) {
        forwardMaskedBF16(x, 0, y, 0, mask, 0, Checks.sameLength(Format.BF16, x, y));
    }

    /**
     * Forward on {@code length} bfloat16 encodings in segments, and their mask bits from {@code maskOffset}.
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param mask       the mask, longs: bit {@code b} is bit {@code b % 64} of long {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     * @param length     number of elements
     */
    public void forwardMaskedBF16(MemorySegment x, long xOffset, MemorySegment y, long yOffset, MemorySegment mask,
                            long maskOffset, long length) {
        FusedDriver.forward(loops(), op, Format.BF16, FusedDriver.Shape.FLAT, x, xOffset, null, 0, y, yOffset,
                Objects.requireNonNull(mask, "mask"), maskOffset, null, 0, length, p, q);
    }

    /**
     * Backward from the forward pass's mask on whole segments of bfloat16 encodings.
     *
     * @param mask the forward pass's mask
     * @param dy   gradient of the output
     * @param dx   gradient of the input, as long as {@code dy}; may be {@code dy}
     */
    public void backwardMaskedBF16(MemorySegment mask, MemorySegment dy, MemorySegment dx) {
        backwardMaskedBF16(mask, 0, dy, 0, dx, 0, Checks.sameLength(Format.BF16, dy, "dy", dx, "dx"));
    }

    /**
     * Backward from the forward pass's mask on {@code length} bfloat16 encodings in segments.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param length     number of elements
     */
    public void backwardMaskedBF16(MemorySegment mask, long maskOffset, MemorySegment dy, long dyOffset,
                             MemorySegment dx, long dxOffset, long length) {
        FusedDriver.backward(loops(), op, Format.BF16, mask, maskOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /**
     * Forward on whole segments of binary16 encodings, and the mask, a segment of longs (native byte order,
     * any alignment; see the contract, "Masks").
     *
     * @param x    input
     * @param y    output, as long as {@code x}; may be {@code x}
     * @param mask at least {@link #maskWords(long) maskWords} of the elements' words; bits beyond are kept
     */
    public void forwardMaskedF16(MemorySegment x, MemorySegment y, MemorySegment mask) {
        forwardMaskedF16(x, 0, y, 0, mask, 0, Checks.sameLength(Format.F16, x, y));
    }

    /**
     * Forward on {@code length} binary16 encodings in segments, and their mask bits from {@code maskOffset}.
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param mask       the mask, longs: bit {@code b} is bit {@code b % 64} of long {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     * @param length     number of elements
     */
    public void forwardMaskedF16(MemorySegment x, long xOffset, MemorySegment y, long yOffset, MemorySegment mask,
                            long maskOffset, long length) {
        FusedDriver.forward(loops(), op, Format.F16, FusedDriver.Shape.FLAT, x, xOffset, null, 0, y, yOffset,
                Objects.requireNonNull(mask, "mask"), maskOffset, null, 0, length, p, q);
    }

    /**
     * Backward from the forward pass's mask on whole segments of binary16 encodings.
     *
     * @param mask the forward pass's mask
     * @param dy   gradient of the output
     * @param dx   gradient of the input, as long as {@code dy}; may be {@code dy}
     */
    public void backwardMaskedF16(MemorySegment mask, MemorySegment dy, MemorySegment dx) {
        backwardMaskedF16(mask, 0, dy, 0, dx, 0, Checks.sameLength(Format.F16, dy, "dy", dx, "dx"));
    }

    /**
     * Backward from the forward pass's mask on {@code length} binary16 encodings in segments.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param length     number of elements
     */
    public void backwardMaskedF16(MemorySegment mask, long maskOffset, MemorySegment dy, long dyOffset,
                             MemorySegment dx, long dxOffset, long length) {
        FusedDriver.backward(loops(), op, Format.F16, mask, maskOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /** The fused forward of {@link Epilogue}: {@code length} elements of {@code shape}, already counted by it. */
    void fused(Format f, FusedDriver.Shape shape, Object x, long xOffset, Object bias, int biasOffset, Object y,
               long yOffset, Object mask, long maskOffset, long[] counts, int countsOffset, long length) {
        FusedDriver.forward(loops(), op, f, shape, x, xOffset, bias, biasOffset, y, yOffset, mask, maskOffset, counts,
                countsOffset, length, p, q);
    }

    // Identity.

    /** @return the activation and its parameters, e.g. {@code leakyRelu(alpha=0.2)}, and a chosen engine */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(op.lane);
        for (int i = 0; i < op.params.size(); i++) {
            s.append(i == 0 ? "(" : ", ").append(op.params.get(i)).append('=').append(i == 0 ? p : q);
        }
        s.append(op.params.isEmpty() ? "" : ")");
        return engine == null ? s.toString() : s + " on " + engine.name();
    }

    /** @return whether {@code o} is the same activation, with the same parameters (bit for bit) and engine */
    @Override
    public boolean equals(Object o) {
        return o instanceof Activation a && a.op == op && Double.doubleToLongBits(a.p) == Double.doubleToLongBits(p)
                && Double.doubleToLongBits(a.q) == Double.doubleToLongBits(q) && Objects.equals(a.engine, engine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, p, q, engine);
    }

    // For tests and benchmarks in this package: the catalogue entry and its raw parameters.

    Op op() {
        return op;
    }

    static Activation of(Op op, double p, double q) {
        return new Activation(op, p, q, null);
    }
}
