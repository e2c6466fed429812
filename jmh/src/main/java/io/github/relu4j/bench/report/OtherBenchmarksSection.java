package io.github.relu4j.bench.report;

import java.util.List;
import java.util.Set;

/** The benchmarks only {@code --full} runs, listed as JMH reported them. */
final class OtherBenchmarksSection {
    private OtherBenchmarksSection() {}

    static String render(ResultsDirectory run) {
        StringBuilder md = new StringBuilder();
        file(md, "variants.json", run.variants());
        file(md, "segments.json", run.segments());
        if (md.isEmpty()) {
            return "";
        }
        return "## Other benchmarks\n\n" + md;
    }

    private static void file(StringBuilder md, String name, Results results) {
        if (results.isEmpty()) {
            return;
        }
        MarkdownTable table = new MarkdownTable(2, List.of("benchmark", "params", "score", "unit"));
        for (JmhResult r : results.all()) {
            table.row(List.of("`" + r.shortName() + "`", r.paramsText(Set.of()), Format.value(r.score()), r.unit()));
        }
        md.append("### ").append(name).append("\n\n").append(table.render()).append('\n');
    }
}
