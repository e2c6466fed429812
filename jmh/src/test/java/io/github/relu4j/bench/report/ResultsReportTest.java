package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {
    @TempDir
    Path dir;

    private String page() throws IOException {
        ResultsReport.write(dir);
        return Files.readString(dir.resolve("README.md"));
    }

    @Test
    void theSectionsComeInOrder() throws IOException {
        String page = samplePage();
        assertTrue(page.startsWith("# relu4j benchmark results\n"));
        List<String> headings = List.of("## F32", "### F32 forward",
                "### F32 backward", "## F64", "## Bounds and other loops", "## Charts", "## Branch prediction",
                "## Allocation", "## Multi-core", "## Peers", "### 16-bit formats", "### Conversions", "## How to read");
        int at = -1;
        for (String h : headings) {
            int next = page.indexOf("\n" + h, at + 1);
            assertTrue(next > at, h + " missing or out of order");
            at = next;
        }
    }

    private String samplePage() throws IOException {
        Sample.copyTo(dir);
        return page();
    }

    @Test
    void theHeaderQuotesTheCommandSoItPastesBack() throws IOException {
        String page = samplePage();
        assertTrue(page.contains("| CPU | "), page);
        assertTrue(page.contains("| command | `./bench --peers '.*\\.vector$'` |"), page);
        assertEquals("./bench --full 'it'\\''s' '(a|b)'", Page.shellCommand("./bench --full it's (a|b)"));
        assertEquals("./bench", Page.shellCommand("./bench"));
    }

    @Test
    void everyMeasuredKernelHasARowWithItsRatios() throws IOException {
        String page = samplePage();
        String forward = section(page, "### F32 forward");
        assertTrue(forward.contains("1 Ki: vector, G el/s | 1 Ki: ÷ copy | 1 Ki: ÷ scalar | 1 Ki: ÷ plain"), forward);
        assertTrue(forward.contains("| relu | "), forward);
        assertTrue(forward.contains("| hardtanh | "), forward);
        assertTrue(section(page, "### F32 backward").contains("÷ add"));
    }

    @Test
    void aKernelTheCodeDoesNotKnowAppearsEverywhere() throws IOException {
        Sample.copyTo(dir);
        for (String file : List.of("kernels.json", "skewed.json", "gc.json", "parallel.json")) {
            Sample.addKernel(dir.resolve(file), "relu", "softishPlus");
        }
        String page = page();
        for (String section : List.of("### F32 forward", "### F64 backward", "## Branch prediction", "## Allocation",
                "## Multi-core")) {
            assertTrue(section(page, section).contains("| softishPlus |"), section + " lacks the new kernel");
        }
        Run run = Run.read(dir);
        assertTrue(Charts.chart("", Page.chartLines(run, "F64", "backward"), true).getSeriesMap()
                .containsKey("softishPlus"));
    }

    @Test
    void ratiosAreOfTheSameRunWithErrorsInQuadrature() throws IOException {
        String kernel = "KernelsBenchmark.";
        Map<String, String> v = Map.of("kernel", "relu", "pass", "forward", "format", "F32", "size", "1000",
                "data", "random");
        Map<String, String> bound = Map.of("format", "F32", "size", "1000", "data", "random");
        Files.writeString(dir.resolve("kernels.json"), "[" + String.join(",",
                Sample.result(kernel + "vector", v, 1000, 30),
                Sample.result(kernel + "scalar", v, 40000, 1600),
                Sample.result(kernel + "copy", bound, 800, 8)) + "]");
        String page = page();
        // 1 G el/s; copy 1.25 G el/s, so vector ÷ copy = 0.8 ± 0.8·√(0.03² + 0.01²) = 0.8 ± 0.025.
        assertTrue(page.contains("| relu | 1.00 ± 0.03 | 0.80 ± 0.03 | 40.0 ± 2.0 |  |"), page);
        // The loops table: relu ÷ copy.
        assertTrue(page.contains("| `copy` | 1.25 ± 0.01 | 0.80 ± 0.03 |"), page);
    }

    /** A portable run whose results are the vector kernels' own: every vector ÷ portable is 1. */
    @Test
    void thePortableKernelsGetTheirOwnSection() throws IOException {
        Sample.copyTo(dir);
        String kernels = Files.readString(dir.resolve("kernels.json"));
        Files.writeString(dir.resolve("portable.json"), kernels.replace("KernelsBenchmark.vector\"",
                "KernelsBenchmark.portable\""));
        String section = section(page(), "## Without the Vector API module");
        assertTrue(section.contains("| F32 | relu | forward | 1 Ki | "), section);
        assertTrue(section.contains("| 1.00 ± "), section);
        assertFalse(section.contains("not measured"), section);
    }

    @Test
    void sizesAreLabelledWithTheCacheTheirStreamsFitIn() throws IOException {
        Sample.copyTo(dir);
        Files.writeString(dir.resolve("machine.properties"), "cache.l1d=48K\ncache.l2=2048K\ncache.l3=32M\n",
                java.nio.file.StandardOpenOption.APPEND);
        String page = page();
        assertTrue(page.contains("| caches (cpu0, as the OS reports them) | L1d 48K, L2 2048K, L3 32M |"), page);
        // 1 Ki floats forward: x and y, 8 KiB.
        assertTrue(section(page, "### F32 forward").contains("1 Ki (L1): vector, G el/s"), page);
        assertEquals(" (L1)", Page.level(Run.read(dir), 2048, "F64", "backward")); // 48 KiB: x, dy, dx
        assertEquals(" (L2)", Page.level(Run.read(dir), 2048 + 1, "F64", "backward"));
        assertEquals(" (L2)", Page.level(Run.read(dir), 16384, "F64", "backward")); // 384 KiB
        assertEquals(" (L3)", Page.level(Run.read(dir), 1 << 20, "F64", "backward")); // 24 MiB
        assertEquals(" (memory)", Page.level(Run.read(dir), 4 << 20, "F64", "forward")); // 64 MiB
    }

    @Test
    void targetsAreMetMissedOrWithinNoiseByTheirIntervals() {
        assertEquals("met", new Targets.Target("", "", new Measurement(1.0, 0.04), 0.95).verdict());
        assertEquals("met", new Targets.Target("", "", new Measurement(0.99, 0.04), 0.95).verdict());
        assertEquals("within noise", new Targets.Target("", "", new Measurement(0.98, 0.04), 0.95).verdict());
        assertEquals("within noise", new Targets.Target("", "", new Measurement(0.92, 0.04), 0.95).verdict());
        assertEquals("missed by 16%", new Targets.Target("", "", new Measurement(0.80, 0.04), 0.95).verdict());
        assertEquals("missed by 10%", new Targets.Target("", "", new Measurement(4.5, Double.NaN), 5).verdict());
    }

    @Test
    void theTargetsSectionHoldsEachKernelAgainstTheFasterCopyInTheCaches() throws IOException {
        String kernel = "KernelsBenchmark.";
        Map<String, String> relu = Map.of("kernel", "relu", "pass", "forward", "format", "F32", "size", "1024",
                "data", "random");
        Map<String, String> big = Map.of("kernel", "relu", "pass", "forward", "format", "F32", "size", "67108864",
                "data", "random");
        Map<String, String> bound = Map.of("format", "F32", "size", "1024", "data", "random");
        Map<String, String> bigBound = Map.of("format", "F32", "size", "67108864", "data", "random");
        Files.writeString(dir.resolve("kernels.json"), "[" + String.join(",",
                Sample.result(kernel + "vector", relu, 100, 1),
                Sample.result(kernel + "copy", bound, 80, 1),
                Sample.result(kernel + "vectorCopy", bound, 50, 1),
                Sample.result(kernel + "vector", big, 1000, 50),
                Sample.result(kernel + "vectorCopy", bigBound, 960, 10),
                Sample.result(kernel + "reluMathMax", bigBound, 1100, 10)) + "]");
        Files.writeString(dir.resolve("machine.properties"), "cache.l1d=48K\ncache.l2=2048K\ncache.l3=32M\n");
        String targets = section(page(), "## Targets");
        // The faster copy is vectorCopy: 50 / 100 = 0.50, missed by 47%.
        assertTrue(targets.contains("| F32 relu forward ÷ faster of `copy`, `vectorCopy` | 1 Ki (L1) | 0.50 ± 0.01 "
                + "| 0.95 | missed by 47% |"), targets);
        assertTrue(targets.contains("| F32 relu forward ÷ `vectorCopy` | 64 Mi (memory) | 0.96 ± 0.05 | 0.95 "
                + "| within noise |"), targets);
        assertTrue(targets.contains("| F32 relu forward ÷ `reluMathMax` | 64 Mi (memory) | 1.10 ± 0.06 | 1 | met |"),
                targets);
        assertTrue(targets.contains("0 met, 0 within noise, 1 missed."), targets);
    }

    /**
     * PReLU against its references of the same file: forward ÷ Leaky ReLU forward, the fused
     * backward ÷ {@code add} on one thread, and on two at 4 Mi only; no target for the shared
     * forward (the targets name channels first and last).
     */
    @Test
    void preluIsHeldAgainstLeakyReluAndTheBoundOfItsOwnRun() throws IOException {
        String b = "PreluBenchmark.";
        Map<String, String> small = Map.of("format", "F32", "size", "16384");
        Map<String, String> large = Map.of("format", "F32", "size", "4194304");
        Files.writeString(dir.resolve("prelu.json"), "[" + String.join(",",
                Sample.result(b + "leakyForward", small, 2000, 20),
                gc(Sample.result(b + "forward", prelu(small, "nchw"), 2000, 20), 0.01),
                Sample.result(b + "forward", prelu(small, "nhwc"), 2500, 25),
                Sample.result(b + "forward", prelu(small, "shared"), 2500, 25),
                Sample.result(b + "add", small, 3000, 30),
                Sample.result(b + "backward", prelu(small, "nchw"), 3200, 320),
                Sample.result(b + "backwardParallel", prelu(small, "nchw"), 3000, 30),
                gc(Sample.result(b + "add", large, 3e6, 3e4), 200),
                gc(Sample.result(b + "backward", prelu(large, "nchw"), 6e6, 6e4), 12000),
                gc(Sample.result(b + "backwardParallel", prelu(large, "nchw"), 1.5e6, 1.5e4), 96)) + "]");
        String page = page();
        String targets = section(page, "## Targets");
        // 2000 / 2000 = 1.00 ± √2 %; 2000 / 2500 = 0.80, missed by (0.95 - 0.8) / 0.95 = 16%.
        assertTrue(targets.contains("| F32 PReLU forward nchw ÷ Leaky ReLU forward | 16 Ki | 1.00 ± 0.01 | 0.95 | met |"),
                targets);
        assertTrue(targets.contains("| F32 PReLU forward nhwc ÷ Leaky ReLU forward | 16 Ki | 0.80 ± 0.01 | 0.95 "
                + "| missed by 16% |"), targets);
        assertFalse(targets.contains("forward shared"), targets);
        // 3000 / 3200 = 0.94 ± 0.09: holds 0.9.
        assertTrue(targets.contains("| F32 PReLU backward (dx + dw) nchw ÷ `add` (x + dy) | 16 Ki | 0.94 ± 0.09 | 0.9 "
                + "| within noise |"), targets);
        assertTrue(targets.contains("| F32 PReLU backward (dx + dw), 2 threads nchw ÷ `add` (x + dy) | 4 Mi "
                + "| 2.00 ± 0.03 | 1.5 | met |"), targets);
        assertEquals(1, targets.lines().filter(l -> l.startsWith("| F32") && l.contains("2 threads")).count(), targets);
        String section = section(page, "## PReLU");
        assertTrue(page.indexOf("\n## PReLU") < page.indexOf("\n## How to read"), page);
        assertTrue(section.contains("Shapes: NCHW samples of [64, 256] (64 channels of 256 elements; 16 Ki a sample); "
                + "NHWC rows of 64 channels; one slope for every element (shared)."), section);
        // 16384 elements in 2000 ns: 8.19 G el/s; the allocation figure beside it.
        assertTrue(section.contains("| forward | nchw | 8.19 ± 0.08 | 1.00 ± 0.01 | 0.010 ± 1.000 |  |  |  |"), section);
        assertTrue(section.contains("| Leaky ReLU forward |  | 8.19 ± 0.08 |  |  |  |  |  |"), section);
        // JMH's share at 4 Mi: add's 200 B/op at 3 ms a call, so 400 B/op at 6 ms and 100 B/op at 1.5 ms.
        assertTrue(section.contains("On one thread, 1 of the 2 figures: F32 backward (dx + dw) nchw at 4 Mi (12000 B/op)."),
                section);
        assertTrue(section.contains("On two threads, none of the 1 figures: nothing escapes a call."), section);
        Run run = Run.read(dir);
        JmhResult parallel = run.prelu().getLast();
        assertEquals(100, PreluPage.harnessShare(run, parallel), 1e-9);
        assertFalse(PreluPage.allocates(run, parallel));
    }

    /**
     * The 16-bit formats against the float kernel and the copies of their own file: on the Xeon of
     * results/, 16 Ki shorts (x and y, 64 KiB) are in L2 and 480 Mi beyond the 480 MiB L3; in L2
     * the faster copy is the reference, beyond it the copy with normal stores.
     */
    @Test
    void the16BitFormatsAreHeldAgainstTheFloatKernelAndTheCopyOfTheirOwnRun() throws IOException {
        String b = "HalfBenchmark.";
        String small = "16384";
        String large = "503316480";
        Files.writeString(dir.resolve("half.json"), "[" + String.join(",",
                Sample.result(b + "vector", half("BF16", "relu", small), 1250, 12.5),
                Sample.result(b + "f32", Map.of("size", small, "kernel", "relu"), 2500, 25),
                Sample.result(b + "copy", Map.of("size", small), 1000, 10),
                Sample.result(b + "vectorCopy", Map.of("size", small), 1250, 10)) + "]");
        Files.writeString(dir.resolve("half-memory.json"), "[" + String.join(",",
                Sample.result(b + "vector", half("BF16", "relu", large), 400e6, 4e6),
                Sample.result(b + "vector", half("F16", "leakyRelu", large), 1600e6, 16e6),
                Sample.result(b + "vector", half("F16", "relu", large), 400e6, 4e6),
                Sample.result(b + "f32", Map.of("size", large, "kernel", "relu"), 800e6, 8e6),
                Sample.result(b + "f32", Map.of("size", large, "kernel", "leakyRelu"), 800e6, 8e6),
                Sample.result(b + "copy", Map.of("size", large), 200e6, 2e6),
                Sample.result(b + "vectorCopy", Map.of("size", large), 400e6, 4e6)) + "]");
        Files.writeString(dir.resolve("gc.json"), "[" + gc(Sample.result(b + "vector", half("F16", "leakyRelu", "1023"),
                12000, 100), 17408) + "]");
        Files.writeString(dir.resolve("machine.properties"), "cache.l1d=48K\ncache.l2=2048K\ncache.l3=491520K\n");
        String page = page();
        String targets = section(page, "## Targets");
        // 800 / 400 ms: twice the float kernel's elements/s, ± 2 × √2 %.
        assertTrue(targets.contains("| BF16 relu forward ÷ F32 relu forward | 480 Mi (memory) | 2.00 ± 0.03 | 1.8 | met |"),
                targets);
        assertTrue(targets.contains("| F16 leakyRelu forward ÷ F32 leakyRelu forward | 480 Mi (memory) | 0.50 ± 0.01 "
                + "| 1.8 | missed by 72% |"), targets);
        // In L2 the faster copy (System.arraycopy, 1000 ns): 0.80; beyond, the normal-store copy: 1.00.
        assertTrue(targets.contains("| BF16 relu forward ÷ faster of `copy`, `vectorCopy` | 16 Ki (L2) | 0.80 ± 0.01 "
                + "| 0.95 | missed by 16% |"), targets);
        assertTrue(targets.contains("| BF16 relu forward ÷ `vectorCopy` | 480 Mi (memory) | 1.00 ± 0.01 | 0.95 | met |"),
                targets);
        assertFalse(targets.contains("| F16 relu forward ÷ `vectorCopy`"), "binary16 has no copy target: " + targets);
        // Binary16 Leaky ReLU: a quarter of the copy's speed, 1200 ms more over 480 Mi elements.
        assertTrue(targets.contains("| 480 Mi (memory) | `vectorCopy` | 0.25 ± 0.00 | 1.00 ± 0.01 |  | 2.38 ± 0.03 |"),
                targets);
        String section = section(page, "## 16-bit formats");
        assertTrue(section.contains("16 Ki (L2): G el/s | 16 Ki (L2): ÷ F32 | 16 Ki (L2): ÷ copy"), section);
        assertTrue(section.contains("| relu | 13.1 ± 0.1 | 2.00 ± 0.03 | 0.80 ± 0.01 | 1.26 ± 0.01 | 2.00 ± 0.03 "
                + "| 1.00 ± 0.01 |"), section);
        assertTrue(section.contains("1 of the 1 16-bit figures are 1 B/op or more: F16 leakyRelu forward (17408 ± 1 B/op "
                + "at 1023)."), section);
        assertTrue(section.contains("| `copy` | 16.4 ± 0.2 | 2.52 ± 0.03 |"), section);
        assertTrue(page.indexOf("\n## 16-bit formats") < page.indexOf("\n## How to read"), page);
    }

    /**
     * The fused forms against the passes they replace, in their own run: per-kernel pairs find
     * their twin by kernel and size, ReLU-only pairs find ReLU's forward; targets only where the
     * issue sets them (beyond the caches; the counts at 16 Ki too).
     */
    @Test
    void theFusedFormsAreHeldAgainstThePassesTheyReplace() throws IOException {
        String b = "FusedBenchmark.";
        String small = "16384";
        String large = "251658240";
        Files.writeString(dir.resolve("fused.json"), "[" + String.join(",",
                Sample.result(b + "forward", Map.of("kernel", "relu", "size", small), 2000, 20),
                Sample.result(b + "forwardMask", Map.of("kernel", "relu", "size", small), 2500, 25),
                Sample.result(b + "forwardCounts", Map.of("size", small), 4000, 40)) + "]");
        Files.writeString(dir.resolve("fused-memory.json"), "[" + String.join(",",
                Sample.result(b + "backward", Map.of("kernel", "leakyRelu", "size", large), 260e6, 2.6e6),
                Sample.result(b + "backwardMask", Map.of("kernel", "leakyRelu", "size", large), 200e6, 2e6),
                Sample.result(b + "forward", Map.of("kernel", "relu", "size", large), 200e6, 2e6),
                Sample.result(b + "fusedBias", Map.of("size", large), 200e6, 2e6),
                Sample.result(b + "twoPasses", Map.of("size", large), 400e6, 4e6)) + "]");
        Files.writeString(dir.resolve("machine.properties"), "cache.l1d=48K\ncache.l2=2048K\ncache.l3=491520K\n");
        String page = page();
        String targets = section(page, "## Targets");
        assertTrue(targets.contains("| leakyRelu: `backwardMask` ÷ `backward` | 240 Mi (memory) | 1.30 ± 0.02 | 1.25 | met |"),
                targets);
        assertTrue(targets.contains("| relu: `fusedBias` ÷ `twoPasses` | 240 Mi (memory) | 2.00 ± 0.03 | 1.5 | met |"), targets);
        assertTrue(targets.contains("| relu: `fusedBias` ÷ `forward` | 240 Mi (memory) | 1.00 ± 0.01 | 0.95 | met |"), targets);
        assertTrue(targets.contains("| relu: `forwardCounts` ÷ `forward` | 16 Ki (L2) | 0.50 ± 0.01 | 0.9 | missed by 44% |"),
                targets);
        assertFalse(targets.contains("| relu: `forwardMask` ÷ `forward` | 16 Ki"), "no target in the caches: " + targets);
        String section = section(page, "## Masks, bias and counts");
        assertTrue(section.contains("| forward with its mask ÷ forward (`forwardMask` ÷ `forward`) | relu | 12 → 12.25 | 0.98 "
                + "| 0.80 ± 0.01 |  |"), section);
        assertTrue(section.contains("| bias + ReLU in one pass ÷ a bias loop, then ReLU in place (`fusedBias` ÷ `twoPasses`) "
                + "| relu | 20 → 12 | 1.67 |  | 2.00 ± 0.03 |"), section);
    }

    @Test
    void theDesignStudyDividesEachVariantByTheLibrarysKernel() throws IOException {
        String b = "HalfVariantsBenchmark.";
        Map<String, String> size = Map.of("size", "16384");
        Files.writeString(dir.resolve("half-variants.json"), "[" + String.join(",",
                gc(Sample.result(b + "leakyReluF16Library", size, 160000, 1600), 278528),
                gc(Sample.result(b + "leakyReluF16Staged", size, 8000, 80), 0.05),
                Sample.result(b + "reluBF16Library", size, 1000, 10),
                Sample.result(b + "reluBF16Widened", size, 1250, 12.5)) + "]");
        String study = section(page(), "### Design study: where to convert");
        assertTrue(study.contains("| `leakyReluF16Library` | the library (`F16Products`): staged, the multiply in the "
                + "widening loop, the selection on `ShortVector`s | 0.102 ± 0.001 |  | 278528 ± 1 |"), study);
        assertTrue(study.contains("| `leakyReluF16Staged` | "), study);
        assertTrue(study.contains("| 2.05 ± 0.02 | 20.0 ± 0.3 | 0.050 ± 1.000 |"), study);
        assertTrue(study.contains("| 13.1 ± 0.1 | 0.80 ± 0.01 |  |"), study);
    }

    /** A 16-bit kernel's parameters. */
    private static Map<String, String> half(String format, String kernel, String size) {
        return Map.of("format", format, "kernel", kernel, "size", size);
    }

    /** A PReLU benchmark's parameters: the tensors' and the shape's. */
    private static Map<String, String> prelu(Map<String, String> data, String layout) {
        Map<String, String> params = new java.util.LinkedHashMap<>(data);
        params.putAll(Map.of("layout", layout, "channels", "64", "spatial", "256"));
        return params;
    }

    @Test
    void theAlignmentStudyPairsAlignedAndSplitRowsPerWidth() throws IOException {
        Sample.copyTo(dir);
        String study = "AlignmentBenchmark.";
        StringBuilder json = new StringBuilder("[");
        for (String avx2 : List.of("", "-XX:UseAVX=2")) {
            for (String misalign : List.of("0", "16")) {
                Map<String, String> p = Map.of("size", "1024", "misalign", misalign);
                double split = misalign.equals("0") ? 1 : 2;
                for (String[] m : new String[][] {{"copy", "20"}, {"vectorCopy", "16"}, {"relu", "32"}, {"leakyRelu", "40"}}) {
                    String r = Sample.result(study + m[0], p, Double.parseDouble(m[1]) * (m[0].equals("copy") ? 1 : split), 0.5);
                    json.append(json.length() > 1 ? "," : "").append(avx2.isEmpty() ? r
                            : r.replace("\"jvmArgs\":[\"-Xmx1g\"]", "\"jvmArgs\":[\"-Xmx1g\",\"" + avx2 + "\"]"));
                }
            }
        }
        Files.writeString(dir.resolve("alignment.json"), json.append("]").toString());
        String section = section(page(), "## Why the kernels trail the copy");
        // Aligned: the faster copy is vectorCopy (16 ns): relu 32 ns 0.50, leaky 40 ns 0.40; split: copy
        // (20 ns): relu 64 ns 0.31, leaky 80 ns 0.25. No segment kernels in this run: empty cells.
        assertTrue(section.contains("| default | 1 Ki | one line each | 51.2 ± 1.3 | 64.0 ± 2.0 | 0.50 ± 0.02 |  "
                + "| 0.40 ± 0.01 |  |"), section);
        assertTrue(section.contains("| default | 1 Ki | split (16 B past a line) | 51.2 ± 1.3 | 32.0 ± 0.5 "
                + "| 0.31 ± 0.01 |  | 0.25 ± 0.01 |  |"), section);
        assertTrue(section.contains("| `-XX:UseAVX=2` | 1 Ki | one line each |"), section);
    }

    @Test
    void sectionsWhoseFilesAreAbsentAreLeftOut() throws IOException {
        Sample.copyTo(dir);
        for (String file : List.of("skewed.json", "gc.json", "parallel.json", "peers.json", "peers-formats.json",
                "machine.properties")) {
            Files.delete(dir.resolve(file));
        }
        String page = page();
        assertTrue(page.contains("## F32"));
        assertTrue(page.contains("| CPU | not recorded |"));
        for (String absent : List.of("## Branch prediction", "## Allocation", "## Multi-core", "## Peers", "## PReLU")) {
            assertFalse(page.contains(absent), absent);
        }
    }

    @Test
    void withoutKernelsTheOtherSectionsStillRender() throws IOException {
        Sample.copyTo(dir);
        Files.delete(dir.resolve("kernels.json"));
        String page = page();
        assertFalse(page.contains("## F32\n"));
        assertFalse(page.contains("## Charts"));
        assertTrue(page.contains("## Multi-core"));
        assertTrue(section(page, "## Branch prediction").contains("not measured"));
    }

    @Test
    void theChartsAreWrittenAsSvgAndPng() throws IOException {
        String page = samplePage();
        for (String name : List.of("f32-forward", "f32-backward", "f64-forward", "f64-backward", "f32-forward-ratio",
                "f64-backward-ratio", "peers-relu-forward")) {
            for (String ext : List.of(".svg", ".png")) {
                Path chart = dir.resolve("charts").resolve(name + ext);
                assertTrue(Files.size(chart) > 1000, chart + " missing or empty");
            }
            assertTrue(page.contains("(charts/" + name + ".svg)"), name);
        }
        assertEquals(List.of("relu", "hardtanh", "bound: copy"),
                Page.chartLines(Run.read(dir), "F32", "forward").stream().map(Charts.Line::name).toList());
        List<Charts.Ratios> ratios = Page.ratioLines(Run.read(dir), "F32", "forward");
        assertEquals(List.of("relu", "hardtanh"), ratios.stream().map(Charts.Ratios::name).toList());
        // Each point is the kernel's throughput over the copy's, as in the table.
        assertTrue(page.contains("| relu | " + Format.value(Run.find(Run.read(dir).kernels(), "vector",
                Map.of("kernel", "relu", "pass", "forward", "format", "F32", "size", "1024", "data", "random"))
                .orElseThrow().throughput()) + " | " + Format.ratio(ratios.getFirst().ratios().getFirst())), page);
    }

    @Test
    void allocationSaysWhetherEveryFigureIsUnderOneByte() throws IOException {
        String allocation = section(samplePage(), "## Allocation");
        assertTrue(allocation.contains("Every one of the") || allocation.contains("are 1 B/op or more"), allocation);
        assertTrue(allocation.contains("`ParallelKernelsBenchmark.parallel`"), allocation);
        assertTrue(allocation.contains("1023, B/op"), allocation);
    }

    @Test
    void theAllocationVerdictLooksAtEveryFigure() throws IOException {
        Map<String, String> params = Map.of("kernel", "relu", "pass", "forward", "format", "F32", "size", "1023");
        String small = gc(Sample.result("KernelsBenchmark.vector", params, 100, 1), 0.02);
        Files.writeString(dir.resolve("gc.json"), "[" + small + "]");
        assertTrue(page().contains("Every one of the 1 figures is under 1 B/op"));
        String large = gc(Sample.result("ParallelKernelsBenchmark.parallel", params, 100, 1), 48);
        Files.writeString(dir.resolve("gc.json"), "[" + small + "," + large + "]");
        String page = page();
        assertTrue(page.contains("1 of the 2 figures are 1 B/op or more, up to 48.0 ± 1.0 B/op"), page);
        assertTrue(page.contains("| `ParallelKernelsBenchmark.parallel` | relu | forward | F32 | 48.0 ± 1.0 |"), page);
    }

    /** A result with JMH's allocation metric, as {@code -prof gc} names it. */
    private static String gc(String result, double bytesPerCall) {
        return result.replace("\"secondaryMetrics\":{}", "\"secondaryMetrics\":{\"\u00B7gc.alloc.rate.norm\":"
                + "{\"score\":" + bytesPerCall + ",\"scoreError\":1.0,\"scoreUnit\":\"B/op\"}}");
    }

    @Test
    void multiCoreComparesParallelWithSingleAndShowsTheCopy() throws IOException {
        String multiCore = section(samplePage(), "## Multi-core");
        assertTrue(multiCore.contains("parallel ÷ single"));
        assertTrue(multiCore.contains("| relu | forward | F32 | 1 Mi | "), multiCore);
        assertTrue(multiCore.lines().filter(l -> l.startsWith("| hardtanh |")).allMatch(l -> l.contains(" ± ")));
    }

    @Test
    void peersAreDrivenByTheirJson() throws IOException {
        String peers = section(samplePage(), "## Peers");
        assertTrue(peers.contains("### relu forward"), peers);
        assertTrue(peers.contains("relu4j (float[]) ÷ PyTorch (1 thread)"), peers);
        assertTrue(peers.contains("relu4j (native segment) ÷ C via FFM"), peers);
        assertTrue(peers.contains("relu4j (all cores) ÷ PyTorch (2 threads)"), peers);
        assertTrue(peers.contains("`pyTorchFromArray`, µs/op"), peers);
        String floats = section(peers, "### relu forward");
        assertFalse(floats.contains("Format"), floats);
    }

    @Test
    void peersInTheSixteenBitFormatsHaveTheirOwnTable() throws IOException {
        String formats = section(samplePage(), "### 16-bit formats");
        assertTrue(formats.contains("#### relu forward, 16-bit formats"), formats);
        // relu4j BF16 at 4 Mi: 0.8 ms, PyTorch 1.2 ms (1.50 as fast), relu4j F32 1.6 ms (2.00).
        assertTrue(formats.contains("| 4 Mi | BF16 | " + Format.value(Measurement.of(800000, 16000).into(4194304))
                + " | " + Format.value(Measurement.of(1200000, 24000).into(4194304)) + " | "
                + Format.ratio(Measurement.of(1200000, 24000).over(Measurement.of(800000, 16000))) + " | "
                + Format.ratio(Measurement.of(1600000, 32000).over(Measurement.of(800000, 16000))) + " | "), formats);
        assertTrue(formats.contains("| 16 Ki | F32 | "), formats);
        assertTrue(formats.lines().filter(l -> l.startsWith("| 16 Ki | F32 |")).allMatch(l -> l.endsWith("|  |  |")),
                formats);
    }

    /** From {@code heading} to the next heading of the same or a higher level. */
    private static String section(String page, String heading) {
        int start = page.indexOf("\n" + heading);
        assertTrue(start >= 0, heading + " missing");
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = start + 1;
        while (true) {
            end = page.indexOf("\n#", end + 1);
            if (end < 0) {
                return page.substring(start);
            }
            String next = page.substring(end + 1, page.indexOf(' ', end + 1) + 1);
            if (next.length() <= level.length()) {
                return page.substring(start, end);
            }
        }
    }
}
