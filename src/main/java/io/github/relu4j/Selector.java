package io.github.relu4j;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Decides once which kernels {@link Engine#preferred()} runs, on how many threads, and
 * says so in one log line.
 *
 * <p>The decision is a pure function of a {@link Jvm} snapshot so that it can be tested for JVMs
 * other than the one running the tests. Nothing here names a Vector API type: the vector width
 * is read through a lambda that runs only after the module is known to be readable.
 */
final class Selector {
    static final String PROPERTY = "relu4j.vector";
    static final String PARALLELISM_PROPERTY = "relu4j.parallelism";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final int MIN_VECTOR_BITS = 128;
    private static final String ENABLE = "start the JVM with --add-modules " + VECTOR_MODULE;
    private static final String FORCE = "set -D" + PROPERTY + "=true to use the vector kernels anyway";

    private Selector() {}

    /**
     * What the decision looks at. {@code vmFlags} gives HotSpot flag values when they can be read;
     * it and {@code vectorBitSize} are only asked when the decision gets that far.
     * {@code parallelismProperty} and {@code thresholdProperty} are the raw values of
     * {@value #PARALLELISM_PROPERTY} and {@value ParallelLoops#THRESHOLD_PROPERTY}.
     */
    record Jvm(String property, boolean vectorModuleReadable, String vmName, String vmInfo,
               Supplier<Map<String, String>> vmFlags, IntSupplier vectorBitSize,
               String parallelismProperty, String thresholdProperty, int processors) {

        static Jvm current() {
            return new Jvm(System.getProperty(PROPERTY), Selector.vectorModuleReadable(),
                    System.getProperty("java.vm.name", ""), System.getProperty("java.vm.info", ""),
                    HotSpotFlags::read, () -> VectorLanes.bitSize(),
                    System.getProperty(PARALLELISM_PROPERTY), System.getProperty(ParallelLoops.THRESHOLD_PROPERTY),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * The outcome: which kernels, on up to {@code parallelism} threads from {@code threshold}
     * elements, and the one line to log about it.
     */
    record Choice(boolean vector, int parallelism, int threshold, Level level, String message) {}

    /** A positive integer read from a system property, and what to say if the property was ignored. */
    record Setting(int value, String note) {}

    static Choice decide(Jvm jvm) {
        Kernels kernels = kernels(jvm);
        Setting parallelism = parallelism(jvm.parallelismProperty(), jvm.processors());
        Setting threshold = threshold(jvm.thresholdProperty());
        String threads;
        if (parallelism.value() > 1) {
            threads = "on up to " + parallelism.value() + " threads" + setBy(PARALLELISM_PROPERTY, jvm.parallelismProperty(),
                    parallelism) + " from " + threshold.value() + " elements"
                    + setBy(ParallelLoops.THRESHOLD_PROPERTY, jvm.thresholdProperty(), threshold);
        } else {
            threads = "single-threaded" + (parallelism.note().isEmpty() && jvm.parallelismProperty() != null
                    ? " (-D" + PARALLELISM_PROPERTY + "=" + jvm.parallelismProperty().trim() + ")"
                    : " (" + jvm.processors() + " processor)");
        }
        String notes = parallelism.note() + threshold.note();
        return new Choice(kernels.vector(), parallelism.value(), threshold.value(), kernels.level(),
                kernels.message() + "; " + threads + notes);
    }

    /**
     * {@value #PARALLELISM_PROPERTY}: a positive integer, or by default the number of processors.
     * Any other value is ignored, with a note.
     */
    static Setting parallelism(String property, int processors) {
        return positive(PARALLELISM_PROPERTY, property, Math.max(1, processors));
    }

    /**
     * {@value ParallelLoops#THRESHOLD_PROPERTY}: a positive integer, or by default
     * {@link ParallelLoops#THRESHOLD}. Any other value is ignored, with a note.
     */
    static Setting threshold(String property) {
        return positive(ParallelLoops.THRESHOLD_PROPERTY, property, ParallelLoops.THRESHOLD);
    }

    private static Setting positive(String name, String property, int otherwise) {
        if (property == null) {
            return new Setting(otherwise, "");
        }
        try {
            int value = Integer.parseInt(property.trim());
            if (value >= 1) {
                return new Setting(value, "");
            }
        } catch (NumberFormatException e) {
            // noted below
        }
        return new Setting(otherwise, " (ignored -D" + name + "=" + property + ": expected a positive integer)");
    }

    /** " (-Dname=value)" when the property set the value. */
    private static String setBy(String name, String property, Setting setting) {
        return property != null && setting.note().isEmpty() ? " (-D" + name + "=" + property.trim() + ")" : "";
    }

    /** Which single-threaded kernels, and the line about them. */
    private record Kernels(boolean vector, Level level, String message) {}

    private static Kernels kernels(Jvm jvm) {
        String property = jvm.property() == null ? null : jvm.property().trim().toLowerCase(Locale.ROOT);
        String note = "";
        if (property != null && !property.equals("true") && !property.equals("false")) {
            note = " (ignored -D" + PROPERTY + "=" + jvm.property() + ": expected true or false)";
            property = null;
        }
        if ("false".equals(property)) {
            return new Kernels(false, Level.INFO, "relu4j: scalar kernels, as -D" + PROPERTY + "=false asks");
        }
        if (!jvm.vectorModuleReadable()) {
            String ignored = "true".equals(property) ? " (-D" + PROPERTY + "=true cannot apply)" : note;
            return fallback("the module " + VECTOR_MODULE + " is not readable", ignored, ENABLE);
        }
        if ("true".equals(property)) {
            return vector(jvm, " (-D" + PROPERTY + "=true)");
        }
        if (!isHotSpot(jvm.vmName())) {
            return fallback("the JVM '" + jvm.vmName() + "' is not HotSpot, whose C2 compiler the Vector API needs",
                    note, FORCE);
        }
        Optional<String> noC2 = withoutC2(jvm.vmInfo(), jvm.vmFlags().get());
        if (noC2.isPresent()) {
            return fallback(noC2.get() + ", and without C2 the Vector API runs as slow Java code", note,
                    "run with C2 (no -Xint, no -XX:TieredStopAtLevel below 4) or set -D" + PROPERTY + "=true");
        }
        int bits = jvm.vectorBitSize().getAsInt();
        if (bits < MIN_VECTOR_BITS) {
            return fallback("the preferred vector is " + bits + " bits, under " + MIN_VECTOR_BITS, note, FORCE);
        }
        return vector(jvm, note);
    }

    static Loops select(Jvm jvm, Logger log) {
        Choice choice = decide(jvm);
        log.log(choice.level(), choice.message());
        Loops kernels = choice.vector() ? VectorLoops.INSTANCE : ScalarLoops.INSTANCE;
        return choice.parallelism() == 1 ? kernels : ParallelLoops.withThreshold(kernels,
                choice.parallelism(), ForkJoinPool.commonPool(), choice.threshold());
    }

    static Loops preferred() {
        return Preferred.KERNELS;
    }

    static Loops vector() {
        if (!vectorModuleReadable()) {
            throw new UnsupportedOperationException(
                    "relu4j: the vector kernels need the module " + VECTOR_MODULE + "; " + ENABLE);
        }
        return VectorLoops.INSTANCE;
    }

    /** Present in the boot layer (it is when --add-modules names it) and readable from here. */
    static boolean vectorModuleReadable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).map(Selector::read).isPresent();
    }

    /** Makes this module read {@code module}; a no-op on the class path, where all modules are read. */
    static Module read(Module module) {
        Selector.class.getModule().addReads(module);
        return module;
    }

    private static boolean isHotSpot(String vmName) {
        return vmName.contains("HotSpot") || vmName.contains("OpenJDK");
    }

    /** Why C2 is not there, if it is not; java.vm.info names -Xint and TieredStopAtLevel=1. */
    static Optional<String> withoutC2(String vmInfo, Map<String, String> vmFlags) {
        if (vmInfo.contains("interpreted mode")) {
            return Optional.of("the JVM only interprets (-Xint)");
        }
        if (vmInfo.contains("emulated-client")) {
            return Optional.of("C2 is off (-XX:TieredStopAtLevel=1 or a client compilation mode)");
        }
        if ("false".equals(vmFlags.get("UseCompiler"))) {
            return Optional.of("the JIT is off (-XX:-UseCompiler)");
        }
        String level = vmFlags.get("TieredStopAtLevel");
        if ("true".equals(vmFlags.get("TieredCompilation")) && level != null && !level.equals("4")) {
            return Optional.of("C2 is off (-XX:TieredStopAtLevel=" + level + ")");
        }
        return Optional.empty();
    }

    /** The WARNING line: why, any note about the property, and what to do. */
    private static Kernels fallback(String why, String note, String remedy) {
        return new Kernels(false, Level.WARNING, "relu4j: scalar kernels, because " + why + note + "; " + remedy);
    }

    private static Kernels vector(Jvm jvm, String note) {
        return new Kernels(true, Level.INFO, "relu4j: vector kernels, "
                + jvm.vectorBitSize().getAsInt() + "-bit vectors" + note);
    }

    /** Holder: the choice is made, and logged, on first use only. */
    private static final class Preferred {
        static final Loops KERNELS = select(Jvm.current(), System.getLogger("io.github.relu4j"));
    }
}
