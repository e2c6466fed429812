package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ThroughputTest {
    private static final double EXACT = 1e-12;

    @Test
    void nanosecondsPerCallToGigaElementsPerSecond() {
        // 16384 elements in 2048 ns: 8 elements per ns, 8e9 per s.
        Measurement t = Throughput.gElementsPerSecond(new Measurement(2048, 102.4), 16384);
        assertEquals(8.0, t.value(), EXACT);
        assertEquals(0.4, t.error(), EXACT);
    }

    @Test
    void gigaElementsPerSecondToGigabytesPerSecond() {
        // A float forward kernel moves 2 streams x 4 bytes per element.
        Measurement gbps = Throughput.gigabytesPerSecond(new Measurement(8, 0.4), 2 * Float.BYTES);
        assertEquals(64.0, gbps.value(), EXACT);
        assertEquals(3.2, gbps.error(), EXACT);
    }

    @Test
    void unknownErrorStaysUnknown() {
        Measurement t = Throughput.gElementsPerSecond(Measurement.of(16384, Double.NaN), 16384);
        assertEquals(1.0, t.value(), EXACT);
        assertFalse(Throughput.gigabytesPerSecond(t, 8).hasError());
    }

    @Test
    void kernelFiguresCountTheKernelsStreams() throws Exception {
        Results results = new Results(JmhJson.parse(Sample.text("kernels.json")));
        KernelFigures backward = new KernelFigures(ElementType.FLOAT, Kernel.RELU_BACKWARD, results);
        // 16384 elements in 3200 ns = 5.12 G el/s, x 3 streams x 4 B.
        assertEquals(12, backward.bytesPerElement());
        assertEquals(61.44, backward.vectorGigabytesPerSecond(16384).orElseThrow().value(), 1e-9);
        // add: 16384 elements in 3072 ns.
        assertEquals(64.0, backward.boundGigabytesPerSecond(16384).orElseThrow().value(), 1e-9);
    }
}
