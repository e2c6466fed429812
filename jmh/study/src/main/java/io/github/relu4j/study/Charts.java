package io.github.relu4j.study;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts in the style of the benchmark report's, written as SVG and PNG. */
final class Charts {
    static final String DIRECTORY = "charts";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Charts() {}

    /** One line: points (x, y), a colour, solid or dashed. */
    record Line(String name, double[] x, double[] y, Color color, boolean dashed) {}

    static XYChart chart(String title, String xTitle, String yTitle, boolean logY, List<Line> lines) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setLegendPosition(LegendPosition.OutsideE);
        styler.setLegendLayout(LegendLayout.Vertical);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setYAxisLogarithmic(logY);
        for (Line line : lines) {
            XYSeries series = chart.addSeries(line.name(), line.x(), line.y());
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineColor(line.color());
            series.setMarkerColor(line.color());
            if (line.dashed()) {
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        return chart;
    }

    /** Writes {@code dir/charts/name.svg} and {@code .png}; returns the SVG's path relative to {@code dir}. */
    static String write(Path dir, String name, XYChart chart) throws IOException {
        Path charts = dir.resolve(DIRECTORY);
        Files.createDirectories(charts);
        String base = charts.resolve(name).toString(); // both encoders add the extension
        VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsFormat.SVG);
        BitmapEncoder.saveBitmap(chart, base, BitmapFormat.PNG);
        return DIRECTORY + "/" + name;
    }

    /** A colour per activation, the same in every chart. */
    static Color color(Nonlinearity n) {
        return switch (n) {
            case SIGMOID -> new Color(0x1f77b4);
            case RELU -> new Color(0xd62728);
            case LEAKY_RELU -> new Color(0x2ca02c);
            case LEAKY_RELU_SLOPE_0_1 -> new Color(0x9467bd);
        };
    }
}
