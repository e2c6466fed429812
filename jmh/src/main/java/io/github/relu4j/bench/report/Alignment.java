package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The section that explains the gap to the copies from AlignmentBenchmark's runs: the copies and
 * the ReLU and Leaky ReLU kernels with every 64-byte vector on one cache line or split across two,
 * at the default vector width and with {@code -XX:UseAVX=2}.
 */
final class Alignment {
    private static final String AVX2 = "-XX:UseAVX=2";
    /** The kernels: the library's ReLU and Leaky ReLU forward on arrays and on native segments. */
    private static final List<String> KERNELS = List.of("relu", "reluSegment", "leakyRelu", "leakyReluSegment");

    private Alignment() {}

    static String render(Run run) {
        List<JmhResult> results = run.alignment();
        if (results.isEmpty()) {
            return "";
        }
        List<String> header = new ArrayList<>(List.of("flags", "size", "vectors"));
        Page.COPIES.forEach(c -> header.add("`" + c + "`, G el/s"));
        KERNELS.forEach(k -> header.add("`" + k + "` ÷ faster copy"));
        MarkdownTable table = new MarkdownTable(3, header);
        for (boolean avx2 : List.of(false, true)) {
            List<JmhResult> config = results.stream().filter(r -> r.jvmArgs().contains(AVX2) == avx2).toList();
            for (int size : Run.sizes(config)) {
                for (String misalign : List.of("0", "16")) {
                    List<JmhResult> row = config.stream()
                            .filter(r -> r.size() == size && r.param("misalign").equals(misalign)).toList();
                    if (row.isEmpty()) {
                        continue;
                    }
                    List<String> cells = new ArrayList<>(List.of(avx2 ? "`" + AVX2 + "`" : "default",
                            Format.size(size) + Page.level(run, size, "F32", "forward"),
                            misalign.equals("0") ? "one line each" : "split (16 B past a line)"));
                    Page.COPIES.forEach(c -> cells.add(find(row, c).map(r -> Format.value(r.throughput())).orElse("")));
                    Optional<JmhResult> faster = Page.fastest(Page.COPIES.stream().map(c -> find(row, c))
                            .flatMap(Optional::stream));
                    for (String k : KERNELS) {
                        cells.add(find(row, k).flatMap(r -> faster.map(f -> f.nanos().over(r.nanos())))
                                .map(Format::ratio).orElse(""));
                    }
                    table.row(cells);
                }
            }
        }
        return """
                ## Why the kernels trail the copy

                A float array's elements start 16 bytes after the array object (header and length), and \
                the JVM aligns objects to 8 bytes only, so whether a kernel's 64-byte vectors each fall on \
                one 64-byte cache line or straddle two depends on where the collector put the arrays, from \
                one JVM to the next; 7 placements in 8 split every vector. A load or store across two lines \
                costs about two. HotSpot's `System.arraycopy` stub (AVX-512) first copies up to the next \
                line boundary with a masked store, then stores whole lines; C2's own vectorised loops \
                (`reluMathMax`) peel scalar iterations to align their stores; a Vector API loop starts \
                where the array starts, and Java code cannot learn an array's address to do the same. A \
                native segment has one: the segment kernels start with a masked vector up to the output's \
                first aligned element. `AlignmentBenchmark` (forks with `-XX:ObjectAlignmentInBytes=64`, \
                which puts every array's elements at 16 mod 64) runs the same elements from an aligned start \
                or from one 16 bytes past a line: the copies, and ReLU and Leaky ReLU forward on arrays and \
                on native segments at the same place, at the L1, L2 and memory sizes of this machine (memory: \
                arrays only, one call an iteration), and with `-XX:UseAVX=2` (32-byte vectors: every other \
                one splits). Ratios to the faster copy of the same row:

                """ + table.render() + """

                Read the rows in pairs. From L2 on, a kernel on arrays whose vectors stay on their lines \
                runs near the copies' speed, and split it loses what the pair of rows shows, while the \
                arraycopy stub keeps its speed at the default width (it aligns itself; with AVX2 it does not, \
                and the copies lose too). That is the gap in the kernel tables above, whose forks all have \
                the usual, split placement. The segment kernels, which align their stores, are as fast split \
                as aligned. At the L1 size a second cost shows on aligned data too: the copies do no work, \
                ReLU does a compare and a blend per vector (Leaky ReLU also a multiply) on the two vector \
                ports that AVX-512 has, and a call of 1 Ki elements is only 64 vectors, so the fixed cost of \
                a call (argument checks, dispatch, the tail's set-up) is a visible share.

                """;
    }

    private static Optional<JmhResult> find(List<JmhResult> row, String method) {
        return row.stream().filter(r -> r.method().equals(method)).findFirst();
    }
}
