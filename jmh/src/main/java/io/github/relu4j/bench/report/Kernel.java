package io.github.relu4j.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The four kernels, with what each moves per element and the bound it is measured against. */
enum Kernel {
    RELU_FORWARD("reluForward", "ReLU forward", Pass.FORWARD, Variant.MATH_MAX),
    RELU_BACKWARD("reluBackward", "ReLU backward", Pass.BACKWARD),
    LEAKY_RELU_FORWARD("leakyReluForward", "Leaky ReLU forward (alpha 0.01)", Pass.FORWARD, Variant.MAX_OF_PRODUCT),
    LEAKY_RELU_BACKWARD("leakyReluBackward", "Leaky ReLU backward (alpha 0.01)", Pass.BACKWARD);

    /**
     * Forward reads x and writes y, like a copy; backward also reads dy, like {@code x + dy}, so a
     * copy is no bound for it.
     */
    enum Pass {
        FORWARD(2, "read x, write y", "copy", "System.arraycopy"),
        BACKWARD(3, "read x, read dy, write dx", "add", "add (x + dy)");

        private final int streams;
        private final String streamText;
        private final String boundMethod;
        private final String boundLabel;

        Pass(int streams, String streamText, String boundMethod, String boundLabel) {
            this.streams = streams;
            this.streamText = streamText;
            this.boundMethod = boundMethod;
            this.boundLabel = boundLabel;
        }
    }

    private final String method;
    private final String title;
    private final Pass pass;
    private final List<Variant> variants;

    Kernel(String method, String title, Pass pass, Variant... notContract) {
        this.method = method;
        this.title = title;
        this.pass = pass;
        this.variants = Stream.concat(Stream.of(Variant.VECTOR, Variant.SCALAR, Variant.TERNARY), Stream.of(notContract))
                .toList();
    }

    String title() {
        return title;
    }

    /** For file names: {@code RELU_FORWARD} becomes {@code relu-forward}. */
    String kebab() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The variants benchmarked for this kernel, the library's vector kernel first. */
    List<Variant> variants() {
        return variants;
    }

    String method(Variant variant) {
        return method + variant.suffix();
    }

    /** The method name every benchmark class starts from, e.g. {@code reluForward}. */
    String baseMethod() {
        return method;
    }

    /** Arrays read or written per element. */
    int streams() {
        return pass.streams;
    }

    /** What the streams are, e.g. "read x, write y". */
    String streamText() {
        return pass.streamText;
    }

    /** The benchmark method that moves the same bytes with no work: the kernel's bound. */
    String boundMethod() {
        return pass.boundMethod;
    }

    String boundLabel() {
        return pass.boundLabel;
    }

    /** Whether the kernel moves a copy's two streams, so that a copy loop compares with it. */
    boolean isForward() {
        return pass == Pass.FORWARD;
    }
}
