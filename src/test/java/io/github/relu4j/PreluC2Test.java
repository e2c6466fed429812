package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PReLU's vector kernels ({@link VectorChannels}) compared with the oracle on code that C2
 * compiled, in the {@code c2} surefire executions ({@code -XX:-TieredCompilation -Xbatch}, at
 * every vector width). First every kernel is called on shapes with and without tails, on arrays
 * and native segments, until a JFR recording shows each of its kernel methods compiled by C2 (on
 * its own or inlined into a C2-compiled caller); then {@link PreluTest}'s comparisons run on the
 * vector engine four times, the last under a recording which must show no
 * {@code VectorChannels} method deoptimized (the first passes let C2 recompile what the short
 * warm-up shapes left unprofiled: loop predicates taken from the profile fail on other shapes
 * until the profile has seen them, by design). Shapes have more than one channel, so no call reaches the elementwise loops that
 * {@link C2AgreementTest} must be the first to compile. The 16-bit kernels ({@link VectorHalfChannels}: its
 * four kernels and its widening and rounding loops of each format, around the {@code F32} kernels on arrays)
 * go through the same proof, against {@link PreluHalfOracle}, and their slope gradient must have the bits of the
 * {@code F32} reference on the widened tensors at this width.
 */
@Tag("c2")
class PreluC2Test {
    private static final int WARM_UP_CALLS = 12_000; // past C2's threshold without tiers (10,000)
    /** The kernel methods: each of the four kernels for each format, on arrays and on segments. */
    private static final Set<String> KERNELS = Set.of("planesF32", "planesF64", "rowsF32", "rowsF64", "runsF32",
            "runsF64", "rowSumsF32", "rowSumsF64");
    /** The 16-bit kernels (either container, either format) and their conversion loops. */
    private static final Set<String> HALF_KERNELS = Set.of("planes", "rows", "runs", "rowSums", "widenBF16",
            "widenF16", "roundBF16", "roundF16");

    @Test
    void compiledByC2AndAgreeingWithoutDeoptimization() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (String k : KERNELS) {
            expected.add(k + " on arrays");
            expected.add(k + " on segments");
        }
        for (String k : HALF_KERNELS) {
            expected.add("16-bit " + k);
        }
        assertEquals(expected, kernels(C2Compilations.compiledDuring(PreluC2Test::warmUp)),
                "PReLU's vector kernels compiled by C2");
        for (int pass = 0; pass < 3; pass++) {
            compare(); // unrecorded: C2 recompiles what the small warm-up shapes did not reach
        }
        try (Recording comparisons = new Recording()) {
            comparisons.enable("jdk.Deoptimization");
            comparisons.start();
            compare();
            comparisons.stop();
            Path recorded = dump(comparisons);
            List<String> deoptimized = new java.util.ArrayList<>(C2Compilations.deoptimized(recorded,
                    VectorChannels.class.getName(), null));
            deoptimized.addAll(C2Compilations.deoptimized(recorded, VectorHalfChannels.class.getName(), null));
            assertEquals(List.of(), deoptimized, "PReLU vector kernels deoptimized while being compared");
        }
        sameSlopeGradientAsTheReference();
        sameHalfSlopeGradientAsTheFloatReference();
    }

    /**
     * The 16-bit slope gradient of tensors of many block groups, on the vector engine and cut into
     * pieces on three threads: the bits of the float reference on the widened tensors, at this width.
     */
    private static void sameHalfSlopeGradientAsTheFloatReference() {
        SplittableRandom random = new SplittableRandom(6);
        Engine parallel = Engine.of(ParallelLoops.withThreshold(VectorLoops.INSTANCE, 3,
                java.util.concurrent.ForkJoinPool.commonPool(), 1));
        for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
            for (Prelu shape : PreluHalfSumTest.shapes()) {
                int n = (int) (((1 << 20) + 123) / shape.groupSize());
                int length = (int) (n * shape.groupSize());
                short[] x = PreluHalfSumTest.ordinary(k, length, random);
                short[] dy = PreluHalfSumTest.ordinary(k, length, random);
                float[] expected = new float[shape.channels()];
                shape.on(Engine.scalar()).slopeGradient(PreluHalfOracle.widened(k, x), 0,
                        PreluHalfOracle.widened(k, dy), 0, n, expected, 0);
                for (Engine engine : List.of(Engine.vector(), parallel)) {
                    PreluHalfSumTest.check(k, shape.on(engine), x, dy, n, expected);
                }
            }
        }
    }

    /**
     * The slope gradient of tensors of many block groups, on the vector engine and cut into pieces
     * on three threads: the reference's bits at this width.
     */
    private static void sameSlopeGradientAsTheReference() {
        SplittableRandom random = new SplittableRandom(4);
        Engine parallel = Engine.of(ParallelLoops.withThreshold(VectorLoops.INSTANCE, 3,
                java.util.concurrent.ForkJoinPool.commonPool(), 1));
        for (Element e : PreluTest.ELEMENTS) {
            for (Prelu shape : List.of(Prelu.shared(), Prelu.channelsFirst(3, 5000), Prelu.channelsFirst(16, 49),
                    Prelu.channelsLast(64), Prelu.channelsLast(3))) {
                int n = (int) (((1 << 20) + 123) / shape.groupSize());
                int length = (int) (n * shape.groupSize());
                Object x = e.newArray(length);
                Object dy = e.newArray(length);
                for (int i = 0; i < length; i++) {
                    e.setBits(x, i, e.ordinary(random));
                    e.setBits(dy, i, e.ordinary(random));
                }
                long[] expected = PreluSumTest.slopeGradient(shape.on(Engine.scalar()), e, x, dy, n, false);
                for (Engine engine : List.of(Engine.vector(), parallel)) {
                    for (boolean segments : new boolean[] {false, true}) {
                        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(
                                PreluSumTest.slopeGradient(shape.on(engine), e, x, dy, n, segments)),
                                shape + " " + e + " dw on " + engine + (segments ? " (segments)" : ""));
                    }
                }
            }
        }
    }

    /**
     * {@link PreluTest}'s and {@link PreluHalfTest}'s comparisons on the vector engine, arrays and
     * native segments, more than one channel.
     */
    private static void compare() {
        SplittableRandom random = new SplittableRandom(3);
        for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
            for (PreluTest.Shape shape : PreluHalfTest.shapes()) {
                if (shape.channels() == 1) {
                    continue;
                }
                PreluHalfTest.Case c = new PreluHalfTest.Case(k, shape, random);
                for (PreluHalfCall.Where where : List.of(PreluHalfCall.Where.ARRAY, PreluHalfCall.Where.NATIVE)) {
                    for (PreluCall call : PreluCall.values()) {
                        c.check(Engine.vector(), where, call, PreluTest.Place.APART);
                    }
                }
            }
        }
        for (Element e : PreluTest.ELEMENTS) {
            for (PreluTest.Shape shape : PreluTest.shapes()) {
                if (shape.channels() == 1) {
                    continue;
                }
                PreluTest.Case c = new PreluTest.Case(e, shape, random);
                for (PreluCall.Where where : List.of(PreluCall.Where.ARRAY, PreluCall.Where.NATIVE)) {
                    for (PreluCall call : PreluCall.values()) {
                        c.check(Engine.vector(), where, call, PreluTest.Place.APART);
                    }
                }
            }
        }
    }

    /** Every kernel, both formats and containers, every direction, lengths with and without tails. */
    private static void warmUp() {
        SplittableRandom random = new SplittableRandom(2);
        List<Prelu> shapes = List.of(Prelu.channelsFirst(3, 37), Prelu.channelsFirst(2, 64), Prelu.channelsFirst(3, 7),
                Prelu.channelsLast(19), Prelu.channelsLast(32), Prelu.channelsLast(3), Prelu.channelsLast(100));
        try (Arena arena = Arena.ofConfined()) {
            for (Element e : PreluTest.ELEMENTS) {
                int max = 2 * 3 * 64;
                Object x = e.randomBitsArray(max, random);
                Object dy = e.randomBitsArray(max, random);
                Object out = e.newArray(max);
                Object w = e.newArray(100);
                Object dw = e.newArray(100);
                for (int c = 0; c < 100; c++) {
                    e.setBits(w, c, e.param(0.25));
                }
                var xs = arena.allocate((long) max * e.size() / 8, 64);
                var dys = arena.allocate(xs.byteSize(), 64);
                var outs = arena.allocate(xs.byteSize(), 64);
                e.copyInto(x, xs);
                e.copyInto(dy, dys);
                for (int call = 0; call < WARM_UP_CALLS; call++) {
                    for (Prelu shape : shapes) {
                        Prelu p = shape.on(Engine.vector());
                        int n = 1 + call % 2;
                        for (PreluCall kernel : PreluCall.values()) {
                            if (call % 2 == 0) {
                                kernel.run(p, e, PreluCall.Where.ARRAY, x, 0, dy, 0, out, 0, n, w, 0, dw, 0);
                            } else {
                                onSegments(kernel, p, e, xs, dys, outs, n, w, dw);
                            }
                        }
                    }
                }
            }
            for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
                int max = 2 * 3 * 64;
                short[] x = k.values(max, random);
                short[] dy = k.values(max, random);
                short[] out = new short[max];
                float[] w = new float[100];
                float[] dw = new float[100];
                java.util.Arrays.fill(w, 0.25f);
                var xs = arena.allocate(2L * max, 64);
                var dys = arena.allocate(xs.byteSize(), 64);
                var outs = arena.allocate(xs.byteSize(), 64);
                java.lang.foreign.MemorySegment.copy(x, 0, xs, java.lang.foreign.ValueLayout.JAVA_SHORT, 0, max);
                java.lang.foreign.MemorySegment.copy(dy, 0, dys, java.lang.foreign.ValueLayout.JAVA_SHORT, 0, max);
                for (int call = 0; call < WARM_UP_CALLS; call++) {
                    for (Prelu shape : shapes) {
                        Prelu p = shape.on(Engine.vector());
                        int n = 1 + call % 2;
                        for (PreluCall kernel : PreluCall.values()) {
                            if (call % 2 == 0) {
                                PreluHalfCall.run(kernel, p, k, PreluHalfCall.Where.ARRAY, x, 0, dy, 0, out, 0, n, w, 0,
                                        dw, 0);
                            } else {
                                PreluHalfCall.onSegments(kernel, p, k, xs, 0, dys, 0, outs, 0, n, w, 0, dw, 0);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void onSegments(PreluCall kernel, Prelu p, Element e, java.lang.foreign.MemorySegment x,
                                   java.lang.foreign.MemorySegment dy, java.lang.foreign.MemorySegment out, int n,
                                   Object w, Object dw) {
        boolean f = e == Element.FLOAT;
        switch (kernel) {
            case FORWARD -> {
                if (f) {
                    p.forwardF32(x, 0, out, 0, n, (float[]) w, 0);
                } else {
                    p.forwardF64(x, 0, out, 0, n, (double[]) w, 0);
                }
            }
            case BACKWARD -> {
                if (f) {
                    p.backwardF32(x, 0, dy, 0, out, 0, n, (float[]) w, 0, (float[]) dw, 0);
                } else {
                    p.backwardF64(x, 0, dy, 0, out, 0, n, (double[]) w, 0, (double[]) dw, 0);
                }
            }
            case INPUT_GRADIENT -> {
                if (f) {
                    p.inputGradientF32(x, 0, dy, 0, out, 0, n, (float[]) w, 0);
                } else {
                    p.inputGradientF64(x, 0, dy, 0, out, 0, n, (double[]) w, 0);
                }
            }
            case SLOPE_GRADIENT -> {
                if (f) {
                    p.slopeGradientF32(x, 0, dy, 0, n, (float[]) dw, 0);
                } else {
                    p.slopeGradientF64(x, 0, dy, 0, n, (double[]) dw, 0);
                }
            }
        }
    }

    /** Of the methods C2 compiled, the kernel methods, as "name on arrays|segments", and "16-bit name". */
    private static Set<String> kernels(Set<C2Compilations.Method> compiledMethods) {
        Set<String> compiled = new TreeSet<>();
        for (C2Compilations.Method m : compiledMethods) {
            if (m.type().equals(VectorChannels.class.getName()) && KERNELS.contains(m.name())) {
                compiled.add(m.name() + (m.descriptor().contains("MemorySegment") ? " on segments" : " on arrays"));
            } else if (m.type().equals(VectorHalfChannels.class.getName()) && HALF_KERNELS.contains(m.name())) {
                compiled.add("16-bit " + m.name());
            }
        }
        return compiled;
    }

    private static Path dump(Recording recording) throws IOException {
        return C2Compilations.dump(recording);
    }
}
