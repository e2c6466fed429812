package io.github.relu4j.bench.asm;

import io.github.relu4j.Activation;
import io.github.relu4j.BenchCatalogue;
import io.github.relu4j.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The methods whose machine code {@code ./bench --asm} shows: every kernel of the library's
 * catalogue ({@link BenchCatalogue}), forward and backward, float and double, and the bounds.
 *
 * <p>The library's vector kernels are reached through the public API
 * ({@code activation.on(Engine.vector()).forward(...)}); the method HotSpot compiles with the loop
 * is the generated loop the API forwards to after its argument checks
 * ({@link BenchCatalogue#loopName}). The harness keeps those methods from being inlined into their
 * callers (CompileCommand=dontinline), so each is compiled on its own, with the length and
 * offsets unknown, as in real use.
 */
public final class AsmTargets {
    /** Prefix of the marker lines that carry the target list into the log. */
    public static final String MARKER = "#asm-target";

    /** The class that declares the vector kernels' loops. */
    public static final String KERNEL_CLASS = BenchCatalogue.VECTOR_LOOPS;

    /**
     * The bounds' JMH benchmark methods (of KernelsBenchmark, by format) that time each bound
     * target, by the target's name without its element type; kernels are timed by
     * {@code KernelsBenchmark.vector} with their kernel and pass.
     */
    public static final Map<String, String> BOUND_BENCHMARKS = Map.of(
            "bound-vectorCopy", "vectorCopy",
            "bound-mathMax", "reluMathMax",
            "bound-arraycopy", "copy");

    /**
     * The warm-up length: not a multiple of any vector length, so the masked tail runs on
     * every call and C2 compiles it instead of leaving an uncommon trap there.
     */
    public static final int LENGTH = 4096 + 3;

    private AsmTargets() {}

    /** A kernel target's name: {@code relu-forward-float}. */
    public static String kernelTarget(String kernel, String pass, String type) {
        return kernel + "-" + pass + "-" + type;
    }

    /** Every target, kernels first, then the bounds. */
    public static List<AsmTarget> all() {
        SplittableRandom random = new SplittableRandom(42);
        float[] xf = new float[LENGTH], dyf = new float[LENGTH], of = new float[LENGTH];
        double[] xd = new double[LENGTH], dyd = new double[LENGTH], od = new double[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            xd[i] = random.nextDouble(-1, 1);
            dyd[i] = random.nextDouble(-1, 1);
            xf[i] = (float) xd[i];
            dyf[i] = (float) dyd[i];
        }
        List<AsmTarget> targets = new ArrayList<>();
        for (String kernel : BenchCatalogue.kernels()) {
            for (boolean backward : List.of(false, true)) {
                String pass = backward ? "backward" : "forward";
                Runnable f = () -> vector(kernel).run(backward, xf, dyf, of);
                Runnable d = () -> vector(kernel).run(backward, xd, dyd, od);
                targets.add(new AsmTarget(kernelTarget(kernel, pass, "float"), "kernel", KERNEL_CLASS,
                        BenchCatalogue.loopName(kernel, backward, true),
                        BenchCatalogue.loopDescriptor(kernel, backward, true), 4, 1, f));
                targets.add(new AsmTarget(kernelTarget(kernel, pass, "double"), "kernel", KERNEL_CLASS,
                        BenchCatalogue.loopName(kernel, backward, false),
                        BenchCatalogue.loopDescriptor(kernel, backward, false), 8, 1, d));
            }
        }
        String bounds = AsmBounds.class.getName();
        targets.add(new AsmTarget("bound-vectorCopy-float", "bound", bounds, "vectorCopy", "([F[FI)V", 4, 1,
                () -> AsmBounds.vectorCopy(xf, of, LENGTH)));
        targets.add(new AsmTarget("bound-vectorCopy-double", "bound", bounds, "vectorCopy", "([D[DI)V", 8, 1,
                () -> AsmBounds.vectorCopy(xd, od, LENGTH)));
        targets.add(new AsmTarget("bound-mathMax-float", "bound", bounds, "mathMax", "([F[FI)V", 4, 1,
                () -> AsmBounds.mathMax(xf, of, LENGTH)));
        targets.add(new AsmTarget("bound-mathMax-double", "bound", bounds, "mathMax", "([D[DI)V", 8, 1,
                () -> AsmBounds.mathMax(xd, od, LENGTH)));
        targets.add(new AsmTarget("bound-arraycopy-float", "bound", bounds, "arraycopy", "([F[FI)V", 4, 1,
                () -> AsmBounds.arraycopy(xf, of, LENGTH)));
        targets.add(new AsmTarget("bound-arraycopy-double", "bound", bounds, "arraycopy", "([D[DI)V", 8, 1,
                () -> AsmBounds.arraycopy(xd, od, LENGTH)));
        return targets;
    }

    /** A kernel on the vector engine, made when first called: the table can be read without the vector module. */
    private static Call vector(String kernel) {
        Activation a = BenchCatalogue.activation(kernel).on(Engine.vector());
        return new Call(a);
    }

    /** One call of an activation's forward or backward kernel on the warm-up data. */
    private record Call(Activation a) {
        void run(boolean backward, float[] x, float[] dy, float[] out) {
            if (backward) {
                a.backward(x, 0, dy, 0, out, 0, LENGTH);
            } else {
                a.forward(x, 0, out, 0, LENGTH);
            }
        }

        void run(boolean backward, double[] x, double[] dy, double[] out) {
            if (backward) {
                a.backward(x, 0, dy, 0, out, 0, LENGTH);
            } else {
                a.forward(x, 0, out, 0, LENGTH);
            }
        }
    }
}
