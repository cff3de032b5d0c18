package org.gbsettle.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gbsettle.jobs.GbSettleException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which database logins the application refuses to run as on an external database, and what it says. */
class LoginPrivilegeCheckTest {

    @ParameterizedTest(name = "{0} super={1} owns schema={2} owns {3}: {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                // login, superuser, owns the schema, an object it owns, the privilege named (null: may run)
                "app,      false, false, null,           null",
                "postgres, true,  false, null,           a PostgreSQL superuser",
                "postgres, true,  true,  settlement_run, a PostgreSQL superuser",
                "owner,    false, true,  null,           the owner of schema public",
                "owner,    false, true,  settlement_run, the owner of schema public",
                "migrator, false, false, settlement_run, the owner of public.settlement_run",
            })
    void a_superuser_or_an_owner_is_refused_unless_allowed(
            String login, boolean superuser, boolean ownsSchema, String owned, String privilege) {
        LoginPrivilegeCheck.Login l = new LoginPrivilegeCheck.Login(login, superuser, "public", ownsSchema, owned);

        assertThat(l.privilege()).isEqualTo(privilege);
        assertThatCode(() -> LoginPrivilegeCheck.verdict(l, true)).doesNotThrowAnyException();
        if (privilege == null) {
            assertThatCode(() -> LoginPrivilegeCheck.verdict(l, false)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> LoginPrivilegeCheck.verdict(l, false))
                    .isInstanceOf(GbSettleException.class)
                    .hasMessageStartingWith("Refusing to run as database login " + login + ", " + privilege)
                    .hasMessageContaining("spring.datasource.username")
                    .hasMessageContaining("spring.flyway.user")
                    .hasMessageContaining("gbsettle.database.allow-privileged-login=true");
        }
    }
}
