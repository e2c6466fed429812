package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Bit ranges of a mask: a {@code long[]} or a segment of longs (native byte order, any
 * alignment). Bit {@code b} of a mask is bit {@code b % 64} of word {@code b / 64}, the layout of
 * {@link java.util.BitSet#valueOf(long[])} and of {@code VectorMask.toLong()} stored word by
 * word. The kernels make and read their bits in a block's own words, bit 0 first; these copy
 * them to and from any bit offset of the caller's mask, leaving every bit outside the range as
 * it was.
 */
final class MaskWords {
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    private MaskWords() {}

    /** The words a mask of {@code bits} bits needs. */
    static long words(long bits) {
        return Math.ceilDiv(bits, Long.SIZE);
    }

    /** The number of bits a mask holds. */
    static long bits(Object mask) {
        return mask instanceof long[] a ? (long) a.length * Long.SIZE : ((MemorySegment) mask).byteSize() / Long.BYTES * Long.SIZE;
    }

    /** Writes bits {@code [0, n)} of {@code src} to bits {@code [at, at + n)} of {@code mask}. */
    static void write(Object mask, long at, long[] src, int n) {
        int shift = (int) (at & 63);
        long word = at >>> 6;
        int whole = n >>> 6;
        if (shift == 0 && whole > 0) { // the blocks after a call's first: whole words copied, then the last part
            if (mask instanceof long[] a) {
                System.arraycopy(src, 0, a, (int) word, whole);
            } else {
                MemorySegment.copy(src, 0, (MemorySegment) mask, WORD, word * Long.BYTES, whole);
            }
            if ((n & 63) != 0) {
                merge(mask, word + whole, src[whole] & lowBits(n & 63), lowBits(n & 63));
            }
            return;
        }
        for (int k = 0; k * 64 < n; k++) {
            long keep = lowBits(n - k * 64);
            long bits = src[k] & keep;
            merge(mask, word + k, bits << shift, keep << shift);
            if (shift != 0 && keep >>> (64 - shift) != 0) {
                merge(mask, word + k + 1, bits >>> (64 - shift), keep >>> (64 - shift));
            }
        }
    }

    /** Reads bits {@code [at, at + n)} of {@code mask} into bits {@code [0, n)} of {@code dst} (higher bits of its last word: 0). */
    static void read(Object mask, long at, long[] dst, int n) {
        int shift = (int) (at & 63);
        long word = at >>> 6;
        if (shift == 0) { // whole words copied, the last one's bits beyond n cleared
            int words = (int) words(n);
            if (mask instanceof long[] a) {
                System.arraycopy(a, (int) word, dst, 0, words);
            } else {
                MemorySegment.copy((MemorySegment) mask, WORD, word * Long.BYTES, dst, 0, words);
            }
            if ((n & 63) != 0) {
                dst[words - 1] &= lowBits(n & 63);
            }
            return;
        }
        for (int k = 0; k * 64 < n; k++) {
            int count = Math.min(64, n - k * 64);
            long bits = get(mask, word + k) >>> shift;
            if (count > 64 - shift) { // the rest is in the next word, which the range reaches
                bits |= get(mask, word + k + 1) << (64 - shift);
            }
            dst[k] = bits & lowBits(count);
        }
    }

    /** The lowest {@code count} bits set (all for 64 or more). */
    private static long lowBits(int count) {
        return count >= 64 ? -1L : (1L << count) - 1;
    }

    private static void merge(Object mask, long word, long bits, long keep) {
        put(mask, word, keep == -1L ? bits : (get(mask, word) & ~keep) | bits);
    }

    private static long get(Object mask, long word) {
        return mask instanceof long[] a ? a[(int) word] : ((MemorySegment) mask).get(WORD, word * Long.BYTES);
    }

    private static void put(Object mask, long word, long value) {
        if (mask instanceof long[] a) {
            a[(int) word] = value;
        } else {
            ((MemorySegment) mask).set(WORD, word * Long.BYTES, value);
        }
    }
}
