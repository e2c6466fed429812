package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A proof by exhaustion for the 16-bit formats, against the contract as {@link HalfOracle} computes
 * it from the bits ({@link HalfSweeps}: canaries, outputs pre-filled with the expected bits
 * flipped, calls that end in tails):
 * <ul>
 *   <li>every forward kernel of both formats over all 65,536 encodings, at every test parameter
 *       pair ({@link Oracle#params(Op, Element)}, those the formats round included), on the
 *       scalar reference, the vector and the portable kernels, on arrays and native segments
 *       (the vector ones aligned and one byte off);</li>
 *   <li>every backward kernel over all 2^32 (x, dy) pairs on the vector array kernels at this
 *       JVM's width: ReLU, Leaky ReLU at 0.01 and 0.2, Hardtanh(-1, 1) and Threshold(0.5, -2),
 *       each format;</li>
 *   <li>and all 2^32 pairs again through the scalar reference (Leaky ReLU at 0.2, whose products
 *       round twice) and the vector native-segment kernels (ReLU), each format.</li>
 * </ul>
 * The x values are spread over every core.
 */
@Tag("exhaustive")
class ExhaustiveHalfTest {

    @Test
    void everyEncodingForwardOnEveryImplementation() {
        long start = System.nanoTime();
        List<HalfSweeps.Where> everywhere = List.of(HalfSweeps.Where.values());
        long checked = HalfSweeps.forwardEveryEncoding(everywhere);
        System.out.printf("exhaustive 16-bit forward: every encoding x %d kernels and parameter pairs x %d"
                        + " implementations (%d elements) in %.1f s%n", checked / HalfSweeps.ENCODINGS / everywhere.size(),
                everywhere.size(), checked, (System.nanoTime() - start) / 1e9);
    }

    @Test
    void everyPairBackwardOnTheVectorArrayKernels() throws InterruptedException {
        List<HalfSweeps.Backward> sweeps = new ArrayList<>();
        for (Element e : HalfSweeps.FORMATS) {
            sweeps.add(HalfSweeps.Backward.of(e, Op.RELU, 0, 0, HalfSweeps.Where.VECTOR));
            sweeps.add(HalfSweeps.Backward.of(e, Op.LEAKY_RELU, 0.01, 0, HalfSweeps.Where.VECTOR));
            sweeps.add(HalfSweeps.Backward.of(e, Op.LEAKY_RELU, 0.2, 0, HalfSweeps.Where.VECTOR));
            sweeps.add(HalfSweeps.Backward.of(e, Op.HARDTANH, -1, 1, HalfSweeps.Where.VECTOR));
            sweeps.add(HalfSweeps.Backward.of(e, Op.THRESHOLD, 0.5, -2, HalfSweeps.Where.VECTOR));
        }
        sweep("vector array kernels", sweeps);
    }

    @Test
    void everyPairBackwardOnTheScalarReferenceAndNativeSegments() throws InterruptedException {
        List<HalfSweeps.Backward> sweeps = new ArrayList<>();
        for (Element e : HalfSweeps.FORMATS) {
            sweeps.add(HalfSweeps.Backward.of(e, Op.LEAKY_RELU, 0.2, 0, HalfSweeps.Where.SCALAR));
            sweeps.add(HalfSweeps.Backward.of(e, Op.RELU, 0, 0, HalfSweeps.Where.VECTOR_NATIVE));
        }
        sweep("scalar reference and vector native segments", sweeps);
    }

    private static void sweep(String where, List<HalfSweeps.Backward> sweeps) throws InterruptedException {
        OnEveryCore.Run run = HalfSweeps.backward("exhaustive 16-bit backward", sweeps, HalfSweeps.everyX());
        assertEquals((1L << 32) * sweeps.size(), run.checked(), "pairs checked");
        System.out.printf("exhaustive 16-bit backward, %s: 2^32 (x, dy) pairs x %d kernels %s in %.1f s on %d threads:"
                        + " %.2f G pairs/s%n", where, sweeps.size(), sweeps, run.seconds(), run.threads(),
                run.checked() / run.seconds() / 1e9);
    }
}
