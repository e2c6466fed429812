package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The reference kernels: the contract's definitions written literally, one element at a time.
 * Every other implementation is tested bit for bit against these.
 */
final class ScalarReluKernels extends CheckedReluKernels {
    static final ScalarReluKernels INSTANCE = new ScalarReluKernels();

    // Native byte order, any alignment.
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private ScalarReluKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    // The element functions. Note the comparisons: x < 0 keeps -0.0 and NaN, x <= 0 catches -0.0,
    // and x > 0 is false for NaN, so NaN takes the multiply.

    static float relu(float x) {
        return x < 0f ? 0f : x;
    }

    static double relu(double x) {
        return x < 0d ? 0d : x;
    }

    static float reluGradient(float x, float dy) {
        return x <= 0f ? 0f : dy;
    }

    static double reluGradient(double x, double dy) {
        return x <= 0d ? 0d : dy;
    }

    static float leakyRelu(float x, float alpha) {
        return x > 0f ? x : x * alpha;
    }

    static double leakyRelu(double x, double alpha) {
        return x > 0d ? x : x * alpha;
    }

    static float leakyReluGradient(float x, float dy, float alpha) {
        return x > 0f ? dy : dy * alpha;
    }

    static double leakyReluGradient(double x, double dy, double alpha) {
        return x > 0d ? dy : dy * alpha;
    }

    @Override
    void uncheckedReluForward(float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = relu(x[xOffset + i]);
        }
    }

    @Override
    void uncheckedReluForward(double[] x, int xOffset, double[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = relu(x[xOffset + i]);
        }
    }

    @Override
    void uncheckedReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                               int length) {
        for (int i = 0; i < length; i++) {
            dx[dxOffset + i] = reluGradient(x[xOffset + i], dy[dyOffset + i]);
        }
    }

    @Override
    void uncheckedReluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset,
                               int length) {
        for (int i = 0; i < length; i++) {
            dx[dxOffset + i] = reluGradient(x[xOffset + i], dy[dyOffset + i]);
        }
    }

    @Override
    void uncheckedLeakyReluForward(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = leakyRelu(x[xOffset + i], alpha);
        }
    }

    @Override
    void uncheckedLeakyReluForward(double[] x, int xOffset, double[] y, int yOffset, int length, double alpha) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = leakyRelu(x[xOffset + i], alpha);
        }
    }

    @Override
    void uncheckedLeakyReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                                    int length, float alpha) {
        for (int i = 0; i < length; i++) {
            dx[dxOffset + i] = leakyReluGradient(x[xOffset + i], dy[dyOffset + i], alpha);
        }
    }

    @Override
    void uncheckedLeakyReluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx,
                                    int dxOffset, int length, double alpha) {
        for (int i = 0; i < length; i++) {
            dx[dxOffset + i] = leakyReluGradient(x[xOffset + i], dy[dyOffset + i], alpha);
        }
    }

    @Override
    void uncheckedReluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        for (long i = 0; i < length; i++) {
            y.setAtIndex(F32, yOffset + i, relu(x.getAtIndex(F32, xOffset + i)));
        }
    }

    @Override
    void uncheckedReluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        for (long i = 0; i < length; i++) {
            y.setAtIndex(F64, yOffset + i, relu(x.getAtIndex(F64, xOffset + i)));
        }
    }

    @Override
    void uncheckedReluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                    MemorySegment dx, long dxOffset, long length) {
        for (long i = 0; i < length; i++) {
            dx.setAtIndex(F32, dxOffset + i, reluGradient(x.getAtIndex(F32, xOffset + i), dy.getAtIndex(F32, dyOffset + i)));
        }
    }

    @Override
    void uncheckedReluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                     MemorySegment dx, long dxOffset, long length) {
        for (long i = 0; i < length; i++) {
            dx.setAtIndex(F64, dxOffset + i, reluGradient(x.getAtIndex(F64, xOffset + i), dy.getAtIndex(F64, dyOffset + i)));
        }
    }

    @Override
    void uncheckedLeakyReluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                                        float alpha) {
        for (long i = 0; i < length; i++) {
            y.setAtIndex(F32, yOffset + i, leakyRelu(x.getAtIndex(F32, xOffset + i), alpha));
        }
    }

    @Override
    void uncheckedLeakyReluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                                         double alpha) {
        for (long i = 0; i < length; i++) {
            y.setAtIndex(F64, yOffset + i, leakyRelu(x.getAtIndex(F64, xOffset + i), alpha));
        }
    }

    @Override
    void uncheckedLeakyReluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                         MemorySegment dx, long dxOffset, long length, float alpha) {
        for (long i = 0; i < length; i++) {
            dx.setAtIndex(F32, dxOffset + i,
                    leakyReluGradient(x.getAtIndex(F32, xOffset + i), dy.getAtIndex(F32, dyOffset + i), alpha));
        }
    }

    @Override
    void uncheckedLeakyReluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                          MemorySegment dx, long dxOffset, long length, double alpha) {
        for (long i = 0; i < length; i++) {
            dx.setAtIndex(F64, dxOffset + i,
                    leakyReluGradient(x.getAtIndex(F64, xOffset + i), dy.getAtIndex(F64, dyOffset + i), alpha));
        }
    }
}
