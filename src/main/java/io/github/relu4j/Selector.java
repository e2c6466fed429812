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
    /** {@code false}: the preferred vector kernels run from the first call, before C2 has compiled them. */
    static final String WARMUP_PROPERTY = "relu4j.warmup";
    private static final String WARMUP_NOTE = "; each kernel runs the scalar reference until its loop is"
            + " compiled (-D" + WARMUP_PROPERTY + "=false: from the first call)";
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
                    new FlagsProbe(), new WidthProbe(),
                    System.getProperty(PARALLELISM_PROPERTY), System.getProperty(ParallelLoops.THRESHOLD_PROPERTY),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * The outcome: which kernels, on up to {@code parallelism} threads from {@code threshold}
     * elements, and the one line to log about it.
     */
    record Choice(Kind kind, int parallelism, int threshold, Level level, String message) {
        boolean vector() {
            return kind == Kind.VECTOR;
        }
    }

    /**
     * The single-threaded kernels: the Vector API's; the branch-free portable ones, which need
     * only a JIT that compiles loops (C2 turns them into SIMD code); or the literal reference,
     * when nothing compiles them (the portable loops do more work per element, which only a
     * compiler makes cheap).
     */
    enum Kind {
        VECTOR, PORTABLE, REFERENCE;

        /** The kernels when the vector ones are not chosen: the reference without C2, else portable. */
        static Kind withoutVector(Optional<String> noC2) {
            return noC2.isPresent() ? REFERENCE : PORTABLE;
        }

        /** The word for them in the log line. */
        String word() {
            return this == REFERENCE ? "scalar" : name().toLowerCase(Locale.ROOT);
        }

        /** The loops; a method, not a field, so that nothing loads the vector classes unless chosen. */
        Loops loops() {
            return switch (this) {
                case VECTOR -> VectorLoops.INSTANCE;
                case PORTABLE -> PortableLoops.INSTANCE;
                case REFERENCE -> ScalarLoops.INSTANCE;
            };
        }
    }

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
        return new Choice(kernels.kind(), parallelism.value(), threshold.value(), kernels.level(),
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
    private record Kernels(Kind kind, Level level, String message) {}

    private static Kernels kernels(Jvm jvm) {
        String property = jvm.property() == null ? null : jvm.property().trim().toLowerCase(Locale.ROOT);
        String note = "";
        if (property != null && !property.equals("true") && !property.equals("false")) {
            note = " (ignored -D" + PROPERTY + "=" + jvm.property() + ": expected true or false)";
            property = null;
        }
        if ("true".equals(property) && jvm.vectorModuleReadable()) {
            return vector(jvm, " (-D" + PROPERTY + "=true)");
        }
        Map<String, String> flags = isHotSpot(jvm.vmName()) ? flags(jvm) : Map.of();
        Optional<String> noC2 = withoutC2(jvm.vmInfo(), flags);
        if ("false".equals(property)) {
            Kind kind = Kind.withoutVector(noC2);
            return new Kernels(kind, Level.INFO, "relu4j: " + kind.word() + " kernels, as -D" + PROPERTY + "=false asks");
        }
        if (!jvm.vectorModuleReadable()) {
            String ignored = "true".equals(property) ? " (-D" + PROPERTY + "=true cannot apply)" : note;
            return fallback(noC2, "the module " + VECTOR_MODULE + " is not readable", ignored, ENABLE);
        }
        if (!isHotSpot(jvm.vmName())) {
            return fallback(noC2, "the JVM '" + jvm.vmName() + "' is not HotSpot, whose C2 compiler the Vector API needs",
                    note, FORCE);
        }
        if (noC2.isPresent()) {
            return fallback(noC2, noC2.get() + ", and without C2 the Vector API runs as slow Java code", note,
                    "run with C2 (no -Xint, no -XX:TieredStopAtLevel below 4) or set -D" + PROPERTY + "=true");
        }
        Optional<String> noIntrinsics = withoutVectorIntrinsics(flags);
        if (noIntrinsics.isPresent()) {
            return fallback(noC2, noIntrinsics.get() + ", so C2 does not compile the Vector API to vector instructions"
                    + " and it runs as slow Java code", note, "drop that flag or set -D" + PROPERTY + "=true");
        }
        int bits;
        try {
            bits = jvm.vectorBitSize().getAsInt();
        } catch (RuntimeException | Error e) {
            return fallback(noC2, "the vector width could not be read (" + e + ")", note, FORCE);
        }
        if (bits < MIN_VECTOR_BITS) {
            return fallback(noC2, "the preferred vector is " + bits + " bits, under " + MIN_VECTOR_BITS, note, FORCE);
        }
        return vector(bits, note);
    }

    /** The HotSpot flags, or none when they cannot be read: an optional probe never fails the choice. */
    private static Map<String, String> flags(Jvm jvm) {
        try {
            Map<String, String> flags = jvm.vmFlags().get();
            return flags == null ? Map.of() : flags;
        } catch (RuntimeException | Error unreadable) {
            return Map.of();
        }
    }

    /**
     * The loops {@code jvm} calls for, after logging the choice once. Logging is best effort: a
     * logger or handler that throws is ignored, so that it cannot fail the class initialisation
     * this runs in (which would leave {@code Engine} and {@code Activation} unusable for the
     * life of the JVM).
     */
    static Loops select(Jvm jvm, Logger log) {
        Choice choice = decide(jvm);
        log(log, choice.level(), choice.message());
        Loops kernels = choice.kind().loops();
        return choice.parallelism() == 1 ? kernels : ParallelLoops.withThreshold(kernels,
                choice.parallelism(), ForkJoinPool.commonPool(), choice.threshold());
    }

    /** Logs, and swallows whatever the logging throws. */
    static void log(Logger log, Level level, String message) {
        try {
            log.log(level, message);
        } catch (RuntimeException | Error ignored) {
            // The line is information only; the choice stands without it.
        }
    }

    /**
     * The choice for this JVM, made so that nothing optional can make it fail: the probes of
     * {@link Jvm#current()}, the logger lookup and the logging. If the choice itself cannot be
     * made, the scalar kernels on the calling thread (always correct), with a best-effort WARNING.
     */
    static Loops choose() {
        try {
            Jvm jvm = Jvm.current();
            // The warming engine looks the logger up on its warm-up thread: finding the logging
            // backend loads some 30 classes, about 8 ms that no call should pay.
            return warms(System.getProperty(WARMUP_PROPERTY)) ? warming(jvm, null) : select(jvm, logger());
        } catch (RuntimeException | Error e) {
            log(logger(), Level.WARNING, "relu4j: scalar kernels, single-threaded, because the choice failed: " + e);
            return ScalarLoops.INSTANCE;
        }
    }

    /** The library's logger, or one that drops everything when none could be had. */
    static Logger logger() {
        try {
            Logger log = System.getLogger("io.github.relu4j");
            return log == null ? Silent.LOGGER : log;
        } catch (RuntimeException | Error e) {
            return Silent.LOGGER;
        }
    }

    /**
     * Whether the preferred engine starts on the scalar reference and moves each kernel to the
     * chosen loops once they are compiled ({@link WarmingLoops}): unless {@value #WARMUP_PROPERTY}
     * is {@code false}. The vector and the portable loops both run slower than the reference until
     * C2 compiles them; when the reference is chosen, the warming engine runs it from the start.
     */
    static boolean warms(String warmupProperty) {
        return !"false".equalsIgnoreCase(trim(warmupProperty));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /**
     * The warming engine: the parallel split decided here (system properties only), the kernel
     * decision, its HotSpot flag reads and its log line on the warm-up thread, so that the first
     * call pays for none of them.
     */
    static Loops warming(Jvm jvm, Logger log) {
        Loops serial = new WarmingLoops(ScalarLoops.INSTANCE, new Decision(jvm, log));
        int parallelism = parallelism(jvm.parallelismProperty(), jvm.processors()).value();
        return parallelism == 1 ? serial : ParallelLoops.withThreshold(serial, parallelism,
                ForkJoinPool.commonPool(), threshold(jvm.thresholdProperty()).value());
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
        Optional<Module> module = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (module.isEmpty()) {
            return false;
        }
        read(module.get());
        return true;
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
        String level = vmFlags.get("TieredStopAtLevel");
        if ("false".equals(vmFlags.get("UseCompiler"))) {
            // -XX:TieredStopAtLevel=0 turns the JIT off by clearing UseCompiler (and TieredCompilation).
            return Optional.of("0".equals(level) ? "the JIT is off (-XX:TieredStopAtLevel=0)"
                    : "the JIT is off (-XX:-UseCompiler)");
        }
        if ("true".equals(vmFlags.get("TieredCompilation")) && level != null && !level.equals("4")) {
            return Optional.of("C2 is off (-XX:TieredStopAtLevel=" + level + ")");
        }
        return Optional.empty();
    }

    /**
     * Why C2, although it runs, does not intrinsify the Vector API, if it does not. These flags are
     * experimental or diagnostic, so the MXBean shows them only when they are unlocked, which
     * setting them needs. Each made a {@code FloatVector} loop 20 to 300 times slower (JDK 25).
     */
    static Optional<String> withoutVectorIntrinsics(Map<String, String> vmFlags) {
        if ("false".equals(vmFlags.get("EnableVectorSupport"))) {
            return Optional.of("the Vector API intrinsics are off (-XX:-EnableVectorSupport)");
        }
        if ("false".equals(vmFlags.get("EnableVectorReboxing"))) {
            return Optional.of("vector reboxing is off (-XX:-EnableVectorReboxing)");
        }
        if ("false".equals(vmFlags.get("InlineNatives"))) {
            return Optional.of("intrinsics are off (-XX:-InlineNatives)");
        }
        String disabled = vmFlags.getOrDefault("DisableIntrinsic", "");
        if (disabled.contains("_Vector")) {
            return Optional.of("Vector API intrinsics are disabled (-XX:DisableIntrinsic=" + disabled + ")");
        }
        String control = vmFlags.getOrDefault("ControlIntrinsic", "");
        if (control.contains("-_Vector")) {
            return Optional.of("Vector API intrinsics are disabled (-XX:ControlIntrinsic=" + control + ")");
        }
        return Optional.empty();
    }

    /**
     * The WARNING line: which kernels instead (portable, or the reference when C2 is off: see
     * {@link Kind}), why, any note about the property, and what to do.
     */
    private static Kernels fallback(Optional<String> noC2, String why, String note, String remedy) {
        Kind kind = Kind.withoutVector(noC2);
        return new Kernels(kind, Level.WARNING, "relu4j: " + kind.word() + " kernels, because " + why + note + "; "
                + remedy);
    }

    private static Kernels vector(Jvm jvm, String note) {
        int bits;
        try {
            bits = jvm.vectorBitSize().getAsInt();
        } catch (RuntimeException | Error e) {
            bits = -1; // forced with -Drelu4j.vector=true: the kernels still run, at whatever width
        }
        return vector(bits, note);
    }

    private static Kernels vector(int bits, String note) {
        return new Kernels(Kind.VECTOR, Level.INFO, "relu4j: vector kernels, "
                + (bits < 0 ? "of unknown width" : bits + "-bit vectors") + note);
    }

    /**
     * The engine decision as the warm-up thread makes it: decide, log (looking the logger up
     * there when none was given), return the loops. Classes rather than lambdas here and in
     * {@link Jvm#current()}: linking the first lambda of a JVM costs milliseconds, which the first
     * call would pay.
     */
    private record Decision(Jvm jvm, Logger log) implements Supplier<Loops> {
        @Override
        public Loops get() {
            Choice choice = decide(jvm);
            Selector.log(log != null ? log : logger(), choice.level(),
                    choice.message() + (choice.kind() != Kind.REFERENCE ? WARMUP_NOTE : ""));
            return choice.kind().loops();
        }
    }

    private static final class FlagsProbe implements Supplier<Map<String, String>> {
        @Override
        public Map<String, String> get() {
            return HotSpotFlags.read();
        }
    }

    private static final class WidthProbe implements IntSupplier {
        @Override
        public int getAsInt() {
            return VectorLanes.bitSize();
        }
    }

    /** Holder: the choice is made, and logged, on first use only. */
    private static final class Preferred {
        static final Loops KERNELS = choose();
    }

    /** A logger that drops everything, when none could be had. */
    private static final class Silent implements Logger {
        static final Logger LOGGER = new Silent();

        @Override
        public String getName() {
            return "io.github.relu4j";
        }

        @Override
        public boolean isLoggable(Level level) {
            return false;
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
        }
    }
}
