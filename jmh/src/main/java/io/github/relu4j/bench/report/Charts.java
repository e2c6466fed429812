package io.github.relu4j.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
 * Throughput-versus-size charts, as SVG for the page and PNG for viewers without SVG. Sizes grow
 * by powers of two, so x is log2(size) on a linear axis, labelled back in Ki and Mi.
 */
final class Charts {
    /** Where the charts go, inside the results directory. */
    static final String DIRECTORY = "charts";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Charts() {}

    /**
     * One line: throughput by size, one point per result, smallest size first; {@code color} null
     * for XChart's next colour.
     */
    record Line(String name, List<JmhResult> results, Color color, boolean dashed, boolean markers) {
        Line {
            results = results.stream().sorted((a, b) -> Integer.compare(a.size(), b.size())).toList();
        }

        /** The same line in {@code color}, dashed or solid. */
        Line styled(Color c, boolean dash) {
            return new Line(name, results, c, dash, markers);
        }
    }

    /** A measured line, with a marker at each point. */
    static Line line(String name, List<JmhResult> results) {
        return new Line(name, results, null, false, true);
    }

    /** A bound or reference: black, dashed, no markers. */
    static Line bound(String name, List<JmhResult> results) {
        return new Line(name, results, Color.BLACK, true, false);
    }

    /**
     * A chart of {@code lines}. With {@code errorBars} the throughput axis is linear and each point
     * carries its ± interval; without, the axis is logarithmic, for lines orders of magnitude apart.
     */
    static XYChart chart(String title, List<Line> lines, boolean errorBars) {
        XYChart chart = bySize(title, "throughput (G elements/s)");
        XYStyler styler = chart.getStyler();
        styler.setYAxisLogarithmic(!errorBars);
        styler.setYAxisMin(errorBars ? 0.0 : null);
        styler.setErrorBarsColorSeriesColor(true);
        for (Line line : lines) {
            double[] x = line.results().stream().mapToDouble(r -> log2(r.size())).toArray();
            List<Measurement> y = line.results().stream().map(JmhResult::throughput).toList();
            double[] values = y.stream().mapToDouble(Measurement::value).toArray();
            XYSeries series = errorBars
                    ? chart.addSeries(line.name(), x, values,
                            y.stream().mapToDouble(m -> m.hasError() ? m.error() : 0).toArray())
                    : chart.addSeries(line.name(), x, values);
            series.setMarker(line.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (line.dashed()) {
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
            if (line.color() != null) {
                series.setLineColor(line.color());
                series.setMarkerColor(line.color());
            }
        }
        return chart;
    }

    /** An empty chart against size (log2 on x, labelled in Ki and Mi), legend on the right. */
    private static XYChart bySize(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("size (elements)").yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(LegendPosition.OutsideE);
        styler.setLegendLayout(LegendLayout.Vertical);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setxAxisTickLabelsFormattingFunction(Charts::sizeLabel);
        styler.setXAxisTickMarkSpacingHint(50);
        return chart;
    }

    /** One line of a ratio chart: a ratio with its interval at each size. */
    record Ratios(String name, double[] log2Sizes, List<Measurement> ratios) {}

    /**
     * Ratios against size, each point with its ± interval, and a dashed black line at 1 (level
     * with the bound): above it faster, below slower.
     */
    static XYChart ratioChart(String title, String yTitle, List<Ratios> lines) {
        XYChart chart = bySize(title, yTitle);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Ratios line : lines) {
            for (double x : line.log2Sizes()) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            XYSeries series = chart.addSeries(line.name(), line.log2Sizes(),
                    line.ratios().stream().mapToDouble(Measurement::value).toArray(),
                    line.ratios().stream().mapToDouble(m -> m.hasError() ? m.error() : 0).toArray());
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        if (min <= max) {
            XYSeries level = chart.addSeries("= bound", new double[] {min, max}, new double[] {1, 1},
                    new double[] {0, 0});
            level.setMarker(SeriesMarkers.NONE);
            level.setLineStyle(SeriesLines.DASH_DASH);
            level.setLineColor(Color.BLACK);
        }
        return chart;
    }

    /**
     * Writes {@code <name>.svg} and {@code <name>.png} into {@code dir}, {@code name} made safe for
     * a file name, and returns that name.
     */
    static String write(Path dir, String name, XYChart chart) throws IOException {
        Files.createDirectories(dir);
        String file = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        // Both encoders add the extension.
        String base = dir.resolve(file).toString();
        VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsFormat.SVG);
        BitmapEncoder.saveBitmap(chart, base, BitmapFormat.PNG);
        return file;
    }

    static double log2(int size) {
        return Math.log(size) / Math.log(2);
    }

    /** The tick at log2 {@code x}: a size label at whole powers of two, a blank between them (XChart rejects an empty label). */
    static String sizeLabel(double x) {
        long exponent = Math.round(x);
        return Math.abs(x - exponent) < 1e-9 && exponent >= 0 && exponent < 63 ? Format.size(1L << exponent) : " ";
    }
}
