package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Run by the surefire execution {@code fallback}, in a JVM started without
 * {@code --add-modules jdk.incubator.vector}: the facades still give the reference bits (the
 * inherited tests), {@code preferred()} warms up to the portable kernels (on several threads for
 * large inputs), and {@code vector()} says how to enable the module.
 */
@Tag("fallback")
class FallbackTest extends FacadeTest {

    @BeforeAll
    static void theVectorModuleIsAbsent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this test needs a JVM without --add-modules jdk.incubator.vector (surefire execution 'fallback')");
    }

    /**
     * Every kernel settles on the portable loops, or stays on the reference where C2 compiled
     * that without a branch and the portable loop was not faster (it happens, depending on the
     * profile); at least one switches.
     */
    @Test
    void preferredWarmsUpToThePortableKernels() throws InterruptedException {
        Engine preferred = Engine.preferred();
        assertTrue(preferred.warmUp().awaitWarmUp(java.time.Duration.ofSeconds(300)), "warm-up settled");
        assertTrue(preferred.name().startsWith("portable"), preferred.name());
        WarmingLoops warming = WarmingLoops.of(preferred.loops());
        int portable = 0;
        for (Op op : Op.values()) {
            for (Format f : Format.values()) {
                for (int k = 0; k < 4; k++) {
                    Loops running = warming.running(op, f, (k & 2) != 0, (k & 1) != 0);
                    assertTrue(running == Engine.portable().loops() || running == Engine.scalar().loops(),
                            op + " " + f + " " + k + ": " + running);
                    portable += running == Engine.portable().loops() ? 1 : 0;
                }
            }
        }
        assertTrue(portable > 0, "no kernel switched to the portable loops");
    }

    @Test
    void vectorSaysHowToEnableTheModule() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, Engine::vector);
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }
}
