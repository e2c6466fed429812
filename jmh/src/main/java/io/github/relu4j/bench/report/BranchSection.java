package io.github.relu4j.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * The branchy loops on random signs against the same loops on all-positive data, where every
 * branch goes one way: the difference is what mispredicted branches cost.
 */
final class BranchSection {
    private BranchSection() {}

    static String render(ResultsDirectory run) {
        MarkdownTable table = new MarkdownTable(3, List.of("type", "kernel", "variant", "size", "random, ns/op",
                "positive, ns/op", "random / positive"));
        for (ElementType type : ElementType.values()) {
            for (Kernel kernel : Kernel.values()) {
                for (Variant variant : kernel.variants()) {
                    for (int size : run.skewed().sizes(type.benchmarkClass())) {
                        run.skewed().find(type.benchmarkClass(), kernel.method(variant), size, Results.POSITIVE)
                                .ifPresent(positive -> table.row(row(run, type, kernel, variant, positive)));
                    }
                }
            }
        }
        if (table.isEmpty()) {
            return "";
        }
        return """
                ## Branch prediction (all-positive data)

                The same loops on all-positive data, where every branch goes the same way, against the \
                main run's random signs. random / positive is a ratio of times: above 1 is what \
                mispredicted branches cost.

                """ + table.render() + "\n";
    }

    private static List<String> row(ResultsDirectory run, ElementType type, Kernel kernel, Variant variant,
            JmhResult positive) {
        Optional<Measurement> random = randomTime(run, positive);
        return List.of(type.label(), kernel.title(), variant.suffix(), Format.size(positive.size()),
                random.map(Format::value).orElse(TargetsSection.NOT_MEASURED), Format.value(positive.score()),
                random.map(r -> Format.ratio(r.over(positive.score()))).orElse(""));
    }

    /** The main run's time for the same method and size on random data. */
    static Optional<Measurement> randomTime(ResultsDirectory run, JmhResult positive) {
        return run.kernels().find(positive.className(), positive.method(), positive.size(), Results.RANDOM)
                .map(JmhResult::score);
    }
}
