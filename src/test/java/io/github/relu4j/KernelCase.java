package io.github.relu4j;

import java.util.ArrayList;
import java.util.List;

/**
 * One kernel of the catalogue: an op's forward or backward pass at one parameter pair (from
 * {@link Oracle#params}), element type and {@link Storage}, behind a single array signature, so
 * that every test runs over every kernel, array or segment, alike. Forward kernels ignore
 * {@code dy}. The list comes from {@link Op#values()}: a new op joins every test that iterates
 * {@link #all()} without an edit here.
 */
record KernelCase(Op op, boolean backward, double p, double q, Element element, Storage storage) {

    /** The activation with this case's parameters, on the preferred engine. */
    Activation activation() {
        return Activation.of(op, p, q);
    }

    /** Runs the kernel on {@code engine}, through this case's storage. */
    void run(Engine engine, Object x, int xOffset, Object dy, int dyOffset, Object out, int outOffset, int length) {
        if (storage == Storage.ARRAY) {
            element.call(activation().on(engine), backward, x, xOffset, dy, dyOffset, out, outOffset, length);
        } else {
            storage.run(element, segmentCall(), engine, x, xOffset, dy, dyOffset, out, outOffset, length);
        }
    }

    /** The kernel's segment form, for tests that build their own segments. */
    Storage.SegmentCall segmentCall() {
        return (engine, x, xo, dy, dyo, out, oo, n) -> element.call(activation().on(engine), backward, x, xo, dy, dyo,
                out, oo, n);
    }

    /** Whether this case has its op's {@link Oracle#typical} parameters. */
    boolean typical() {
        double[] pq = Oracle.typical(op);
        return Double.compare(p, pq[0]) == 0 && Double.compare(q, pq[1]) == 0;
    }

    /** The contract's output for one element. */
    long expected(long x, long dy) {
        return backward ? Oracle.backward(op, element, x, dy, p, q) : Oracle.forward(op, element, x, p, q);
    }

    /** The kernel of the same op and parameters in the other direction, on arrays. */
    KernelCase forwardOf() {
        return new KernelCase(op, false, p, q, element, Storage.ARRAY);
    }

    @Override
    public String toString() {
        String where = storage == Storage.ARRAY ? "" : ", " + storage.name().toLowerCase();
        return activation() + (backward ? " backward" : " forward") + " (" + element.name().toLowerCase() + where + ")";
    }

    /** The array kernel of that op and direction, at those parameters. */
    static KernelCase of(Op op, boolean backward, Element element, double p, double q) {
        return new KernelCase(op, backward, p, q, element, Storage.ARRAY);
    }

    /** Every kernel at every test parameter pair, on arrays and on every kind of segment. */
    static List<KernelCase> all() {
        List<KernelCase> cases = new ArrayList<>();
        for (Storage storage : Storage.values()) {
            cases.addAll(on(storage));
        }
        return cases;
    }

    /** The 16-bit kernels on arrays at the parameters only they run ({@link Oracle#roundedParams}). */
    static List<KernelCase> atRoundedParams() {
        List<KernelCase> cases = new ArrayList<>();
        for (Op op : Op.values()) {
            for (boolean backward : List.of(false, true)) {
                for (double[] pq : Oracle.roundedParams(op)) {
                    for (Element e : List.of(Element.BF16, Element.F16)) {
                        cases.add(new KernelCase(op, backward, pq[0], pq[1], e, Storage.ARRAY));
                    }
                }
            }
        }
        return cases;
    }

    /** Every kernel at every test parameter pair, on one storage. */
    static List<KernelCase> on(Storage storage) {
        List<KernelCase> cases = new ArrayList<>();
        for (Op op : Op.values()) {
            for (boolean backward : List.of(false, true)) {
                for (double[] pq : Oracle.params(op)) {
                    for (Element e : Element.values()) {
                        cases.add(new KernelCase(op, backward, pq[0], pq[1], e, storage));
                    }
                }
            }
        }
        return cases;
    }
}
