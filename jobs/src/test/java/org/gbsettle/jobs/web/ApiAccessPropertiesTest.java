package org.gbsettle.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gbsettle.jobs.web.ApiAccessProperties.ApiUser;
import org.gbsettle.jobs.web.ApiAccessProperties.ReadAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API users' settings: bcrypt hashes only, names the log and the run history can show, roles upper-case. */
class ApiAccessPropertiesTest {

    /** A well-formed bcrypt hash: $2a$, cost 10, 22 characters of salt and 31 of hash (53 in all). */
    private static final String HASH = "{bcrypt}$2a$10$" + "a".repeat(22) + "b".repeat(31);

    @Test
    void roles_are_trimmed_and_upper_case_and_no_users_is_an_empty_map() {
        ApiUser user = new ApiUser(HASH, List.of(" operator ", "", "Viewer"));

        assertThat(user.roles()).containsExactly("OPERATOR", "VIEWER");
        assertThat(new ApiAccessProperties(ReadAccess.AUTHENTICATED, null).userMap())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "secret",
                "{noop}secret",
                "$2a$10$aaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                "{bcrypt}$2a$10$tooshort",
                "{sha256}$2a$10$aaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            })
    void a_password_that_is_not_a_bcrypt_hash_is_refused(String password) {
        assertThatThrownBy(() -> new ApiUser(password, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a bcrypt hash")
                .hasMessageNotContaining(password);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "",
                "a b",
                "ops\nINFO fake log line",
                // 65 characters, one more than allowed
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            })
    void a_user_name_outside_letters_digits_and_a_few_marks_is_refused(String name) {
        ApiUser user = new ApiUser(HASH, List.of());

        assertThatThrownBy(() -> new ApiAccessProperties(ReadAccess.PUBLIC, Map.of(name, user)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gbsettle.web.users");
    }
}
