package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The targets of the kernels on every core: faster than one core where the data sits in L3, no
 * slower below the threshold, where they run on one core anyway, and at least as fast as PyTorch on
 * all threads. Each row is one kernel at one size.
 */
final class MultiCoreTargets {
    /** L3-resident sizes: past the threshold, before DRAM bandwidth caps both. */
    static final List<Integer> L3_SIZES = List.of(1 << 20, 4 << 20);
    /** Below the threshold, in L2 and before it. */
    static final List<Integer> BELOW_THRESHOLD_SIZES = List.of(1 << 10, 16 << 10, 256 << 10);
    /** Where the peers run meets relu4j on all cores with PyTorch on all threads: in L3 and in DRAM. */
    static final List<Integer> PEER_SIZES = List.of(1 << 20, 16 << 20);
    static final Goal SPEED_UP = Goal.atLeast(1.5);
    /** At most 2 % slower. */
    static final Goal NO_REGRESSION = Goal.atLeast(0.98);
    static final Goal AS_FAST = Goal.atLeast(1);

    private MultiCoreTargets() {}

    static String render(List<ParallelFigures> figures, Results peers, String allThreads) {
        MarkdownTable table = new MarkdownTable(3, List.of("target", "kernel", "size", "ratio", "verdict"));
        String speedUp = SPEED_UP.text() + "× single-threaded at L3-resident sizes";
        String noRegression = "no regression (≤ 2 %) below the threshold";
        String pyTorch = AS_FAST.text() + "× " + PeerSeries.PYTORCH_ALL.label(allThreads) + " at "
                + sizes(PEER_SIZES);
        figures.forEach(f -> rows(table, speedUp, f.kernel(), L3_SIZES, f::parallelOverSingle,
                r -> SPEED_UP.verdict(r.value())));
        figures.forEach(f -> rows(table, noRegression, f.kernel(), BELOW_THRESHOLD_SIZES, f::parallelOverSingle,
                MultiCoreTargets::noRegression));
        if (!peers.isEmpty()) {
            figures.forEach(f -> rows(table, pyTorch, f.kernel(), PEER_SIZES,
                    size -> pyTorchOverParallel(new PeerFigures(f.kernel(), peers, allThreads), size),
                    r -> AS_FAST.verdict(r.value())));
        }
        String against = peers.isEmpty() ? "" : " In the peers run, relu4j on all cores should be at least as "
                + "fast as PyTorch on " + allThreads + " at " + sizes(PEER_SIZES) + "; that ratio is PyTorch's time "
                + "over relu4j's.";
        return """
                ### Targets on every core

                On every core a kernel should be at least 1.5 times as fast as on one at %s, where the \
                data sits in L3, and below the threshold, where it runs on one core anyway, at most 2 %% \
                slower: parallel / single throughput at least %s, "within error" when its ± interval \
                reaches that.%s

                """.formatted(sizes(L3_SIZES), NO_REGRESSION.threshold(), against) + table.render() + "\n";
    }

    /** {@code 1 Mi and 4 Mi}. */
    private static String sizes(List<Integer> sizes) {
        return String.join(" and ", sizes.stream().map(Format::size).toList());
    }

    /** A row per size the run measured; one "not measured" row if it measured none. */
    private static void rows(MarkdownTable table, String target, Kernel kernel, List<Integer> sizes,
            IntFunction<Optional<Measurement>> ratio, Function<Measurement, String> verdict) {
        List<List<String>> rows = new ArrayList<>();
        for (int size : sizes) {
            ratio.apply(size).ifPresent(r -> rows.add(List.of(target, kernel.title(), Format.size(size),
                    Format.ratio(r), verdict.apply(r))));
        }
        if (rows.isEmpty()) {
            rows.add(List.of(target, kernel.title(), "", TargetsSection.NOT_MEASURED, ""));
        }
        rows.forEach(table::row);
    }

    /**
     * {@code met} from 0.98 up, else the shortfall, "within error" when the value plus its error
     * reaches 0.98: below the threshold both kernels do the same work, so noise decides much of it.
     */
    static String noRegression(Measurement ratio) {
        String verdict = NO_REGRESSION.verdict(ratio.value());
        boolean withinError = ratio.value() < NO_REGRESSION.threshold() && ratio.hasError()
                && ratio.value() + ratio.error() >= NO_REGRESSION.threshold();
        return withinError ? verdict + " (within error)" : verdict;
    }

    /** PyTorch on all threads' time over relu4j on all cores' time, both from the peers run. */
    static Optional<Measurement> pyTorchOverParallel(PeerFigures f, int size) {
        return f.speedUp(PeerSeries.PYTORCH_ALL, PeerSeries.RELU4J_PARALLEL, size);
    }
}
