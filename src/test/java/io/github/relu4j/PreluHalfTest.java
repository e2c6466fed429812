package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every PReLU kernel on bfloat16 and binary16 tensors ({@link PreluHalfCall}) on every engine,
 * storage and a range of shapes, against {@link PreluHalfOracle}, bit for bit: both layouts and
 * one shared slope, one channel, runs and rows shorter and longer than a vector, a block and the
 * vector kernels' staging chunk (2048), empty tensors, offsets, in place; inputs with every
 * special encoding. Outputs sit between canaries, and {@code dw} too. The parallel engines split
 * from one element ({@link PreluTest#engines}). {@link PreluC2Test} runs the vector engine's share
 * at every vector width.
 */
class PreluHalfTest {
    private static final int PAD = 3;
    private static final short CANARY = 0x5A5A;
    private static final float DW_CANARY = Float.intBitsToFloat(0x7fc0dead);

    static List<PreluTest.Shape> shapes() {
        List<PreluTest.Shape> shapes = new ArrayList<>();
        for (int n : new int[] {0, 1, 5, 33, 4097, 9000}) {
            shapes.add(new PreluTest.Shape(false, 1, 1, n));
        }
        for (int c : new int[] {2, 3}) {
            for (int s : new int[] {1, 7, 31, 32, 33, 100, 2048, 2049, 4095, 4096, 4097, 5000}) {
                shapes.add(new PreluTest.Shape(false, c, s, s >= 2048 ? 2 : 3));
            }
        }
        shapes.add(new PreluTest.Shape(false, 16, 7, 3));
        shapes.add(new PreluTest.Shape(false, 16, 33, 3));
        shapes.add(new PreluTest.Shape(false, 16, 4097, 2));
        shapes.add(new PreluTest.Shape(false, 3, 100, 200)); // five blocks of 40 runs per channel, chunks of 20 runs
        shapes.add(new PreluTest.Shape(false, 2, 1, 9000)); // runs of one element: 4096 per block
        shapes.add(new PreluTest.Shape(false, 1, 300, 40)); // one channel: one run of everything
        for (int c : new int[] {2, 7, 16, 17, 64, 100, 5000}) {
            for (int rows : new int[] {0, 1, 5, 50}) {
                shapes.add(new PreluTest.Shape(true, c, 1, rows));
            }
        }
        shapes.add(new PreluTest.Shape(true, 17, 1, 2000)); // nine blocks of 240 rows
        shapes.add(new PreluTest.Shape(true, 1024, 1, 5)); // blocks of four rows, no padding column
        shapes.add(new PreluTest.Shape(true, 2049, 1, 3)); // rows longer than a staging chunk
        shapes.add(new PreluTest.Shape(true, 1, 1, 5000)); // one channel, channels-last
        return shapes;
    }

    static float[] slopes(int channels, SplittableRandom random) {
        float[] choices = {0.25f, 0.01f, -0.5f, 1.3f, 0f, 3e-5f, -0f, 1e30f};
        float[] w = new float[channels];
        for (int c = 0; c < channels; c++) {
            w[c] = random.nextInt(3) == 0 ? (float) random.nextDouble(-2, 2) : choices[random.nextInt(choices.length)];
        }
        return w;
    }

    @Test
    void everyKernelAgreesWithTheContract() {
        SplittableRandom random = new SplittableRandom(160);
        int calls = 0;
        for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
            for (PreluTest.Shape shape : shapes()) {
                Case c = new Case(k, shape, random);
                for (Engine engine : PreluTest.engines()) {
                    for (PreluHalfCall.Where where : PreluHalfCall.Where.values()) {
                        for (PreluCall call : PreluCall.values()) {
                            c.check(engine, where, call, PreluTest.Place.APART);
                            calls++;
                        }
                    }
                }
            }
        }
        System.out.println("PReLU, 16-bit: " + calls + " kernel calls agreed with the oracle");
    }

    @Test
    void inPlace() {
        SplittableRandom random = new SplittableRandom(161);
        for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
            for (PreluTest.Shape shape : List.of(new PreluTest.Shape(false, 3, 33, 5), new PreluTest.Shape(true, 17, 1, 40),
                    new PreluTest.Shape(false, 1, 1, 5000), new PreluTest.Shape(false, 2, 5000, 2),
                    new PreluTest.Shape(true, 2049, 1, 2))) {
                Case c = new Case(k, shape, random);
                for (Engine engine : PreluTest.engines()) {
                    for (PreluHalfCall.Where where : List.of(PreluHalfCall.Where.ARRAY, PreluHalfCall.Where.NATIVE,
                            PreluHalfCall.Where.HEAP)) {
                        c.check(engine, where, PreluCall.FORWARD, PreluTest.Place.ON_X);
                        for (PreluCall call : List.of(PreluCall.BACKWARD, PreluCall.INPUT_GRADIENT)) {
                            c.check(engine, where, call, PreluTest.Place.ON_X);
                            c.check(engine, where, call, PreluTest.Place.ON_DY);
                        }
                    }
                }
            }
        }
    }

    /** The whole-array and whole-segment forms: the same bits as the oracle, {@code n} taken from the tensors. */
    @Test
    void wholeForms() {
        SplittableRandom random = new SplittableRandom(162);
        PreluTest.Shape shape = new PreluTest.Shape(false, 3, 37, 4);
        Prelu p = shape.prelu();
        for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
            Case c = new Case(k, shape, random);
            boolean bf16 = k == PreluHalfOracle.Kind.BF16;
            short[] y = new short[c.x.length];
            short[] dx = new short[c.x.length];
            float[] dw = new float[3];
            if (bf16) {
                p.forwardBF16(c.x, y, c.w);
                p.backwardBF16(c.x, c.dy, dx, c.w, dw);
            } else {
                p.forwardF16(c.x, y, c.w);
                p.backwardF16(c.x, c.dy, dx, c.w, dw);
            }
            c.expect("whole arrays", y, dx, dw);
            Arrays.fill(dx, CANARY);
            Arrays.fill(dw, DW_CANARY);
            if (bf16) {
                p.inputGradientBF16(c.x, c.dy, dx, c.w);
                p.slopeGradientBF16(c.x, c.dy, dw);
            } else {
                p.inputGradientF16(c.x, c.dy, dx, c.w);
                p.slopeGradientF16(c.x, c.dy, dw);
            }
            c.expect("whole arrays, one gradient each", y, dx, dw);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment xs = segment(arena, c.x);
                MemorySegment dys = segment(arena, c.dy);
                MemorySegment ys = arena.allocate(xs.byteSize());
                MemorySegment dxs = arena.allocate(xs.byteSize());
                Arrays.fill(dw, DW_CANARY);
                if (bf16) {
                    p.forwardBF16(xs, ys, c.w);
                    p.backwardBF16(xs, dys, dxs, c.w, dw);
                } else {
                    p.forwardF16(xs, ys, c.w);
                    p.backwardF16(xs, dys, dxs, c.w, dw);
                }
                c.expect("whole segments", shorts(ys), shorts(dxs), dw);
                dxs.fill((byte) 0x5A);
                Arrays.fill(dw, DW_CANARY);
                if (bf16) {
                    p.inputGradientBF16(xs, dys, dxs, c.w);
                    p.slopeGradientBF16(xs, dys, dw);
                } else {
                    p.inputGradientF16(xs, dys, dxs, c.w);
                    p.slopeGradientF16(xs, dys, dw);
                }
                c.expect("whole segments, one gradient each", shorts(ys), shorts(dxs), dw);
            }
        }
    }

    private static MemorySegment segment(Arena arena, short[] a) {
        MemorySegment s = arena.allocate(2L * a.length, 2);
        MemorySegment.copy(a, 0, s, ValueLayout.JAVA_SHORT_UNALIGNED, 0, a.length);
        return s;
    }

    private static short[] shorts(MemorySegment s) {
        return s.toArray(ValueLayout.JAVA_SHORT_UNALIGNED);
    }

    /** One shape's 16-bit inputs and the oracle's answers. */
    static final class Case {
        final PreluHalfOracle.Kind k;
        final PreluTest.Shape shape;
        final short[] x;
        final short[] dy;
        final float[] w;
        final short[] y;
        final short[] dx;
        final float[] dw;

        Case(PreluHalfOracle.Kind k, PreluTest.Shape shape, SplittableRandom random) {
            this.k = k;
            this.shape = shape;
            int n = shape.elements();
            x = k.values(n, random);
            dy = k.values(n, random);
            w = slopes(shape.channels(), random);
            y = PreluHalfOracle.forward(k, shape.last(), shape.channels(), shape.spatial(), x, w);
            dx = PreluHalfOracle.inputGradient(k, shape.last(), shape.channels(), shape.spatial(), x, dy, w);
            dw = PreluHalfOracle.slopeGradient(k, shape.last(), shape.channels(), shape.spatial(), x, dy);
        }

        /** Results of whole-form calls against the oracle. */
        void expect(String what, short[] yGot, short[] dxGot, float[] dwGot) {
            assertArrayEquals(y, yGot, k + " " + shape + " " + what + ": y");
            assertArrayEquals(dx, dxGot, k + " " + shape + " " + what + ": dx");
            for (int c = 0; c < dw.length; c++) {
                if (!PreluHalfOracle.sameSum(dw[c], dwGot[c])) {
                    throw new AssertionError(k + " " + shape + " " + what + ": dw[" + c + "] expected " + dw[c]
                            + " but was " + dwGot[c]);
                }
            }
        }

        void check(Engine engine, PreluHalfCall.Where where, PreluCall call, PreluTest.Place place) {
            int n = x.length;
            short[] xa = padded(x);
            short[] dya = padded(dy);
            short[] out = place == PreluTest.Place.ON_X ? xa : place == PreluTest.Place.ON_DY ? dya : filled(n + 2 * PAD);
            float[] wa = new float[w.length + 2];
            System.arraycopy(w, 0, wa, 1, w.length);
            float[] dwa = new float[w.length + 2];
            Arrays.fill(dwa, DW_CANARY);
            String what = call + " " + k + " " + shape + " on " + engine + " in " + where + " " + place;
            PreluHalfCall.run(call, shape.prelu().on(engine), k, where, xa, PAD, dya, PAD, out, PAD, shape.n(), wa, 1,
                    dwa, 1);
            short[] expected = call == PreluCall.FORWARD ? y : call.writesOut() ? dx : null;
            for (int i = 0; i < n + 2 * PAD; i++) {
                boolean inside = i >= PAD && i < PAD + n;
                short want = inside && expected != null ? expected[i - PAD]
                        : place == PreluTest.Place.ON_X ? (inside ? x[i - PAD] : CANARY)
                        : place == PreluTest.Place.ON_DY ? (inside ? dy[i - PAD] : CANARY) : CANARY;
                if (out[i] != want) {
                    throw new AssertionError(what + ": element " + (i - PAD) + " expected " + PreluHalfOracle.hex(want)
                            + " but was " + PreluHalfOracle.hex(out[i]) + (inside ? "" : " (outside the range)")
                            + (inside ? " (x " + PreluHalfOracle.hex(x[i - PAD]) + ", dy " + PreluHalfOracle.hex(dy[i - PAD])
                            + ")" : ""));
                }
            }
            if (place != PreluTest.Place.ON_X) {
                assertArrayEquals(padded(x), xa, what + ": x changed");
            }
            if (place != PreluTest.Place.ON_DY) {
                assertArrayEquals(padded(dy), dya, what + ": dy changed");
            }
            assertEquals(Float.floatToRawIntBits(DW_CANARY), Float.floatToRawIntBits(dwa[0]), what + ": dw[-1] written");
            assertEquals(Float.floatToRawIntBits(DW_CANARY), Float.floatToRawIntBits(dwa[w.length + 1]),
                    what + ": dw[C] written");
            for (int c = 0; c < w.length; c++) {
                float got = dwa[c + 1];
                if (!call.writesDw()) {
                    assertEquals(Float.floatToRawIntBits(DW_CANARY), Float.floatToRawIntBits(got), what + ": dw written");
                } else if (!PreluHalfOracle.sameSum(dw[c], got)) {
                    throw new AssertionError(what + ": dw[" + c + "] expected " + dw[c] + " but was " + got);
                }
            }
        }

        private static short[] filled(int n) {
            short[] a = new short[n];
            Arrays.fill(a, CANARY);
            return a;
        }

        private static short[] padded(short[] bits) {
            short[] a = filled(bits.length + 2 * PAD);
            System.arraycopy(bits, 0, a, PAD, bits.length);
            return a;
        }
    }
}
