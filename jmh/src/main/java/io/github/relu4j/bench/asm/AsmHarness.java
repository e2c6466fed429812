package io.github.relu4j.bench.asm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Warms up each target until C2 has compiled it, so that HotSpot prints its code.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp benchmarks.jar io.github.relu4j.bench.asm.AsmHarness \
 *       --commands FILE [REGEX]     write the -XX:CompileCommand lines for the targets into FILE
 *   ... AsmHarness --species         print the preferred vector shape under the given VM flags
 *   LD_LIBRARY_PATH=hsdis-dir java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommandFile=FILE \
 *       -XX:PrintAssemblyOptions=intel --add-modules jdk.incubator.vector -cp benchmarks.jar \
 *       io.github.relu4j.bench.asm.AsmHarness [REGEX] > log      warm up and let HotSpot print
 * </pre>
 *
 * <p>REGEX (default: all) selects targets by name. Before the warm-ups the harness prints the
 * targets' {@link AsmTarget#markerLine() marker lines}, which {@link AsmExtractor} reads.
 */
public final class AsmHarness {
    /** Calls per target: well past C2's thresholds (about 10^4 invocations with back-edges). */
    static final int CALLS = 40_000;

    private AsmHarness() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path commands = null;
        String regex = ".*";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--commands")) {
                commands = Path.of(args[++i]);
            } else if (args[i].equals("--species")) {
                // The preferred vector shapes of this JVM and its flags, for the report.
                System.out.println(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit ("
                        + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length() + " float / "
                        + jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length() + " double lanes)");
                return;
            } else {
                regex = args[i];
            }
        }
        List<AsmTarget> targets = select(AsmTargets.all(), regex);
        if (targets.isEmpty()) {
            System.err.println("asm: no target matches " + regex);
            System.exit(2);
        }
        if (commands != null) {
            Files.write(commands, compileCommands(targets));
            return;
        }
        // The markers go out before anything is compiled: HotSpot's printing shares standard output
        // and would otherwise cut into them (or they into an instruction line).
        PrintStream out = System.out;
        for (AsmTarget t : targets) out.println(t.markerLine());
        out.flush();
        for (AsmTarget t : targets) {
            for (int c = 0; c < CALLS; c++) {
                t.call().run();
            }
        }
        // Let the compiler threads finish (and print) what is still queued.
        Thread.sleep(2000);
    }

    static List<AsmTarget> select(List<AsmTarget> all, String regex) {
        Pattern p = Pattern.compile(regex);
        List<AsmTarget> chosen = new ArrayList<>();
        for (AsmTarget t : all) {
            if (p.matcher(t.name()).find()) chosen.add(t);
        }
        return chosen;
    }

    /**
     * The CompileCommandFile lines: print each target's method and keep it from being inlined
     * into its caller, so it is compiled (and printed) as a method of its own.
     */
    static List<String> compileCommands(List<AsmTarget> targets) {
        Set<String> lines = new LinkedHashSet<>();
        lines.add("quiet");
        for (AsmTarget t : targets) {
            lines.add("print " + t.compileCommandPattern());
            lines.add("dontinline " + t.compileCommandPattern());
        }
        return new ArrayList<>(lines);
    }
}
