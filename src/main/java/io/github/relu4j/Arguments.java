package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Argument checks shared by every implementation. They all run before a kernel writes anything.
 *
 * <p>Order: null arrays or segments ({@link NullPointerException}), ranges
 * ({@link IndexOutOfBoundsException}, as {@link Objects#checkFromIndexSize}), a read-only output
 * segment ({@link IllegalArgumentException}, as the JDK throws), partial overlap of an output with
 * an input ({@link IllegalArgumentException}), then alpha ({@link IllegalArgumentException}).
 * A closed or other-thread segment is left to the JDK's own checks: every kernel reads its
 * inputs' first elements before it writes, so those fail before anything is written too.
 */
final class Arguments {
    private Arguments() {}

    static void unary(float[] x, int xOffset, float[] y, int yOffset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        unary(x, x.length, xOffset, y, y.length, yOffset, length);
    }

    static void unary(double[] x, int xOffset, double[] y, int yOffset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        unary(x, x.length, xOffset, y, y.length, yOffset, length);
    }

    static void binary(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(dy, "dy");
        Objects.requireNonNull(dx, "dx");
        binary(x, x.length, xOffset, dy, dy.length, dyOffset, dx, dx.length, dxOffset, length);
    }

    static void binary(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(dy, "dy");
        Objects.requireNonNull(dx, "dx");
        binary(x, x.length, xOffset, dy, dy.length, dyOffset, dx, dx.length, dxOffset, length);
    }

    static void unary(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length, int elementBytes) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.checkFromIndexSize(xOffset, length, x.byteSize() / elementBytes);
        Objects.checkFromIndexSize(yOffset, length, y.byteSize() / elementBytes);
        writable(y, "y");
        noPartialOverlap(y, yOffset, "y", x, xOffset, "x", length, elementBytes);
    }

    static void binary(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                       long dxOffset, long length, int elementBytes) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(dy, "dy");
        Objects.requireNonNull(dx, "dx");
        Objects.checkFromIndexSize(xOffset, length, x.byteSize() / elementBytes);
        Objects.checkFromIndexSize(dyOffset, length, dy.byteSize() / elementBytes);
        Objects.checkFromIndexSize(dxOffset, length, dx.byteSize() / elementBytes);
        writable(dx, "dx");
        noPartialOverlap(dx, dxOffset, "dx", x, xOffset, "x", length, elementBytes);
        noPartialOverlap(dx, dxOffset, "dx", dy, dyOffset, "dy", length, elementBytes);
    }

    /** Alpha must be finite; any finite value (negative, zero, above one) is allowed. */
    static void alpha(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite, was " + alpha);
        }
    }

    // The whole-array and whole-segment forms: arrays or segments of one length, which these return.

    static int sameLength(float[] x, float[] y) {
        return sameLength(Objects.requireNonNull(x, "x").length, Objects.requireNonNull(y, "y").length, "y");
    }

    static int sameLength(double[] x, double[] y) {
        return sameLength(Objects.requireNonNull(x, "x").length, Objects.requireNonNull(y, "y").length, "y");
    }

    static int sameLength(float[] x, float[] dy, float[] dx) {
        Objects.requireNonNull(dx, "dx");
        return sameLength(sameLength(x, dy), dx.length, "dx");
    }

    static int sameLength(double[] x, double[] dy, double[] dx) {
        Objects.requireNonNull(dx, "dx");
        return sameLength(sameLength(x, dy), dx.length, "dx");
    }

    static long sameLength(MemorySegment x, MemorySegment y, int elementBytes) {
        return sameLength(elements(x, "x", elementBytes), elements(y, "y", elementBytes), "y");
    }

    static long sameLength(MemorySegment x, MemorySegment dy, MemorySegment dx, int elementBytes) {
        long length = sameLength(x, dy, elementBytes);
        return sameLength(length, elements(dx, "dx", elementBytes), "dx");
    }

    /** A whole segment must hold a whole number of elements. */
    private static long elements(MemorySegment segment, String name, int elementBytes) {
        long bytes = Objects.requireNonNull(segment, name).byteSize();
        if (bytes % elementBytes != 0) {
            throw new IllegalArgumentException(
                    name + ".byteSize() (" + bytes + ") is not a multiple of the element size " + elementBytes);
        }
        return bytes / elementBytes;
    }

    private static long sameLength(long xLength, long otherLength, String other) {
        if (xLength != otherLength) {
            throw new IllegalArgumentException(
                    "x holds " + xLength + " elements but " + other + " holds " + otherLength);
        }
        return xLength;
    }

    private static int sameLength(int xLength, int otherLength, String other) {
        if (xLength != otherLength) {
            throw new IllegalArgumentException(
                    "x.length (" + xLength + ") != " + other + ".length (" + otherLength + ")");
        }
        return xLength;
    }

    private static void unary(Object x, int xLength, int xOffset, Object y, int yLength, int yOffset, int length) {
        Objects.checkFromIndexSize(xOffset, length, xLength);
        Objects.checkFromIndexSize(yOffset, length, yLength);
        noPartialOverlap(y, yOffset, "y", x, xOffset, "x", length);
    }

    private static void binary(Object x, int xLength, int xOffset, Object dy, int dyLength, int dyOffset,
                               Object dx, int dxLength, int dxOffset, int length) {
        Objects.checkFromIndexSize(xOffset, length, xLength);
        Objects.checkFromIndexSize(dyOffset, length, dyLength);
        Objects.checkFromIndexSize(dxOffset, length, dxLength);
        // x and dy are only read, so they may overlap each other in any way.
        noPartialOverlap(dx, dxOffset, "dx", x, xOffset, "x", length);
        noPartialOverlap(dx, dxOffset, "dx", dy, dyOffset, "dy", length);
    }

    /**
     * An output may be exactly its input (same array, same offset) but may not overlap it
     * elsewhere: a kernel that reads a whole vector before writing it would then give other
     * bits than one that goes element by element.
     */
    private static void noPartialOverlap(Object out, int outOffset, String outName,
                                         Object in, int inOffset, String inName, int length) {
        if (out == in && outOffset != inOffset && Math.abs(outOffset - inOffset) < length) {
            throw new IllegalArgumentException(outName + "[" + outOffset + ", " + (outOffset + length)
                    + ") partially overlaps " + inName + "[" + inOffset + ", " + (inOffset + length)
                    + ") in the same array; use the same offset for in-place, or disjoint ranges");
        }
    }

    /** What the JDK throws for a write to a read-only segment (type and message), but before any write. */
    private static void writable(MemorySegment out, String name) {
        if (out.isReadOnly()) {
            throw new IllegalArgumentException("Attempt to write a read-only segment (" + name + ")");
        }
    }

    /**
     * As for arrays, but memory is compared, not objects: two segments may view the same memory.
     * Addresses are comparable when the segments overlap at all (both native, or both views of
     * one array), and {@link MemorySegment#asOverlappingSlice} tells that; it is only asked
     * (and only allocates) when the two windows are closer than their length.
     */
    private static void noPartialOverlap(MemorySegment out, long outOffset, String outName, MemorySegment in,
                                         long inOffset, String inName, long length, int elementBytes) {
        long distance = Math.abs((out.address() + outOffset * elementBytes) - (in.address() + inOffset * elementBytes));
        if (distance != 0 && distance < length * elementBytes && out.asOverlappingSlice(in).isPresent()) {
            throw new IllegalArgumentException(outName + " elements [" + outOffset + ", " + (outOffset + length)
                    + ") partially overlap " + inName + " elements [" + inOffset + ", " + (inOffset + length)
                    + ") in the same memory; use the same place for in-place, or disjoint ranges");
        }
    }
}
