package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed loops are what {@link LoopGenerator} writes from today's catalogue: a changed op,
 * format or template without regenerated loops fails here. With {@code -Drelu4j.generate=true}
 * ({@code ./test.sh --generate}) it writes them instead.
 */
class GeneratedLoopsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/github/relu4j");

    @ParameterizedTest
    @EnumSource(LoopGenerator.Target.class)
    void committedLoopsAreTheGeneratorsOutput(LoopGenerator.Target target) throws IOException {
        Path file = SOURCES.resolve(target.fileName());
        String generated = LoopGenerator.generate(target);
        if (Boolean.getBoolean("relu4j.generate")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8),
                file + " is not what LoopGenerator writes: run ./test.sh --generate");
    }
}
