package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.io.postgres.RunLocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The derived run state, the run lock's key and the progress line. */
class RunStateTest {

    @ParameterizedTest(name = "{0}, lock held {1}, authoritative for {2} group(s): {3}")
    @CsvSource({
        "PENDING,  true,  0, RUNNING",
        "RUNNING,  true,  0, RUNNING",
        "PENDING,  false, 0, ABANDONED",
        "RUNNING,  false, 0, ABANDONED",
        "FAILED,   false, 0, FAILED",
        "FAILED,   true,  0, FAILED",
        "COMPLETE, false, 2, COMPLETED",
        "COMPLETE, false, 1, COMPLETED",
        "COMPLETE, false, 0, SUPERSEDED"
    })
    void the_state_of_a_run(RunStatus status, boolean lockHeld, int authoritative, RunState expected) {
        assertThat(RunState.of(status, lockHeld, authoritative)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        // epoch day of 2026-01-15 is 20468 (56 years of 365 days + 14 leap days + 14 days): 20468 x 16 = 327488
        "2026-01-15, II, 327488",
        "2026-01-15, SF, 327489",
        "2026-01-15, DR, 327496",
        "2026-01-16, II, 327504",
        "1970-01-01, SF, 1"
    })
    void the_run_lock_key_of_a_date_and_type(LocalDate date, RunType type, int expected) {
        assertThat(RunLocks.key(date, type)).isEqualTo(expected);
    }

    @Test
    void no_run_lock_before_1970() {
        assertThatThrownBy(() -> RunLocks.key(LocalDate.parse("1969-12-31"), RunType.SF))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{4}")
    @CsvSource({
        // 1 of 4 partitions done in 10 s, 200000 rows: 20000 rows/s, 3 left at 10 s each
        "0, 0, 1, 200000, 'Run 7: 1/4 partitions, 200000 meter rows read, 20000 rows/s, ETA 30s'",
        // a restart: 2 of 4 complete before; 1 more in 10 s; 1 left: 10 s; rows counted since the start only
        "2, 500000, 3, 700000, 'Run 7: 3/4 partitions, 700000 meter rows read, 20000 rows/s, ETA 10s'",
        "0, 0, 0, 0, 'Run 7: 0/4 partitions, 0 meter rows read, 0 rows/s, ETA -'",
        "0, 0, 4, 400000, 'Run 7: 4/4 partitions, 400000 meter rows read, 40000 rows/s, publishing'"
    })
    void the_progress_line(int doneBefore, long rowsBefore, int done, long rows, String expected) {
        RunProgress.Counts start = new RunProgress.Counts(doneBefore, 4, rowsBefore);
        RunProgress.Counts now = new RunProgress.Counts(done, 4, rows);
        assertThat(RunProgress.line(7, start, now, Duration.ofSeconds(10))).isEqualTo(expected);
    }

    @Test
    void the_eta_in_minutes() {
        // 1 of 14 in 10 s: 13 left x 10 s = 130 s = 2m 10s
        assertThat(RunProgress.line(
                        1, new RunProgress.Counts(0, 14, 0), new RunProgress.Counts(1, 14, 5), Duration.ofSeconds(10)))
                .endsWith("ETA 2m 10s");
    }
}
