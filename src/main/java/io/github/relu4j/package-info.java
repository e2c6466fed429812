/**
 * SIMD kernels of the ReLU family, forward and backward, for the JVM: every activation is an
 * {@link io.github.relu4j.Activation} ({@code Activation.relu()}, {@code leakyRelu(alpha)},
 * {@code hardtanh(min, max)}, {@code relu6()}, {@code threshold(t, v)}, {@code rrelu(lower, upper)}),
 * or a {@link io.github.relu4j.Prelu} with learned slopes per channel, run by an
 * {@link io.github.relu4j.Engine}. This page is the contract; every engine, on every CPU and vector
 * width, interpreted or compiled, keeps it.
 *
 * <h2>Bits</h2>
 * Every kernel returns exactly these bits, compared as raw bits ({@code Float.floatToRawIntBits},
 * {@code Double.doubleToRawLongBits}). They are PyTorch's CPU results, so outputs can be swapped
 * with PyTorch's. Doubles alike.
 * <table class="striped">
 *   <caption>The kernels</caption>
 *   <thead><tr><th>activation</th><th>forward</th><th>backward</th></tr></thead>
 *   <tbody>
 *   <tr><td>ReLU</td><td>{@code y = x < 0 ? 0 : x}</td><td>{@code dx = x <= 0 ? 0 : dy}</td></tr>
 *   <tr><td>Leaky ReLU</td><td>{@code y = x > 0 ? x : x * alpha}</td>
 *       <td>{@code dx = x > 0 ? dy : dy * alpha}</td></tr>
 *   <tr><td>Hardtanh (ReLU6 = Hardtanh(0, 6))</td><td>{@code y = x < min ? min : (x > max ? max : x)}</td>
 *       <td>{@code dx = (x <= min || x >= max) ? 0 : dy}</td></tr>
 *   <tr><td>Threshold</td><td>{@code y = x <= threshold ? value : x}</td>
 *       <td>{@code dx = x <= threshold ? 0 : dy}</td></tr>
 *   </tbody>
 * </table>
 * <ul>
 *   <li>ReLU forward keeps {@code -0.0} as {@code -0.0}: it is not {@code Math.max(x, 0)}, which
 *       returns {@code +0.0}. NaN passes through with its payload, signalling NaNs included;
 *       {@code +Inf} stays.</li>
 *   <li>Every zero a kernel writes (a clipped gradient, ReLU of a negative) is {@code +0.0}. The
 *       gradient at exactly {@code ±0} is 0 for ReLU, and at exactly a bound for Hardtanh.</li>
 *   <li>A NaN {@code x} fails every comparison: ReLU, Hardtanh and Threshold pass it forward
 *       unchanged and let {@code dy} through backward; Leaky ReLU multiplies it (forward) or
 *       {@code dy} (backward), so the result is as the IEEE multiply makes it: quieted, payload
 *       kept.</li>
 *   <li>Leaky ReLU maps {@code -0.0} to {@code -0.0 * alpha}. Any finite {@code alpha} is allowed,
 *       negative and above 1 too; it is not {@code max(x, alpha * x)}, which is wrong for
 *       {@code alpha > 1} and {@code alpha < 0}.</li>
 *   <li>Hardtanh keeps {@code -0.0} when {@code min = 0} (ReLU6), as PyTorch's {@code clamp} does.</li>
 *   <li>Parameters are validated when the activation is made: NaN or infinite {@code alpha},
 *       bounds, {@code threshold} or {@code value}, or {@code min > max}, throw
 *       {@link java.lang.IllegalArgumentException}. Float kernels use them rounded to float; a
 *       parameter that overflows to infinity as a float is rejected by the float methods the same
 *       way, before anything is written.</li>
 * </ul>
 *
 * <p><b>Which {@code x} the backward kernels take.</b> ReLU's and Hardtanh's may be given the
 * forward output instead of the input: for ReLU always, for Hardtanh because {@code min <= max},
 * the bits are the same. Leaky ReLU's may take the output only when {@code alpha >= 0}, and
 * Threshold's only when {@code value <= threshold}; otherwise they need the input. The 16-bit
 * kernels write parameters rounded to their format, and their backward compares with the float
 * ones: there Hardtanh's may take the output only when {@code min} rounds to at most
 * {@code min} and {@code max} to at least {@code max} (binary16 rounds {@code -0.1} up to
 * {@code -0.09997...}, so {@code hardtanh(-0.1, 0.3)} needs the input), and Threshold's only when
 * {@code value} rounded is at most {@code threshold}.
 *
 * <p><b>Where PyTorch differs.</b> Its vectorised {@code leaky_relu_backward} computes
 * {@code dy * (x > 0 ? 1 : alpha)}, which quiets a signalling-NaN {@code dy} where {@code x > 0};
 * relu4j, like PyTorch's scalar path, passes {@code dy} unchanged there. Its vectorised
 * {@code hardtanh_backward} gives 0 for a NaN {@code x}; relu4j, like its scalar path, passes
 * {@code dy}.
 *
 * <h2>16-bit formats</h2>
 * {@code BF16} (bfloat16: the upper 16 bits of a float) and {@code F16} (IEEE binary16) elements
 * are their encodings, in {@code short[]} or in a segment of shorts; the table above is computed
 * on them as PyTorch's CPU kernels compute its reduced-precision types: each element is widened
 * to float (exactly), compared and multiplied in float, and a computed result is rounded to the
 * format, to nearest with ties to even, overflowing to infinity and underflowing gradually, no
 * flush to zero. Parameters are used as floats, as for {@code F32}. Precisely:
 * <ul>
 *   <li>Selections never round. ReLU, Hardtanh and Threshold, forward and backward, and the
 *       backward kernels' {@code dy} where it passes, return an input's bits unchanged, {@code +0},
 *       or a parameter ({@code min}, {@code max}, {@code value}) rounded once from its float to
 *       the format. A parameter whose encoding would be infinite is rejected like a non-finite
 *       one (binary16's largest finite value is 65504).</li>
 *   <li>Products round twice: Leaky ReLU (and PReLU) gives
 *       {@code round16(round32(float(x) * alpha))} forward and
 *       {@code round16(round32(float(dy) * alpha))} backward, PyTorch's double rounding
 *       reproduced exactly, ties, subnormals and overflow included.</li>
 *   <li>NaN: a selected NaN keeps its bits, payload and signalling bit included. A multiplied
 *       NaN comes out as itself with the quiet bit set ({@code 0x0040} in bfloat16,
 *       {@code 0x0200} in binary16): the float product keeps its sign and payload, and the
 *       rounding to the format keeps the sign, the quiet bit and the top payload bits. PyTorch's
 *       vectorised bfloat16 rounding writes every NaN as {@code 0xFFFF} and its scalar one
 *       as {@code 0x7FC0}: a difference on NaN only.</li>
 * </ul>
 * Hardtanh's forward compares with its bounds rounded to the format, as PyTorch's {@code clamp}
 * converts them first; its backward, and Threshold, compare with the float parameters, as
 * PyTorch's kernels do. (The two differ only for a zero {@code x} of the other sign than a bound
 * that rounds to zero.)
 *
  * <h2>PReLU</h2>
 * {@link io.github.relu4j.Prelu} is Leaky ReLU with one slope per channel, {@code w[c]}, given with
 * each call; its three kernels:
 * <table class="striped">
 *   <caption>PReLU</caption>
 *   <thead><tr><th>kernel</th><th>result</th></tr></thead>
 *   <tbody>
 *   <tr><td>forward</td><td>{@code y = x > 0 ? x : x * w[c]}: Leaky ReLU's bits with {@code alpha = w[c]}</td></tr>
 *   <tr><td>input gradient</td><td>{@code dx = x > 0 ? dy : dy * w[c]}: Leaky ReLU's backward bits</td></tr>
 *   <tr><td>slope gradient</td><td>{@code dw[c] =} the sum over the elements of channel {@code c} of
 *       {@code t = x > 0 ? +0.0 : x * dy}, in the order below, rounded once to the slopes' format</td></tr>
 *   </tbody>
 * </table>
 * Channel {@code c} of element {@code i}: channels-first ({@code [N, C, S]}) {@code i / S % C},
 * channels-last ({@code [rows, C]}) {@code i % C}; with one channel ({@code Prelu.shared()}, or
 * {@code C = 1} in either layout) every element. {@code backward} writes {@code dx} and
 * {@code dw} in one pass; {@code inputGradient} and {@code slopeGradient} write one of them.
 * {@code dw} is written, not added to (add it to an accumulated gradient yourself). Slopes must be
 * finite ({@link java.lang.IllegalArgumentException} naming {@code w[i]}, checked on every call
 * before anything is written: one pass over {@code C} slopes, small beside the tensor, and the
 * same rule as Leaky ReLU's {@code alpha}). Slopes and {@code dw} are arrays: of the tensors' format
 * for {@code F32} and {@code F64}, of floats for the 16-bit formats (below); the tensors are arrays
 * or segments. {@code dw} may not overlap {@code w}, {@code x}, {@code dy} or
 * {@code dx}, nor an output {@code w}, all {@link java.lang.IllegalArgumentException}; otherwise
 * the argument rules below hold, with {@code n} (groups: samples channels-first, rows
 * channels-last, elements shared) negative or too large for a long an
 * {@link java.lang.IllegalArgumentException}. {@link io.github.relu4j.Activation#rrelu} is RReLU in
 * evaluation mode: Leaky ReLU with {@code alpha = (lower + upper) / 2}, computed in double as
 * PyTorch computes it.
 *
 * <p><b>16-bit tensors</b> ({@code BF16} and {@code F16} methods: {@code short[]} or segments of
 * shorts) take their slopes {@code w} and write their slope gradient {@code dw} as {@code float[]},
 * as mixed-precision training keeps parameters and their gradients in float; slopes must be finite
 * floats (a product may still overflow to the format's infinity). Forward and input gradient are
 * exactly Leaky ReLU's 16-bit bits with {@code alpha = w[c]} (the 16-bit formats above):
 * {@code round16(round32(float(x) * w[c]))} and {@code round16(round32(float(dy) * w[c]))}
 * where computed, PyTorch's double rounding reproduced exactly; {@code x}'s or {@code dy}'s own
 * bits where selected; a multiplied NaN quieted. The slope gradient widens each element to float
 * (exactly); a term is {@code t = float(x) > 0 ? +0.0 : float(x) * float(dy)}, the exact product
 * in double, the terms are added in exactly the order below, and the total is rounded once to
 * float: so {@code dw} has exactly the bits of the {@code F32} slope gradient of the tensors
 * widened to float (a NaN's payload aside, unspecified either way), on every engine, vector width
 * and thread count.
 *
 * <p><b>The slope gradient's order</b>, the same on every engine, vector width and thread count:
 * a term of two floats is their exact product in double (24 + 24 bits fit in 53; a 16-bit element
 * is its float); of two doubles, the rounded product. Each channel's elements, in tensor order, are cut into blocks of at most
 * 4096: with one channel, pieces of 4096 of the whole tensor; channels-first with {@code S >= 4096},
 * pieces of 4096 of each run of {@code S}; with {@code S < 4096}, {@code max(1, 4096 / P)}
 * consecutive runs of the channel, {@code P} being {@code S} rounded up to a multiple of 32;
 * channels-last, {@code max(1, 4096 / C)} rows. In a block, each run is padded with
 * +0.0 terms to a multiple of 32, and eight double accumulators, from +0.0, take its chunks of 32
 * in turn: accumulator {@code l} adds {@code (t[l] + t[l+8]) + (t[l+16] + t[l+24])}; they carry on
 * across the runs of a block, whose sum is {@code ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))}.
 * Channels-last, a block's sum for a channel is its rows' terms added one by one from +0.0. A
 * channel's block sums are added in order from +0.0 in groups of {@code G} consecutive blocks
 * ({@code G = 64} channels-last, {@code max(1, 64 / C)} channels-first), the group sums in order
 * from +0.0, and that total is rounded once to the slopes' format (float for {@code F32} and the
 * 16-bit formats, double for {@code F64}). Each term thus goes through at most
 * {@code d = 133 + G + B / G} additions channels-first ({@code B} blocks per channel),
 * {@code d = 4096 / C + G + B / G} channels-last, so the double total is within about
 * {@code d * 2^-53} times the sum of the terms' magnitudes of the exact sum:
 * for floats and the 16-bit formats, {@code dw} is the exact sum correctly rounded unless the terms cancel to within that
 * (PyTorch's float cascade sum loses about {@code log2(n) * 2^-24} of it). A NaN term (a NaN
 * {@code x} or {@code dy}, or {@code 0 * Inf}) makes {@code dw} NaN, payload unspecified; terms of
 * infinities of both signs too. Parallel calls cut the work at group boundaries and add the group
 * sums in the same order once all are done, so the bits do not depend on the threads.
 *
 * <p>PReLU's segments: native ones run its segment kernels; heap segments and memory-mapped ones
 * (unless {@code relu4j.mappedSegments=direct}) are copied whole into arrays for the call (at most
 * {@code Integer.MAX_VALUE - 8} elements) rather than through small chunks, since its blocks would
 * have to line up with them. Its kernels are warmed up together on the preferred engine (one
 * task, started after 2<sup>18</sup> elements' worth of calls) and split across threads from
 * the same threshold, by whole runs, rows or blocks.
 *
 * <h2>Masks, bias and counts</h2>
 * A backward kernel needs its forward input only to know where the gradient passes: one bit per
 * element. The mask forms keep that bit instead of {@code x}.
 * <ul>
 *   <li><b>Layout.</b> Bit {@code b} of a mask is bit {@code b % 64} of word {@code b / 64} of a
 *       {@code long[]} (the order of {@link java.util.BitSet#valueOf(long[])} and of
 *       {@code VectorMask.toLong()}), or of a segment of longs in native byte order, at any
 *       alignment. Element {@code i} of a call has bit {@code maskOffset + i}, any offset; bits
 *       outside {@code [maskOffset, maskOffset + length)} are never written.
 *       {@link io.github.relu4j.Activation#maskWords(long)} gives the words a mask needs.</li>
 *   <li><b>Forward with a mask</b> writes {@code y} with the plain forward's bits, and sets bit
 *       {@code i} exactly where the plain backward passes {@code dy} unchanged: ReLU
 *       {@code !(x <= 0)}, so that a NaN {@code x} passes as in {@code x <= 0 ? 0 : dy}; Leaky
 *       ReLU {@code x > 0}; Hardtanh {@code !(x <= min || x >= max)}; Threshold
 *       {@code !(x <= threshold)}. 16-bit elements compare as their floats with the float
 *       parameters, as their backward does.</li>
 *   <li><b>Backward from a mask</b> returns the plain backward's bits for the {@code x} the mask
 *       came from: {@code dy} where the bit is set; elsewhere {@code +0}, or for Leaky ReLU
 *       {@code dy * alpha} (rounded as the plain kernel rounds it). {@code dx} may be {@code dy}
 *       (in place).</li>
 *   <li><b>PReLU</b>: {@link io.github.relu4j.Prelu}'s forward with a mask sets the bit where
 *       {@code x > 0} (Leaky ReLU's gate, whatever the slope), and its input gradient from the mask
 *       returns the input gradient's bits: {@code dy}, or {@code w[c] * dy}. The slope gradient
 *       needs {@code x} itself (its terms are {@code x * dy}), so a mask replaces {@code x} only
 *       where the slopes are not being trained.</li>
 *   <li><b>Bias and activation</b> ({@link io.github.relu4j.Epilogue}): {@code y = act(x + bias)}
 *       over rows {@code [n, features]} (a bias per feature) or {@code [n, channels, spatial]}
 *       (per channel). The bits are those of the two passes: the sum in the compute type (double
 *       for {@code F64}, float otherwise) rounded once to the format (16-bit: as a product is,
 *       NaN quieted), then the activation. The bias is in the parameters' format (float for the
 *       16-bit formats) and must be finite. The mask, if asked for, is that of the sums.</li>
 *   <li><b>Counts</b>: with {@code counts}, {@code counts[countsOffset + u]} grows by the number
 *       of unit {@code u}'s sums (or inputs, without a bias) above zero; NaN and {@code -0.0} are
 *       not. Counts are added to, never reset, exact on every engine and thread count: a unit
 *       whose count stays 0 over an epoch never fired (a dead unit).</li>
 *   <li><b>Checks</b>: as for the plain forms (below), and before any write: the mask's bit range
 *       ({@link java.lang.IndexOutOfBoundsException} naming {@code mask}), a read-only mask
 *       segment, a mask segment that shares a byte with a tensor's range
 *       ({@link java.lang.IllegalArgumentException}), the bias and counts ranges, the shape.</li>
 * </ul>
 * The fused forms run a call in blocks of 4096 elements, one pass over each for floats and
 * doubles (the bias, the mask bits and the counts beside the activation, per vector), a pass per
 * step within the cached block for the 16-bit formats; segments of any kind are copied a block
 * at a time through arrays. Threads split a call at mask words, so that none shares a word with
 * another.
 *
 * <h2>Arguments</h2>
 * Every check runs before any element is written, in this order, and every message names the
 * argument as passed: a null array or segment throws {@link java.lang.NullPointerException}; a
 * range outside its array or segment {@link java.lang.IndexOutOfBoundsException} (as
 * {@link java.util.Objects#checkFromIndexSize}); a read-only output segment
 * {@link java.lang.IllegalArgumentException}; an output range that partially overlaps an input
 * range {@link java.lang.IllegalArgumentException}; a parameter the format's kernels cannot use
 * {@link java.lang.IllegalArgumentException}. The whole-array and whole-segment forms need
 * arrays of one length, and segments that hold a whole number of elements
 * ({@link java.lang.IllegalArgumentException}). An output that is exactly an input (same array,
 * same offset) is in-place use and gives the same bits. Inputs may overlap each other. Nothing
 * outside the given ranges is read or written; length 0 is a no-op.
 *
 * <h2>Memory segments</h2>
 * The {@code F32} and {@code F64} methods read and write floats and doubles in native byte order
 * ({@link java.lang.foreign.ValueLayout#JAVA_FLOAT}, {@link java.lang.foreign.ValueLayout#JAVA_DOUBLE}),
 * the {@code BF16} and {@code F16} methods 16-bit encodings ({@link java.lang.foreign.ValueLayout#JAVA_SHORT}),
 * at any alignment; offsets and lengths count elements from the start of each segment. Any
 * segment works: native, heap over any primitive array, memory-mapped. Inputs may be read-only. A
 * segment whose arena is closed throws {@link java.lang.IllegalStateException}, and one used from
 * a thread its arena does not allow {@link java.lang.WrongThreadException}, before any element is
 * written; with length 0 no memory is touched, so neither is an error then (as with the JDK's
 * zero-length copies). Segments over the same addresses (not merely the same memory) count as
 * the same array: an output may coincide exactly with an input but not partially overlap it. Two
 * mappings of one file are two ranges of addresses, so a partial overlap between them is not
 * seen, and neither is one between two virtual addresses of the same physical memory. Native
 * segments run the segment kernels; heap segments over an array of the call's type run the array
 * kernels on that array; other heap segments (read-only views, views of other array types,
 * misaligned slices, heap beside native in one call) are copied through small arrays, correct but
 * slower.
 *
 * <p>Memory-mapped segments ({@link java.lang.foreign.MemorySegment#isMapped()}) are copied
 * through small arrays too, on every thread of the call, so that a file that shrinks after it was
 * mapped fails the call with the JDK's {@link java.lang.InternalError} (from
 * {@link java.lang.foreign.MemorySegment#copy}) instead of crashing the JVM: JDK 25's C2-compiled
 * Vector API loads on a mapped segment whose file has shrunk end the process with SIGBUS. On a
 * 2-core test machine a call on a mapped segment took 1.1 to 1.5 times as long as the segment
 * kernels on large inputs, and up to 2.5 times on inputs that fit in the cache.
 * {@code -Drelu4j.mappedSegments=direct} runs mapped segments on the segment kernels, for
 * applications whose mapped files cannot shrink while mapped. A segment that views mapped memory
 * without being mapped itself ({@code MemorySegment.ofAddress(...).reinterpret(...)}) is not
 * seen as mapped and gets no such protection.
 *
 * <h2>Engines and threads</h2>
 * {@link io.github.relu4j.Engine#preferred()}, the engine of every activation unless
 * {@link io.github.relu4j.Activation#on} says otherwise, is chosen once and logged in one line
 * through {@link java.lang.System.Logger} (logger {@code io.github.relu4j}): the vector kernels
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}, is HotSpot with C2
 * and the Vector API intrinsics on (no {@code -XX:-EnableVectorSupport},
 * {@code -XX:-EnableVectorReboxing}, {@code -XX:-InlineNatives}, nor a {@code _Vector} intrinsic
 * disabled), and has vectors of at least 128 bits; otherwise the portable kernels
 * ({@link io.github.relu4j.Engine#portable()}: plain Java that decides each element with integer
 * arithmetic on its encoding, which C2 auto-vectorises; on the 16-bit formats, for now, the
 * scalar reference's loops, with no warm-up), or the scalar reference when C2 is off
 * ({@code -Xint}, a tiered stop level below 4), with a WARNING saying why. The line is best
 * effort: a logger or handler that throws is ignored, and no logging or JVM probe can make the
 * choice, or the library's classes, fail to initialise. {@code -Drelu4j.vector=false} forces
 * the portable kernels (the reference without C2), {@code true} the vector ones (it still needs
 * the module).
 *
 * <p>Warm-up: until C2 has compiled them, the Vector API kernels run as slow Java code, 10 to 100
 * times slower than the scalar reference, and the portable ones, which do more arithmetic per
 * element, several times slower. So the preferred engine runs each kernel (op, format,
 * direction, arrays or segments) on the scalar reference until a background daemon thread
 * ({@code relu4j-warm-up}) has had its chosen loop compiled:
 * once a kernel has run 2<sup>18</sup> elements on the reference (a call counts for 256 more
 * than its length, so one call of 256 Ki elements, 16 of 16 Ki, 205 of 1 Ki), the thread calls
 * its chosen loop on small private buffers
 * until it is faster than the reference, and then calls switch to it. The engine decision, its
 * HotSpot flag reads and its log line are made on that thread too, so no call pays for them
 * (and a program that ends before any warm-up started never logs the line). A kernel that is not faster within 20 seconds (4 for the portable loops, which C2 compiles within one) stays on the reference. The bits are
 * the same either way. {@link io.github.relu4j.Engine#warmUp()} starts every kernel's warm-up at
 * once, {@link io.github.relu4j.Engine#awaitWarmUp(java.time.Duration)} waits for it;
 * {@code -Drelu4j.warmup=false} runs the chosen loops from the first call (for benchmarks of the
 * compiled code, or JVMs that compile ahead). {@link io.github.relu4j.Engine#vector()} never warms
 * up: it is the vector kernels, compiled or not.
 *
 * <p>From 1048576 elements (2<sup>20</sup>) per call, the preferred engine cuts the range into
 * at most one contiguous piece per processor ({@link java.lang.Runtime#availableProcessors()},
 * or {@code -Drelu4j.parallelism=N}), each at least 524288 elements and aligned to 1024, run by
 * the calling thread and the common {@link java.util.concurrent.ForkJoinPool}; below that, a call
 * stays on the calling thread and creates no task. The bits are those of the single-threaded
 * kernels. The caller takes pieces too and never waits for one that no thread has started, so a
 * busy or blocked pool, a pool that is shut down, rejects tasks or cannot start threads (its
 * thread factory throws, as a thread limit makes it), or a call from inside a pool task, degrades
 * to the caller doing the work, never to a deadlock and never to an exception: what submitting a
 * task throws is not thrown by the call. An engine keeps at most {@code parallelism - 1} of its
 * helper tasks queued and not yet started in its pool, each holding a few small objects and none
 * of a call's arrays or segments, so a pool whose threads stay blocked does not accumulate them.
 * Segments are split only when any thread may access them (global, automatic and shared arenas).
 * {@code -Drelu4j.parallel.threshold=E} moves the threshold, for experiments. Activations and
 * engines are immutable and thread-safe.
 *
 * <h2>Failed calls</h2>
 * A call either returns with every element of its output range written, or throws. The argument
 * errors above, a closed arena and a wrong thread are thrown before any element is written.
 * Other errors can come midway, after part of the output range was written: an
 * {@link java.lang.InternalError} from a mapped file that shrank; an
 * {@link java.lang.OutOfMemoryError} near heap exhaustion (the Vector API allocates vector
 * objects until C2 has compiled a kernel, and copied segments allocate small arrays); an arena
 * closed by another thread during the call ({@link java.lang.IllegalStateException}); any
 * exception or error from a piece of a parallel call. Then the output range holds some new and
 * some old elements; nothing outside it is written, and inputs are not written unless the output
 * is one of them. A call returns or throws only once every thread working on it has stopped:
 * nothing writes its output after it ends. In a parallel call the first failure is thrown, with
 * any others from other pieces added as suppressed.
 */
package io.github.relu4j;
