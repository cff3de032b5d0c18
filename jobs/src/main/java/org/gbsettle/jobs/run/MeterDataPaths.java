package org.gbsettle.jobs.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where this process finds the meter-data files that ingest recorded (absolute, normalised paths in {@code
 * meter_data_file.file_path}): the property {@code gbsettle.meter-data.path-map}, a list of {@code RECORDED=LOCAL}
 * path prefixes separated by {@code ;}. A file recorded under {@code RECORDED} is read under {@code LOCAL} with the
 * rest of its path unchanged (the first matching prefix wins, whole path elements only); other files are read where
 * they were recorded. For workers that mount the shared meter-data directory somewhere else than where the ingesting
 * machine saw it. Outputs (quarantine rows, manifests) always name the recorded path, so they do not depend on where a
 * partition ran.
 *
 * @param mappings the prefixes, in the order they are tried
 */
public record MeterDataPaths(List<Mapping> mappings) {

    /**
     * One prefix mapping.
     *
     * @param recorded the absolute path prefix as ingest recorded it
     * @param local where that prefix is on this machine
     */
    public record Mapping(Path recorded, Path local) {
        public Mapping {
            Objects.requireNonNull(recorded, "recorded");
            Objects.requireNonNull(local, "local");
            if (!recorded.isAbsolute()) {
                throw new IllegalArgumentException("gbsettle.meter-data.path-map: " + recorded
                        + " is not an absolute path (ingest records absolute paths)");
            }
        }
    }

    public MeterDataPaths {
        mappings = List.copyOf(mappings);
    }

    /**
     * Parses {@code RECORDED=LOCAL[;RECORDED=LOCAL...]}; blank gives no mapping.
     *
     * @throws IllegalArgumentException if an entry has no {@code =}, an empty side or a relative recorded prefix
     */
    public static MeterDataPaths parse(String spec) {
        List<Mapping> out = new ArrayList<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1 || entry.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException(
                        "gbsettle.meter-data.path-map: '" + entry.strip() + "' is not RECORDED=LOCAL");
            }
            out.add(new Mapping(
                    Path.of(entry.substring(0, eq).strip()).normalize(),
                    Path.of(entry.substring(eq + 1).strip()).normalize()));
        }
        return new MeterDataPaths(out);
    }

    /** Where to read a file recorded at {@code recorded}. */
    public Path locate(Path recorded) {
        for (Mapping m : mappings) {
            if (recorded.startsWith(m.recorded())) {
                return m.local().resolve(m.recorded().relativize(recorded));
            }
        }
        return recorded;
    }
}
