package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The performance targets of the suite, each decided from its interval: met when the whole
 * interval is at or above the threshold, missed when the whole interval is below it (by how
 * much), and otherwise within noise, with the interval, which more forks would decide. Levels are
 * {@link Page#level}'s.
 */
final class Targets {
    private static final double IN_CACHE = 0.95;
    private static final double PORTABLE = 5;
    /** The portable kernels' target where the loop vectorises, which C2 does for all of them. */
    private static final double PORTABLE_VECTORISED = 20;
    private static final int PORTABLE_SIZE = 16384;

    private Targets() {}

    /** One target: a ratio of throughputs and the least it should be. */
    record Target(String what, String size, Measurement ratio, double threshold) {
        String verdict() {
            double low = ratio.value() - (ratio.hasError() ? ratio.error() : 0);
            double high = ratio.value() + (ratio.hasError() ? ratio.error() : 0);
            if (low >= threshold) {
                return "met";
            }
            if (high < threshold) {
                return String.format("missed by %.0f%%", 100 * (threshold - ratio.value()) / threshold);
            }
            return "within noise";
        }
    }

    static String render(Run run) {
        List<JmhResult> vector = run.kernels().stream().filter(r -> r.method().equals("vector")).toList();
        List<Target> inCache = new ArrayList<>();
        List<Target> beyond = new ArrayList<>();
        List<Target> portable = new ArrayList<>();
        for (JmhResult v : vector) {
            String format = v.param("format");
            String pass = v.param("pass");
            String level = Page.level(run, v.size(), format, pass);
            String size = Format.size(v.size()) + level;
            String name = format + " " + v.param("kernel") + " " + pass;
            boolean cached = level.contains("L1") || level.contains("L2");
            if (pass.equals("forward") && cached) {
                fasterCopy(run, v).ifPresent(r -> inCache.add(new Target(name + " ÷ faster of `copy`, `vectorCopy`",
                        size, r, IN_CACHE)));
            }
            if (pass.equals("forward") && !cached && !level.isEmpty()) {
                Page.speedUp(run.kernels(), v, "vectorCopy")
                        .ifPresent(r -> beyond.add(new Target(name + " ÷ `vectorCopy`", size, r, IN_CACHE)));
                String maxLoop = switch (v.param("kernel")) {
                    case "relu" -> "reluMathMax";
                    case "leakyRelu" -> "leakyReluMaxOfProduct";
                    default -> "";
                };
                if (!maxLoop.isEmpty()) {
                    Page.speedUp(run.kernels(), v, maxLoop)
                            .ifPresent(r -> beyond.add(new Target(name + " ÷ `" + maxLoop + "`", size, r, 1.0)));
                }
            }
        }
        for (JmhResult p : run.kernels()) {
            if (p.method().equals("portable") && p.size() == PORTABLE_SIZE) {
                String name = p.param("format") + " " + p.param("kernel") + " " + p.param("pass");
                Page.speedUp(run.kernels(), p, "scalar").ifPresent(r -> {
                    portable.add(new Target(name + ": `portable` ÷ `scalar`", Format.size(p.size()), r, PORTABLE));
                    portable.add(new Target(name + ": `portable` ÷ `scalar`", Format.size(p.size()), r,
                            PORTABLE_VECTORISED));
                });
            }
        }
        List<Target> asLeaky = PreluPage.asLeaky(run);
        List<Target> fused = PreluPage.fused(run);
        List<Target> halfAsFloat = HalfPage.asFloat(run);
        List<Target> halfAsCopy = HalfPage.asCopy(run);
        String conversion = HalfPage.conversionCost(run);
        List<Target> fusedForms = FusedPage.targets(run);
        if (inCache.isEmpty() && beyond.isEmpty() && portable.isEmpty() && asLeaky.isEmpty() && fused.isEmpty()
                && halfAsFloat.isEmpty() && halfAsCopy.isEmpty() && conversion.isEmpty() && fusedForms.isEmpty()) {
            return "";
        }
        return """
                ## Targets

                Each target of the suite against its interval (JMH's 99.9% error bars, carried into the \
                ratio): **met** when the whole interval is at or above the threshold, **missed** when the \
                whole interval is below it, **within noise** when the interval holds the threshold, so this \
                run cannot decide it. The sizes are labelled by the cache level that holds the vector \
                kernels' working set. The cold-start target has its own section below.

                """ + table("In the caches: forward kernels ≥ 0.95 × the faster copy", inCache, """
                        Why they fall short: from L2, the arrays' vectors straddle cache lines, which the copy stub \
                        avoids; in L1, the kernels' compare and blend against a copy that does no work ("Why the \
                        kernels trail the copy", below).""")
                + table("Beyond the caches: ≥ 0.95 × a normal-store copy, ≥ 1.0 × the loop C2 vectorises", beyond, """
                        Why: the same split stores, which C2's own loops avoid by aligning theirs (the study's \
                        memory rows, below); the last-level size of this machine is shared with other tenants, \
                        hence its wider intervals.""")
                + table("Without the Vector API module: ≥ 5 × the scalar reference at 16 Ki, ≥ 20 × where the "
                        + "loop vectorises (C2 vectorises every portable loop)", portable, """
                        Why they fall short: each element is decided with integer arithmetic on its encoding \
                        (four operations for ReLU forward, about 17 for a comparison with a parameter), each chunk \
                        is copied into integer buffers first (JDK 25 does not vectorise the bit conversions in a \
                        loop), and a 64-bit lane holds half the elements for the same work (docs/PERFORMANCE.md).""")
                + table("PReLU as fast as Leaky ReLU: forward and input gradient ≥ 0.95 × Leaky ReLU's, "
                        + "channels first and last, at 16 Ki and 4 Mi", asLeaky, """
                        Both on the vector engine, one thread, same inputs and run; the shapes are in the PReLU \
                        section below. Why the 16 Ki rows fall short: not the kernels' loops, which are Leaky \
                        ReLU's with a slope per run or a vector of slopes per row, but the call around them: \
                        with one slope (the "shared" rows of the PReLU section) PReLU runs Leaky ReLU's very \
                        kernel after its own checks, and it lands as far from 1; at about 2 µs a call, the \
                        checks and the compiled code around the loop move the ratio by a tenth either way \
                        (docs/PERFORMANCE.md).""")
                + table("PReLU's fused backward (dx + dw in one pass): ≥ 0.9 × the 3-stream bound on one thread "
                        + "at 16 Ki and 4 Mi, ≥ 1.5 × it on 2 threads at 4 Mi", fused, """
                        The bound is `add`, `out[i] = x[i] + dy[i]` over the same arrays on one thread: the \
                        streams the pass must move with no work. Bytes allocated per call are in the PReLU \
                        section. Why it falls short at 16 Ki: the slope gradient adds exact products in double \
                        in a fixed order (the contract), so every 8 floats take two widening conversions, a \
                        double multiply, compare, blend and add besides the input gradient's multiply, blend \
                        and store: about 12 vector instructions where `add` needs 3 for 16 elements; in cache \
                        that work, not memory, sets the speed. Channels-last at 4 Mi keeps its columns' running \
                        sums in memory, a load and a store per 8 elements more (docs/PERFORMANCE.md).""")
                + table("16-bit formats: forward ≥ 1.8 × the float kernel's elements/s beyond the last-level cache",
                        halfAsFloat, """
                        Same element count, both on the vector engine on arrays, same run (the 16-bit formats \
                        section). A 16-bit pass moves half the float pass's bytes, so 2 is the most memory allows. \
                        binary16 Leaky ReLU stages each chunk of 512 through three loops (widen and multiply, \
                        round, select), so beyond the caches its reading of x pauses while the chunk is computed, \
                        where the other kernels stream (docs/PERFORMANCE.md, "16-bit formats").""")
                + table("16-bit formats: bfloat16 forward ≥ 0.95 × a 16-bit copy of the same bytes from L2 up",
                        halfAsCopy, """
                        In L2 the copy is the faster of `System.arraycopy` and the `ShortVector` copy loop; beyond \
                        it the loop, whose stores are the kernels' kind (`System.arraycopy` writes around the \
                        caches there). ReLU compares the encodings as integers; Leaky ReLU widens with a shift, \
                        multiplies and rounds back with integer arithmetic, about 14 vector instructions for 16 \
                        elements where the copy loop has 2 for 32: in L2 that work, not the bytes, sets its \
                        speed. ReLU (4 instructions for 32) trails the copy as the float kernels do, by the \
                        stores that straddle cache lines in arrays 16 bytes off one (docs/PERFORMANCE.md, \
                        "Why the kernels trail the copy").""")
                + conversionTable(conversion)
                + table("Masks, bias and counts: backward from the mask ≥ 1.25 × backward from x beyond the caches "
                        + "(≥ 1.4 × in place), forward with the mask ≥ 0.95 × forward, bias + ReLU in one pass ≥ 1.5 × "
                        + "the two passes and ≥ 0.95 × the forward alone, forward with counts ≥ 0.9 × forward at 16 Ki "
                        + "and beyond the caches", fusedForms, """
                        Floats, one thread, same run; the bytes each side moves are in the section below. Why the \
                        forward forms fall short: their loop does the activation and more per vector (a compare and \
                        a mask move for the bits; a load, add and store of the count), and beyond the caches the \
                        instructions per vector set how far ahead its loads run; in the caches they set the speed \
                        (docs/PERFORMANCE.md, "Masks, bias and counts").""");
    }

    /** The stated cost of binary16 Leaky ReLU's conversions (no threshold to decide). */
    private static String conversionTable(String table) {
        return table.isEmpty() ? "" : """
                ### 16-bit formats: the cost of binary16 Leaky ReLU's conversions, against the copy

                Stated, not decided: binary16 has no shift between it and float, and the Vector API of JDK \
                25 no binary16 conversion, so Leaky ReLU stages each chunk of 512: a plain loop widens and \
                multiplies (`Float.float16ToFloat`, which C2 compiles to `vcvtph2ps` and vectorises), a \
                plain loop rounds (`Float.floatToFloat16`, `vcvtps2ph`), a `ShortVector` loop selects. \
                ReLU beside it converts nothing and bfloat16 Leaky ReLU converts by shifts; the last column \
                is the time per element beyond the copy's (the copy as in the row above).

                """ + table + "\n";
    }

    /** The vector kernel ÷ the faster (in this run) of System.arraycopy and the Vector API copy. */
    private static Optional<Measurement> fasterCopy(Run run, JmhResult v) {
        return Page.fastest(Page.COPIES.stream().map(c -> Run.find(run.kernels(), c, v.params()))
                .flatMap(Optional::stream)).map(c -> c.nanos().over(v.nanos()));
    }

    private static String table(String title, List<Target> targets, String why) {
        if (targets.isEmpty()) {
            return "";
        }
        Map<String, Integer> counts = new HashMap<>();
        targets.forEach(t -> counts.merge(t.verdict().startsWith("missed") ? "missed" : t.verdict(), 1, Integer::sum));
        MarkdownTable table = new MarkdownTable(2, List.of("ratio", "size", "measured", "threshold", "verdict"));
        for (Target t : targets) {
            table.row(List.of(t.what(), t.size(), Format.ratio(t.ratio()), java.math.BigDecimal.valueOf(t.threshold()).stripTrailingZeros().toPlainString(), t.verdict()));
        }
        return "### " + title + "\n\n" + String.format("%d met, %d within noise, %d missed.%n%n",
                counts.getOrDefault("met", 0), counts.getOrDefault("within noise", 0),
                counts.getOrDefault("missed", 0)) + table.render() + "\n" + why.strip() + "\n\n";
    }

}
