package io.github.relu4j.bench.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The title, what was measured and how to reproduce it, and the machine and JVM it ran on. */
final class HeaderSection {
    private HeaderSection() {}

    static String render(ResultsDirectory run) {
        Machine m = run.machine();
        return """
                # relu4j benchmark results

                Throughput of relu4j's ReLU and Leaky ReLU kernels, float and double, forward and backward, \
                against the bytes-moved bound and the loops a user would write, measured with JMH. \
                `./bench` runs the default set in about 10 minutes, `./bench --full` the whole matrix, and \
                `./bench --help` lists the options; this page is generated from the JSON files beside it. \
                This run: `%s`, %s. The figures come from one machine, so only ratios measured in the same \
                run are comparable. ± is the half-width of JMH's 99.9%% confidence interval; a ratio \
                combines the relative errors of its two figures in quadrature. A figure without ± had too \
                few samples for an interval.

                ## Machine and JVM

                """.formatted(m.command(), m.settings()) + machineTable(run) + "\n";
    }

    private static String machineTable(ResultsDirectory run) {
        Machine m = run.machine();
        MarkdownTable table = new MarkdownTable(2, List.of("", ""))
                .row(List.of("CPU", m.cpuModel()))
                .row(List.of("logical cores", m.logicalCores()))
                .row(List.of("CPU flags", m.cpuFlags()))
                .row(List.of("memory", m.memory()))
                .row(List.of("OS", m.os()))
                .row(List.of("date", m.date()))
                .row(List.of("`java -version`", m.javaVersion()));
        List<RunInfo> runs = run.kernels().all().stream().map(JmhResult::run).toList();
        RunInfo first = runs.getFirst();
        table.row(List.of("JDK", first.jdkVersion() + " (" + first.vmName() + " " + first.vmVersion() + ")"))
                .row(List.of("JVM arguments of the forks", jvmArgs(runs)))
                .row(List.of("JMH", first.jmhVersion()));
        return table.render();
    }

    /** Each distinct argument list once: benchmark classes may fork with different ones. */
    private static String jvmArgs(List<RunInfo> runs) {
        Set<String> distinct = new LinkedHashSet<>();
        runs.forEach(r -> distinct.add(r.jvmArgs().isEmpty() ? "none" : "`" + String.join(" ", r.jvmArgs()) + "`"));
        return String.join("; ", distinct);
    }
}
