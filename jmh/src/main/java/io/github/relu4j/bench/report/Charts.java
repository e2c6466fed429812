package io.github.relu4j.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.IntFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Throughput-versus-size charts, as SVG for the page and PNG for viewers without SVG: one per
 * element type and kernel, one per kernel on every core against one, and one per kernel against
 * the peers. Both axes are logarithmic: sizes
 * grow by powers of two and throughput spans orders of magnitude between the vector and scalar
 * kernels, and between relu4j and a peer's call overhead.
 */
final class Charts {
    /** Where the charts go, inside the results directory. */
    static final String DIRECTORY = "charts";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Charts() {}

    /**
     * Writes {@code <type>-<kernel>.svg} and {@code .png} into {@code dir} for each kernel's
     * figures, {@code multicore-<kernel>} for each kernel's multi-core figures, and {@code
     * peers-<kernel>} for each kernel's peer figures.
     */
    static void write(Path dir, List<KernelFigures> kernels, List<ParallelFigures> multiCore, List<PeerFigures> peers)
            throws IOException {
        Files.createDirectories(dir);
        for (KernelFigures f : kernels) {
            save(chart(f), dir, f.chartName());
        }
        for (ParallelFigures f : multiCore) {
            save(chart(f), dir, f.chartName());
        }
        for (PeerFigures f : peers) {
            save(chart(f), dir, f.chartName());
        }
    }

    private static void save(XYChart chart, Path dir, String name) throws IOException {
        // Both encoders add the extension when the name lacks it.
        String base = dir.resolve(name).toString();
        VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsFormat.SVG);
        BitmapEncoder.saveBitmap(chart, base, BitmapFormat.PNG);
    }

    static XYChart chart(KernelFigures f) {
        XYChart chart = empty(f.type().label() + " " + f.kernel().title() + " — throughput vs size");
        for (Variant v : f.variants()) {
            series(chart, v.suffix(), f.sizes(), size -> f.throughput(v, size))
                    .ifPresent(s -> s.setMarker(SeriesMarkers.CIRCLE));
        }
        series(chart, "bound: " + f.kernel().boundLabel(), f.sizes(), f::boundThroughput).ifPresent(s -> {
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setLineColor(Color.BLACK);
            s.setMarker(SeriesMarkers.NONE);
        });
        series(chart, "Vector API copy (load + store)", f.sizes(), f::vectorCopyThroughput).ifPresent(s -> {
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setLineColor(Color.GRAY);
            s.setMarker(SeriesMarkers.NONE);
        });
        return chart;
    }

    static XYChart chart(ParallelFigures f) {
        XYChart chart = empty("float " + f.kernel().title() + " — every core against one, throughput vs size");
        series(chart, "Parallel", f.sizes(), f::parallel).ifPresent(s -> s.setMarker(SeriesMarkers.CIRCLE));
        series(chart, "Single", f.sizes(), f::single).ifPresent(s -> s.setMarker(SeriesMarkers.CIRCLE));
        series(chart, "System.arraycopy (1 thread)", f.sizes(), f::copy).ifPresent(s -> {
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setLineColor(Color.BLACK);
            s.setMarker(SeriesMarkers.NONE);
        });
        return chart;
    }

    static XYChart chart(PeerFigures f) {
        XYChart chart = empty("float " + f.kernel().title() + " — relu4j and peers, throughput vs size");
        // Up to seven long names do not fit in one row below the plot.
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(LegendLayout.Vertical);
        for (PeerSeries p : f.series()) {
            series(chart, f.label(p), f.sizes(), size -> f.throughput(p, size)).ifPresent(s -> {
                s.setMarker(SeriesMarkers.CIRCLE);
                // One colour per library, dashed on all threads, so the lines of a library read as one.
                s.setLineColor(color(p));
                s.setMarkerColor(color(p));
                if (p.isMultiThreaded()) {
                    s.setLineStyle(SeriesLines.DASH_DASH);
                }
            });
        }
        return chart;
    }

    private static Color color(PeerSeries p) {
        return switch (p) {
            case RELU4J_ARRAY, RELU4J_PARALLEL -> new Color(0x1F77B4);
            case RELU4J_SEGMENT -> new Color(0x17BECF);
            case C -> new Color(0x7F7F7F);
            case PYTORCH_ONE, PYTORCH_ALL -> new Color(0xD62728);
            case ONNX_ONE, ONNX_ALL -> new Color(0x2CA02C);
        };
    }

    /** An empty chart in the report's style. */
    private static XYChart empty(String title) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("size (elements)").yAxisTitle("throughput (G elements/s)").build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setYAxisLogarithmic(true);
        // XChart's logarithmic axis ticks at powers of ten; sizes are powers of two, so x is
        // log2(size) on a linear axis, labelled back in Ki and Mi.
        styler.setxAxisTickLabelsFormattingFunction(Charts::sizeLabel);
        styler.setXAxisTickMarkSpacingHint(50);
        return chart;
    }

    /** A line through the sizes where {@code figure} was measured, or none if it never was. */
    private static Optional<XYSeries> series(XYChart chart, String name, SortedSet<Integer> sizes,
            IntFunction<Optional<Measurement>> figure) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int size : sizes) {
            figure.apply(size).ifPresent(m -> {
                x.add(log2(size));
                y.add(m.value());
            });
        }
        return x.isEmpty() ? Optional.empty() : Optional.of(chart.addSeries(name, x, y));
    }

    static double log2(int size) {
        return Math.log(size) / Math.log(2);
    }

    /** The tick at log2 {@code x}: a size label at whole powers of two, nothing between them. */
    static String sizeLabel(double x) {
        long exponent = Math.round(x);
        return Math.abs(x - exponent) < 1e-9 && exponent >= 0 && exponent < 63 ? Format.size(1L << exponent) : "";
    }
}
