package org.gbsettle.jobs.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the HTTP API (prefix {@code gbsettle.web}): the users, each with a bcrypt password hash and roles, and
 * whether the read endpoints need one of them. Every mutating request (POST, PUT, PATCH, DELETE) needs a user with the
 * role {@code OPERATOR}, except posting meter-data messages, which a {@code DATA_SERVICE} user may do too;
 * {@code /actuator/health} is always public.
 *
 * @param readAccess {@code authenticated} (the default: GET and HEAD need any configured user) or {@code public}
 * @param users the users by name ({@code gbsettle.web.users.<name>.password}, {@code .roles}); none by default
 */
@ConfigurationProperties("gbsettle.web")
public record ApiAccessProperties(
        @DefaultValue("authenticated") ReadAccess readAccess,
        @Nullable Map<String, ApiUser> users) {

    /** The role that may start runs and ingest files. */
    public static final String OPERATOR = "OPERATOR";

    /** The role of a data service that may post meter-data messages ({@code POST /meter-data/messages}) and no more. */
    public static final String DATA_SERVICE = "DATA_SERVICE";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    public ApiAccessProperties {
        Objects.requireNonNull(readAccess, "readAccess");
        users = users == null ? Map.of() : Map.copyOf(users);
        for (Map.Entry<String, ApiUser> e : users.entrySet()) {
            if (!NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("gbsettle.web.users: user name '" + e.getKey()
                        + "' is not 1-64 letters, digits, '_', '.', '@' or '-'");
            }
        }
    }

    /** The users by name, never null. */
    public Map<String, ApiUser> userMap() {
        Map<String, ApiUser> u = users;
        return u == null ? Map.of() : u;
    }

    /** Whether the read endpoints need a user. */
    public enum ReadAccess {
        /** GET and HEAD need no credentials. */
        PUBLIC,
        /** GET and HEAD need the credentials of any configured user. */
        AUTHENTICATED
    }

    /**
     * One user of the API.
     *
     * @param password the password's bcrypt hash with its prefix, {@code {bcrypt}$2a$10$...} ({@code gbsettle
     *     hash-password} or {@code htpasswd -nbBC 10 "" 'secret'} make one); a clear-text or {@code {noop}} password is
     *     refused
     * @param roles the user's roles, e.g. {@code OPERATOR}; none for a user who may only read
     */
    public record ApiUser(String password, @DefaultValue List<String> roles) {

        private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}");

        public ApiUser {
            Objects.requireNonNull(password, "password");
            if (!BCRYPT.matcher(password).matches()) {
                throw new IllegalArgumentException("gbsettle.web.users: a password must be a bcrypt hash such as"
                        + " {bcrypt}$2a$10$... (gbsettle hash-password makes one), never the password itself");
            }
            roles = roles.stream()
                    .map(r -> r.strip().toUpperCase(Locale.ROOT))
                    .filter(r -> !r.isEmpty())
                    .toList();
        }
    }
}
