package org.gbsettle.jobs.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL the application starts when no {@code spring.datasource.url} is configured
 * (prefix {@code gbsettle.database}).
 *
 * @param dataDir the data directory, kept between runs; relative paths resolve against the working directory
 *     (default {@code ./var/pgdata})
 * @param port the TCP port on localhost, 0 (the default) for a free one
 * @param name the database the application uses (default {@code gbsettle})
 * @param startupTimeout how long to wait for the server to accept connections (default 60 s)
 */
@ConfigurationProperties("gbsettle.database")
public record DatabaseProperties(
        @DefaultValue("./var/pgdata") String dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("gbsettle") String name,
        @DefaultValue("60s") Duration startupTimeout) {

    public DatabaseProperties {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (dataDir.isBlank()) {
            throw new IllegalArgumentException("gbsettle.database.data-dir is empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("gbsettle.database.port " + port + " is not between 0 and 65535");
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "gbsettle.database.startup-timeout " + startupTimeout + " is not positive");
        }
    }

    /** The data directory as an absolute, normalised path. */
    public Path dataDirectory() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }
}
