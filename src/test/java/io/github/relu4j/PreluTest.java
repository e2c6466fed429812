package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Every PReLU kernel ({@link PreluCall}) on every engine, storage, format and a range of shapes
 * against {@link PreluOracle}, bit for bit: the layouts, one channel, runs and rows shorter and
 * longer than a vector and than a block, empty tensors, offsets, in-place; inputs with every
 * special value. Outputs sit between canaries, and {@code dw} too. The parallel engines split from
 * one element, so that every shape that has two units is cut, at 2 and 7 threads.
 * {@link PreluC2Test} runs the vector engine's share of it at every vector width.
 */
class PreluTest {
    private static final int PAD = 3;
    /**
     * The formats these tests run: float and double, whose slopes are of the tensors' type (the
     * 16-bit formats, with float slopes, are {@link PreluHalfTest}'s and its siblings').
     */
    static final List<Element> ELEMENTS = List.of(Element.FLOAT, Element.DOUBLE);

    /** {@code n} groups of a PReLU shape. */
    record Shape(boolean last, int channels, int spatial, int n) {
        Prelu prelu() {
            return last ? Prelu.channelsLast(channels) : channels == 1 && spatial == 1 ? Prelu.shared()
                    : Prelu.channelsFirst(channels, spatial);
        }

        int elements() {
            return n * channels * (last ? 1 : spatial);
        }
    }

    static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        for (int n : new int[] {0, 1, 5, 31, 33, 4095, 4097, 9000, 20000}) {
            shapes.add(new Shape(false, 1, 1, n));
        }
        for (int c : new int[] {2, 3, 16}) {
            for (int s : new int[] {1, 7, 31, 32, 33, 100, 4095, 4096, 4097, 5000}) {
                shapes.add(new Shape(false, c, s, s >= 4095 ? 2 : 3));
            }
        }
        shapes.add(new Shape(false, 3, 100, 200)); // five blocks of 40 runs per channel
        shapes.add(new Shape(false, 2, 1, 9000)); // runs of one element: 4096 per block
        shapes.add(new Shape(false, 1, 300, 40)); // one channel: one run of everything
        for (int c : new int[] {2, 3, 7, 16, 17, 64, 100, 5000}) {
            for (int rows : new int[] {0, 1, 5, 50}) {
                shapes.add(new Shape(true, c, 1, rows));
            }
        }
        shapes.add(new Shape(true, 17, 1, 2000)); // nine blocks of 240 rows
        shapes.add(new Shape(true, 1, 1, 5000)); // one channel, channels-last
        return shapes;
    }

    static List<Engine> engines() {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        return List.of(Engine.scalar(), Engine.vector(), Engine.portable(), Engine.preferred(),
                Engine.of(ParallelLoops.withThreshold(VectorLoops.INSTANCE, 2, pool, 1)),
                Engine.of(ParallelLoops.withThreshold(VectorLoops.INSTANCE, 7, pool, 1)),
                Engine.of(ParallelLoops.withThreshold(ScalarLoops.INSTANCE, 3, pool, 1)));
    }

    /** Ordinary values, one in twelve a special one (NaN, infinities, zeros, subnormals, extremes). */
    static long[] values(Element e, int n, SplittableRandom random) {
        long[] specials = e.specials();
        long[] bits = new long[n];
        for (int i = 0; i < n; i++) {
            bits[i] = random.nextInt(12) == 0 ? specials[random.nextInt(specials.length)] : e.ordinary(random);
        }
        return bits;
    }

    static double[] slopes(Element e, int channels, SplittableRandom random) {
        double[] choices = {0.25, 0.01, -0.5, 1.3, 0, 3e-5};
        double[] w = new double[channels];
        for (int c = 0; c < channels; c++) {
            double v = random.nextInt(3) == 0 ? random.nextDouble(-2, 2) : choices[random.nextInt(choices.length)];
            w[c] = e == Element.FLOAT ? (float) v : v;
        }
        return w;
    }

    @Test
    void everyKernelAgreesWithTheContract() {
        SplittableRandom random = new SplittableRandom(16);
        int runs = 0;
        for (Element e : ELEMENTS) {
            for (Shape shape : shapes()) {
                Case c = new Case(e, shape, random);
                for (Engine engine : engines()) {
                    for (PreluCall.Where where : PreluCall.Where.values()) {
                        for (PreluCall call : PreluCall.values()) {
                            c.check(engine, where, call, Place.APART);
                            runs++;
                        }
                    }
                }
            }
        }
        System.out.println("PReLU: " + runs + " kernel calls agreed with the oracle");
    }

    @Test
    void inPlace() {
        SplittableRandom random = new SplittableRandom(17);
        for (Element e : ELEMENTS) {
            for (Shape shape : List.of(new Shape(false, 3, 33, 5), new Shape(true, 17, 1, 40),
                    new Shape(false, 1, 1, 5000), new Shape(false, 2, 5000, 2))) {
                Case c = new Case(e, shape, random);
                for (Engine engine : engines()) {
                    for (PreluCall.Where where : PreluCall.Where.values()) {
                        c.check(engine, where, PreluCall.FORWARD, Place.ON_X);
                        for (PreluCall call : List.of(PreluCall.BACKWARD, PreluCall.INPUT_GRADIENT)) {
                            c.check(engine, where, call, Place.ON_X);
                            c.check(engine, where, call, Place.ON_DY);
                        }
                    }
                }
            }
        }
    }

    /** Where the output goes: its own array, or over x or dy (same offset). */
    enum Place { APART, ON_X, ON_DY }

    /** One shape's inputs and the oracle's answers. */
    static final class Case {
        final Element e;
        final Shape shape;
        final long[] x;
        final long[] dy;
        final double[] w;
        final long[] y;
        final long[] dx;
        final double[] dw;

        Case(Element e, Shape shape, SplittableRandom random) {
            this.e = e;
            this.shape = shape;
            int n = shape.elements();
            x = values(e, n, random);
            dy = values(e, n, random);
            w = slopes(e, shape.channels(), random);
            y = PreluOracle.forward(e, shape.last(), shape.channels(), shape.spatial(), x, w);
            dx = PreluOracle.inputGradient(e, shape.last(), shape.channels(), shape.spatial(), x, dy, w);
            dw = PreluOracle.slopeGradient(e, shape.last(), shape.channels(), shape.spatial(), x, dy);
        }

        void check(Engine engine, PreluCall.Where where, PreluCall call, Place place) {
            int n = x.length;
            long canary = e == Element.FLOAT ? 0x7fc0deadL : 0x7ff8deadbeefL;
            Object xa = padded(x, canary);
            Object dya = padded(dy, canary);
            Object out = place == Place.ON_X ? xa : place == Place.ON_DY ? dya : e.filled(n + 2 * PAD, canary);
            Object wa = e.newArray(w.length + 2);
            for (int c = 0; c < w.length; c++) {
                e.setBits(wa, c + 1, e == Element.FLOAT ? Integer.toUnsignedLong(Float.floatToRawIntBits((float) w[c]))
                        : Double.doubleToRawLongBits(w[c]));
            }
            Object dwa = e.filled(w.length + 2, canary);
            String what = call + " " + e + " " + shape + " on " + engine + " in " + where + " " + place;
            call.run(shape.prelu().on(engine), e, where, xa, PAD, dya, PAD, out, PAD, shape.n(), wa, 1, dwa, 1);
            long[] expected = call == PreluCall.FORWARD ? y : call.writesOut() ? dx : null;
            long[] outBits = e.allBits(out);
            for (int i = 0; i < n + 2 * PAD; i++) {
                boolean inside = i >= PAD && i < PAD + n;
                long want = inside && expected != null ? expected[i - PAD]
                        : place == Place.ON_X ? (inside ? x[i - PAD] : canary)
                        : place == Place.ON_DY ? (inside ? dy[i - PAD] : canary) : canary;
                if (outBits[i] != want) {
                    throw new AssertionError(what + ": element " + (i - PAD) + " expected " + e.hex(want) + " but was "
                            + e.hex(outBits[i]) + (inside ? "" : " (outside the range)"));
                }
            }
            if (place != Place.ON_X) {
                assertArrayEquals(e.allBits(padded(x, canary)), e.allBits(xa), what + ": x changed");
            }
            if (place != Place.ON_DY) {
                assertArrayEquals(e.allBits(padded(dy, canary)), e.allBits(dya), what + ": dy changed");
            }
            long[] dwBits = e.allBits(dwa);
            assertEquals(canary, dwBits[0], what + ": dw[-1] written");
            assertEquals(canary, dwBits[w.length + 1], what + ": dw[C] written");
            for (int c = 0; c < w.length; c++) {
                long got = dwBits[c + 1];
                if (!call.writesDw()) {
                    assertEquals(canary, got, what + ": dw written");
                    continue;
                }
                double value = PreluOracle.value(e, got);
                boolean same = Double.isNaN(dw[c]) ? Double.isNaN(value)
                        : got == (e == Element.FLOAT ? Integer.toUnsignedLong(Float.floatToRawIntBits((float) dw[c]))
                        : Double.doubleToRawLongBits(dw[c]));
                if (!same) {
                    throw new AssertionError(what + ": dw[" + c + "] expected " + dw[c] + " but was " + value);
                }
            }
        }

        private Object padded(long[] bits, long canary) {
            Object a = e.filled(bits.length + 2 * PAD, canary);
            for (int i = 0; i < bits.length; i++) {
                e.setBits(a, PAD + i, bits[i]);
            }
            return a;
        }
    }
}
