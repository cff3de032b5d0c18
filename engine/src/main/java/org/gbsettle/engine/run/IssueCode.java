package org.gbsettle.engine.run;

/**
 * Codes of the issues a calculation reports (domain.md §8). Run-level failures ({@code F}) are reported together in a
 * {@link MissingReferenceDataException} before anything is calculated; the rest come back with the result.
 */
public enum IssueCode {
    // ---- F: fail the run before calculating
    /** No LLF for an LLFC in use on the date and period. */
    MISSING_LLF(Severity.FAIL),
    /** No GSP group take for a period of the date. */
    MISSING_TAKE(Severity.FAIL),
    /** No CCC for a combination of attributes in use, or more than one. */
    MISSING_CCC(Severity.FAIL),
    /** No scaling weight for a CCC in use. */
    MISSING_WEIGHT(Severity.FAIL),
    /** A supplier with volume in the group has no default BM unit. */
    MISSING_DEFAULT_BMU(Severity.FAIL),
    /** No profile coefficients for a profile class and SSC in use by NHH metering systems. */
    MISSING_PROFILE_COEFFICIENT(Severity.FAIL),
    /** Zero correctable volume while configured to fail on it. */
    CF_UNDEFINED_FAIL(Severity.FAIL),

    // ---- W: warnings, the run continues
    /** An MPAN's BM unit was missing or not valid for its supplier, group and date: its default unit was used. */
    BM_UNIT_DEFAULTED(Severity.WARNING),
    /** A value for a de-energised metering system was used. */
    DEENERGISED_CONSUMPTION(Severity.WARNING),
    /** A value far from its load shape times annual consumption. */
    OUTLIER(Severity.WARNING),
    /** Zero correctable volume: factor 1, the unallocated volume reported. */
    CF_UNDEFINED(Severity.WARNING),
    /** A correction factor outside the configured band. */
    CF_OUT_OF_RANGE(Severity.WARNING),
    /** An LLF fallback was used for a missing LLF. */
    LLF_FALLBACK(Severity.WARNING),
    /** No estimation method applied to a missing value: zero was used. */
    NO_ESTIMATE(Severity.WARNING),
    /** The GSP group take of a period is an estimate (CDCA estimate flag). */
    TAKE_ESTIMATED(Severity.WARNING);

    /** How an issue affects the run. */
    public enum Severity {
        FAIL,
        WARNING
    }

    private final Severity severity;

    IssueCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
