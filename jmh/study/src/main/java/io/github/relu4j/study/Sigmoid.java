package io.github.relu4j.study;

/** The logistic sigmoid in plain Java, over row-major [rows, features] (relu4j has no sigmoid). */
final class Sigmoid {
    private Sigmoid() {}

    /** y = sigmoid(x + bias[feature]). */
    static void forwardRows(float[] x, float[] bias, float[] y, int rows, int features) {
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                int i = r * features + f;
                y[i] = (float) (1.0 / (1.0 + Math.exp(-(double) (x[i] + bias[f]))));
            }
        }
    }

    /** dx = dy · s(1 - s), from the forward output s; dx may be dy. */
    static void backward(float[] s, float[] dy, float[] dx, int length) {
        for (int i = 0; i < length; i++) {
            dx[i] = dy[i] * s[i] * (1f - s[i]);
        }
    }
}
