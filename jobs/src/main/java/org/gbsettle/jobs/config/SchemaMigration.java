package org.gbsettle.jobs.config;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Brings the schema up to date at start-up with Flyway ({@code sql/migrations}, on the classpath as
 * {@code db/migration}) and reports the outcome in one line, after a check of the application's own login (on an
 * external database, {@link LoginPrivilegeCheck}).
 */
final class SchemaMigration implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private final Runnable loginCheck;

    /** A migration preceded by the check, which throws to stop the start-up. */
    SchemaMigration(Runnable loginCheck) {
        this.loginCheck = loginCheck;
    }

    @Override
    public void migrate(Flyway flyway) {
        loginCheck.run();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        String version = current == null || current.getVersion() == null
                ? "none"
                : current.getVersion().getVersion();
        if (result.migrationsExecuted == 0) {
            log.info("Schema: up to date at version {}", version);
        } else {
            log.info("Schema: applied {} migration(s), now at version {}", result.migrationsExecuted, version);
        }
    }
}
