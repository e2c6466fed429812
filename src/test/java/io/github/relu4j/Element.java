package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * float or double (a {@link Format} of the library), handled as raw bits so that one test serves both types and every comparison
 * sees NaN payloads and the sign of zero.
 */
enum Element {
    FLOAT(Float.SIZE) {
        @Override
        Object newArray(int length) {
            return new float[length];
        }

        @Override
        int length(Object array) {
            return ((float[]) array).length;
        }

        @Override
        long bits(Object array, int index) {
            return Integer.toUnsignedLong(Float.floatToRawIntBits(((float[]) array)[index]));
        }

        @Override
        void setBits(Object array, int index, long bits) {
            ((float[]) array)[index] = Float.intBitsToFloat((int) bits);
        }

        @Override
        Object copy(Object array) {
            return ((float[]) array).clone();
        }

        @Override
        long ordinary(SplittableRandom random) {
            return Integer.toUnsignedLong(Float.floatToRawIntBits((float) (random.nextDouble() * 8 - 4)));
        }

        @Override
        long[] specials() {
            return SpecialValues.FLOATS.clone();
        }

        @Override
        MemorySegment view(Object array) {
            return MemorySegment.ofArray((float[]) array);
        }

        @Override
        void copyInto(Object array, MemorySegment segment) {
            MemorySegment.copy((float[]) array, 0, segment, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, length(array));
        }

        @Override
        void copyFrom(MemorySegment segment, Object array) {
            MemorySegment.copy(segment, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, (float[]) array, 0, length(array));
        }

        @Override
        long param(double p) {
            return Integer.toUnsignedLong(Float.floatToRawIntBits((float) p));
        }

        @Override
        void call(Activation a, boolean backward, Object x, int xo, Object dy, int dyo, Object out, int oo, int n) {
            if (backward) {
                a.backward((float[]) x, xo, (float[]) dy, dyo, (float[]) out, oo, n);
            } else {
                a.forward((float[]) x, xo, (float[]) out, oo, n);
            }
        }

        @Override
        void call(Activation a, boolean backward, MemorySegment x, long xo, MemorySegment dy, long dyo,
                  MemorySegment out, long oo, long n) {
            if (backward) {
                a.backwardF32(x, xo, dy, dyo, out, oo, n);
            } else {
                a.forwardF32(x, xo, out, oo, n);
            }
        }

        @Override
        void callWhole(Activation a, boolean backward, Object x, Object dy, Object out) {
            if (backward) {
                a.backward((float[]) x, (float[]) dy, (float[]) out);
            } else {
                a.forward((float[]) x, (float[]) out);
            }
        }

        @Override
        void callWhole(Activation a, boolean backward, MemorySegment x, MemorySegment dy, MemorySegment out) {
            if (backward) {
                a.backwardF32(x, dy, out);
            } else {
                a.forwardF32(x, out);
            }
        }
    },

    DOUBLE(Double.SIZE) {
        @Override
        Object newArray(int length) {
            return new double[length];
        }

        @Override
        int length(Object array) {
            return ((double[]) array).length;
        }

        @Override
        long bits(Object array, int index) {
            return Double.doubleToRawLongBits(((double[]) array)[index]);
        }

        @Override
        void setBits(Object array, int index, long bits) {
            ((double[]) array)[index] = Double.longBitsToDouble(bits);
        }

        @Override
        Object copy(Object array) {
            return ((double[]) array).clone();
        }

        @Override
        long ordinary(SplittableRandom random) {
            return Double.doubleToRawLongBits(random.nextDouble() * 8 - 4);
        }

        @Override
        long[] specials() {
            return SpecialValues.DOUBLES.clone();
        }

        @Override
        MemorySegment view(Object array) {
            return MemorySegment.ofArray((double[]) array);
        }

        @Override
        void copyInto(Object array, MemorySegment segment) {
            MemorySegment.copy((double[]) array, 0, segment, ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, length(array));
        }

        @Override
        void copyFrom(MemorySegment segment, Object array) {
            MemorySegment.copy(segment, ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, (double[]) array, 0, length(array));
        }

        @Override
        long param(double p) {
            return Double.doubleToRawLongBits(p);
        }

        @Override
        void call(Activation a, boolean backward, Object x, int xo, Object dy, int dyo, Object out, int oo, int n) {
            if (backward) {
                a.backward((double[]) x, xo, (double[]) dy, dyo, (double[]) out, oo, n);
            } else {
                a.forward((double[]) x, xo, (double[]) out, oo, n);
            }
        }

        @Override
        void call(Activation a, boolean backward, MemorySegment x, long xo, MemorySegment dy, long dyo,
                  MemorySegment out, long oo, long n) {
            if (backward) {
                a.backwardF64(x, xo, dy, dyo, out, oo, n);
            } else {
                a.forwardF64(x, xo, out, oo, n);
            }
        }

        @Override
        void callWhole(Activation a, boolean backward, Object x, Object dy, Object out) {
            if (backward) {
                a.backward((double[]) x, (double[]) dy, (double[]) out);
            } else {
                a.forward((double[]) x, (double[]) out);
            }
        }

        @Override
        void callWhole(Activation a, boolean backward, MemorySegment x, MemorySegment dy, MemorySegment out) {
            if (backward) {
                a.backwardF64(x, dy, out);
            } else {
                a.forwardF64(x, out);
            }
        }
    };

    /** A value that no kernel writes from our inputs: a NaN with its own payload, marking untouched slots. */
    final long canary;
    final long signBit;
    final long quietBit;
    final long exponentMask;
    final long mantissaMask;

    Element(int size) {
        int mantissa = size == Float.SIZE ? 23 : 52;
        signBit = 1L << (size - 1);
        quietBit = 1L << (mantissa - 1);
        mantissaMask = (1L << mantissa) - 1;
        exponentMask = (signBit - 1) & ~mantissaMask;
        canary = exponentMask | quietBit | 0x5A5A5L;
    }

    abstract Object newArray(int length);

    abstract int length(Object array);

    abstract long bits(Object array, int index);

    abstract void setBits(Object array, int index, long bits);

    abstract Object copy(Object array);

    /** Bits of a random value in [-4, 4): both signs, exercising both sides of every compare. */
    abstract long ordinary(SplittableRandom random);

    /** The special-value table, as bits. */
    abstract long[] specials();

    /** A heap segment over the array itself. */
    abstract MemorySegment view(Object array);

    /** Copies the whole array to the start of the segment, in native byte order. */
    abstract void copyInto(Object array, MemorySegment segment);

    /** Copies the start of the segment over the whole array. */
    abstract void copyFrom(MemorySegment segment, Object array);

    /** A parameter rounded to this type, as bits: what the kernels compare with and write. */
    abstract long param(double p);

    /** The activation's forward ({@code dy} ignored) or backward kernel on arrays of this type. */
    abstract void call(Activation a, boolean backward, Object x, int xo, Object dy, int dyo, Object out, int oo,
                       int n);

    /** The same on segments of this type ({@code F32}/{@code F64} methods). */
    abstract void call(Activation a, boolean backward, MemorySegment x, long xo, MemorySegment dy, long dyo,
                       MemorySegment out, long oo, long n);

    /** The whole-array forms. */
    abstract void callWhole(Activation a, boolean backward, Object x, Object dy, Object out);

    /** The whole-segment forms. */
    abstract void callWhole(Activation a, boolean backward, MemorySegment x, MemorySegment dy, MemorySegment out);

    long randomBits(SplittableRandom random) {
        return size() == Float.SIZE ? Integer.toUnsignedLong(random.nextInt()) : random.nextLong();
    }

    int size() {
        return Long.numberOfTrailingZeros(signBit) + 1;
    }

    boolean isNaN(long bits) {
        return (bits & exponentMask) == exponentMask && (bits & mantissaMask) != 0;
    }

    Object filled(int length, long bits) {
        Object array = newArray(length);
        for (int i = 0; i < length; i++) {
            setBits(array, i, bits);
        }
        return array;
    }

    Object fromBits(long[] bits) {
        Object array = newArray(bits.length);
        for (int i = 0; i < bits.length; i++) {
            setBits(array, i, bits[i]);
        }
        return array;
    }

    Object randomBitsArray(int length, SplittableRandom random) {
        Object array = newArray(length);
        for (int i = 0; i < length; i++) {
            setBits(array, i, randomBits(random));
        }
        return array;
    }

    Object ordinaryArray(int length, SplittableRandom random) {
        Object array = newArray(length);
        for (int i = 0; i < length; i++) {
            setBits(array, i, ordinary(random));
        }
        return array;
    }

    long[] allBits(Object array) {
        long[] bits = new long[length(array)];
        Arrays.setAll(bits, i -> bits(array, i));
        return bits;
    }

    String hex(long bits) {
        return "0x" + (size() == Float.SIZE ? String.format("%08x", bits) : String.format("%016x", bits));
    }
}
