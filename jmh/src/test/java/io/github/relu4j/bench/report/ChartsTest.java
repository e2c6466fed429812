package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ChartsTest {

    private static KernelFigures figures(Kernel kernel) throws IOException {
        return new KernelFigures(ElementType.FLOAT, kernel, new Results(JmhJson.parse(Sample.text("kernels.json"))));
    }

    @Test
    void oneLinePerMeasuredVariantAndTheBound() throws IOException {
        XYChart forward = Charts.chart(figures(Kernel.RELU_FORWARD));
        assertEquals(List.of("Vector", "Scalar", "Ternary", "MathMax", "bound: System.arraycopy",
                "Vector API copy (load + store)"), List.copyOf(forward.getSeriesMap().keySet()));
        XYChart backward = Charts.chart(figures(Kernel.RELU_BACKWARD));
        assertEquals(List.of("Vector", "Scalar", "bound: add (x + dy)"), List.copyOf(backward.getSeriesMap().keySet()));
        assertEquals("float ReLU forward — throughput vs size", forward.getTitle());
    }

    @Test
    void pointsAreLog2SizeAgainstThroughput() throws IOException {
        XYChart chart = Charts.chart(figures(Kernel.RELU_FORWARD));
        // The vector kernel ran at 1 Ki and 16 Ki, both at 8 G elements/s.
        assertArrayEquals(new double[] {10, 14}, chart.getSeriesMap().get("Vector").getXData(), 1e-12);
        assertArrayEquals(new double[] {8, 8}, chart.getSeriesMap().get("Vector").getYData(), 1e-12);
        assertArrayEquals(new double[] {16, 16}, chart.getSeriesMap().get("bound: System.arraycopy").getYData(), 1e-12);
        // vectorCopy: 1024 elements in 64 ns, 16384 in 1536 ns.
        assertArrayEquals(new double[] {16, 16384 / 1536.0},
                chart.getSeriesMap().get("Vector API copy (load + store)").getYData(), 1e-12);
    }

    @Test
    void ticksAreLabelledAsSizesAtWholePowersOfTwo() {
        assertEquals("1 Ki", Charts.sizeLabel(10));
        assertEquals("64 Mi", Charts.sizeLabel(26));
        assertEquals("", Charts.sizeLabel(11.5));
    }
}
