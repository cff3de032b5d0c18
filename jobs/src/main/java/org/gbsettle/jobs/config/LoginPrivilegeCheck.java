package org.gbsettle.jobs.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.gbsettle.jobs.GbSettleException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check that the application's database login is not privileged: on an external PostgreSQL
 * ({@code spring.datasource.url} set) it refuses a superuser and a login that owns the schema or any table in it
 * (such a login could alter or drop what it owns), unless {@value #OVERRIDE_PROPERTY} is true. The application
 * should log in as a member of {@code settlement_engine} while migrations run as the owner
 * ({@code spring.flyway.user}, {@code spring.flyway.password}).
 */
final class LoginPrivilegeCheck {

    /** The setting that lets the application run as a privileged login anyway (default false). */
    static final String OVERRIDE_PROPERTY = "gbsettle.database.allow-privileged-login";

    private static final Logger log = LoggerFactory.getLogger(LoginPrivilegeCheck.class);

    private static final String SQL = """
            SELECT r.rolname AS login,
                   r.rolsuper AS superuser,
                   n.nspname AS schema,
                   COALESCE(pg_has_role(r.oid, n.nspowner, 'MEMBER'), FALSE) AS owns_schema,
                   (SELECT c.relname
                      FROM pg_class c
                     WHERE c.relnamespace = n.oid
                       AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                       AND pg_has_role(r.oid, c.relowner, 'MEMBER')
                     ORDER BY c.relname
                     LIMIT 1) AS owned
              FROM pg_roles r
              LEFT JOIN pg_namespace n ON n.nspname = current_schema()
             WHERE r.rolname = current_user
            """;

    private LoginPrivilegeCheck() {}

    /**
     * What a login may do beyond the application's needs.
     *
     * @param login the login's name
     * @param superuser whether it is a superuser
     * @param schema the current schema, null if there is none
     * @param ownsSchema whether it owns the schema (or is a member of its owner)
     * @param ownedObject a table, view or sequence in the schema it owns, null if none
     */
    record Login(
            String login,
            boolean superuser,
            @Nullable String schema,
            boolean ownsSchema,
            @Nullable String ownedObject) {

        Login {
            Objects.requireNonNull(login, "login");
        }

        /** Why the application must not run as this login, null when it may. */
        @Nullable
        String privilege() {
            if (superuser) {
                return "a PostgreSQL superuser";
            }
            if (ownsSchema) {
                return "the owner of schema " + schema;
            }
            if (ownedObject != null) {
                return "the owner of " + schema + "." + ownedObject;
            }
            return null;
        }
    }

    /**
     * Reads the login of a new connection from the pool and refuses it if it is privileged.
     *
     * @param allowPrivileged the value of {@value #OVERRIDE_PROPERTY}: a privileged login is only warned about
     * @throws GbSettleException if the login is privileged and that is not allowed
     */
    static void check(DataSource dataSource, boolean allowPrivileged) {
        Login login;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SQL);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return;
            }
            login = new Login(
                    rs.getString("login"),
                    rs.getBoolean("superuser"),
                    rs.getString("schema"),
                    rs.getBoolean("owns_schema"),
                    rs.getString("owned"));
        } catch (SQLException e) {
            throw new GbSettleException("Could not read the privileges of the database login: " + e.getMessage(), e);
        }
        verdict(login, allowPrivileged);
    }

    /** Refuses (or with the override, warns about) a privileged login; nothing for an unprivileged one. */
    static void verdict(Login login, boolean allowPrivileged) {
        String privilege = login.privilege();
        if (privilege == null) {
            return;
        }
        if (allowPrivileged) {
            log.warn(
                    "Database login {} is {}: it could change or drop the schema ({}=true)",
                    login.login(),
                    privilege,
                    OVERRIDE_PROPERTY);
            return;
        }
        throw new GbSettleException("Refusing to run as database login " + login.login() + ", " + privilege
                + ", which could change or drop the schema: set spring.datasource.username (SPRING_DATASOURCE_USERNAME)"
                + " to a login in role settlement_engine and spring.flyway.user and spring.flyway.password"
                + " (SPRING_FLYWAY_USER, SPRING_FLYWAY_PASSWORD) to the schema owner for migrations"
                + " (jobs/README.md, Database logins), or set " + OVERRIDE_PROPERTY + "=true to run as it anyway");
    }
}
