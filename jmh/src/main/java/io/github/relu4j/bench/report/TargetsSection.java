package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The library's performance targets, each kernel's figure against them, and whether it met them. */
final class TargetsSection {
    /** Below this size per-call overhead, not memory, sets the pace; the bound target starts here. */
    static final int BOUND_FROM_SIZE = 16384;
    /** The size the speed-up over the scalar reference is judged at: in L2 on current CPUs. */
    static final int SPEED_UP_SIZE = 16384;
    static final Goal BOUND = Goal.atLeast(0.95);
    static final Goal SPEED_UP = Goal.atLeast(8);
    static final Goal ALLOCATION = Goal.below(1.0, "~0 (< 1 B/op)");
    static final String NOT_MEASURED = "not measured";

    private TargetsSection() {}

    /** A figure for a target: the cell text with its verdict, or "not measured". */
    record Judged(String figure, String verdict) {
        static final Judged MISSING = new Judged(NOT_MEASURED, "");
    }

    static String render(ResultsDirectory run) {
        MarkdownTable table = new MarkdownTable(2, List.of("type", "kernel",
                "vector / bound, lowest from " + Format.size(BOUND_FROM_SIZE), "target " + BOUND.text(),
                "vector / scalar at " + Format.size(SPEED_UP_SIZE), "target " + SPEED_UP.text(),
                "vector allocation, B/op (max)", "target " + ALLOCATION.text()));
        for (KernelFigures f : run.kernelFigures()) {
            List<String> row = new ArrayList<>(List.of(f.type().label(), f.kernel().title()));
            for (Judged j : List.of(bound(f), speedUp(f), allocation(f, run.gc()))) {
                row.add(j.figure());
                row.add(j.verdict());
            }
            table.row(row);
        }
        return """
                ## Targets

                The vector kernel should move data at least at 0.95 of its bound from %s elements up \
                (where memory rather than call overhead sets the pace), be at least 8 times as fast as \
                the scalar reference at %s on random data, and allocate nothing per call. The bound \
                moves the same bytes with no work: `System.arraycopy` for forward kernels, \
                `out[i] = x[i] + dy[i]` for backward ones.

                """.formatted(Format.size(BOUND_FROM_SIZE), Format.size(SPEED_UP_SIZE)) + table.render() + "\n";
    }

    /** The lowest vector / bound ratio over the sizes the target covers, and where it was. */
    static Judged bound(KernelFigures f) {
        Optional<Integer> worst = f.sizes().tailSet(BOUND_FROM_SIZE).stream()
                .filter(s -> f.vectorOverBound(s).isPresent())
                .min(Comparator.comparingDouble(s -> f.vectorOverBound(s).orElseThrow().value()));
        return worst.map(size -> {
            Measurement ratio = f.vectorOverBound(size).orElseThrow();
            return new Judged(Format.ratio(ratio) + " at " + Format.size(size), BOUND.verdict(ratio.value()));
        }).orElse(Judged.MISSING);
    }

    static Judged speedUp(KernelFigures f) {
        return f.vectorOver(Variant.SCALAR, SPEED_UP_SIZE)
                .map(r -> new Judged(Format.ratio(r), SPEED_UP.verdict(r.value()))).orElse(Judged.MISSING);
    }

    /** The most the vector kernel allocated per call at any size {@code -prof gc} covered. */
    static Judged allocation(KernelFigures f, Results gc) {
        String method = f.kernel().method(Variant.VECTOR);
        return gc.ofClass(f.type().benchmarkClass()).stream()
                .filter(r -> r.method().equals(method))
                .flatMap(r -> r.allocationPerCall().stream())
                .max(Comparator.comparingDouble(Measurement::value))
                .map(m -> new Judged(Format.value(m), ALLOCATION.verdict(m.value()))).orElse(Judged.MISSING);
    }
}
