package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * The sample's {@code parallel.json}: ReLU forward at 1 Ki (single 97 ns, parallel 100 ns, a 3 %
 * regression) and at 1 Mi (parallel twice as fast), every error 5 %.
 */
class MultiCoreTest {
    private static final double EXACT = 1e-9;
    /** Two independent 5 % errors in quadrature. */
    private static final double TWO_FIVE_PERCENT = Math.hypot(0.05, 0.05);

    private static ParallelFigures reluForward() throws IOException {
        return new ParallelFigures(Kernel.RELU_FORWARD, new Results(JmhJson.parse(Sample.text("parallel.json"))));
    }

    @Test
    void figuresByMethodAndSize() throws IOException {
        ParallelFigures f = reluForward();
        assertEquals(List.of(1024, 1048576), List.copyOf(f.sizes()));
        assertEquals(1024 / 97.0, f.single(1024).orElseThrow().value(), EXACT);
        assertEquals(16.0, f.parallel(1048576).orElseThrow().value(), EXACT);
        // Forward: 8 bytes per element, as the copy's.
        assertEquals(128.0, f.parallelGigabytesPerSecond(1048576).orElseThrow().value(), EXACT);
        assertEquals(64.0, f.copyGigabytesPerSecond(1048576).orElseThrow().value(), EXACT);
        Measurement below = f.parallelOverSingle(1024).orElseThrow();
        assertEquals(0.97, below.value(), EXACT);
        assertEquals(0.97 * TWO_FIVE_PERCENT, below.error(), EXACT);
        assertEquals(2.0, f.parallelOverSingle(1048576).orElseThrow().value(), EXACT);
        assertTrue(f.parallel(16384).isEmpty());
        assertEquals("multicore-relu-forward", f.chartName());
    }

    @Test
    void methodsFollowTheKernel() {
        ParallelFigures f = new ParallelFigures(Kernel.RELU_BACKWARD, new Results(List.of()));
        assertEquals("reluBackwardParallel", f.parallelMethod());
        assertEquals("reluBackwardSingle", f.singleMethod());
        assertTrue(f.parallelGigabytesPerSecond(1024).isEmpty());
        assertFalse(f.isMeasured());
    }

    @Test
    void onlyMeasuredKernelsHaveFigures(@TempDir Path dir) throws IOException {
        ResultsDirectory run = ResultsDirectory.read(Sample.copyTo(dir));
        assertEquals(List.of(Kernel.RELU_FORWARD), run.parallelFigures().stream().map(ParallelFigures::kernel).toList());
    }

    @Test
    void noRegressionIsMetFrom098AndWithinErrorWhenTheIntervalReachesIt() {
        assertEquals("met", MultiCoreTargets.noRegression(new Measurement(0.98, 0.1)));
        assertEquals("met", MultiCoreTargets.noRegression(new Measurement(1.05, Double.NaN)));
        // 0.97 is 1.0 % short of 0.98.
        assertEquals("missed by 1.0 % (within error)", MultiCoreTargets.noRegression(new Measurement(0.97, 0.01)));
        assertEquals("missed by 1.0 %", MultiCoreTargets.noRegression(new Measurement(0.97, 0.009)));
        assertEquals("missed by 1.0 %", MultiCoreTargets.noRegression(new Measurement(0.97, Double.NaN)));
        assertEquals("missed by 10.2 %", MultiCoreTargets.noRegression(new Measurement(0.88, 0.05)));
    }

    @Test
    void pyTorchTargetComparesTheAllCoresLines() throws IOException {
        PeerFigures peers = new PeerFigures(Kernel.RELU_FORWARD, new Results(JmhJson.parse(Sample.text("peers.json"))),
                "2 threads");
        // PyTorch on 2 threads 98304 ns over relu4j on all cores 65536 ns.
        Measurement r = MultiCoreTargets.pyTorchOverParallel(peers, 1048576).orElseThrow();
        assertEquals(1.5, r.value(), EXACT);
        assertEquals(1.5 * TWO_FIVE_PERCENT, r.error(), EXACT);
        assertTrue(MultiCoreTargets.pyTorchOverParallel(peers, 16777216).isEmpty());
    }

    @Test
    void chartHasParallelSingleAndTheCopy() throws IOException {
        XYChart chart = Charts.chart(reluForward());
        assertEquals(List.of("Parallel", "Single", "System.arraycopy (1 thread)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals("float ReLU forward — every core against one, throughput vs size", chart.getTitle());
        assertArrayEquals(new double[] {10, 20}, chart.getSeriesMap().get("Parallel").getXData(), EXACT);
        assertArrayEquals(new double[] {10.24, 16}, chart.getSeriesMap().get("Parallel").getYData(), EXACT);
        assertArrayEquals(new double[] {16, 8}, chart.getSeriesMap().get("System.arraycopy (1 thread)").getYData(),
                EXACT);
    }
}
