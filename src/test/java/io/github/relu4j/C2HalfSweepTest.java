package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The 16-bit kernels against the contract ({@link HalfSweeps}, {@link HalfOracle}) on C2's code,
 * in each execution of the width matrix ({@code c2}, {@code c2-256-bit}, {@code c2-128-bit},
 * {@code c2-avx2}, {@code c2-sse}): every forward kernel over all 65,536 encodings at every test
 * parameter pair, on the vector kernels (arrays, native segments aligned and one byte off) and
 * the portable ones (arrays, native segments); every backward kernel at every pair over all
 * 65,536 dy for every 1021st x and every special value, on the vector kernels on arrays and on
 * native segments one byte off. (Every 251st x took 147 s in the SSE leg, where the 16-bit
 * vector kernels are slow.) It runs after {@link C2AgreementTest} in the same JVM (surefire
 * runs the classes in alphabetical order), whose JFR recording proved that C2 compiled every one
 * of these loops; a recording here proves none of the 16-bit vector loops was deoptimized while
 * the sweeps ran, so they ran as C2 compiled them.
 */
@Tag("c2")
class C2HalfSweepTest {
    private static final int STRIDE = 1021;

    @Test
    void everyEncodingAndAStridedBackwardOnC2sCode() throws IOException, InterruptedException {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(args.contains("-XX:-TieredCompilation") && args.contains("-Xbatch"),
                "run by the surefire execution 'c2' (and the other widths), after C2AgreementTest; was " + args);
        try (Recording recording = new Recording()) {
            recording.enable("jdk.Deoptimization");
            recording.start();
            long start = System.nanoTime();
            List<HalfSweeps.Where> wheres = List.of(HalfSweeps.Where.VECTOR, HalfSweeps.Where.VECTOR_NATIVE,
                    HalfSweeps.Where.VECTOR_NATIVE_UNALIGNED, HalfSweeps.Where.PORTABLE, HalfSweeps.Where.PORTABLE_NATIVE);
            long forward = HalfSweeps.forwardEveryEncoding(wheres);
            double forwardSeconds = (System.nanoTime() - start) / 1e9;
            List<HalfSweeps.Backward> sweeps = new ArrayList<>(HalfSweeps.everyBackward(HalfSweeps.Where.VECTOR));
            sweeps.addAll(HalfSweeps.everyBackward(HalfSweeps.Where.VECTOR_NATIVE_UNALIGNED));
            int[] xs = HalfSweeps.someX(STRIDE / 2, STRIDE);
            OnEveryCore.Run backward = HalfSweeps.backward("16-bit backward on C2's code", sweeps, xs);
            recording.stop();
            System.out.printf("16-bit kernels on C2's code (%s): forward %d elements in %.1f s; backward %d x"
                            + " (one in %d and the special values) x every dy x %d kernels in %.1f s%n",
                    Engine.vector(), forward, forwardSeconds, xs.length, STRIDE, sweeps.size(), backward.seconds());
            Set<String> halfLoops = new TreeSet<>();
            for (String loop : C2AgreementTest.loopNames()) {
                if (loop.endsWith("BF16") || loop.endsWith("F16")) {
                    halfLoops.add(loop);
                }
            }
            assertEquals(List.of(), C2Compilations.deoptimized(C2Compilations.dump(recording),
                    VectorLoops.class.getName(), halfLoops), "16-bit vector loops deoptimized during the sweeps");
        }
    }
}
