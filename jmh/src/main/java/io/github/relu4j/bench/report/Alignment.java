package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The section that explains the in-cache gap from AlignmentBenchmark's run: the same copy, vector
 * copy and ReLU forward with every 64-byte vector on one cache line or split across two, at the
 * default vector width and with {@code -XX:UseAVX=2}.
 */
final class Alignment {
    private static final String AVX2 = "-XX:UseAVX=2";
    private static final List<String> METHODS = List.of("copy", "vectorCopy", "relu", "reluSegment");

    private Alignment() {}

    static String render(Run run) {
        List<JmhResult> results = run.alignment();
        if (results.isEmpty()) {
            return "";
        }
        MarkdownTable table = new MarkdownTable(3, List.of("flags", "size", "vectors", "`copy`, G el/s",
                "`vectorCopy`, G el/s", "`relu`, G el/s", "relu ÷ faster copy", "`reluSegment`, G el/s",
                "reluSegment ÷ faster copy"));
        for (boolean avx2 : List.of(false, true)) {
            List<JmhResult> config = results.stream().filter(r -> r.jvmArgs().contains(AVX2) == avx2).toList();
            for (int size : Run.sizes(config)) {
                for (String misalign : List.of("0", "16")) {
                    List<String> row = new ArrayList<>(List.of(avx2 ? "`" + AVX2 + "`" : "default",
                            Format.size(size) + Page.level(run, size, "F32", "forward"),
                            misalign.equals("0") ? "one line each" : "split (16 B past a line)"));
                    List<Optional<JmhResult>> found = METHODS.stream().map(m -> config.stream()
                            .filter(r -> r.method().equals(m) && r.size() == size && r.param("misalign").equals(misalign))
                            .findFirst()).toList();
                    for (int m = 0; m < METHODS.size(); m++) {
                        row.add(found.get(m).map(x -> Format.value(x.throughput())).orElse(""));
                        if (METHODS.get(m).startsWith("relu")) {
                            row.add(ratioToFaster(found, m).map(Format::ratio).orElse(""));
                        }
                    }
                    table.row(row);
                }
            }
        }
        return """
                ## Why the kernels trail the copy in the caches

                A float array's elements start 16 bytes after the array object (header and length), and \
                the JVM aligns objects to 8 bytes only, so whether a kernel's 64-byte vectors each fall on \
                one 64-byte cache line or straddle two depends on where the collector put the two arrays, \
                from one JVM to the next. A load or store across two lines costs about two. HotSpot's \
                `System.arraycopy` stub (AVX-512) first copies up to the next line boundary with a masked \
                store, then stores whole lines; C2's own vectorised loops (`reluMathMax`) peel scalar \
                iterations to align their stores; a Vector API loop starts where the array starts, and Java \
                code cannot learn an array's address to do the same; a native segment has one, and the \
                segment kernels start with a masked vector up to the output's first aligned one. \
                `AlignmentBenchmark` (forks with \
                `-XX:ObjectAlignmentInBytes=64`, which puts every array's elements at 16 mod 64) runs the \
                same elements from an aligned start or from one 16 bytes past a line, at the L1 and L2 \
                sizes of this machine, with the default flags and with `-XX:UseAVX=2` (32-byte vectors: \
                every other one splits):

                """ + table.render() + """

                Read the rows in pairs. Where the vectors stay on their lines, ReLU forward runs at the \
                copies' speed from L2; split, it loses what the pair of rows shows, and so does the Vector \
                API copy, while the arraycopy stub keeps its speed (at the default width: it aligns \
                itself). That is the in-cache gap of the kernel tables: the kernels' arrays are wherever \
                the JVM put them, usually split. On native segments (`reluSegment`) the masked head makes \
                the split row as fast as the aligned one. At the L1 size a second cost shows even on aligned data: \
                the copies do no work and ReLU does a compare and a blend per vector (two more operations \
                on the two vector ports that AVX-512 has), and one call of 1 Ki elements is only 64 vectors, \
                so the fixed cost of a call (argument checks, the masked tail's setup, about 90 \
                instructions) is a visible share.

                """;
    }

    /** The throughput of {@code found.get(kernel)} ÷ the faster of the two copies (the first two). */
    private static Optional<Measurement> ratioToFaster(List<Optional<JmhResult>> found, int kernel) {
        Optional<JmhResult> relu = found.get(kernel);
        Optional<JmhResult> faster = found.get(0).isEmpty() ? found.get(1) : found.get(1).isEmpty() ? found.get(0)
                : Optional.of(found.get(0).get().nanos().value() <= found.get(1).get().nanos().value()
                        ? found.get(0).get() : found.get(1).get());
        if (relu.isEmpty() || faster.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(faster.get().nanos().over(relu.get().nanos()));
    }
}
