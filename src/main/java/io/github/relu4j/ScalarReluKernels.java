package io.github.relu4j;

/**
 * The reference kernels: the contract's definitions written literally, one element at a time.
 * Every other implementation is tested bit for bit against these.
 */
final class ScalarReluKernels extends CheckedReluKernels {
    static final ScalarReluKernels INSTANCE = new ScalarReluKernels();

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
}
