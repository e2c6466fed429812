package io.github.relu4j.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * The float kernels on every core against one ({@code parallel.json}): what the two are, the
 * targets, and per kernel a chart and a table by size. Empty when the run did not measure them.
 */
final class MultiCoreSection {
    /** Where {@code ReluKernels.preferred()} starts to split a call, by default; must match the library. */
    static final int THRESHOLD = 1 << 20;

    private MultiCoreSection() {}

    static String render(ResultsDirectory run) {
        if (run.parallel().isEmpty()) {
            return "";
        }
        List<ParallelFigures> all = run.parallelFigures();
        String allThreads = PeerFigures.allThreads(run.machine().peersAllThreads());
        StringBuilder md = new StringBuilder("## Multi-core\n\n").append(intro(run.machine()));
        md.append(MultiCoreTargets.render(all, run.peers(), allThreads));
        all.forEach(f -> kernel(md, f));
        return md.toString();
    }

    private static String intro(Machine m) {
        return """
                The float kernels on every core against one, from `ParallelKernelsBenchmark`. Parallel is \
                `ReluKernels.preferred()`, what `Relu` and `LeakyRelu` use: from %s elements (%s) it splits \
                a call over every processor, below that it calls the single-threaded kernel. Single is \
                `ReluKernels.vector()` on one thread, the kernel of the sections above. Logical cores on \
                this machine: %s. Throughput in G elements/s; GB/s counts the bytes as the kernel sections \
                do (%d per element forward, %d backward), and the copy is `System.arraycopy` on one thread, \
                %d bytes per element. parallel / single is a ratio of throughputs: above 1 the cores pay off.

                """.formatted(Format.grouped(THRESHOLD), Format.size(THRESHOLD), m.logicalCores(),
                Kernel.RELU_FORWARD.streams() * Float.BYTES, Kernel.RELU_BACKWARD.streams() * Float.BYTES,
                ParallelFigures.COPY_BYTES_PER_ELEMENT);
    }

    private static void kernel(StringBuilder md, ParallelFigures f) {
        String title = f.kernel().title();
        md.append("### ").append(title).append(" on every core\n\n");
        md.append("![").append(title).append(": every core against one, throughput vs size](")
                .append(Charts.DIRECTORY).append('/').append(f.chartName()).append(".svg)\n\n");
        md.append(table(f).render()).append('\n');
    }

    static MarkdownTable table(ParallelFigures f) {
        MarkdownTable table = new MarkdownTable(1, List.of("size", "Single, G el/s", "Parallel, G el/s",
                "copy (1 thread), GB/s", "parallel GB/s", "parallel / single"));
        for (int size : f.sizes()) {
            table.row(List.of(Format.size(size), value(f.single(size)), value(f.parallel(size)),
                    value(f.copyGigabytesPerSecond(size)), value(f.parallelGigabytesPerSecond(size)),
                    f.parallelOverSingle(size).map(Format::ratio).orElse("")));
        }
        return table;
    }

    private static String value(Optional<Measurement> m) {
        return m.map(Format::value).orElse("");
    }
}
