package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * One implementation of every relu4j kernel, in the offset form: the element at {@code xOffset + i}
 * of {@code x} gives the element at {@code yOffset + i} of {@code y}, for {@code 0 <= i < length}.
 * Each kernel exists for {@code float[]}, {@code double[]}, and {@link MemorySegment}s of floats
 * or doubles (the {@code *Float} and {@code *Double} methods).
 *
 * <h2>Numeric contract</h2>
 * Every implementation returns exactly these bits (PyTorch's CPU semantics); double alike:
 * <pre>
 * ReLU forward         y  = x &lt; 0 ? 0 : x
 * ReLU backward        dx = x &lt;= 0 ? 0 : dy
 * Leaky ReLU forward   y  = x &gt; 0 ? x : x * alpha
 * Leaky ReLU backward  dx = x &gt; 0 ? dy : dy * alpha
 * </pre>
 * <ul>
 *   <li>ReLU forward keeps {@code -0.0} as {@code -0.0} (it is not {@code Math.max(x, 0)}), and
 *       passes NaN through with its payload, signalling NaNs included.</li>
 *   <li>ReLU backward gives {@code +0.0} where {@code x} is {@code ±0.0} (the gradient at 0 is 0)
 *       and lets {@code dy} through where {@code x} is NaN. {@code x} may be the forward input or
 *       its output: both give the same bits.</li>
 *   <li>Leaky ReLU maps {@code -0.0} to {@code -0.0 * alpha}; a NaN {@code x} (forward) or
 *       {@code dy} (backward, where {@code x <= 0} or NaN) comes out as the multiply makes it
 *       (quieted, payload kept). Where {@code x > 0} the value or {@code dy} passes unchanged.
 *       {@code x} must be the forward input; its output may stand in only when {@code alpha >= 0}.</li>
 *   <li>{@code alpha} may be any finite value (negative and above 1 too); NaN or infinite alpha
 *       throws {@link IllegalArgumentException}. It is not {@code max(x, alpha * x)}.</li>
 * </ul>
 *
 * <h2>Arguments</h2>
 * Every check runs before any element is written, in this order: a null array throws
 * {@link NullPointerException}; a range outside its array {@link IndexOutOfBoundsException} (as
 * {@link java.util.Objects#checkFromIndexSize}); an output range that partially overlaps an input
 * range of the same array {@link IllegalArgumentException}; a non-finite alpha
 * {@link IllegalArgumentException}. An output that is exactly an input (same array, same offset)
 * is in-place use and gives the same bits. Nothing outside the given ranges is read or written.
 * Length 0 is a no-op.
 *
 * <h2>Memory segments</h2>
 * The segment kernels read and write elements in native byte order ({@link ValueLayout#JAVA_FLOAT},
 * {@link ValueLayout#JAVA_DOUBLE}); offsets and lengths count elements, not bytes, from the start
 * of each segment. Any segment works: native ({@code Arena.allocate}), heap over any primitive
 * array ({@code MemorySegment.ofArray}), mapped, and at any address: elements need not be aligned
 * to their size (aligned ones are faster). Inputs may be read-only. A read-only output throws
 * {@link IllegalArgumentException}, as the JDK does for any write to it; a segment whose arena is
 * closed throws {@link IllegalStateException}, and one used from a thread its arena does not
 * allow throws {@link WrongThreadException}: all before any element is written. With length 0
 * no memory is touched, so, as with the JDK's own zero-length copies, a closed or other-thread
 * segment is no error then. Segments that view the same memory count as the same array: an
 * output may coincide exactly with an input, but not partially overlap it.
 *
 * <h2>Implementations</h2>
 * {@link #scalar()} is the reference, {@link #vector()} the Java Vector API kernels, and
 * {@link #preferred()} the one {@link Relu} and {@link LeakyRelu} use. All are stateless and
 * thread-safe.
 *
 * <h2>Threads</h2>
 * {@link #scalar()} and {@link #vector()} run on the calling thread. {@link #parallel(ReluKernels, int)}
 * runs either on several threads of a {@link ForkJoinPool}, and {@link #preferred()} does so by
 * default, but only from a threshold of 1048576 elements (2<sup>20</sup>): below it every call
 * stays on the calling thread and creates no task. From it on, a call cuts its range into at
 * most {@code parallelism} contiguous pieces of at least 524288 elements, runs one kernel per
 * piece, the caller taking pieces too, and returns once all have ended; the bits are those of
 * the single-threaded kernels. The caller never waits for a piece that no thread has started,
 * so a busy pool, a pool whose threads are all blocked, or a call from inside a pool task
 * degrades to the caller doing the work, never to a deadlock. An exception from any piece is
 * thrown to the caller (the argument checks all run first, on the caller, as above). Segments
 * are split only when every one of them may be accessed from any thread (global, automatic and
 * shared arenas); segments of a confined arena run on the calling thread. The system property
 * {@code relu4j.parallel.threshold} (a positive integer, read once) moves the threshold, for
 * experiments; pieces are then at least half of it, up to 524288 elements.
 */
public sealed interface ReluKernels permits CheckedReluKernels {

    /**
     * ReLU forward on floats: {@code y = x < 0 ? 0 : x}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     */
    void reluForward(float[] x, int xOffset, float[] y, int yOffset, int length);

    /**
     * ReLU forward on doubles: {@code y = x < 0 ? 0 : x}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     */
    void reluForward(double[] x, int xOffset, double[] y, int yOffset, int length);

    /**
     * ReLU backward on floats: {@code dx = x <= 0 ? 0 : dy}.
     *
     * @param x        forward input (or forward output)
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    void reluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length);

    /**
     * ReLU backward on doubles: {@code dx = x <= 0 ? 0 : dy}.
     *
     * @param x        forward input (or forward output)
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    void reluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int length);

    /**
     * Leaky ReLU forward on floats: {@code y = x > 0 ? x : x * alpha}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @param alpha   slope for {@code x <= 0}; any finite value
     */
    void leakyReluForward(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha);

    /**
     * Leaky ReLU forward on doubles: {@code y = x > 0 ? x : x * alpha}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @param alpha   slope for {@code x <= 0}; any finite value
     */
    void leakyReluForward(double[] x, int xOffset, double[] y, int yOffset, int length, double alpha);

    /**
     * Leaky ReLU backward on floats: {@code dx = x > 0 ? dy : dy * alpha}.
     *
     * @param x        forward input (the forward output only when {@code alpha >= 0})
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @param alpha    slope for {@code x <= 0}; any finite value
     */
    void leakyReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                           int length, float alpha);

    /**
     * Leaky ReLU backward on doubles: {@code dx = x > 0 ? dy : dy * alpha}.
     *
     * @param x        forward input (the forward output only when {@code alpha >= 0})
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @param alpha    slope for {@code x <= 0}; any finite value
     */
    void leakyReluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset,
                           int length, double alpha);

    /**
     * ReLU forward on a segment of floats: {@code y = x < 0 ? 0 : x}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     */
    void reluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length);

    /**
     * ReLU forward on a segment of doubles: {@code y = x < 0 ? 0 : x}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     */
    void reluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length);

    /**
     * ReLU backward on segments of floats: {@code dx = x <= 0 ? 0 : dy}.
     *
     * @param x        forward input (or forward output)
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    void reluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                           long dxOffset, long length);

    /**
     * ReLU backward on segments of doubles: {@code dx = x <= 0 ? 0 : dy}.
     *
     * @param x        forward input (or forward output)
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     */
    void reluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                            long dxOffset, long length);

    /**
     * Leaky ReLU forward on a segment of floats: {@code y = x > 0 ? x : x * alpha}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @param alpha   slope for {@code x <= 0}; any finite value
     */
    void leakyReluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                               float alpha);

    /**
     * Leaky ReLU forward on a segment of doubles: {@code y = x > 0 ? x : x * alpha}.
     *
     * @param x       input
     * @param xOffset first input element
     * @param y       output; may be {@code x} at the same offset
     * @param yOffset first output element
     * @param length  number of elements
     * @param alpha   slope for {@code x <= 0}; any finite value
     */
    void leakyReluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                                double alpha);

    /**
     * Leaky ReLU backward on segments of floats: {@code dx = x > 0 ? dy : dy * alpha}.
     *
     * @param x        forward input (the forward output only when {@code alpha >= 0})
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @param alpha    slope for {@code x <= 0}; any finite value
     */
    void leakyReluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                                long dxOffset, long length, float alpha);

    /**
     * Leaky ReLU backward on segments of doubles: {@code dx = x > 0 ? dy : dy * alpha}.
     *
     * @param x        forward input (the forward output only when {@code alpha >= 0})
     * @param xOffset  first element of {@code x}
     * @param dy       gradient of the output
     * @param dyOffset first element of {@code dy}
     * @param dx       gradient of the input; may be {@code x} or {@code dy} at the same offset
     * @param dxOffset first element of {@code dx}
     * @param length   number of elements
     * @param alpha    slope for {@code x <= 0}; any finite value
     */
    void leakyReluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                                 long dxOffset, long length, double alpha);

    /**
     * A short name for logs and benchmarks: {@code "scalar"} or {@code "vector"}, followed, for
     * kernels that run on several threads, by their parallelism ({@code "vector x8"}).
     *
     * @return the implementation's name
     */
    String name();

    /**
     * The scalar reference: the contract above, written literally, one element at a time, on the
     * calling thread.
     *
     * @return the scalar kernels
     */
    static ReluKernels scalar() {
        return ScalarReluKernels.INSTANCE;
    }

    /**
     * The Java Vector API kernels, whatever the JVM's JIT settings (without C2 they are correct
     * but slow), on the calling thread.
     *
     * @return the vector kernels
     * @throws UnsupportedOperationException if the {@code jdk.incubator.vector} module is not
     *         readable (start the JVM with {@code --add-modules jdk.incubator.vector})
     */
    static ReluKernels vector() {
        return KernelSelector.vector();
    }

    /**
     * The kernels this JVM runs fastest, chosen once: {@link #vector()} when the
     * {@code jdk.incubator.vector} module is readable, the JVM is HotSpot with C2 and the preferred
     * vector is at least 128 bits wide; {@link #scalar()} otherwise, with one WARNING through
     * {@link System.Logger} (logger {@code io.github.relu4j}) saying why. The system property
     * {@code relu4j.vector=true|false} overrides the choice ({@code true} still needs the module).
     *
     * <p>From the threshold of 1048576 elements on (see Threads above), these kernels run on up to
     * {@link Runtime#availableProcessors()} threads: the caller and the threads of
     * {@link ForkJoinPool#commonPool()}. The system property {@code relu4j.parallelism}, a
     * positive integer, sets that number instead; {@code 1} keeps every call on the calling
     * thread. Any other value is ignored, and the one log line says so; it also names the
     * parallelism and the threshold.
     *
     * @return the preferred kernels
     */
    static ReluKernels preferred() {
        return KernelSelector.preferred();
    }

    /**
     * {@code kernels} on up to {@code parallelism} threads, from the threshold on (see Threads
     * above): the calling thread and threads of {@link ForkJoinPool#commonPool()}. The result
     * gives the bits of {@code kernels}. Kernels that are already parallel are unwrapped first,
     * so this replaces their parallelism.
     *
     * @param kernels     {@link #scalar()}, {@link #vector()}, {@link #preferred()}, or kernels
     *                    this method returned
     * @param parallelism the most threads one call uses, the caller included; {@code 1} returns
     *                    the single-threaded kernels themselves
     * @return the parallel kernels, or for {@code parallelism == 1} the single-threaded ones
     * @throws NullPointerException     if {@code kernels} is null
     * @throws IllegalArgumentException if {@code parallelism < 1}
     */
    static ReluKernels parallel(ReluKernels kernels, int parallelism) {
        CheckedReluKernels serial = ParallelReluKernels.serial(Objects.requireNonNull(kernels, "kernels"));
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        return parallelism == 1 ? serial : ParallelReluKernels.of(serial, parallelism, ForkJoinPool.commonPool());
    }

    /**
     * {@code kernels} on the threads of {@code pool} and the calling thread, from the threshold
     * on (see Threads above): one call uses up to {@code pool.getParallelism() + 1} threads. The
     * result gives the bits of {@code kernels}. Kernels that are already parallel are unwrapped
     * first. A call still completes, on the calling thread, if the pool is busy or shut down.
     *
     * @param kernels {@link #scalar()}, {@link #vector()}, {@link #preferred()}, or kernels a
     *                {@code parallel} method returned
     * @param pool    where the other pieces of a call run
     * @return the parallel kernels
     * @throws NullPointerException if an argument is null
     */
    static ReluKernels parallel(ReluKernels kernels, ForkJoinPool pool) {
        CheckedReluKernels serial = ParallelReluKernels.serial(Objects.requireNonNull(kernels, "kernels"));
        Objects.requireNonNull(pool, "pool");
        return ParallelReluKernels.of(serial, pool.getParallelism() + 1, pool);
    }
}
