package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fused forms on code that C2 compiled, in each execution of the width matrix ({@code c2},
 * {@code c2-256-bit}, {@code c2-128-bit}, {@code c2-avx2}, {@code c2-sse}). First a warm-up calls,
 * on the vector engine, the mask forward and backward of every op in every format, {@link Epilogue}
 * as rows and as channels with every combination of bias, mask and counts, and the block kernels
 * themselves ({@link VectorBlocks}: the F32 and F64 ones are otherwise reached only by the warming
 * engine's warm-up), on every length from 0 to 130, until a JFR recording shows C2 (level 4)
 * compiled every generated fused loop of {@link VectorLoops} (each op, format and feature set, its
 * entry and the dispatch) and every method of {@link VectorBlocks}, on its own or inlined into a
 * C2-compiled caller. Then every op at every test parameter pair, every format, against the scalar
 * engine bit for bit ({@code y}, {@code dx}, mask words with random bits around the range, counts
 * from non-zero values), every length from 0 to 130 and lengths of more than a block, inputs mixing
 * the special values, the parameters and their neighbours, random bits and ordinary values; under a
 * second recording, which must show no fused loop and no block kernel deoptimized.
 *
 * <p>Surefire runs the classes of a JVM in alphabetical order: this one after
 * {@link C2AgreementTest} (which must be the first to call the plain loops) and
 * {@link C2HalfSweepTest}, before {@link PreluC2Test}. No earlier class calls a fused form.
 */
@Tag("c2")
class C2MaskAndEpilogueTest {
    private static final int WARM_UP_CALLS = 12_000; // past C2's threshold without tiers (10,000)
    private static final int TAILS = 130;
    /** More than a block ({@link FusedDriver#BLOCK}): whole blocks, a word-aligned start, a short last block. */
    private static final int[] LARGE = {FusedDriver.BLOCK + 1, 2 * FusedDriver.BLOCK + 67, 9000};
    private static final int POOL = 3 * FusedDriver.BLOCK;
    private static final int PAD = 5;
    private static final Engine VECTOR = Engine.vector();
    private static final Engine SCALAR = Engine.scalar();
    private static final float[] BIASES = {0.5f, -0f, -1.25f, 1e-40f, 0f, 3f, -7f, 1e30f};
    /** VectorBlocks' helpers that only build its constants. */
    private static final Set<String> CONSTANTS = Set.of("laneBits", "longLaneBits");

    /** The epilogue shapes: row layouts (a bias per element) and channel runs (a bias per run), one unit and many. */
    private static final List<EpilogueShape> SHAPES = List.of(new EpilogueShape(true, 1, 1), new EpilogueShape(true, 3, 1),
            new EpilogueShape(true, 19, 1), new EpilogueShape(false, 3, 5), new EpilogueShape(false, 2, 33),
            new EpilogueShape(false, 1, 7));

    record EpilogueShape(boolean rows, int units, int spatial) {
        Epilogue on(Activation a) {
            return rows ? Epilogue.rows(a, units) : Epilogue.channels(a, units, spatial);
        }

        int group() {
            return units * spatial;
        }

        @Override
        public String toString() {
            return rows ? "rows(" + units + ")" : "channels(" + units + ", " + spatial + ")";
        }
    }

    @Test
    void compiledByC2AndAgreeingWithTheReference() throws IOException {
        long start = System.nanoTime();
        Set<String> compiled = fusedMethods(C2Compilations.compiledDuring(C2MaskAndEpilogueTest::warmUp));
        double warmUp = (System.nanoTime() - start) / 1e9;
        Set<String> missing = new TreeSet<>(expectedMethods());
        missing.removeAll(compiled);
        assertEquals(Set.of(), missing, "fused loops and block kernels that C2 did not compile during the warm-up"
                + " (this class must be the first in its JVM to call them)");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.Deoptimization");
            recording.start();
            start = System.nanoTime();
            long calls = compareEverything();
            double compared = (System.nanoTime() - start) / 1e9;
            recording.stop();
            Path recorded = C2Compilations.dump(recording);
            List<String> deoptimized = new ArrayList<>(C2Compilations.deoptimized(recorded, VectorLoops.class.getName(),
                    fusedLoopNames()));
            deoptimized.addAll(C2Compilations.deoptimized(recorded, VectorBlocks.class.getName(), null));
            System.out.printf("fused forms on C2's code (%s): %d methods compiled in a %.1f s warm-up; %d calls compared"
                    + " with the reference in %.1f s; deoptimized: %s%n", Engine.vector(), compiled.size(), warmUp, calls,
                    compared, deoptimized);
            assertEquals(List.of(), deoptimized, "fused loops or block kernels deoptimized while being compared");
        }
    }

    // ---- What must be compiled. ----

    /** The generated fused loops' names: the dispatch, each op's entry per format and a loop per feature set. */
    private static Set<String> fusedLoopNames() {
        Set<String> names = new TreeSet<>();
        for (var m : VectorLoops.class.getDeclaredMethods()) {
            if (m.getName().equals("fused") || m.getName().contains("Fused")) {
                names.add(m.getName());
            }
        }
        // the dispatch, and for each op and float format an entry and seven loops (bias, mask, count: not none)
        assertEquals(1 + Op.values().length * 2 * 8, names.size(), "fused loops of VectorLoops: " + names);
        return names;
    }

    private static Set<String> expectedMethods() {
        Set<String> expected = new TreeSet<>();
        for (String name : fusedLoopNames()) {
            expected.add("VectorLoops." + name);
        }
        for (var m : VectorBlocks.class.getDeclaredMethods()) {
            if (!m.isSynthetic() && !CONSTANTS.contains(m.getName())) {
                expected.add("VectorBlocks." + m.getName());
            }
        }
        return expected;
    }

    /** Of the methods C2 compiled, those of VectorLoops' fused loops and of VectorBlocks, as "Class.name". */
    private static Set<String> fusedMethods(Set<C2Compilations.Method> compiledMethods) {
        Set<String> loops = fusedLoopNames();
        Set<String> found = new TreeSet<>();
        for (C2Compilations.Method m : compiledMethods) {
            if (m.type().equals(VectorLoops.class.getName()) && loops.contains(m.name())) {
                found.add("VectorLoops." + m.name());
            } else if (m.type().equals(VectorBlocks.class.getName()) && !CONSTANTS.contains(m.name())) {
                found.add("VectorBlocks." + m.name());
            }
        }
        return found;
    }

    // ---- The warm-up. ----

    /**
     * Every fused call on the vector engine, lengths 0 to 130 by turns, every op at a typical pair,
     * every format: both arms of every branch the loops take (a bias per element or per run; counts
     * per element or a run's total), so that C2 compiles from the profile the comparisons make.
     */
    private static void warmUp() {
        for (Element e : Element.values()) {
            for (Op op : Op.values()) {
                double[] pq = Oracle.typical(op);
                Data d = new Data(op, pq[0], pq[1], e, new SplittableRandom(op.ordinal() * 4L + e.ordinal()));
                Activation a = Activation.of(op, pq[0], pq[1]).on(VECTOR);
                long[] mask = new long[(int) Activation.maskWords(POOL) + 2];
                long[] counts = new long[64];
                Object y = e.newArray(POOL);
                float[] values = new float[64];
                for (int u = 0; u < values.length; u++) {
                    values[u] = BIASES[u % BIASES.length];
                }
                Object bias = Epilogues.bias(e, values);
                Scratch s = new Scratch(e);
                for (int call = 0; call < WARM_UP_CALLS; call++) {
                    int n = call % (TAILS + 1);
                    int at = call % 97;
                    long mo = call % 71;
                    Masked.forward(a, e, d.x, at, y, at, mask, mo, n);
                    Masked.backward(a, e, mask, mo, d.dy, at, y, at, n);
                    EpilogueShape shape = SHAPES.get(call % SHAPES.size());
                    Epilogue ep = shape.on(a);
                    int rows = n / shape.group();
                    for (int with = 0; with < 8; with++) { // 0: nothing but the activation (the entry's default arm)
                        Epilogues.forward(ep, e, d.x, at, (with & 1) != 0 ? bias : null, 0, y, at,
                                (with & 2) != 0 ? mask : null, mo, (with & 4) != 0 ? counts : null, 0, rows);
                    }
                    s.blocks(VectorBlocks.INSTANCE, d, at, n, null);
                }
            }
        }
    }

    // ---- The comparisons. ----

    /** Every op at every test pair in every format; returns the calls compared. */
    private static long compareEverything() {
        long calls = 0;
        for (Element e : Element.values()) {
            for (Op op : Op.values()) {
                for (double[] pq : Oracle.params(op, e)) {
                    Data d = new Data(op, pq[0], pq[1], e, new SplittableRandom(17L * op.ordinal() + e.ordinal()));
                    calls += compare(d);
                }
            }
        }
        return calls;
    }

    private static long compare(Data d) {
        SplittableRandom random = new SplittableRandom(5);
        Element e = d.e;
        Scratch vector = new Scratch(e);
        Scratch scalar = new Scratch(e);
        long calls = 0;
        List<Integer> lengths = new ArrayList<>();
        for (int n = 0; n <= TAILS; n++) {
            lengths.add(n);
        }
        for (int n : LARGE) {
            lengths.add(n);
        }
        for (int n : lengths) {
            int at = (n * 37) % 1000;
            long mo = n % 70;
            calls += masks(d, at, mo, n, random);
            if (n <= FusedDriver.BLOCK) {
                vector.blocks(VectorBlocks.INSTANCE, d, at, n, scalar);
                calls += 6;
            }
        }
        for (EpilogueShape shape : SHAPES) {
            List<Integer> rowCounts = new ArrayList<>();
            for (int rows = 0; rows * shape.group() <= TAILS; rows++) {
                rowCounts.add(rows);
            }
            rowCounts.add(LARGE[1] / shape.group());
            for (int rows : rowCounts) {
                for (int with = 0; with < 8; with++) {
                    epilogue(d, shape, rows, (with & 1) != 0, (with & 2) != 0, (with & 4) != 0, 3 + rows % 50, random);
                    calls++;
                }
            }
        }
        return calls;
    }

    /** The mask forward and the backward from its mask, vector against scalar: y, mask words, dx. */
    private static long masks(Data d, int at, long mo, int n, SplittableRandom random) {
        Element e = d.e;
        String what = d + " n=" + n + " at " + at + " maskOffset=" + mo;
        long[] pattern = random.longs(Activation.maskWords(mo + n) + 1).toArray();
        long[] vectorMask = pattern.clone();
        long[] scalarMask = pattern.clone();
        Object vy = e.filled(at + n + PAD, e.canary);
        Object sy = e.filled(at + n + PAD, e.canary);
        Masked.forward(d.activation(VECTOR), e, d.x, at, vy, at, vectorMask, mo, n);
        Masked.forward(d.activation(SCALAR), e, d.x, at, sy, at, scalarMask, mo, n);
        assertArrayEquals(e.allBits(sy), e.allBits(vy), what + ": forward y");
        assertArrayEquals(scalarMask, vectorMask, what + ": mask words");
        Object vdx = e.filled(at + n + PAD, e.canary);
        Object sdx = e.filled(at + n + PAD, e.canary);
        Masked.backward(d.activation(VECTOR), e, vectorMask, mo, d.dy, at, vdx, at, n);
        Masked.backward(d.activation(SCALAR), e, scalarMask, mo, d.dy, at, sdx, at, n);
        assertArrayEquals(e.allBits(sdx), e.allBits(vdx), what + ": backward dx");
        assertArrayEquals(scalarMask, vectorMask, what + ": mask after the backward pass");
        return 4;
    }

    /** One epilogue call, vector against scalar: y, mask words, counts. */
    private static void epilogue(Data d, EpilogueShape shape, int rows, boolean withBias, boolean withMask,
                                 boolean withCounts, int at, SplittableRandom random) {
        Element e = d.e;
        int length = rows * shape.group();
        String what = d + " " + shape + " rows=" + rows + (withBias ? " bias" : "") + (withMask ? " mask" : "")
                + (withCounts ? " counts" : "");
        float[] values = new float[shape.units() + 2];
        for (int u = 0; u < values.length; u++) {
            values[u] = BIASES[(u + at) % BIASES.length];
        }
        Object bias = withBias ? Epilogues.bias(e, values) : null;
        long mo = at % 64;
        long[] pattern = random.longs(Activation.maskWords(mo + length) + 1).toArray();
        long[] vectorMask = withMask ? pattern.clone() : null;
        long[] scalarMask = withMask ? pattern.clone() : null;
        long[] startCounts = random.longs(shape.units() + 3, 0, 1L << 40).toArray();
        long[] vectorCounts = withCounts ? startCounts.clone() : null;
        long[] scalarCounts = withCounts ? startCounts.clone() : null;
        Object vy = e.filled(at + length + PAD, e.canary);
        Object sy = e.filled(at + length + PAD, e.canary);
        Epilogues.forward(shape.on(d.activation(VECTOR)), e, d.x, at, bias, 1, vy, at, vectorMask, mo, vectorCounts, 1, rows);
        Epilogues.forward(shape.on(d.activation(SCALAR)), e, d.x, at, bias, 1, sy, at, scalarMask, mo, scalarCounts, 1, rows);
        assertArrayEquals(e.allBits(sy), e.allBits(vy), what + ": y");
        if (withMask) {
            assertArrayEquals(scalarMask, vectorMask, what + ": mask words");
        }
        if (withCounts) {
            assertArrayEquals(scalarCounts, vectorCounts, what + ": counts");
        }
    }

    // ---- Data. ----

    /** One op at one pair in one format, and its inputs: specials, the parameters and their neighbours, random bits, ordinary values. */
    private static final class Data {
        final Op op;
        final double p;
        final double q;
        final Element e;
        final Object x;
        final Object dy;

        Data(Op op, double p, double q, Element e, SplittableRandom random) {
            this.op = op;
            this.p = p;
            this.q = q;
            this.e = e;
            long[] interesting = MaskData.interesting(op, p, q, e);
            x = e.newArray(POOL);
            for (int i = 0; i < POOL; i++) {
                e.setBits(x, i, switch (i % 3) {
                    case 0 -> interesting[(i / 3) % interesting.length];
                    case 1 -> e.randomBits(random);
                    default -> e.ordinary(random);
                });
            }
            dy = e.randomBitsArray(POOL, random);
            for (int i = 0; i < POOL; i += 4) {
                e.setBits(dy, i, e.ordinary(random));
            }
        }

        Activation activation(Engine engine) {
            return Activation.of(op, p, q).on(engine);
        }

        @Override
        public String toString() {
            return Activation.of(op, p, q) + " (" + e.name().toLowerCase() + ")";
        }
    }

    /**
     * One format's buffers for the block kernels called directly: the gate, the gradient from its
     * words, the bias adds and the counts, each on {@code n <= BLOCK} elements.
     */
    private static final class Scratch {
        final Element e;
        final long[] words = new long[FusedDriver.BLOCK / 64 + 1];
        final Object out;
        final Object rowSums;
        final Object runSums;
        final Object inputs;
        /** The inputs the gate words stand for (PReLU channels-last's backward from a mask). */
        final Object expanded;
        final Object tile;
        final int[] counts = new int[FusedDriver.BLOCK + 8];
        int total;

        Scratch(Element e) {
            this.e = e;
            Format f = format(e);
            out = f.newArray(FusedDriver.BLOCK + 8);
            rowSums = f.newArray(FusedDriver.BLOCK + 8);
            runSums = f.newArray(FusedDriver.BLOCK + 8);
            inputs = f.newArray(FusedDriver.BLOCK);
            expanded = f.newArray(FusedDriver.BLOCK);
            tile = ChannelDriver.slopes(f).newArray(FusedDriver.BLOCK + 8);
            for (int i = 0; i < FusedDriver.BLOCK + 8; i++) {
                float b = BIASES[i % BIASES.length];
                if (tile instanceof double[] t) {
                    t[i] = b;
                } else {
                    ((float[]) tile)[i] = b;
                }
            }
        }

        private static Format format(Element e) {
            return switch (e) {
                case FLOAT -> Format.F32;
                case DOUBLE -> Format.F64;
                case BF16 -> Format.BF16;
                case F16 -> Format.F16;
            };
        }

        /**
         * Each block kernel of {@code kernels} on {@code d}'s inputs from {@code at}; with
         * {@code reference}, the same on {@link ScalarBlocks} into its buffers, compared.
         */
        void blocks(BlockKernels kernels, Data d, int at, int n, Scratch reference) {
            run(kernels, d, at, n);
            if (reference == null) {
                return;
            }
            reference.run(ScalarBlocks.INSTANCE, d, at, n);
            String what = d + " block kernels, n=" + n + " at " + at;
            assertArrayEquals(reference.words, words, what + ": gate words");
            assertArrayEquals(e.allBits(reference.out), e.allBits(out), what + ": gradient from the gate words");
            assertArrayEquals(e.allBits(reference.expanded), e.allBits(expanded), what + ": inputs from the gate words");
            assertArrayEquals(e.allBits(reference.rowSums), e.allBits(rowSums), what + ": bias per element");
            assertArrayEquals(e.allBits(reference.runSums), e.allBits(runSums), what + ": one bias");
            assertArrayEquals(reference.counts, counts, what + ": counts");
            assertEquals(reference.total, total, what + ": count of a run");
        }

        private void run(BlockKernels kernels, Data d, int at, int n) {
            Format f = format(e);
            java.util.Arrays.fill(words, -1L);
            java.util.Arrays.fill(counts, 3);
            kernels.gate(d.op, f, d.x, at, n, d.p, d.q, words);
            kernels.gradient(d.op, f, words, d.dy, at, out, 1, n, d.p, inputs);
            kernels.inputs(f, words, n, expanded);
            kernels.addRow(f, d.x, at, rowSums, 1, n, tile, at % 8);
            kernels.addRun(f, d.x, at, runSums, 1, n, BIASES[at % BIASES.length]);
            kernels.countRow(f, d.x, at, n, counts, 2);
            total = kernels.countRun(f, d.x, at, n);
        }
    }
}
