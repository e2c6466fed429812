package io.github.relu4j.bench.asm;

import java.util.Objects;

/**
 * One method whose C2 code the harness prints: a kernel of the library for one element type, or
 * one of the bounds the harness carries itself.
 *
 * @param name        the listing's file name (without {@code .txt}), e.g. {@code reluForward-float}
 * @param kind        {@code kernel} or {@code bound}
 * @param className   the binary name of the class that declares the compiled method
 * @param method      the method's name
 * @param descriptor  the method's JVM descriptor, e.g. {@code ([FI[FII)V}, which picks one overload
 * @param elementBytes 4 for float, 8 for double
 * @param outputs     how many arrays the loop writes per element (1 for every target here)
 * @param call        one call of the method on the harness's warm-up data
 */
public record AsmTarget(String name, String kind, String className, String method, String descriptor,
                        int elementBytes, int outputs, Runnable call) {

    public AsmTarget {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(className);
        Objects.requireNonNull(method);
        Objects.requireNonNull(descriptor);
    }

    /** The method as HotSpot's CompileCommand names it: {@code pkg.Class::method}. */
    public String compileCommandPattern() {
        return className + "::" + method;
    }

    /** The class as PrintAssembly's {@code # {method}} line spells it: {@code pkg/Class}. */
    public String internalClassName() {
        return className.replace('.', '/');
    }

    /**
     * The line the harness prints before warming this target up; {@link AsmExtractor} reads the
     * target list back from these lines, so the list lives in one place ({@link AsmTargets}).
     */
    public String markerLine() {
        return AsmTargets.MARKER + " name=" + name + " kind=" + kind + " class=" + className + " method=" + method
                + " descriptor=" + descriptor + " elementBytes=" + elementBytes + " outputs=" + outputs;
    }
}
