/**
 * Golden settlement scenarios in given/when/then folders: {@link org.gbsettle.refdata.scenario.ScenarioLoader} turns a
 * folder's {@code when/} files into the engine's inputs, {@link org.gbsettle.refdata.scenario.Scenario#calculate()}
 * runs the calculation, and {@link org.gbsettle.refdata.scenario.ScenarioRunner} is the command line that prints the
 * result tables. The folder format is described in {@code reference-data/src/test/resources/scenarios/FORMAT.md}.
 */
@NullMarked
package org.gbsettle.refdata.scenario;

import org.jspecify.annotations.NullMarked;
