/**
 * The settlement run timetable as the application acts on it: the runs due on a day ({@link
 * org.gbsettle.jobs.schedule.RunTimetable}), the nightly tick that launches them in timetable order, holds those whose
 * inputs are incomplete and lets only one instance act ({@link org.gbsettle.jobs.schedule.NightlyRuns}), the tick on
 * a cron in the long-lived {@code serve} process ({@link org.gbsettle.jobs.schedule.NightlySchedule}) and the hook
 * that process calls at start ({@link org.gbsettle.jobs.schedule.StartupRecovery}).
 */
@NullMarked
package org.gbsettle.jobs.schedule;

import org.jspecify.annotations.NullMarked;
