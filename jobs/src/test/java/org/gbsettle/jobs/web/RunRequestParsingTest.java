package org.gbsettle.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.run.RunRequest;
import org.gbsettle.jobs.run.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.ProblemDetail;

/** The HTTP API's reading of query parameters and run requests: what is accepted, and each field refused by name. */
class RunRequestParsingTest {

    @Test
    void no_parameters_list_the_newest_50_of_every_date_type_and_state() {
        assertThat(RunFilter.parse(null, null, null, null)).isEqualTo(new RunFilter(null, null, null, 50));
    }

    @Test
    void parameters_are_read_in_any_case() {
        assertThat(RunFilter.parse("2026-01-15", "r1", "superseded", "1000"))
                .isEqualTo(new RunFilter(LocalDate.of(2026, 1, 15), RunType.R1, RunState.SUPERSEDED, 1000));
    }

    @ParameterizedTest(name = "date={0} type={1} state={2} limit={3}: {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                "2026-02-30, null, null, null, date",
                "15/01/2026, null, null, null, date",
                "null, X1, null, null, type",
                "null, null, HELD, null, state",
                "null, null, null, 0, limit",
                "null, null, null, 1001, limit",
                "null, null, null, -5, limit",
                "null, null, null, 2.5, limit",
            })
    void a_bad_parameter_is_named_with_its_value(String date, String type, String state, String limit, String field) {
        assertThatThrownBy(() -> RunFilter.parse(date, type, state, limit))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(invalid(e)).singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo(field);
                            assertThat(p.value())
                                    .isEqualTo(List.of(
                                                    String.valueOf(date),
                                                    String.valueOf(type),
                                                    String.valueOf(state),
                                                    String.valueOf(limit))
                                            .stream()
                                            .filter(v -> !"null".equals(v))
                                            .findFirst()
                                            .orElseThrow());
                        }));
    }

    @Test
    void every_bad_parameter_is_named_at_once() {
        assertThatThrownBy(() -> RunFilter.parse("tomorrow", "ZZ", "DONE", "many"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(invalid(e))
                                .extracting(InvalidParam::field)
                                .containsExactly("date", "type", "state", "limit"));
    }

    @Test
    void a_complete_body_is_a_run_request_with_its_cutoff() {
        RunStartBody body = new RunStartBody(" 2026-01-15", "rf", "2026-03-12T00:00:00Z", " dispute 7 ", "ops ", true);

        assertThat(body.request("ops"))
                .isEqualTo(new RunRequest(
                        LocalDate.of(2026, 1, 15),
                        RunType.RF,
                        null,
                        Instant.parse("2026-03-12T00:00:00Z"),
                        "ops",
                        "dispute 7"));
        assertThat(body.forced()).isTrue();
    }

    @Test
    void cutoff_force_and_by_may_be_left_out() {
        RunStartBody body = new RunStartBody("2026-01-15", "SF", null, "timetable", null, null);

        RunRequest request = body.request("alice");

        assertThat(request.dataCutoff()).isNull();
        assertThat(request.startedBy()).isEqualTo("alice");
        assertThat(body.forced()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "null",
            value = {
                // field, date, type, cutoff, reason, by
                "date, null, SF, null, why, ops",
                "date, 2026-1-15, SF, null, why, ops",
                "type, 2026-01-15, null, null, why, ops",
                "type, 2026-01-15, S1, null, why, ops",
                "cutoff, 2026-01-15, SF, 2026-03-12, why, ops",
                "reason, 2026-01-15, SF, null, null, ops",
                "reason, 2026-01-15, SF, null, '   ', ops",
                // by, when given, must be the authenticated user (ops)
                "by, 2026-01-15, SF, null, why, ''",
                "by, 2026-01-15, SF, null, why, mallory",
                "by, 2026-01-15, SF, null, why, OPS",
            })
    void a_missing_or_bad_field_is_named(
            String field, String date, String type, String cutoff, String reason, String by) {
        RunStartBody body = new RunStartBody(date, type, cutoff, reason, by, null);

        assertThatThrownBy(() -> body.request("ops"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(invalid(e))
                                .extracting(InvalidParam::field)
                                .containsExactly(field));
    }

    @Test
    void an_empty_body_names_the_three_required_fields() {
        assertThatThrownBy(() -> new RunStartBody(null, null, null, null, null, null).request("ops"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(invalid(e)).extracting(InvalidParam::field).containsExactly("date", "type", "reason");
                    assertThat(e.getBody().getDetail()).startsWith("date: required");
                    assertThat(e.getStatusCode().value()).isEqualTo(400);
                });
    }

    @SuppressWarnings("unchecked")
    private static List<InvalidParam> invalid(InvalidRequestException e) {
        ProblemDetail problem = e.getBody();
        return (List<InvalidParam>) problem.getProperties().get(InvalidRequestException.INVALID_PARAMS);
    }
}
