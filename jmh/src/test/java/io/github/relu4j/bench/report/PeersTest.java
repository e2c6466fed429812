package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * The peers figures of the sample's {@code peers.json}: ReLU forward at 1 Ki and 16 Ki, every
 * error 5 % but ONNX Runtime's at 16 Ki, which is unknown; relu4j on all cores and PyTorch on all
 * threads at 1 Mi.
 */
class PeersTest {
    private static final double EXACT = 1e-9;
    /** Two independent 5 % errors in quadrature. */
    private static final double TWO_FIVE_PERCENT = Math.hypot(0.05, 0.05);

    private static PeerFigures reluForward() throws IOException {
        return new PeerFigures(Kernel.RELU_FORWARD, new Results(JmhJson.parse(Sample.text("peers.json"))),
                "2 threads");
    }

    private static void assertLowest(double ratio, double error, PeerSeries peer, int size,
            Optional<PeerFigures.Lowest> lowest) {
        PeerFigures.Lowest l = lowest.orElseThrow();
        assertEquals(ratio, l.ratio().value(), EXACT);
        assertEquals(error, l.ratio().error(), EXACT);
        assertEquals(peer, l.peer());
        assertEquals(size, l.size());
    }

    @Test
    void labelsNameTheThreads() {
        assertEquals("relu4j (float[])", PeerSeries.RELU4J_ARRAY.label("2 threads"));
        assertEquals("C via FFM", PeerSeries.C.label("2 threads"));
        assertEquals("PyTorch (1 thread)", PeerSeries.PYTORCH_ONE.label("2 threads"));
        assertEquals("ONNX Runtime (2 threads)", PeerSeries.ONNX_ALL.label("2 threads"));
        assertEquals("relu4j (all cores)", PeerSeries.RELU4J_PARALLEL.label("2 threads"));
        assertEquals("2 threads", PeerFigures.allThreads(Optional.of("2")));
        assertEquals("all = 1 thread", PeerFigures.allThreads(Optional.of("1")));
        assertEquals("all threads", PeerFigures.allThreads(Optional.empty()));
    }

    @Test
    void methodsAndTheRelu4jLineEachPeerIsComparedWith() {
        assertEquals("leakyReluBackwardNative", PeerSeries.RELU4J_SEGMENT.method(Kernel.LEAKY_RELU_BACKWARD));
        assertEquals("reluForward", PeerSeries.ONNX_ONE.method(Kernel.RELU_FORWARD));
        assertEquals(PeerSeries.RELU4J_SEGMENT, PeerSeries.C.relu4j());
        assertEquals(PeerSeries.RELU4J_ARRAY, PeerSeries.PYTORCH_ALL.relu4j());
        assertEquals(PeerSeries.RELU4J_ARRAY, PeerSeries.ONNX_ONE.relu4j());
        assertEquals("reluBackwardParallel", PeerSeries.RELU4J_PARALLEL.method(Kernel.RELU_BACKWARD));
        assertTrue(PeerSeries.RELU4J_PARALLEL.isRelu4j());
        assertTrue(PeerSeries.RELU4J_PARALLEL.isMultiThreaded());
        assertEquals(List.of(PeerSeries.C, PeerSeries.PYTORCH_ONE, PeerSeries.PYTORCH_ALL, PeerSeries.ONNX_ONE,
                PeerSeries.ONNX_ALL), PeerSeries.peers());
    }

    @Test
    void measuredLinesOnly() throws IOException {
        PeerFigures f = reluForward();
        assertEquals(List.of(PeerSeries.RELU4J_ARRAY, PeerSeries.RELU4J_SEGMENT, PeerSeries.RELU4J_PARALLEL,
                PeerSeries.C, PeerSeries.PYTORCH_ONE, PeerSeries.PYTORCH_ALL, PeerSeries.ONNX_ONE), f.series());
        assertEquals(List.of(PeerSeries.C, PeerSeries.PYTORCH_ONE, PeerSeries.PYTORCH_ALL, PeerSeries.ONNX_ONE),
                f.comparedPeers());
        assertEquals(List.of(PeerSeries.PYTORCH_ALL), f.allCoresPeers());
        assertEquals(List.of(1024, 16384, 1048576), List.copyOf(f.sizes()));
        assertTrue(f.time(PeerSeries.ONNX_ALL, 1024).isEmpty());
    }

    @Test
    void speedUpIsThePeersTimeOverRelu4js() throws IOException {
        PeerFigures f = reluForward();
        // C 921.6 ns over relu4j on a native segment 102.4 ns, not over relu4j on float[] (128 ns).
        Measurement c = f.speedUp(PeerSeries.C, 1024).orElseThrow();
        assertEquals(9.0, c.value(), EXACT);
        assertEquals(9.0 * TWO_FIVE_PERCENT, c.error(), EXACT);
        // PyTorch on one thread 5120 ns over relu4j on float[] 128 ns.
        assertEquals(40.0, f.speedUp(PeerSeries.PYTORCH_ONE, 1024).orElseThrow().value(), EXACT);
        // An unknown error stays unknown: ONNX Runtime 3072 ns over 2048 ns.
        Measurement onnx = f.speedUp(PeerSeries.ONNX_ONE, 16384).orElseThrow();
        assertEquals(1.5, onnx.value(), EXACT);
        assertTrue(Double.isNaN(onnx.error()));
        assertEquals(16.0, f.throughput(PeerSeries.PYTORCH_ALL, 16384).orElseThrow().value(), EXACT);
        // At 1 Mi PyTorch on 2 threads (98304 ns) meets relu4j on all cores (65536 ns) only.
        Measurement allCores = f.speedUp(PeerSeries.PYTORCH_ALL, PeerSeries.RELU4J_PARALLEL, 1048576).orElseThrow();
        assertEquals(1.5, allCores.value(), EXACT);
        assertEquals(1.5 * TWO_FIVE_PERCENT, allCores.error(), EXACT);
        assertTrue(f.speedUp(PeerSeries.PYTORCH_ALL, 1048576).isEmpty());
    }

    @Test
    void targetsTakeTheLowestOverTheirPeersAndSizes() throws IOException {
        PeerFigures f = reluForward();
        // At 1 Ki: C 9, ONNX Runtime 12, PyTorch on 2 threads 20, on 1 thread 40.
        assertLowest(9.0, 9.0 * TWO_FIVE_PERCENT, PeerSeries.C, 1024, PeerTargets.atCallSize(f));
        // One thread, both sizes: PyTorch 40 and 2, ONNX Runtime 12 and 1.5 (error unknown).
        assertLowest(1.5, Double.NaN, PeerSeries.ONNX_ONE, 16384, PeerTargets.singleThreaded(f));
        // From 16 Ki only: 2048 ns over 1638.4 ns; the 9 at 1 Ki does not count.
        assertLowest(1.25, 1.25 * TWO_FIVE_PERCENT, PeerSeries.C, 16384, PeerTargets.againstC(f));
        // PyTorch on 2 threads: 20 at 1 Ki, 0.5 at 16 Ki.
        assertLowest(0.5, 0.5 * TWO_FIVE_PERCENT, PeerSeries.PYTORCH_ALL, 16384, PeerTargets.multiThreadedGap(f));
    }

    @Test
    void cTargetStartsAt16Ki() throws IOException {
        // The C loops twice as fast as relu4j at 1 Ki (51.2 ns against 102.4 ns) miss nothing.
        JmhResult fastC = new JmhResult("io.github.relu4j.peers.NativeCBenchmark.reluForward",
                new LinkedHashMap<>(Map.of("size", "1024")), new Measurement(51.2, 2.56), "ns/op", Map.of(),
                new RunInfo("1.37", "25", "VM", "25", List.of()));
        List<JmhResult> results = new ArrayList<>(List.of(fastC));
        JmhJson.parse(Sample.text("peers.json")).stream()
                .filter(r -> !(r.className().equals("NativeCBenchmark") && r.size() == 1024)).forEach(results::add);
        PeerFigures f = new PeerFigures(Kernel.RELU_FORWARD, new Results(results), "2 threads");
        assertLowest(1.25, 1.25 * TWO_FIVE_PERCENT, PeerSeries.C, 16384, PeerTargets.againstC(f));
        assertLowest(0.5, 0.5 * TWO_FIVE_PERCENT, PeerSeries.C, 1024, PeerTargets.atCallSize(f));
    }

    @Test
    void aTargetWithoutItsPeerIsNotMeasured() throws IOException {
        List<JmhResult> withoutC = JmhJson.parse(Sample.text("peers.json")).stream()
                .filter(r -> !r.className().equals("NativeCBenchmark")).toList();
        PeerFigures f = new PeerFigures(Kernel.RELU_FORWARD, new Results(withoutC), "2 threads");
        assertTrue(PeerTargets.againstC(f).isEmpty());
        // Without C, ONNX Runtime on one thread is the closest peer at 1 Ki: 1536 ns over 128 ns.
        assertLowest(12.0, 12.0 * TWO_FIVE_PERCENT, PeerSeries.ONNX_ONE, 1024, PeerTargets.atCallSize(f));
        assertTrue(PeerTargets.atCallSize(new PeerFigures(Kernel.LEAKY_RELU_FORWARD, f.results(), "")).isEmpty());
    }

    @Test
    void onlyMeasuredKernelsHaveFigures(@TempDir Path dir) throws IOException {
        ResultsDirectory run = ResultsDirectory.read(Sample.copyTo(dir));
        assertEquals(List.of(Kernel.RELU_FORWARD), run.peerFigures().stream().map(PeerFigures::kernel).toList());
        assertEquals("2 threads", run.peerFigures().getFirst().allThreads());
        assertEquals("peers-relu-forward", run.peerFigures().getFirst().chartName());
    }

    @Test
    void chartHasOneLinePerMeasuredSeries() throws IOException {
        XYChart chart = Charts.chart(reluForward());
        assertEquals(List.of("relu4j (float[])", "relu4j (native segment)", "relu4j (all cores)", "C via FFM",
                "PyTorch (1 thread)", "PyTorch (2 threads)", "ONNX Runtime (1 thread)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals("float ReLU forward — relu4j and peers, throughput vs size", chart.getTitle());
        assertArrayEquals(new double[] {10, 14}, chart.getSeriesMap().get("PyTorch (1 thread)").getXData(), EXACT);
        // 1024 / 5120 ns and 16384 / 4096 ns.
        assertArrayEquals(new double[] {0.2, 4}, chart.getSeriesMap().get("PyTorch (1 thread)").getYData(), EXACT);
    }

    @Test
    void conversionsInMicrosecondsAndGigabytesPerSecond() throws IOException {
        Results peers = new Results(JmhJson.parse(Sample.text("peers.json")));
        Measurement t = PeerConversions.time(peers, PeerConversions.Conversion.PYTORCH_FROM, 16384).orElseThrow();
        assertEquals(6553.6, t.value(), EXACT);
        // 16384 floats × 4 B in 6553.6 ns.
        Measurement gbps = PeerConversions.gigabytesPerSecond(t, 16384);
        assertEquals(10.0, gbps.value(), EXACT);
        assertEquals(0.5, gbps.error(), EXACT);
        assertTrue(PeerConversions.time(peers, PeerConversions.Conversion.ONNX_TO, 16384).isEmpty());
    }
}
