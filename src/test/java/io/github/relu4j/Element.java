package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An element format of the library ({@link Format}: float, double, bfloat16, binary16), handled
 * as raw bits so that one test serves every type and every comparison sees NaN payloads and the
 * sign of zero. The 16-bit formats are their encodings in {@code short[]}; each format has its own
 * public methods, so each constant has its pair of {@code call} and {@code callWhole}.
 */
enum Element {
    FLOAT(Float.SIZE, 23) {
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

    DOUBLE(Double.SIZE, 52) {
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
    },

    BF16(Short.SIZE, 7) {
        @Override
        void call(Activation a, boolean backward, Object x, int xo, Object dy, int dyo, Object out, int oo, int n) {
            if (backward) {
                a.backwardBF16((short[]) x, xo, (short[]) dy, dyo, (short[]) out, oo, n);
            } else {
                a.forwardBF16((short[]) x, xo, (short[]) out, oo, n);
            }
        }

        @Override
        void call(Activation a, boolean backward, MemorySegment x, long xo, MemorySegment dy, long dyo,
                  MemorySegment out, long oo, long n) {
            if (backward) {
                a.backwardBF16(x, xo, dy, dyo, out, oo, n);
            } else {
                a.forwardBF16(x, xo, out, oo, n);
            }
        }

        @Override
        void callWhole(Activation a, boolean backward, Object x, Object dy, Object out) {
            if (backward) {
                a.backwardBF16((short[]) x, (short[]) dy, (short[]) out);
            } else {
                a.forwardBF16((short[]) x, (short[]) out);
            }
        }

        @Override
        void callWhole(Activation a, boolean backward, MemorySegment x, MemorySegment dy, MemorySegment out) {
            if (backward) {
                a.backwardBF16(x, dy, out);
            } else {
                a.forwardBF16(x, out);
            }
        }
    },

    F16(Short.SIZE, 10) {
        @Override
        void call(Activation a, boolean backward, Object x, int xo, Object dy, int dyo, Object out, int oo, int n) {
            if (backward) {
                a.backwardF16((short[]) x, xo, (short[]) dy, dyo, (short[]) out, oo, n);
            } else {
                a.forwardF16((short[]) x, xo, (short[]) out, oo, n);
            }
        }

        @Override
        void call(Activation a, boolean backward, MemorySegment x, long xo, MemorySegment dy, long dyo,
                  MemorySegment out, long oo, long n) {
            if (backward) {
                a.backwardF16(x, xo, dy, dyo, out, oo, n);
            } else {
                a.forwardF16(x, xo, out, oo, n);
            }
        }

        @Override
        void callWhole(Activation a, boolean backward, Object x, Object dy, Object out) {
            if (backward) {
                a.backwardF16((short[]) x, (short[]) dy, (short[]) out);
            } else {
                a.forwardF16((short[]) x, (short[]) out);
            }
        }

        @Override
        void callWhole(Activation a, boolean backward, MemorySegment x, MemorySegment dy, MemorySegment out) {
            if (backward) {
                a.backwardF16(x, dy, out);
            } else {
                a.forwardF16(x, out);
            }
        }
    };

    /** A value that no kernel writes from our inputs: a NaN with its own payload, marking untouched slots. */
    final long canary;
    final long signBit;
    final long quietBit;
    final long exponentMask;
    final long mantissaMask;

    Element(int size, int mantissa) {
        signBit = 1L << (size - 1);
        quietBit = 1L << (mantissa - 1);
        mantissaMask = (1L << mantissa) - 1;
        exponentMask = (signBit - 1) & ~mantissaMask;
        canary = exponentMask | quietBit | (0x5A5A5L & (quietBit - 1));
    }

    /** The activation's forward ({@code dy} ignored) or backward kernel on arrays of this type. */
    abstract void call(Activation a, boolean backward, Object x, int xo, Object dy, int dyo, Object out, int oo,
                       int n);

    /** The same on segments of this type (the {@code F32}, {@code F64}, {@code BF16} or {@code F16} methods). */
    abstract void call(Activation a, boolean backward, MemorySegment x, long xo, MemorySegment dy, long dyo,
                       MemorySegment out, long oo, long n);

    /** The whole-array forms. */
    abstract void callWhole(Activation a, boolean backward, Object x, Object dy, Object out);

    /** The whole-segment forms. */
    abstract void callWhole(Activation a, boolean backward, MemorySegment x, MemorySegment dy, MemorySegment out);

    Object newArray(int length) {
        return switch (this) {
            case FLOAT -> new float[length];
            case DOUBLE -> new double[length];
            case BF16, F16 -> new short[length];
        };
    }

    int length(Object array) {
        return switch (this) {
            case FLOAT -> ((float[]) array).length;
            case DOUBLE -> ((double[]) array).length;
            case BF16, F16 -> ((short[]) array).length;
        };
    }

    long bits(Object array, int index) {
        return switch (this) {
            case FLOAT -> Integer.toUnsignedLong(Float.floatToRawIntBits(((float[]) array)[index]));
            case DOUBLE -> Double.doubleToRawLongBits(((double[]) array)[index]);
            case BF16, F16 -> Short.toUnsignedLong(((short[]) array)[index]);
        };
    }

    void setBits(Object array, int index, long bits) {
        switch (this) {
            case FLOAT -> ((float[]) array)[index] = Float.intBitsToFloat((int) bits);
            case DOUBLE -> ((double[]) array)[index] = Double.longBitsToDouble(bits);
            case BF16, F16 -> ((short[]) array)[index] = (short) bits;
        }
    }

    Object copy(Object array) {
        return switch (this) {
            case FLOAT -> ((float[]) array).clone();
            case DOUBLE -> ((double[]) array).clone();
            case BF16, F16 -> ((short[]) array).clone();
        };
    }

    /** Bits of a random value in [-4, 4): both signs, exercising both sides of every compare. */
    long ordinary(SplittableRandom random) {
        return switch (this) {
            case FLOAT -> Integer.toUnsignedLong(Float.floatToRawIntBits((float) (random.nextDouble() * 8 - 4)));
            case DOUBLE -> Double.doubleToRawLongBits(random.nextDouble() * 8 - 4);
            // A random sign and fraction, an exponent from 2^1 down to 2^-6: built from the
            // fields, so that no conversion under test makes the inputs.
            case BF16, F16 -> {
                long bias = (exponentMask >>> Long.numberOfTrailingZeros(exponentMask)) >>> 1;
                long exponent = bias + 1 - random.nextInt(8);
                yield (random.nextBoolean() ? signBit : 0) | (exponent << Long.numberOfTrailingZeros(exponentMask))
                        | (random.nextLong() & mantissaMask);
            }
        };
    }

    /** The special-value table, as bits. */
    long[] specials() {
        return switch (this) {
            case FLOAT -> SpecialValues.FLOATS.clone();
            case DOUBLE -> SpecialValues.DOUBLES.clone();
            case BF16 -> SpecialValues.BF16.clone();
            case F16 -> SpecialValues.F16.clone();
        };
    }

    /** A heap segment over the array itself. */
    MemorySegment view(Object array) {
        return switch (this) {
            case FLOAT -> MemorySegment.ofArray((float[]) array);
            case DOUBLE -> MemorySegment.ofArray((double[]) array);
            case BF16, F16 -> MemorySegment.ofArray((short[]) array);
        };
    }

    /** Copies the whole array to the start of the segment, in native byte order. */
    void copyInto(Object array, MemorySegment segment) {
        switch (this) {
            case FLOAT -> MemorySegment.copy((float[]) array, 0, segment, ValueLayout.JAVA_FLOAT_UNALIGNED, 0,
                    length(array));
            case DOUBLE -> MemorySegment.copy((double[]) array, 0, segment, ValueLayout.JAVA_DOUBLE_UNALIGNED, 0,
                    length(array));
            case BF16, F16 -> MemorySegment.copy((short[]) array, 0, segment, ValueLayout.JAVA_SHORT_UNALIGNED, 0,
                    length(array));
        }
    }

    /** Copies the start of the segment over the whole array. */
    void copyFrom(MemorySegment segment, Object array) {
        switch (this) {
            case FLOAT -> MemorySegment.copy(segment, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, (float[]) array, 0,
                    length(array));
            case DOUBLE -> MemorySegment.copy(segment, ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, (double[]) array, 0,
                    length(array));
            case BF16, F16 -> MemorySegment.copy(segment, ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short[]) array, 0,
                    length(array));
        }
    }

    /**
     * A parameter rounded to this type, as bits: what the kernels write, and what the float and
     * double kernels compare with (the 16-bit ones compare with the float, but for Hardtanh's
     * forward: see {@link HalfOracle}).
     */
    long param(double p) {
        return switch (this) {
            case FLOAT -> Integer.toUnsignedLong(Float.floatToRawIntBits((float) p));
            case DOUBLE -> Double.doubleToRawLongBits(p);
            case BF16, F16 -> HalfOracle.written(this, p);
        };
    }

    long randomBits(SplittableRandom random) {
        return switch (size()) {
            case Float.SIZE -> Integer.toUnsignedLong(random.nextInt());
            case Short.SIZE -> random.nextInt() & 0xFFFFL;
            default -> random.nextLong();
        };
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
        return "0x" + String.format("%0" + size() / 4 + "x", bits);
    }
}
