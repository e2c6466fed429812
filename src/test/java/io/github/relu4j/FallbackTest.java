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
 * inherited tests), {@code preferred()} is the scalar implementation (on several threads for
 * large inputs), and {@code vector()} says
 * how to enable the module.
 */
@Tag("fallback")
class FallbackTest extends FacadeTest {

    @BeforeAll
    static void theVectorModuleIsAbsent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this test needs a JVM without --add-modules jdk.incubator.vector (surefire execution 'fallback')");
    }

    @Test
    void preferredIsTheScalarReference() {
        assertSame(Engine.scalar().loops(), ParallelLoops.serial(Engine.preferred().loops()));
    }

    @Test
    void vectorSaysHowToEnableTheModule() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, Engine::vector);
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }
}
