package org.gbsettle.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database logins of jobs/README.md ("Database logins") set up as documented, on a PostgreSQL server of the
 * test's own: a DBA makes the three roles, a migration login in {@code settlement_owner} and an application login in
 * {@code settlement_engine}, and a database owned by {@code settlement_owner}; the application then migrates as the
 * migration login with {@code SET ROLE settlement_owner} and runs as the application login, without a superuser. The
 * tables belong to the role, the winter day's reference data loads, the application login may not create a table, and
 * a second start finds the schema up to date.
 */
class OwnerRoleSetupIT {

    @TempDir
    Path dir;

    @Test
    void the_documented_setup_migrates_as_the_owner_role_and_runs_as_the_engine_login() throws Exception {
        try (EmbeddedPostgresServer server =
                EmbeddedPostgresServer.start(dir.resolve("pgdata"), 0, "postgres", Duration.ofSeconds(60))) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                    Statement s = c.createStatement()) {
                // the statements of jobs/README.md, "Database logins"
                s.execute("CREATE ROLE settlement_owner NOLOGIN");
                s.execute("CREATE ROLE settlement_engine NOLOGIN");
                s.execute("CREATE ROLE settlement_analyst NOLOGIN");
                s.execute("CREATE ROLE gbsettle_migrate LOGIN PASSWORD 'm' IN ROLE settlement_owner");
                s.execute("CREATE ROLE gbsettle_app LOGIN PASSWORD 'a' IN ROLE settlement_engine");
                s.execute("CREATE DATABASE gbsettle OWNER settlement_owner");
            }
            String url = server.jdbcUrl().replaceFirst("/postgres$", "/gbsettle");

            try (ConfigurableApplicationContext context = start(url)) {
                JdbcClient jdbc = context.getBean(JdbcClient.class);
                assertThat(jdbc.sql("SELECT current_user").query(String.class).single())
                        .isEqualTo("gbsettle_app");
                assertThat(jdbc.sql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
                                .query(String.class)
                                .list())
                        .containsExactly("settlement_owner");
                SampleDayFixture.of(GbSettleCli.in(() -> context), SampleDayFixture.WINTER)
                        .loadReference();
                assertThat(jdbc.sql("SELECT count(*) FROM reference_load")
                                .query(Long.class)
                                .single())
                        .isEqualTo(1L);
            }
            try (Connection c = DriverManager.getConnection(url, "gbsettle_app", "a");
                    Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("CREATE TABLE intruder (i INTEGER)"))
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
            try (ConfigurableApplicationContext again = start(url)) {
                assertThat(again.getBean(JdbcClient.class)
                                .sql("SELECT count(*) FROM reference_load")
                                .query(Long.class)
                                .single())
                        .isEqualTo(1L);
            }
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(SettlementJobsApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=gbsettle_app",
                        "spring.datasource.password=a",
                        "spring.flyway.user=gbsettle_migrate",
                        "spring.flyway.password=m",
                        "spring.flyway.init-sqls=SET ROLE settlement_owner")
                .run();
    }
}
