package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {

    @Test
    void atLeastGoal() {
        Goal goal = Goal.atLeast(0.95);
        assertEquals("≥ 0.95", goal.text());
        assertEquals("met", goal.verdict(0.95));
        assertEquals("met", goal.verdict(1.02));
        // 0.90 is 5.3 % short of 0.95.
        assertEquals("missed by 5.3 %", goal.verdict(0.90));
        assertEquals("≥ 8", Goal.atLeast(8).text());
        assertEquals("missed by 25.0 %", Goal.atLeast(8).verdict(6));
    }

    @Test
    void belowGoal() {
        Goal goal = Goal.below(1.0, "~0");
        assertEquals("met", goal.verdict(0.999));
        assertEquals("missed", goal.verdict(1.0));
        assertEquals("missed", goal.verdict(24));
    }

    @Test
    void boundTargetTakesTheLowestRatioFrom16Ki(@TempDir Path dir) throws IOException {
        ResultsDirectory run = ResultsDirectory.read(Sample.copyTo(dir));
        // ReLU forward: 8 G el/s against copy's 16 at 16 Ki, each 5 % uncertain.
        assertEquals(new TargetsSection.Judged("0.50 ± 0.04 at 16 Ki", "missed by 47.4 %"),
                TargetsSection.bound(figures(run, Kernel.RELU_FORWARD)));
        // ReLU backward: add 3072 ns over vector 3200 ns.
        assertEquals(new TargetsSection.Judged("0.96 ± 0.07 at 16 Ki", "met"),
                TargetsSection.bound(figures(run, Kernel.RELU_BACKWARD)));
    }

    @Test
    void speedUpTarget(@TempDir Path dir) throws IOException {
        ResultsDirectory run = ResultsDirectory.read(Sample.copyTo(dir));
        assertEquals(new TargetsSection.Judged("16.0 ± 1.1", "met"),
                TargetsSection.speedUp(figures(run, Kernel.RELU_FORWARD)));
        assertEquals(new TargetsSection.Judged("6.00 ± 0.42", "missed by 25.0 %"),
                TargetsSection.speedUp(figures(run, Kernel.RELU_BACKWARD)));
    }

    @Test
    void allocationTargetTakesTheMostOverSizes(@TempDir Path dir) throws IOException {
        ResultsDirectory run = ResultsDirectory.read(Sample.copyTo(dir));
        assertEquals(new TargetsSection.Judged("0.002", "met"),
                TargetsSection.allocation(figures(run, Kernel.RELU_FORWARD), run.gc()));
        assertEquals(new TargetsSection.Judged("24.0 ± 0.5", "missed"),
                TargetsSection.allocation(figures(run, Kernel.RELU_BACKWARD), run.gc()));
    }

    @Test
    void missingFiguresAreNotMeasured(@TempDir Path dir) throws IOException {
        Sample.copyTo(dir);
        Files.delete(dir.resolve("gc.json"));
        ResultsDirectory run = ResultsDirectory.read(dir);
        KernelFigures leaky = figures(run, Kernel.LEAKY_RELU_FORWARD);
        assertEquals(TargetsSection.Judged.MISSING, TargetsSection.bound(leaky));
        assertEquals(TargetsSection.Judged.MISSING, TargetsSection.speedUp(leaky));
        assertEquals(TargetsSection.Judged.MISSING,
                TargetsSection.allocation(figures(run, Kernel.RELU_FORWARD), run.gc()));
    }

    private static KernelFigures figures(ResultsDirectory run, Kernel kernel) {
        return new KernelFigures(ElementType.FLOAT, kernel, run.kernels());
    }
}
