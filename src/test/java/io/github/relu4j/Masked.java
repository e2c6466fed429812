package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * {@link Activation}'s mask forms behind one signature for every {@link Element}: the forward
 * pass that writes the mask and the backward pass that reads it, on arrays with a {@code long[]}
 * mask and on segments with a segment mask, ranged and whole.
 */
final class Masked {
    private Masked() {}

    static void forward(Activation a, Element e, Object x, int xo, Object y, int yo, long[] mask, long mo, int n) {
        switch (e) {
            case FLOAT -> a.forward((float[]) x, xo, (float[]) y, yo, mask, mo, n);
            case DOUBLE -> a.forward((double[]) x, xo, (double[]) y, yo, mask, mo, n);
            case BF16 -> a.forwardBF16((short[]) x, xo, (short[]) y, yo, mask, mo, n);
            case F16 -> a.forwardF16((short[]) x, xo, (short[]) y, yo, mask, mo, n);
        }
    }

    static void backward(Activation a, Element e, long[] mask, long mo, Object dy, int dyo, Object dx, int dxo, int n) {
        switch (e) {
            case FLOAT -> a.backward(mask, mo, (float[]) dy, dyo, (float[]) dx, dxo, n);
            case DOUBLE -> a.backward(mask, mo, (double[]) dy, dyo, (double[]) dx, dxo, n);
            case BF16 -> a.backwardBF16(mask, mo, (short[]) dy, dyo, (short[]) dx, dxo, n);
            case F16 -> a.backwardF16(mask, mo, (short[]) dy, dyo, (short[]) dx, dxo, n);
        }
    }

    static void forward(Activation a, Element e, MemorySegment x, long xo, MemorySegment y, long yo,
                        MemorySegment mask, long mo, long n) {
        switch (e) {
            case FLOAT -> a.forwardMaskedF32(x, xo, y, yo, mask, mo, n);
            case DOUBLE -> a.forwardMaskedF64(x, xo, y, yo, mask, mo, n);
            case BF16 -> a.forwardMaskedBF16(x, xo, y, yo, mask, mo, n);
            case F16 -> a.forwardMaskedF16(x, xo, y, yo, mask, mo, n);
        }
    }

    static void backward(Activation a, Element e, MemorySegment mask, long mo, MemorySegment dy, long dyo,
                         MemorySegment dx, long dxo, long n) {
        switch (e) {
            case FLOAT -> a.backwardMaskedF32(mask, mo, dy, dyo, dx, dxo, n);
            case DOUBLE -> a.backwardMaskedF64(mask, mo, dy, dyo, dx, dxo, n);
            case BF16 -> a.backwardMaskedBF16(mask, mo, dy, dyo, dx, dxo, n);
            case F16 -> a.backwardMaskedF16(mask, mo, dy, dyo, dx, dxo, n);
        }
    }

    static void forwardWhole(Activation a, Element e, Object x, Object y, long[] mask) {
        switch (e) {
            case FLOAT -> a.forward((float[]) x, (float[]) y, mask);
            case DOUBLE -> a.forward((double[]) x, (double[]) y, mask);
            case BF16 -> a.forwardBF16((short[]) x, (short[]) y, mask);
            case F16 -> a.forwardF16((short[]) x, (short[]) y, mask);
        }
    }

    static void backwardWhole(Activation a, Element e, long[] mask, Object dy, Object dx) {
        switch (e) {
            case FLOAT -> a.backward(mask, (float[]) dy, (float[]) dx);
            case DOUBLE -> a.backward(mask, (double[]) dy, (double[]) dx);
            case BF16 -> a.backwardBF16(mask, (short[]) dy, (short[]) dx);
            case F16 -> a.backwardF16(mask, (short[]) dy, (short[]) dx);
        }
    }

    static void forwardWhole(Activation a, Element e, MemorySegment x, MemorySegment y, MemorySegment mask) {
        switch (e) {
            case FLOAT -> a.forwardMaskedF32(x, y, mask);
            case DOUBLE -> a.forwardMaskedF64(x, y, mask);
            case BF16 -> a.forwardMaskedBF16(x, y, mask);
            case F16 -> a.forwardMaskedF16(x, y, mask);
        }
    }

    static void backwardWhole(Activation a, Element e, MemorySegment mask, MemorySegment dy, MemorySegment dx) {
        switch (e) {
            case FLOAT -> a.backwardMaskedF32(mask, dy, dx);
            case DOUBLE -> a.backwardMaskedF64(mask, dy, dx);
            case BF16 -> a.backwardMaskedBF16(mask, dy, dx);
            case F16 -> a.backwardMaskedF16(mask, dy, dx);
        }
    }

    /** Bit {@code b} of a mask. */
    static boolean bit(long[] mask, long b) {
        return (mask[(int) (b >>> 6)] >>> b & 1) != 0;
    }

    /** The mask with bit {@code b} set to {@code value}. */
    static void set(long[] mask, long b, boolean value) {
        if (value) {
            mask[(int) (b >>> 6)] |= 1L << b;
        } else {
            mask[(int) (b >>> 6)] &= ~(1L << b);
        }
    }
}
