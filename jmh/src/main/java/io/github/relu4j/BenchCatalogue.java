package io.github.relu4j;

import java.util.Arrays;
import java.util.List;

/**
 * The library's kernel catalogue as the benchmarks see it. It sits in the library's package (the
 * benchmarks run on the class path, where a package may span jars) because the catalogue,
 * {@link Op}, is not public API; nothing else of the benchmarks does.
 */
public final class BenchCatalogue {
    private BenchCatalogue() {}

    /**
     * Prints the catalogue's kernels, comma-separated, for {@code ./bench} to pass to JMH as
     * {@code -p kernel=...}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(String.join(",", kernels()));
    }

    /** Every activation of the catalogue, by its name in {@link Activation#toString()} ("relu", "leakyRelu", ...). */
    public static List<String> kernels() {
        return Arrays.stream(Op.values()).map(op -> op.lane).toList();
    }

    /**
     * The activation {@code kernel} names, with the parameters the benchmarks use: Leaky ReLU's
     * default slope, ReLU6 for Hardtanh, and a Threshold that replaces what it cuts by a constant.
     *
     * @param kernel a name from {@link #kernels()}
     * @return the activation, on the preferred engine
     */
    public static Activation activation(String kernel) {
        Op op = Arrays.stream(Op.values()).filter(o -> o.lane.equals(kernel)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kernel " + kernel + " in " + kernels()));
        return switch (op) {
            case RELU -> Activation.relu();
            case LEAKY_RELU -> Activation.leakyRelu();
            case HARDTANH -> Activation.relu6();
            case THRESHOLD -> Activation.threshold(0.5, -2);
        };
    }
}
