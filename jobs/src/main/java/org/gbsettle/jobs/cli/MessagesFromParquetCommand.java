package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.inbound.MessageJson;
import org.gbsettle.jobs.inbound.ParquetMessages;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle messages-from-parquet FILE --sender ID}: prints a meter-data Parquet file as consumption messages,
 * one per line (NDJSON), for {@code POST /meter-data/messages} or the drop directory ({@link ParquetMessages}); needs
 * no database.
 */
@Command(
        name = "messages-from-parquet",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a meter-data Parquet file as half-hourly consumption messages, one JSON message per line (NDJSON):"
                    + " one message per settlement date, MPAN and measurement quantity. Rows the ingest would"
                    + " quarantine, and rows of a period the date does not have, are left out (counted on standard"
                    + " error). Needs no database.",
            "Example: gbsettle messages-from-parquet reads.parquet --sender NORD | curl -H 'Content-Type:"
                    + " application/x-ndjson' --data-binary @- http://localhost:8080/meter-data/messages"
        })
final class MessagesFromParquetCommand implements Callable<Integer> {

    private static final Pattern SENDER = Pattern.compile("[A-Z0-9]{4}");

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The meter-data Parquet file.")
    private @Nullable Path file;

    @Option(
            names = "--sender",
            required = true,
            paramLabel = "ID",
            description = "The sending data service's market participant id (4 letters or digits).")
    private @Nullable String sender;

    @Option(
            names = "--id-prefix",
            paramLabel = "PREFIX",
            description = "The start of every message id (default: the sender and the file's name).")
    private @Nullable String idPrefix;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        Path file = Objects.requireNonNull(this.file, "file");
        String sender = Objects.requireNonNull(this.sender, "sender");
        if (!SENDER.matcher(sender).matches()) {
            throw new ParameterException(spec.commandLine(), "--sender must be 4 capital letters or digits: " + sender);
        }
        if (!Files.isRegularFile(file)) {
            throw new GbSettleException(file + ": no such file");
        }
        String name = String.valueOf(file.getFileName()).replaceAll("\\.parquet$", "");
        String prefix = idPrefix != null ? idPrefix : sender + "-" + name.replaceAll("[^A-Za-z0-9._:-]", "_");
        ParquetMessages.Converted converted =
                ParquetMessages.of(file, sender, prefix, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        PrintWriter out = spec.commandLine().getOut();
        for (Map<String, Object> m : converted.messages()) {
            out.println(MessageJson.MAPPER.writeValueAsString(m));
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(file + ": " + converted.messages().size() + " message(s); " + converted.rowsLeftOut()
                + " row(s) left out (quarantined by the ingest, or of a period the date does not have)");
        err.flush();
        return ExitCode.OK;
    }
}
