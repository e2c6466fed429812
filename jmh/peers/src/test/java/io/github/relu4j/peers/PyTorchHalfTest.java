package io.github.relu4j.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import io.github.relu4j.Engine;
import io.github.relu4j.peers.HalfComparisons.Known;
import io.github.relu4j.peers.HalfComparisons.Rule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * relu4j's bfloat16 and binary16 kernels ({@code Activation.forwardBF16}, {@code backwardBF16},
 * {@code forwardF16}, {@code backwardF16}) return the raw bits of PyTorch 2.7.1's CPU kernels on
 * bfloat16 and float16 tensors ({@link PyTorchKernels}: {@code relu}, {@code leaky_relu},
 * {@code hardtanh}, which is {@code clamp}, {@code threshold}, and the backward kernels autograd
 * runs, {@code threshold_backward}, {@code leaky_relu_backward}, {@code hardtanh_backward}), for
 * ReLU, Leaky ReLU at 0.01 and 0.2, Hardtanh at (0, 6) and (-1, 1) and Threshold at (0.5, -2) and
 * (-1, 3) ({@link HalfKernel#all()}), and at parameters the formats do not hold exactly
 * ({@link HalfKernel#inexact()}: bounds and thresholds that round to zero, -0.1, 0.3), the
 * parameters given to both sides as the same floats.
 *
 * <p>PyTorch has two loops per kernel, and both are compared: its vectorised loop (contiguous
 * inputs) against relu4j's {@link Engine#vector()}, and its scalar loop (a strided input; it also
 * runs the last elements of each thread's range of a contiguous call) against
 * {@link Engine#scalar()}. {@link #stridedCallsRunPyTorchsScalarLoop} shows that each is reached.
 * <ul>
 *   <li>Forward, every kernel: every non-NaN encoding (65,282 bfloat16, 63,490 binary16), both
 *       loops; relu4j vector on {@code short[]} and native segments, scalar on {@code short[]}.</li>
 *   <li>Backward, vectorised loop, {@link HalfKernel#all()}: every pair of non-NaN {@code x} and
 *       {@code dy} (4.26 * 10^9 bfloat16, 4.03 * 10^9 binary16 pairs per kernel), relu4j vector on
 *       native segments, in calls of 2^24 elements.</li>
 *   <li>Backward, scalar loop for every kernel and vectorised loop for the inexact ones: every
 *       non-NaN {@code x} against a sample of {@code dy} ({@link #sampledDy}: every exponent of
 *       both signs, 7.7% of the encodings), relu4j scalar on {@code short[]}, vector on native
 *       segments.</li>
 * </ul>
 * These must be bit for bit the same, {@code -0.0}, subnormals, infinities, ties and overflow
 * included.
 *
 * <p>Excluded from bit identity: NaN inputs. relu4j keeps a selected NaN's bits and quiets a
 * multiplied one keeping its payload; PyTorch's vectorised bfloat16 rounding writes every NaN as
 * {@code 0xFFFF} and its scalar one as {@code 0x7FC0}, its binary16 loops quiet a signalling NaN
 * that goes through float (every one in the vectorised loop, which converts even a selected
 * {@code x}), and bfloat16 reaches PyTorch as floats ({@link HalfFormat}), so a NaN input's bits
 * do not even get there. For NaN inputs the tests check the contract's choices instead: every NaN
 * {@code x} forward, and every NaN {@code x} against every {@code dy} and every {@code x} against
 * every NaN {@code dy} backward, both loops: where relu4j's result is a NaN, PyTorch's is one too,
 * and elsewhere the bits are the same (a NaN {@code dy} cut to {@code +0}, say). The one
 * difference there is the contract's own: PyTorch's vectorised {@code hardtanh_backward} gives
 * {@code +0} for a NaN {@code x}, where its scalar loop and relu4j pass {@code dy}; it is counted
 * apart.
 *
 * <p>Not here: PReLU's 16-bit kernels.
 */
class PyTorchHalfTest {
    /** Elements per PyTorch call in the pair sweeps: 2^24. */
    private static final int CHUNK = 1 << 24;
    private static final long SEED = 20261129L;
    private static NDManager manager;
    private static PyTorchKernels torch;

    /** PyTorch's loop and the relu4j engine held to it. */
    enum Path {
        VECTOR(1, Engine.vector(), "PyTorch vectorised, relu4j vector"),
        SCALAR(2, Engine.scalar(), "PyTorch scalar, relu4j scalar");

        final int step;
        final Engine engine;
        final String label;

        Path(int step, Engine engine, String label) {
            this.step = step;
            this.engine = engine;
            this.label = label;
        }
    }

    @BeforeAll
    static void startPyTorch() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        torch = PyTorchKernels.load(manager);
    }

    @AfterAll
    static void stopPyTorch() {
        torch.close();
        manager.close();
    }

    @ParameterizedTest
    @EnumSource(HalfFormat.class)
    void forwardOnEveryEncoding(HalfFormat format) {
        assertAgree(forward(format, format.encodings(false), Rule.SAME_BITS));
    }

    @ParameterizedTest
    @EnumSource(HalfFormat.class)
    void backwardOnEveryPair(HalfFormat format) {
        short[] finite = format.encodings(false);
        assertAgree(backward(format, finite, finite, Rule.SAME_BITS, Path.VECTOR, HalfKernel.all()));
    }

    @ParameterizedTest
    @EnumSource(HalfFormat.class)
    void backwardOnSampledDy(HalfFormat format) {
        short[] finite = format.encodings(false);
        short[] dy = sampledDy(format);
        System.out.printf("%s: %d of %d dy (%.2f%%)%n", format, dy.length, finite.length, 100.0 * dy.length / finite.length);
        assertAgree(backward(format, finite, dy, Rule.SAME_BITS, Path.SCALAR, allKernels()));
        assertAgree(backward(format, finite, dy, Rule.SAME_BITS, Path.VECTOR, HalfKernel.inexact()));
    }

    @ParameterizedTest
    @EnumSource(HalfFormat.class)
    void forwardOnNaNs(HalfFormat format) {
        assertAgree(forward(format, format.encodings(true), Rule.SAME_NAN_OR_BITS));
    }

    @ParameterizedTest
    @EnumSource(HalfFormat.class)
    void backwardOnNaNs(HalfFormat format) {
        short[] all = new short[1 << 16];
        for (int b = 0; b < all.length; b++) {
            all[b] = (short) b;
        }
        short[] nans = format.encodings(true);
        for (Path path : Path.values()) {
            assertAgree(backward(format, nans, all, Rule.SAME_NAN_OR_BITS, path, HalfKernel.all()));
            assertAgree(backward(format, all, nans, Rule.SAME_NAN_OR_BITS, path, HalfKernel.all()));
        }
    }

    /**
     * The strided call reaches PyTorch's scalar loop and the contiguous one its vectorised loop,
     * told apart by what each writes for a NaN (every NaN encoding as input). bfloat16, Leaky
     * ReLU: the scalar loop rounds a NaN product to {@code 0x7FC0} (c10's {@code BFloat16}), the
     * vectorised one to {@code 0xFFFF}. binary16, ReLU: the scalar loop returns the selected NaN
     * as it is, the vectorised one converts to float and back, which quiets a signalling NaN.
     * The contiguous call's last elements go through the scalar loop too, so it is enough that
     * some of them show the vectorised loop's NaN.
     */
    @ParameterizedTest
    @EnumSource(HalfFormat.class)
    void stridedCallsRunPyTorchsScalarLoop(HalfFormat format) {
        short[] nans = format.encodings(true);
        HalfKernel kernel = format == HalfFormat.BF16 ? HalfKernel.leaky(0.01f) : HalfKernel.relu();
        try (PairSweep s = new PairSweep(manager, torch, format, nans, new short[1], nans.length);
             IValue contiguous = s.torchX(1); IValue strided = s.torchX(2);
             PtNDArray vectorised = torch.run(kernel.forward(), contiguous, null, kernel.forwardParams());
             PtNDArray scalar = torch.run(kernel.forward(), strided, null, kernel.forwardParams())) {
            MemorySegment v = MemorySegment.ofBuffer(vectorised.toByteBuffer(true));
            MemorySegment sc = MemorySegment.ofBuffer(scalar.toByteBuffer(true));
            int scalarNaNs = 0;
            int vectorNaNs = 0;
            for (int i = 0; i < nans.length; i++) {
                scalarNaNs += isScalarLoopNaN(format, nans[i], format.fromCarrier(sc, i)) ? 1 : 0;
                vectorNaNs += isScalarLoopNaN(format, nans[i], format.fromCarrier(v, i)) ? 0 : 1;
            }
            System.out.printf("%s %s of %d NaNs: strided call %d scalar-loop NaNs, contiguous call %d vectorised-loop NaNs%n",
                    format, kernel, nans.length, scalarNaNs, vectorNaNs);
            assertTrue(scalarNaNs == nans.length, format + ": the strided call did not run the scalar loop throughout");
            assertTrue(vectorNaNs > 0, format + ": the contiguous call did not run the vectorised loop");
        }
    }

    /** What PyTorch's scalar loop writes for the NaN {@code x} in {@link #stridedCallsRunPyTorchsScalarLoop}. */
    private static boolean isScalarLoopNaN(HalfFormat format, short x, short y) {
        return format == HalfFormat.BF16 ? y == 0x7fc0 : y == x;
    }

    /**
     * Every 16th non-NaN encoding, the special values (zeros, infinities, the smallest subnormals,
     * the largest finite values, ones, both signs) and 1024 random non-NaN encodings: every
     * exponent of both signs, with 8 (bfloat16) or 64 (binary16) significands each, and more.
     */
    static short[] sampledDy(HalfFormat format) {
        short[] finite = format.encodings(false);
        TreeSet<Short> dy = new TreeSet<>();
        for (int i = 0; i < finite.length; i += 16) {
            dy.add(finite[i]);
        }
        for (int special : format.specials()) {
            dy.add((short) special);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 1024; i++) {
            dy.add(finite[random.nextInt(finite.length)]);
        }
        short[] out = new short[dy.size()];
        int n = 0;
        for (short d : dy) {
            out[n++] = d;
        }
        return out;
    }

    private static HalfComparisons forward(HalfFormat format, short[] x, Rule rule) {
        HalfComparisons found = new HalfComparisons(format, rule);
        int n = x.length;
        try (PairSweep s = new PairSweep(manager, torch, format, x, new short[1], n);
             IValue contiguous = s.torchX(1); IValue strided = s.torchX(2); Arena arena = Arena.ofConfined()) {
            MemorySegment ySegment = arena.allocate((long) n * Short.BYTES, 64);
            short[] yVector = new short[n];
            short[] yScalar = new short[n];
            for (HalfKernel k : allKernels()) {
                format.forward(k.activation().on(Engine.vector()), s.x, ySegment);
                format.forward(k.activation().on(Engine.vector()), x, yVector);
                format.forward(k.activation().on(Engine.scalar()), x, yScalar);
                try (PtNDArray v = torch.run(k.forward(), contiguous, null, k.forwardParams());
                     PtNDArray sc = torch.run(k.forward(), strided, null, k.forwardParams())) {
                    String what = k + " forward, ";
                    found.compare(what + Path.VECTOR.label + ", segment", v, ySegment, s.x, null, n, null);
                    found.compare(what + Path.VECTOR.label + ", short[]", v, MemorySegment.ofArray(yVector), s.x,
                            null, n, null);
                    found.compare(what + Path.SCALAR.label + ", short[]", sc, MemorySegment.ofArray(yScalar), s.x,
                            null, n, null);
                }
            }
        }
        return found;
    }

    /** {@link HalfKernel#all()} and the kernels with {@linkplain HalfKernel#inexact() inexact parameters}. */
    private static List<HalfKernel> allKernels() {
        List<HalfKernel> kernels = new ArrayList<>(HalfKernel.all());
        kernels.addAll(HalfKernel.inexact());
        return kernels;
    }

    /**
     * Backward on every pair of {@code xSet} and {@code dyList}: relu4j's engine of {@code path} on
     * native segments (vector) or {@code short[]} (scalar) against PyTorch's loop of {@code path}.
     */
    private static HalfComparisons backward(HalfFormat format, short[] xSet, short[] dyList, Rule rule, Path path,
            List<HalfKernel> kernels) {
        HalfComparisons found = new HalfComparisons(format, rule);
        long start = System.nanoTime();
        try (PairSweep s = new PairSweep(manager, torch, format, xSet, dyList, CHUNK);
             IValue x = s.torchX(path.step); Arena arena = Arena.ofConfined()) {
            MemorySegment dxSegment = arena.allocate((long) s.length * Short.BYTES, 64);
            short[] xArray = s.x.toArray(ValueLayout.JAVA_SHORT);
            short[] dxArray = new short[s.length];
            for (int c = 0; c < s.chunks(); c++) {
                s.fill(c);
                short[] dyArray = path == Path.SCALAR ? s.dy.toArray(ValueLayout.JAVA_SHORT) : null;
                try (IValue dy = s.torchDy()) {
                    for (HalfKernel k : kernels) {
                        MemorySegment dx;
                        if (path == Path.VECTOR) {
                            format.backward(k.activation().on(path.engine), s.x, s.dy, dxSegment);
                            dx = dxSegment;
                        } else {
                            format.backward(k.activation().on(path.engine), xArray, dyArray, dxArray);
                            dx = MemorySegment.ofArray(dxArray);
                        }
                        Known known = rule == Rule.SAME_NAN_OR_BITS && path == Path.VECTOR
                                && k.backward().equals("hardtanh_backward") ? vectorisedHardtanhBackward(format) : null;
                        try (PtNDArray t = torch.run(k.backward(), x, dy, k.backwardParams())) {
                            found.compare(k + " backward, " + path.label + (path == Path.VECTOR ? ", segment" : ", short[]"),
                                    t, dx, s.x, s.dy, s.length, known);
                        }
                    }
                }
            }
            System.out.printf("%s backward, %s: %d x by %d dy (%d pairs) in %d calls of %d, %.1f s%n", format,
                    path.label, xSet.length, dyList.length, s.pairs(), s.chunks(), s.length,
                    (System.nanoTime() - start) / 1e9);
        }
        return found;
    }

    /**
     * The contract's "where PyTorch differs": PyTorch's vectorised {@code hardtanh_backward}
     * computes {@code (x > min & x < max) & dy}, {@code +0} for a NaN {@code x}, where its scalar
     * loop, and relu4j, pass {@code dy}.
     */
    private static Known vectorisedHardtanhBackward(HalfFormat format) {
        return new Known("PyTorch's vectorised hardtanh_backward gives +0 for a NaN x",
                (x, dy, t, r) -> format.isNaN(x) && t == 0);
    }

    private static void assertAgree(HalfComparisons found) {
        System.out.print(found.report());
        if (!found.allAgree()) {
            throw new AssertionError("relu4j and PyTorch differ:\n" + found.report());
        }
    }
}
