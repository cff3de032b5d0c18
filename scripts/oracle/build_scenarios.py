#!/usr/bin/env python3
"""Writes the when/ inputs of the golden scenarios (reference-data/src/test/resources/scenarios/given_*).

Each scenario is a small hand-designed data set; this script only spells it out (48 periods of reads, LLF and
take files). The expected outputs come from settlement_oracle.py and the hand arithmetic in each README.

Usage: build_scenarios.py [SCENARIOS_ROOT]   (default: the folder in reference-data test resources)
"""

from __future__ import annotations

import datetime as dt
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "reference-data", "src", "test", "resources", "scenarios")
sys.path.insert(0, HERE)
from settlement_oracle import MPAN_WEIGHTS, periods_in_day  # noqa: E402

JAN15 = "2026-01-15"
OPEN_FROM = "2020-01-01"

# ---- Standard CCC table (domain.md section 6.2) and illustrative weights (section 10, plus choices for the rest)
CCCS = [
    # id, mq, hh_nhh, metered, component, basis, classes, description
    (1, "AI", "H", "M", "C", "A", "C", "HH metered consumption 100 kW premises actual"),
    (2, "AI", "H", "U", "C", "A", "D", "HH unmetered consumption actual"),
    (3, "AI", "H", "M", "M", "A", "C", "Site-specific losses on CCC 1"),
    (4, "AI", "H", "M", "L", "A", "C", "Losses on CCC 1"),
    (5, "AI", "H", "U", "L", "A", "D", "Losses on CCC 2"),
    (6, "AE", "H", "M", "C", "A", "C;E;F;G", "HH metered export actual"),
    (7, "AE", "H", "M", "M", "A", "C;E;F;G", "Site-specific losses on CCC 6"),
    (8, "AE", "H", "M", "L", "A", "C;E;F;G", "Losses on CCC 6"),
    (9, "AI", "H", "M", "C", "E", "C", "Estimate of CCC 1"),
    (10, "AI", "H", "U", "C", "E", "D", "Estimate of CCC 2"),
    (11, "AI", "H", "M", "M", "E", "C", "Estimate of CCC 3"),
    (12, "AI", "H", "M", "L", "E", "C", "Estimate of CCC 4"),
    (13, "AI", "H", "U", "L", "E", "D", "Estimate of CCC 5"),
    (14, "AE", "H", "M", "C", "E", "C;E;F;G", "Estimate of CCC 6"),
    (15, "AE", "H", "M", "M", "E", "C;E;F;G", "Estimate of CCC 7"),
    (16, "AE", "H", "M", "L", "E", "C;E;F;G", "Estimate of CCC 8"),
    (17, "AI", "N", "M", "C", "EAC", "A", "NHH metered consumption EAC"),
    (18, "AI", "N", "M", "C", "AA", "A", "NHH metered consumption AA"),
    (19, "AI", "N", "U", "C", "EAC", "B", "NHH unmetered consumption EAC"),
    (20, "AI", "N", "M", "L", "EAC", "A", "Losses on CCC 17"),
    (21, "AI", "N", "M", "L", "AA", "A", "Losses on CCC 18"),
    (22, "AI", "N", "U", "L", "EAC", "B", "Losses on CCC 19"),
    (23, "AI", "H", "M", "C", "A", "E;F;G", "HH metered consumption below 100 kW actual"),
    (25, "AI", "H", "M", "M", "A", "E;F;G", "Site-specific losses on CCC 23"),
    (26, "AI", "H", "M", "L", "A", "E;F;G", "Losses on CCC 23"),
    (28, "AI", "H", "M", "C", "E", "E;F;G", "Estimate of CCC 23"),
    (30, "AI", "H", "M", "M", "E", "E;F;G", "Estimate of CCC 25"),
    (31, "AI", "H", "M", "L", "E", "E;F;G", "Estimate of CCC 26"),
    (32, "AE", "N", "M", "C", "EAC", "A", "NHH export EAC"),
    (33, "AE", "N", "M", "C", "AA", "A", "NHH export AA"),
    (34, "AE", "N", "M", "L", "EAC", "A", "Losses on CCC 32"),
    (35, "AE", "N", "M", "L", "AA", "A", "Losses on CCC 33"),
]
WEIGHTS = {
    1: "0", 2: "0.5", 3: "0", 4: "0", 5: "0.5", 6: "0", 7: "0", 8: "0",
    9: "1", 10: "1", 11: "1", 12: "1", 13: "1", 14: "1", 15: "1", 16: "1",
    17: "1", 18: "1", 19: "1", 20: "1", 21: "1", 22: "1",
    23: "0.25", 25: "0.25", 26: "0.25", 28: "1", 30: "1", 31: "1",
    32: "1", 33: "1", 34: "1", 35: "1",
}  # fmt: skip

GROUP_MPID = {"_A": "EELC", "_B": "EMEB", "_N": "SPOW", "_P": "HYDE"}
GROUP_CODE = {"_A": "10", "_B": "11", "_N": "18", "_P": "17"}


def mpan(first12: str) -> str:
    """An MPAN core with its check digit (domain.md section 6.7)."""
    assert len(first12) == 12 and first12.isdigit()
    total = sum(int(d) * p for d, p in zip(first12, MPAN_WEIGHTS))
    return first12 + str((total % 11) % 10)


def bad_check_digit(core: str) -> str:
    return core[:12] + str((int(core[12]) + 1) % 10)


def csv_text(header, rows):
    return "\n".join([",".join(header)] + [",".join(str(c) for c in r) for r in rows]) + "\n"


class Builder:
    """One scenario's when/ folder."""

    def __init__(self, name, day=JAN15, group="_A", run_type="SF", cutoff=None, props=None):
        self.name = name
        self.day = dt.date.fromisoformat(day)
        self.group = group
        self.n = periods_in_day(self.day)
        self.props = {
            "settlement_date": day,
            "run_type": run_type,
            "run_number": "1",
            "gsp_group": group,
            "data_cutoff": cutoff or (self.day + dt.timedelta(days=17)).isoformat() + "T00:00:00Z",
        }
        self.props.update(props or {})
        self.bm_units = []
        self.registrations = []
        self.reads = []
        self.llf = {}  # mpid -> llfc -> date -> [values]
        self.takes = []
        self.extra = {}
        self.received = (self.day + dt.timedelta(days=1)).isoformat() + "T06:00:00Z"

    def unit(self, unit_id, supplier, group=None, unit_type=None, default=None, start=OPEN_FROM, end=""):
        unit_type = unit_type or ("G" if unit_id.endswith("000") else "S")
        default = ("true" if unit_type == "G" else "false") if default is None else default
        self.bm_units.append([unit_id, supplier, supplier, group or self.group, unit_type, default, start, end])

    def register(self, core, supplier, unit, llfc, mclass, *, group=None, segment=None, connection=None,
                 domestic="false", energisation="E", direction="I", regime=None, ac="", pc="", ssc="",
                 start="2024-04-01", end=""):  # fmt: skip
        group = group or self.group
        hh = mclass in "CDEFG"
        if segment is None:
            segment = {"C": "A", "D": "U"}.get(mclass, "S") if hh else ""
        if connection is None:
            connection = "C" if mclass in "CE" else "W"
        regime = regime or ("MHHS" if hh else "LEGACY")
        self.registrations.append(
            [core, supplier, unit, core[:2], GROUP_MPID[group], llfc, group, mclass, segment, connection, domestic,
             energisation, direction, regime, ac, pc, ssc, start, end]  # fmt: skip
        )

    def read(self, core, period, kwh, quality="A", mq="AI", received=None):
        self.reads.append([core, self.day.isoformat(), period, mq, kwh, quality, received or self.received])

    def reads_all(self, core, kwh, quality="A", mq="AI", skip=()):
        for j in range(1, self.n + 1):
            if j not in skip:
                value = kwh(j) if callable(kwh) else kwh
                self.read(core, j, value, quality, mq)

    def llfs(self, mpid, llfc, value, day=None):
        day = day or self.day
        values = [value(j) if callable(value) else value for j in range(1, periods_in_day(day) + 1)]
        self.llf.setdefault(mpid, {}).setdefault(llfc, {})[day] = values

    def take(self, value, flag=lambda j: "F"):
        self.takes = [(j, flag(j), value(j) if callable(value) else value) for j in range(1, self.n + 1)]

    def write(self, root):
        when = os.path.join(root, self.name, "when")
        os.makedirs(when, exist_ok=True)
        for name in os.listdir(when):
            os.remove(os.path.join(when, name))

        def put(name, text):
            with open(os.path.join(when, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)

        put("run.properties", "".join(f"{k}={v}\n" for k, v in self.props.items()))
        put(
            "ccc.csv",
            csv_text(
                "ccc_id,mq,hh_nhh,metered,component,actual_estimated,measurement_classes,description,"
                "effective_from,effective_to".split(","),
                [list(c) + [OPEN_FROM, ""] for c in CCCS],
            ),
        )
        put(
            "scaling_weights.csv",
            csv_text(["ccc_id", "weight", "effective_from", "effective_to"],
                     [[c, w, OPEN_FROM, ""] for c, w in WEIGHTS.items()]),  # fmt: skip
        )
        put(
            "bm_units.csv",
            csv_text(
                "bm_unit_id,supplier_participant_id,lead_party_id,gsp_group_id,bm_unit_type,default_flag,"
                "effective_from,effective_to".split(","),
                self.bm_units,
            ),
        )
        put(
            "registrations.csv",
            csv_text(
                "mpan_core,supplier_participant_id,bm_unit_id,distributor_short_code,distributor_mpid,llfc,"
                "gsp_group_id,measurement_class,market_segment,connection_type,domestic,energisation,"
                "energy_direction,settlement_regime,annual_consumption_kwh,profile_class,ssc,effective_from,"
                "effective_to".split(","),
                self.registrations,
            ),
        )
        put(
            "meter_reads.csv",
            csv_text(
                "mpan,settlement_date,settlement_period,measurement_quantity,kwh,quality,received_at".split(","),
                self.reads,
            ),
        )
        for mpid, by_llfc in self.llf.items():
            records = [f"DIS|{mpid}"]
            for llfc, by_day in by_llfc.items():
                records.append(f"LLF|{llfc}")
                for day, values in sorted(by_day.items()):
                    records.append(f"SDT|{day:%Y%m%d}")
                    records += [f"SPL|{j}|{v}" for j, v in enumerate(values, start=1)]
            lines = [f"ZHD||D0265001|R|{mpid}|G|CAPG|20251201120000||||OPER"] + records
            lines.append(f"ZPT|{len(records)}|0")
            put(f"LLF{mpid}.D0265", "\n".join(lines) + "\n")
        aggregated = self.day + dt.timedelta(days=1)
        lines = [f"AGV|{self.group}|{self.day:%Y%m%d}|{self.props['run_type']}|1|{aggregated:%Y%m%d}|"]
        lines += [f"AGP|{j}|{flag}|I|{value}|" for j, flag, value in self.takes]
        put("take.I029", "\n".join(lines) + "\n")
        for name, text in self.extra.items():
            put(name, text)


def kwh(x) -> str:
    return f"{x:.3f}"


def mwh(x) -> str:
    return f"{x:.4f}"


def round4(text_value: str) -> str:
    """HALF_UP to 4 dp of a decimal string (used only to design take values)."""
    from decimal import ROUND_HALF_UP, Decimal

    return str(Decimal(text_value).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


# ------------------------------------------------------------------------------------------------
# Scenarios


def standard_units(b, suppliers, group="_A"):
    letter = group[1]
    for s in suppliers:
        b.unit(f"2__{letter}{s}000", s, group=group)


def two_suppliers():
    b = Builder("given_two_suppliers_normal_day")
    standard_units(b, ["SUPA", "SUPB"])
    b.unit("2__ASUPB001", "SUPB")
    a1, a2, b1, b2 = (mpan(f"100100000{k:03d}") for k in (1, 2, 3, 4))
    b.register(a1, "SUPA", "2__ASUPA000", "500", "C")
    b.register(a2, "SUPA", "2__ASUPA000", "100", "F", domestic="true")
    b.register(b1, "SUPB", "2__ASUPB000", "100", "G")
    b.register(b2, "SUPB", "2__ASUPB000", "500", "C")
    b.reads_all(a1, "120.000")
    b.reads_all(a2, "8.400")
    b.reads_all(b1, "12.600", "E")
    b.reads_all(b2, "80.250")
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "100", "1.085")
    b.take(lambda j: "0.2390" if j <= 24 else "0.2370")
    return b


def clock_change(name, day, cutoff, received):
    b = Builder(name, day=day, cutoff=cutoff)
    b.received = received
    standard_units(b, ["SUPA"])
    big, small = (mpan(f"10{'02' if b.n == 46 else '03'}00000{k:03d}") for k in (1, 2))
    b.register(big, "SUPA", "2__ASUPA000", "500", "C")
    b.register(small, "SUPA", "2__ASUPA000", "100", "G")
    b.reads_all(big, lambda j: kwh(100 + j))
    b.reads_all(small, "10.000", "E")
    b.read(big, b.n + 1, kwh(100 + b.n + 1))  # one past the last period of the day: BAD_PERIOD
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "100", "1.085")
    # take_j = 0.1190 + 0.001074 x j MWh, HALF_UP to 4 dp (the take file has 4 dp)
    b.take(lambda j: round4(f"{0.1190 + 0.001074 * j:.6f}"))
    return b


def import_export_losses():
    b = Builder("given_import_and_export_with_losses")
    standard_units(b, ["SUPA", "SUPB"])
    x1, x2, x3, x4 = (mpan(f"100400000{k:03d}") for k in (1, 2, 3, 4))
    b.register(x1, "SUPA", "2__ASUPA000", "500", "C")
    b.register(x2, "SUPA", "2__ASUPA000", "510", "C", direction="E")
    b.register(x3, "SUPB", "2__ASUPB000", "100", "F", domestic="true")
    b.register(x4, "SUPB", "2__ASUPB000", "110", "G", direction="E")
    b.reads_all(x1, "300.000")
    b.reads_all(x2, "80.000", mq="AE")
    b.reads_all(x3, "48.000", "E")
    b.reads_all(x4, "20.000", "E", mq="AE")
    b.llfs("EELC", "500", lambda j: "1.074" if j <= 16 else "1.080")
    b.llfs("EELC", "510", "1.045")
    b.llfs("EELC", "100", "1.085")
    b.llfs("EELC", "110", "1.020")
    b.take("0.2720")
    return b


def load_shape_defaults(name="given_missing_periods_defaulted_by_computed_load_shape", methods=None):
    b = Builder(name, props=None if methods is None else {"estimation.methods": methods})
    standard_units(b, ["SUPA", "SUPB"])
    p1, p2, x, y, z, q, r = (mpan(f"100500000{k:03d}") for k in range(1, 8))
    b.register(p1, "SUPA", "2__ASUPA000", "100", "F", domestic="true")
    b.register(p2, "SUPA", "2__ASUPA000", "100", "F", domestic="true")
    b.register(x, "SUPB", "2__ASUPB000", "100", "F", domestic="true", ac="2700")
    b.register(y, "SUPB", "2__ASUPB000", "100", "F", domestic="true")
    b.register(z, "SUPA", "2__ASUPA000", "500", "E", segment="A", ac="50000")
    b.register(q, "SUPB", "2__ASUPB000", "100", "G", energisation="D")
    b.register(r, "SUPB", "2__ASUPB000", "100", "G", energisation="D")
    b.reads_all(p1, "0.200")
    b.reads_all(p2, "0.300")
    b.reads_all(x, "0.250", skip=(17, 18, 19, 20))
    b.reads_all(y, "0.250", skip=(40,))
    b.reads_all(z, "5.000", "E", skip=(48,))
    b.read(r, 1, "0.500")
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "100", "1.085")
    b.take(lambda j: {1: "0.0070", 17: "0.0064", 18: "0.0064", 19: "0.0064", 20: "0.0064", 40: "0.0064",
                      48: "0.0011"}.get(j, "0.0065"))  # fmt: skip
    b.extra["hh_default_eac.csv"] = csv_text(
        ["measurement_class", "eac_kwh", "effective_from", "effective_to"],
        [["E", "25000", OPEN_FROM, ""], ["F", "3100", OPEN_FROM, ""], ["G", "4000", OPEN_FROM, ""]],
    )
    return b


def coefficient_rows(group, pc, ssc, tpr, day, value):
    n = periods_in_day(dt.date.fromisoformat(day))
    return [[group, pc, ssc, tpr, day, j, value(j)] for j in range(1, n + 1)]


COEFF_HEADER = ["gsp_group_id", "profile_class", "ssc", "tpr", "settlement_date", "settlement_period", "coefficient"]


def nhh_profiled():
    b = Builder("given_nhh_profiled_meters")
    standard_units(b, ["SUPA", "SUPB"])
    n1, n2, n3, h1 = (mpan(f"100600000{k:03d}") for k in (1, 2, 3, 4))
    b.register(n1, "SUPA", "2__ASUPA000", "100", "A", domestic="true", ac="2700.0", pc="1", ssc="0393")
    b.register(n2, "SUPB", "2__ASUPB000", "100", "A", domestic="true", ac="2500.0", pc="1", ssc="0393")
    b.register(n3, "SUPB", "2__ASUPB000", "100", "A", ac="12345.6", pc="3", ssc="0151")
    b.register(h1, "SUPA", "2__ASUPA000", "500", "C")
    b.reads_all(h1, "40.000")
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "100", "1.085")
    rows = coefficient_rows("_A", "1", "0393", "00001", JAN15, lambda j: "0.0000570" if j <= 32 else "0.0000893")
    rows += coefficient_rows("_A", "3", "0151", "00206", JAN15, lambda j: "0.0000300")
    rows += coefficient_rows("_A", "3", "0151", "00210", JAN15, lambda j: "0.0000125" if j <= 14 else "0.0000000")
    b.extra["profile_coefficients.csv"] = csv_text(COEFF_HEADER, rows)
    b.take(lambda j: "0.0437" if 15 <= j <= 32 else "0.0439")
    return b


def unmetered():
    b = Builder("given_unmetered_supplies")
    standard_units(b, ["SUPA", "SUPB"])
    u1, u2, u3, h1 = (mpan(f"100700000{k:03d}") for k in (1, 2, 3, 4))
    night = lambda j: j <= 14 or j >= 35  # noqa: E731
    b.register(u1, "SUPA", "2__ASUPA000", "200", "D")
    b.register(u2, "SUPB", "2__ASUPB000", "200", "D")
    b.register(u3, "SUPB", "2__ASUPB000", "200", "B", ac="8760", pc="1", ssc="0428")
    b.register(h1, "SUPA", "2__ASUPA000", "500", "C")
    b.reads_all(u1, lambda j: "2.500" if night(j) else "0.000")
    b.reads_all(u2, lambda j: "1.200" if night(j) else "0.000", "E")
    b.reads_all(h1, "50.000")
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "200", "1.091")
    b.extra["profile_coefficients.csv"] = csv_text(
        COEFF_HEADER,
        coefficient_rows("_A", "1", "0428", "00043", JAN15, lambda j: "0.0001250" if night(j) else "0.0000100"),
    )
    b.take(lambda j: "0.0591" if night(j) else "0.0538")
    return b


def missing_llf(name, fallback):
    b = Builder(name, props={"llf.fallback": fallback} if fallback else None)
    standard_units(b, ["SUPA"])
    m1, m2 = (mpan(f"100800000{k:03d}") for k in (1, 2))
    b.register(m1, "SUPA", "2__ASUPA000", "500", "C")
    b.register(m2, "SUPA", "2__ASUPA000", "999", "G")
    b.reads_all(m1, "100.000")
    b.reads_all(m2, "10.000", "E")
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "999", "1.100", day=dt.date(2026, 1, 14))  # the day before only
    b.take("0.1180")
    return b


def zero_correctable(name, on_zero):
    b = Builder(name, group="_B", props={"correction.onZeroCorrectableVolume": on_zero} if on_zero else None)
    b.received = "2026-01-16T06:00:00Z"
    standard_units(b, ["SUPA", "SUPB"], group="_B")
    b.register("1110000000013", "SUPA", "2__BSUPA000", "500", "C")
    b.register("1110000000022", "SUPB", "2__BSUPB000", "500", "C")
    b.reads_all("1110000000013", "300.000")
    b.reads_all("1110000000022", "176.000")
    b.llfs("EMEB", "500", "1.050")
    b.take("0.5100")
    return b


def change_of_supplier():
    b = Builder("given_change_of_supplier_at_date_boundary")
    standard_units(b, ["SUPA", "SUPB"])
    c1, c2, c3 = (mpan(f"101200000{k:03d}") for k in (1, 2, 3))
    b.register(c1, "SUPA", "2__ASUPA000", "100", "G", end="2026-01-14")
    b.register(c1, "SUPB", "2__ASUPB000", "100", "G", start="2026-01-15")
    b.register(c2, "SUPB", "2__ASUPB000", "100", "G", end="2026-01-15")
    b.register(c2, "SUPA", "2__ASUPA000", "100", "G", start="2026-01-16")
    b.register(c3, "SUPA", "2__ASUPA000", "500", "C")
    b.reads_all(c1, "2.000")
    b.reads_all(c2, "3.000")
    b.reads_all(c3, "50.000")
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "100", "1.085")
    b.take("0.0592")
    return b


def worked_example_1(name, balance=True):
    b = Builder(name, props=None if balance else {"rounding.balanceToTake": "false"})
    standard_units(b, ["SUPA", "SUPB", "SUPC", "SUPD"])
    b.unit("2__ASUPB001", "SUPB")
    rows = [
        ("1010000000019", "SUPA", "2__ASUPA000", "500", "C", "412.500", "A"),
        ("1010000000028", "SUPA", "2__ASUPA000", "500", "C", "120.000", "E"),
        ("1010000000037", "SUPB", "2__ASUPB001", "520", "C", "250.400", "A"),
        ("1010000000046", "SUPC", "2__ASUPC000", "100", "F", "36.800", "E"),
        ("1010000000055", "SUPC", "2__ASUPC000", "100", "G", "12.600", "E"),
        ("1010000000064", "SUPD", "2__ASUPD000", "500", "C", "60.000", "E"),
        ("1010000000073", "SUPD", "2__ASUPD000", "500", "C", "95.250", "A"),
    ]
    for core, supplier, unit, llfc, mclass, value, quality in rows:
        b.register(core, supplier, unit, llfc, mclass, domestic="true" if mclass == "F" else "false")
        b.reads_all(core, value, quality)
    # SP35's superseded submissions: an earlier E for ...019 (beaten by the actual), an earlier E for ...028
    b.read("1010000000019", 35, "400.000", "E", received="2026-01-15T20:00:00Z")
    b.read("1010000000028", 35, "118.000", "E", received="2026-01-15T20:00:00Z")
    # ...028's latest estimate arrives a day later than the first one (both before the cut-off)
    b.reads = [r for r in b.reads if not (r[0] == "1010000000028" and r[2] == 35 and r[4] == "120.000")]
    b.read("1010000000028", 35, "120.000", "E", received="2026-01-17T06:00:00Z")
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "520", "1.085")
    b.llfs("EELC", "100", "1.085")
    b.take(lambda j: "1.0850" if j == 35 else "1.0800")
    return b


def quarantine():
    b = Builder("given_quarantined_and_superseded_values")
    standard_units(b, ["SUPA", "SUPB"])
    q1, q2, q5, unregistered, nhh, ended = (mpan(f"101500000{k:03d}") for k in range(1, 7))
    other_group = mpan("111500000001")
    b.unit("2__BSUPA000", "SUPA", group="_B")  # the other group's unit: no output row in a group _A run
    b.register(q1, "SUPA", "2__ASUPA000", "100", "G", ac="8760")
    b.register(q2, "SUPA", "2__ASUPA000", "100", "G")
    b.register(q5, "SUPB", "2__ASUPB000", "500", "E", segment="A")
    b.register(other_group, "SUPA", "2__BSUPA000", "500", "G", group="_B")
    b.register(nhh, "SUPB", "2__ASUPB000", "100", "A", domestic="true", ac="2700.0", pc="1", ssc="0393")
    b.register(ended, "SUPA", "2__ASUPA000", "100", "G", end="2026-01-14")
    late = "2026-01-17T06:00:00Z"
    b.reads_all(q1, "1.000", skip=(1, 2, 3, 4, 5, 6))
    b.read(q1, 1, "1.000", "A")
    b.read(q1, 1, "1.200", "E", received=late)  # actual beats a later estimate
    b.read(q1, 2, "1.100", "A")
    b.read(q1, 2, "1.000", "A", received=late)  # latest actual wins
    b.read(q1, 3, "0.800", "E")
    b.read(q1, 3, "0.900", "E", received=late)  # latest estimate wins
    b.read(q1, 4, "1.000", "A")
    b.read(q1, 4, "5.000", "A", received="2026-02-02T06:00:00Z")  # after the cut-off: ignored
    b.read(q1, 5, "-0.500", "A")  # NEGATIVE, then defaulted
    b.read(q1, 6, "100.001", "A")  # OUT_OF_RANGE (class G cap 100 kWh), then defaulted
    b.reads_all(q2, "1.000")
    b.read(q2, 9, "1.000", "X")  # BAD_VALUE
    b.read(q2, 10, "1.000", "A", mq="AE")  # WRONG_MQ
    b.read(q2, 49, "1.000", "A")  # BAD_PERIOD
    b.read(q2, 0, "1.000", "A")  # BAD_PERIOD
    b.reads_all(q5, "2.000", "E", skip=(7, 8))
    b.read(q5, 7, "100.000", "A")  # at the cap: accepted
    b.read(q5, 8, "100.001", "A")  # OUT_OF_RANGE: no method applies, NO_ESTIMATE
    b.read(bad_check_digit(q1), 11, "1.000", "A")  # BAD_MPAN
    b.read(unregistered, 12, "1.000", "A")  # UNKNOWN_MPAN: never registered
    b.read(other_group, 13, "1.000", "A")  # UNKNOWN_MPAN: registered in _B
    b.read(nhh, 14, "1.000", "A")  # UNKNOWN_MPAN: NHH
    b.read(ended, 15, "1.000", "A")  # UNKNOWN_MPAN: registration ended the day before
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "100", "1.085")
    b.extra["profile_coefficients.csv"] = csv_text(
        COEFF_HEADER, coefficient_rows("_A", "1", "0393", "00001", JAN15, lambda j: "0.0000570")
    )
    b.extra["hh_default_eac.csv"] = csv_text(
        ["measurement_class", "eac_kwh", "effective_from", "effective_to"],
        [["F", "3100", OPEN_FROM, ""], ["G", "4000", OPEN_FROM, ""]],
    )
    b.take(lambda j: {3: "0.0044", 5: "0.0040", 6: "0.0040", 7: "0.1098", 8: "0.0024"}.get(j, "0.0045"))
    return b


def latest_wins():
    b = Builder("given_latest_wins_selection", props={"selection": "LATEST_WINS"})
    standard_units(b, ["SUPA", "SUPB"])
    w1, w2 = (mpan(f"101600000{k:03d}") for k in (1, 2))
    late = "2026-01-17T06:00:00Z"
    b.register(w1, "SUPA", "2__ASUPA000", "100", "G")
    b.register(w2, "SUPB", "2__ASUPB000", "100", "F", domestic="true")
    b.reads_all(w1, "1.000", skip=(1, 2, 3))
    b.read(w1, 1, "1.000", "A")
    b.read(w1, 1, "1.200", "E", received=late)  # the later estimate wins
    b.read(w1, 2, "1.100", "A")
    b.read(w1, 2, "1.300", "E")  # same instant: the actual wins
    b.read(w1, 3, "0.800", "E")
    b.read(w1, 3, "0.900", "A", received=late)
    b.reads_all(w2, "5.000", "E")
    b.llfs("EELC", "100", "1.085")
    b.take(lambda j: {1: "0.0067", 2: "0.0066", 3: "0.0064"}.get(j, "0.0065"))
    return b


def example_3(name, mode, flag=lambda j: "F"):
    props = {"correction.mode": mode} if mode else None
    b = Builder(name, day="2027-03-28", group="_P", run_type="II", cutoff="2027-04-05T00:00:00Z", props=props)
    standard_units(b, ["SUPA", "SUPB", "SUPC"], group="_P")
    b.register("1710000000010", "SUPA", "2__PSUPA000", "500", "C")
    b.register("1710000000020", "SUPA", "2__PSUPA000", "500", "C")
    b.register("1710000000039", "SUPB", "2__PSUPB000", "500", "C", direction="E")
    b.register("1710000000048", "SUPC", "2__PSUPC000", "510", "C", direction="E")
    b.reads_all("1710000000010", "200.000")
    b.reads_all("1710000000020", "100.000", "E")
    b.reads_all("1710000000039", "50.000", "E", mq="AE")
    b.reads_all("1710000000048", "40.000", mq="AE")
    b.llfs("HYDE", "500", "1.050")
    b.llfs("HYDE", "510", "1.020")
    b.take("0.2300", flag)
    return b


def example_2():
    b = Builder(
        "given_worked_example_2_long_day_published_shape",
        day="2026-10-25",
        group="_N",
        run_type="R1",
        cutoff="2026-12-01T00:00:00Z",
        props={"loadShape.source": "PUBLISHED"},
    )
    standard_units(b, ["SUPA", "SUPB", "SUPC"], group="_N")
    b.unit("2__NSUPC001", "SUPC", group="_N")
    b.unit("2__ASUPB001", "SUPB", group="_A")
    b.register("1810000000015", "SUPA", "2__NSUPA000", "500", "C")
    b.register("1810000000024", "SUPB", "2__ASUPB001", "100", "G")
    b.register("1810000000033", "SUPB", "2__NSUPB000", "100", "G", ac="438000")
    b.register("1810000000042", "SUPC", "2__NSUPC001", "100", "G")
    b.register("1810000000051", "SUPC", "2__NSUPC001", "510", "C", direction="E")
    b.reads_all("1810000000015", "300.000")
    b.reads_all("1810000000024", "48.000")
    b.reads_all("1810000000033", "24.000", skip=(5,))
    b.reads_all("1810000000042", "64.000")
    b.reads_all("1810000000051", "80.000", mq="AE")
    b.llfs("SPOW", "500", "1.062")
    b.llfs("SPOW", "100", "1.091")
    b.llfs("SPOW", "510", "1.045")
    b.extra["load_shape_period.csv"] = csv_text(
        "gsp_group_id,connection_type,market_segment,domestic,measurement_quantity,settlement_period,value".split(","),
        [["_N", "W", "S", "false", "AI", j, "0.180"] for j in range(1, 51)],
    )
    b.extra["load_shape_totals.csv"] = csv_text(
        "gsp_group_id,connection_type,market_segment,domestic,measurement_quantity,annual_total".split(","),
        [["_N", "W", "S", "false", "AI", "3285.000"]],
    )
    b.take("0.3811")
    return b


def bm_unit_defaulted():
    b = Builder("given_bm_unit_defaulted")
    standard_units(b, ["SUPA", "SUPB"])
    b.unit("2__ASUPA001", "SUPA")
    b.unit("2__ASUPA002", "SUPA", start="2026-02-01")  # not yet in force on the date
    b.unit("2__ASUPB001", "SUPB")
    d1, d2, d3, d4, d5, d6 = (mpan(f"102000000{k:03d}") for k in range(1, 7))
    b.register(d1, "SUPA", "", "100", "G")  # no BM unit
    b.register(d2, "SUPA", "2__ASUPB001", "100", "G")  # another supplier's unit
    b.register(d3, "SUPA", "2__ASUPA002", "100", "G")  # unit not yet in force
    b.register(d4, "SUPA", "2__ASUPA001", "100", "G")  # valid additional unit
    b.register(d5, "SUPB", "2__ASUPB001", "100", "G")  # valid additional unit
    b.register(d6, "SUPB", "2__ASUPX000", "100", "G")  # unknown unit
    for core in (d1, d2, d3, d5, d6):
        b.reads_all(core, "1.000")
    b.reads_all(d4, "2.000", "E")
    b.llfs("EELC", "100", "1.085")
    b.take("0.0076")
    return b


def rounding():
    b = Builder("given_rounding_balanced_to_take")
    suppliers = ["SUPA", "SUPB", "SUPC", "SUPD"]
    standard_units(b, suppliers)
    for k, supplier in enumerate(suppliers, start=1):
        core = mpan(f"102100000{k:03d}")
        b.register(core, supplier, f"2__A{supplier}000", "500", "C")
        b.reads_all(core, "10.040")
    ga, gb = (mpan(f"102100000{k:03d}") for k in (5, 6))
    b.register(ga, "SUPA", "2__ASUPA000", "100", "G")
    b.register(gb, "SUPB", "2__ASUPB000", "100", "G")
    b.reads_all(ga, "20.000", "E")
    b.reads_all(gb, lambda j: "20.000" if j <= 24 else "0.000", "E")
    b.llfs("EELC", "500", "1.074")
    b.llfs("EELC", "100", "1.085")
    b.take(lambda j: "0.0869" if j <= 24 else "0.0652")
    return b


def all_scenarios():
    return [
        two_suppliers(),
        clock_change(
            "given_spring_short_day_46_periods", "2026-03-29", "2026-04-20T00:00:00Z", "2026-03-30T06:00:00Z"
        ),
        clock_change("given_autumn_long_day_50_periods", "2026-10-25", "2026-11-16T00:00:00Z", "2026-10-26T06:00:00Z"),
        import_export_losses(),
        load_shape_defaults(),
        load_shape_defaults("given_missing_periods_without_estimation_methods", methods=""),
        rounding(),
        nhh_profiled(),
        unmetered(),
        missing_llf("given_llfc_without_llf_fails", None),
        missing_llf("given_llfc_without_llf_unity_fallback", "UNITY"),
        zero_correctable("given_zero_correctable_volume", None),
        zero_correctable("given_zero_correctable_volume_configured_to_fail", "FAIL"),
        change_of_supplier(),
        worked_example_1("given_worked_example_1"),
        worked_example_1("given_worked_example_1_without_balancing", balance=False),
        quarantine(),
        latest_wins(),
        example_3("given_worked_example_3_import_export_mode", "IMPORT_EXPORT"),
        example_3(
            "given_export_single_factor_out_of_range_estimated_take", None, flag=lambda j: "T" if j <= 4 else "F"
        ),
        example_2(),
        bm_unit_defaulted(),
    ]


def main(argv):
    root = argv[0] if argv else ROOT
    for b in all_scenarios():
        b.write(root)
        print(b.name)


if __name__ == "__main__":
    main(sys.argv[1:])
