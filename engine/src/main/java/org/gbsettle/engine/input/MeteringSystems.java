package org.gbsettle.engine.input;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.reference.ReferenceDataConflictException;

/**
 * The registrations the calculation sees: each metering system's effective ranges. {@link #effectiveOn(LocalDate)}
 * picks, per MPAN, the one registration in force on a settlement date.
 */
public final class MeteringSystems {

    private final List<Registration> registrations;

    private MeteringSystems(List<Registration> registrations) {
        this.registrations = registrations;
    }

    /**
     * The registrations, checked: one MPAN's ranges must not overlap.
     *
     * @throws ReferenceDataConflictException listing every MPAN whose ranges overlap
     */
    public static MeteringSystems of(Collection<Registration> registrations) {
        List<Registration> sorted = new ArrayList<>(registrations);
        sorted.sort(Comparator.comparingLong(Registration::mpan)
                .thenComparing(r -> r.effective().from()));
        List<String> conflicts = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            Registration a = sorted.get(i - 1);
            Registration b = sorted.get(i);
            if (a.mpan() == b.mpan() && a.effective().overlaps(b.effective())) {
                conflicts.add("registration of MPAN " + Mpan.format(a.mpan()) + ": effective ranges " + a.effective()
                        + " and " + b.effective() + " overlap");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ReferenceDataConflictException(conflicts);
        }
        return new MeteringSystems(List.copyOf(sorted));
    }

    /** Every registration, by MPAN then effective-from date. */
    public List<Registration> all() {
        return registrations;
    }

    /** Number of registration records. */
    public int size() {
        return registrations.size();
    }

    /** The registrations in force on {@code date}, one per MPAN, by MPAN. */
    public List<Registration> effectiveOn(LocalDate date) {
        return registrations.stream().filter(r -> r.effective().contains(date)).toList();
    }

    /** The registrations in force on {@code date} by MPAN. */
    public Map<Long, Registration> byMpanOn(LocalDate date) {
        Map<Long, Registration> out = new HashMap<>();
        for (Registration r : effectiveOn(date)) {
            out.put(r.mpan(), r);
        }
        return out;
    }
}
