package io.github.relu4j.peers;

import ai.djl.ndarray.types.DataType;
import io.github.relu4j.Activation;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The two 16-bit formats as the PyTorch tests need them: relu4j's methods for each, what a NaN
 * encoding is, and how the encodings travel to PyTorch and back. DJL 0.36 cannot create a
 * bfloat16 tensor (its native dtype table has no entry for it), nor view one tensor's bits as
 * another dtype (TorchScript does not offer {@code view(dtype)}), so bfloat16 travels as floats
 * whose upper halves are the encodings, converted to bfloat16 by PyTorch ({@code to}: exact, each
 * such float is a bfloat16 value) and the results back to float (exact: a shift); only a NaN
 * input loses its bits on the way in. binary16 travels as itself.
 */
enum HalfFormat {
    BF16(DataType.FLOAT32, HalfTensors.BFLOAT16, 0x7f80, 0x7f7f, 0x3f80) {
        @Override
        boolean isNaN(short bits) {
            return (bits & 0x7f80) == 0x7f80 && (bits & 0x007f) != 0;
        }

        @Override
        void forward(Activation a, short[] x, short[] y) {
            a.forwardBF16(x, y);
        }

        @Override
        void forward(Activation a, MemorySegment x, MemorySegment y) {
            a.forwardBF16(x, y);
        }

        @Override
        void backward(Activation a, short[] x, short[] dy, short[] dx) {
            a.backwardBF16(x, dy, dx);
        }

        @Override
        void backward(Activation a, MemorySegment x, MemorySegment dy, MemorySegment dx) {
            a.backwardBF16(x, dy, dx);
        }

        @Override
        void toCarrier(MemorySegment carrier, long i, short bits) {
            carrier.setAtIndex(ValueLayout.JAVA_INT, i, bits << 16);
        }

        @Override
        short fromCarrier(MemorySegment carrier, long i) {
            int bits = carrier.getAtIndex(ValueLayout.JAVA_INT, i);
            if ((bits & 0xffff) != 0) {
                throw new AssertionError("PyTorch's bfloat16 result widened to float has low bits: 0x"
                        + Integer.toHexString(bits));
            }
            return (short) (bits >>> 16);
        }

        @Override
        long mismatch(MemorySegment carrier, MemorySegment encodings, long from, long length) {
            for (long i = from; i < length; i++) {
                if (carrier.getAtIndex(ValueLayout.JAVA_INT, i) != encodings.getAtIndex(ValueLayout.JAVA_SHORT, i) << 16) {
                    return i;
                }
            }
            return -1;
        }
    },
    F16(DataType.FLOAT16, HalfTensors.HALF, 0x7c00, 0x7bff, 0x3c00) {
        @Override
        boolean isNaN(short bits) {
            return (bits & 0x7c00) == 0x7c00 && (bits & 0x03ff) != 0;
        }

        @Override
        void forward(Activation a, short[] x, short[] y) {
            a.forwardF16(x, y);
        }

        @Override
        void forward(Activation a, MemorySegment x, MemorySegment y) {
            a.forwardF16(x, y);
        }

        @Override
        void backward(Activation a, short[] x, short[] dy, short[] dx) {
            a.backwardF16(x, dy, dx);
        }

        @Override
        void backward(Activation a, MemorySegment x, MemorySegment dy, MemorySegment dx) {
            a.backwardF16(x, dy, dx);
        }

        @Override
        void toCarrier(MemorySegment carrier, long i, short bits) {
            carrier.setAtIndex(ValueLayout.JAVA_SHORT, i, bits);
        }

        @Override
        short fromCarrier(MemorySegment carrier, long i) {
            return carrier.getAtIndex(ValueLayout.JAVA_SHORT, i);
        }

        @Override
        long mismatch(MemorySegment carrier, MemorySegment encodings, long from, long length) {
            long bytes = (length - from) * Short.BYTES;
            long m = carrier.asSlice(from * Short.BYTES, bytes).mismatch(encodings.asSlice(from * Short.BYTES, bytes));
            return m < 0 ? -1 : from + m / Short.BYTES;
        }
    };

    /** The DJL type of the tensors that carry the encodings. */
    final DataType carrier;
    /** PyTorch's {@code ScalarType} of the format. */
    final int scalarType;

    private final int infinity;
    private final int largest;
    private final int one;

    HalfFormat(DataType carrier, int scalarType, int infinity, int largest, int one) {
        this.carrier = carrier;
        this.scalarType = scalarType;
        this.infinity = infinity;
        this.largest = largest;
        this.one = one;
    }

    /** Zeros, infinities, the smallest subnormals, the largest finite values and ones, both signs. */
    int[] specials() {
        return new int[] {0, 0x8000, infinity, 0x8000 | infinity, 1, 0x8001, largest, 0x8000 | largest, one,
            0x8000 | one};
    }

    abstract boolean isNaN(short bits);

    abstract void forward(Activation a, short[] x, short[] y);

    abstract void forward(Activation a, MemorySegment x, MemorySegment y);

    abstract void backward(Activation a, short[] x, short[] dy, short[] dx);

    abstract void backward(Activation a, MemorySegment x, MemorySegment dy, MemorySegment dx);

    /** Writes element {@code i} of a carrier tensor's memory. */
    abstract void toCarrier(MemorySegment carrier, long i, short bits);

    /** Reads element {@code i} of a carrier tensor's memory. */
    abstract short fromCarrier(MemorySegment carrier, long i);

    /**
     * The first element from {@code from} on where a carrier's memory and a segment of encodings
     * differ, or -1.
     */
    abstract long mismatch(MemorySegment carrier, MemorySegment encodings, long from, long length);

    /** Bytes per element of the carrier. */
    int carrierBytes() {
        return carrier.getNumOfBytes();
    }

    /** Every encoding that is a NaN ({@code nan}) or every one that is not, in increasing order of bits. */
    short[] encodings(boolean nan) {
        short[] all = new short[1 << 16];
        int n = 0;
        for (int b = 0; b < 1 << 16; b++) {
            if (isNaN((short) b) == nan) {
                all[n++] = (short) b;
            }
        }
        return Arrays.copyOf(all, n);
    }
}
