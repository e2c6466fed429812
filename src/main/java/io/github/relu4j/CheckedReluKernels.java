package io.github.relu4j;

/**
 * Checks every argument once, here, so each implementation holds nothing but its loops. The
 * {@code unchecked*} methods may assume valid ranges, finite alpha and no partial overlap.
 */
abstract sealed class CheckedReluKernels implements ReluKernels permits ScalarReluKernels, VectorReluKernels {

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
}
