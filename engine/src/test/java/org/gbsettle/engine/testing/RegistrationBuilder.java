package org.gbsettle.engine.testing;

import java.math.BigDecimal;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.SettlementRegime;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.jspecify.annotations.Nullable;

/** Builds test registrations with sensible defaults: HH class C import, energised, whole current, MHHS smart. */
public final class RegistrationBuilder {
    private final long mpan;
    private String supplier = "SUPA";
    private @Nullable String bmUnit;
    private String distributor = "EELC";
    private String llfc = "500";
    private GspGroup group = GspGroup.of("_A");
    private MeasurementClass measurementClass = MeasurementClass.C;
    private @Nullable MarketSegment segment = MarketSegment.A;
    private ConnectionType connection = ConnectionType.C;
    private boolean domestic;
    private boolean energised = true;
    private MeasurementQuantity direction = MeasurementQuantity.AI;
    private SettlementRegime regime = SettlementRegime.MHHS;
    private @Nullable BigDecimal eac;
    private int profileClass;
    private @Nullable String ssc;
    private EffectiveRange effective = EffectiveRange.ALWAYS;

    private RegistrationBuilder(long mpan) {
        this.mpan = mpan;
    }

    public static RegistrationBuilder mpan(long mpan) {
        return new RegistrationBuilder(mpan);
    }

    public RegistrationBuilder supplier(String s) {
        supplier = s;
        return this;
    }

    public RegistrationBuilder bmUnit(@Nullable String id) {
        bmUnit = id;
        return this;
    }

    public RegistrationBuilder llfc(String distributorMpid, String code) {
        distributor = distributorMpid;
        llfc = code;
        return this;
    }

    public RegistrationBuilder group(String g) {
        group = GspGroup.of(g);
        return this;
    }

    public RegistrationBuilder measurementClass(MeasurementClass mc) {
        measurementClass = mc;
        return this;
    }

    public RegistrationBuilder segment(@Nullable MarketSegment s) {
        segment = s;
        return this;
    }

    public RegistrationBuilder connection(ConnectionType c) {
        connection = c;
        return this;
    }

    public RegistrationBuilder domestic(boolean d) {
        domestic = d;
        return this;
    }

    public RegistrationBuilder energised(boolean e) {
        energised = e;
        return this;
    }

    public RegistrationBuilder export() {
        direction = MeasurementQuantity.AE;
        return this;
    }

    public RegistrationBuilder regime(SettlementRegime r) {
        regime = r;
        return this;
    }

    public RegistrationBuilder eac(String kwh) {
        eac = new BigDecimal(kwh);
        return this;
    }

    public RegistrationBuilder profile(int pc, String configuration) {
        profileClass = pc;
        ssc = configuration;
        return this;
    }

    public RegistrationBuilder effective(EffectiveRange range) {
        effective = range;
        return this;
    }

    public Registration build() {
        return new Registration(
                mpan,
                MarketParticipantId.of(supplier),
                bmUnit == null ? null : BmUnitId.of(bmUnit),
                LineLossFactorClass.of(distributor, llfc),
                group,
                measurementClass,
                segment,
                connection,
                domestic,
                energised,
                direction,
                regime,
                eac,
                profileClass,
                ssc,
                effective);
    }
}
