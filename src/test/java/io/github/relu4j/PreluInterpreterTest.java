package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PReLU's vector kernels under {@code -Xint} (surefire execution {@code xint}): the Vector API's
 * Java fallback code, a different implementation of every lane operation, against
 * {@link PreluOracle}, on arrays and native segments; the 16-bit kernels ({@link VectorHalfChannels})
 * against {@link PreluHalfOracle} too. Shapes are small (the interpreter is slow) but take every
 * path: runs and rows shorter and longer than a vector, whole-vector flat loops, masked tails,
 * blocks of several runs, one channel; for the 16-bit kernels also runs and rows longer than their
 * staging chunk, and rows padded to whole columns of the sums.
 */
@Tag("xint")
class PreluInterpreterTest {

    @Test
    void vectorKernelsAgreeWithTheOracleInTheInterpreter() {
        assertTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xint"),
                "run by the surefire execution 'xint', with -Xint");
        SplittableRandom random = new SplittableRandom(5);
        List<PreluTest.Shape> shapes = List.of(new PreluTest.Shape(false, 3, 7, 2), new PreluTest.Shape(false, 2, 33, 2),
                new PreluTest.Shape(false, 2, 32, 3), new PreluTest.Shape(true, 3, 1, 5), new PreluTest.Shape(true, 17, 1, 3),
                new PreluTest.Shape(true, 16, 1, 4), new PreluTest.Shape(false, 1, 1, 45));
        for (Element e : PreluTest.ELEMENTS) {
            for (PreluTest.Shape shape : shapes) {
                PreluTest.Case c = new PreluTest.Case(e, shape, random);
                for (PreluCall.Where where : List.of(PreluCall.Where.ARRAY, PreluCall.Where.NATIVE)) {
                    for (PreluCall call : PreluCall.values()) {
                        c.check(Engine.vector(), where, call, PreluTest.Place.APART);
                    }
                }
            }
        }
    }

    @Test
    void halfKernelsAgreeWithTheOracleInTheInterpreter() {
        assertTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xint"),
                "run by the surefire execution 'xint', with -Xint");
        SplittableRandom random = new SplittableRandom(7);
        List<PreluTest.Shape> shapes = List.of(new PreluTest.Shape(false, 3, 7, 2), new PreluTest.Shape(false, 2, 33, 2),
                new PreluTest.Shape(false, 2, 32, 3), new PreluTest.Shape(false, 2, 2049, 1),
                new PreluTest.Shape(true, 3, 1, 5), new PreluTest.Shape(true, 17, 1, 3), new PreluTest.Shape(true, 16, 1, 4),
                new PreluTest.Shape(true, 2049, 1, 1), new PreluTest.Shape(false, 1, 1, 45));
        for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
            for (PreluTest.Shape shape : shapes) {
                PreluHalfTest.Case c = new PreluHalfTest.Case(k, shape, random);
                for (PreluHalfCall.Where where : List.of(PreluHalfCall.Where.ARRAY, PreluHalfCall.Where.NATIVE)) {
                    for (PreluCall call : PreluCall.values()) {
                        c.check(Engine.vector(), where, call, PreluTest.Place.APART);
                    }
                }
            }
        }
    }
}
