package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Keeps heap segments out of the segment kernels, which then only ever see native memory.
 *
 * <p>Why: the Vector API's segment loads and stores dispatch on the segment's class inside JDK
 * code whose type profile the whole JVM shares. Once heap and native segments have both been hot
 * there, C2 no longer compiles those loads to plain vector instructions: with heap segments sent
 * through the segment loops, native kernels ran 3.5-5x (ReLU forward) to hundreds of times
 * (Leaky ReLU backward, with a wide error) slower after heap segments had run hot ({@code SegmentKernelsBenchmark},
 * {@code nativeAfterHeap}, measures that case). Separate copies of the loops do not help: the
 * polluted profile is the JDK's, not ours.
 * So a heap segment that views a {@code float[]} ({@code double[]}) at an element boundary runs the
 * array kernel on that array, at array speed; any other heap segment (a read-only view, a view of
 * another primitive array, a misaligned slice, or one beside a native segment) is staged: copied
 * a chunk at a time into small arrays with {@link MemorySegment#copy}, run through the array
 * kernel, and copied out. That path allocates its chunk arrays once per call.
 */
final class HeapSegments {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    /** Elements per staged chunk: three chunks of floats or doubles stay within a 48 KiB L1. */
    static final int CHUNK = 1024;

    private HeapSegments() {}

    /** The array kernels, for staging: offsets and length in elements. */
    interface FloatUnary {
        void run(float[] x, int xOffset, float[] y, int yOffset, int length);
    }

    interface FloatBinary {
        void run(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length);
    }

    interface DoubleUnary {
        void run(double[] x, int xOffset, double[] y, int yOffset, int length);
    }

    interface DoubleBinary {
        void run(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset, int length);
    }

    static boolean allNative(MemorySegment a, MemorySegment b) {
        return a.isNative() && b.isNative();
    }

    static boolean allNative(MemorySegment a, MemorySegment b, MemorySegment c) {
        return a.isNative() && b.isNative() && c.isNative();
    }

    // Heap segments: the array kernel on the arrays they view, or staged.

    static void runFloats(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                          FloatUnary kernel) {
        float[] xa = floatArray(x);
        float[] ya = floatArray(y);
        if (xa != null && ya != null) {
            kernel.run(xa, index(x, xOffset, Float.BYTES), ya, index(y, yOffset, Float.BYTES), (int) length);
        } else {
            stageFloats(x, xOffset, y, yOffset, length, kernel);
        }
    }

    static void runFloats(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                          long dxOffset, long length, FloatBinary kernel) {
        float[] xa = floatArray(x);
        float[] dya = floatArray(dy);
        float[] dxa = floatArray(dx);
        if (xa != null && dya != null && dxa != null) {
            kernel.run(xa, index(x, xOffset, Float.BYTES), dya, index(dy, dyOffset, Float.BYTES),
                    dxa, index(dx, dxOffset, Float.BYTES), (int) length);
        } else {
            stageFloats(x, xOffset, dy, dyOffset, dx, dxOffset, length, kernel);
        }
    }

    static void runDoubles(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                           DoubleUnary kernel) {
        double[] xa = doubleArray(x);
        double[] ya = doubleArray(y);
        if (xa != null && ya != null) {
            kernel.run(xa, index(x, xOffset, Double.BYTES), ya, index(y, yOffset, Double.BYTES), (int) length);
        } else {
            stageDoubles(x, xOffset, y, yOffset, length, kernel);
        }
    }

    static void runDoubles(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                           long dxOffset, long length, DoubleBinary kernel) {
        double[] xa = doubleArray(x);
        double[] dya = doubleArray(dy);
        double[] dxa = doubleArray(dx);
        if (xa != null && dya != null && dxa != null) {
            kernel.run(xa, index(x, xOffset, Double.BYTES), dya, index(dy, dyOffset, Double.BYTES),
                    dxa, index(dx, dxOffset, Double.BYTES), (int) length);
        } else {
            stageDoubles(x, xOffset, dy, dyOffset, dx, dxOffset, length, kernel);
        }
    }

    /** The float[] a writable heap segment views at an element boundary, or null. */
    private static float[] floatArray(MemorySegment s) {
        return s.heapBase().orElse(null) instanceof float[] a && s.address() % Float.BYTES == 0 ? a : null;
    }

    private static double[] doubleArray(MemorySegment s) {
        return s.heapBase().orElse(null) instanceof double[] a && s.address() % Double.BYTES == 0 ? a : null;
    }

    /** The array index of element {@code offset} of a heap view: its address() is a byte offset. */
    private static int index(MemorySegment s, long offset, int elementBytes) {
        return Math.toIntExact(s.address() / elementBytes + offset);
    }

    // Staging. Each chunk is read whole before it is written, so exact in-place use stays exact;
    // and the first copy out of an input comes before the first write, so a closed segment or one
    // from another thread fails (with the JDK's exception) before anything is written.

    private static void stageFloats(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                            FloatUnary kernel) {
        int chunk = (int) Math.min(length, CHUNK);
        float[] in = new float[chunk];
        float[] out = new float[chunk];
        for (long done = 0; done < length; done += chunk) {
            int n = (int) Math.min(chunk, length - done);
            MemorySegment.copy(x, F32, (xOffset + done) * Float.BYTES, in, 0, n);
            kernel.run(in, 0, out, 0, n);
            MemorySegment.copy(out, 0, y, F32, (yOffset + done) * Float.BYTES, n);
        }
    }

    private static void stageFloats(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                            long dxOffset, long length, FloatBinary kernel) {
        int chunk = (int) Math.min(length, CHUNK);
        float[] in = new float[chunk];
        float[] grad = new float[chunk];
        float[] out = new float[chunk];
        for (long done = 0; done < length; done += chunk) {
            int n = (int) Math.min(chunk, length - done);
            MemorySegment.copy(x, F32, (xOffset + done) * Float.BYTES, in, 0, n);
            MemorySegment.copy(dy, F32, (dyOffset + done) * Float.BYTES, grad, 0, n);
            kernel.run(in, 0, grad, 0, out, 0, n);
            MemorySegment.copy(out, 0, dx, F32, (dxOffset + done) * Float.BYTES, n);
        }
    }

    private static void stageDoubles(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                             DoubleUnary kernel) {
        int chunk = (int) Math.min(length, CHUNK);
        double[] in = new double[chunk];
        double[] out = new double[chunk];
        for (long done = 0; done < length; done += chunk) {
            int n = (int) Math.min(chunk, length - done);
            MemorySegment.copy(x, F64, (xOffset + done) * Double.BYTES, in, 0, n);
            kernel.run(in, 0, out, 0, n);
            MemorySegment.copy(out, 0, y, F64, (yOffset + done) * Double.BYTES, n);
        }
    }

    private static void stageDoubles(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
                             long dxOffset, long length, DoubleBinary kernel) {
        int chunk = (int) Math.min(length, CHUNK);
        double[] in = new double[chunk];
        double[] grad = new double[chunk];
        double[] out = new double[chunk];
        for (long done = 0; done < length; done += chunk) {
            int n = (int) Math.min(chunk, length - done);
            MemorySegment.copy(x, F64, (xOffset + done) * Double.BYTES, in, 0, n);
            MemorySegment.copy(dy, F64, (dyOffset + done) * Double.BYTES, grad, 0, n);
            kernel.run(in, 0, grad, 0, out, 0, n);
            MemorySegment.copy(out, 0, dx, F64, (dxOffset + done) * Double.BYTES, n);
        }
    }
}
