package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.gbsettle.jobs.GbSettleException;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports errors on standard error. Bad arguments: the message, any "did you mean" suggestions and the usage of the
 * command, exit code 2. An error raised while a command runs: one line naming the command and what went wrong, the
 * stack trace only with {@code --debug}, exit code 1.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private final BooleanSupplier debug;

    ErrorReporter(BooleanSupplier debug) {
        this.debug = debug;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getColorScheme().errorText(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        commandLine.usage(err, commandLine.getColorScheme());
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String message = commandLine.getCommandSpec().qualifiedName() + ": error: " + describe(ex);
        err.println(commandLine.getColorScheme().errorText(message));
        if (debug.getAsBoolean()) {
            ex.printStackTrace(err);
        } else {
            err.println("(run with --debug for the stack trace)");
        }
        err.flush();
        return ExitCode.SOFTWARE;
    }

    /**
     * What went wrong, in one line: the message of the first {@link GbSettleException} in the chain of causes (written
     * for the operator), else the message of the deepest cause with its type.
     */
    static String describe(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable deepest = t;
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            if (c instanceof GbSettleException) {
                return String.valueOf(c.getMessage());
            }
            deepest = c;
        }
        String message = deepest.getMessage();
        return message == null || message.isBlank()
                ? deepest.getClass().getName()
                : message.strip() + " (" + deepest.getClass().getSimpleName() + ")";
    }
}
