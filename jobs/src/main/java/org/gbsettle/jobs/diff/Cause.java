package org.gbsettle.jobs.diff;

import java.util.List;

/**
 * A cause a change in corrected volume (MWh) is attributed to, in the fixed order of the sequential substitution: the
 * meter-data steps (an actual replacing estimates, late data, other changed values), registrations, LLFs, the other
 * reference data, the GSP group take, and the correction factor moving because the other causes moved volumes.
 */
public enum Cause {
    /** Step 1a: a value for which the earlier run had only estimates (or defaulted) now has an actual. */
    METER_ACTUAL("meter_actual_mwh", "actual replacing estimate"),
    /** Step 1b: a value the earlier run did not have at all (defaulted there), received late. */
    METER_LATE("meter_late_mwh", "late meter data"),
    /** Step 1c: any other changed meter value (re-submitted estimates or actuals, values withdrawn). */
    METER_OTHER("meter_other_mwh", "other meter data change"),
    /** Step 2: registrations (supplier, LLFC, BM unit, measurement class...), with the BM units and BSC parties. */
    REGISTRATION("registration_mwh", "registration change"),
    /** Step 3: line loss factors. */
    LLF("llf_mwh", "LLF change"),
    /** Step 4: the rest of the reference data: CCCs, scaling weights, profile coefficients, HH default EACs. */
    OTHER_REFERENCE("other_reference_mwh", "other reference data change"),
    /** Step 5: the GSP group take, which acts only through the correction factor. */
    TAKE("take_mwh", "GSP group take change"),
    /** The correction factor moving in steps 1-4: {@code U1 x (F1 - F0)} of each of those steps. */
    CORRECTION_FACTOR("correction_factor_mwh", "correction factor moved");

    /** The causes in column order. */
    public static final List<Cause> ALL = List.of(values());

    /** The substitution steps, in order (every cause but {@link #CORRECTION_FACTOR}). */
    public static final List<Cause> STEPS = ALL.subList(0, ALL.size() - 1);

    private final String column;
    private final String label;

    Cause(String column, String label) {
        this.column = column;
        this.label = label;
    }

    /** The column of {@code run_diff} (and of the CSV) holding this cause's part, MWh. */
    public String column() {
        return column;
    }

    /** A short description for people. */
    public String label() {
        return label;
    }
}
