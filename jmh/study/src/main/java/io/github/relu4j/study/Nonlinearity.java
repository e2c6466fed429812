package io.github.relu4j.study;

/**
 * The hidden layers' activation and the initialisation that goes with it: He (normal, standard
 * deviation sqrt(2 / fan-in)) for the ReLU family, Xavier/Glorot (normal, sqrt(2 / (fan-in +
 * fan-out))) for the sigmoid, as each is usually paired.
 */
enum Nonlinearity {
    SIGMOID("sigmoid"),
    RELU("ReLU"),
    LEAKY_RELU("Leaky ReLU");

    private final String label;

    Nonlinearity(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** relu4j's kernels for this activation over rows of {@code width}; null for the sigmoid (plain Java). */
    Kernels kernels(int width) {
        return switch (this) {
            case SIGMOID -> null;
            case RELU -> Kernels.relu(width);
            case LEAKY_RELU -> Kernels.leakyRelu(width);
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
