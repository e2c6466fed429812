package io.github.relu4j.bench.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One kernel's figures from {@code peers.json}: each line's throughput, and relu4j's speed-up over
 * each peer, the peer's time over the time of the relu4j line it is compared with.
 *
 * @param allThreads what the peers' "all" thread setting came to, e.g. {@code 2 threads}
 */
record PeerFigures(Kernel kernel, Results results, String allThreads) {

    /** The lowest speed-up over some peers and sizes, and which peer at which size it was. */
    record Lowest(Measurement ratio, PeerSeries peer, int size) {}

    /** What "all" threads means for a run that recorded {@code n} of them, or did not. */
    static String allThreads(Optional<String> n) {
        return n.map(t -> t.equals("1") ? "all = 1 thread" : t + " threads").orElse("all threads");
    }

    /** The chart's file name without extension, e.g. {@code peers-relu-forward}. */
    String chartName() {
        return "peers-" + kernel.kebab();
    }

    String label(PeerSeries s) {
        return s.label(allThreads);
    }

    boolean isMeasured() {
        return !series().isEmpty();
    }

    /** The lines the run measured, in {@link PeerSeries} order. */
    List<PeerSeries> series() {
        return Arrays.stream(PeerSeries.values()).filter(s -> !sizes(s).isEmpty()).toList();
    }

    /** The peers on all threads measured along with relu4j on all cores, which they are compared with too. */
    List<PeerSeries> allCoresPeers() {
        List<PeerSeries> measured = series();
        return measured.contains(PeerSeries.RELU4J_PARALLEL)
                ? measured.stream().filter(s -> !s.isRelu4j() && s.isMultiThreaded()).toList()
                : List.of();
    }

    /** The peers measured along with the relu4j line they are compared with. */
    List<PeerSeries> comparedPeers() {
        List<PeerSeries> measured = series();
        return measured.stream().filter(s -> !s.isRelu4j() && measured.contains(s.relu4j())).toList();
    }

    /** Every size any line was measured at, smallest first. */
    SortedSet<Integer> sizes() {
        TreeSet<Integer> sizes = new TreeSet<>();
        Arrays.stream(PeerSeries.values()).forEach(s -> sizes.addAll(sizes(s)));
        return sizes;
    }

    private SortedSet<Integer> sizes(PeerSeries s) {
        TreeSet<Integer> sizes = new TreeSet<>();
        results(s).forEach(r -> sizes.add(r.size()));
        return sizes;
    }

    /** The results of one line, at every size it was measured at. */
    private Stream<JmhResult> results(PeerSeries s) {
        return results.ofClass(s.benchmarkClass()).stream()
                .filter(r -> r.method().equals(s.method(kernel)) && r.param("threads").orElse("").equals(s.threads()));
    }

    /** ns per call. */
    Optional<Measurement> time(PeerSeries s, int size) {
        return results(s).filter(r -> r.size() == size).findFirst().map(JmhResult::score);
    }

    /** G elements/s. */
    Optional<Measurement> throughput(PeerSeries s, int size) {
        return time(s, size).map(t -> Throughput.gElementsPerSecond(t, size));
    }

    /** relu4j's speed-up over a peer: the peer's time over relu4j's. Above 1 relu4j is faster. */
    Optional<Measurement> speedUp(PeerSeries peer, int size) {
        return speedUp(peer, peer.relu4j(), size);
    }

    /** A relu4j line's speed-up over a peer: the peer's time over that line's. */
    Optional<Measurement> speedUp(PeerSeries peer, PeerSeries relu4j, int size) {
        return time(peer, size).flatMap(p -> time(relu4j, size).map(p::over));
    }

    /** The lowest speed-up over {@code peers} at {@code sizes}, if any of them was measured. */
    Optional<Lowest> lowestSpeedUp(Collection<PeerSeries> peers, Collection<Integer> sizes) {
        return peers.stream().flatMap(p -> sizes.stream()
                        .flatMap(size -> speedUp(p, size).map(r -> new Lowest(r, p, size)).stream()))
                .min(Comparator.comparingDouble(l -> l.ratio().value()));
    }
}
