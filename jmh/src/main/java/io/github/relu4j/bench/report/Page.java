package io.github.relu4j.bench.report;

import io.github.relu4j.bench.SizeClasses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The sections of the page, each from the JSON alone: kernels, passes, formats, sizes and series
 * are whatever the run measured. A section whose file the run did not write is left out.
 */
final class Page {
    /** The bound of each pass: the loop that moves the same streams with no work. */
    static final Map<String, String> BOUNDS = Map.of("forward", "copy", "backward", "add");
    /** The vector kernels the other loops are compared with, when the run measured them. */
    static final List<String> COMPARED_KERNELS = List.of("relu", "leakyRelu");

    private Page() {}

    static String header(Run run) {
        List<JmhResult> all = run.all();
        MarkdownTable table = new MarkdownTable(2, List.of("", ""))
                .row(List.of("CPU", run.machine("cpu.model")))
                .row(List.of("logical cores", run.machine("cpu.cores")))
                .row(List.of("CPU flags", run.machine("cpu.flags")))
                .row(List.of("caches (cpu0, as the OS reports them)", "L1d " + run.machine("cache.l1d") + ", L2 "
                        + run.machine("cache.l2") + ", L3 " + run.machine("cache.l3")))
                .row(List.of("memory", run.machine("memory")))
                .row(List.of("OS", run.machine("os")))
                .row(List.of("date", run.machine("date")))
                .row(List.of("`java -version`", run.machine("java.version")))
                .row(List.of("JDK", String.join("; ", Run.distinct(all, JmhResult::jvm))))
                .row(List.of("JVM arguments of the forks", String.join("; ", Run.distinct(all,
                        r -> r.jvmArgs().isEmpty() ? "none" : "`" + String.join(" ", r.jvmArgs()) + "`"))))
                .row(List.of("JMH", String.join("; ", Run.distinct(all, JmhResult::jmhVersion))))
                .row(List.of("settings", run.machine("settings")))
                .row(List.of("command", "`" + shellCommand(run.machine("command")) + "`"));
        return """
                # relu4j benchmark results

                Throughput of relu4j's kernels against the bound that moves the same bytes and the loops a \
                user would write, measured with JMH by `./bench` (`./bench --help` lists the options). This \
                page is generated from the JSON files beside it.

                """ + table.render() + "\n";
    }

    /**
     * The command as a shell would take it back: {@code ./bench} records its pattern arguments
     * bare, and a pattern such as {@code .*\.vector$} must be single-quoted.
     */
    static String shellCommand(String command) {
        List<String> words = new ArrayList<>();
        for (String word : command.strip().split("\\s+")) {
            boolean plain = words.isEmpty() || word.startsWith("-");
            words.add(plain ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }

    /** Per format and pass: the vector kernels' throughput and its ratios to the bound, scalar and plain. */
    static String kernels(Run run) {
        List<JmhResult> vector = run.kernels().stream().filter(r -> r.method().equals("vector")).toList();
        StringBuilder md = new StringBuilder();
        for (String format : Run.distinct(vector, r -> r.param("format"))) {
            md.append("## ").append(format).append("\n\n").append("""
                    Per pass, a row per kernel the run measured and, per size, the vector kernel's throughput \
                    in G elements/s, then vector ÷ the pass's bound (`copy` forward, `add` backward), ÷ \
                    `scalar` (the scalar reference) and ÷ `plain` (the plain loop a user would write): ratios \
                    of throughputs, above 1 the vector kernel is faster. The sizes are this machine's: the \
                    largest whose working set fits in half of L1d, of L2 and of the last-level cache, and four \
                    times the last-level cache ("memory"; its row holds ReLU and Leaky ReLU and the loops), \
                    each labelled by the level that holds the vector kernel's arrays. The branch-free loops \
                    run on one set of arrays; the scalar and plain loops, whose branches would learn it, take \
                    the next of a 1 MiB pool of inputs each call. Every fork runs with \
                    `-XX:ObjectAlignmentInBytes=64`, so every array starts 16 bytes past a cache line, as 7 in \
                    8 arrays do by default (see "Why the kernels trail the copy").

                    """);
            List<JmhResult> ofFormat = vector.stream().filter(r -> r.param("format").equals(format)).toList();
            for (String pass : Run.distinct(ofFormat, r -> r.param("pass"))) {
                List<JmhResult> ofPass = ofFormat.stream().filter(r -> r.param("pass").equals(pass)).toList();
                String bound = BOUNDS.getOrDefault(pass, "bound");
                SortedSet<Integer> sizes = Run.sizes(ofPass);
                List<String> header = new ArrayList<>(List.of("kernel"));
                for (int size : sizes) {
                    String s = Format.size(size) + level(run, size, format, pass) + ": ";
                    header.addAll(List.of(s + "vector, G el/s", s + "÷ " + bound, s + "÷ scalar", s + "÷ plain"));
                }
                MarkdownTable table = new MarkdownTable(1, header);
                for (String kernel : Run.distinct(ofPass, r -> r.param("kernel"))) {
                    List<String> row = new ArrayList<>(List.of(kernel));
                    for (int size : sizes) {
                        Optional<JmhResult> v = ofPass.stream()
                                .filter(r -> r.param("kernel").equals(kernel) && r.size() == size).findFirst();
                        row.add(v.map(r -> Format.value(r.throughput())).orElse(""));
                        for (String other : List.of(bound, "scalar", "plain")) {
                            row.add(v.flatMap(r -> speedUp(run.kernels(), r, other)).map(Format::ratio).orElse(""));
                        }
                    }
                    table.row(row);
                }
                md.append("### ").append(format).append(' ').append(pass).append("\n\n").append(table.render())
                        .append('\n');
            }
        }
        return md.toString();
    }

    /**
     * " (L2)": the smallest cache level of machine.properties that holds the working set of the
     * vector kernels and bounds at this size, which run on one set of arrays (x, dy backward, and
     * the output; see KernelData); " (memory)" when it is more than the last level; empty when the
     * caches were not recorded. The branchy loops cycle through larger input pools.
     */
    static String level(Run run, int size, String format, String pass) {
        int element = switch (format) {
            case "F64" -> 8;
            case "BF16", "F16" -> 2;
            default -> 4;
        };
        long bytes = (long) size * element * (pass.equals("backward") ? 3 : 2);
        String last = "";
        for (String[] cache : new String[][] {{"L1", "cache.l1d"}, {"L2", "cache.l2"}, {"L3", "cache.l3"}}) {
            long capacity = SizeClasses.bytes(run.machine().getOrDefault(cache[1], ""));
            if (capacity > 0) {
                if (bytes <= capacity) {
                    return " (" + cache[0] + ")";
                }
                last = " (memory)";
            }
        }
        return last;
    }

    /** The copies a forward kernel is held against: System.arraycopy and the Vector API copy loop. */
    static final List<String> COPIES = List.of("copy", "vectorCopy");

    /** The fastest (least time per call) of {@code results}, if any. */
    static Optional<JmhResult> fastest(java.util.stream.Stream<JmhResult> results) {
        return results.min(java.util.Comparator.comparingDouble(r -> r.nanos().value()));
    }

    /** How many times as fast {@code r} is as its twin {@code method}: the twin's time over r's. */
    static Optional<Measurement> speedUp(List<JmhResult> pool, JmhResult r, String method) {
        return Run.find(pool, method, r.params()).map(t -> t.nanos().over(r.nanos()));
    }

    /** The loops without a kernel (bounds and loops that break the contract) against the vector kernels. */
    static String loops(Run run) {
        // The loops of the classes that hold the vector kernels: a file of another run has none.
        List<String> classes = Run.distinct(run.kernels().stream().filter(r -> r.method().equals("vector")).toList(),
                JmhResult::className);
        List<JmhResult> loops = run.kernels().stream()
                .filter(r -> r.param("kernel").isEmpty() && classes.contains(r.className())).toList();
        if (loops.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("""
                ## Bounds and other loops

                `copy` is `System.arraycopy`, the bound of forward kernels (2 streams): from 2.5 MB (on \
                AVX-512) HotSpot's copy stub writes with non-temporal stores, which bypass the caches: \
                slower than `vectorCopy` where the output would have stayed in the last-level cache, \
                faster beyond it, where they save reading each output line before writing it. `add` is \
                `out[i] = x[i] + dy[i]`, the bound of backward kernels (3 streams); `vectorCopy` is a Vector \
                API load-and-store loop; `reluInPlace` is relu4j's vector ReLU forward with the output on \
                its input (no separate output buffer to bring into the cache). The other loops are what C2 \
                vectorises but break the contract \
                (`Math.max` turns -0.0 into +0.0; `max(x, alpha * x)` is wrong for alpha above 1 or below 0). \
                Throughput in G elements/s, then the vector forward kernel ÷ the loop (ratio of throughputs).

                """);
        for (String format : Run.distinct(loops, r -> r.param("format"))) {
            List<JmhResult> ofFormat = loops.stream().filter(r -> r.param("format").equals(format)).toList();
            SortedSet<Integer> sizes = Run.sizes(ofFormat);
            List<String> compared = COMPARED_KERNELS.stream().filter(k -> run.kernels().stream()
                    .anyMatch(r -> r.method().equals("vector") && r.param("kernel").equals(k))).toList();
            List<String> header = new ArrayList<>(List.of(format));
            for (int size : sizes) {
                header.add(Format.size(size) + ", G el/s");
                compared.forEach(k -> header.add(Format.size(size) + ": " + k + " ÷"));
            }
            MarkdownTable table = new MarkdownTable(1, header);
            for (String method : Run.distinct(ofFormat, JmhResult::method)) {
                List<String> row = new ArrayList<>(List.of("`" + method + "`"));
                for (int size : sizes) {
                    Optional<JmhResult> loop = ofFormat.stream()
                            .filter(r -> r.method().equals(method) && r.size() == size).findFirst();
                    row.add(loop.map(r -> Format.value(r.throughput())).orElse(""));
                    for (String k : compared) {
                        row.add(loop.flatMap(l -> vectorForward(run, l, k)).map(Format::ratio).orElse(""));
                    }
                }
                table.row(row);
            }
            md.append(table.render()).append('\n');
        }
        return md.toString();
    }

    /** The vector forward {@code kernel} at {@code loop}'s parameters, as a speed-up over the loop. */
    private static Optional<Measurement> vectorForward(Run run, JmhResult loop, String kernel) {
        Map<String, String> params = new HashMap<>(loop.params());
        params.put("kernel", kernel);
        params.put("pass", "forward");
        return Run.find(run.kernels(), "vector", params).map(v -> loop.nanos().over(v.nanos()));
    }

    /** One chart per format and pass: every kernel's vector throughput by size, and the bound. */
    static String charts(Run run, Path dir) throws IOException {
        List<JmhResult> vector = run.kernels().stream().filter(r -> r.method().equals("vector")).toList();
        if (vector.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Charts\n\n");
        for (String format : Run.distinct(vector, r -> r.param("format"))) {
            for (String pass : Run.distinct(vector, r -> r.param("pass"))) {
                List<Charts.Line> lines = chartLines(run, format, pass);
                if (lines.isEmpty()) {
                    continue;
                }
                String title = format + " " + pass + ": vector throughput vs size";
                String name = Charts.write(dir, format + "-" + pass, Charts.chart(title, lines, true));
                md.append("![").append(title).append("](").append(Charts.DIRECTORY).append('/').append(name)
                        .append(".svg)\n\n");
                List<Charts.Ratios> ratios = ratioLines(run, format, pass);
                if (!ratios.isEmpty()) {
                    String bound = BOUNDS.getOrDefault(pass, "bound");
                    String ratioTitle = format + " " + pass + ": vector ÷ " + bound;
                    String ratioName = Charts.write(dir, format + "-" + pass + "-ratio", Charts.ratioChart(ratioTitle,
                            "vector ÷ " + bound + " (throughput)", ratios));
                    md.append("![").append(ratioTitle).append("](").append(Charts.DIRECTORY).append('/')
                            .append(ratioName).append(".svg)\n\n");
                }
            }
        }
        return md.toString();
    }

    /** Each kernel's vector ÷ bound by size, with its interval; sizes without a bound are left out. */
    static List<Charts.Ratios> ratioLines(Run run, String format, String pass) {
        String bound = BOUNDS.getOrDefault(pass, "");
        List<JmhResult> shown = run.kernels().stream().filter(r -> r.method().equals("vector")
                && r.param("format").equals(format) && r.param("pass").equals(pass)).toList();
        List<Charts.Ratios> lines = new ArrayList<>();
        for (String kernel : Run.distinct(shown, r -> r.param("kernel"))) {
            List<JmhResult> ofKernel = shown.stream().filter(r -> r.param("kernel").equals(kernel))
                    .sorted((a, b) -> Integer.compare(a.size(), b.size())).toList();
            List<Double> x = new ArrayList<>();
            List<Measurement> y = new ArrayList<>();
            for (JmhResult r : ofKernel) {
                speedUp(run.kernels(), r, bound).ifPresent(ratio -> {
                    x.add(Charts.log2(r.size()));
                    y.add(ratio);
                });
            }
            if (!y.isEmpty()) {
                lines.add(new Charts.Ratios(kernel, x.stream().mapToDouble(Double::doubleValue).toArray(), y));
            }
        }
        return lines;
    }

    /** The lines of one chart: each kernel's vector throughput, then the pass's bound, dashed. */
    static List<Charts.Line> chartLines(Run run, String format, String pass) {
        List<JmhResult> shown = run.kernels().stream().filter(r -> r.method().equals("vector")
                && r.param("format").equals(format) && r.param("pass").equals(pass)).toList();
        List<Charts.Line> lines = new ArrayList<>();
        for (String kernel : Run.distinct(shown, r -> r.param("kernel"))) {
            lines.add(Charts.line(kernel, shown.stream().filter(r -> r.param("kernel").equals(kernel)).toList()));
        }
        String bound = BOUNDS.getOrDefault(pass, "");
        List<JmhResult> boundResults = shown.isEmpty() ? List.of() : run.kernels().stream()
                .filter(r -> r.method().equals(bound) && r.param("format").equals(format)
                        && r.param("data").equals(shown.getFirst().param("data")))
                .toList();
        if (!boundResults.isEmpty()) {
            lines.add(Charts.bound("bound: " + bound, boundResults));
        }
        return lines;
    }

    /** The branchy loops on all-positive data against the same loops on random signs. */
    static String branches(Run run) {
        MarkdownTable table = new MarkdownTable(4, List.of("format", "kernel", "pass", "loop", "size",
                "random, ns/op", "positive, ns/op", "random ÷ positive"));
        for (JmhResult positive : run.skewed()) {
            Map<String, String> params = new HashMap<>(positive.params());
            params.put("data", "random");
            Optional<Measurement> random = Run.find(run.kernels(), positive.method(), params).map(JmhResult::nanos);
            table.row(List.of(positive.param("format"), positive.param("kernel"), positive.param("pass"),
                    "`" + positive.method() + "`", Format.size(positive.size()),
                    random.map(Format::value).orElse("not measured"), Format.value(positive.nanos()),
                    random.map(r -> Format.ratio(r.over(positive.nanos()))).orElse("")));
        }
        if (table.isEmpty()) {
            return "";
        }
        return """
                ## Branch prediction

                The branchy loops on all-positive data, where every branch goes the same way, against the \
                main run's random signs. random ÷ positive is a ratio of times: what mispredicted branches cost.

                """ + table.render() + "\n";
    }

    /**
     * The portable kernels (what runs without the Vector API module) against the scalar reference
     * on the same inputs, and the vector kernels against them.
     */
    static String portable(Run run) {
        List<JmhResult> portable = run.kernels().stream().filter(r -> r.method().equals("portable")).toList();
        if (portable.isEmpty()) {
            return "";
        }
        MarkdownTable table = new MarkdownTable(4, List.of("format", "kernel", "pass", "size", "portable, G el/s",
                "portable ÷ scalar", "vector ÷ portable"));
        for (JmhResult p : portable) {
            table.row(List.of(p.param("format"), p.param("kernel"), p.param("pass"), Format.size(p.size()),
                    Format.value(p.throughput()),
                    speedUp(run.kernels(), p, "scalar").map(Format::ratio).orElse("not measured"),
                    Run.find(run.kernels(), "vector", p.params()).flatMap(v -> speedUp(run.kernels(), v, "portable"))
                            .map(Format::ratio).orElse("not measured")));
        }
        return """
                ## Without the Vector API module

                `Engine.portable()`, what the preferred engine runs when the JVM lacks \
                `--add-modules jdk.incubator.vector`: plain Java that decides each element with integer \
                arithmetic on its encoding, staged in 512-element chunks, which C2 auto-vectorises. \
                portable ÷ scalar is the speed-up over the scalar reference (its branch mispredicts on random \
                signs; target ≥ 5, ≥ 20 where the loop vectorises), vector ÷ portable what the module adds. \
                Ratios of throughputs, same inputs, same run.

                """ + table.render() + "\n";
    }

    /** Bytes allocated per call under {@code -prof gc}: a row per benchmark, a column per size. */
    static String allocation(Run run) {
        List<JmhResult> measured = run.gc().stream()
                .filter(r -> r.secondary().containsKey(JmhResult.ALLOCATION_PER_CALL)).toList();
        if (measured.isEmpty()) {
            return "";
        }
        SortedSet<Integer> sizes = Run.sizes(measured);
        List<String> header = new ArrayList<>(List.of("benchmark", "kernel", "pass", "format"));
        sizes.forEach(s -> header.add(Format.size(s) + ", B/op"));
        MarkdownTable table = new MarkdownTable(4, header);
        for (String row : Run.distinct(measured, Page::allocationRow)) {
            List<JmhResult> ofRow = measured.stream().filter(r -> allocationRow(r).equals(row)).toList();
            JmhResult first = ofRow.getFirst();
            List<String> cells = new ArrayList<>(List.of("`" + first.className() + "." + first.method() + "`",
                    first.param("kernel"), first.param("pass"), first.param("format")));
            for (int size : sizes) {
                cells.add(ofRow.stream().filter(r -> r.size() == size).findFirst()
                        .map(r -> Format.value(allocation(r))).orElse(""));
            }
            table.row(cells);
        }
        List<JmhResult> over = measured.stream().filter(r -> allocation(r).value() >= 1).toList();
        String verdict = over.isEmpty()
                ? "Every one of the " + measured.size() + " figures is under 1 B/op: nothing escapes a call."
                : over.size() + " of the " + measured.size() + " figures are 1 B/op or more, up to "
                        + Format.value(over.stream().map(Page::allocation)
                                .max((a, b) -> Double.compare(a.value(), b.value())).orElseThrow())
                        + " B/op: something escapes a call.";
        return """
                ## Allocation

                Bytes allocated per call (`gc.alloc.rate.norm` from JMH's `-prof gc`). Nothing should escape \
                a kernel call; well under 1 B/op is JMH's own noise. %s

                """.formatted(verdict) + table.render() + "\n";
    }

    private static String allocationRow(JmhResult r) {
        return r.benchmark() + "|" + r.param("kernel") + "|" + r.param("pass") + "|" + r.param("format");
    }

    private static Measurement allocation(JmhResult r) {
        return r.secondary().get(JmhResult.ALLOCATION_PER_CALL);
    }

    /** Every core against one: parallel ÷ single per kernel, pass and size, and the one-thread copy. */
    static String multiCore(Run run) {
        List<JmhResult> parallel = run.parallel().stream().filter(r -> r.method().equals("parallel")).toList();
        if (parallel.isEmpty()) {
            return "";
        }
        MarkdownTable table = new MarkdownTable(3, List.of("kernel", "pass", "format", "size", "single, G el/s",
                "parallel, G el/s", "parallel ÷ single", "copy (1 thread), G el/s"));
        for (String kernel : Run.distinct(parallel, r -> r.param("kernel"))) {
            for (JmhResult p : parallel.stream().filter(r -> r.param("kernel").equals(kernel)).toList()) {
                Optional<JmhResult> single = Run.find(run.parallel(), "single", p.params());
                Optional<JmhResult> copy = Run.find(run.parallel(), "copy", p.params());
                table.row(List.of(kernel, p.param("pass"), p.param("format"), Format.size(p.size()),
                        single.map(s -> Format.value(s.throughput())).orElse(""), Format.value(p.throughput()),
                        single.map(s -> Format.ratio(s.nanos().over(p.nanos()))).orElse(""),
                        copy.map(c -> Format.value(c.throughput())).orElse("")));
            }
        }
        return """
                ## Multi-core

                Each kernel on every core (`parallel`) against one (`single`), from `ParallelKernelsBenchmark`, \
                on %s logical cores. parallel ÷ single is a ratio of throughputs: above 1 the cores pay off. \
                The copy is `System.arraycopy` on one thread.

                """.formatted(run.machine("cpu.cores")) + table.render() + "\n";
    }

    /** A pointer to the listings of {@code ./bench --asm}, when the directory has them. */
    static String machineCode(boolean present) {
        return !present ? "" : """
                ## Machine code

                [asm/README.md](asm/README.md) has C2's hot loop of every kernel and bound, as `./bench --asm`                 printed and counted it (instructions and bytes per element, unrolling, tails) at the default                 width, with `-XX:UseAVX=2` and with `-XX:MaxVectorSize=32` and `16`: what the speeds above are                 made of.

                """;
    }

    /** The cold-start tables of {@code ColdStart}, when the directory has them, one heading level down. */
    static String coldStart(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        return Files.readString(file).replaceAll("(?m)^(#+) ", "$1# ").stripTrailing() + "\n\n";
    }

    static String howToRead() {
        return """
                ## How to read

                Throughput is elements per call over the time per call, in G elements/s. Every ratio divides \
                two figures from the same run; figures from different machines or runs are not comparable. \
                ± is the half-width of JMH's 99.9% confidence interval; a ratio combines the relative errors \
                of its two figures in quadrature. A figure without ± had too few samples for an interval.
                """;
    }
}
