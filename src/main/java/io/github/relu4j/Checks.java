package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Argument checks, once per kernel shape and container, for every op and format. They all run
 * before a kernel writes anything, and every message names the argument as the caller passed it.
 *
 * <p>Order: null arrays or segments ({@link NullPointerException}), ranges
 * ({@link IndexOutOfBoundsException}), a read-only output segment ({@link IllegalArgumentException},
 * as the JDK throws), partial overlap of an output with an input ({@link IllegalArgumentException}),
 * then the op's parameters ({@link Op#checkParams}). A closed or other-thread segment is left to
 * the JDK's own checks: every kernel reads its inputs' first elements before it writes, so those
 * fail before anything is written too.
 */
final class Checks {
    private Checks() {}

    /** {@code y = f(x)} on arrays. */
    static void map1(Format f, Object x, int xOffset, Object y, int yOffset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        range("x", xOffset, length, f.length(x));
        range("y", yOffset, length, f.length(y));
        noPartialOverlap(y, yOffset, "y", x, xOffset, "x", length);
    }

    /** {@code dx = f'(x) dy} on arrays; {@code x} and {@code dy} are only read, so they may overlap each other. */
    static void map2(Format f, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(dy, "dy");
        Objects.requireNonNull(dx, "dx");
        range("x", xOffset, length, f.length(x));
        range("dy", dyOffset, length, f.length(dy));
        range("dx", dxOffset, length, f.length(dx));
        noPartialOverlap(dx, dxOffset, "dx", x, xOffset, "x", length);
        noPartialOverlap(dx, dxOffset, "dx", dy, dyOffset, "dy", length);
    }

    /** {@code y = f(x)} on segments. */
    static void map1(Format f, MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        range("x", xOffset, length, x.byteSize() / f.bytes);
        range("y", yOffset, length, y.byteSize() / f.bytes);
        writable(y, "y");
        noPartialOverlap(y, yOffset, "y", x, xOffset, "x", length, f.bytes);
    }

    /** {@code dx = f'(x) dy} on segments. */
    static void map2(Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                     long dxOffset, long length) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(dy, "dy");
        Objects.requireNonNull(dx, "dx");
        range("x", xOffset, length, x.byteSize() / f.bytes);
        range("dy", dyOffset, length, dy.byteSize() / f.bytes);
        range("dx", dxOffset, length, dx.byteSize() / f.bytes);
        writable(dx, "dx");
        noPartialOverlap(dx, dxOffset, "dx", x, xOffset, "x", length, f.bytes);
        noPartialOverlap(dx, dxOffset, "dx", dy, dyOffset, "dy", length, f.bytes);
    }

    // The whole-array and whole-segment forms: arrays or segments of one length, which these return.

    static int sameLength(Format f, Object x, Object y) {
        return sameLength(length(f, x, "x"), length(f, y, "y"), "y");
    }

    static int sameLength(Format f, Object x, Object dy, Object dx) {
        int length = sameLength(length(f, x, "x"), length(f, dy, "dy"), "dy");
        return sameLength(length, length(f, dx, "dx"), "dx");
    }

    static long sameLength(Format f, MemorySegment x, MemorySegment y) {
        return sameLength(elements(f, x, "x"), elements(f, y, "y"), "y");
    }

    static long sameLength(Format f, MemorySegment x, MemorySegment dy, MemorySegment dx) {
        long length = sameLength(elements(f, x, "x"), elements(f, dy, "dy"), "dy");
        return sameLength(length, elements(f, dx, "dx"), "dx");
    }

    /** Two arrays of one length, named as the caller named them: the mask forms' {@code dy} and {@code dx}. */
    static int sameLength(Format f, Object a, String aName, Object b, String bName) {
        int aLength = length(f, a, aName);
        int bLength = length(f, b, bName);
        if (aLength != bLength) {
            throw new IllegalArgumentException(bName + ".length (" + bLength + ") != " + aName + ".length (" + aLength + ")");
        }
        return aLength;
    }

    /** {@link #sameLength(Format, Object, String, Object, String)} for segments. */
    static long sameLength(Format f, MemorySegment a, String aName, MemorySegment b, String bName) {
        long aLength = elements(f, a, aName);
        long bLength = elements(f, b, bName);
        if (aLength != bLength) {
            throw new IllegalArgumentException(bName + " holds " + bLength + " elements but " + aName + " holds " + aLength);
        }
        return aLength;
    }

    static int length(Format f, Object array, String name) {
        return f.length(Objects.requireNonNull(array, name));
    }

    /** A whole segment must hold a whole number of elements. */
    static long elements(Format f, MemorySegment segment, String name) {
        long bytes = Objects.requireNonNull(segment, name).byteSize();
        if (bytes % f.bytes != 0) {
            throw new IllegalArgumentException(
                    name + ".byteSize() (" + bytes + ") is not a multiple of the element size " + f.bytes);
        }
        return bytes / f.bytes;
    }

    private static int sameLength(int xLength, int otherLength, String other) {
        if (xLength != otherLength) {
            throw new IllegalArgumentException(
                    other + ".length (" + otherLength + ") != x.length (" + xLength + ")");
        }
        return xLength;
    }

    static long sameLength(long xLength, long otherLength, String other) {
        if (xLength != otherLength) {
            throw new IllegalArgumentException(
                    other + " holds " + otherLength + " elements but x holds " + xLength);
        }
        return xLength;
    }

    /** As {@link Objects#checkFromIndexSize}, with a message that names the argument and its length. */
    static void range(String name, long offset, long length, long size) {
        if ((offset | length | size) < 0 || length > size - offset) {
            throw new IndexOutOfBoundsException(name + ": range [" + offset + ", " + offset + " + " + length
                    + ") out of bounds for length " + size);
        }
    }

    /**
     * An output may be exactly its input (same array, same offset) but may not overlap it
     * elsewhere: a kernel that reads a whole vector before writing it would then give other
     * bits than one that goes element by element.
     */
    static void noPartialOverlap(Object out, int outOffset, String outName,
                                         Object in, int inOffset, String inName, int length) {
        if (out == in && outOffset != inOffset && Math.abs(outOffset - inOffset) < length) {
            throw new IllegalArgumentException(outName + "[" + outOffset + ", " + (outOffset + length)
                    + ") partially overlaps " + inName + "[" + inOffset + ", " + (inOffset + length)
                    + ") in the same array; use the same offset for in-place, or disjoint ranges");
        }
    }

    /** What the JDK throws for a write to a read-only segment (type and message), but before any write. */
    static void writable(MemorySegment out, String name) {
        if (out.isReadOnly()) {
            throw new IllegalArgumentException("Attempt to write a read-only segment (" + name + ")");
        }
    }

    /**
     * As for arrays, but addresses are compared, not objects: two segments may view the same
     * addresses. Addresses are comparable when the segments overlap at all (both native, or both
     * views of one array), and {@link MemorySegment#asOverlappingSlice} tells that; it is only
     * asked (and only allocates) when the two windows are closer than their length. Two mappings
     * of one file are two ranges of addresses: the JVM cannot see that they share a file.
     */
    static void noPartialOverlap(MemorySegment out, long outOffset, String outName, MemorySegment in,
                                         long inOffset, String inName, long length, int elementBytes) {
        long distance = Math.abs((out.address() + outOffset * elementBytes) - (in.address() + inOffset * elementBytes));
        if (distance != 0 && distance < length * elementBytes && out.asOverlappingSlice(in).isPresent()) {
            throw new IllegalArgumentException(outName + " elements [" + outOffset + ", " + (outOffset + length)
                    + ") partially overlap " + inName + " elements [" + inOffset + ", " + (inOffset + length)
                    + ") at the same addresses; use the same place for in-place, or disjoint ranges");
        }
    }
}
