package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The fused forms from {@code fused.json} and {@code fused-memory.json} (FusedBenchmark): each
 * against the passes it replaces, beside the bytes-per-element model that says how far it could
 * go, and their targets for {@link Targets}.
 */
final class FusedPage {
    /**
     * The pairs: the fused form, the plain passes it replaces, whether the pair is per kernel (else
     * ReLU's, whose forward the plain side then names), and the bytes per element each side moves
     * (4-byte loads, 4-byte stores with their line read first, a mask bit as 1/8 byte read or
     * written like a store).
     */
    private record Pair(String fused, String plain, boolean perKernel, double fusedBytes, double plainBytes, String what) {
        double ideal() {
            return plainBytes / fusedBytes;
        }
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("forwardMask", "forward", true, 12.25, 12, "forward with its mask ÷ forward"),
            new Pair("backwardMask", "backward", true, 12.125, 16, "backward from the mask ÷ backward from x"),
            new Pair("backwardMaskInPlace", "backwardInPlace", false, 8.125, 12,
                    "the same in place (dx = dy)"),
            new Pair("fusedBias", "twoPasses", false, 12, 20, "bias + ReLU in one pass ÷ a bias loop, then ReLU in place"),
            new Pair("fusedBias", "forward", false, 12, 12, "bias + ReLU in one pass ÷ ReLU forward alone"),
            new Pair("forwardCounts", "forward", false, 12, 12, "forward with the counts ÷ forward"));

    /** The targets: the least ratio, and whether it holds at 16 Ki too (else only beyond the caches). */
    private static final Map<String, double[]> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("backwardMask/backward", new double[] {1.25, 0});
        TARGETS.put("backwardMaskInPlace/backwardInPlace", new double[] {1.4, 0});
        TARGETS.put("forwardMask/forward", new double[] {0.95, 0});
        TARGETS.put("fusedBias/twoPasses", new double[] {1.5, 0});
        TARGETS.put("fusedBias/forward", new double[] {0.95, 0});
        TARGETS.put("forwardCounts/forward", new double[] {0.9, 1});
    }

    private static final int SMALL = 16384;

    private FusedPage() {}

    /** The plain side of a pair for a fused result: same parameters; ReLU's for the pairs measured on ReLU alone. */
    private static Optional<JmhResult> plain(Run run, Pair pair, JmhResult fused) {
        Map<String, String> params = new LinkedHashMap<>(fused.params());
        params.putIfAbsent("kernel", "relu");
        return Run.find(run.fused(), pair.plain, params);
    }

    /** Plain time ÷ fused time: how many times as fast the fused form is. */
    private static List<Object[]> ratios(Run run) {
        List<Object[]> rows = new ArrayList<>();
        for (Pair pair : PAIRS) {
            for (JmhResult f : run.fused()) {
                if (f.method().equals(pair.fused)) {
                    plain(run, pair, f).ifPresent(p -> rows.add(new Object[] {pair, f, p.nanos().over(f.nanos())}));
                }
            }
        }
        return rows;
    }

    private static String bytes(double b) {
        return java.math.BigDecimal.valueOf(b).stripTrailingZeros().toPlainString();
    }

    private static String size(Run run, int size) {
        return Format.size(size) + Page.level(run, size, "F32", "forward");
    }

    /** The targets of the fused forms for {@link Targets}. */
    static List<Targets.Target> targets(Run run) {
        List<Targets.Target> targets = new ArrayList<>();
        for (Object[] row : ratios(run)) {
            Pair pair = (Pair) row[0];
            JmhResult f = (JmhResult) row[1];
            double[] target = TARGETS.get(pair.fused + "/" + pair.plain);
            boolean beyond = Page.level(run, f.size(), "F32", "forward").equals(" (memory)");
            if (target != null && (beyond || (target[1] == 1 && f.size() == SMALL))) {
                String kernel = f.param("kernel").isEmpty() ? "relu" : f.param("kernel");
                targets.add(new Targets.Target(kernel + ": `" + pair.fused + "` ÷ `" + pair.plain + "`",
                        size(run, f.size()), (Measurement) row[2], target[0]));
            }
        }
        return targets;
    }

    static String render(Run run) {
        List<Object[]> rows = ratios(run);
        if (rows.isEmpty()) {
            return "";
        }
        SortedSet<Integer> sizes = Run.sizes(run.fused());
        List<String> header = new ArrayList<>(List.of("pair", "kernel", "B/element: plain → fused", "ideal"));
        sizes.forEach(s -> header.add(size(run, s)));
        MarkdownTable table = new MarkdownTable(2, header);
        for (Pair pair : PAIRS) {
            for (String kernel : Run.distinct(rows.stream().filter(r -> r[0] == pair).map(r -> (JmhResult) r[1]).toList(),
                    r -> r.param("kernel").isEmpty() ? "relu" : r.param("kernel"))) {
                List<String> cells = new ArrayList<>(List.of(pair.what + " (`" + pair.fused + "` ÷ `" + pair.plain + "`)",
                        kernel, bytes(pair.plainBytes) + " → " + bytes(pair.fusedBytes),
                        String.format("%.2f", pair.ideal())));
                for (int s : sizes) {
                    cells.add(rows.stream().filter(r -> r[0] == pair && ((JmhResult) r[1]).size() == s
                                    && (((JmhResult) r[1]).param("kernel").isEmpty() ? "relu" : ((JmhResult) r[1]).param("kernel")).equals(kernel))
                            .findFirst().map(r -> Format.ratio((Measurement) r[2])).orElse(""));
                }
                table.row(cells);
            }
        }
        return """
                ## Masks, bias and counts

                `FusedBenchmark` (`fused.json`, and beyond the caches `fused-memory.json`, one call an \
                iteration): each fused form against the passes it replaces, floats, the vector engine, one \
                thread, rows of 256 features, same run. A ratio above 1: the fused form is that many times \
                as fast. The model counts the bytes each side moves per element (a store's line is read \
                first; a mask bit is 1/8 byte), so "ideal" is what memory allows beyond the caches; in the \
                caches the instructions set the speed. Allocation is in the Allocation section \
                (`-prof gc`, 1023 elements: every call has a tail).

                """ + table.render() + "\n";
    }
}
