package org.gbsettle.jobs.cli;

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
}
