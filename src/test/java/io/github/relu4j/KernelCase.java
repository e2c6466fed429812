package io.github.relu4j;

import java.util.ArrayList;
import java.util.List;

/**
 * One kernel of {@link ReluKernels} at one element type and alpha, behind a single signature, so
 * that every test runs over every kernel alike. Forward kernels ignore {@code dy}.
 */
record KernelCase(Kind kind, Element element, double alpha, Runner runner) {

    enum Kind {
        RELU_FORWARD(false), RELU_BACKWARD(true), LEAKY_RELU_FORWARD(false), LEAKY_RELU_BACKWARD(true);

        final boolean backward;

        Kind(boolean backward) {
            this.backward = backward;
        }
    }

    @FunctionalInterface
    interface Runner {
        void run(ReluKernels kernels, Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset,
                 int length);
    }

    boolean backward() {
        return kind.backward;
    }

    void run(ReluKernels kernels, Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset,
             int length) {
        runner.run(kernels, x, xOffset, dy, dyOffset, out, outOffset, length);
    }

    @Override
    public String toString() {
        String type = element.name().toLowerCase();
        return switch (kind) {
            case RELU_FORWARD -> "reluForward(" + type + ")";
            case RELU_BACKWARD -> "reluBackward(" + type + ")";
            case LEAKY_RELU_FORWARD -> "leakyReluForward(" + type + ", alpha=" + alpha + ")";
            case LEAKY_RELU_BACKWARD -> "leakyReluBackward(" + type + ", alpha=" + alpha + ")";
        };
    }

    /** The kernel of that kind and type; for Leaky ReLU, at that alpha (one of {@link SpecialValues#ALPHAS}). */
    static KernelCase of(Kind kind, Element element, double alpha) {
        double wanted = element == Element.FLOAT ? (float) alpha : alpha;
        return all().stream()
                .filter(k -> k.kind == kind && k.element == element
                        && (Double.isNaN(k.alpha) || Double.compare(k.alpha, wanted) == 0))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(kind + " " + element + " has no case at alpha " + alpha));
    }

    static List<KernelCase> all() {
        List<KernelCase> cases = new ArrayList<>();
        cases.add(new KernelCase(Kind.RELU_FORWARD, Element.FLOAT, Double.NaN,
                (k, x, xo, dy, dyo, out, oo, n) -> k.reluForward((float[]) x, xo, (float[]) out, oo, n)));
        cases.add(new KernelCase(Kind.RELU_FORWARD, Element.DOUBLE, Double.NaN,
                (k, x, xo, dy, dyo, out, oo, n) -> k.reluForward((double[]) x, xo, (double[]) out, oo, n)));
        cases.add(new KernelCase(Kind.RELU_BACKWARD, Element.FLOAT, Double.NaN,
                (k, x, xo, dy, dyo, out, oo, n) ->
                        k.reluBackward((float[]) x, xo, (float[]) dy, dyo, (float[]) out, oo, n)));
        cases.add(new KernelCase(Kind.RELU_BACKWARD, Element.DOUBLE, Double.NaN,
                (k, x, xo, dy, dyo, out, oo, n) ->
                        k.reluBackward((double[]) x, xo, (double[]) dy, dyo, (double[]) out, oo, n)));
        for (double alpha : SpecialValues.ALPHAS) {
            float a = (float) alpha;
            cases.add(new KernelCase(Kind.LEAKY_RELU_FORWARD, Element.FLOAT, a,
                    (k, x, xo, dy, dyo, out, oo, n) -> k.leakyReluForward((float[]) x, xo, (float[]) out, oo, n, a)));
            cases.add(new KernelCase(Kind.LEAKY_RELU_FORWARD, Element.DOUBLE, alpha,
                    (k, x, xo, dy, dyo, out, oo, n) ->
                            k.leakyReluForward((double[]) x, xo, (double[]) out, oo, n, alpha)));
            cases.add(new KernelCase(Kind.LEAKY_RELU_BACKWARD, Element.FLOAT, a,
                    (k, x, xo, dy, dyo, out, oo, n) ->
                            k.leakyReluBackward((float[]) x, xo, (float[]) dy, dyo, (float[]) out, oo, n, a)));
            cases.add(new KernelCase(Kind.LEAKY_RELU_BACKWARD, Element.DOUBLE, alpha,
                    (k, x, xo, dy, dyo, out, oo, n) ->
                            k.leakyReluBackward((double[]) x, xo, (double[]) dy, dyo, (double[]) out, oo, n, alpha)));
        }
        return cases;
    }
}
