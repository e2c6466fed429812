package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * Why the numbers look like this: the usual explanations, each with the figures of this run put
 * in. A sentence whose figures the run did not measure is left out.
 */
final class ExplanationSection {
    /** The size the loop comparisons quote: in L2, past the per-call overhead. */
    static final int QUOTED_SIZE = 16384;
    private static final int DRAM_SIZE = 64 << 20;

    private ExplanationSection() {}

    static String render(ResultsDirectory run) {
        List<String> points = new ArrayList<>();
        points.add(mathMax(run));
        copyBound(run).ifPresent(points::add);
        points.add(shortfalls(run));
        StringBuilder md = new StringBuilder("## Why the numbers look like this\n\n");
        points.forEach(p -> md.append("- ").append(p).append('\n'));
        return md.append('\n').toString();
    }

    private static String mathMax(ResultsDirectory run) {
        String at = " at " + Format.size(QUOTED_SIZE);
        return "**Plain loops.** C2's superword pass turns `Math.max(x, 0f)` into vector max instructions "
                + "(`vmaxps` on x86, with blends for Java's -0.0 and NaN rules), so the MathMax loop runs near the "
                + "vector kernel"
                + perType(run, f -> f.throughput(Variant.MATH_MAX, QUOTED_SIZE)
                        .flatMap(m -> f.throughput(Variant.VECTOR, QUOTED_SIZE).map(m::over)))
                        .map(r -> ":" + at + " it reaches " + r + " of its throughput").orElse("")
                + ". The branchy ternary loop is not vectorised: each element is a conditional store or select, "
                + "which C2 does not if-convert into vector blends by default, so on random signs it pays for "
                + "mispredicted branches"
                + perType(run, f -> f.throughput(Variant.TERNARY, QUOTED_SIZE)
                        .flatMap(t -> f.throughput(Variant.VECTOR, QUOTED_SIZE).map(t::over)))
                        .map(r -> ";" + at + " it reaches " + r + " of the vector kernel's throughput").orElse("")
                + perType(run, f -> ternaryRandomOverPositive(run, f))
                        .map(r -> ", and on all-positive data, where its branch always goes one way, it is faster by a "
                                + "factor of " + r).orElse("")
                + ". `Math.max` is not the contract, though: it turns -0.0 into +0.0.";
    }

    /** Random-sign time over all-positive time of the ReLU forward ternary loop. */
    private static Optional<Measurement> ternaryRandomOverPositive(ResultsDirectory run, KernelFigures f) {
        String method = f.kernel().method(Variant.TERNARY);
        String className = f.type().benchmarkClass();
        return run.skewed().find(className, method, QUOTED_SIZE, Results.POSITIVE).map(JmhResult::score)
                .flatMap(positive -> f.time(method, QUOTED_SIZE).map(random -> random.over(positive)));
    }

    /** A ReLU-forward ratio per element type, as {@code 0.97 ± 0.05 (float) and 1.01 ± 0.03 (double)}. */
    private static Optional<String> perType(ResultsDirectory run, Function<KernelFigures, Optional<Measurement>> ratio) {
        List<String> parts = new ArrayList<>();
        for (ElementType type : ElementType.values()) {
            ratio.apply(new KernelFigures(type, Kernel.RELU_FORWARD, run.kernels()))
                    .ifPresent(r -> parts.add(Format.ratio(r) + " (" + type.label() + ")"));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", parts));
    }

    private static Optional<String> copyBound(ResultsDirectory run) {
        KernelFigures copy = new KernelFigures(ElementType.FLOAT, Kernel.RELU_FORWARD, run.kernels());
        List<String> levels = new ArrayList<>();
        SortedSet<Integer> sizes = copy.sizes();
        for (int size : sizes) {
            copy.boundGigabytesPerSecond(size).ifPresent(gbps -> levels.add(Format.size(size) + " ("
                    + copyWorkingSet(size) + ") " + Format.value(gbps) + " GB/s"));
        }
        if (levels.isEmpty()) {
            return Optional.empty();
        }
        String dram = sizes.contains(DRAM_SIZE)
                ? "at " + Format.size(DRAM_SIZE) + " it is bound by DRAM bandwidth"
                : "past the last-level cache it is bound by DRAM bandwidth";
        return Optional.of("**The copy bound at each cache level.** `System.arraycopy` of floats, by size (working "
                + "set = input arrays × array bytes + output): " + String.join("; ", levels) + ". Inputs below "
                + Format.size(InputPool.aloneFromSize(Float.BYTES)) + " floats ("
                + Format.size(InputPool.aloneFromSize(Double.BYTES)) + " doubles) rotate through a pool of about "
                + Format.bytes(InputPool.BYTES) + " so that branch predictors cannot learn the data, which puts even "
                + "the smallest sizes in L2 and L3, not L1. Map the working sets to this CPU's caches: the bound falls "
                + "as they leave L2 and L3, and " + dram + ".");
    }

    /** What a copy call touches, the input pool and the output: {@code 256 × 4 KiB + 4 KiB = 1028 KiB} at 1 Ki. */
    static String copyWorkingSet(int size) {
        long array = (long) size * Float.BYTES;
        int inputs = InputPool.arrays(size, Float.BYTES);
        return inputs + " × " + Format.bytes(array) + " + " + Format.bytes(array) + " = "
                + Format.bytes(inputs * array + array);
    }

    /** The general reasons, then each kernel's sizes below the bound target as a nested list. */
    private static String shortfalls(ResultsDirectory run) {
        double target = TargetsSection.BOUND.threshold();
        StringBuilder md = new StringBuilder("**Where the vector kernels fall short of the bound.**");
        callTime(run).ifPresent(t -> md.append(" On the smallest arrays ").append(t).append(", so per-call overhead ")
                .append("(argument checks, the masked tail, the call itself) is a visible part of it."));
        md.append(" Backward kernels read two arrays, so their bound is the three-stream `add`, not the copy. ")
                .append("`System.arraycopy` runs the JVM's hand-written copy stubs, not a compiled loop.");
        vectorCopyShare(run).ifPresent(s -> md.append(' ').append(s));
        List<String> below = new ArrayList<>();
        for (KernelFigures f : run.kernelFigures()) {
            List<String> sizes = new ArrayList<>();
            for (int size : f.sizes()) {
                f.vectorOverBound(size).filter(r -> r.value() < target)
                        .ifPresent(r -> sizes.add(Format.size(size) + ": " + Format.ratio(r)));
            }
            if (!sizes.isEmpty()) {
                below.add(f.type().label() + " " + f.kernel().title() + " at " + String.join(", ", sizes));
            }
        }
        if (below.isEmpty()) {
            return md.append(" In this run every vector / bound ratio is at least ").append(target).append('.')
                    .toString();
        }
        md.append(" Vector / bound below ").append(target).append(" in this run:");
        below.forEach(b -> md.append("\n  - ").append(b));
        return md.toString();
    }

    /**
     * The float Vector API copy loop against {@code System.arraycopy} at the largest size both ran
     * at: the share of the bound that loads and stores alone reach, so that a kernel falling short
     * by as much owes it to the stores, not to its work.
     */
    private static Optional<String> vectorCopyShare(ResultsDirectory run) {
        KernelFigures f = new KernelFigures(ElementType.FLOAT, Kernel.RELU_FORWARD, run.kernels());
        return f.sizes().reversed().stream().filter(s -> f.vectorCopyOverBound(s).isPresent()).findFirst()
                .map(size -> "A Vector API loop that only loads and stores floats already runs at "
                        + Format.ratio(f.vectorCopyOverBound(size).orElseThrow()) + " of `System.arraycopy`'s "
                        + "throughput at " + Format.size(size) + ", so a forward kernel that falls as far short "
                        + "owes its gap to how it stores, not to its work.");
    }

    /** How long a vector call takes at the smallest size, as a range over the kernels. */
    private static Optional<String> callTime(ResultsDirectory run) {
        List<KernelFigures> all = run.kernelFigures();
        Optional<Integer> smallest = all.stream().flatMap(f -> f.sizes().stream()).min(Integer::compare);
        return smallest.flatMap(size -> {
            List<Double> times = all.stream()
                    .flatMap(f -> f.time(f.kernel().method(Variant.VECTOR), size).stream())
                    .map(Measurement::value).sorted().toList();
            if (times.isEmpty()) {
                return Optional.empty();
            }
            String fastest = Format.number(times.getFirst());
            String slowest = Format.number(times.getLast());
            String range = fastest.equals(slowest) ? fastest : fastest + "–" + slowest;
            return Optional.of("(" + Format.size(size) + " elements) a vector call takes " + range + " ns");
        });
    }
}
