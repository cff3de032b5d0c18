package org.gbsettle.jobs;

import org.gbsettle.jobs.cli.GbSettleCommand;
import org.gbsettle.jobs.cli.NewContextPerCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The gbsettle application: half-hourly settlement runs, meter-data ingest and reference-data loads as Spring Batch
 * jobs on PostgreSQL, driven from the command line ({@code java -jar gbsettle.jar COMMAND}).
 *
 * <p>{@link #main} parses the command line first; only commands that need the database start the Spring context
 * this class configures, so {@code --help} and {@code --version} return at once.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SettlementJobsApplication {

    /** Runs one command and exits with its code: 0 success, 1 error, 2 bad arguments. */
    public static void main(String[] args) {
        int exitCode = GbSettleCommand.commandLine(new NewContextPerCommand(SettlementJobsApplication.class))
                .execute(args);
        System.exit(exitCode);
    }
}
