package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PReLU from {@code prelu.json} (PreluBenchmark): its section of the page, and its targets for
 * {@link Targets}. Every ratio divides by a reference of the same file, format and size: Leaky
 * ReLU for the elementwise passes, the 3-stream bound {@code add} on one thread for the others.
 */
final class PreluPage {
    /** Each PReLU benchmark and what it is divided by. */
    static final Map<String, String> REFERENCES = Map.of("forward", "leakyForward", "inputGradient",
            "leakyBackward", "backward", "add", "backwardParallel", "add", "slopeGradient", "add");
    /** The rows of the table in order: each reference before the benchmarks divided by it. */
    private static final List<String> ROWS = List.of("leakyForward", "forward", "leakyBackward", "inputGradient",
            "add", "backward", "backwardParallel", "slopeGradient");
    private static final Map<String, String> NAMES = Map.of("leakyForward", "Leaky ReLU forward",
            "leakyBackward", "Leaky ReLU backward", "add", "`add` (x + dy)", "forward", "forward",
            "inputGradient", "input gradient", "backward", "backward (dx + dw)",
            "backwardParallel", "backward (dx + dw), 2 threads", "slopeGradient", "slope gradient (dw)");
    /** The sizes the targets are set at: 16 Ki and 4 Mi. */
    static final Set<Integer> TARGET_SIZES = Set.of(16384, 4194304);
    /** The two-thread target is set beyond the parallel threshold only. */
    static final int PARALLEL_SIZE = 4194304;
    static final double AS_LEAKY = 0.95;
    static final double FUSED = 0.9;
    static final double FUSED_TWO_THREADS = 1.5;

    private PreluPage() {}

    /** The ratio of {@code r} to its reference (throughputs), if both were measured. */
    static Optional<Measurement> ratio(Run run, JmhResult r) {
        String reference = REFERENCES.get(r.method());
        return reference == null ? Optional.empty() : Page.speedUp(run.prelu(), r, reference);
    }

    /** Forward and input gradient ≥ 0.95 × Leaky ReLU's, channels first and last. */
    static List<Targets.Target> asLeaky(Run run) {
        return targets(run, Set.of("forward", "inputGradient"));
    }

    /** The fused backward ≥ 0.9 × the 3-stream bound on one thread, ≥ 1.5 × it on two at 4 Mi. */
    static List<Targets.Target> fused(Run run) {
        return targets(run, Set.of("backward", "backwardParallel"));
    }

    private static List<Targets.Target> targets(Run run, Set<String> methods) {
        List<Targets.Target> targets = new ArrayList<>();
        for (JmhResult r : run.prelu()) {
            String layout = r.param("layout");
            double threshold = switch (r.method()) {
                case "forward", "inputGradient" -> layout.equals("shared") ? 0 : AS_LEAKY;
                case "backward" -> FUSED;
                case "backwardParallel" -> r.size() == PARALLEL_SIZE ? FUSED_TWO_THREADS : 0;
                default -> 0;
            };
            if (threshold > 0 && methods.contains(r.method()) && TARGET_SIZES.contains(r.size())) {
                String name = r.param("format") + " PReLU " + NAMES.get(r.method()) + " " + layout + " ÷ "
                        + NAMES.get(REFERENCES.get(r.method()));
                String size = Format.size(r.size()) + Page.level(run, r.size(), r.param("format"), "backward");
                ratio(run, r).ifPresent(m -> targets.add(new Targets.Target(name, size, m, threshold)));
            }
        }
        return targets;
    }

    static String render(Run run) {
        if (run.prelu().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("""
                ## PReLU

                `Prelu` on `Engine.vector()`, one thread (the 2-thread rows: \
                `Engine.parallel(Engine.vector(), 2)`), from `PreluBenchmark`, all on the same input pair. \
                %s. Per size, the throughput in G elements/s, the ratio of throughputs to the row's \
                reference of the same run (forward ÷ Leaky ReLU forward, input gradient ÷ Leaky ReLU \
                backward, the others ÷ `add`, the 3-stream loop `out[i] = x[i] + dy[i]` on one thread), and \
                the bytes allocated per call (`gc.alloc.rate.norm`, the run is under `-prof gc`). The \
                targets are in the Targets section. %s

                """.formatted(shapes(run.prelu()), allocationVerdict(run)));
        for (String format : Run.distinct(run.prelu(), r -> r.param("format"))) {
            List<JmhResult> ofFormat = run.prelu().stream().filter(r -> r.param("format").equals(format)).toList();
            List<String> header = new ArrayList<>(List.of(format, "layout"));
            for (int size : Run.sizes(ofFormat)) {
                String s = Format.size(size) + Page.level(run, size, format, "backward") + ": ";
                header.addAll(List.of(s + "G el/s", s + "÷ reference", s + "B/op"));
            }
            MarkdownTable table = new MarkdownTable(2, header);
            for (String method : ROWS) {
                List<JmhResult> ofMethod = ofFormat.stream().filter(r -> r.method().equals(method)).toList();
                for (String layout : Run.distinct(ofMethod, r -> r.param("layout"))) {
                    List<String> row = new ArrayList<>(List.of(NAMES.get(method), layout));
                    for (int size : Run.sizes(ofFormat)) {
                        Optional<JmhResult> r = ofMethod.stream()
                                .filter(x -> x.param("layout").equals(layout) && x.size() == size).findFirst();
                        row.add(r.map(x -> Format.value(x.throughput())).orElse(""));
                        row.add(r.flatMap(x -> ratio(run, x)).map(Format::ratio).orElse(""));
                        row.add(r.flatMap(PreluPage::allocation).map(Format::value).orElse(""));
                    }
                    table.row(row);
                }
            }
            md.append(table.render()).append('\n');
        }
        return md.toString();
    }

    /** The shapes, from the parameters the run recorded. */
    private static String shapes(List<JmhResult> results) {
        List<String> shapes = new ArrayList<>();
        List<JmhResult> shaped = results.stream().filter(r -> !r.param("layout").isEmpty()).toList();
        for (String layout : Run.distinct(shaped, r -> r.param("layout"))) {
            shaped.stream().filter(r -> r.param("layout").equals(layout)).findFirst().ifPresent(r -> {
                String c = r.param("channels");
                switch (layout) {
                    case "nchw" -> {
                        long sample = Long.parseLong(c) * Long.parseLong(r.param("spatial"));
                        shapes.add("NCHW samples of [" + c + ", " + r.param("spatial") + "] (" + c + " channels of "
                                + r.param("spatial") + " elements; " + Format.size(sample) + " a sample)");
                    }
                    case "nhwc" -> shapes.add("NHWC rows of " + c + " channels");
                    case "shared" -> shapes.add("one slope for every element (shared)");
                    default -> shapes.add(layout);
                }
            });
        }
        return shapes.isEmpty() ? "" : "Shapes: " + String.join("; ", shapes);
    }

    private static Optional<Measurement> allocation(JmhResult r) {
        return Optional.ofNullable(r.secondary().get(JmhResult.ALLOCATION_PER_CALL));
    }

    /**
     * Bytes per call that are JMH's, not the call's: the profiler's own allocation per iteration,
     * spread over the iteration's calls, which are few when a call takes milliseconds. {@code add}
     * allocates nothing itself, so its figure is that share at its speed; at {@code r}'s speed it
     * is as many times larger as {@code r} is slower. Zero without an {@code add} to tell.
     */
    static double harnessShare(Run run, JmhResult r) {
        return Run.find(run.prelu(), "add", r.params())
                .flatMap(a -> allocation(a).map(m -> m.value() * r.nanos().value() / a.nanos().value()))
                .orElse(0d);
    }

    /** Whether {@code r} allocates: 1 B/op or more, and more than twice JMH's share at its speed. */
    static boolean allocates(Run run, JmhResult r) {
        return allocation(r).map(m -> m.value() >= Math.max(1, 2 * harnessShare(run, r))).orElse(false);
    }

    /** Whether anything escapes a call, on one thread and on two (a split call may allocate). */
    static String allocationVerdict(Run run) {
        List<JmhResult> measured = run.prelu().stream().filter(r -> REFERENCES.containsKey(r.method())
                && allocation(r).isPresent()).toList();
        if (measured.isEmpty()) {
            return "This run did not measure allocation.";
        }
        StringBuilder verdict = new StringBuilder("Allocation: a figure counts when it is 1 B/op or more and more than "
                + "twice JMH's own share at that time per call, which `add` (it allocates nothing) shows: at 4 Mi a "
                + "call takes milliseconds, and the profiler's bytes of an iteration fall on few calls.");
        for (boolean two : List.of(false, true)) {
            List<JmhResult> ofThreads = measured.stream().filter(r -> r.method().equals("backwardParallel") == two).toList();
            if (ofThreads.isEmpty()) {
                continue;
            }
            List<String> over = ofThreads.stream().filter(r -> allocates(run, r)).map(r -> r.param("format") + " "
                    + NAMES.get(r.method()) + " " + r.param("layout") + " at " + Format.size(r.size()) + " ("
                    + Format.number(allocation(r).orElseThrow().value()) + " B/op)").toList();
            verdict.append(two ? " On two threads, " : " On one thread, ").append(over.isEmpty()
                    ? "none of the " + ofThreads.size() + " figures: nothing escapes a call."
                    : over.size() + " of the " + ofThreads.size() + " figures: " + String.join(", ", over) + ".");
        }
        return verdict.toString();
    }
}
