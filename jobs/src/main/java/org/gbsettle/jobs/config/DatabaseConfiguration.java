package org.gbsettle.jobs.config;

import javax.sql.DataSource;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The database: with {@code spring.datasource.url} set (for example through {@code SPRING_DATASOURCE_URL},
 * {@code _USERNAME}, {@code _PASSWORD}) the application uses that PostgreSQL server and starts nothing; without it,
 * it starts an {@link EmbeddedPostgresServer} on {@code gbsettle.database.data-dir} and stops it when the context
 * closes. Either way Boot builds the HikariCP pool from the {@link JdbcConnectionDetails} defined here, Flyway
 * migrates the schema (as {@code spring.flyway.user} when that is set, else as the application's login), and one line
 * says which database is in use. On an external database the application's login must not be privileged
 * ({@link LoginPrivilegeCheck}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    static final String URL_PROPERTY = "spring.datasource.url";

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(NoDataSourceUrl.class)
    EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                properties.dataDirectory(), properties.port(), properties.name(), properties.startupTimeout());
        log.info("Database: {}", server.description());
        return server;
    }

    @Bean
    @Conditional(NoDataSourceUrl.class)
    JdbcConnectionDetails embeddedJdbcConnectionDetails(EmbeddedPostgresServer server) {
        return new ConnectionDetails(server.jdbcUrl(), EmbeddedPostgresServer.USER, null);
    }

    @Bean
    @Conditional(DataSourceUrl.class)
    JdbcConnectionDetails externalJdbcConnectionDetails(DataSourceProperties properties) {
        String url = properties.determineUrl();
        if (url == null || !JdbcUrls.isPostgresql(url)) {
            throw new GbSettleException(URL_PROPERTY + " (SPRING_DATASOURCE_URL) must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://host:5432/gbsettle, not " + (url == null ? "empty" : JdbcUrls.redact(url)));
        }
        String user = properties.determineUsername();
        log.info(
                "Database: external PostgreSQL {}{}",
                JdbcUrls.redact(url),
                user == null || user.isEmpty() ? "" : " (user " + user + ")");
        return new ConnectionDetails(url, user, properties.determinePassword());
    }

    /**
     * The migration, preceded on an external database by the check that the application's login is not privileged
     * ({@link LoginPrivilegeCheck}); the embedded default runs as its superuser, unchecked.
     */
    @Bean
    FlywayMigrationStrategy schemaMigration(Environment environment, ObjectProvider<DataSource> dataSource) {
        if (!StringUtils.hasText(environment.getProperty(URL_PROPERTY))) {
            return new SchemaMigration(() -> {});
        }
        boolean allowPrivileged =
                environment.getProperty(LoginPrivilegeCheck.OVERRIDE_PROPERTY, Boolean.class, Boolean.FALSE);
        return new SchemaMigration(() -> LoginPrivilegeCheck.check(dataSource.getObject(), allowPrivileged));
    }

    /** A JDBC URL and credentials; the driver is deduced from the URL. */
    private static final class ConnectionDetails implements JdbcConnectionDetails {
        private final String url;
        private final @Nullable String username;
        private final @Nullable String password;

        ConnectionDetails(String url, @Nullable String username, @Nullable String password) {
            this.url = url;
            this.username = username;
            this.password = password;
        }

        @Override
        public String getJdbcUrl() {
            return url;
        }

        @Override
        public @Nullable String getUsername() {
            return username;
        }

        @Override
        public @Nullable String getPassword() {
            return password;
        }
    }

    /** Whether {@code spring.datasource.url} has a value (an empty value counts as none). */
    static boolean hasDataSourceUrl(ConditionContext context) {
        return StringUtils.hasText(context.getEnvironment().getProperty(URL_PROPERTY));
    }

    /** Matches when no datasource URL is configured: the embedded server is used. */
    static final class NoDataSourceUrl extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return hasDataSourceUrl(context)
                    ? ConditionOutcome.noMatch(URL_PROPERTY + " is set")
                    : ConditionOutcome.match(URL_PROPERTY + " is not set");
        }
    }

    /** Matches when a datasource URL is configured: that server is used. */
    static final class DataSourceUrl extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return hasDataSourceUrl(context)
                    ? ConditionOutcome.match(URL_PROPERTY + " is set")
                    : ConditionOutcome.noMatch(URL_PROPERTY + " is not set");
        }
    }
}
