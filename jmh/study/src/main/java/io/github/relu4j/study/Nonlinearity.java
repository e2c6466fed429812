package io.github.relu4j.study;

import io.github.relu4j.Activation;

/**
 * The hidden layers' activation and the initialisation that goes with it: He (normal, standard
 * deviation sqrt(2 / fan-in)) for the ReLU family, Xavier/Glorot (normal, sqrt(2 / (fan-in +
 * fan-out))) for the sigmoid, as each is usually paired.
 */
enum Nonlinearity {
    SIGMOID("sigmoid", 0),
    RELU("ReLU", 0),
    /** relu4j's default slope, 0.01. */
    LEAKY_RELU("Leaky ReLU", Activation.DEFAULT_ALPHA),
    /** A ten times larger slope: one of the dead-unit experiment's stated settings. */
    LEAKY_RELU_SLOPE_0_1("Leaky ReLU, slope 0.1", 0.1);

    private final String label;
    /** Leaky ReLU's slope for negative inputs; 0 for the others. */
    private final double slope;

    Nonlinearity(String label, double slope) {
        this.label = label;
        this.slope = slope;
    }

    double slope() {
        return slope;
    }

    String label() {
        return label;
    }

    /** relu4j's kernels for this activation over rows of {@code width}; null for the sigmoid (plain Java). */
    Kernels kernels(int width) {
        return switch (this) {
            case SIGMOID -> null;
            case RELU -> Kernels.relu(width);
            case LEAKY_RELU, LEAKY_RELU_SLOPE_0_1 -> Kernels.leakyRelu(slope, width);
        };
    }

    /** The standard deviation of a hidden layer's initial weights. */
    double initScale(int fanIn, int fanOut) {
        return this == SIGMOID ? Math.sqrt(2.0 / (fanIn + fanOut)) : Math.sqrt(2.0 / fanIn);
    }

    String initName() {
        return this == SIGMOID ? "Xavier normal" : "He normal";
    }
}
