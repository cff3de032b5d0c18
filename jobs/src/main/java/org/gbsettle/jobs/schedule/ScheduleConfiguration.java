package org.gbsettle.jobs.schedule;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The run timetable the scheduler acts on: the shipped calendars, with the settlement calendar file {@code
 * gbsettle.schedule.calendar-file} laid over them when it is set.
 */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

    /** The timetable of the shipped calendars and the configured calendar file, if any. */
    @Bean
    RunTimetable runTimetable(@Value("${gbsettle.schedule.calendar-file:}") String calendarFile) {
        return RunTimetable.shipped(calendarFile.isBlank() ? null : Path.of(calendarFile));
    }
}
