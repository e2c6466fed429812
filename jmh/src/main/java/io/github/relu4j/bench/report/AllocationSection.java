package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Bytes allocated per call under {@code -prof gc}: one row per benchmark, one column per size. */
final class AllocationSection {
    private AllocationSection() {}

    static String render(ResultsDirectory run) {
        List<JmhResult> measured = run.gc().all().stream().filter(r -> r.allocationPerCall().isPresent()).toList();
        if (measured.isEmpty()) {
            return "";
        }
        SortedSet<Integer> sizes = new TreeSet<>();
        measured.forEach(r -> sizes.add(r.size()));
        // Rows keep the file's order; a row is a benchmark at its parameters other than size.
        Map<String, Map<Integer, Measurement>> rows = new LinkedHashMap<>();
        measured.forEach(r -> rows.computeIfAbsent(rowName(r), k -> new LinkedHashMap<>())
                .put(r.size(), r.allocationPerCall().orElseThrow()));
        List<String> header = new ArrayList<>(List.of("benchmark"));
        sizes.forEach(s -> header.add("size " + Format.size(s) + ", B/op"));
        MarkdownTable table = new MarkdownTable(1, header);
        rows.forEach((name, bySize) -> {
            List<String> row = new ArrayList<>(List.of(name));
            sizes.forEach(s -> row.add(bySize.containsKey(s) ? Format.value(bySize.get(s)) : ""));
            table.row(row);
        });
        return """
                ## Allocation

                Bytes allocated per call (`gc.alloc.rate.norm` from JMH's `-prof gc`). Nothing should \
                escape a kernel call, so anything well under 1 B/op is JMH's own noise.

                """ + table.render() + "\n";
    }

    private static String rowName(JmhResult r) {
        String others = r.paramsText(Set.of("size"));
        String name = "`" + r.shortName() + "`";
        return others.isEmpty() ? name : name + " (" + others + ")";
    }
}
