package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JmhJsonTest {

    private static JmhResult only(List<JmhResult> results, String method, int size) {
        return results.stream().filter(r -> r.method().equals(method) && r.size() == size).findFirst().orElseThrow();
    }

    @Test
    void readsEveryEntry() throws IOException {
        assertEquals(12, JmhJson.parse(Sample.text("kernels.json")).size());
    }

    @Test
    void splitsBenchmarkIntoClassAndMethod() throws IOException {
        JmhResult r = JmhJson.parse(Sample.text("kernels.json")).getFirst();
        assertEquals("io.github.relu4j.bench.FloatKernelsBenchmark.copy", r.benchmark());
        assertEquals("FloatKernelsBenchmark", r.className());
        assertEquals("copy", r.method());
        assertEquals("FloatKernelsBenchmark.copy", r.shortName());
    }

    @Test
    void readsParamsInOrder() throws IOException {
        JmhResult r = only(JmhJson.parse(Sample.text("kernels.json")), "reluForwardVector", 16384);
        assertEquals(List.of("data", "size"), List.copyOf(r.params().keySet()));
        assertEquals(Optional.of("random"), r.param("data"));
        assertEquals(16384, r.size());
        assertEquals("data=random", r.paramsText(Set.of("size")));
    }

    @Test
    void readsScoreErrorAndUnit() throws IOException {
        JmhResult r = only(JmhJson.parse(Sample.text("kernels.json")), "reluForwardVector", 16384);
        assertEquals(2048.0, r.score().value());
        assertEquals(102.4, r.score().error());
        assertTrue(r.score().hasError());
        assertEquals("ns/op", r.unit());
    }

    @Test
    void nanErrorStringIsAnUnknownError() throws IOException {
        JmhResult r = only(JmhJson.parse(Sample.text("kernels.json")), "reluForwardTernary", 16384);
        assertEquals(16384.0, r.score().value());
        assertFalse(r.score().hasError());
    }

    @Test
    void readsRunInfo() throws IOException {
        RunInfo run = JmhJson.parse(Sample.text("kernels.json")).getFirst().run();
        assertEquals(new RunInfo("1.37", "25.0.3", "OpenJDK 64-Bit Server VM", "25.0.3+9-LTS",
                List.of("--add-modules", "jdk.incubator.vector")), run);
    }

    @Test
    void secondaryMetricsLoseTheMiddleDot() throws IOException {
        List<JmhResult> gc = JmhJson.parse(Sample.text("gc.json"));
        JmhResult r = only(gc, "reluForwardVector", 16384);
        assertTrue(r.secondary().containsKey("gc.count"));
        assertFalse(r.secondary().keySet().stream().anyMatch(k -> k.startsWith("\u00B7")));
        assertEquals(Optional.of(new Measurement(0.001, 0.0003)), r.allocationPerCall());
        assertFalse(only(gc, "reluForwardVector", 1024).allocationPerCall().orElseThrow().hasError());
    }

    @Test
    void aBenchmarkWithoutParamsHasNone() {
        String json = """
                [{"jmhVersion":"1.37","benchmark":"a.B.c","mode":"thrpt","threads":1,"forks":1,
                  "jvmArgs":[],"jdkVersion":"25","vmName":"VM","vmVersion":"25",
                  "primaryMetric":{"score":3.5,"scoreError":"NaN","scoreUnit":"ops/s"},
                  "secondaryMetrics":{}}]
                """;
        JmhResult r = JmhJson.parse(json).getFirst();
        assertTrue(r.params().isEmpty());
        assertEquals("B", r.className());
        assertEquals(3.5, r.score().value());
        assertEquals("ops/s", r.unit());
    }
}
