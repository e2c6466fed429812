package io.github.relu4j.bench.report;

import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * relu4j's targets against the peers, each kernel's lowest speed-up over the peers and sizes a
 * target covers, and whether it met the target; and the multi-threaded gap, reported only.
 */
final class PeerTargets {
    /** The size where a peer's per-call cost (a JNI or FFM call, its own dispatch) weighs most. */
    static final int CALL_SIZE = 1024;
    /** The C loops do the same work on the same memory; below this size the call dominates. */
    static final int C_FROM_SIZE = TargetsSection.BOUND_FROM_SIZE;
    static final Goal CALL_OVERHEAD = Goal.atLeast(10);
    static final Goal AS_FAST = Goal.atLeast(1);
    static final String NOT_JUDGED = "not judged";

    private PeerTargets() {}

    /** A row group of the table: what it promises, how it judges a figure, and how it finds it. */
    private record Target(String text, DoubleFunction<String> verdict,
            Function<PeerFigures, Optional<PeerFigures.Lowest>> lowest) {}

    static String render(List<PeerFigures> figures) {
        if (figures.isEmpty()) {
            return "";
        }
        String allThreads = figures.getFirst().allThreads();
        List<Target> targets = List.of(
                new Target(CALL_OVERHEAD.text() + "× every JNI/FFM peer at " + Format.size(CALL_SIZE),
                        CALL_OVERHEAD::verdict, PeerTargets::atCallSize),
                new Target(AS_FAST.text() + "× single-threaded peers at every size", AS_FAST::verdict,
                        PeerTargets::singleThreaded),
                new Target(AS_FAST.text() + "× the C peer at every size ≥ " + Format.size(C_FROM_SIZE),
                        AS_FAST::verdict, PeerTargets::againstC),
                new Target("none: gap to " + PeerSeries.PYTORCH_ALL.label(allThreads), v -> NOT_JUDGED,
                        PeerTargets::multiThreadedGap));
        MarkdownTable table = new MarkdownTable(3, List.of("target", "kernel", "peer", "lowest relu4j ÷ peer", "size",
                "verdict"));
        for (Target t : targets) {
            for (PeerFigures f : figures) {
                table.row(t.lowest().apply(f).map(l -> List.of(t.text(), f.kernel().title(), f.label(l.peer()),
                                Format.ratio(l.ratio()), Format.size(l.size()), t.verdict().apply(l.ratio().value())))
                        .orElse(List.of(t.text(), f.kernel().title(), "", TargetsSection.NOT_MEASURED, "", "")));
            }
        }
        return """
                ### Targets against the peers

                relu4j should be at least 10 times as fast as every peer at %s, where a peer pays for its \
                JNI or FFM call and its own dispatch on every call; at least as fast as the single-threaded \
                peers at every size; and at least as fast as the C loops from %s up. Each figure is the \
                lowest relu4j ÷ peer (the peer's time over relu4j's) over the peers and sizes its target \
                covers, with the peer and size where it was. The last rows judge nothing: relu4j on \
                `float[]` runs on one thread, and below 1 PyTorch on %s is faster at that size.

                """.formatted(Format.size(CALL_SIZE), Format.size(C_FROM_SIZE), allThreads) + table.render() + "\n";
    }

    /** The lowest speed-up over every peer, at {@link #CALL_SIZE}. */
    static Optional<PeerFigures.Lowest> atCallSize(PeerFigures f) {
        return f.lowestSpeedUp(PeerSeries.peers(), List.of(CALL_SIZE));
    }

    /** The lowest speed-up over the peers on one thread, at every size. */
    static Optional<PeerFigures.Lowest> singleThreaded(PeerFigures f) {
        return f.lowestSpeedUp(List.of(PeerSeries.PYTORCH_ONE, PeerSeries.ONNX_ONE), f.sizes());
    }

    /** relu4j on native segments against the C loops, from {@link #C_FROM_SIZE} up. */
    static Optional<PeerFigures.Lowest> againstC(PeerFigures f) {
        return f.lowestSpeedUp(List.of(PeerSeries.C), f.sizes().tailSet(C_FROM_SIZE));
    }

    /** The lowest speed-up over PyTorch on all threads, at every size. */
    static Optional<PeerFigures.Lowest> multiThreadedGap(PeerFigures f) {
        return f.lowestSpeedUp(List.of(PeerSeries.PYTORCH_ALL), f.sizes());
    }
}
