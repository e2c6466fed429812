package io.github.relu4j.bench;

import io.github.relu4j.ReluKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns the JMH CSV files of one run into {@code summary.md}: times, bandwidth, and the ratios
 * measured in that run (vector / copy, scalar / vector, plain / vector, variant / shipped), each
 * with an error bar. Usage: {@code Report <results dir> <JMH settings, as text>}.
 */
public final class Report {
    private static final String[] KERNELS = {"reluForward", "reluBackward", "leakyReluForward", "leakyReluBackward"};

    private Report() {}

    /** One JMH result row: score and the half-width of its 99.9% confidence interval. */
    record Row(String benchmark, String metric, int size, String memory, double score, double error) {
        String className() {
            String b = benchmark.substring(0, benchmark.lastIndexOf('.'));
            return b.substring(b.lastIndexOf('.') + 1);
        }

        String method() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }
    }

    /** A value with its error bar; ratios combine relative errors in quadrature. */
    record Measure(double value, double error) {
        Measure over(Measure other) {
            double r = value / other.value;
            return new Measure(r, r * Math.hypot(error / value, other.error / other.value));
        }

        String ratio() {
            return String.format(Locale.ROOT, "%.2f ± %.2f", value, error);
        }

        String time() {
            return String.format(Locale.ROOT, value >= 100 ? "%.0f ± %.0f" : "%.1f ± %.1f", value, error);
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String settings = args.length > 1 ? args[1] : "";
        List<Row> kernels = read(dir.resolve("kernels.csv"));
        List<Row> variants = read(dir.resolve("variants.csv"));
        List<Row> gc = read(dir.resolve("gc.csv"));
        StringBuilder md = new StringBuilder();
        md.append("# relu4j benchmark results\n\n");
        md.append("Written by `./bench.sh` from the CSV files beside this page; do not edit by hand.\n\n");
        environment(md, settings);
        md.append("""

                Times are JMH averages in ns per call (± the 99.9% confidence half-width JMH reports).
                Ratios are of times measured in this same run; their error bars combine the two relative
                errors in quadrature. *÷ copy* divides a kernel's time by `System.arraycopy` of the same
                number of elements: 1.00 is the speed of copying. Forward kernels move the same bytes as
                the copy (one read stream, one write stream); backward kernels read two arrays, so
                ~1.5 is their memory-bound floor where memory is the limit. GB/s counts every byte read
                and written once.
                """);
        kernelTables(md, kernels, "FloatKernelsBenchmark", "float", 4);
        kernelTables(md, kernels, "DoubleKernelsBenchmark", "double", 8);
        segmentTables(md, read(dir.resolve("segments.csv")));
        variantTables(md, variants);
        gcTable(md, gc);
        Files.writeString(dir.resolve("summary.md"), md.toString());
    }

    private static void environment(StringBuilder md, String settings) throws IOException {
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(LocalDate.now()).append(" |\n");
        md.append("| CPU | ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores visible |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vendor"))
                .append(") |\n");
        md.append("| vector kernels | ").append(ReluKernels.vector()).append(" |\n");
        md.append("| JMH | ").append(settings.isBlank() ? "see bench.sh" : settings).append(" |\n");
    }

    private static String cpu() throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.exists(info)) {
            return System.getProperty("os.arch");
        }
        Optional<String> model = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        return model.orElse(System.getProperty("os.arch"));
    }

    private static void kernelTables(StringBuilder md, List<Row> rows, String className, String type, int bytes) {
        List<Row> mine = rows.stream().filter(r -> r.metric() == null && r.className().equals(className)).toList();
        if (mine.isEmpty()) {
            return;
        }
        md.append("\n## ").append(type).append(" kernels\n");
        for (int size : sizes(mine)) {
            Measure copy = find(mine, "copy", size);
            md.append("\n### ").append(type).append("[").append(size).append("] (")
                    .append(human(size * (long) bytes)).append(" per array)\n\n");
            md.append("| kernel | vector ns | vector GB/s | vector ÷ copy | scalar ÷ vector | plain ÷ vector |\n");
            md.append("|---|---:|---:|---:|---:|---:|\n");
            md.append("| copy (`System.arraycopy`) | ").append(copy.time()).append(" | ")
                    .append(gbps(2L * size * bytes, copy)).append(" | 1 | | |\n");
            for (String kernel : KERNELS) {
                Measure vector = find(mine, kernel + "Vector", size);
                Measure scalar = find(mine, kernel + "Scalar", size);
                Measure plain = find(mine, kernel + "Plain", size);
                int streams = kernel.endsWith("Backward") ? 3 : 2;
                md.append("| ").append(kernel).append(" | ").append(vector.time()).append(" | ")
                        .append(gbps((long) streams * size * bytes, vector)).append(" | ")
                        .append(vector.over(copy).ratio()).append(" | ").append(scalar.over(vector).ratio())
                        .append(" | ").append(plain.over(vector).ratio()).append(" |\n");
            }
        }
    }

    private static void segmentTables(StringBuilder md, List<Row> rows) {
        List<Row> mine = rows.stream().filter(r -> r.metric() == null).toList();
        if (mine.isEmpty()) {
            return;
        }
        md.append("\n## float kernels on memory segments (`SegmentKernelsBenchmark`)\n\n");
        md.append("""
                Vector kernels on arrays and on segments, same run. *native ÷ array* is the target
                (within 1.10); *÷ copy* divides by `MemorySegment.copy` of the same bytes between
                segments of the same kind. `heap` runs on the array kernels, `heapReadOnly` is staged
                through small arrays, `nativeAfterHeap` is native memory after heap segments ran hot.
                """);
        for (int size : sizes(mine)) {
            md.append("\n### n = ").append(size).append("\n\n");
            md.append("| kernel | array ns | native ns | native ÷ array | native ÷ copy | heap ÷ array "
                    + "| heapReadOnly ÷ array | nativeAfterHeap ÷ array |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String kernel : List.of("copy", "reluForward", "reluBackward", "leakyReluForward", "leakyReluBackward")) {
                Measure array = find(mine, kernel, size, "array");
                Measure nat = find(mine, kernel, size, "native");
                md.append("| ").append(kernel).append(" | ").append(array.time()).append(" | ").append(nat.time())
                        .append(" | ").append(nat.over(array).ratio()).append(" | ")
                        .append(nat.over(find(mine, "copy", size, "native")).ratio()).append(" | ")
                        .append(find(mine, kernel, size, "heap").over(array).ratio()).append(" | ")
                        .append(find(mine, kernel, size, "heapReadOnly").over(array).ratio()).append(" | ")
                        .append(find(mine, kernel, size, "nativeAfterHeap").over(array).ratio()).append(" |\n");
            }
        }
    }

    private static void variantTables(StringBuilder md, List<Row> rows) {
        List<Row> mine = rows.stream().filter(r -> r.metric() == null).toList();
        if (mine.isEmpty()) {
            return;
        }
        md.append("\n## Kernel shapes (float, ").append("`KernelVariantsBenchmark`)\n\n");
        md.append("Each alternative against the shipped shape of the same kernel, same run; < 1 is faster.\n");
        for (int size : sizes(mine)) {
            md.append("\n### n = ").append(size).append("\n\n| variant | ns | ÷ shipped |\n|---|---:|---:|\n");
            for (Row r : mine.stream().filter(r -> r.size() == size).toList()) {
                String method = r.method();
                String kernel = method.replaceAll("(Api|Shipped|ScalarTail|MaxNotContract|MaskedMul|SelectFactor)$", "");
                Measure shipped = find(mine, kernel + "Shipped", size);
                Measure m = new Measure(r.score(), r.error());
                md.append("| ").append(method).append(" | ").append(m.time()).append(" | ")
                        .append(m.over(shipped).ratio()).append(" |\n");
            }
        }
    }

    private static void gcTable(StringBuilder md, List<Row> rows) {
        List<Row> norm = rows.stream().filter(r -> "gc.alloc.rate.norm".equals(r.metric())).toList();
        if (norm.isEmpty()) {
            return;
        }
        md.append("\n## Allocation (`-prof gc`)\n\n| benchmark | n | memory | bytes allocated per call |\n|---|---:|---|---:|\n");
        for (Row r : norm) {
            md.append("| ").append(r.className()).append('.').append(r.method()).append(" | ").append(r.size())
                    .append(" | ").append(r.memory()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", r.score())).append(" |\n");
        }
    }

    // CSV and lookups

    static List<Row> read(Path csv) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(csv)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.getFirst().replace("\"", "").split(","));
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int size = header.indexOf("Param: size");
        int memory = header.indexOf("Param: memory");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.replace("\"", "").split(",", -1);
            String name = f[0];
            int colon = name.indexOf(':');
            rows.add(new Row(colon < 0 ? name : name.substring(0, colon), colon < 0 ? null : name.substring(colon + 1),
                    Integer.parseInt(f[size]), memory < 0 ? "" : f[memory], Double.parseDouble(f[score]),
                    parseError(f[error])));
        }
        return rows;
    }

    private static double parseError(String s) {
        return s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    private static Measure find(List<Row> rows, String method, int size) {
        return find(rows, method, size, "");
    }

    private static Measure find(List<Row> rows, String method, int size, String memory) {
        return rows.stream().filter(r -> r.method().equals(method) && r.size() == size && r.memory().equals(memory))
                .map(r -> new Measure(r.score(), r.error())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method + " at " + size + " " + memory));
    }

    private static TreeSet<Integer> sizes(List<Row> rows) {
        TreeSet<Integer> sizes = new TreeSet<>();
        rows.forEach(r -> sizes.add(r.size()));
        return sizes;
    }

    private static String gbps(long bytes, Measure time) {
        return String.format(Locale.ROOT, "%.1f", bytes / time.value());
    }

    private static String human(long bytes) {
        return bytes >= 1 << 20 ? bytes / (1 << 20) + " MiB" : bytes / (1 << 10) + " KiB";
    }
}
