package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The 16-bit formats from {@code half.json} and {@code half-memory.json} (HalfBenchmark) and
 * their design study from {@code half-variants.json} (HalfVariantsBenchmark): their section of the
 * page, and their targets for {@link Targets}. Every ratio divides by a result of the same files at
 * the same size: the float kernel ({@code f32}) or a copy of the same bytes.
 */
final class HalfPage {
    /** 16-bit forward ≥ 1.8 × the float kernel's elements/s beyond the last-level cache. */
    static final double AS_FLOAT = 1.8;
    /** Bfloat16 forward ≥ 0.95 × the 16-bit copy from L2 up. */
    static final double AS_COPY = 0.95;
    private static final String MEMORY = " (memory)";
    /** Each storage's kernel benchmark and its copy. */
    private static final Map<String, String> STORAGE = Map.of("vector", "`short[]`", "segment", "native segments");
    private static final List<String> BOUNDS = List.of("f32", "copy", "vectorCopy", "segmentCopy");
    private static final Map<String, String> VARIANTS = Map.of(
            "leakyReluF16Library", "the library (`F16Products`): staged, the multiply in the widening loop, the selection on `ShortVector`s",
            "leakyReluF16Plain", "plain loop: `floatToFloat16(leaky(float16ToFloat(x[i])))`",
            "leakyReluF16Staged", "staged: 512-element chunks widened by a plain loop, `FloatVector` lanes, narrowed by a plain loop",
            "leakyReluBF16Library", "bfloat16, the library: widened by a shift, narrowed by a rounding add and a shift",
            "reluBF16Library", "the library: integer compare of the encodings, preferred-width `ShortVector`",
            "reluBF16Widened", "widened to float (a shift) and compared, half-width `ShortVector`",
            "reluF16Library", "the library: integer compare of the encodings, preferred-width `ShortVector`",
            "reluF16Widened", "widened to float (rebias, subnormals) and compared, half-width `ShortVector`");

    private HalfPage() {}

    /** A kernel's storage and format, e.g. "F16 leakyRelu forward". */
    private static String name(JmhResult r) {
        return r.param("format") + " " + r.param("kernel") + " forward" + (r.method().equals("segment") ? " (segments)" : "");
    }

    private static String level(Run run, JmhResult r) {
        return Page.level(run, r.size(), r.param("format"), "forward");
    }

    /** In L1 and L2 the faster of the two array copies; beyond, the copy with normal stores, as the float targets. */
    private static boolean cached(String level) {
        return level.contains("L1") || level.contains("L2");
    }

    /** The copy an array kernel is held to at its size, and how the page names it. */
    static Optional<JmhResult> copyBound(Run run, JmhResult v) {
        if (v.method().equals("segment")) {
            return Run.find(run.half(), "segmentCopy", v.params());
        }
        if (cached(level(run, v))) {
            return Page.fastest(Page.COPIES.stream().map(c -> Run.find(run.half(), c, v.params())).flatMap(Optional::stream));
        }
        return Run.find(run.half(), "vectorCopy", v.params());
    }

    private static String copyName(Run run, JmhResult v) {
        if (v.method().equals("segment")) {
            return "`segmentCopy`";
        }
        return cached(level(run, v)) ? "faster of `copy`, `vectorCopy`" : "`vectorCopy`";
    }

    /** v's elements/s over the copy's (elements are the same bytes), if both were measured. */
    static Optional<Measurement> overCopy(Run run, JmhResult v) {
        return copyBound(run, v).map(c -> c.nanos().over(v.nanos()));
    }

    /** 16-bit forward ÷ the float kernel at the memory size, ≥ 1.8. */
    static List<Targets.Target> asFloat(Run run) {
        List<Targets.Target> targets = new ArrayList<>();
        for (JmhResult v : kernels(run, "vector")) {
            String level = level(run, v);
            if (level.equals(MEMORY)) {
                Page.speedUp(run.half(), v, "f32").ifPresent(m -> targets.add(new Targets.Target(
                        name(v) + " ÷ F32 " + v.param("kernel") + " forward", Format.size(v.size()) + level, m, AS_FLOAT)));
            }
        }
        return targets;
    }

    /** Bfloat16 forward ÷ the 16-bit copy from L2 up, ≥ 0.95. */
    static List<Targets.Target> asCopy(Run run) {
        List<Targets.Target> targets = new ArrayList<>();
        for (JmhResult v : kernels(run, "vector")) {
            String level = level(run, v);
            if (v.param("format").equals("BF16") && !level.isEmpty() && !level.contains("L1")) {
                overCopy(run, v).ifPresent(m -> targets.add(new Targets.Target(name(v) + " ÷ " + copyName(run, v),
                        Format.size(v.size()) + level, m, AS_COPY)));
            }
        }
        return targets;
    }

    /**
     * The cost of binary16 Leaky ReLU's conversions against the copy, stated (the issue sets no
     * threshold): per size, its ratio to the copy, ReLU's (which converts nothing) and bfloat16's
     * beside it, and the time per element it takes beyond the copy's.
     */
    static String conversionCost(Run run) {
        MarkdownTable table = new MarkdownTable(2, List.of("size", "copy", "F16 leakyRelu ÷ copy",
                "F16 relu ÷ copy", "BF16 leakyRelu ÷ copy", "F16 leakyRelu beyond the copy, ns/element"));
        for (JmhResult v : kernels(run, "vector")) {
            if (!v.param("format").equals("F16") || !v.param("kernel").equals("leakyRelu")) {
                continue;
            }
            Optional<JmhResult> copy = copyBound(run, v);
            if (copy.isEmpty()) {
                continue;
            }
            Measurement t = v.nanos();
            Measurement c = copy.get().nanos();
            Measurement beyond = new Measurement(t.value() - c.value(), Math.hypot(t.error(), c.error())).times(1.0 / v.size());
            table.row(List.of(Format.size(v.size()) + level(run, v), copyName(run, v), Format.ratio(c.over(t)),
                    sibling(run, v, "F16", "relu"), sibling(run, v, "BF16", "leakyRelu"), Format.value(beyond)));
        }
        return table.isEmpty() ? "" : table.render();
    }

    /** Another format's or kernel's ratio to the copy at v's size. */
    private static String sibling(Run run, JmhResult v, String format, String kernel) {
        Map<String, String> params = new java.util.HashMap<>(v.params());
        params.put("format", format);
        params.put("kernel", kernel);
        return Run.find(run.half(), v.method(), params).flatMap(s -> overCopy(run, s)).map(Format::ratio).orElse("");
    }

    private static List<JmhResult> kernels(Run run, String method) {
        return run.half().stream().filter(r -> r.method().equals(method)).toList();
    }

    static String render(Run run) {
        if (run.half().isEmpty() && run.halfVariants().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("""
                ## 16-bit formats

                bfloat16 (BF16) and binary16 (F16) forward kernels from `HalfBenchmark`, one thread on \
                `Engine.vector()`, one input array: on `short[]` (`vector`) and, where the run measured them, \
                on native segments (`segment`), beside the float kernel at the same element count (`f32`) \
                and copies of the same bytes: `copy` (`System.arraycopy` of a `short[]`), `vectorCopy` (a \
                preferred-width `ShortVector` load-and-store loop, whose stores are the kernels' own kind) \
                and `segmentCopy` (`MemorySegment.copy`). A 16-bit forward pass reads 2 bytes an element and \
                writes 2 (6 with the read of each output line before it is written, the write-allocate), a \
                float pass 4 and 4 (12): where bytes set the speed, 16-bit elements can go twice as fast. \
                Per size (labelled by the level that holds x and y), throughput in G elements/s and ratios \
                of throughputs: ÷ F32 (the float kernel), ÷ copy (the faster of `copy` and `vectorCopy` \
                in L1 and L2, `vectorCopy` beyond them, as the float targets; `segmentCopy` for segments). \
                ReLU compares the encodings as integers (no conversion); Leaky ReLU widens, multiplies in \
                float and rounds back. The targets are in the Targets section. %s

                """.formatted(allocationVerdict(run)));
        SortedSet<Integer> sizes = Run.sizes(run.half());
        for (String method : List.of("vector", "segment")) {
            List<JmhResult> ofMethod = kernels(run, method);
            for (String format : Run.distinct(ofMethod, r -> r.param("format"))) {
                List<JmhResult> rows = ofMethod.stream().filter(r -> r.param("format").equals(format)).toList();
                List<String> header = new ArrayList<>(List.of("kernel"));
                for (int size : sizes) {
                    String s = Format.size(size) + Page.level(run, size, format, "forward") + ": ";
                    header.addAll(List.of(s + "G el/s", s + "÷ F32", s + "÷ copy"));
                }
                MarkdownTable table = new MarkdownTable(1, header);
                for (String kernel : Run.distinct(rows, r -> r.param("kernel"))) {
                    List<String> row = new ArrayList<>(List.of(kernel));
                    for (int size : sizes) {
                        Optional<JmhResult> v = rows.stream()
                                .filter(r -> r.param("kernel").equals(kernel) && r.size() == size).findFirst();
                        row.add(v.map(r -> Format.value(r.throughput())).orElse(""));
                        row.add(v.flatMap(r -> Page.speedUp(run.half(), r, "f32")).map(Format::ratio).orElse(""));
                        row.add(v.flatMap(r -> overCopy(run, r)).map(Format::ratio).orElse(""));
                    }
                    table.row(row);
                }
                md.append("### ").append(format).append(" forward on ").append(STORAGE.get(method)).append("\n\n")
                        .append(table.render()).append('\n');
            }
        }
        md.append(bounds(run, sizes)).append(study(run));
        return md.toString();
    }

    /** The float kernel and the copies, G elements/s (16-bit elements for the copies). */
    private static String bounds(Run run, SortedSet<Integer> sizes) {
        List<String> header = new ArrayList<>(List.of("reference"));
        sizes.forEach(s -> header.add(Format.size(s) + ", G el/s"));
        MarkdownTable table = new MarkdownTable(1, header);
        for (String method : BOUNDS) {
            List<JmhResult> ofMethod = kernels(run, method);
            for (String kernel : Run.distinct(ofMethod, r -> r.param("kernel"))) {
                List<String> row = new ArrayList<>(List.of("`" + method + "`" + (kernel.isEmpty() ? "" : " " + kernel)));
                for (int size : sizes) {
                    row.add(ofMethod.stream().filter(r -> r.param("kernel").equals(kernel) && r.size() == size)
                            .findFirst().map(r -> Format.value(r.throughput())).orElse(""));
                }
                table.row(row);
            }
        }
        return table.isEmpty() ? "" : "### The references\n\n" + table.render() + "\n";
    }

    /** Whether a 16-bit kernel allocates in the run's {@code -prof gc} pass (gc.json). */
    static String allocationVerdict(Run run) {
        List<JmhResult> measured = run.gc().stream().filter(r -> r.className().equals("HalfBenchmark")
                && r.secondary().containsKey(JmhResult.ALLOCATION_PER_CALL)).toList();
        if (measured.isEmpty()) {
            return "This run did not measure their allocation.";
        }
        List<String> over = measured.stream().filter(r -> allocation(r).value() >= 1)
                .map(r -> name(r) + " (" + Format.value(allocation(r)) + " B/op at " + Format.size(r.size()) + ")").toList();
        return "Allocation (`-prof gc`, the Allocation section): " + (over.isEmpty()
                ? "every one of the " + measured.size() + " 16-bit figures is under 1 B/op."
                : over.size() + " of the " + measured.size() + " 16-bit figures are 1 B/op or more: "
                        + String.join(", ", over) + ".");
    }

    private static Measurement allocation(JmhResult r) {
        return r.secondary().get(JmhResult.ALLOCATION_PER_CALL);
    }

    /** The design study: each way of running a 16-bit kernel against the library's, per size. */
    static String study(Run run) {
        List<JmhResult> results = run.halfVariants();
        if (results.isEmpty()) {
            return "";
        }
        SortedSet<Integer> sizes = Run.sizes(results);
        List<String> header = new ArrayList<>(List.of("benchmark", "how"));
        for (int size : sizes) {
            String s = Format.size(size) + ": ";
            header.addAll(List.of(s + "G el/s", s + "÷ library", s + "B/op"));
        }
        MarkdownTable table = new MarkdownTable(2, header);
        for (String method : Run.distinct(results, JmhResult::method)) {
            List<String> row = new ArrayList<>(List.of("`" + method + "`", VARIANTS.getOrDefault(method, "")));
            String library = method.replaceFirst("[A-Z][a-z]+$", "") + "Library";
            for (int size : sizes) {
                Optional<JmhResult> r = results.stream().filter(x -> x.method().equals(method) && x.size() == size)
                        .findFirst();
                row.add(r.map(x -> Format.value(x.throughput())).orElse(""));
                row.add(r.filter(x -> !x.method().equals(library)).flatMap(x -> Page.speedUp(results, x, library))
                        .map(Format::ratio).orElse(""));
                row.add(r.flatMap(x -> Optional.ofNullable(x.secondary().get(JmhResult.ALLOCATION_PER_CALL)))
                        .map(Format::value).orElse(""));
            }
            table.row(row);
        }
        return """
                ### Design study: where to convert

                `HalfVariantsBenchmark`: other ways to run binary16 Leaky ReLU and ReLU forward against the \
                library's, on one `short[]` (`half-variants.json`). ÷ library is a ratio of throughputs to \
                the library's kernel for the same operation and format (above 1 the variant is faster); \
                B/op from `-prof gc`, under which the study runs. Every variant gives the library's bits \
                for every input (HalfVariantsTest); docs/PERFORMANCE.md says what the figures mean.

                """ + table.render() + "\n";
    }
}
