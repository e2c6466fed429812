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

    /** The class that holds the generated vector loops (named, not loaded: it needs the vector module). */
    public static final String VECTOR_LOOPS = "io.github.relu4j.VectorLoops";

    /**
     * The name of the vector loop that runs a kernel on arrays.
     *
     * @param kernel   a name from {@link #kernels()}
     * @param backward the backward kernel, else the forward one
     * @param f32      floats, else doubles
     * @return the loop method's name in {@link #VECTOR_LOOPS}
     */
    public static String loopName(String kernel, boolean backward, boolean f32) {
        return op(kernel).loop(backward, f32 ? Format.F32 : Format.F64);
    }

    /**
     * The JVM descriptor of that loop on arrays: x, offset, [dy, offset,] out, offset, length, then
     * the op's parameters in the element type.
     *
     * @param kernel   a name from {@link #kernels()}
     * @param backward the backward kernel, else the forward one
     * @param f32      floats, else doubles
     * @return the descriptor, e.g. {@code ([FI[FIIF)V}
     */
    public static String loopDescriptor(String kernel, boolean backward, boolean f32) {
        String array = f32 ? "[FI" : "[DI";
        String param = f32 ? "F" : "D";
        return "(" + array + (backward ? array : "") + array + "I" + param.repeat(op(kernel).params.size()) + ")V";
    }

    private static Op op(String kernel) {
        return Arrays.stream(Op.values()).filter(o -> o.lane.equals(kernel)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kernel " + kernel + " in " + kernels()));
    }

    /**
     * The activation {@code kernel} names, with the parameters the benchmarks use: Leaky ReLU's
     * default slope, ReLU6 for Hardtanh, and a Threshold that replaces what it cuts by a constant.
     *
     * @param kernel a name from {@link #kernels()}
     * @return the activation, on the preferred engine
     */
    public static Activation activation(String kernel) {
        return switch (op(kernel)) {
            case RELU -> Activation.relu();
            case LEAKY_RELU -> Activation.leakyRelu();
            case HARDTANH -> Activation.relu6();
            case THRESHOLD -> Activation.threshold(0.5, -2);
        };
    }
}
