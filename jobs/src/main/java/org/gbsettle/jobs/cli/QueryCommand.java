package org.gbsettle.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.postgres.QueryResult;
import org.gbsettle.jobs.io.postgres.ReadOnlyQuery;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle query SQL}: runs one SQL statement read-only on the settlement database and prints its result as a
 * text table or CSV ({@link QueryOutput}).
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one SQL statement in a read-only transaction on the settlement database and prints the result:"
                    + " an aligned table (numbers right-aligned, NULL empty, then the row count) or, with --csv,"
                    + " RFC 4180 CSV with a header. Nothing can be changed: a write is refused (exit 1).",
            "Analyst views: settlement_volume_latest_v1, settlement_run_latest_v1, settlement_run_history_v1;"
                    + " output tables: bm_unit_volume, supplier_volume, gsp_group_correction, data_quality,"
                    + " quarantine. Times print in UTC."
        })
final class QueryCommand implements Callable<Integer> {

    static final int MAX_MAX_ROWS = 1_000_000;

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SQL", description = "The SQL statement (or --file).")
    private @Nullable String sql;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the SQL statement from this file.")
    private @Nullable Path file;

    @Option(names = "--csv", description = "Print RFC 4180 CSV with a header row instead of a table.")
    private boolean csv;

    @Option(
            names = "--max-rows",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Print at most N rows, 1 to " + MAX_MAX_ROWS + " (default: ${DEFAULT-VALUE});"
                    + " says so when there are more.")
    private int maxRows = 1000;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        if (maxRows < 1 || maxRows > MAX_MAX_ROWS) {
            throw new ParameterException(
                    spec.commandLine(), "--max-rows must be between 1 and " + MAX_MAX_ROWS + ", not " + maxRows);
        }
        String sql = ReadOnlyQuery.oneStatement(statement(spec));
        int maxRows = this.maxRows;
        boolean csv = this.csv;
        return parent.contexts().withContext(context -> {
            QueryResult result = context.getBean(ReadOnlyQuery.class).run(sql, maxRows);
            PrintWriter out = spec.commandLine().getOut();
            if (csv) {
                out.print(QueryOutput.csv(result));
                if (result.truncated()) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("gbsettle query: " + QueryOutput.count(result, maxRows));
                    err.flush();
                }
            } else {
                out.print(QueryOutput.table(result, maxRows));
            }
            out.flush();
            return ExitCode.OK;
        });
    }

    /** The statement from the argument or the file: exactly one of them. */
    private String statement(CommandSpec spec) {
        String sql = this.sql;
        Path file = this.file;
        if ((sql == null) == (file == null)) {
            throw new ParameterException(spec.commandLine(), "Give the SQL statement either as SQL or as --file FILE");
        }
        if (sql != null) {
            return sql;
        }
        try {
            return Files.readString(Objects.requireNonNull(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new GbSettleException("There is no SQL file " + file, e);
        } catch (IOException e) {
            throw new GbSettleException("Cannot read the SQL file " + file + ": " + e, e);
        }
    }
}
