package io.github.relu4j;

import java.util.Objects;

/**
 * Argument checks shared by every implementation. They all run before a kernel writes anything.
 *
 * <p>Order: null arrays ({@link NullPointerException}), ranges ({@link IndexOutOfBoundsException},
 * as {@link Objects#checkFromIndexSize}), partial overlap of an output with an input
 * ({@link IllegalArgumentException}), then alpha ({@link IllegalArgumentException}).
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

    /** Alpha must be finite; any finite value (negative, zero, above one) is allowed. */
    static void alpha(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite, was " + alpha);
        }
    }

    // The whole-array forms: arrays of one length, which these return.

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
}
