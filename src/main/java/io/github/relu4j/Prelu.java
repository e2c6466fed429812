package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * PReLU: Leaky ReLU whose slope is learned, one per channel (or one for the whole tensor), with
 * its input gradient and its slope gradient, a sum whose bits do not depend on the machine, the
 * vector width or the threads. The {@linkplain io.github.relu4j contract} says what bits each
 * method returns and in what order the slope gradient adds its terms.
 *
 * <pre>{@code
 * Prelu prelu = Prelu.channelsFirst(64, 28 * 28);         // [N, 64, 28, 28], NCHW
 * prelu.forward(x, y, w);                                 // y = x > 0 ? x : w[c] * x
 * prelu.backward(x, dy, dx, w, dw);                       // dx and dw in one pass
 * Prelu.channelsLast(512).forward(h, 0, a, 0, rows, w, 0); // [rows, 512]: an MLP layer, or NHWC
 * Prelu.shared().forwardF32(xSegment, ySegment, w);       // one slope, off-heap floats
 * prelu.backwardBF16(xBf16, dyBf16, dxBf16, w, dw);       // bfloat16 tensors in short[], float w and dw
 * }</pre>
 *
 * <p>Shapes: a tensor is {@code n} groups. Channels-first ({@link #channelsFirst}), a group is one
 * sample {@code [C, S]}: {@code C} runs of {@code S} elements, run {@code c} with slope
 * {@code w[c]} ({@code S} = H·W for images, 1 for none). Channels-last ({@link #channelsLast}), a
 * group is one row of {@code C} elements, element {@code c} with slope {@code w[c]} (NHWC: the
 * rows are N·H·W; an MLP's {@code [batch, features]}: the rows are the batch). {@link #shared}:
 * one slope, a group is one element. The offset forms take {@code n}; the whole forms derive it
 * from the tensor, which must be whole groups.
 *
 * <p>Tensors are arrays or native segments of floats or doubles ({@code F32} and {@code F64}
 * segment methods, offsets in elements), or of 16-bit encodings in {@code short[]} or segments
 * ({@code BF16}: bfloat16, {@code F16}: binary16, the format ending every method's name); slopes
 * {@code w} and slope gradients {@code dw} are always arrays, {@code C} elements from their
 * offset: of the tensors' format for floats and doubles, and of floats for the 16-bit formats
 * (mixed-precision training keeps parameters and their gradients in float). A 16-bit tensor is
 * computed on its elements widened to float: forward and input gradient are Leaky ReLU's 16-bit
 * bits at slope {@code w[c]}, and {@code dw} has exactly the bits of the float methods on the
 * widened tensors. Outputs may be inputs
 * at the same place (in-place) but may not overlap them otherwise, nor overlap {@code w} or
 * {@code dw}. Slopes must be finite. {@code dw} is written, not added to. Instances are immutable
 * and thread-safe, and run on {@link Engine#preferred()} unless {@link #on(Engine)} says
 * otherwise.
 */
public final class Prelu {
    private static final Prelu SHARED = new Prelu(false, 1, 1, null);

    private final boolean last;
    private final int channels;
    private final int spatial;
    /** Null: the preferred engine, looked up when first used. */
    private final Engine engine;

    private Prelu(boolean last, int channels, int spatial, Engine engine) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, was " + channels);
        }
        if (spatial < 1) {
            throw new IllegalArgumentException("spatial must be positive, was " + spatial);
        }
        this.last = last;
        this.channels = channels;
        this.spatial = spatial;
        this.engine = engine;
    }

    /**
     * Channels-first tensors {@code [N, C, S]} (NCHW, with {@code S} = H·W): {@code n} counts samples.
     *
     * @param channels {@code C}, the number of slopes
     * @param spatial  {@code S}, the elements of one channel of one sample
     * @return PReLU on that shape
     * @throws IllegalArgumentException if either is not positive
     */
    public static Prelu channelsFirst(int channels, int spatial) {
        return new Prelu(false, channels, spatial, null);
    }

    /**
     * Channels-last tensors {@code [rows, C]} (NHWC with rows = N·H·W, or an MLP's
     * {@code [batch, features]}): {@code n} counts rows.
     *
     * @param channels {@code C}, the number of slopes
     * @return PReLU on that shape
     * @throws IllegalArgumentException if {@code channels} is not positive
     */
    public static Prelu channelsLast(int channels) {
        return new Prelu(true, channels, 1, null);
    }

    /**
     * One slope for every element (PyTorch's default, {@code num_parameters=1}): {@code n} counts
     * elements, {@code w} and {@code dw} hold one element.
     *
     * @return PReLU with a shared slope
     */
    public static Prelu shared() {
        return SHARED;
    }

    /**
     * This PReLU, run by {@code engine}.
     *
     * @param engine the implementation and threads to use
     * @return a PReLU with the same shape on {@code engine}
     * @throws NullPointerException if {@code engine} is null
     */
    public Prelu on(Engine engine) {
        return new Prelu(last, channels, spatial, Objects.requireNonNull(engine, "engine"));
    }

    /**
     * The engine this PReLU runs on.
     *
     * @return the engine
     */
    public Engine engine() {
        return engine == null ? Engine.preferred() : engine;
    }

    /**
     * The number of channels, and of slopes.
     *
     * @return {@code C}
     */
    public int channels() {
        return channels;
    }

    /**
     * The elements of one channel of one sample (channels-first); 1 channels-last.
     *
     * @return {@code S}
     */
    public int spatial() {
        return spatial;
    }

    /**
     * Whether the channel is the last (fastest) dimension.
     *
     * @return true for channels-last
     */
    public boolean isChannelsLast() {
        return last;
    }

    /**
     * The elements of one group, which {@code n} counts.
     *
     * @return {@code C·S} channels-first, {@code C} channels-last
     */
    public long groupSize() {
        return last ? channels : (long) channels * spatial;
    }

    private Loops loops() {
        return engine().loops();
    }

    /** The groups in a whole tensor of {@code elements}, which must be whole groups. */
    private long groups(long elements, String name) {
        long group = groupSize();
        if (elements % group != 0) {
            throw new IllegalArgumentException(name + " holds " + elements + " elements, not a whole number of groups of "
                    + group + " (" + this + ")");
        }
        return elements / group;
    }

    private static long length(Format f, Object array, String name) {
        return Checks.length(f, array, name);
    }

    private static long length(Format f, MemorySegment s, String name) {
        return Checks.elements(f, s, name);
    }

    /** Whole forms: every tensor as long as {@code x}. */
    private static void same(long xLength, long otherLength, String other) {
        Checks.sameLength(xLength, otherLength, other);
    }

    /** Slopes or slope gradients for tensors of {@code f}: {@code channels} of them, of {@link ChannelDriver#slopes}. */
    private void slopes(Format f, Object w, String name) {
        long length = length(ChannelDriver.slopes(f), w, name);
        if (length != channels) {
            throw new IllegalArgumentException(name + ".length (" + length + ") != channels (" + channels + ")");
        }
    }

    // ---- float arrays ----

    /**
     * Forward on whole arrays: {@code y = x > 0 ? x : w[c] * x}.
     *
     * @param x input, whole groups
     * @param y output, as large as {@code x}; may be {@code x}
     * @param w the slopes, {@code channels()} of them, finite
     */
    public void forward(float[] x, float[] y, float[] w) {
        long n = groups(length(Format.F32, x, "x"), "x");
        same(length(Format.F32, x, "x"), length(Format.F32, y, "y"), "y");
        slopes(Format.F32, w, "w");
        forward(x, 0, y, 0, (int) n, w, 0);
    }

    /**
     * Forward on {@code n} groups.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param n       groups: samples channels-first, rows channels-last, elements shared
     * @param w       slopes, finite
     * @param wOffset first slope
     */
    public void forward(float[] x, int xOffset, float[] y, int yOffset, int n, float[] w, int wOffset) {
        ChannelDriver.forward(loops(), Format.F32, last, channels, spatial, x, xOffset, y, yOffset, n, w, wOffset);
    }

    /**
     * Backward on whole arrays: the input gradient {@code dx} and the slope gradient {@code dw} in one pass.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} of them, finite
     * @param dw the slope gradient, {@code channels()} elements, written
     */
    public void backward(float[] x, float[] dy, float[] dx, float[] w, float[] dw) {
        long n = groups(length(Format.F32, x, "x"), "x");
        same(length(Format.F32, x, "x"), length(Format.F32, dy, "dy"), "dy");
        same(length(Format.F32, x, "x"), length(Format.F32, dx, "dx"), "dx");
        slopes(Format.F32, w, "w");
        slopes(Format.F32, dw, "dw");
        backward(x, 0, dy, 0, dx, 0, (int) n, w, 0, dw, 0);
    }

    /**
     * Backward on {@code n} groups: {@code dx = x > 0 ? dy : w[c] * dy}, and
     * {@code dw[c]} = the sum over channel {@code c} of {@code x > 0 ? 0 : x * dy}, in one pass.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, finite
     * @param wOffset  first slope
     * @param dw       slope gradient, written
     * @param dwOffset first element of {@code dw}
     */
    public void backward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int n, float[] w, int wOffset,
                          float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F32, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    /**
     * The input gradient alone, on whole arrays.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} of them, finite
     */
    public void inputGradient(float[] x, float[] dy, float[] dx, float[] w) {
        long n = groups(length(Format.F32, x, "x"), "x");
        same(length(Format.F32, x, "x"), length(Format.F32, dy, "dy"), "dy");
        same(length(Format.F32, x, "x"), length(Format.F32, dx, "dx"), "dx");
        slopes(Format.F32, w, "w");
        inputGradient(x, 0, dy, 0, dx, 0, (int) n, w, 0);
    }

    /**
     * The input gradient alone on {@code n} groups: {@code dx = x > 0 ? dy : w[c] * dy}.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, finite
     * @param wOffset  first slope
     */
    public void inputGradient(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int n, float[] w,
                               int wOffset) {
        ChannelDriver.backward(loops(), Format.F32, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset, null, 0);
    }

    /**
     * The slope gradient alone, on whole arrays.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dw the slope gradient, {@code channels()} elements, written
     */
    public void slopeGradient(float[] x, float[] dy, float[] dw) {
        long n = groups(length(Format.F32, x, "x"), "x");
        same(length(Format.F32, x, "x"), length(Format.F32, dy, "dy"), "dy");
        slopes(Format.F32, dw, "dw");
        slopeGradient(x, 0, dy, 0, (int) n, dw, 0);
    }

    /**
     * The slope gradient alone on {@code n} groups: {@code dw[c]} = the sum over channel {@code c}
     * of {@code x > 0 ? 0 : x * dy}, in the contract's order, rounded once.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param n        groups
     * @param dw       slope gradient, written
     * @param dwOffset first element of {@code dw}
     */
    public void slopeGradient(float[] x, int xOffset, float[] dy, int dyOffset, int n, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F32, last, channels, spatial, x, xOffset, dy, dyOffset, null, 0, n, null, 0,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    // ---- double arrays ----

    /**
     * Forward on whole arrays: {@code y = x > 0 ? x : w[c] * x}.
     *
     * @param x input, whole groups
     * @param y output, as large as {@code x}; may be {@code x}
     * @param w the slopes, {@code channels()} of them, finite
     */
    public void forward(double[] x, double[] y, double[] w) {
        long n = groups(length(Format.F64, x, "x"), "x");
        same(length(Format.F64, x, "x"), length(Format.F64, y, "y"), "y");
        slopes(Format.F64, w, "w");
        forward(x, 0, y, 0, (int) n, w, 0);
    }

    /**
     * Forward on {@code n} groups.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param n       groups: samples channels-first, rows channels-last, elements shared
     * @param w       slopes, finite
     * @param wOffset first slope
     */
    public void forward(double[] x, int xOffset, double[] y, int yOffset, int n, double[] w, int wOffset) {
        ChannelDriver.forward(loops(), Format.F64, last, channels, spatial, x, xOffset, y, yOffset, n, w, wOffset);
    }

    /**
     * Backward on whole arrays: the input gradient {@code dx} and the slope gradient {@code dw} in one pass.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} of them, finite
     * @param dw the slope gradient, {@code channels()} elements, written
     */
    public void backward(double[] x, double[] dy, double[] dx, double[] w, double[] dw) {
        long n = groups(length(Format.F64, x, "x"), "x");
        same(length(Format.F64, x, "x"), length(Format.F64, dy, "dy"), "dy");
        same(length(Format.F64, x, "x"), length(Format.F64, dx, "dx"), "dx");
        slopes(Format.F64, w, "w");
        slopes(Format.F64, dw, "dw");
        backward(x, 0, dy, 0, dx, 0, (int) n, w, 0, dw, 0);
    }

    /**
     * Backward on {@code n} groups: {@code dx = x > 0 ? dy : w[c] * dy}, and
     * {@code dw[c]} = the sum over channel {@code c} of {@code x > 0 ? 0 : x * dy}, in one pass.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, finite
     * @param wOffset  first slope
     * @param dw       slope gradient, written
     * @param dwOffset first element of {@code dw}
     */
    public void backward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int n, double[] w, int wOffset,
                          double[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F64, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    /**
     * The input gradient alone, on whole arrays.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} of them, finite
     */
    public void inputGradient(double[] x, double[] dy, double[] dx, double[] w) {
        long n = groups(length(Format.F64, x, "x"), "x");
        same(length(Format.F64, x, "x"), length(Format.F64, dy, "dy"), "dy");
        same(length(Format.F64, x, "x"), length(Format.F64, dx, "dx"), "dx");
        slopes(Format.F64, w, "w");
        inputGradient(x, 0, dy, 0, dx, 0, (int) n, w, 0);
    }

    /**
     * The input gradient alone on {@code n} groups: {@code dx = x > 0 ? dy : w[c] * dy}.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, finite
     * @param wOffset  first slope
     */
    public void inputGradient(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int n, double[] w,
                               int wOffset) {
        ChannelDriver.backward(loops(), Format.F64, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset, null, 0);
    }

    /**
     * The slope gradient alone, on whole arrays.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dw the slope gradient, {@code channels()} elements, written
     */
    public void slopeGradient(double[] x, double[] dy, double[] dw) {
        long n = groups(length(Format.F64, x, "x"), "x");
        same(length(Format.F64, x, "x"), length(Format.F64, dy, "dy"), "dy");
        slopes(Format.F64, dw, "dw");
        slopeGradient(x, 0, dy, 0, (int) n, dw, 0);
    }

    /**
     * The slope gradient alone on {@code n} groups: {@code dw[c]} = the sum over channel {@code c}
     * of {@code x > 0 ? 0 : x * dy}, in the contract's order, rounded once.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param n        groups
     * @param dw       slope gradient, written
     * @param dwOffset first element of {@code dw}
     */
    public void slopeGradient(double[] x, int xOffset, double[] dy, int dyOffset, int n, double[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F64, last, channels, spatial, x, xOffset, dy, dyOffset, null, 0, n, null, 0,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    // ---- segments of floats ----

    /**
     * Forward on whole segments of floats: {@code y = x > 0 ? x : w[c] * x}.
     *
     * @param x input, whole groups
     * @param y output, as large as {@code x}; may be {@code x}
     * @param w the slopes, {@code channels()} of them, finite
     */
    public void forwardF32(MemorySegment x, MemorySegment y, float[] w) {
        long n = groups(length(Format.F32, x, "x"), "x");
        same(length(Format.F32, x, "x"), length(Format.F32, y, "y"), "y");
        slopes(Format.F32, w, "w");
        forwardF32(x, 0, y, 0, n, w, 0);
    }

    /**
     * Forward on {@code n} groups.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param n       groups: samples channels-first, rows channels-last, elements shared
     * @param w       slopes, finite
     * @param wOffset first slope
     */
    public void forwardF32(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long n, float[] w, int wOffset) {
        ChannelDriver.forward(loops(), Format.F32, last, channels, spatial, x, xOffset, y, yOffset, n, w, wOffset);
    }

    /**
     * Backward on whole segments of floats: the input gradient {@code dx} and the slope gradient {@code dw} in one pass.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} of them, finite
     * @param dw the slope gradient, {@code channels()} elements, written
     */
    public void backwardF32(MemorySegment x, MemorySegment dy, MemorySegment dx, float[] w, float[] dw) {
        long n = groups(length(Format.F32, x, "x"), "x");
        same(length(Format.F32, x, "x"), length(Format.F32, dy, "dy"), "dy");
        same(length(Format.F32, x, "x"), length(Format.F32, dx, "dx"), "dx");
        slopes(Format.F32, w, "w");
        slopes(Format.F32, dw, "dw");
        backwardF32(x, 0, dy, 0, dx, 0, n, w, 0, dw, 0);
    }

    /**
     * Backward on {@code n} groups: {@code dx = x > 0 ? dy : w[c] * dy}, and
     * {@code dw[c]} = the sum over channel {@code c} of {@code x > 0 ? 0 : x * dy}, in one pass.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, finite
     * @param wOffset  first slope
     * @param dw       slope gradient, written
     * @param dwOffset first element of {@code dw}
     */
    public void backwardF32(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n, float[] w, int wOffset,
                          float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F32, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    /**
     * The input gradient alone, on whole segments of floats.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} of them, finite
     */
    public void inputGradientF32(MemorySegment x, MemorySegment dy, MemorySegment dx, float[] w) {
        long n = groups(length(Format.F32, x, "x"), "x");
        same(length(Format.F32, x, "x"), length(Format.F32, dy, "dy"), "dy");
        same(length(Format.F32, x, "x"), length(Format.F32, dx, "dx"), "dx");
        slopes(Format.F32, w, "w");
        inputGradientF32(x, 0, dy, 0, dx, 0, n, w, 0);
    }

    /**
     * The input gradient alone on {@code n} groups: {@code dx = x > 0 ? dy : w[c] * dy}.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, finite
     * @param wOffset  first slope
     */
    public void inputGradientF32(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n, float[] w,
                               int wOffset) {
        ChannelDriver.backward(loops(), Format.F32, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset, null, 0);
    }

    /**
     * The slope gradient alone, on whole segments of floats.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dw the slope gradient, {@code channels()} elements, written
     */
    public void slopeGradientF32(MemorySegment x, MemorySegment dy, float[] dw) {
        long n = groups(length(Format.F32, x, "x"), "x");
        same(length(Format.F32, x, "x"), length(Format.F32, dy, "dy"), "dy");
        slopes(Format.F32, dw, "dw");
        slopeGradientF32(x, 0, dy, 0, n, dw, 0);
    }

    /**
     * The slope gradient alone on {@code n} groups: {@code dw[c]} = the sum over channel {@code c}
     * of {@code x > 0 ? 0 : x * dy}, in the contract's order, rounded once.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param n        groups
     * @param dw       slope gradient, written
     * @param dwOffset first element of {@code dw}
     */
    public void slopeGradientF32(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, long n, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F32, last, channels, spatial, x, xOffset, dy, dyOffset, null, 0, n, null, 0,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    // ---- segments of doubles ----

    /**
     * Forward on whole segments of doubles: {@code y = x > 0 ? x : w[c] * x}.
     *
     * @param x input, whole groups
     * @param y output, as large as {@code x}; may be {@code x}
     * @param w the slopes, {@code channels()} of them, finite
     */
    public void forwardF64(MemorySegment x, MemorySegment y, double[] w) {
        long n = groups(length(Format.F64, x, "x"), "x");
        same(length(Format.F64, x, "x"), length(Format.F64, y, "y"), "y");
        slopes(Format.F64, w, "w");
        forwardF64(x, 0, y, 0, n, w, 0);
    }

    /**
     * Forward on {@code n} groups.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param n       groups: samples channels-first, rows channels-last, elements shared
     * @param w       slopes, finite
     * @param wOffset first slope
     */
    public void forwardF64(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long n, double[] w, int wOffset) {
        ChannelDriver.forward(loops(), Format.F64, last, channels, spatial, x, xOffset, y, yOffset, n, w, wOffset);
    }

    /**
     * Backward on whole segments of doubles: the input gradient {@code dx} and the slope gradient {@code dw} in one pass.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} of them, finite
     * @param dw the slope gradient, {@code channels()} elements, written
     */
    public void backwardF64(MemorySegment x, MemorySegment dy, MemorySegment dx, double[] w, double[] dw) {
        long n = groups(length(Format.F64, x, "x"), "x");
        same(length(Format.F64, x, "x"), length(Format.F64, dy, "dy"), "dy");
        same(length(Format.F64, x, "x"), length(Format.F64, dx, "dx"), "dx");
        slopes(Format.F64, w, "w");
        slopes(Format.F64, dw, "dw");
        backwardF64(x, 0, dy, 0, dx, 0, n, w, 0, dw, 0);
    }

    /**
     * Backward on {@code n} groups: {@code dx = x > 0 ? dy : w[c] * dy}, and
     * {@code dw[c]} = the sum over channel {@code c} of {@code x > 0 ? 0 : x * dy}, in one pass.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, finite
     * @param wOffset  first slope
     * @param dw       slope gradient, written
     * @param dwOffset first element of {@code dw}
     */
    public void backwardF64(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n, double[] w, int wOffset,
                          double[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F64, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    /**
     * The input gradient alone, on whole segments of doubles.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} of them, finite
     */
    public void inputGradientF64(MemorySegment x, MemorySegment dy, MemorySegment dx, double[] w) {
        long n = groups(length(Format.F64, x, "x"), "x");
        same(length(Format.F64, x, "x"), length(Format.F64, dy, "dy"), "dy");
        same(length(Format.F64, x, "x"), length(Format.F64, dx, "dx"), "dx");
        slopes(Format.F64, w, "w");
        inputGradientF64(x, 0, dy, 0, dx, 0, n, w, 0);
    }

    /**
     * The input gradient alone on {@code n} groups: {@code dx = x > 0 ? dy : w[c] * dy}.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, finite
     * @param wOffset  first slope
     */
    public void inputGradientF64(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n, double[] w,
                               int wOffset) {
        ChannelDriver.backward(loops(), Format.F64, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset, null, 0);
    }

    /**
     * The slope gradient alone, on whole segments of doubles.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dw the slope gradient, {@code channels()} elements, written
     */
    public void slopeGradientF64(MemorySegment x, MemorySegment dy, double[] dw) {
        long n = groups(length(Format.F64, x, "x"), "x");
        same(length(Format.F64, x, "x"), length(Format.F64, dy, "dy"), "dy");
        slopes(Format.F64, dw, "dw");
        slopeGradientF64(x, 0, dy, 0, n, dw, 0);
    }

    /**
     * The slope gradient alone on {@code n} groups: {@code dw[c]} = the sum over channel {@code c}
     * of {@code x > 0 ? 0 : x * dy}, in the contract's order, rounded once.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param n        groups
     * @param dw       slope gradient, written
     * @param dwOffset first element of {@code dw}
     */
    public void slopeGradientF64(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, long n, double[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F64, last, channels, spatial, x, xOffset, dy, dyOffset, null, 0, n, null, 0,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    // ---- bfloat16: short[] ----

    /**
     * Forward on whole arrays of bfloat16 encodings: {@code y = x > 0 ? x : w[c] * x}, the
     * product rounded to float, then to bfloat16.
     *
     * @param x input, whole groups
     * @param y output, as large as {@code x}; may be {@code x}
     * @param w the slopes, {@code channels()} floats, finite
     */
    public void forwardBF16(short[] x, short[] y, float[] w) {
        long n = groups(length(Format.BF16, x, "x"), "x");
        same(length(Format.BF16, x, "x"), length(Format.BF16, y, "y"), "y");
        slopes(Format.BF16, w, "w");
        forwardBF16(x, 0, y, 0, (int) n, w, 0);
    }

    /**
     * Forward on {@code n} groups of bfloat16 encodings.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param n       groups: samples channels-first, rows channels-last, elements shared
     * @param w       slopes, floats, finite
     * @param wOffset first slope
     */
    public void forwardBF16(short[] x, int xOffset, short[] y, int yOffset, int n, float[] w, int wOffset) {
        ChannelDriver.forward(loops(), Format.BF16, last, channels, spatial, x, xOffset, y, yOffset, n, w, wOffset);
    }

    /**
     * Backward on whole arrays of bfloat16 encodings: the input gradient {@code dx} and the
     * slope gradient {@code dw} (floats) in one pass.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} floats, finite
     * @param dw the slope gradient, {@code channels()} floats, written
     */
    public void backwardBF16(short[] x, short[] dy, short[] dx, float[] w, float[] dw) {
        long n = groups(length(Format.BF16, x, "x"), "x");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dy, "dy"), "dy");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dx, "dx"), "dx");
        slopes(Format.BF16, w, "w");
        slopes(Format.BF16, dw, "dw");
        backwardBF16(x, 0, dy, 0, dx, 0, (int) n, w, 0, dw, 0);
    }

    /**
     * Backward on {@code n} groups of bfloat16 encodings: {@code dx = x > 0 ? dy : w[c] * dy}, and
     * {@code dw[c]} = the sum over channel {@code c} of {@code x > 0 ? 0 : x * dy} (the elements
     * widened to float: the bits of the float kernel on the widened tensors), in one pass.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, floats, finite
     * @param wOffset  first slope
     * @param dw       slope gradient, floats, written
     * @param dwOffset first element of {@code dw}
     */
    public void backwardBF16(short[] x, int xOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int n,
                             float[] w, int wOffset, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.BF16, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    /**
     * The input gradient alone, on whole arrays of bfloat16 encodings.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} floats, finite
     */
    public void inputGradientBF16(short[] x, short[] dy, short[] dx, float[] w) {
        long n = groups(length(Format.BF16, x, "x"), "x");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dy, "dy"), "dy");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dx, "dx"), "dx");
        slopes(Format.BF16, w, "w");
        inputGradientBF16(x, 0, dy, 0, dx, 0, (int) n, w, 0);
    }

    /**
     * The input gradient alone on {@code n} groups of bfloat16 encodings: {@code dx = x > 0 ? dy : w[c] * dy}.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, floats, finite
     * @param wOffset  first slope
     */
    public void inputGradientBF16(short[] x, int xOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int n,
                                  float[] w, int wOffset) {
        ChannelDriver.backward(loops(), Format.BF16, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset, null, 0);
    }

    /**
     * The slope gradient alone, on whole arrays of bfloat16 encodings.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dw the slope gradient, {@code channels()} floats, written
     */
    public void slopeGradientBF16(short[] x, short[] dy, float[] dw) {
        long n = groups(length(Format.BF16, x, "x"), "x");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dy, "dy"), "dy");
        slopes(Format.BF16, dw, "dw");
        slopeGradientBF16(x, 0, dy, 0, (int) n, dw, 0);
    }

    /**
     * The slope gradient alone on {@code n} groups of bfloat16 encodings: {@code dw[c]} = the sum
     * over channel {@code c} of {@code x > 0 ? 0 : x * dy}, the elements widened to float, in the
     * contract's order, rounded once to float: the bits of the float kernel on the widened tensors.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param n        groups
     * @param dw       slope gradient, floats, written
     * @param dwOffset first element of {@code dw}
     */
    public void slopeGradientBF16(short[] x, int xOffset, short[] dy, int dyOffset, int n, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.BF16, last, channels, spatial, x, xOffset, dy, dyOffset, null, 0, n, null, 0,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    // ---- bfloat16: segments of shorts ----

    /**
     * Forward on whole segments of bfloat16 encodings: {@code y = x > 0 ? x : w[c] * x}, the
     * product rounded to float, then to bfloat16.
     *
     * @param x input, whole groups
     * @param y output, as large as {@code x}; may be {@code x}
     * @param w the slopes, {@code channels()} floats, finite
     */
    public void forwardBF16(MemorySegment x, MemorySegment y, float[] w) {
        long n = groups(length(Format.BF16, x, "x"), "x");
        same(length(Format.BF16, x, "x"), length(Format.BF16, y, "y"), "y");
        slopes(Format.BF16, w, "w");
        forwardBF16(x, 0, y, 0, n, w, 0);
    }

    /**
     * Forward on {@code n} groups of bfloat16 encodings.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param n       groups: samples channels-first, rows channels-last, elements shared
     * @param w       slopes, floats, finite
     * @param wOffset first slope
     */
    public void forwardBF16(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long n, float[] w, int wOffset) {
        ChannelDriver.forward(loops(), Format.BF16, last, channels, spatial, x, xOffset, y, yOffset, n, w, wOffset);
    }

    /**
     * Backward on whole segments of bfloat16 encodings: the input gradient {@code dx} and the
     * slope gradient {@code dw} (floats) in one pass.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} floats, finite
     * @param dw the slope gradient, {@code channels()} floats, written
     */
    public void backwardBF16(MemorySegment x, MemorySegment dy, MemorySegment dx, float[] w, float[] dw) {
        long n = groups(length(Format.BF16, x, "x"), "x");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dy, "dy"), "dy");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dx, "dx"), "dx");
        slopes(Format.BF16, w, "w");
        slopes(Format.BF16, dw, "dw");
        backwardBF16(x, 0, dy, 0, dx, 0, n, w, 0, dw, 0);
    }

    /**
     * Backward on {@code n} groups of bfloat16 encodings: {@code dx = x > 0 ? dy : w[c] * dy}, and
     * {@code dw[c]} = the sum over channel {@code c} of {@code x > 0 ? 0 : x * dy} (the elements
     * widened to float: the bits of the float kernel on the widened tensors), in one pass.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, floats, finite
     * @param wOffset  first slope
     * @param dw       slope gradient, floats, written
     * @param dwOffset first element of {@code dw}
     */
    public void backwardBF16(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n,
                             float[] w, int wOffset, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.BF16, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    /**
     * The input gradient alone, on whole segments of bfloat16 encodings.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} floats, finite
     */
    public void inputGradientBF16(MemorySegment x, MemorySegment dy, MemorySegment dx, float[] w) {
        long n = groups(length(Format.BF16, x, "x"), "x");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dy, "dy"), "dy");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dx, "dx"), "dx");
        slopes(Format.BF16, w, "w");
        inputGradientBF16(x, 0, dy, 0, dx, 0, n, w, 0);
    }

    /**
     * The input gradient alone on {@code n} groups of bfloat16 encodings: {@code dx = x > 0 ? dy : w[c] * dy}.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, floats, finite
     * @param wOffset  first slope
     */
    public void inputGradientBF16(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n,
                                  float[] w, int wOffset) {
        ChannelDriver.backward(loops(), Format.BF16, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset, null, 0);
    }

    /**
     * The slope gradient alone, on whole segments of bfloat16 encodings.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dw the slope gradient, {@code channels()} floats, written
     */
    public void slopeGradientBF16(MemorySegment x, MemorySegment dy, float[] dw) {
        long n = groups(length(Format.BF16, x, "x"), "x");
        same(length(Format.BF16, x, "x"), length(Format.BF16, dy, "dy"), "dy");
        slopes(Format.BF16, dw, "dw");
        slopeGradientBF16(x, 0, dy, 0, n, dw, 0);
    }

    /**
     * The slope gradient alone on {@code n} groups of bfloat16 encodings: {@code dw[c]} = the sum
     * over channel {@code c} of {@code x > 0 ? 0 : x * dy}, the elements widened to float, in the
     * contract's order, rounded once to float: the bits of the float kernel on the widened tensors.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param n        groups
     * @param dw       slope gradient, floats, written
     * @param dwOffset first element of {@code dw}
     */
    public void slopeGradientBF16(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, long n, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.BF16, last, channels, spatial, x, xOffset, dy, dyOffset, null, 0, n, null, 0,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    // ---- binary16: short[] ----

    /**
     * Forward on whole arrays of binary16 encodings: {@code y = x > 0 ? x : w[c] * x}, the
     * product rounded to float, then to binary16.
     *
     * @param x input, whole groups
     * @param y output, as large as {@code x}; may be {@code x}
     * @param w the slopes, {@code channels()} floats, finite
     */
    public void forwardF16(short[] x, short[] y, float[] w) {
        long n = groups(length(Format.F16, x, "x"), "x");
        same(length(Format.F16, x, "x"), length(Format.F16, y, "y"), "y");
        slopes(Format.F16, w, "w");
        forwardF16(x, 0, y, 0, (int) n, w, 0);
    }

    /**
     * Forward on {@code n} groups of binary16 encodings.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param n       groups: samples channels-first, rows channels-last, elements shared
     * @param w       slopes, floats, finite
     * @param wOffset first slope
     */
    public void forwardF16(short[] x, int xOffset, short[] y, int yOffset, int n, float[] w, int wOffset) {
        ChannelDriver.forward(loops(), Format.F16, last, channels, spatial, x, xOffset, y, yOffset, n, w, wOffset);
    }

    /**
     * Backward on whole arrays of binary16 encodings: the input gradient {@code dx} and the
     * slope gradient {@code dw} (floats) in one pass.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} floats, finite
     * @param dw the slope gradient, {@code channels()} floats, written
     */
    public void backwardF16(short[] x, short[] dy, short[] dx, float[] w, float[] dw) {
        long n = groups(length(Format.F16, x, "x"), "x");
        same(length(Format.F16, x, "x"), length(Format.F16, dy, "dy"), "dy");
        same(length(Format.F16, x, "x"), length(Format.F16, dx, "dx"), "dx");
        slopes(Format.F16, w, "w");
        slopes(Format.F16, dw, "dw");
        backwardF16(x, 0, dy, 0, dx, 0, (int) n, w, 0, dw, 0);
    }

    /**
     * Backward on {@code n} groups of binary16 encodings: {@code dx = x > 0 ? dy : w[c] * dy}, and
     * {@code dw[c]} = the sum over channel {@code c} of {@code x > 0 ? 0 : x * dy} (the elements
     * widened to float: the bits of the float kernel on the widened tensors), in one pass.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, floats, finite
     * @param wOffset  first slope
     * @param dw       slope gradient, floats, written
     * @param dwOffset first element of {@code dw}
     */
    public void backwardF16(short[] x, int xOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int n,
                             float[] w, int wOffset, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F16, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    /**
     * The input gradient alone, on whole arrays of binary16 encodings.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} floats, finite
     */
    public void inputGradientF16(short[] x, short[] dy, short[] dx, float[] w) {
        long n = groups(length(Format.F16, x, "x"), "x");
        same(length(Format.F16, x, "x"), length(Format.F16, dy, "dy"), "dy");
        same(length(Format.F16, x, "x"), length(Format.F16, dx, "dx"), "dx");
        slopes(Format.F16, w, "w");
        inputGradientF16(x, 0, dy, 0, dx, 0, (int) n, w, 0);
    }

    /**
     * The input gradient alone on {@code n} groups of binary16 encodings: {@code dx = x > 0 ? dy : w[c] * dy}.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, floats, finite
     * @param wOffset  first slope
     */
    public void inputGradientF16(short[] x, int xOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int n,
                                  float[] w, int wOffset) {
        ChannelDriver.backward(loops(), Format.F16, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset, null, 0);
    }

    /**
     * The slope gradient alone, on whole arrays of binary16 encodings.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dw the slope gradient, {@code channels()} floats, written
     */
    public void slopeGradientF16(short[] x, short[] dy, float[] dw) {
        long n = groups(length(Format.F16, x, "x"), "x");
        same(length(Format.F16, x, "x"), length(Format.F16, dy, "dy"), "dy");
        slopes(Format.F16, dw, "dw");
        slopeGradientF16(x, 0, dy, 0, (int) n, dw, 0);
    }

    /**
     * The slope gradient alone on {@code n} groups of binary16 encodings: {@code dw[c]} = the sum
     * over channel {@code c} of {@code x > 0 ? 0 : x * dy}, the elements widened to float, in the
     * contract's order, rounded once to float: the bits of the float kernel on the widened tensors.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param n        groups
     * @param dw       slope gradient, floats, written
     * @param dwOffset first element of {@code dw}
     */
    public void slopeGradientF16(short[] x, int xOffset, short[] dy, int dyOffset, int n, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F16, last, channels, spatial, x, xOffset, dy, dyOffset, null, 0, n, null, 0,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    // ---- binary16: segments of shorts ----

    /**
     * Forward on whole segments of binary16 encodings: {@code y = x > 0 ? x : w[c] * x}, the
     * product rounded to float, then to binary16.
     *
     * @param x input, whole groups
     * @param y output, as large as {@code x}; may be {@code x}
     * @param w the slopes, {@code channels()} floats, finite
     */
    public void forwardF16(MemorySegment x, MemorySegment y, float[] w) {
        long n = groups(length(Format.F16, x, "x"), "x");
        same(length(Format.F16, x, "x"), length(Format.F16, y, "y"), "y");
        slopes(Format.F16, w, "w");
        forwardF16(x, 0, y, 0, n, w, 0);
    }

    /**
     * Forward on {@code n} groups of binary16 encodings.
     *
     * @param x       input
     * @param xOffset first element of {@code x}
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first element of {@code y}
     * @param n       groups: samples channels-first, rows channels-last, elements shared
     * @param w       slopes, floats, finite
     * @param wOffset first slope
     */
    public void forwardF16(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long n, float[] w, int wOffset) {
        ChannelDriver.forward(loops(), Format.F16, last, channels, spatial, x, xOffset, y, yOffset, n, w, wOffset);
    }

    /**
     * Backward on whole segments of binary16 encodings: the input gradient {@code dx} and the
     * slope gradient {@code dw} (floats) in one pass.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} floats, finite
     * @param dw the slope gradient, {@code channels()} floats, written
     */
    public void backwardF16(MemorySegment x, MemorySegment dy, MemorySegment dx, float[] w, float[] dw) {
        long n = groups(length(Format.F16, x, "x"), "x");
        same(length(Format.F16, x, "x"), length(Format.F16, dy, "dy"), "dy");
        same(length(Format.F16, x, "x"), length(Format.F16, dx, "dx"), "dx");
        slopes(Format.F16, w, "w");
        slopes(Format.F16, dw, "dw");
        backwardF16(x, 0, dy, 0, dx, 0, n, w, 0, dw, 0);
    }

    /**
     * Backward on {@code n} groups of binary16 encodings: {@code dx = x > 0 ? dy : w[c] * dy}, and
     * {@code dw[c]} = the sum over channel {@code c} of {@code x > 0 ? 0 : x * dy} (the elements
     * widened to float: the bits of the float kernel on the widened tensors), in one pass.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, floats, finite
     * @param wOffset  first slope
     * @param dw       slope gradient, floats, written
     * @param dwOffset first element of {@code dw}
     */
    public void backwardF16(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n,
                             float[] w, int wOffset, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F16, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    /**
     * The input gradient alone, on whole segments of binary16 encodings.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dx gradient of the input, as large as {@code x}; may be {@code x} or {@code dy}
     * @param w  the slopes, {@code channels()} floats, finite
     */
    public void inputGradientF16(MemorySegment x, MemorySegment dy, MemorySegment dx, float[] w) {
        long n = groups(length(Format.F16, x, "x"), "x");
        same(length(Format.F16, x, "x"), length(Format.F16, dy, "dy"), "dy");
        same(length(Format.F16, x, "x"), length(Format.F16, dx, "dx"), "dx");
        slopes(Format.F16, w, "w");
        inputGradientF16(x, 0, dy, 0, dx, 0, n, w, 0);
    }

    /**
     * The input gradient alone on {@code n} groups of binary16 encodings: {@code dx = x > 0 ? dy : w[c] * dy}.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param n        groups
     * @param w        slopes, floats, finite
     * @param wOffset  first slope
     */
    public void inputGradientF16(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n,
                                  float[] w, int wOffset) {
        ChannelDriver.backward(loops(), Format.F16, last, channels, spatial, x, xOffset, dy, dyOffset,
                Objects.requireNonNull(dx, "dx"), dxOffset, n, Objects.requireNonNull(w, "w"), wOffset, null, 0);
    }

    /**
     * The slope gradient alone, on whole segments of binary16 encodings.
     *
     * @param x  forward input, whole groups
     * @param dy gradient of the output, as large as {@code x}
     * @param dw the slope gradient, {@code channels()} floats, written
     */
    public void slopeGradientF16(MemorySegment x, MemorySegment dy, float[] dw) {
        long n = groups(length(Format.F16, x, "x"), "x");
        same(length(Format.F16, x, "x"), length(Format.F16, dy, "dy"), "dy");
        slopes(Format.F16, dw, "dw");
        slopeGradientF16(x, 0, dy, 0, n, dw, 0);
    }

    /**
     * The slope gradient alone on {@code n} groups of binary16 encodings: {@code dw[c]} = the sum
     * over channel {@code c} of {@code x > 0 ? 0 : x * dy}, the elements widened to float, in the
     * contract's order, rounded once to float: the bits of the float kernel on the widened tensors.
     *
     * @param x        forward input
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param n        groups
     * @param dw       slope gradient, floats, written
     * @param dwOffset first element of {@code dw}
     */
    public void slopeGradientF16(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, long n, float[] dw, int dwOffset) {
        ChannelDriver.backward(loops(), Format.F16, last, channels, spatial, x, xOffset, dy, dyOffset, null, 0, n, null, 0,
                Objects.requireNonNull(dw, "dw"), dwOffset);
    }

    // ---- Identity. ----

    /**
     * The layout and shape, e.g. {@code prelu(channels-first, channels=64, spatial=784)}, and a chosen engine.
     *
     * @return a description
     */
    @Override
    public String toString() {
        String s = channels == 1 && !last && spatial == 1 ? "prelu(shared)"
                : "prelu(" + (last ? "channels-last" : "channels-first") + ", channels=" + channels
                + (last ? "" : ", spatial=" + spatial) + ")";
        return engine == null ? s : s + " on " + engine.name();
    }

    /**
     * Whether {@code o} is a PReLU of the same layout, shape and engine.
     *
     * @param o another object
     * @return whether they are equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Prelu p && p.last == last && p.channels == channels && p.spatial == spatial
                && Objects.equals(p.engine, engine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(last, channels, spatial, engine);
    }
    // ---- Masks: the forward pass with one bit per element, and the input gradient from it ----

    /** The layout as the fused forms' driver cuts it. */
    private FusedDriver.Shape shape() {
        return last ? FusedDriver.Shape.rows(channels) : FusedDriver.Shape.channels(channels, spatial);
    }

    /**
     * Forward on {@code n} groups of floats, and the mask: bit {@code maskOffset + i} set where
     * {@code x > 0}, where the input gradient passes {@code dy} (see the contract, "Masks, bias and
     * counts").
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     * @param mask       the mask: bit {@code b} is bit {@code b % 64} of word {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     */
    public void forward(float[] x, int xOffset, float[] y, int yOffset, int n, float[] w, int wOffset, long[] mask,
                        long maskOffset) {
        FusedDriver.preluForward(loops(), Format.F32, shape(), x, xOffset, y, yOffset, mask, maskOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * The input gradient from the forward pass's mask on {@code n} groups of floats:
     * {@code dx = bit ? dy : w[c] * dy}, bit for bit the input gradient from the forward input.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     */
    public void inputGradient(long[] mask, long maskOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int n,
                               float[] w, int wOffset) {
        FusedDriver.preluBackward(loops(), Format.F32, shape(), mask, maskOffset, dy, dyOffset, dx, dxOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * Forward on {@code n} groups of doubles, and the mask: bit {@code maskOffset + i} set where
     * {@code x > 0}, where the input gradient passes {@code dy} (see the contract, "Masks, bias and
     * counts").
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     * @param mask       the mask: bit {@code b} is bit {@code b % 64} of word {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     */
    public void forward(double[] x, int xOffset, double[] y, int yOffset, int n, double[] w, int wOffset, long[] mask,
                        long maskOffset) {
        FusedDriver.preluForward(loops(), Format.F64, shape(), x, xOffset, y, yOffset, mask, maskOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * The input gradient from the forward pass's mask on {@code n} groups of doubles:
     * {@code dx = bit ? dy : w[c] * dy}, bit for bit the input gradient from the forward input.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     */
    public void inputGradient(long[] mask, long maskOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int n,
                               double[] w, int wOffset) {
        FusedDriver.preluBackward(loops(), Format.F64, shape(), mask, maskOffset, dy, dyOffset, dx, dxOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * Forward on {@code n} groups of bfloat16 encodings, and the mask: bit {@code maskOffset + i} set where
     * {@code x > 0}, where the input gradient passes {@code dy} (see the contract, "Masks, bias and
     * counts").
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     * @param mask       the mask: bit {@code b} is bit {@code b % 64} of word {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     */
    public void forwardBF16(short[] x, int xOffset, short[] y, int yOffset, int n, float[] w, int wOffset, long[] mask,
                        long maskOffset) {
        FusedDriver.preluForward(loops(), Format.BF16, shape(), x, xOffset, y, yOffset, mask, maskOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * The input gradient from the forward pass's mask on {@code n} groups of bfloat16 encodings:
     * {@code dx = bit ? dy : w[c] * dy}, bit for bit the input gradient from the forward input.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     */
    public void inputGradientBF16(long[] mask, long maskOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int n,
                               float[] w, int wOffset) {
        FusedDriver.preluBackward(loops(), Format.BF16, shape(), mask, maskOffset, dy, dyOffset, dx, dxOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * Forward on {@code n} groups of binary16 encodings, and the mask: bit {@code maskOffset + i} set where
     * {@code x > 0}, where the input gradient passes {@code dy} (see the contract, "Masks, bias and
     * counts").
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     * @param mask       the mask: bit {@code b} is bit {@code b % 64} of word {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     */
    public void forwardF16(short[] x, int xOffset, short[] y, int yOffset, int n, float[] w, int wOffset, long[] mask,
                        long maskOffset) {
        FusedDriver.preluForward(loops(), Format.F16, shape(), x, xOffset, y, yOffset, mask, maskOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * The input gradient from the forward pass's mask on {@code n} groups of binary16 encodings:
     * {@code dx = bit ? dy : w[c] * dy}, bit for bit the input gradient from the forward input.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     */
    public void inputGradientF16(long[] mask, long maskOffset, short[] dy, int dyOffset, short[] dx, int dxOffset, int n,
                               float[] w, int wOffset) {
        FusedDriver.preluBackward(loops(), Format.F16, shape(), mask, maskOffset, dy, dyOffset, dx, dxOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * Forward on {@code n} groups of floats in segments, and the mask: bit {@code maskOffset + i} set where
     * {@code x > 0}, where the input gradient passes {@code dy} (see the contract, "Masks, bias and
     * counts").
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     * @param mask       the mask (longs, native byte order): bit {@code b} is bit {@code b % 64} of word {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     */
    public void forwardMaskedF32(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long n, float[] w, int wOffset, MemorySegment mask,
                        long maskOffset) {
        FusedDriver.preluForward(loops(), Format.F32, shape(), x, xOffset, y, yOffset, mask, maskOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * The input gradient from the forward pass's mask on {@code n} groups of floats in segments:
     * {@code dx = bit ? dy : w[c] * dy}, bit for bit the input gradient from the forward input.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     */
    public void inputGradientMaskedF32(MemorySegment mask, long maskOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n,
                               float[] w, int wOffset) {
        FusedDriver.preluBackward(loops(), Format.F32, shape(), mask, maskOffset, dy, dyOffset, dx, dxOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * Forward on {@code n} groups of doubles in segments, and the mask: bit {@code maskOffset + i} set where
     * {@code x > 0}, where the input gradient passes {@code dy} (see the contract, "Masks, bias and
     * counts").
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     * @param mask       the mask (longs, native byte order): bit {@code b} is bit {@code b % 64} of word {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     */
    public void forwardMaskedF64(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long n, double[] w, int wOffset, MemorySegment mask,
                        long maskOffset) {
        FusedDriver.preluForward(loops(), Format.F64, shape(), x, xOffset, y, yOffset, mask, maskOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * The input gradient from the forward pass's mask on {@code n} groups of doubles in segments:
     * {@code dx = bit ? dy : w[c] * dy}, bit for bit the input gradient from the forward input.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     */
    public void inputGradientMaskedF64(MemorySegment mask, long maskOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n,
                               double[] w, int wOffset) {
        FusedDriver.preluBackward(loops(), Format.F64, shape(), mask, maskOffset, dy, dyOffset, dx, dxOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * Forward on {@code n} groups of bfloat16 encodings in segments, and the mask: bit {@code maskOffset + i} set where
     * {@code x > 0}, where the input gradient passes {@code dy} (see the contract, "Masks, bias and
     * counts").
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     * @param mask       the mask (longs, native byte order): bit {@code b} is bit {@code b % 64} of word {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     */
    public void forwardMaskedBF16(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long n, float[] w, int wOffset, MemorySegment mask,
                        long maskOffset) {
        FusedDriver.preluForward(loops(), Format.BF16, shape(), x, xOffset, y, yOffset, mask, maskOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * The input gradient from the forward pass's mask on {@code n} groups of bfloat16 encodings in segments:
     * {@code dx = bit ? dy : w[c] * dy}, bit for bit the input gradient from the forward input.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     */
    public void inputGradientMaskedBF16(MemorySegment mask, long maskOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n,
                               float[] w, int wOffset) {
        FusedDriver.preluBackward(loops(), Format.BF16, shape(), mask, maskOffset, dy, dyOffset, dx, dxOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * Forward on {@code n} groups of binary16 encodings in segments, and the mask: bit {@code maskOffset + i} set where
     * {@code x > 0}, where the input gradient passes {@code dy} (see the contract, "Masks, bias and
     * counts").
     *
     * @param x          input
     * @param xOffset    first element of {@code x}
     * @param y          output; may be {@code x} at the same offset
     * @param yOffset    first element of {@code y}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     * @param mask       the mask (longs, native byte order): bit {@code b} is bit {@code b % 64} of word {@code b / 64}
     * @param maskOffset the bit of element {@code xOffset}; the bits outside the range are kept
     */
    public void forwardMaskedF16(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long n, float[] w, int wOffset, MemorySegment mask,
                        long maskOffset) {
        FusedDriver.preluForward(loops(), Format.F16, shape(), x, xOffset, y, yOffset, mask, maskOffset,
                shape().elements(n), w, wOffset);
    }

    /**
     * The input gradient from the forward pass's mask on {@code n} groups of binary16 encodings in segments:
     * {@code dx = bit ? dy : w[c] * dy}, bit for bit the input gradient from the forward input.
     *
     * @param mask       the forward pass's mask
     * @param maskOffset the bit of element {@code dyOffset}
     * @param dy         gradient of the output
     * @param dyOffset   first element of {@code dy}
     * @param dx         gradient of the input; may be {@code dy} at the same offset
     * @param dxOffset   first element of {@code dx}
     * @param n          groups
     * @param w          slopes, finite
     * @param wOffset    first slope
     */
    public void inputGradientMaskedF16(MemorySegment mask, long maskOffset, MemorySegment dy, long dyOffset, MemorySegment dx, long dxOffset, long n,
                               float[] w, int wOffset) {
        FusedDriver.preluBackward(loops(), Format.F16, shape(), mask, maskOffset, dy, dyOffset, dx, dxOffset,
                shape().elements(n), w, wOffset);
    }
}
