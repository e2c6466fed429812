package io.github.relu4j.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * relu4j beside other ways to run the kernels from Java ({@code peers.json}). Kernels, lines and
 * sizes come from the JSON: a method {@code reluForwardNative} of class {@code Relu4jBenchmark}
 * is kernel relu, pass forward, on line "relu4j, native segment"; a {@code threads} parameter
 * makes one line per value. {@code ConversionBenchmark} measures getting a float[] into a peer;
 * the 16-bit formats are {@link PeerFormats}'.
 */
final class Peers {
    static final String RELU4J = "Relu4jBenchmark";
    static final String C = "NativeCBenchmark";
    static final String CONVERSION = "ConversionBenchmark";
    private static final Pattern METHOD = Pattern.compile("(.*?)(Forward|Backward)(.*)");
    private static final Map<String, String> NAMES = Map.of(RELU4J, "relu4j", C, "C via FFM",
            "PyTorchBenchmark", "PyTorch", "OnnxRuntimeBenchmark", "ONNX Runtime");
    private static final Map<String, Color> COLORS = Map.of(RELU4J, new Color(0x1F77B4), C, new Color(0x7F7F7F),
            "PyTorchBenchmark", new Color(0xD62728), "OnnxRuntimeBenchmark", new Color(0x2CA02C));
    private static final Map<String, String> RELU4J_VARIANTS = Map.of("", "float[]", "Native", "native segment",
            "Parallel", "all cores");

    private Peers() {}

    /** A line of the comparison: one class, method suffix and thread count. */
    record Line(String className, String variant, String threads) {
        boolean isRelu4j() {
            return className.equals(RELU4J);
        }

        String label(String allThreads) {
            String name = NAMES.getOrDefault(className, className.replaceFirst("Benchmark$", ""));
            if (isRelu4j()) {
                return name + " (" + RELU4J_VARIANTS.getOrDefault(variant, variant) + ")";
            }
            String suffix = variant.isEmpty() ? "" : " " + variant;
            return switch (threads) {
                case "" -> name + suffix;
                case "1" -> name + suffix + " (1 thread)";
                case "all" -> name + suffix + " (" + allThreads + ")";
                default -> name + suffix + " (" + threads + " threads)";
            };
        }

        /** One colour per library, relu4j on native memory apart; null for a class the report does not know. */
        Color color() {
            return isRelu4j() && variant.equals("Native") ? new Color(0x17BECF) : COLORS.get(className);
        }

        /** Whether the line may use every thread: dashed in the charts. */
        boolean isAllThreads() {
            return threads.equals("all") || isRelu4j() && variant.equals("Parallel");
        }

        /** The relu4j line a peer is compared with: C runs on native segments, the rest stand for float[]. */
        Line reference() {
            return new Line(RELU4J, className.equals(C) ? "Native" : "", "");
        }
    }

    /** The kernel and pass of a peer benchmark: {@code reluForwardNative} is {@code relu forward}. */
    static String kernel(JmhResult r) {
        Matcher m = METHOD.matcher(r.method());
        return m.matches() ? m.group(1) + " " + m.group(2).toLowerCase(Locale.ROOT) : r.method();
    }

    static Line line(JmhResult r) {
        Matcher m = METHOD.matcher(r.method());
        return new Line(r.className(), m.matches() ? m.group(3) : "", r.param("threads"));
    }

    static String render(Run run, Path charts) throws IOException {
        List<JmhResult> kernels = run.peers().stream()
                .filter(r -> !r.className().equals(CONVERSION) && !PeerFormats.isFormatBenchmark(r)).toList();
        if (run.peers().isEmpty()) {
            return "";
        }
        String n = run.machine("peers.threads.all");
        String allThreads = n.equals("1") ? "all = 1 thread" : n.equals("not recorded") ? "all threads" : n + " threads";
        StringBuilder md = new StringBuilder("""
                ## Peers

                The same kernels in other libraries, measured by `./bench --peers`, on floats (the 16-bit \
                formats in their own table below); one call processes `size` elements whose input is already \
                in the peer's own type.

                - **relu4j**: the library's vector kernels on `float[]` and on native memory segments, and \
                `Engine.preferred()` on `float[]`, which uses every processor from its threshold (all cores).
                - **C via FFM**: plain C loops built with `cc -O3 -march=native`, called through FFM downcalls \
                on native memory segments. C compiler: %s.
                - **PyTorch** on the CPU through DJL, on one thread and on all (%s). DJL has no \
                `threshold_backward`, so a backward kernel is 2–3 native ops, such as `where(x > 0, dy, 0)`.
                - **ONNX Runtime**, likewise on one thread and on all; forward kernels only: ONNX has no \
                ReLU gradient op.

                Throughput in G elements/s, then relu4j ÷ peer, the peer's time over relu4j's at the same \
                size: above 1 relu4j is faster. Against C it is relu4j on native segments, against the \
                others relu4j on `float[]`; relu4j on all cores is also compared with the peers on all threads.

                """.formatted(run.machine("peers.c"), allThreads));
        for (String kernel : Run.distinct(kernels, Peers::kernel)) {
            List<JmhResult> ofKernel = kernels.stream().filter(r -> kernel(r).equals(kernel)).toList();
            List<Line> lines = ofKernel.stream().map(Peers::line).distinct()
                    .sorted(Comparator.comparing(l -> !l.isRelu4j())) // relu4j first, then the peers as measured
                    .toList();
            List<Line> peers = lines.stream().filter(l -> !l.isRelu4j() && lines.contains(l.reference())).toList();
            Line parallel = new Line(RELU4J, "Parallel", "");
            List<Line> allCores = lines.contains(parallel)
                    ? lines.stream().filter(l -> !l.isRelu4j() && l.threads().equals("all")).toList() : List.of();
            List<String> header = new ArrayList<>(List.of("size"));
            lines.forEach(l -> header.add(l.label(allThreads) + ", G el/s"));
            peers.forEach(p -> header.add(p.reference().label(allThreads) + " ÷ " + p.label(allThreads)));
            allCores.forEach(p -> header.add(parallel.label(allThreads) + " ÷ " + p.label(allThreads)));
            MarkdownTable table = new MarkdownTable(1, header);
            for (int size : Run.sizes(ofKernel)) {
                List<String> row = new ArrayList<>(List.of(Format.size(size)));
                lines.forEach(l -> row.add(time(ofKernel, l, size).map(t -> Format.value(t.into(size))).orElse("")));
                peers.forEach(p -> row.add(speedUp(ofKernel, p, p.reference(), size)));
                allCores.forEach(p -> row.add(speedUp(ofKernel, p, parallel, size)));
                table.row(row);
            }
            List<Charts.Line> chartLines = lines.stream().map(l -> Charts.line(l.label(allThreads),
                    ofKernel.stream().filter(r -> line(r).equals(l)).toList()).styled(l.color(), l.isAllThreads()))
                    .toList();
            String title = kernel + ": relu4j and peers, throughput vs size";
            String file = Charts.write(charts, "peers-" + kernel, Charts.chart(title, chartLines, false));
            md.append("### ").append(kernel).append("\n\n![").append(title).append("](").append(Charts.DIRECTORY)
                    .append('/').append(file).append(".svg)\n\n").append(table.render()).append('\n');
        }
        return md.append(PeerFormats.render(run.peers())).append(conversions(run.peers())).toString();
    }

    /** ns per call of one line at one size. */
    private static Optional<Measurement> time(List<JmhResult> results, Line line, int size) {
        return results.stream().filter(r -> line(r).equals(line) && r.size() == size).findFirst().map(JmhResult::nanos);
    }

    private static String speedUp(List<JmhResult> results, Line peer, Line relu4j, int size) {
        return time(results, peer, size).flatMap(p -> time(results, relu4j, size).map(p::over))
                .map(Format::ratio).orElse("");
    }

    /** Copying floats between a Java float[] and a peer's tensor: µs per call and GB/s at 4 bytes per element. */
    private static String conversions(List<JmhResult> peers) {
        List<JmhResult> conversions = peers.stream().filter(r -> r.className().equals(CONVERSION)).toList();
        if (conversions.isEmpty()) {
            return "";
        }
        List<String> methods = Run.distinct(conversions, JmhResult::method);
        List<String> header = new ArrayList<>(List.of("size"));
        methods.forEach(m -> header.addAll(List.of("`" + m + "`, µs/op", "`" + m + "`, GB/s")));
        MarkdownTable table = new MarkdownTable(1, header);
        for (int size : Run.sizes(conversions)) {
            List<String> row = new ArrayList<>(List.of(Format.size(size)));
            for (String m : methods) {
                Optional<JmhResult> r = conversions.stream()
                        .filter(c -> c.method().equals(m) && c.size() == size).findFirst();
                row.add(r.map(c -> Format.value(c.nanos().times(1e-3))).orElse(""));
                row.add(r.map(c -> Format.value(c.throughput().times(Float.BYTES))).orElse(""));
            }
            table.row(row);
        }
        return """
                ### Conversions from and to float[]

                Copying `size` floats between a Java `float[]` and the peer's tensor; GB/s counts 4 bytes per \
                element. These costs come on top of a peer's kernel when the data starts in a Java array.

                """ + table.render() + "\n";
    }
}
