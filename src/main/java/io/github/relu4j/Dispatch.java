package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * The one way from a public method to the loops, per kernel shape and container: check every
 * argument, then route segments (native ones to the segment loops, heap ones to
 * {@link HeapSegments}). Written once for every op and format.
 *
 * <p>Memory-mapped segments ({@link MemorySegment#isMapped()}) are staged through small arrays
 * like heap segments, unless {@value #MAPPED_PROPERTY}{@code =direct}. Why: when a mapped file
 * shrinks after it was mapped, reading past its new end faults. The JDK turns that fault into an
 * {@link InternalError} in {@link MemorySegment#copy} and in the interpreter, but C2-compiled
 * Vector API loads and stores on a mapped segment ({@code FloatVector.fromMemorySegment}) crash
 * the JVM instead (SIGBUS, JDK 25; {@code MappedSegmentCrashTest} reproduces it). Staging costs
 * a copy in and out (see {@code HeapSegments}); users who know their files do not shrink can
 * take the segment loops with the property.
 */
final class Dispatch {
    /** System property: {@code direct} sends mapped segments to the segment loops. Read once. */
    static final String MAPPED_PROPERTY = "relu4j.mappedSegments";
    /** Whether mapped segments run the segment loops rather than staged. */
    static final boolean MAPPED_DIRECT = "direct".equalsIgnoreCase(property(MAPPED_PROPERTY));

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
        if (x.isNative() && y.isNative() && direct(x) && direct(y)) {
            loops.map1(op, f, x, xOffset, y, yOffset, length, p, q);
        } else if (x.isNative() && y.isNative() && loops instanceof ParallelLoops parallel) {
            parallel.stagedMap1(op, f, x, xOffset, y, yOffset, length, p, q); // mapped: staged piece by piece
        } else {
            HeapSegments.map1(loops, op, f, x, xOffset, y, yOffset, length, p, q);
        }
    }

    static void map2(Loops loops, Op op, Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                     MemorySegment dx, long dxOffset, long length, double p, double q) {
        Checks.map2(f, x, xOffset, dy, dyOffset, dx, dxOffset, length);
        op.checkParams(f, p, q);
        if (x.isNative() && dy.isNative() && dx.isNative() && direct(x) && direct(dy) && direct(dx)) {
            loops.map2(op, f, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
        } else if (x.isNative() && dy.isNative() && dx.isNative() && loops instanceof ParallelLoops parallel) {
            parallel.stagedMap2(op, f, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
        } else {
            HeapSegments.map2(loops, op, f, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
        }
    }

    /** Whether a native segment may go to the segment loops: not mapped, or mapped with the opt-in. */
    private static boolean direct(MemorySegment s) {
        return MAPPED_DIRECT || !s.isMapped();
    }

    private static String property(String name) {
        try {
            String value = System.getProperty(name);
            return value == null ? "" : value.trim();
        } catch (RuntimeException unreadable) {
            return "";
        }
    }
}
