package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * Checks every argument once, here, so each implementation holds nothing but its loops. The
 * {@code unchecked*} methods may assume valid ranges, finite alpha and no partial overlap; their
 * segment forms are only ever given native segments (see {@link HeapSegments}).
 */
abstract sealed class CheckedReluKernels implements ReluKernels permits ScalarReluKernels, VectorReluKernels,
        ParallelReluKernels {

    @Override
    public final void reluForward(float[] x, int xOffset, float[] y, int yOffset, int length) {
        Arguments.unary(x, xOffset, y, yOffset, length);
        uncheckedReluForward(x, xOffset, y, yOffset, length);
    }

    @Override
    public final void reluForward(double[] x, int xOffset, double[] y, int yOffset, int length) {
        Arguments.unary(x, xOffset, y, yOffset, length);
        uncheckedReluForward(x, xOffset, y, yOffset, length);
    }

    @Override
    public final void reluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                                   int length) {
        Arguments.binary(x, xOffset, dy, dyOffset, dx, dxOffset, length);
        uncheckedReluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    @Override
    public final void reluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset,
                                   int length) {
        Arguments.binary(x, xOffset, dy, dyOffset, dx, dxOffset, length);
        uncheckedReluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    @Override
    public final void leakyReluForward(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
        Arguments.unary(x, xOffset, y, yOffset, length);
        Arguments.alpha(alpha);
        uncheckedLeakyReluForward(x, xOffset, y, yOffset, length, alpha);
    }

    @Override
    public final void leakyReluForward(double[] x, int xOffset, double[] y, int yOffset, int length, double alpha) {
        Arguments.unary(x, xOffset, y, yOffset, length);
        Arguments.alpha(alpha);
        uncheckedLeakyReluForward(x, xOffset, y, yOffset, length, alpha);
    }

    @Override
    public final void leakyReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                                        int length, float alpha) {
        Arguments.binary(x, xOffset, dy, dyOffset, dx, dxOffset, length);
        Arguments.alpha(alpha);
        uncheckedLeakyReluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha);
    }

    @Override
    public final void leakyReluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx,
                                        int dxOffset, int length, double alpha) {
        Arguments.binary(x, xOffset, dy, dyOffset, dx, dxOffset, length);
        Arguments.alpha(alpha);
        uncheckedLeakyReluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha);
    }

    // Segments: native ones go to the segment kernels; heap ones to HeapSegments, which says why.

    @Override
    public final void reluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        Arguments.unary(x, xOffset, y, yOffset, length, Float.BYTES);
        if (HeapSegments.allNative(x, y)) {
            uncheckedReluForwardFloat(x, xOffset, y, yOffset, length);
        } else {
            HeapSegments.runFloats(x, xOffset, y, yOffset, length, this::uncheckedReluForward);
        }
    }

    @Override
    public final void reluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        Arguments.unary(x, xOffset, y, yOffset, length, Double.BYTES);
        if (HeapSegments.allNative(x, y)) {
            uncheckedReluForwardDouble(x, xOffset, y, yOffset, length);
        } else {
            HeapSegments.runDoubles(x, xOffset, y, yOffset, length, this::uncheckedReluForward);
        }
    }

    @Override
    public final void reluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                        MemorySegment dx, long dxOffset, long length) {
        Arguments.binary(x, xOffset, dy, dyOffset, dx, dxOffset, length, Float.BYTES);
        if (HeapSegments.allNative(x, dy, dx)) {
            uncheckedReluBackwardFloat(x, xOffset, dy, dyOffset, dx, dxOffset, length);
        } else {
            HeapSegments.runFloats(x, xOffset, dy, dyOffset, dx, dxOffset, length, this::uncheckedReluBackward);
        }
    }

    @Override
    public final void reluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                         MemorySegment dx, long dxOffset, long length) {
        Arguments.binary(x, xOffset, dy, dyOffset, dx, dxOffset, length, Double.BYTES);
        if (HeapSegments.allNative(x, dy, dx)) {
            uncheckedReluBackwardDouble(x, xOffset, dy, dyOffset, dx, dxOffset, length);
        } else {
            HeapSegments.runDoubles(x, xOffset, dy, dyOffset, dx, dxOffset, length, this::uncheckedReluBackward);
        }
    }

    @Override
    public final void leakyReluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset,
                                            long length, float alpha) {
        Arguments.unary(x, xOffset, y, yOffset, length, Float.BYTES);
        Arguments.alpha(alpha);
        if (HeapSegments.allNative(x, y)) {
            uncheckedLeakyReluForwardFloat(x, xOffset, y, yOffset, length, alpha);
        } else {
            HeapSegments.runFloats(x, xOffset, y, yOffset, length,
                    (a, ao, b, bo, n) -> uncheckedLeakyReluForward(a, ao, b, bo, n, alpha));
        }
    }

    @Override
    public final void leakyReluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset,
                                             long length, double alpha) {
        Arguments.unary(x, xOffset, y, yOffset, length, Double.BYTES);
        Arguments.alpha(alpha);
        if (HeapSegments.allNative(x, y)) {
            uncheckedLeakyReluForwardDouble(x, xOffset, y, yOffset, length, alpha);
        } else {
            HeapSegments.runDoubles(x, xOffset, y, yOffset, length,
                    (a, ao, b, bo, n) -> uncheckedLeakyReluForward(a, ao, b, bo, n, alpha));
        }
    }

    @Override
    public final void leakyReluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                             MemorySegment dx, long dxOffset, long length, float alpha) {
        Arguments.binary(x, xOffset, dy, dyOffset, dx, dxOffset, length, Float.BYTES);
        Arguments.alpha(alpha);
        if (HeapSegments.allNative(x, dy, dx)) {
            uncheckedLeakyReluBackwardFloat(x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha);
        } else {
            HeapSegments.runFloats(x, xOffset, dy, dyOffset, dx, dxOffset, length,
                    (a, ao, b, bo, c, co, n) -> uncheckedLeakyReluBackward(a, ao, b, bo, c, co, n, alpha));
        }
    }

    @Override
    public final void leakyReluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                              MemorySegment dx, long dxOffset, long length, double alpha) {
        Arguments.binary(x, xOffset, dy, dyOffset, dx, dxOffset, length, Double.BYTES);
        Arguments.alpha(alpha);
        if (HeapSegments.allNative(x, dy, dx)) {
            uncheckedLeakyReluBackwardDouble(x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha);
        } else {
            HeapSegments.runDoubles(x, xOffset, dy, dyOffset, dx, dxOffset, length,
                    (a, ao, b, bo, c, co, n) -> uncheckedLeakyReluBackward(a, ao, b, bo, c, co, n, alpha));
        }
    }

    @Override
    public String toString() {
        return name();
    }

    abstract void uncheckedReluForward(float[] x, int xOffset, float[] y, int yOffset, int length);

    abstract void uncheckedReluForward(double[] x, int xOffset, double[] y, int yOffset, int length);

    abstract void uncheckedReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                                        int length);

    abstract void uncheckedReluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx,
                                        int dxOffset, int length);

    abstract void uncheckedLeakyReluForward(float[] x, int xOffset, float[] y, int yOffset, int length,
                                            float alpha);

    abstract void uncheckedLeakyReluForward(double[] x, int xOffset, double[] y, int yOffset, int length,
                                            double alpha);

    abstract void uncheckedLeakyReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx,
                                             int dxOffset, int length, float alpha);

    abstract void uncheckedLeakyReluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx,
                                             int dxOffset, int length, double alpha);

    // Native segments only: offsets and length in elements, from the start of each segment.

    abstract void uncheckedReluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset,
                                            long length);

    abstract void uncheckedReluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset,
                                             long length);

    abstract void uncheckedReluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                             MemorySegment dx, long dxOffset, long length);

    abstract void uncheckedReluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                              MemorySegment dx, long dxOffset, long length);

    abstract void uncheckedLeakyReluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset,
                                                 long length, float alpha);

    abstract void uncheckedLeakyReluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset,
                                                  long length, double alpha);

    abstract void uncheckedLeakyReluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                                  MemorySegment dx, long dxOffset, long length, float alpha);

    abstract void uncheckedLeakyReluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                                   MemorySegment dx, long dxOffset, long length, double alpha);
}
