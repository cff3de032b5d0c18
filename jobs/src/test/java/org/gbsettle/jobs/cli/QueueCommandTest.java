package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.queue.QueueState;
import org.gbsettle.jobs.queue.QueuedRun;
import org.junit.jupiter.api.Test;

class QueueCommandTest {

    @Test
    void the_table_shows_the_running_request_with_its_run_then_the_queued_with_their_position() {
        QueuedRun running = new QueuedRun(
                4,
                LocalDate.of(2026, 1, 15),
                RunType.R1,
                null,
                "ops",
                "rerun",
                false,
                LocalDate.of(2026, 3, 11),
                QueueState.TAKEN,
                null,
                Instant.parse("2026-11-27T18:00:00Z"),
                "queue-1 of 42@host",
                Instant.parse("2026-11-27T18:00:01Z"),
                null,
                17L,
                "running");
        QueuedRun queued = new QueuedRun(
                5,
                LocalDate.of(2026, 3, 29),
                RunType.SF,
                null,
                "ops",
                "rerun",
                false,
                LocalDate.of(2026, 4, 22),
                QueueState.QUEUED,
                1,
                Instant.parse("2026-11-27T18:00:02Z"),
                null,
                null,
                null,
                null,
                "queued");

        String table = QueueCommand.render(List.of(running, queued));

        assertThat(table.lines().toList())
                .containsExactly(
                        "QUEUE   STATE     POS  DATE        TYPE  PLANNED     RUN       BY            DETAIL",
                        "4       TAKEN     -    2026-01-15  R1    2026-03-11  17        ops           running",
                        "5       QUEUED    1    2026-03-29  SF    2026-04-22  -         ops           queued");
        assertThat(QueueCommand.render(List.of())).isEqualTo("the run queue is empty\n");
    }
}
