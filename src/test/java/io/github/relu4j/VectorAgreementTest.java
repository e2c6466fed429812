package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector kernel, and every portable kernel ({@link Engine#portable()}), against the scalar
 * reference, bit for bit: every length up to four vectors
 * and a tail, several offsets, every special value in every lane and in the tail, every pair of
 * special values, random bit patterns over the whole range, and in-place use. Each check also
 * proves that nothing outside the output range is written and that inputs stay unchanged.
 *
 * <p>Under the default surefire execution this runs in tiered mode, mostly before C2 has compiled
 * the kernels; {@link C2AgreementTest} runs it again on C2's code.
 */
class VectorAgreementTest {
    static final Engine SCALAR = Engine.scalar();
    static final Engine VECTOR = Engine.vector();
    static final Engine PORTABLE = Engine.portable();
    /**
     * The engines checked against the reference: the portable kernels too, except under -Xint
     * (the xint execution is for the Vector API's Java fallback code; the portable kernels are
     * the same bytecode in every mode, and interpreted they took two minutes of that leg).
     */
    static final List<Engine> UNDER_TEST = java.lang.management.ManagementFactory.getRuntimeMXBean()
            .getInputArguments().contains("-Xint") ? List.of(VECTOR) : List.of(VECTOR, PORTABLE);

    /** Slots left on either side of every range, to catch stray writes. */
    private static final int PAD = 5;

    static List<KernelCase> kernels() {
        return KernelScope.of(KernelCase.all()); // all of it unless relu4j.test.storages narrows it
    }

    /**
     * Lanes of a vector of the kernel's loop: the preferred float or double vector; for 16-bit
     * formats, shorts at the preferred width for ReLU (which never converts) and otherwise as many
     * as a preferred float vector has (each widens to one).
     */
    static int lanes(KernelCase kernel) {
        return switch (kernel.element()) {
            case FLOAT -> FloatVector.SPECIES_PREFERRED.length();
            case DOUBLE -> DoubleVector.SPECIES_PREFERRED.length();
            case BF16, F16 -> kernel.op() == Op.RELU ? ShortVector.SPECIES_PREFERRED.length()
                    : FloatVector.SPECIES_PREFERRED.length();
        };
    }

    /** Lengths 0 .. 4 vectors + 3, each at offsets that put the range on and off vector alignment. */
    @ParameterizedTest
    @MethodSource("kernels")
    void everyLengthAtSeveralOffsets(KernelCase kernel) {
        Element e = kernel.element();
        int lanes = lanes(kernel);
        int[][] offsets = {{0, 0, 0}, {1, 2, 3}, {lanes - 1, 0, 1}, {3, lanes + 1, lanes - 1}};
        SplittableRandom random = new SplittableRandom(kernel.toString().hashCode());
        for (int n = 0; n <= 4 * lanes + 3; n++) {
            for (int[] o : offsets) {
                check(kernel, e.randomBitsArray(o[0] + n + PAD, random), o[0],
                        e.randomBitsArray(o[1] + n + PAD, random), o[1], o[2], n);
            }
        }
    }

    /**
     * The output at every element offset of a vector (on 64-byte-aligned native memory that is
     * every length of the segment kernels' masked head, 0 to lanes - 1), inputs elsewhere, with
     * lengths shorter than, equal to and past the head.
     */
    @ParameterizedTest
    @MethodSource("kernels")
    void everyOutputAlignment(KernelCase kernel) {
        Element e = kernel.element();
        int lanes = lanes(kernel);
        SplittableRandom random = new SplittableRandom(kernel.toString().hashCode() + 1);
        for (int outOffset = 0; outOffset <= lanes; outOffset++) {
            for (int n : new int[] {1, lanes - outOffset % lanes, 2 * lanes + 3, 9 * lanes + 1}) {
                int xOffset = (outOffset * 3 + 1) % lanes;
                check(kernel, e.randomBitsArray(xOffset + n + PAD, random), xOffset,
                        e.randomBitsArray(outOffset + n + PAD, random), outOffset, outOffset, n);
            }
        }
    }

    /** Each special value in each position of three vectors less one: every lane, twice, and every tail lane. */
    @ParameterizedTest
    @MethodSource("kernels")
    void everySpecialValueInEveryLane(KernelCase kernel) {
        Element e = kernel.element();
        int n = 3 * lanes(kernel) - 1;
        SplittableRandom random = new SplittableRandom(42);
        for (long special : e.specials()) {
            for (int position = 0; position < n; position++) {
                Object x = e.ordinaryArray(n, random);
                Object dy = e.ordinaryArray(n, random);
                e.setBits(x, position, special);
                check(kernel, x, 0, dy, 0, 0, n);
                if (kernel.backward()) {
                    Object x2 = e.ordinaryArray(n, random);
                    e.setBits(dy, position, special);
                    check(kernel, x2, 0, dy, 0, 0, n);
                }
            }
        }
    }

    /** Every (x, dy) pair of special values, shifted through every lane alignment. */
    @ParameterizedTest
    @MethodSource("kernels")
    void everyPairOfSpecialValues(KernelCase kernel) {
        Element e = kernel.element();
        long[] specials = e.specials();
        int n = specials.length * specials.length;
        for (int shift = 0; shift <= lanes(kernel); shift++) {
            Object x = e.filled(shift + n, 0);
            Object dy = e.filled(shift + n, 0);
            for (int i = 0; i < n; i++) {
                e.setBits(x, shift + i, specials[i / specials.length]);
                e.setBits(dy, shift + i, specials[i % specials.length]);
            }
            check(kernel, x, shift, dy, shift, 0, n);
        }
    }

    /** Random bits over the whole range (NaNs, subnormals, infinities and all) at large lengths. */
    @ParameterizedTest
    @MethodSource("kernels")
    void randomBitsAtLargeLengths(KernelCase kernel) {
        Element e = kernel.element();
        SplittableRandom random = new SplittableRandom(7);
        for (int n : new int[] {1000, 4099, 65_536 + 7, 100_003}) {
            check(kernel, e.randomBitsArray(n + 2, random), 1, e.randomBitsArray(n + 3, random), 3, 2, n);
        }
    }

    /** How an in-place call shares its arrays (same offset everywhere). */
    enum Alias {
        OUT_IS_X, OUT_IS_DY, ALL_ONE_ARRAY;

        /** The ways {@code kernel} can run in place: forward kernels have no dy. */
        static List<Alias> of(KernelCase kernel) {
            return kernel.backward() ? List.of(values()) : List.of(OUT_IS_X);
        }
    }

    /** Output on top of an input, same offset: the result is that of the out-of-place call. */
    @ParameterizedTest
    @MethodSource("kernels")
    void inPlace(KernelCase kernel) {
        SplittableRandom random = new SplittableRandom(3);
        int lanes = lanes(kernel);
        for (int n : new int[] {0, 1, lanes - 1, lanes, 2 * lanes + 3, 1001}) {
            for (int offset : new int[] {0, 3}) {
                for (Alias alias : Alias.of(kernel)) {
                    for (Engine kernels : java.util.stream.Stream.concat(java.util.stream.Stream.of(SCALAR),
                            UNDER_TEST.stream()).toList()) {
                        checkInPlace(kernel, kernels.toString(), on(kernel, kernels), alias, offset, n, random);
                    }
                }
            }
        }
    }

    /** One implementation of one kernel, called with a test's arrays. */
    @FunctionalInterface
    interface Call {
        void run(Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset, int length);
    }

    /** {@code kernels}' implementation of {@code kernel}, through the kernel case's own storage. */
    static Call on(KernelCase kernel, Engine kernels) {
        return (x, xo, dy, dyo, out, oo, n) -> kernel.run(kernels, x, xo, dy, dyo, out, oo, n);
    }

    /**
     * Runs {@code under} in place as {@code alias} says, on random bits: inside the range the shared
     * array must hold the scalar reference's out-of-place result, outside it its input.
     */
    static void checkInPlace(KernelCase kernel, String name, Call under, Alias alias, int offset, int n,
                             SplittableRandom random) {
        Element e = kernel.element();
        Object x = e.randomBitsArray(offset + n + PAD, random);
        Object dy = alias == Alias.ALL_ONE_ARRAY ? x : e.randomBitsArray(offset + n + PAD, random);
        Object result = e.filled(offset + n + PAD, e.canary);
        kernel.run(SCALAR, x, offset, dy, offset, result, offset, n);
        Object expected = e.copy(alias == Alias.OUT_IS_DY ? dy : x);
        System.arraycopy(result, offset, expected, offset, n);
        Object x2 = e.copy(x);
        Object dy2 = alias == Alias.ALL_ONE_ARRAY ? x2 : e.copy(dy);
        Object out = alias == Alias.OUT_IS_DY ? dy2 : x2;
        under.run(x2, offset, dy2, offset, out, offset, n);
        assertArrayEquals(e.allBits(expected), e.allBits(out),
                name + " " + kernel + " " + alias + " n=" + n + " offset=" + offset);
    }

    /**
     * Runs both implementations on copies of the inputs, into outputs filled with canaries, and
     * compares every slot of the outputs, the canaries outside the range, and the inputs.
     */
    static void check(KernelCase kernel, Object x, int xOffset, Object dy, int dyOffset, int outOffset, int n) {
        for (Engine engine : UNDER_TEST) {
            check(kernel, engine.toString(), on(kernel, engine), x, xOffset, dy, dyOffset, outOffset, n);
        }
    }

    /** {@link #check} for any implementation {@code under} of the kernel. */
    static void check(KernelCase kernel, String name, Call under, Object x, int xOffset, Object dy, int dyOffset,
                      int outOffset, int n) {
        Element e = kernel.element();
        long[] xBefore = e.allBits(x);
        long[] dyBefore = e.allBits(dy);
        Object expected = e.filled(outOffset + n + PAD, e.canary);
        Object actual = e.filled(outOffset + n + PAD, e.canary);
        kernel.run(SCALAR, x, xOffset, dy, dyOffset, expected, outOffset, n);
        under.run(x, xOffset, dy, dyOffset, actual, outOffset, n);
        String what = name + " " + kernel + " n=" + n + " offsets=(" + xOffset + ", " + dyOffset + ", " + outOffset + ")";
        assertRange(e, expected, actual, outOffset, n, what);
        assertArrayEquals(xBefore, e.allBits(x), what + ": x changed");
        assertArrayEquals(dyBefore, e.allBits(dy), what + ": dy changed");
    }

    /** Equal bits everywhere, and canaries untouched outside [offset, offset + n). */
    static void assertRange(Element e, Object expected, Object actual, int offset, int n, String what) {
        for (int i = 0; i < e.length(actual); i++) {
            long want = e.bits(expected, i);
            long got = e.bits(actual, i);
            boolean inside = i >= offset && i < offset + n;
            if (want != got || (!inside && got != e.canary)) {
                throw new AssertionError(what + " at index " + i + (inside ? "" : " (outside the range)")
                        + ": expected " + e.hex(inside ? want : e.canary) + " but was " + e.hex(got));
            }
        }
    }
}
