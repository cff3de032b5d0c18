package org.gbsettle.jobs.inbound;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.inbound.InboundMessages.Receipt;
import org.gbsettle.jobs.inbound.InboundMessages.Via;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The drop directory of consumption messages, {@code gbsettle.inbound.drop-dir} (none by default): each JSON file in it
 * ({@code *.json}, {@code *.ndjson}, {@code *.jsonl}: one message, an array of messages, or one message per line) is
 * received like a request to {@code POST /meter-data/messages}, then moved to {@code processed/} (every message
 * accepted or a duplicate) or {@code rejected/} (any message rejected, or the file not JSON), with {@code
 * NAME.result.json} next to it giving each message's outcome. Hidden files and others are left alone: a producer
 * writes {@code NAME.json.tmp} (or a hidden name) and renames it when complete. A file received again after a crash
 * before its move gives duplicates, nothing stored twice.
 */
@Component
public class DropDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DropDirectory.class);

    /** A file taken from the drop directory: where it went and its receipt (null if it was not JSON). */
    public record Dropped(
            Path file,
            Path movedTo,
            @Nullable Receipt receipt,
            @Nullable String error) {}

    private final InboundMessages messages;
    private final @Nullable Path directory;

    public DropDirectory(InboundMessages messages, @Value("${gbsettle.inbound.drop-dir:}") String directory) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.directory =
                directory.isBlank() ? null : Path.of(directory).toAbsolutePath().normalize();
    }

    /** The drop directory, or null when none is configured. */
    public @Nullable Path directory() {
        return directory;
    }

    /**
     * Receives every complete JSON file now in the drop directory, in name order; nothing if none is configured.
     *
     * @throws GbSettleException if the directory cannot be listed
     */
    public List<Dropped> poll() {
        Path dir = directory;
        if (dir == null) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path p : stream) {
                    if (Files.isRegularFile(p) && accepted(p)) {
                        files.add(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new GbSettleException("drop directory " + dir + " cannot be read (" + e.getMessage() + ")", e);
        }
        files.sort(null);
        List<Dropped> done = new ArrayList<>();
        for (Path f : files) {
            done.add(take(dir, f));
        }
        return done;
    }

    private static boolean accepted(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return !name.startsWith(".")
                && !name.endsWith(".result.json")
                && (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl"));
    }

    private Dropped take(Path dir, Path file) {
        Receipt receipt = null;
        String error = null;
        try {
            byte[] bytes = Files.readAllBytes(file);
            List<JsonNode> nodes = MessageJson.messages(bytes);
            receipt = messages.receive(nodes, Via.DROP);
        } catch (IllegalArgumentException e) {
            error = String.valueOf(e.getMessage());
        } catch (IOException e) {
            throw new GbSettleException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        boolean clean = receipt != null && receipt.count(MessageOutcome.Status.REJECTED) == 0;
        Path target = dir.resolve(clean ? "processed" : "rejected");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", String.valueOf(file.getFileName()));
        if (receipt != null) {
            result.putAll(ReceiptJson.of(receipt));
        } else {
            result.put("error", error);
        }
        try {
            Files.createDirectories(target);
            Path moved = free(target, String.valueOf(file.getFileName()));
            Path resultFile = target.resolve(moved.getFileName() + ".result.json");
            Path temp = target.resolve("." + resultFile.getFileName() + ".tmp");
            Files.write(
                    temp, MessageJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
            Files.move(temp, resultFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(file, moved, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("drop directory: {} -> {}", file.getFileName(), moved);
            return new Dropped(file, moved, receipt, error);
        } catch (IOException e) {
            throw new GbSettleException(file + ": cannot be moved to " + target + " (" + e.getMessage() + ")", e);
        }
    }

    /** {@code name} in {@code dir}, or {@code name} with a number before its extension if that is taken. */
    private static Path free(Path dir, String name) {
        Path p = dir.resolve(name);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 1; Files.exists(p); i++) {
            p = dir.resolve(stem + "." + i + ext);
        }
        return p;
    }
}
