package org.gbsettle.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An embedded database of its own for one integration test class: a new directory whose {@code pgdata} is the data
 * directory ({@code gbsettle.database.data-dir}) of the class's Spring context, so the class starts from an empty
 * database; the directory is deleted once the class is done and its context closed.
 *
 * <p>Use it as a static extension field and register it from the class's {@code @DynamicPropertySource} method (a
 * method of the class's own also keeps its context from being shared with another class):
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestDatabase DATABASE = new TestDatabase();
 *
 * @DynamicPropertySource
 * static void database(DynamicPropertyRegistry registry) {
 *     DATABASE.register(registry);
 * }
 * }</pre>
 *
 * <p>The directory is made when the context asks for it, not by JUnit: a static {@code @TempDir} is not yet set when a
 * test class with a per-class lifecycle gets its context, this works for both lifecycles. The class's context must be
 * closed after it ({@code @DirtiesContext(classMode = AFTER_CLASS)}), which stops the server before the directory is
 * deleted.
 */
public final class TestDatabase implements AfterAllCallback {

    private @Nullable Path directory;

    /** Points {@code gbsettle.database.data-dir} at {@link #dataDirectory()}. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("gbsettle.database.data-dir", () -> dataDirectory().toString());
    }

    /** The class's own directory, made on first use; the test may keep other files there. */
    public synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("gbsettle-it-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }

    /** The embedded server's data directory: {@code pgdata} in {@link #directory()}. */
    public Path dataDirectory() {
        return directory().resolve("pgdata");
    }

    /**
     * Deletes the directory when the class's extension context closes: after every after-all callback, among them
     * the one closing the Spring context (an extension field's own after-all runs before it).
     */
    @Override
    public void afterAll(ExtensionContext context) {
        Path made;
        synchronized (this) {
            made = directory;
            directory = null;
        }
        if (made != null) {
            context.getStore(ExtensionContext.Namespace.create(TestDatabase.class))
                    .put(made.toString(), (AutoCloseable) () -> delete(made));
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
