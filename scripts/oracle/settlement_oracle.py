#!/usr/bin/env python3
"""Independent oracle for the golden settlement scenarios.

Reads a scenario's ``when/`` folder and writes its ``then/`` files, following the specification
(/work/shared/docs/domain.md sections 2-8 and 10, plus the scenario rules in scripts/oracle/README.md),
never the Java engine. All arithmetic is exact (``fractions.Fraction``); the only roundings are the
named steps R1 (defaulted and profiled kWh, 3 dp HALF_UP), R2 (lambda, 9 dp HALF_UP), R3 (published
MWh, 4 dp HALF_UP) and R4 (balancing the published values to the take in 0.0001 MWh steps).

Usage:
    settlement_oracle.py SCENARIO_DIR [SCENARIO_DIR ...]
    settlement_oracle.py --all SCENARIOS_ROOT        (every given_* folder under the root)
    settlement_oracle.py --check ...                 (compare with the committed then/, write nothing)

Standard library only (Python 3.9+ for zoneinfo).
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import os
import sys
from fractions import Fraction
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
ZERO = Fraction(0)
ONE = Fraction(1)
MWH_STEP = Fraction(1, 10000)
MPAN_WEIGHTS = (3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43)
HH_CLASSES = set("CDEFG")
NHH_CLASSES = set("AB")
UNMETERED_CLASSES = set("BD")
# Caps per period (kWh), rule 1: class C 50,000; class D 500; E/F/G 100 (A/B never read half-hourly).
CAP_KWH = {"C": Fraction(50000), "D": Fraction(500), "E": Fraction(100), "F": Fraction(100), "G": Fraction(100)}
CF_BAND = (Fraction(9, 10), Fraction(11, 10))
ALL_METHODS = ["LOAD_SHAPE_RECENT", "LOAD_SHAPE_ANNUAL", "PROFILE_COEFFICIENT", "MARKET_DEFAULT"]
DAYS_PER_YEAR = 365


class RunFailure(Exception):
    """The run fails before publishing; ``lines`` must all appear in the engine's message."""

    def __init__(self, lines):
        super().__init__("; ".join(lines))
        self.lines = lines


# ----------------------------------------------------------------------------------------------
# Numbers


def frac(text: str) -> Fraction:
    """Exact value of a decimal string such as '1.074' or '-0.5'."""
    return Fraction(text.strip())


def round_half_up(x: Fraction, dp: int) -> Fraction:
    """Round to dp decimals, ties away from zero (Java RoundingMode.HALF_UP)."""
    scale = 10**dp
    y = abs(x) * scale
    n = y.numerator // y.denominator
    if y - n >= Fraction(1, 2):
        n += 1
    return Fraction(n if x >= 0 else -n, scale)


def sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


def plain(x: Fraction) -> str:
    """Exact decimal, no trailing zeros, no exponent: 0.4125, -0.08, 0, 1."""
    d, twos, fives = x.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        raise ValueError(f"{x} is not a terminating decimal")
    k = max(twos, fives)
    n = (x * 10**k).numerator
    digits = str(abs(n)).rjust(k + 1, "0")
    text = digits if k == 0 else digits[:-k] + "." + digits[-k:]
    return ("-" if n < 0 else "") + text


def fixed(x: Fraction, dp: int) -> str:
    """A value already on a dp grid, written with exactly dp decimals: 0.0070, -0.0800, 1.000000000."""
    n = x * 10**dp
    if n.denominator != 1:
        raise ValueError(f"{x} is not on a {dp} dp grid")
    n = n.numerator
    digits = str(abs(n)).rjust(dp + 1, "0")
    return ("-" if n < 0 else "") + digits[:-dp] + "." + digits[-dp:]


# ----------------------------------------------------------------------------------------------
# Time and identifiers


def periods_in_day(d: dt.date) -> int:
    """N(D) = (start(D+1) - start(D)) / 30 min, local midnights of Europe/London (domain.md section 2)."""
    start = dt.datetime.combine(d, dt.time(), LONDON).astimezone(dt.timezone.utc)
    end = dt.datetime.combine(d + dt.timedelta(days=1), dt.time(), LONDON).astimezone(dt.timezone.utc)
    seconds = (end - start).total_seconds()
    assert seconds % 1800 == 0
    return int(seconds // 1800)


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def valid_mpan(text: str) -> bool:
    """13 digits and the check digit of domain.md section 6.7."""
    if len(text) != 13 or not text.isdigit():
        return False
    total = sum(int(d) * p for d, p in zip(text[:12], MPAN_WEIGHTS))
    return (total % 11) % 10 == int(text[12])


def in_force(row: dict, d: dt.date) -> bool:
    start = dt.date.fromisoformat(row["effective_from"])
    end = row.get("effective_to", "").strip()
    return start <= d and (not end or d <= dt.date.fromisoformat(end))


# ----------------------------------------------------------------------------------------------
# Reading when/


def read_csv(path: str) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def read_properties(path: str) -> dict:
    props = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, _, value = line.partition("=")
            props[key.strip()] = value.strip()
    return props


def read_d0265(paths: list[str]) -> dict:
    """(distributor_mpid, llfc, date, period) -> LLF."""
    llfs = {}
    for path in paths:
        mpid = llfc = None
        day = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("|")
                tag = fields[0]
                if tag == "DIS":
                    mpid = fields[1]
                elif tag == "LLF":
                    llfc = fields[1]
                elif tag == "SDT":
                    day = dt.datetime.strptime(fields[1], "%Y%m%d").date()
                elif tag == "SPL":
                    key = (mpid, llfc, day, int(fields[1]))
                    if key in llfs:
                        raise ValueError(f"duplicate LLF {key} in {path}")
                    llfs[key] = frac(fields[2])
    return llfs


def read_i029(path: str, group: str, day: dt.date) -> dict:
    """period -> (signed take MWh, text as in the file, estimate flag)."""
    takes = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("|")
            if fields[0] == "AGV":
                current = (fields[1], dt.datetime.strptime(fields[2], "%Y%m%d").date())
            elif fields[0] == "AGP" and current == (group, day):
                sp, flag, direction, volume = int(fields[1]), fields[2], fields[3], fields[4]
                value = frac(volume) if direction == "I" else -frac(volume)
                takes[sp] = (value, volume, flag == "T")
    return takes


# ----------------------------------------------------------------------------------------------
# The calculation


class Scenario:
    def __init__(self, folder: str):
        self.folder = folder
        w = os.path.join(folder, "when")
        self.props = read_properties(os.path.join(w, "run.properties"))
        p = self.props
        self.day = dt.date.fromisoformat(p["settlement_date"])
        self.group = p["gsp_group"]
        self.cutoff = instant(p["data_cutoff"])
        self.n = periods_in_day(self.day)
        self.mode = p.get("correction.mode", "SINGLE")
        self.on_zero = p.get("correction.onZeroCorrectableVolume", "WARN")
        self.balance = p.get("rounding.balanceToTake", "true") == "true"
        self.selection = p.get("selection", "ACTUAL_BEATS_ESTIMATE")
        methods = p.get("estimation.methods")
        self.methods = ALL_METHODS if methods is None else [m.strip() for m in methods.split(",") if m.strip()]
        self.ls_source = p.get("loadShape.source", "COMPUTED")
        self.min_sample = int(p.get("loadShape.minSample", "1"))
        self.llf_fallback = p.get("llf.fallback", "NONE")

        self.cccs = [r for r in read_csv(os.path.join(w, "ccc.csv")) if in_force(r, self.day)]
        self.weights = {}
        for r in read_csv(os.path.join(w, "scaling_weights.csv")):
            if in_force(r, self.day):
                if int(r["ccc_id"]) in self.weights:
                    raise ValueError(f"two weights for CCC {r['ccc_id']}")
                self.weights[int(r["ccc_id"])] = frac(r["weight"])
        self.bm_units = [r for r in read_csv(os.path.join(w, "bm_units.csv")) if in_force(r, self.day)]
        self.registrations = [r for r in read_csv(os.path.join(w, "registrations.csv")) if in_force(r, self.day)]
        self.reads = read_csv(os.path.join(w, "meter_reads.csv"))
        self.llfs = read_d0265(sorted(glob.glob(os.path.join(w, "*.D0265"))))
        self.takes = read_i029(os.path.join(w, "take.I029"), self.group, self.day)

        def optional(name):
            path = os.path.join(w, name)
            return read_csv(path) if os.path.exists(path) else []

        self.coefficients = {}
        for r in optional("profile_coefficients.csv"):
            if r["gsp_group_id"] == self.group and dt.date.fromisoformat(r["settlement_date"]) == self.day:
                key = (r["profile_class"], r["ssc"], int(r["settlement_period"]))
                self.coefficients.setdefault(key, []).append(frac(r["coefficient"]))
        self.hh_default_eac = {
            r["measurement_class"]: frac(r["eac_kwh"]) for r in optional("hh_default_eac.csv") if in_force(r, self.day)
        }
        self.published_shape = {}
        for r in optional("load_shape_period.csv"):
            if r["gsp_group_id"] == self.group:
                cat = (r["connection_type"], r["market_segment"], r["domestic"], r["measurement_quantity"])
                self.published_shape[(cat, int(r["settlement_period"]))] = frac(r["value"])
        self.published_total = {}
        for r in optional("load_shape_totals.csv"):
            if r["gsp_group_id"] == self.group:
                cat = (r["connection_type"], r["market_segment"], r["domestic"], r["measurement_quantity"])
                self.published_total[cat] = frac(r["annual_total"])
        self.site_specific = {(r["distributor_mpid"], r["llfc"]) for r in optional("llfc_site_specific.csv")}

        self.issues = []  # (code, mpan or '', period)
        self.quarantine = []  # (mpan, period, reason)

    # -- step 1: validation and selection ------------------------------------------------------

    def metering_systems(self):
        """MPAN -> registration in force on the date in this group (two in force for one MPAN is a conflict)."""
        systems = {}
        seen = set()
        for r in self.registrations:
            if r["mpan_core"] in seen:
                raise ValueError(f"overlapping registrations for {r['mpan_core']}")
            seen.add(r["mpan_core"])
            if r["gsp_group_id"] == self.group:
                systems[r["mpan_core"]] = r
        return systems

    @staticmethod
    def mq(reg):
        return "AI" if reg["energy_direction"] == "I" else "AE"

    def select(self, systems):
        """(mpan, period) -> (kWh, quality) for HH metering systems; quarantines bad rows."""
        candidates = {}
        for row in self.reads:
            if instant(row["received_at"]) > self.cutoff:
                continue  # not yet received at the cut-off: ignored, not quarantined
            if dt.date.fromisoformat(row["settlement_date"]) != self.day:
                continue
            mpan = row["mpan"]
            period_text = row["settlement_period"]
            reason = None
            reg = systems.get(mpan)
            if not valid_mpan(mpan):
                reason = "BAD_MPAN"
            elif reg is None or reg["measurement_class"] not in HH_CLASSES:
                reason = "UNKNOWN_MPAN"
            elif row["measurement_quantity"] != self.mq(reg):
                reason = "WRONG_MQ"
            elif not (1 <= int(period_text) <= self.n):
                reason = "BAD_PERIOD"
            elif row["quality"] not in ("A", "E") or not self.kwh_ok(row["kwh"]):
                reason = "BAD_VALUE"
            elif frac(row["kwh"]) < 0:
                reason = "NEGATIVE"
            elif frac(row["kwh"]) > CAP_KWH[reg["measurement_class"]]:
                reason = "OUT_OF_RANGE"
            if reason:
                self.quarantine.append((mpan, int(period_text), reason))
                continue
            key = (mpan, int(period_text))
            candidates.setdefault(key, []).append((frac(row["kwh"]), row["quality"], instant(row["received_at"])))
        chosen = {}
        for key, rows in candidates.items():
            if self.selection == "ACTUAL_BEATS_ESTIMATE":
                best = max(rows, key=lambda r: (r[1] == "A", r[2]))
            elif self.selection == "LATEST_WINS":
                best = max(rows, key=lambda r: (r[2], r[1] == "A"))
            else:
                raise ValueError(self.selection)
            same = [r for r in rows if (r[1], r[2]) == (best[1], best[2])]
            if len(same) > 1 and len({r[0] for r in same}) > 1:
                raise ValueError(f"undecidable selection for {key}: {same}")
            chosen[key] = (best[0], best[1])
        return chosen

    @staticmethod
    def kwh_ok(text):
        try:
            value = frac(text)
        except (ValueError, ZeroDivisionError):
            return False
        return (value * 1000).denominator == 1

    # -- step 1 (continued): load shapes and defaults ------------------------------------------

    @staticmethod
    def category(reg, mq):
        return (reg["connection_type"], reg["market_segment"], reg["domestic"], mq)

    def load_shapes(self, systems, chosen):
        """(category -> {period: LS}, category -> annual total)."""
        if self.ls_source == "PUBLISHED":
            shapes = {}
            for (cat, j), value in self.published_shape.items():
                shapes.setdefault(cat, {})[j] = value
            return shapes, dict(self.published_total)
        sums = {}
        for (mpan, j), (kwh, quality) in chosen.items():
            if quality != "A":
                continue
            reg = systems[mpan]
            cat = self.category(reg, self.mq(reg))
            acc = sums.setdefault((cat, j), [ZERO, 0])
            acc[0] += kwh
            acc[1] += 1
        shapes = {}
        for (cat, j), (total, count) in sums.items():
            if count >= self.min_sample:
                shapes.setdefault(cat, {})[j] = total / count
        totals = {cat: DAYS_PER_YEAR * sum(by_period.values()) for cat, by_period in shapes.items()}
        return shapes, totals

    def default_value(self, mpan, reg, j, shapes, totals):
        """(kWh, method) by the first method that applies, or None."""
        cat = self.category(reg, self.mq(reg))
        ls = shapes.get(cat, {}).get(j)
        total = totals.get(cat)
        shape_ok = ls is not None and total is not None and total != 0
        for method in self.methods:
            if method == "LOAD_SHAPE_RECENT":
                continue  # needs consumption history, never an input of these scenarios
            if method == "LOAD_SHAPE_ANNUAL" and reg["annual_consumption_kwh"] and shape_ok:
                return round_half_up(frac(reg["annual_consumption_kwh"]) * ls / total, 3), method
            if method == "PROFILE_COEFFICIENT" and reg["profile_class"] and reg["annual_consumption_kwh"]:
                coeffs = self.coefficients.get((reg["profile_class"], reg["ssc"], j))
                if coeffs:
                    return round_half_up(frac(reg["annual_consumption_kwh"]) * sum(coeffs), 3), method
            if method == "MARKET_DEFAULT" and reg["measurement_class"] in self.hh_default_eac and shape_ok:
                return round_half_up(self.hh_default_eac[reg["measurement_class"]] * ls / total, 3), method
        return None

    # -- the run -------------------------------------------------------------------------------

    def run(self):
        systems = self.metering_systems()
        chosen = self.select(systems)
        shapes, totals = self.load_shapes(systems, chosen)
        failures = []

        # Values: mpan -> period -> (kWh, basis)
        values = {}
        for mpan, reg in sorted(systems.items()):
            mclass = reg["measurement_class"]
            by_period = {}
            if mclass in NHH_CLASSES:
                for j in range(1, self.n + 1):
                    coeffs = self.coefficients.get((reg["profile_class"], reg["ssc"], j))
                    if not coeffs:
                        failures.append(("MISSING_PROFILE_COEFFICIENT", f"{reg['profile_class']}/{reg['ssc']}"))
                        continue
                    by_period[j] = (round_half_up(frac(reg["annual_consumption_kwh"]) * sum(coeffs), 3), "EAC")
            else:
                energised = reg["energisation"] == "E"
                for j in range(1, self.n + 1):
                    if (mpan, j) in chosen:
                        kwh, quality = chosen[(mpan, j)]
                        by_period[j] = (kwh, quality)
                        if not energised:
                            self.issues.append(("DEENERGISED_CONSUMPTION", mpan, j))
                    elif not energised:
                        by_period[j] = (ZERO, "E")
                    else:
                        estimate = self.default_value(mpan, reg, j, shapes, totals)
                        if estimate is None:
                            self.issues.append(("NO_ESTIMATE", mpan, j))
                            by_period[j] = (ZERO, "E")
                        else:
                            by_period[j] = (estimate[0], "E")
            values[mpan] = by_period

        # Line loss factors per (distributor, LLFC, period)
        llf = {}
        for mpan, reg in systems.items():
            for j in range(1, self.n + 1):
                key = (reg["distributor_mpid"], reg["llfc"], j)
                if key in llf:
                    continue
                value = self.llfs.get((reg["distributor_mpid"], reg["llfc"], self.day, j))
                if value is None:
                    if self.llf_fallback == "UNITY":
                        value = ONE
                        if j == 1:  # one issue per LLFC and date, period 0
                            self.issues.append(("LLF_FALLBACK", "", 0))
                    elif self.llf_fallback == "NONE":
                        failures.append(("MISSING_LLF", f"{reg['distributor_mpid']}/{reg['llfc']}"))
                        continue
                    else:
                        raise NotImplementedError(self.llf_fallback)
                llf[key] = value

        # BM units
        units = {r["bm_unit_id"]: r for r in self.bm_units}
        supplier_units = {
            b: r for b, r in units.items() if r["gsp_group_id"] == self.group and r["bm_unit_type"] in ("G", "S")
        }
        unit_of = {}
        for mpan, reg in systems.items():
            supplier = reg["supplier_participant_id"]
            b = reg["bm_unit_id"]
            if b in supplier_units and supplier_units[b]["supplier_participant_id"] == supplier:
                unit_of[mpan] = b
                continue
            defaults = [
                u
                for u, r in supplier_units.items()
                if r["supplier_participant_id"] == supplier and r["default_flag"] == "true"
            ]
            if len(defaults) != 1:
                failures.append(("MISSING_DEFAULT_BMU", supplier))
                continue
            unit_of[mpan] = defaults[0]
            self.issues.append(("BM_UNIT_DEFAULTED", mpan, 0))

        missing_takes = [j for j in range(1, self.n + 1) if j not in self.takes]
        if missing_takes:
            failures.append(("MISSING_TAKE", f"{self.group}"))

        if failures:
            raise RunFailure(unique_lines(failures))

        # Components, CCCs, aggregation: (supplier, unit, ccc, period) -> UC MWh
        uc = {}
        for mpan, reg in systems.items():
            mq = self.mq(reg)
            mclass = reg["measurement_class"]
            hh = "H" if mclass in HH_CLASSES else "N"
            metered = "U" if mclass in UNMETERED_CLASSES else "M"
            loss_component = "M" if (reg["distributor_mpid"], reg["llfc"]) in self.site_specific else "L"
            for j, (kwh, basis) in values[mpan].items():
                s = kwh if mq == "AI" else -kwh
                factor = llf[(reg["distributor_mpid"], reg["llfc"], j)]
                for component, amount in (("C", s), (loss_component, s * (factor - 1))):
                    ccc = self.ccc_for(mq, hh, metered, component, basis, mclass)
                    if ccc not in self.weights:
                        raise RunFailure(["MISSING_WEIGHT", str(ccc)])
                    key = (reg["supplier_participant_id"], unit_of[mpan], ccc, j)
                    uc[key] = uc.get(key, ZERO) + amount / 1000
        uc = {k: v for k, v in uc.items() if v != 0}
        return self.correct(uc, supplier_units)

    def ccc_for(self, mq, hh, metered, component, basis, mclass):
        matches = [
            r
            for r in self.cccs
            if r["mq"] == mq
            and r["hh_nhh"] == hh
            and r["metered"] == metered
            and r["component"] == component
            and r["actual_estimated"] == basis
            and (not r["measurement_classes"] or mclass in r["measurement_classes"].split(";"))
        ]
        if len(matches) != 1:
            raise RunFailure(["MISSING_CCC", f"{mq}/{hh}/{metered}/{component}/{basis}/{mclass}"])
        return int(matches[0]["ccc_id"])

    # -- steps 6 and 7: correction, rounding, BM unit volumes ----------------------------------

    def correct(self, uc, supplier_units):
        supplier_rows, unit_rows, group_rows = [], [], []
        for j in range(1, self.n + 1):
            take, take_text, take_estimated = self.takes[j]
            rows = sorted((k, v) for k, v in uc.items() if k[3] == j)
            t = sum((v for _, v in rows), ZERO)
            if self.mode == "SINGLE":
                den = sum((self.weights[k[2]] * v for k, v in rows), ZERO)
            else:  # D = sum over AI CCCs of W x UC - sum over AE CCCs of W x UC (export UC is negative)
                den = sum((self.weights[k[2]] * v * (1 if self.ccc_mq(k[2]) == "AI" else -1) for k, v in rows), ZERO)
            delta = take - t
            flags = []
            if den == 0:
                if self.on_zero == "FAIL":
                    raise RunFailure(["CF_UNDEFINED"])
                lam = ZERO
                flags.append("CF_UNDEFINED")
                self.issues.append(("CF_UNDEFINED", "", j))
            else:
                lam = round_half_up(delta / den, 9)

            out = []  # [key, uc, weight, factor, exact, published]
            for key, v in rows:
                w = self.weights[key[2]]
                export = self.mode == "IMPORT_EXPORT" and self.ccc_mq(key[2]) == "AE"
                factor = 1 - lam * w if export else 1 + lam * w
                exact = v * factor
                out.append([key, v, w, factor, exact, round_half_up(exact, 4)])
            exact_total = sum((r[4] for r in out), ZERO)

            balancing = self.balance and den != 0
            if balancing:
                eligible = [r for r in out if r[2] != 0 and r[1] != 0]
                self.balance_rows(eligible, take - sum((r[5] for r in out), ZERO), key=lambda r: r[0])
            published_total = sum((r[5] for r in out), ZERO)
            for key, v, w, factor, exact, pub in out:
                supplier_rows.append(
                    [key[0], key[1], key[2], j, plain(v), plain(w), plain(factor), plain(exact), fixed(pub, 4)]
                )

            # BM unit volumes
            units = []
            for b in sorted(supplier_units, key=lambda u: (supplier_units[u]["supplier_participant_id"], u)):
                supplier = supplier_units[b]["supplier_participant_id"]
                mine = [r for r in out if r[0][0] == supplier and r[0][1] == b]
                exact = sum((r[4] for r in mine), ZERO)
                has_eligible = any(r[2] != 0 and r[1] != 0 for r in mine)
                units.append([(supplier, b), exact, round_half_up(exact, 4), has_eligible])
            if balancing:
                eligible_units = [[u[0], None, None, None, u[1], u[2], u] for u in units if u[3]]
                self.balance_rows(eligible_units, take - sum((u[2] for u in units), ZERO), key=lambda r: r[0])
                for e in eligible_units:
                    e[6][2] = e[5]
            for (supplier, b), exact, pub, _ in units:
                unit_rows.append([supplier, b, j, plain(exact), fixed(pub, 4)])

            if self.mode == "SINGLE":
                gcfs = [("legacy_gcf", 1 + lam)]
            else:
                gcfs = [("mhhs_import_gcf", 1 + lam), ("mhhs_export_gcf", 1 - lam)]
            out_of_range = False
            for gcf_type, gcf in gcfs:
                row_flags = list(flags)
                if not (CF_BAND[0] <= gcf <= CF_BAND[1]):
                    row_flags.append("CF_OUT_OF_RANGE")
                    out_of_range = True
                if take_estimated:
                    row_flags.append("TAKE_ESTIMATED")
                group_rows.append(
                    [
                        j,
                        gcf_type,
                        fixed(gcf, 9),
                        take_text,
                        "true" if take_estimated else "false",
                        plain(t),
                        plain(den),
                        plain(take - exact_total),
                        plain(take - published_total),
                        ";".join(row_flags),
                    ]
                )
            if out_of_range:
                self.issues.append(("CF_OUT_OF_RANGE", "", j))
            if take_estimated:
                self.issues.append(("TAKE_ESTIMATED", "", j))
        return supplier_rows, unit_rows, group_rows

    def ccc_mq(self, ccc):
        return next(r["mq"] for r in self.cccs if int(r["ccc_id"]) == ccc)

    @staticmethod
    def balance_rows(eligible, residual, key):
        """R4: move published values (index 5) by 0.0001 toward the residual, largest rounding loss first."""
        if residual == 0 or not eligible:
            return
        s = sign(residual)
        steps = abs(residual) / MWH_STEP
        assert steps.denominator == 1, residual
        order = sorted(eligible, key=lambda r: (-(r[4] - r[5]) * s, key(r)))
        for k in range(int(steps)):
            order[k % len(order)][5] += s * MWH_STEP


def unique_lines(failures):
    lines = []
    for code, what in failures:
        for line in (code, what):
            if line not in lines:
                lines.append(line)
    return lines


# ----------------------------------------------------------------------------------------------
# Writing then/

SUPPLIER_HEADER = [
    "supplier_id",
    "bm_unit_id",
    "ccc_id",
    "settlement_period",
    "uncorrected_mwh",
    "weight",
    "factor",
    "corrected_exact_mwh",
    "corrected_mwh",
]
UNIT_HEADER = ["supplier_id", "bm_unit_id", "settlement_period", "exact_mwh", "bmuadv_mwh"]
GROUP_HEADER = [
    "settlement_period",
    "gcf_type",
    "gcf",
    "gsp_group_take_mwh",
    "take_estimated",
    "uncorrected_total_mwh",
    "correctable_mwh",
    "unallocated_mwh",
    "published_residual_mwh",
    "flags",
]


def render(folder: str) -> dict:
    """File name -> text of every then/ file the scenario's expected outputs consist of."""
    scenario = Scenario(folder)
    files = {}

    def table(header, rows):
        lines = [",".join(header)] + [",".join(str(c) for c in r) for r in rows]
        return "\n".join(lines) + "\n"

    try:
        supplier_rows, unit_rows, group_rows = scenario.run()
    except RunFailure as failure:
        files["failure.txt"] = "\n".join(failure.lines) + "\n"
        return files
    files["supplier_volume.csv"] = table(SUPPLIER_HEADER, sorted(supplier_rows, key=lambda r: (r[3], r[0], r[1], r[2])))
    files["bm_unit_volume.csv"] = table(UNIT_HEADER, sorted(unit_rows, key=lambda r: (r[2], r[0], r[1])))
    files["gsp_group_correction.csv"] = table(GROUP_HEADER, group_rows)
    issues = sorted(set(scenario.issues), key=lambda i: (i[0], i[1], i[2]))
    assert len(issues) == len(scenario.issues), "duplicate issue"
    files["calculation_issues.csv"] = table(["code", "mpan", "settlement_period"], issues)
    files["quarantine.csv"] = table(
        ["mpan", "settlement_period", "reason"], sorted(scenario.quarantine, key=lambda q: (q[0], q[1], q[2]))
    )
    return files


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if args and args[0] == "--all":
        folders = sorted(glob.glob(os.path.join(args[1], "given_*")))
    else:
        folders = args
    if not folders:
        print(__doc__)
        return 2
    status = 0
    for folder in folders:
        files = render(folder)
        then = os.path.join(folder, "then")
        if check:
            existing = {os.path.basename(p) for p in glob.glob(os.path.join(then, "*"))}
            for name in sorted(existing | set(files)):
                path = os.path.join(then, name)
                if name not in files or name not in existing:
                    print(f"{folder}: {name} {'unexpected' if name not in files else 'missing'}")
                    status = 1
                    continue
                with open(path, encoding="utf-8") as f:
                    if f.read() != files[name]:
                        print(f"{folder}: {name} differs")
                        status = 1
        else:
            os.makedirs(then, exist_ok=True)
            for p in glob.glob(os.path.join(then, "*")):
                os.remove(p)
            for name, text in files.items():
                with open(os.path.join(then, name), "w", encoding="utf-8", newline="") as f:
                    f.write(text)
        print(f"{folder}: {', '.join(sorted(files))}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
