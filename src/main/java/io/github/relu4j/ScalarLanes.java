package io.github.relu4j;

/**
 * The reference lane functions: the contract's definitions written literally, one element at a
 * time. {@link ScalarLoops} (generated) runs them over arrays and segments, and every other
 * implementation is tested bit for bit against that.
 *
 * <p>Mind the comparisons: {@code x < 0} keeps -0.0 and NaN, {@code x <= 0} catches -0.0, and
 * {@code x > 0} is false for NaN, so NaN takes the multiply. Zeros written here are +0.0.
 */
final class ScalarLanes {
    private ScalarLanes() {}

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

    static float hardtanh(float x, float min, float max) {
        return x < min ? min : (x > max ? max : x);
    }

    static double hardtanh(double x, double min, double max) {
        return x < min ? min : (x > max ? max : x);
    }

    static float hardtanhGradient(float x, float dy, float min, float max) {
        return (x <= min || x >= max) ? 0f : dy;
    }

    static double hardtanhGradient(double x, double dy, double min, double max) {
        return (x <= min || x >= max) ? 0d : dy;
    }

    static float threshold(float x, float threshold, float value) {
        return x <= threshold ? value : x;
    }

    static double threshold(double x, double threshold, double value) {
        return x <= threshold ? value : x;
    }

    static float thresholdGradient(float x, float dy, float threshold, float value) {
        return x <= threshold ? 0f : dy;
    }

    static double thresholdGradient(double x, double dy, double threshold, double value) {
        return x <= threshold ? 0d : dy;
    }
}
