package io.github.relu4j;

import java.util.ArrayList;
import java.util.List;

/**
 * One kernel of {@link ReluKernels} at one element type, alpha and {@link Storage}, behind a
 * single array signature, so that every test runs over every kernel, array or segment, alike.
 * Forward kernels ignore {@code dy}. {@code segmentCall} is the kernel's segment form, for tests
 * that build their own segments.
 */
record KernelCase(Kind kind, Element element, double alpha, Storage storage, Runner runner,
                  Storage.SegmentCall segmentCall) {

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
        String where = storage == Storage.ARRAY ? "" : ", " + storage.name().toLowerCase();
        return switch (kind) {
            case RELU_FORWARD -> "reluForward(" + type + where + ")";
            case RELU_BACKWARD -> "reluBackward(" + type + where + ")";
            case LEAKY_RELU_FORWARD -> "leakyReluForward(" + type + where + ", alpha=" + alpha + ")";
            case LEAKY_RELU_BACKWARD -> "leakyReluBackward(" + type + where + ", alpha=" + alpha + ")";
        };
    }

    /** The array kernel of that kind and type; for Leaky ReLU, at that alpha (one of {@link SpecialValues#ALPHAS}). */
    static KernelCase of(Kind kind, Element element, double alpha) {
        double wanted = element == Element.FLOAT ? (float) alpha : alpha;
        return all().stream()
                .filter(k -> k.kind == kind && k.element == element && k.storage == Storage.ARRAY
                        && (Double.isNaN(k.alpha) || Double.compare(k.alpha, wanted) == 0))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(kind + " " + element + " has no case at alpha " + alpha));
    }

    /** Every kernel, on arrays and on every kind of segment. */
    static List<KernelCase> all() {
        List<KernelCase> cases = new ArrayList<>();
        for (Storage storage : Storage.values()) {
            cases.add(relu(Kind.RELU_FORWARD, Element.FLOAT, storage));
            cases.add(relu(Kind.RELU_FORWARD, Element.DOUBLE, storage));
            cases.add(relu(Kind.RELU_BACKWARD, Element.FLOAT, storage));
            cases.add(relu(Kind.RELU_BACKWARD, Element.DOUBLE, storage));
            for (double alpha : SpecialValues.ALPHAS) {
                cases.add(leaky(Kind.LEAKY_RELU_FORWARD, Element.FLOAT, alpha, storage));
                cases.add(leaky(Kind.LEAKY_RELU_FORWARD, Element.DOUBLE, alpha, storage));
                cases.add(leaky(Kind.LEAKY_RELU_BACKWARD, Element.FLOAT, alpha, storage));
                cases.add(leaky(Kind.LEAKY_RELU_BACKWARD, Element.DOUBLE, alpha, storage));
            }
        }
        return cases;
    }

    private static KernelCase relu(Kind kind, Element e, Storage storage) {
        boolean f = e == Element.FLOAT;
        Runner onArrays = switch (kind) {
            case RELU_FORWARD -> f
                    ? (k, x, xo, dy, dyo, out, oo, n) -> k.reluForward((float[]) x, xo, (float[]) out, oo, n)
                    : (k, x, xo, dy, dyo, out, oo, n) -> k.reluForward((double[]) x, xo, (double[]) out, oo, n);
            case RELU_BACKWARD -> f
                    ? (k, x, xo, dy, dyo, out, oo, n) ->
                            k.reluBackward((float[]) x, xo, (float[]) dy, dyo, (float[]) out, oo, n)
                    : (k, x, xo, dy, dyo, out, oo, n) ->
                            k.reluBackward((double[]) x, xo, (double[]) dy, dyo, (double[]) out, oo, n);
            default -> throw new IllegalArgumentException(kind.name());
        };
        Storage.SegmentCall onSegments = switch (kind) {
            case RELU_FORWARD -> f
                    ? (k, x, xo, dy, dyo, out, oo, n) -> k.reluForwardFloat(x, xo, out, oo, n)
                    : (k, x, xo, dy, dyo, out, oo, n) -> k.reluForwardDouble(x, xo, out, oo, n);
            default -> f
                    ? (k, x, xo, dy, dyo, out, oo, n) -> k.reluBackwardFloat(x, xo, dy, dyo, out, oo, n)
                    : (k, x, xo, dy, dyo, out, oo, n) -> k.reluBackwardDouble(x, xo, dy, dyo, out, oo, n);
        };
        return new KernelCase(kind, e, Double.NaN, storage, on(storage, e, onArrays, onSegments), onSegments);
    }

    private static KernelCase leaky(Kind kind, Element e, double alpha, Storage storage) {
        boolean f = e == Element.FLOAT;
        float a = (float) alpha;
        Runner onArrays = switch (kind) {
            case LEAKY_RELU_FORWARD -> f
                    ? (k, x, xo, dy, dyo, out, oo, n) -> k.leakyReluForward((float[]) x, xo, (float[]) out, oo, n, a)
                    : (k, x, xo, dy, dyo, out, oo, n) ->
                            k.leakyReluForward((double[]) x, xo, (double[]) out, oo, n, alpha);
            case LEAKY_RELU_BACKWARD -> f
                    ? (k, x, xo, dy, dyo, out, oo, n) ->
                            k.leakyReluBackward((float[]) x, xo, (float[]) dy, dyo, (float[]) out, oo, n, a)
                    : (k, x, xo, dy, dyo, out, oo, n) ->
                            k.leakyReluBackward((double[]) x, xo, (double[]) dy, dyo, (double[]) out, oo, n, alpha);
            default -> throw new IllegalArgumentException(kind.name());
        };
        Storage.SegmentCall onSegments = switch (kind) {
            case LEAKY_RELU_FORWARD -> f
                    ? (k, x, xo, dy, dyo, out, oo, n) -> k.leakyReluForwardFloat(x, xo, out, oo, n, a)
                    : (k, x, xo, dy, dyo, out, oo, n) -> k.leakyReluForwardDouble(x, xo, out, oo, n, alpha);
            default -> f
                    ? (k, x, xo, dy, dyo, out, oo, n) -> k.leakyReluBackwardFloat(x, xo, dy, dyo, out, oo, n, a)
                    : (k, x, xo, dy, dyo, out, oo, n) -> k.leakyReluBackwardDouble(x, xo, dy, dyo, out, oo, n, alpha);
        };
        return new KernelCase(kind, e, f ? a : alpha, storage, on(storage, e, onArrays, onSegments), onSegments);
    }

    private static Runner on(Storage storage, Element e, Runner onArrays, Storage.SegmentCall onSegments) {
        return storage == Storage.ARRAY ? onArrays
                : (k, x, xo, dy, dyo, out, oo, n) -> storage.run(e, onSegments, k, x, xo, dy, dyo, out, oo, n);
    }
}
