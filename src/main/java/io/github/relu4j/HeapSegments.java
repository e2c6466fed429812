package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * Keeps heap segments (and, see {@link Dispatch}, memory-mapped ones) out of the segment loops,
 * which then only ever see native memory that cannot vanish under them.
 *
 * <p>Why: the Vector API's segment loads and stores dispatch on the segment's class inside JDK
 * code whose type profile the whole JVM shares. Once heap and native segments have both been hot
 * there, C2 no longer compiles those loads to plain vector instructions: with heap segments sent
 * through the segment loops, native kernels ran 3.5-5x (ReLU forward) to hundreds of times
 * (Leaky ReLU backward, with a wide error) slower after heap segments had run hot
 * ({@code SegmentKernelsBenchmark}, {@code nativeAfterHeap}, measures that case). Separate copies
 * of the loops do not help: the polluted profile is the JDK's, not ours.
 * So a heap segment that views an array of the call's format at an element boundary runs the
 * array loop on that array, at array speed; any other heap segment (a read-only view, a view of
 * another primitive array, a misaligned slice, or one beside a native segment) is staged: copied
 * a chunk at a time into small arrays with {@link MemorySegment#copy}, run through the array
 * loop, and copied out. That path allocates its chunk arrays once per call. A mapped segment
 * whose file has shrunk fails there with the JDK's {@link InternalError}, from the copy.
 */
final class HeapSegments {
    /** Elements per staged chunk: three chunks of floats or doubles stay within a 48 KiB L1. */
    static final int CHUNK = 1024;

    private HeapSegments() {}

    static void map1(Loops loops, Op op, Format f, MemorySegment x, long xOffset, MemorySegment y, long yOffset,
                     long length, double p, double q) {
        Object xa = f.viewedArray(x);
        Object ya = f.viewedArray(y);
        if (xa != null && ya != null) {
            loops.map1(op, f, xa, index(f, x, xOffset), ya, index(f, y, yOffset), (int) length, p, q);
            return;
        }
        // Staged. Each chunk is read whole before it is written, so exact in-place use stays exact;
        // and the first copy out of an input comes before the first write, so a closed segment or
        // one from another thread fails (with the JDK's exception) before anything is written.
        int chunk = (int) Math.min(length, CHUNK);
        Object in = f.newArray(chunk);
        Object out = f.newArray(chunk);
        for (long done = 0; done < length; done += chunk) {
            int n = (int) Math.min(chunk, length - done);
            MemorySegment.copy(x, f.layout, (xOffset + done) * f.bytes, in, 0, n);
            loops.map1(op, f, in, 0, out, 0, n, p, q);
            MemorySegment.copy(out, 0, y, f.layout, (yOffset + done) * f.bytes, n);
        }
    }

    static void map2(Loops loops, Op op, Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                     MemorySegment dx, long dxOffset, long length, double p, double q) {
        Object xa = f.viewedArray(x);
        Object dya = f.viewedArray(dy);
        Object dxa = f.viewedArray(dx);
        if (xa != null && dya != null && dxa != null) {
            loops.map2(op, f, xa, index(f, x, xOffset), dya, index(f, dy, dyOffset), dxa, index(f, dx, dxOffset),
                    (int) length, p, q);
            return;
        }
        int chunk = (int) Math.min(length, CHUNK);
        Object in = f.newArray(chunk);
        Object grad = f.newArray(chunk);
        Object out = f.newArray(chunk);
        for (long done = 0; done < length; done += chunk) {
            int n = (int) Math.min(chunk, length - done);
            MemorySegment.copy(x, f.layout, (xOffset + done) * f.bytes, in, 0, n);
            MemorySegment.copy(dy, f.layout, (dyOffset + done) * f.bytes, grad, 0, n);
            loops.map2(op, f, in, 0, grad, 0, out, 0, n, p, q);
            MemorySegment.copy(out, 0, dx, f.layout, (dxOffset + done) * f.bytes, n);
        }
    }

    /** The array index of element {@code offset} of a heap view: its address() is a byte offset. */
    private static int index(Format f, MemorySegment s, long offset) {
        return Math.toIntExact(s.address() / f.bytes + offset);
    }
}
