package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * relu4j against other ways to run the kernels from Java ({@code peers.json}): who the peers are,
 * the targets against them, a chart and table per kernel, and what getting a {@code float[]} into
 * a peer costs. Empty when the run did not measure peers.
 */
final class PeersSection {
    private PeersSection() {}

    static String render(ResultsDirectory run) {
        if (run.peers().isEmpty()) {
            return "";
        }
        List<PeerFigures> all = run.peerFigures();
        StringBuilder md = new StringBuilder("## Peers\n\n").append(intro(run.machine()));
        md.append(PeerTargets.render(all));
        if (!all.isEmpty()) {
            md.append("""
                    Per kernel: throughput in G elements/s, then relu4j ÷ peer, the peer's time over relu4j's \
                    at the same size: above 1 relu4j is faster. Against C it is relu4j on native segments, \
                    against the others relu4j on float[]; relu4j on all cores is also compared with the peers \
                    on all threads.

                    """);
        }
        all.forEach(f -> kernel(md, f));
        return md.append(PeerConversions.render(run.peers())).toString();
    }

    private static String intro(Machine m) {
        String threads = m.peersAllThreads()
                .map(n -> "which is " + n + (n.equals("1") ? " thread" : " threads") + " here")
                .orElse("whose thread count the run did not record");
        return """
                The same kernels in other libraries, measured by `./bench --peers`. All peer figures are \
                float; one call processes `size` elements whose input is already in the peer's own type.

                - **relu4j**: the library's vector kernels, on `float[]` and on native memory segments, and \
                on all cores: `ReluKernels.preferred()` on `float[]`, which splits a call over every \
                processor from %s elements.
                - **C via FFM**: plain C loops built with `cc -O3 -march=native`, called through FFM \
                downcalls on native memory segments. C compiler: %s.
                - **PyTorch**: PyTorch 2.7.1 on the CPU through DJL 0.36. DJL has no `threshold_backward`, \
                so the backward kernels are 2–3 native ops: `where(x > 0, dy, 0)` and \
                `where(x > 0, dy, dy * alpha)`.
                - **ONNX Runtime**: ONNX Runtime 1.23.2, forward kernels only: ONNX has no ReLU gradient op.

                relu4j on `float[]` is compared with PyTorch and ONNX Runtime, whose input is already a \
                native tensor (getting a `float[]` into one is measured apart), and relu4j on native segments with C, \
                on the same memory. PyTorch and ONNX Runtime run on one thread, marked "1 thread", and with \
                `threads=all`, %s.

                """.formatted(Format.grouped(MultiCoreSection.THRESHOLD), m.peersC().orElse("not recorded"), threads);
    }

    private static void kernel(StringBuilder md, PeerFigures f) {
        String title = f.kernel().title();
        md.append("### ").append(title).append("\n\n");
        md.append("![").append(title).append(": relu4j and peers, throughput vs size](").append(Charts.DIRECTORY)
                .append('/').append(f.chartName()).append(".svg)\n\n");
        md.append(table(f).render()).append('\n');
    }

    private static MarkdownTable table(PeerFigures f) {
        List<PeerSeries> series = f.series();
        List<PeerSeries> peers = f.comparedPeers();
        List<PeerSeries> allCores = f.allCoresPeers();
        List<String> header = new ArrayList<>(List.of("size"));
        series.forEach(s -> header.add(f.label(s) + ", G el/s"));
        peers.forEach(p -> header.add("relu4j ÷ " + f.label(p)));
        allCores.forEach(p -> header.add(f.label(PeerSeries.RELU4J_PARALLEL) + " ÷ " + f.label(p)));
        MarkdownTable table = new MarkdownTable(1, header);
        for (int size : f.sizes()) {
            List<String> row = new ArrayList<>(List.of(Format.size(size)));
            series.forEach(s -> row.add(f.throughput(s, size).map(Format::value).orElse("")));
            peers.forEach(p -> row.add(f.speedUp(p, size).map(Format::ratio).orElse("")));
            allCores.forEach(p -> row.add(f.speedUp(p, PeerSeries.RELU4J_PARALLEL, size).map(Format::ratio).orElse("")));
            table.row(row);
        }
        return table;
    }
}
