package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * The one way from a public method to the loops, per kernel shape and container: check every
 * argument, then route segments (native ones to the segment loops, heap ones to
 * {@link HeapSegments}). Written once for every op and format.
 */
final class Dispatch {
    private Dispatch() {}

    static void map1(Loops loops, Op op, Format f, Object x, int xOffset, Object y, int yOffset, int length,
                     double p, double q) {
        Checks.map1(f, x, xOffset, y, yOffset, length);
        op.checkParams(f, p, q);
        loops.map1(op, f, x, xOffset, y, yOffset, length, p, q);
    }

    static void map2(Loops loops, Op op, Format f, Object x, int xOffset, Object dy, int dyOffset, Object dx,
                     int dxOffset, int length, double p, double q) {
        Checks.map2(f, x, xOffset, dy, dyOffset, dx, dxOffset, length);
        op.checkParams(f, p, q);
        loops.map2(op, f, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    static void map1(Loops loops, Op op, Format f, MemorySegment x, long xOffset, MemorySegment y, long yOffset,
                     long length, double p, double q) {
        Checks.map1(f, x, xOffset, y, yOffset, length);
        op.checkParams(f, p, q);
        if (x.isNative() && y.isNative()) {
            loops.map1(op, f, x, xOffset, y, yOffset, length, p, q);
        } else {
            HeapSegments.map1(loops, op, f, x, xOffset, y, yOffset, length, p, q);
        }
    }

    static void map2(Loops loops, Op op, Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                     MemorySegment dx, long dxOffset, long length, double p, double q) {
        Checks.map2(f, x, xOffset, dy, dyOffset, dx, dxOffset, length);
        op.checkParams(f, p, q);
        if (x.isNative() && dy.isNative() && dx.isNative()) {
            loops.map2(op, f, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
        } else {
            HeapSegments.map2(loops, op, f, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
        }
    }
}
