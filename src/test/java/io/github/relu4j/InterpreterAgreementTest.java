package io.github.relu4j;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VectorAgreementTest} under {@code -Xint} (surefire execution {@code xint}): with no JIT,
 * every Vector API operation runs its Java fallback code instead of C2's intrinsics, a different
 * implementation that must give the same bits. The interpreter is slow, so the large random
 * lengths shrink to a few vectors' worth, and only the storages that reach the Vector API code
 * run (arrays, aligned and unaligned native segments; heap segments end in the array kernels).
 */
@Tag("xint")
class InterpreterAgreementTest extends VectorAgreementTest {

    @BeforeAll
    static void interpreted() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!args.contains("-Xint")) {
            throw new IllegalStateException("run by the surefire execution 'xint', with -Xint; was " + args);
        }
    }

    /** Hides {@link VectorAgreementTest#kernels()}: JUnit looks the factory up from this class. */
    static List<KernelCase> kernels() {
        // Every slope for Leaky ReLU, whose multiply is the one lane operation that rounds; one
        // parameter pair for the selections, whose fallback code is the same compares and blends.
        // The 16-bit kernels, whose interpreted conversions cost several times a float's: one
        // slope (their products at every slope are proven against the oracle on every encoding by
        // ExhaustiveHalfTest and C2HalfSweepTest), on arrays and on unaligned native segments
        // (whose calls take the segment loops' every path: head, body and tail). All of them took
        // 12 minutes here.
        return KernelCase.all().stream()
                .filter(k -> k.storage() == Storage.ARRAY || k.storage() == Storage.NATIVE
                        || k.storage() == Storage.NATIVE_UNALIGNED)
                .filter(k -> k.op() == Op.LEAKY_RELU || k.typical())
                .filter(k -> k.element().size() > Short.SIZE
                        || (k.typical() && k.storage() != Storage.NATIVE))
                .toList();
    }

    @Override
    @ParameterizedTest
    @MethodSource("kernels")
    void randomBitsAtLargeLengths(KernelCase kernel) {
        Element e = kernel.element();
        SplittableRandom random = new SplittableRandom(7);
        for (int n : new int[] {100, 257}) {
            check(kernel, e.randomBitsArray(n + 2, random), 1, e.randomBitsArray(n + 3, random), 3, 2, n);
        }
    }
}
