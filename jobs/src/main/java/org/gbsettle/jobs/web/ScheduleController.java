package org.gbsettle.jobs.web;

import java.util.List;
import java.util.Locale;
import org.gbsettle.jobs.io.postgres.JdbcScheduledRunRepository;
import org.gbsettle.jobs.schedule.ScheduleState;
import org.gbsettle.jobs.schedule.ScheduledRun;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The timetabled runs the scheduler has seen ({@code GET /schedule?state=}): per settlement date and run type, the
 * planned run date, cut-off, the schedule's state ({@code SCHEDULED}, {@code HELD} with the reason, {@code LAUNCHED},
 * {@code DONE}, {@code FAILED}), the run it launched and how often it was checked; by planned run date. The runs
 * themselves are at {@code /runs}.
 */
@RestController
@ConditionalOnWebApplication
public class ScheduleController {

    private final JdbcScheduledRunRepository schedule;

    public ScheduleController(JdbcScheduledRunRepository schedule) {
        this.schedule = schedule;
    }

    /** The scheduler's rows, all or of one state; 400 naming the field for an unknown state. */
    @GetMapping("/schedule")
    public List<ScheduledRun> list(@RequestParam(name = "state", required = false) @Nullable String state) {
        ScheduleState wanted = null;
        if (state != null) {
            try {
                wanted = ScheduleState.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(List.of(new InvalidParam(
                        "state", state, "not one of " + java.util.Arrays.toString(ScheduleState.values()))));
            }
        }
        ScheduleState filter = wanted;
        return schedule.all().stream()
                .filter(r -> filter == null || r.state() == filter)
                .toList();
    }
}
