package io.github.relu4j;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the HotSpot flags that decide whether C2 runs, and whether it compiles the Vector API. java.vm.info shows -Xint and
 * TieredStopAtLevel=1 but not TieredStopAtLevel=2 or 3, nor -XX:-UseCompiler; the diagnostic
 * MXBean shows them all. Without {@code jdk.management} (a trimmed runtime, or a module path
 * that does not add it) the map is empty and java.vm.info alone decides.
 */
final class HotSpotFlags {
    private static final String[] NAMES = {"UseCompiler", "TieredCompilation", "TieredStopAtLevel",
        // Experimental or diagnostic: visible only when unlocked, which setting them needs.
        "EnableVectorSupport", "EnableVectorReboxing", "InlineNatives", "DisableIntrinsic", "ControlIntrinsic"};

    private HotSpotFlags() {}

    static Map<String, String> read() {
        var management = ModuleLayer.boot().findModule("jdk.management");
        var javaManagement = ModuleLayer.boot().findModule("java.management");
        if (management.isEmpty() || javaManagement.isEmpty()) {
            return Map.of();
        }
        Selector.read(management.get());
        Selector.read(javaManagement.get());
        return values();
    }

    private static Map<String, String> values() {
        Map<String, String> flags = new HashMap<>();
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (bean == null) {
                return Map.of();
            }
            for (String name : NAMES) {
                try {
                    flags.put(name, bean.getVMOption(name).getValue());
                } catch (IllegalArgumentException noSuchFlag) {
                    // Not every HotSpot build has every flag; the others still count.
                }
            }
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError unavailable) {
            return Map.of(); // Not HotSpot's management, or not allowed: java.vm.info decides.
        }
        return Map.copyOf(flags);
    }
}
