package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link VectorAgreementTest} again, on code that C2 compiled. The surefire execution {@code c2}
 * runs it with {@code -XX:-TieredCompilation -Xbatch}: no C1, and compilation finishes before the
 * call that triggered it returns. Before any comparison, every vector and portable kernel is warmed
 * up on every length and alias until C2 has compiled it, and a JFR recording proves it: each
 * kernel's loop was compiled by C2, on its own or inlined into a C2-compiled caller. A second
 * recording, over the comparisons, proves no kernel fell back to the interpreter (deoptimized)
 * while they ran.
 */
@Tag("c2")
class C2AgreementTest extends VectorAgreementTest {
    private static final int WARM_UP_CALLS = 30_000; // well past C2's threshold (10,000 without tiers)
    private static final Set<String> LOOPS = loopNames();
    /** The generated loop classes whose kernels are compared with the reference on C2's code. */
    private static final Set<String> CLASSES = Set.of(VectorLoops.class.getName(), PortableLoops.class.getName());
    private static Recording comparisons;

    @BeforeAll
    static void compileEveryKernelWithC2() throws IOException {
        assertEquals(kernelMethods(), c2CompiledKernels(C2Compilations.compiledDuring(C2AgreementTest::warmUp)),
                "vector and portable kernels compiled by C2 during warm-up"
                + " (this class must be the first in its JVM to call them: run it as surefire's 'c2' execution does)");
        comparisons = new Recording();
        comparisons.enable("jdk.Deoptimization");
        comparisons.start();
    }

    @AfterAll
    static void noKernelWasDeoptimizedWhileComparing() throws IOException {
        comparisons.stop();
        // Any method of VectorLoops; of PortableLoops the kernel loops (its dispatch switch
        // recompiles when a test reaches an op/format arm the warm-up did not take).
        Path recorded = dump(comparisons);
        List<String> deoptimized = new ArrayList<>(C2Compilations.deoptimized(recorded, VectorLoops.class.getName(),
                null));
        deoptimized.addAll(C2Compilations.deoptimized(recorded, PortableLoops.class.getName(), LOOPS));
        comparisons.close();
        assertEquals(List.of(), deoptimized, "vector or portable kernels deoptimized while being compared");
    }

    /**
     * Calls every kernel on every length the tests use, at every offset pattern and alias, with
     * every parameter pair in turn, on arrays and on native segments aligned and not: the
     * profile C2 compiles from is then the comparisons' (loops of plain Java per element were
     * deoptimized by a profile predicate when warmed at one pair alone).
     */
    private static void warmUp() {
        SplittableRandom random = new SplittableRandom(1);
        for (KernelCase kernel : KernelCase.all()) {
            if (!kernel.typical() || (kernel.storage() != Storage.ARRAY && kernel.storage() != Storage.NATIVE)) {
                continue;
            }
            List<KernelCase> variants = KernelCase.all().stream()
                    .filter(k -> k.op() == kernel.op() && k.backward() == kernel.backward()
                            && k.element() == kernel.element()
                            && (k.storage() == kernel.storage()
                                || (kernel.storage() == Storage.NATIVE && k.storage() == Storage.NATIVE_UNALIGNED)))
                    .toList();
            Element e = kernel.element();
            int maxLength = 4 * lanes(kernel) + 3;
            Object x = e.randomBitsArray(maxLength + 2 * lanes(kernel), random);
            Object dy = e.randomBitsArray(maxLength + 2 * lanes(kernel), random);
            Object out = e.newArray(maxLength + 2 * lanes(kernel));
            for (Engine engine : UNDER_TEST) {
                for (int call = 0; call < WARM_UP_CALLS; call++) {
                    KernelCase variant = variants.get(call / 4 % variants.size());
                    int n = call % (maxLength + 1);
                    int offset = call % 3;
                    switch (call % 4) {
                        case 0 -> variant.run(engine, x, offset, dy, offset + 1, out, offset + 2, n);
                        case 1 -> variant.run(engine, x, offset, dy, offset, x, offset, n);
                        case 2 -> variant.run(engine, x, offset, dy, offset, dy, offset, n);
                        default -> variant.run(engine, out, offset, out, offset, out, offset, n);
                    }
                }
            }
        }
    }

    /**
     * The loop methods of VectorLoops and PortableLoops, as class.name + descriptor: one per op,
     * direction and format for arrays and one for segments, named as the generator names them, as
     * many as the catalogue makes.
     */
    private static Set<String> kernelMethods() {
        Set<String> methods = new TreeSet<>();
        for (Loops loops : List.<Loops>of(VectorLoops.INSTANCE, PortableLoops.INSTANCE)) {
            Class<?> c = loops.getClass();
            Set<String> names = loopNames(loops);
            Set<String> ofClass = new TreeSet<>();
            for (var m : c.getDeclaredMethods()) {
                if (names.contains(m.getName())) {
                    ofClass.add(c.getName() + "." + m.getName() + descriptor(m));
                }
            }
            assertEquals(2 * names.size(), ofClass.size(), c + ": an array and a segment loop for each of " + names);
            methods.addAll(ofClass);
        }
        return methods;
    }

    /** Every loop's name, from the catalogue. */
    static Set<String> loopNames() {
        return loopNames(VectorLoops.INSTANCE);
    }

    /** The names of the loops {@code loops} has of its own: none for a format it runs on the reference's. */
    static Set<String> loopNames(Loops loops) {
        Set<String> names = new TreeSet<>();
        for (Op op : Op.values()) {
            for (Format f : Format.values()) {
                if (loops.referenceFor(f)) {
                    continue;
                }
                names.add(op.loop(false, f));
                names.add(op.loop(true, f));
            }
        }
        return names;
    }

    /** Kernel methods that a successful C2 (level 4) compilation compiled, or inlined into what it compiled. */
    private static Set<String> c2CompiledKernels(Set<C2Compilations.Method> compiledMethods) {
        Set<String> compiled = new TreeSet<>();
        for (C2Compilations.Method m : compiledMethods) {
            if (CLASSES.contains(m.type()) && LOOPS.contains(m.name())) {
                compiled.add(m.type() + "." + m.name() + m.descriptor());
            }
        }
        return compiled;
    }

    private static Path dump(Recording recording) throws IOException {
        return C2Compilations.dump(recording);
    }

    private static String descriptor(java.lang.reflect.Method m) {
        StringBuilder d = new StringBuilder("(");
        Arrays.stream(m.getParameterTypes()).forEach(p -> d.append(p.descriptorString()));
        return d.append(')').append(m.getReturnType().descriptorString()).toString();
    }
}
