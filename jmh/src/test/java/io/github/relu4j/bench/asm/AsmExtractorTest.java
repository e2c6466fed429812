package io.github.relu4j.bench.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.relu4j.bench.asm.AsmAnalysis.Loop;
import io.github.relu4j.bench.asm.AsmListing.Block;
import io.github.relu4j.bench.asm.AsmListing.Insn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.relu4j.BenchCatalogue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extractor on stored PrintAssembly output of a real run (JDK 25, AVX-512, Intel syntax,
 * through jmh/hsdis): parts of the log of the default configuration, cut to three targets.
 */
class AsmExtractorTest {
    private static final String KERNELS = "io/github/relu4j/VectorReluKernels";
    private static final String BOUNDS = "io/github/relu4j/bench/asm/AsmBounds";

    static AsmListing sample(String name) throws IOException {
        try (InputStream in = AsmExtractorTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return AsmListing.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    @Test
    void readsTheTargetListFromTheMarkers() throws IOException {
        List<AsmTarget> targets = AsmExtractor.targets(sample("default-sample.log"));
        assertEquals(List.of("reluForward-float", "bound-mathMax-float", "bound-arraycopy-float"),
                targets.stream().map(AsmTarget::name).toList());
        AsmTarget relu = targets.getFirst();
        assertEquals("io.github.relu4j.VectorReluKernels", relu.className());
        assertEquals("uncheckedReluForward", relu.method());
        assertEquals("([FI[FII)V", relu.descriptor());
        assertEquals(4, relu.elementBytes());
    }

    @Test
    void picksTheLastNormalC2CompileNotTheOsrOne() throws IOException {
        AsmListing listing = sample("default-sample.log");
        // The sample holds an OSR compile (795), a first normal compile (798, its tail an uncommon
        // trap) and the recompile (846) that replaced it.
        assertEquals(5, listing.blocks().size());
        Block b = listing.c2(KERNELS, "uncheckedReluForward", "([FI[FII)V");
        assertNotNull(b);
        assertEquals(846, b.compileId());
        assertFalse(b.osr());
        assertNull(listing.c2(KERNELS, "uncheckedReluForward", "([DI[DII)V"), "no double compile in the sample");
    }

    @Test
    void parsesInstructionsAndCommentLines() throws IOException {
        Block b = sample("default-sample.log").c2(KERNELS, "uncheckedReluForward", "([FI[FII)V");
        Insn first = b.insns().getFirst();
        assertEquals("nop", first.mnemonic());
        // A comment continued on the following lines is joined to its instruction.
        assertTrue(b.insns().stream().anyMatch(i -> i.comment().contains("ImmutableOopMap")
                && i.comment().contains(" | ")));
        assertTrue(b.insns().stream().anyMatch(i -> i.comment().contains("{poll}")));
        // Every instruction lies in the method's main code, in order.
        for (int i = 1; i < b.insns().size(); i++) {
            assertTrue(b.insns().get(i).address() > b.insns().get(i - 1).address());
        }
        // The plugin's own decodings of what Capstone 4 lacks are there (kmovd, kshiftrd).
        assertTrue(b.insns().stream().anyMatch(i -> i.mnemonic().equals("kmovd")));
        assertTrue(b.insns().stream().noneMatch(i -> i.mnemonic().equals(".byte")));
    }

    @Test
    void findsTheVectorApiMainLoopItsPostLoopAndTheMaskedTail() throws IOException {
        Block b = sample("default-sample.log").c2(KERNELS, "uncheckedReluForward", "([FI[FII)V");
        AsmAnalysis a = new AsmAnalysis(b, 4);
        Loop main = a.main;
        assertNotNull(main);
        assertEquals(35, main.insns());
        assertEquals(8, main.stores(), "unrolled 8 times");
        assertEquals(512, main.storeBytes());
        assertEquals(512, main.loadBytes());
        assertEquals(512, main.vectorBits());
        assertEquals(128.0, a.elementsPerIteration(main));
        assertFalse(main.allocates());
        assertTrue(a.loops.stream().noneMatch(l -> l.role().equals("pre")), "no alignment pre-loop");
        List<Loop> post = a.loops.stream().filter(l -> l.role().equals("post")).toList();
        assertEquals(1, post.size());
        assertEquals(16.0, a.elementsPerIteration(post.getFirst()), "one vector per iteration");
        assertTrue(a.loops.stream().anyMatch(l -> l.role().equals("outer") && l.poll()), "strip-mined");
        assertTrue(a.tailTo > a.tailFrom && a.tailFrom > main.to());
        Insn tailStore = b.insns().get(a.tailTo);
        assertTrue(tailStore.operands().contains("{k7}"), tailStore.text());
        assertEquals("masked store 16 floats (64 B)", a.annotate(a.tailTo, null));

        // The annotations of the main loop's first four instructions and its loop control.
        assertEquals("load 16 floats (64 B)", a.annotate(main.from(), main));
        assertEquals("compare -> mask k7", a.annotate(main.from() + 1, main));
        assertEquals("blend (select per lane by mask)", a.annotate(main.from() + 2, main));
        assertEquals("store 16 floats (64 B)", a.annotate(main.from() + 3, main));
        assertEquals("loop control: advance index by 128", a.annotate(main.to() - 2, main));
        assertEquals("loop control: index vs bound", a.annotate(main.to() - 1, main));
        assertEquals("loop control: branch back", a.annotate(main.to(), main));
    }

    @Test
    void findsTheAlignmentPreLoopOfTheAutoVectorisedMathMaxLoop() throws IOException {
        Block b = sample("default-sample.log").c2(BOUNDS, "mathMax", "([F[FI)V");
        AsmAnalysis a = new AsmAnalysis(b, 4);
        assertEquals(68, a.main.insns());
        assertEquals(8, a.main.stores());
        assertEquals(128.0, a.elementsPerIteration(a.main));
        List<Loop> pre = a.loops.stream().filter(l -> l.role().equals("pre")).toList();
        assertEquals(1, pre.size());
        assertEquals(1.0, a.elementsPerIteration(pre.getFirst()), "a scalar pre-loop");
        assertTrue(b.insns().subList(a.main.from(), a.main.to() + 1).stream()
                .anyMatch(i -> i.mnemonic().equals("vmaxps")));
        assertEquals(-1, a.tailTo, "no masked tail: scalar and vector post-loops instead");
    }

    @Test
    void followsSystemArraycopyIntoItsStub() throws IOException {
        Block b = sample("default-sample.log").c2(BOUNDS, "arraycopy", "([F[FI)V");
        AsmAnalysis a = new AsmAnalysis(b, 4);
        assertNull(a.main, "the compiled method itself has no loop");
        assertEquals("jint_disjoint_arraycopy", a.arraycopyStub);
        Block stub = sample("default-stubs-sample.log").stub("jint_disjoint_arraycopy");
        assertNotNull(stub);
        AsmAnalysis s = new AsmAnalysis(stub, 4);
        assertNotNull(s.main);
        assertEquals(4, s.main.stores());
        assertEquals(512, s.main.vectorBits());
    }

    @Test
    void readsTheAvx2LoopWithVectorMasksAndVmaskmovTail() throws IOException {
        // -XX:UseAVX=2: the compare writes a vector register, the blend is vblendvps, the tail vmaskmovps.
        Block b = sample("avx2-maxvector16-sample.log").c2(KERNELS, "uncheckedReluForward", "([FI[FII)V");
        AsmAnalysis a = new AsmAnalysis(b, 4);
        assertEquals(35, a.main.insns());
        assertEquals(8, a.main.stores());
        assertEquals(256, a.main.vectorBits());
        assertEquals(64.0, a.elementsPerIteration(a.main));
        assertEquals("load 8 floats (32 B)", a.annotate(a.main.from(), a.main));
        assertEquals("compare", a.annotate(a.main.from() + 1, a.main));
        assertEquals("vblendvps", b.insns().get(a.main.from() + 2).mnemonic());
        assertEquals("blend (select per lane by mask)", a.annotate(a.main.from() + 2, a.main));
        assertTrue(a.tailTo > 0);
        assertEquals("vmaskmovps", b.insns().get(a.tailTo).mnemonic());
        assertEquals("masked store 8 floats (32 B)", a.annotate(a.tailTo, null));
    }

    @Test
    void flagsALoopThatAllocates() throws IOException {
        // -XX:MaxVectorSize=16: the 2-lane double kernel's loop allocates (boxed vectors or masks).
        AsmListing listing = sample("avx2-maxvector16-sample.log");
        Block b = listing.c2(KERNELS, "uncheckedReluForward", "([DI[DII)V");
        AsmAnalysis a = new AsmAnalysis(b, 8);
        assertTrue(a.main.allocates());
        assertTrue(a.summary(a.main).contains("ALLOCATES"));
        List<AsmExtractor.Result> results = AsmExtractor.extract("maxvector16",
                AsmListing.parse(List.of(new AsmTarget("reluForward-double", "kernel",
                        "io.github.relu4j.VectorReluKernels", "uncheckedReluForward", "([DI[DII)V", 8, 1, () -> {})
                        .markerLine())), null);
        assertTrue(results.getFirst().listing().contains("No C2 (tier 4) compile"), "no code in that listing");
        String row = AsmExtractor.row(new AsmExtractor.Result(results.getFirst().target(), "maxvector16", b, a, null,
                ""));
        assertTrue(row.contains("**allocates in the loop**"), row);
    }

    @Test
    void writesListingsAndAReadmeAndKeepsTheFindings(@TempDir Path dir) throws IOException {
        AsmListing log = sample("default-sample.log");
        AsmListing stubs = sample("default-stubs-sample.log");
        List<AsmExtractor.Result> results = AsmExtractor.extract("default", log, stubs);
        assertEquals(3, results.size());
        String listing = results.getFirst().listing();
        assertTrue(listing.contains("Unrolling: 8 store(s) per iteration of 16 element(s) each (unrolled 8x)."),
                listing);
        assertTrue(listing.contains("== main loop =="));
        assertTrue(listing.contains("== masked tail =="));
        assertTrue(results.get(2).listing().contains("StubRoutines::jint_disjoint_arraycopy"));

        String readme = AsmExtractor.readme(Map.of("default", results), "Machine: test", "We found things.\n");
        assertTrue(readme.contains("| [reluForward-float](default/reluForward-float.txt) | 512-bit | 35 | 8 | 128 |"
                + " 0.273 | 4.00 | 4.00 | none | 16/it |"), readme);
        assertTrue(readme.contains("| [bound-mathMax-float](default/bound-mathMax-float.txt) | 512-bit | 68 | 8 |"
                + " 128 | 0.531 |"), readme);
        assertTrue(readme.contains("stub jint_disjoint_arraycopy, 512-bit"), readme);
        assertEquals("We found things.\n", AsmExtractor.findings(readme));

        // End to end through main(): the findings written into README.md survive a rerun.
        Path logFile = dir.resolve("default.log");
        Path stubFile = dir.resolve("stubs.log");
        try (InputStream in = getClass().getResourceAsStream("default-sample.log")) {
            Files.write(logFile, in.readAllBytes());
        }
        try (InputStream in = getClass().getResourceAsStream("default-stubs-sample.log")) {
            Files.write(stubFile, in.readAllBytes());
        }
        Path out = dir.resolve("asm");
        Files.createDirectories(out);
        Files.writeString(out.resolve("README.md"), "old\n" + AsmExtractor.FINDINGS_START + "\nKept.\n"
                + AsmExtractor.FINDINGS_END + "\nold tables\n");
        AsmExtractor.main(new String[] {out.toString(), "--stubs", "default=" + stubFile, "default=" + logFile});
        String written = Files.readString(out.resolve("README.md"));
        assertEquals("Kept.\n", AsmExtractor.findings(written));
        assertFalse(written.contains("old tables"));
        assertTrue(Files.readString(out.resolve("default/reluForward-float.txt")).contains("compile id 846"));
    }

    @Test
    void theHarnessTargetsRoundTripThroughTheirMarkers() {
        List<AsmTarget> all = AsmTargets.all();
        // every kernel of the catalogue, forward and backward, float and double; and six bounds
        assertEquals(4 * BenchCatalogue.kernels().size() + 6, all.size());
        AsmListing parsed = AsmListing.parse(all.stream().map(AsmTarget::markerLine).toList());
        List<AsmTarget> back = AsmExtractor.targets(parsed);
        assertEquals(all.stream().map(AsmTarget::name).toList(), back.stream().map(AsmTarget::name).toList());
        assertEquals(all.stream().map(AsmTarget::descriptor).toList(),
                back.stream().map(AsmTarget::descriptor).toList());
        List<String> commands = AsmHarness.compileCommands(all);
        assertTrue(commands.contains("print io.github.relu4j.VectorLoops::reluForwardF32"), commands.toString());
        assertTrue(commands.contains("dontinline io.github.relu4j.VectorLoops::hardtanhBackwardF64"),
                commands.toString());
        assertTrue(commands.contains("print io.github.relu4j.bench.asm.AsmBounds::arraycopy"));
    }
}
