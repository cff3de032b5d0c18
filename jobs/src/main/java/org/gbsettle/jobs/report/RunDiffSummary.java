package org.gbsettle.jobs.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a run report gets the summary of the run diff: how this run's corrected volumes differ from those of the run
 * it supersedes, as its largest movers (supplier, GSP group, change in MWh and the main cause). The report asks the
 * application context for an implementation and falls back to {@link #NONE}, which has no diff; the run diff
 * ({@code gbsettle diff}) plugs in by being a bean of this type.
 */
@FunctionalInterface
public interface RunDiffSummary {

    /** The summary that says no diff is available. */
    RunDiffSummary NONE = (runId, supersededRunId, maxMovers) -> Summary.none(supersededRunId);

    /**
     * The diff summary of run {@code runId} against {@code supersededRunId} (null: the run supersedes no completed
     * run), with at most {@code maxMovers} movers, largest change first.
     */
    Summary summarise(long runId, @Nullable Long supersededRunId, int maxMovers);

    /**
     * A diff summary: the run compared against (null if none), whether a diff was available, a note for the reader,
     * and the largest movers.
     */
    record Summary(@Nullable Long againstRunId, boolean available, String note, List<Mover> largestMovers) {

        public Summary {
            Objects.requireNonNull(note, "note");
            largestMovers = List.copyOf(largestMovers);
        }

        /** No diff available (against {@code againstRunId}, if the run supersedes one). */
        public static Summary none(@Nullable Long againstRunId) {
            return new Summary(
                    againstRunId,
                    false,
                    againstRunId == null
                            ? "no diff available: the run supersedes no completed run of its settlement date"
                            : "no diff available (run " + againstRunId + " is superseded; see gbsettle diff)",
                    List.of());
        }
    }

    /**
     * A supplier's change of corrected volume in a GSP group over the day, MWh (this run less the run compared
     * against), and the cause that explains most of it (e.g. "meter data", "registration", "LLF", "take").
     */
    record Mover(String supplierId, String gspGroup, BigDecimal changeMwh, String mainCause) {

        public Mover {
            Objects.requireNonNull(supplierId, "supplierId");
            Objects.requireNonNull(gspGroup, "gspGroup");
            Objects.requireNonNull(changeMwh, "changeMwh");
            Objects.requireNonNull(mainCause, "mainCause");
        }
    }
}
