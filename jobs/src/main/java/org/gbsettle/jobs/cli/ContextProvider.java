package org.gbsettle.jobs.cli;

import java.util.Map;
import java.util.function.ToIntFunction;
import org.springframework.context.ApplicationContext;

/**
 * Gives a command that needs the database a started Spring application context: a new one per command on the command
 * line ({@link NewContextPerCommand}), or a shared one in tests.
 */
@FunctionalInterface
public interface ContextProvider {

    /**
     * Runs {@code work} in a started context and returns its exit code; a context started for it is closed after,
     * which stops an embedded database.
     */
    int withContext(ToIntFunction<ApplicationContext> work);

    /**
     * As {@link #withContext(ToIntFunction)}, with configuration properties set by the command that take precedence
     * over every other source (environment, system properties, {@code application.properties}). A provider whose
     * context is already started (a test's) cannot apply them and runs {@code work} in its context as it is: a
     * command that depends on them checks the context it gets.
     */
    default int withContext(Map<String, String> properties, ToIntFunction<ApplicationContext> work) {
        return withContext(work);
    }

    /**
     * As {@link #withContext(Map, ToIntFunction)}, in a web application context: an embedded web server on {@code
     * server.port} (for {@code serve}; every other command gets a context without one). A provider whose context is
     * already started runs {@code work} in it as it is.
     */
    default int withWebContext(Map<String, String> properties, ToIntFunction<ApplicationContext> work) {
        return withContext(properties, work);
    }
}
