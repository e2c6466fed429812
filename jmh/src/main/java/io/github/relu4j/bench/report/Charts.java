package io.github.relu4j.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * One throughput-versus-size chart per element type and kernel, as SVG for the page and PNG for
 * viewers without SVG. Both axes are logarithmic: sizes grow by powers of two and throughput
 * spans orders of magnitude between the vector and scalar kernels.
 */
final class Charts {
    /** Where the charts go, inside the results directory. */
    static final String DIRECTORY = "charts";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Charts() {}

    /** Writes {@code <type>-<kernel>.svg} and {@code .png} into {@code dir} for each kernel's figures. */
    static void write(Path dir, List<KernelFigures> figures) throws IOException {
        Files.createDirectories(dir);
        for (KernelFigures f : figures) {
            XYChart chart = chart(f);
            // Both encoders add the extension when the name lacks it.
            String base = dir.resolve(f.chartName()).toString();
            VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsFormat.SVG);
            BitmapEncoder.saveBitmap(chart, base, BitmapFormat.PNG);
        }
    }

    static XYChart chart(KernelFigures f) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(f.type().label() + " " + f.kernel().title() + " — throughput vs size")
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
        for (Variant v : f.variants()) {
            series(chart, v.suffix(), f, size -> f.throughput(v, size))
                    .ifPresent(s -> s.setMarker(SeriesMarkers.CIRCLE));
        }
        series(chart, "bound: " + f.kernel().boundLabel(), f, f::boundThroughput).ifPresent(s -> {
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setLineColor(Color.BLACK);
            s.setMarker(SeriesMarkers.NONE);
        });
        return chart;
    }

    /** A line through the sizes where {@code figure} was measured, or none if it never was. */
    private static Optional<XYSeries> series(XYChart chart, String name, KernelFigures f,
            IntFunction<Optional<Measurement>> figure) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int size : f.sizes()) {
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
