package io.github.relu4j;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * One op at one parameter pair in one format, with what its mask forms must give: inputs that
 * mix the special values, the values at and next to the parameters, random bits and ordinary
 * values (so each kind meets every bit position of a word), and for each element the plain
 * forward's and backward's bits (the reference engine's, proven against the contract elsewhere)
 * and the gate ({@link GateOracle}).
 *
 * @param x      inputs
 * @param dy     output gradients
 * @param y      the plain forward of {@code x}, element by element
 * @param dx     the plain backward of {@code x} and {@code dy}
 * @param gate   the mask's bit for each element
 */
record MaskData(Op op, double p, double q, Element e, Object x, Object dy, Object y, Object dx, boolean[] gate) {

    /** Elements held: the longest call (70,000) after the widest base (1,024) and offsets. */
    static final int LENGTH = 72_000;

    static MaskData of(Op op, double p, double q, Element e) {
        long[] interesting = interesting(op, p, q, e);
        SplittableRandom random = new SplittableRandom(31L * op.ordinal() + Double.hashCode(p) + 7 * Double.hashCode(q) + e.ordinal());
        Object x = e.newArray(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            long bits = switch (i % 3) {
                case 0 -> interesting[(i / 3) % interesting.length];
                case 1 -> e.randomBits(random);
                default -> e.ordinary(random);
            };
            e.setBits(x, i, bits);
        }
        Object dy = e.randomBitsArray(LENGTH, random);
        for (int i = 0; i < LENGTH; i += 5) {
            e.setBits(dy, i, e.ordinary(random)); // finite products too
        }
        Activation reference = Activation.of(op, p, q).on(Engine.scalar());
        Object y = e.newArray(LENGTH);
        Object dx = e.newArray(LENGTH);
        e.call(reference, false, x, 0, null, 0, y, 0, LENGTH);
        e.call(reference, true, x, 0, dy, 0, dx, 0, LENGTH);
        boolean[] gate = new boolean[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            gate[i] = GateOracle.passes(op, e, e.bits(x, i), p, q);
        }
        return new MaskData(op, p, q, e, x, dy, y, dx, gate);
    }

    Activation activation() {
        return Activation.of(op, p, q);
    }

    /** The special values, and the parameters as the kernels see them with their neighbours, both signs. */
    static long[] interesting(Op op, double p, double q, Element e) {
        LongStream.Builder values = LongStream.builder();
        Arrays.stream(e.specials()).forEach(values);
        for (double v : new double[] {p, q}) {
            long bits = e.size() == Short.SIZE ? HalfOracle.written(e, v) : e.param(v);
            for (long b : new long[] {bits, bits + 1, bits - 1}) {
                long mask = e.signBit | (e.signBit - 1);
                values.add(b & mask);
                values.add((b ^ e.signBit) & mask);
            }
            if (e.size() == Short.SIZE) { // the float parameter itself lies between two encodings
                values.add(floorOf(e, v));
            }
        }
        return values.build().distinct().toArray();
    }

    /** The encoding just below or at the float parameter (the compare's edge when it rounds). */
    private static long floorOf(Element e, double v) {
        Encoding h = HalfOracle.encoding(e);
        long w = HalfOracle.written(e, v);
        double f = HalfOracle.asFloat(v);
        return h.value(w) <= f ? w : (w & h.signBit()) != 0 ? w + 1 : w - 1;
    }

    /** A copy of {@code from[start - offset, start - offset + length)}: element {@code start + i} at {@code offset + i}. */
    Object slice(Object from, int start, int offset, int length) {
        Object a = e.newArray(length);
        System.arraycopy(from, start - offset, a, 0, Math.min(length, LENGTH - (start - offset)));
        return a;
    }

    @Override
    public String toString() {
        return activation() + " (" + e.name().toLowerCase() + ")";
    }
}
