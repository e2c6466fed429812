package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JmhJsonTest {
    @Test
    void readsTheKernelsSample() throws Exception {
        List<JmhResult> results = JmhJson.parse(Sample.text("kernels.json"));
        assertFalse(results.isEmpty());
        assertEquals(Set.of("vector", "scalar", "plain", "copy", "vectorCopy", "add", "reluMathMax",
                "leakyReluMaxOfProduct"), Set.copyOf(Run.distinct(results, JmhResult::method)));
        assertEquals(List.of("relu", "hardtanh"), Run.distinct(
                results.stream().filter(r -> !r.param("kernel").isEmpty()).toList(), r -> r.param("kernel")));
        JmhResult first = results.getFirst();
        assertEquals("KernelsBenchmark", first.className());
        assertEquals("ns/op", first.unit());
        assertTrue(first.score().value() > 0);
        assertFalse(first.jvmArgs().isEmpty());
        assertEquals("1.37", first.jmhVersion());
    }

    @Test
    void readsTheAllocationMetricWithoutItsMiddleDot() throws Exception {
        List<JmhResult> results = JmhJson.parse(Sample.text("gc.json"));
        assertTrue(results.stream().allMatch(r -> r.secondary().containsKey(JmhResult.ALLOCATION_PER_CALL)));
    }

    @Test
    void anErrorJmhCouldNotComputeIsUnknown() {
        String json = "[" + Sample.result("KernelsBenchmark.copy", Map.of("size", "1024"), 512, Double.NaN) + "]";
        JmhResult r = JmhJson.parse(json).getFirst();
        assertFalse(r.score().hasError());
        assertEquals(2.0, r.throughput().value(), 1e-12);
        assertEquals("", r.param("kernel"));
    }

    @Test
    void convertsOtherTimeUnitsToNanoseconds() {
        String json = "[" + Sample.result("KernelsBenchmark.copy", Map.of("size", "1000"), 2, 0.5)
                .replace("ns/op", "us/op") + "]";
        JmhResult r = JmhJson.parse(json).getFirst();
        assertEquals(2000, r.nanos().value(), 1e-9);
        assertEquals(500, r.nanos().error(), 1e-9);
        assertEquals(0.5, r.throughput().value(), 1e-12);
    }
}
