package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peers figures of the sample's {@code peers.json}: ReLU forward at 1 Ki and 16 Ki, every
 * error 5 % but ONNX Runtime's at 16 Ki, which is unknown.
 */
class PeersTest {
    private static final double EXACT = 1e-9;
    /** Two independent 5 % errors in quadrature. */
    private static final double TWO_FIVE_PERCENT = Math.hypot(0.05, 0.05);

    private static PeerFigures reluForward() throws IOException {
        return new PeerFigures(Kernel.RELU_FORWARD, new Results(JmhJson.parse(Sample.text("peers.json"))),
                "2 threads");
    }

    @Test
    void labelsNameTheThreads() {
        assertEquals("relu4j (float[])", PeerSeries.RELU4J_ARRAY.label("2 threads"));
        assertEquals("C via FFM", PeerSeries.C.label("2 threads"));
        assertEquals("PyTorch (1 thread)", PeerSeries.PYTORCH_ONE.label("2 threads"));
        assertEquals("ONNX Runtime (2 threads)", PeerSeries.ONNX_ALL.label("2 threads"));
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
    }

    @Test
    void measuredLinesOnly() throws IOException {
        PeerFigures f = reluForward();
        assertEquals(List.of(PeerSeries.RELU4J_ARRAY, PeerSeries.RELU4J_SEGMENT, PeerSeries.C, PeerSeries.PYTORCH_ONE,
                PeerSeries.PYTORCH_ALL, PeerSeries.ONNX_ONE), f.series());
        assertEquals(List.of(PeerSeries.C, PeerSeries.PYTORCH_ONE, PeerSeries.PYTORCH_ALL, PeerSeries.ONNX_ONE),
                f.comparedPeers());
        assertEquals(List.of(1024, 16384), List.copyOf(f.sizes()));
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
    }

    @Test
    void onlyMeasuredKernelsHaveFigures(@TempDir Path dir) throws IOException {
        ResultsDirectory run = ResultsDirectory.read(Sample.copyTo(dir));
        assertEquals(List.of(Kernel.RELU_FORWARD), run.peerFigures().stream().map(PeerFigures::kernel).toList());
        assertEquals("2 threads", run.peerFigures().getFirst().allThreads());
        assertEquals("peers-relu-forward", run.peerFigures().getFirst().chartName());
    }
}
