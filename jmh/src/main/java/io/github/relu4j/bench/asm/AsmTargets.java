package io.github.relu4j.bench.asm;

import io.github.relu4j.ReluKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The methods whose machine code {@code ./bench --asm} shows: the table to edit when the
 * library's kernels move or are renamed.
 *
 * <p>The library's vector kernels are reached through the public API
 * ({@code ReluKernels.vector().reluForward(...)}); the method HotSpot compiles with the loop is the
 * package-private one that the API forwards to after its argument checks, named in
 * {@link #KERNEL_CLASS} and {@link #KERNELS}. The harness keeps those methods from being inlined
 * into their callers (CompileCommand=dontinline), so each is compiled on its own, with the length
 * and offsets unknown, as in real use.
 */
public final class AsmTargets {
    /** Prefix of the marker lines that carry the target list into the log. */
    public static final String MARKER = "#asm-target";

    /** The class that declares the vector kernels' loops. */
    public static final String KERNEL_CLASS = "io.github.relu4j.VectorReluKernels";

    /** Kernel name, the compiled method's name in {@link #KERNEL_CLASS}, float and double descriptors. */
    static final String[][] KERNELS = {
        {"reluForward", "uncheckedReluForward", "([FI[FII)V", "([DI[DII)V"},
        {"reluBackward", "uncheckedReluBackward", "([FI[FI[FII)V", "([DI[DI[DII)V"},
        {"leakyReluForward", "uncheckedLeakyReluForward", "([FI[FIIF)V", "([DI[DIID)V"},
        {"leakyReluBackward", "uncheckedLeakyReluBackward", "([FI[FI[FIIF)V", "([DI[DI[DIID)V"},
    };

    /**
     * The JMH benchmark methods (of FloatKernelsBenchmark and DoubleKernelsBenchmark) that time each
     * target, by the target's name without its element type: the asm report puts their times
     * next to the instruction counts.
     */
    public static final Map<String, String> BENCHMARKS = Map.of(
            "reluForward", "reluForwardVector",
            "reluBackward", "reluBackwardVector",
            "leakyReluForward", "leakyReluForwardVector",
            "leakyReluBackward", "leakyReluBackwardVector",
            "bound-vectorCopy", "vectorCopy",
            "bound-mathMax", "reluForwardMathMax",
            "bound-arraycopy", "copy");

    /**
     * The warm-up length: not a multiple of any vector length, so the masked tail runs on
     * every call and C2 compiles it instead of leaving an uncommon trap there.
     */
    public static final int LENGTH = 4096 + 3;

    private AsmTargets() {}

    /** The vector kernels, looked up on the first call: the table can be read without the vector module. */
    private static final class Vector {
        static final ReluKernels K = ReluKernels.vector();
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
        Runnable[][] calls = {
            {() -> Vector.K.reluForward(xf, 0, of, 0, LENGTH), () -> Vector.K.reluForward(xd, 0, od, 0, LENGTH)},
            {() -> Vector.K.reluBackward(xf, 0, dyf, 0, of, 0, LENGTH),
                () -> Vector.K.reluBackward(xd, 0, dyd, 0, od, 0, LENGTH)},
            {() -> Vector.K.leakyReluForward(xf, 0, of, 0, LENGTH, 0.01f),
                () -> Vector.K.leakyReluForward(xd, 0, od, 0, LENGTH, 0.01)},
            {() -> Vector.K.leakyReluBackward(xf, 0, dyf, 0, of, 0, LENGTH, 0.01f),
                () -> Vector.K.leakyReluBackward(xd, 0, dyd, 0, od, 0, LENGTH, 0.01)},
        };
        List<AsmTarget> targets = new ArrayList<>();
        for (int i = 0; i < KERNELS.length; i++) {
            String[] row = KERNELS[i];
            targets.add(new AsmTarget(row[0] + "-float", "kernel", KERNEL_CLASS, row[1], row[2], 4, 1, calls[i][0]));
            targets.add(new AsmTarget(row[0] + "-double", "kernel", KERNEL_CLASS, row[1], row[3], 8, 1, calls[i][1]));
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
}
