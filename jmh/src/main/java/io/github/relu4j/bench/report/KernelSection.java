package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One section per element type: for each kernel its chart and its throughput table by size. */
final class KernelSection {
    private KernelSection() {}

    static String render(ResultsDirectory run) {
        StringBuilder md = new StringBuilder();
        List<KernelFigures> all = run.kernelFigures();
        for (ElementType type : ElementType.values()) {
            List<KernelFigures> ofType = all.stream().filter(f -> f.type() == type).toList();
            if (ofType.isEmpty()) {
                continue;
            }
            md.append("## ").append(type.label()).append("\n\n").append("""
                    Random data (uniform in [-1, 1), half negative). Throughput in G elements/s: elements per \
                    call over ns per call. Vector is the library's SIMD kernel, Scalar its scalar reference, \
                    Ternary the plain branchy loop a user would write; MathMax (`Math.max(x, 0)`) and \
                    MaxOfProduct (`Math.max(x, alpha * x)`) are loops C2 vectorises but which break the \
                    contract (-0.0 becomes +0.0; wrong for alpha above 1 or below 0). Ratios are of \
                    throughputs: above 1 the vector kernel is faster.

                    """);
            ofType.forEach(f -> kernel(md, f));
        }
        return md.toString();
    }

    private static void kernel(StringBuilder md, KernelFigures f) {
        Kernel k = f.kernel();
        md.append("### ").append(k.title()).append("\n\n");
        md.append("![").append(f.type().label()).append(' ').append(k.title()).append(": throughput vs size](")
                .append(Charts.DIRECTORY).append('/').append(f.chartName()).append(".svg)\n\n");
        md.append(f.bytesPerElement()).append(" bytes per element: ").append(k.streamText()).append(" (")
                .append(k.streams()).append(" × ").append(f.type().bytes()).append(" B); bound: ")
                .append(k.boundLabel()).append(f.hasVectorCopy() ? "; Vector API copy: a Vector API loop that "
                        + "loads and stores the same streams with no work between" : "")
                .append(".\n\n");
        md.append(table(f).render()).append('\n');
    }

    private static MarkdownTable table(KernelFigures f) {
        List<Variant> variants = f.variants();
        List<Variant> others = variants.stream().filter(v -> v != Variant.VECTOR).toList();
        List<String> header = new ArrayList<>(List.of("size"));
        variants.forEach(v -> header.add(v.suffix() + " (G el/s)"));
        header.addAll(List.of("vector GB/s", "bound GB/s", "vector / bound"));
        boolean vectorCopy = f.hasVectorCopy();
        if (vectorCopy) {
            header.addAll(List.of("Vector API copy GB/s", "vector / vector copy"));
        }
        others.forEach(v -> header.add(v.ratioLabel()));
        MarkdownTable table = new MarkdownTable(1, header);
        for (int size : f.sizes()) {
            List<String> row = new ArrayList<>(List.of(Format.size(size)));
            variants.forEach(v -> row.add(value(f.throughput(v, size))));
            row.add(value(f.vectorGigabytesPerSecond(size)));
            row.add(value(f.boundGigabytesPerSecond(size)));
            row.add(ratio(f.vectorOverBound(size)));
            if (vectorCopy) {
                row.add(value(f.vectorCopyGigabytesPerSecond(size)));
                row.add(ratio(f.vectorOverVectorCopy(size)));
            }
            others.forEach(v -> row.add(ratio(f.vectorOver(v, size))));
            table.row(row);
        }
        return table;
    }

    private static String value(Optional<Measurement> m) {
        return m.map(Format::value).orElse("");
    }

    private static String ratio(Optional<Measurement> m) {
        return m.map(Format::ratio).orElse("");
    }
}
