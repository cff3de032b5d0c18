package org.gbsettle.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://db:5432/settle                            | jdbc:postgresql://db:5432/settle
            jdbc:postgresql://db/settle?user=a&password=s3cr&t          | jdbc:postgresql://db/settle?user=a&password=***&t
            jdbc:postgresql://db/settle?PASSWORD=x;ssl=true             | jdbc:postgresql://db/settle?PASSWORD=***;ssl=true
            jdbc:postgresql://db/settle?sslpassword=k&password=p        | jdbc:postgresql://db/settle?sslpassword=***&password=***
            """)
    void passwords_are_redacted(String url, String redacted) {
        assertThat(JdbcUrls.redact(url)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:postgresql://db/settle, true",
        "JDBC:PostgreSQL://db/settle, true",
        "jdbc:postgresql:settle, true",
        "jdbc:h2:mem:test, false",
        "jdbc:mysql://db/settle, false",
        "postgresql://db/settle, false"
    })
    void only_postgresql_urls_are_accepted(String url, boolean accepted) {
        assertThat(JdbcUrls.isPostgresql(url)).isEqualTo(accepted);
    }
}
