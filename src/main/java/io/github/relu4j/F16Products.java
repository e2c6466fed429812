package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Leaky ReLU on binary16, forward and backward, for the vector engine:
 * {@code out = x > 0 ? s : f16(float(s) * alpha)}, with {@code s = x} forward and {@code s = dy}
 * backward. Per chunk of {@link PortableScratch#CHUNK}, three loops: {@code s} widened and
 * multiplied into floats, the floats rounded to binary16, then the selection on whole
 * {@link ShortVector}s. The first two are plain loops around {@code Float.float16ToFloat} and
 * {@code Float.floatToFloat16}, which C2 compiles to the CPU's conversion instructions and
 * vectorises; written with the Vector API instead (integer arithmetic: JDK 25 has no binary16
 * conversion operator), the rounding alone is some twenty vector operations, and with it inlined
 * in every copy of the loop body C2 gave up inlining and boxed the vectors.
 *
 * <p>The bits are the contract's: widening is exact; the float product rounds once; the
 * conversion rounds to nearest even, and on a NaN (a product of a NaN, or of an infinity and
 * zero) both the interpreted and the compiled {@code floatToFloat16} keep the sign, the quiet
 * bit and the top payload bits, since a float widened from binary16 (or the CPU's default NaN)
 * has no payload bits below them.
 */
final class F16Products {
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final int CHUNK = PortableScratch.CHUNK;
    /** binary16 +Infinity: see {@link VectorHalves} for the compare on encodings. */
    private static final short INF = 0x7C00;

    private F16Products() {}

    /** On arrays; {@code out} may be {@code x} or {@code s} at the same offset. */
    static void scale(short[] x, int xOffset, short[] s, int sOffset, short[] out, int outOffset, int length,
                      float alpha) {
        PortableScratch scratch = PortableScratch.get();
        for (int done = 0; done < length; done += CHUNK) {
            int n = Math.min(CHUNK, length - done);
            widen(s, sOffset + done, scratch.floats, n, alpha);
            round(scratch.floats, scratch.shorts, n);
            select(x, xOffset + done, s, sOffset + done, scratch.shorts, out, outOffset + done, n);
        }
    }

    /** On native segments: each chunk is copied into the scratch shorts (x, then s) and the result out. */
    static void scale(MemorySegment x, long xOffset, MemorySegment s, long sOffset, MemorySegment out,
                      long outOffset, long length, float alpha) {
        PortableScratch scratch = PortableScratch.get();
        short[] b = scratch.shorts; // [0, CHUNK): the rounded products; then x; then s
        for (long done = 0; done < length; done += CHUNK) {
            int n = (int) Math.min(CHUNK, length - done);
            MemorySegment.copy(x, SHORT, (xOffset + done) * 2, b, CHUNK, n);
            MemorySegment.copy(s, SHORT, (sOffset + done) * 2, b, 2 * CHUNK, n);
            widen(b, 2 * CHUNK, scratch.floats, n, alpha);
            round(scratch.floats, b, n);
            select(b, CHUNK, b, 2 * CHUNK, b, b, CHUNK, n);
            MemorySegment.copy(b, CHUNK, out, SHORT, (outOffset + done) * 2, n);
        }
    }

    /** {@code f[i] = float(s[from + i]) * alpha}. */
    private static void widen(short[] s, int from, float[] f, int n, float alpha) {
        for (int i = 0; i < n; i++) {
            f[i] = Float.float16ToFloat(s[from + i]) * alpha;
        }
    }

    /** {@code r[i] = f16(f[i])}, into the first {@code n} of {@code r}. */
    private static void round(float[] f, short[] r, int n) {
        for (int i = 0; i < n; i++) {
            r[i] = Float.floatToFloat16(f[i]);
        }
    }

    /** {@code out[i] = x[i] > 0 ? s[i] : r[i]}: the rounded product where x is not above zero. */
    private static void select(short[] x, int xOffset, short[] s, int sOffset, short[] r, short[] out, int outOffset,
                               int n) {
        int i = 0;
        for (int bound = SHORTS.loopBound(n); i < bound; i += SHORTS.length()) {
            ShortVector xv = ShortVector.fromArray(SHORTS, x, xOffset + i);
            ShortVector.fromArray(SHORTS, r, i).blend(ShortVector.fromArray(SHORTS, s, sOffset + i), positive(xv))
                    .intoArray(out, outOffset + i);
        }
        if (i < n) {
            VectorMask<Short> m = SHORTS.indexInRange(i, n);
            ShortVector xv = ShortVector.fromArray(SHORTS, x, xOffset + i, m);
            ShortVector.fromArray(SHORTS, r, i, m).blend(ShortVector.fromArray(SHORTS, s, sOffset + i, m), positive(xv))
                    .intoArray(out, outOffset + i, m);
        }
    }

    /** Lanes above zero: +tiny..+Inf, as in {@link VectorHalves}. */
    private static VectorMask<Short> positive(ShortVector x) {
        return x.add((short) 0x7FFF).compare(VectorOperators.LT, (short) (INF - 0x8000));
    }
}
