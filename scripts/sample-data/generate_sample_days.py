#!/usr/bin/env python3
"""Generates the sample settlement days of sample-data/ and their expected outputs.

For each of three settlement days (a normal winter weekday, the spring and the autumn clock-change days) this
writes ``<out>/<date>_<what>/`` with

* ``reference/``: the reference files of the day, in the formats of the project's parsers (GSP groups, CCCs,
  scaling weights, BSC parties, BM units, registrations, profile coefficients, HH default EACs, one D0265 LLF file
  per distributor and one CDCA-I029 take file covering the day's GSP groups);
* ``meter-data/``: the half-hourly values as CSV files (``meter_reads_<n>.csv``, one per data service, sorted by
  MPAN then period, plus ``meter_reads_bad.csv``); ``scripts/sample-data/generate`` converts them to Parquet;
* ``expected/<gsp group>/``: the expected result tables, computed by the independent oracle
  (``scripts/oracle/settlement_oracle.py``) on a scenario folder built from the same data for that group, and
  ``expected/unassigned/quarantine.csv``: the bad rows whose MPAN is registered in no GSP group;
* ``run.properties`` and ``README.md``.

Everything is a function of ``--seed``: the same seed gives byte-identical files. Python 3.9+ standard library
only. The Java engine is never run or read here.

Usage:
    generate_sample_days.py [--seed N] [--out DIR] [--scenarios DIR] [--days NAME,...]

``--scenarios DIR`` keeps the oracle's scenario folders (``DIR/<day>/<group>/when|then`` plus ``row_map.csv``,
the file and row of each line of the scenario's ``meter_reads.csv``) for the comparison with the engine
(``scripts/sample-data/check_against_engine.py``); without it they are built in a temporary folder and deleted.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

DEFAULT_SEED = 20260115
LONDON = ZoneInfo("Europe/London")
UTC = dt.timezone.utc
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHIPPED = os.path.join(ROOT, "reference-data", "src", "main", "resources", "org", "gbsettle", "refdata")
ORACLE = os.path.join(ROOT, "scripts", "oracle", "settlement_oracle.py")
MPAN_WEIGHTS = (3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43)
FAR_PAST = "2019-04-01"

# ----------------------------------------------------------------------------------------------------------------
# The market: GSP groups, distributors, suppliers, data services


class Group:
    def __init__(self, gid, short_code, mpid, llf_offset):
        self.id = gid
        self.letter = gid[1]
        self.short_code = short_code
        self.mpid = mpid
        self.llf_offset = llf_offset  # added to every LLF of the distributor


GROUPS = [Group("_A", "10", "EELC", Decimal("0.000")), Group("_B", "11", "EMEB", Decimal("0.004"))]

# participant id, BSC party id, name, market share, additional BM unit in these groups
SUPPLIERS = [
    ("ALBA", "ALBAENGY", "Alba Energy Supply Ltd (fictional)", 0.21, ("_A", "_B")),
    ("BRYN", "BRYNPOWR", "Bryn Power Ltd (fictional)", 0.17, ("_A",)),
    ("CAST", "CASTELEC", "Castle Electricity plc (fictional)", 0.14, ("_A", "_B")),
    ("DALE", "DALEENGY", "Dale Energy Ltd (fictional)", 0.11, ()),
    ("EDEN", "EDENSUPP", "Eden Supply Co (fictional)", 0.10, ("_B",)),
    ("FERN", "FERNPOWR", "Fern Power Ltd (fictional)", 0.08, ()),
    ("GLEN", "GLENELEC", "Glen Electric Ltd (fictional)", 0.07, ()),
    ("HOLT", "HOLTENGY", "Holt Energy Ltd (fictional)", 0.06, ()),
    ("IONA", "IONASUPP", "Iona Supply Ltd (fictional)", 0.04, ()),
    ("JURA", "JURAPOWR", "Jura Power Ltd (fictional)", 0.02, ()),
]
# JURA only supplies in _A; its default unit in _B has no volume (a zero BM unit volume row).
SUPPLIER_GROUPS = {s[0]: ("_A",) if s[0] == "JURA" else ("_A", "_B") for s in SUPPLIERS}

# data services delivering HH values: participant id, party id, name, receipt time after the settlement day
DATA_SERVICES = [
    ("NORD", "NORDDATA", "Nordic Data Services (fictional)", dt.timedelta(days=1, hours=5, minutes=12)),
    ("MERC", "MERCDATA", "Mercia Metering Data (fictional)", dt.timedelta(days=1, hours=5, minutes=47)),
    ("TALY", "TALYDATA", "Tally Half-Hourly (fictional)", dt.timedelta(days=1, hours=6, minutes=20)),
]
BAD_FILE_DELAY = dt.timedelta(days=2, hours=9, minutes=30)
REVISION_DELAY = dt.timedelta(days=25, hours=7, minutes=5)  # after the SF cut-off, before R1's

# LLFC: description, base LLF, peak uplift (LLF = base + uplift x network load 0..1, 3 dp)
LLFCS = {
    "110": ("Domestic LV unrestricted", Decimal("1.082"), Decimal("0.030")),
    "120": ("Domestic LV Economy 7", Decimal("1.080"), Decimal("0.028")),
    "210": ("Non-domestic LV whole current", Decimal("1.068"), Decimal("0.026")),
    "310": ("LV substation CT metered", Decimal("1.052"), Decimal("0.020")),
    "510": ("HV metered", Decimal("1.024"), Decimal("0.016")),
    "610": ("Unmetered supplies LV", Decimal("1.085"), Decimal("0.024")),
    "810": ("LV generation (export)", Decimal("1.060"), Decimal("0.020")),
    "850": ("HV generation (export)", Decimal("1.021"), Decimal("0.012")),
}

# Metering system kinds per GSP group. class, direction, shape, connection, segment, domestic, LLFC,
# annual kWh range, count, NHH profile class / SSC
KINDS = [
    # HH import
    dict(name="F", mc="F", dir="I", shape="domestic", conn="W", seg="S", dom=True, llfc="110", ac=(1500, 7500), n=1500),
    dict(name="G", mc="G", dir="I", shape="business", conn="W", seg="S", dom=False, llfc="210", ac=(5000, 40000), n=280),
    dict(name="E", mc="E", dir="I", shape="business", conn="C", seg="A", dom=False, llfc="310", ac=(30000, 250000), n=110),
    dict(name="C", mc="C", dir="I", shape="business", conn="C", seg="A", dom=False, llfc="510", ac=(200000, 2500000), n=35),
    dict(name="D", mc="D", dir="I", shape="lighting", conn="W", seg="U", dom=False, llfc="610", ac=(2000, 9000), n=25),
    # HH export
    dict(name="F-export", mc="F", dir="E", shape="solar", conn="W", seg="S", dom=True, llfc="810", ac=(800, 2600), n=140),
    dict(name="C-export", mc="C", dir="E", shape="solar", conn="C", seg="A", dom=False, llfc="850", ac=(200000, 1500000), n=6),
    # NHH profiled and unmetered (legacy)
    dict(name="A-PC1", mc="A", dir="I", shape=None, conn="W", seg="", dom=True, llfc="110", ac=(1800, 6000), n=420, pc=1, ssc="0393"),
    dict(name="A-PC2", mc="A", dir="I", shape=None, conn="W", seg="", dom=True, llfc="120", ac=(3000, 9000), n=120, pc=2, ssc="0151"),
    dict(name="A-PC3", mc="A", dir="I", shape=None, conn="W", seg="", dom=False, llfc="210", ac=(6000, 40000), n=90, pc=3, ssc="0393"),
    dict(name="A-PC4", mc="A", dir="I", shape=None, conn="W", seg="", dom=False, llfc="210", ac=(10000, 60000), n=35, pc=4, ssc="0151"),
    dict(name="B", mc="B", dir="I", shape=None, conn="W", seg="", dom=False, llfc="610", ac=(1000, 12000), n=25, pc=1, ssc="0428"),
]
KIND = {k["name"]: k for k in KINDS}
# SSC -> TPRs: 0393 single rate; 0151 Economy 7 (00206 night, 00210 day); 0428 dusk to dawn (illustrative codes)
SSC_TPRS = {"0393": ("00001",), "0151": ("00206", "00210"), "0428": ("00043",)}
CAP_KWH = {"C": 50000, "D": 500, "E": 100, "F": 100, "G": 100}


class Day:
    def __init__(self, date, folder, what, run_type):
        self.date = dt.date.fromisoformat(date)
        self.folder = folder
        self.what = what
        self.run_type = run_type


DAYS = [
    Day("2026-01-15", "2026-01-15_normal_winter_day", "a normal winter weekday (Thursday), 48 periods", "SF"),
    Day("2026-03-29", "2026-03-29_spring_clock_change", "the spring clock change (Sunday), 46 periods", "SF"),
    Day("2026-10-25", "2026-10-25_autumn_clock_change", "the autumn clock change (Sunday), 50 periods", "R1"),
]

# Sunrise and sunset, UTC hours (approximate, East of England), and seasonal factors per shape (daily energy as a
# multiple of annual / 365).
SUN = {"2026-01-15": (7.95, 16.35), "2026-03-29": (5.55, 18.45), "2026-10-25": (6.80, 16.70)}
SEASON = {
    "2026-01-15": {"domestic": 1.30, "business": 1.12, "lighting": 1.45, "solar": 0.40, "nhh": 1.30},
    "2026-03-29": {"domestic": 1.02, "business": 0.55, "lighting": 0.95, "solar": 1.00, "nhh": 1.00},
    "2026-10-25": {"domestic": 1.08, "business": 0.57, "lighting": 1.25, "solar": 0.55, "nhh": 1.05},
}

# ----------------------------------------------------------------------------------------------------------------
# Small helpers


def mpan_check_digit(twelve: str) -> int:
    return (sum(int(d) * p for d, p in zip(twelve, MPAN_WEIGHTS)) % 11) % 10


def make_mpan(short_code: str, body: int) -> str:
    twelve = short_code + f"{body:010d}"
    return twelve + str(mpan_check_digit(twelve))


def q(x, dp) -> Decimal:
    """x rounded HALF_UP to dp decimals."""
    return Decimal(repr(x) if isinstance(x, float) else x).quantize(Decimal(1).scaleb(-dp), rounding=ROUND_HALF_UP)


def kwh_text(wh: int) -> str:
    return f"{wh // 1000}.{wh % 1000:03d}" if wh >= 0 else "-" + kwh_text(-wh)


def iso_z(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def periods(day: dt.date):
    """[(period, UTC start, local hour of the midpoint, UTC hour of the midpoint)] for the day (domain.md §2)."""
    start = dt.datetime.combine(day, dt.time(), LONDON).astimezone(UTC)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), LONDON).astimezone(UTC)
    n = int((end - start).total_seconds() // 1800)
    out = []
    for k in range(1, n + 1):
        t = start + dt.timedelta(minutes=30 * (k - 1))
        mid = t + dt.timedelta(minutes=15)
        local = mid.astimezone(LONDON)
        out.append((k, t, local.hour + local.minute / 60, mid.hour + mid.minute / 60 + (24 if mid.date() > day else 0)))
    return out


# ----------------------------------------------------------------------------------------------------------------
# Load shapes (relative power, by local clock time; sun by UTC time)


def gauss(h, centre, width):
    return math.exp(-(((h - centre) / width) ** 2))


def domestic(h, sunday):
    morning = 8.8 if sunday else 7.4
    return (
        0.30
        + 0.35 * gauss(h, morning, 1.3)
        + (0.30 if sunday else 0.15) * gauss(h, 13.0, 3.0)
        + 0.95 * gauss(h, 18.2, 2.2)
        + 0.25 * gauss(h, 21.5, 1.5)
        - 0.08 * gauss(h, 4.0, 1.5)
    )


def business(h, sunday):
    if sunday:
        return 0.42 + 0.18 * gauss(h, 12.5, 3.0)
    rise = 1 / (1 + math.exp(-(h - 7.6) * 2.2))
    fall = 1 / (1 + math.exp((h - 18.0) * 1.8))
    return 0.38 + 0.75 * rise * fall + 0.05 * gauss(h, 12.5, 0.8)


def daylight(utc_h, sun):
    """Fraction of the half hour around utc_h in daylight."""
    rise, sett = sun
    a, b = utc_h - 0.25, utc_h + 0.25
    return max(0.0, min(b, sett) - max(a, rise)) / 0.5


def lighting(utc_h, sun):
    return 1.0 - daylight(utc_h, sun)


def solar(utc_h, sun):
    rise, sett = sun
    x = (utc_h - rise) / (sett - rise)
    return max(0.0, math.sin(math.pi * x)) ** 1.3 if 0 < x < 1 else 0.0


def e7_night(utc_h):
    """Economy 7 night register: 00:30-07:30 GMT (UTC) all year."""
    return 0.5 <= utc_h % 24 < 7.5


def shape_values(shape, day, plist):
    """Relative shape per period of the day, normalised so that the day's values sum to 1."""
    sunday = day.weekday() == 6
    sun = SUN[day.isoformat()]
    raw = []
    for _, _, local_h, utc_h in plist:
        if shape == "domestic":
            raw.append(domestic(local_h, sunday))
        elif shape == "business":
            raw.append(business(local_h, sunday))
        elif shape == "lighting":
            raw.append(lighting(utc_h, sun))
        elif shape == "solar":
            raw.append(solar(utc_h, sun))
        else:
            raise ValueError(shape)
    total = sum(raw)
    return [r / total for r in raw]


# ----------------------------------------------------------------------------------------------------------------
# The world: metering systems and their registrations (the same for all three days)


class System:
    def __init__(self, mpan, group, kind, supplier, unit, ac, energised):
        self.mpan = mpan
        self.group = group
        self.kind = kind
        self.supplier = supplier
        self.unit = unit  # registered BM unit id ('' = none)
        self.ac = ac  # annual consumption kWh, Decimal 1 dp or None
        self.energised = energised
        self.ranges = []  # [(supplier, unit, effective_from, effective_to)] registration rows
        self.note = ""

    @property
    def hh(self):
        return self.kind["mc"] in "CDEFG"

    def registration_on(self, day):
        for supplier, unit, start, end in self.ranges:
            if dt.date.fromisoformat(start) <= day and (not end or day <= dt.date.fromisoformat(end)):
                return supplier, unit
        return None


def default_unit(group, supplier):
    return f"2__{group.letter}{supplier}000"


def additional_unit(group, supplier):
    return f"2__{group.letter}{supplier}001"


def build_world(seed):
    rng = random.Random(f"{seed}:world")
    systems = []
    suppliers = [s[0] for s in SUPPLIERS]
    for group in GROUPS:
        here = [s for s in SUPPLIERS if group.id in SUPPLIER_GROUPS[s[0]]]
        weights = [s[3] for s in here]
        bodies = rng.sample(range(100_000_000, 9_999_999_999), sum(k["n"] for k in KINDS) + 50)
        bodies_iter = iter(bodies)
        for kind in KINDS:
            for i in range(kind["n"]):
                supplier = rng.choices(here, weights)[0]
                sid = supplier[0]
                unit = default_unit(group, sid)
                if group.id in supplier[4] and kind["mc"] in "CE" and rng.random() < 0.6:
                    unit = additional_unit(group, sid)  # the supplier's I&C unit
                lo, hi = kind["ac"]
                ac = q(math.exp(rng.uniform(math.log(lo), math.log(hi))), 1)
                s = System(make_mpan(group.short_code, next(bodies_iter)), group, kind, sid, unit, ac, True)
                start = dt.date(2019, 4, 1) + dt.timedelta(days=rng.randrange(0, 2400))
                s.ranges = [(sid, unit, min(start, dt.date(2025, 12, 31)).isoformat(), "")]
                systems.append(s)
        group_systems = [s for s in systems if s.group is group]
        hh = [s for s in group_systems if s.hh]
        rng.shuffle(hh)
        # de-energised HH systems: two F (one of them with values in SP10-12), two G, one E, one C; no values
        wanted = ["F", "F", "G", "G", "E", "C"]
        for s in hh:
            if s.kind["name"] in wanted and not s.note:
                wanted.remove(s.kind["name"])
                s.energised = False
                s.note = "de-energised, no values"
        first_f = next(s for s in hh if not s.energised and s.kind["name"] == "F")
        first_f.note = "de-energised, values in SP10-12 (DEENERGISED_CONSUMPTION)"
        live = [s for s in hh if s.energised and s.kind["dir"] == "I" and s.kind["mc"] in "G"]
        # HH systems without annual consumption: missing values defaulted by MARKET_DEFAULT
        for s in live[:3]:
            s.ac = None
            s.note = "no annual consumption (MARKET_DEFAULT)"
        # BM unit anomalies: empty, another group's unit, another supplier's unit -> BM_UNIT_DEFAULTED
        others = [g for g in GROUPS if g is not group]
        anomalies = [s for s in hh if s.energised and not s.note and s.kind["name"] == "F"][:3]
        anomalies += [s for s in group_systems if s.kind["name"] == "A-PC1"][:1]
        for i, s in enumerate(anomalies):
            if i == 1:
                s.unit = default_unit(others[0], s.supplier)
                s.note = f"BM unit of group {others[0].id} registered (BM_UNIT_DEFAULTED)"
            elif i == 2:
                other = next(x for x in suppliers if x != s.supplier and group.id in SUPPLIER_GROUPS[x])
                s.unit = default_unit(group, other)
                s.note = "another supplier's BM unit registered (BM_UNIT_DEFAULTED)"
            else:
                s.unit = ""
                s.note = "no BM unit registered (BM_UNIT_DEFAULTED)"
            s.ranges = [(s.supplier, s.unit, s.ranges[0][2], "")]
        # change of supplier on 2026-03-01 (between the winter and spring days) and on 2026-10-25 (the autumn day)
        plain = [s for s in group_systems if not s.note and s.energised]
        rng.shuffle(plain)
        for s, change in [(x, "2026-03-01") for x in plain[:25]] + [(x, "2026-10-25") for x in plain[25:40]]:
            new = rng.choice([x for x in suppliers if x != s.supplier and group.id in SUPPLIER_GROUPS[x]])
            new_unit = default_unit(group, new)
            end = (dt.date.fromisoformat(change) - dt.timedelta(days=1)).isoformat()
            s.ranges = [(s.supplier, s.unit, s.ranges[0][2], end), (new, new_unit, change, "")]
            s.note = f"change of supplier {s.supplier} -> {new} on {change}"
        # new connections from 2026-05-01 and disconnections after 2026-02-15
        for s in plain[40:52]:
            s.ranges = [(s.supplier, s.unit, "2026-05-01", "")]
            s.note = "connected 2026-05-01"
        for s in plain[52:60]:
            s.ranges = [(s.supplier, s.unit, s.ranges[0][2], "2026-02-15")]
            s.note = "disconnected after 2026-02-15"
    systems.sort(key=lambda s: s.mpan)
    return systems


def registration_rows(systems):
    rows = []
    for s in systems:
        k = s.kind
        for supplier, unit, start, end in s.ranges:
            rows.append(
                [
                    s.mpan,
                    supplier,
                    unit,
                    s.group.short_code,
                    s.group.mpid,
                    k["llfc"],
                    s.group.id,
                    k["mc"],
                    k["seg"],
                    k["conn"],
                    "true" if k["dom"] else "false",
                    "E" if s.energised else "D",
                    k["dir"],
                    "MHHS" if s.hh else "LEGACY",
                    "" if s.ac is None else str(s.ac),
                    str(k.get("pc", "")),
                    k.get("ssc", ""),
                    start,
                    end,
                ]
            )
    return rows


REGISTRATION_HEADER = (
    "mpan_core,supplier_participant_id,bm_unit_id,distributor_short_code,distributor_mpid,llfc,gsp_group_id,"
    "measurement_class,market_segment,connection_type,domestic,energisation,energy_direction,settlement_regime,"
    "annual_consumption_kwh,profile_class,ssc,effective_from,effective_to"
).split(",")

# ----------------------------------------------------------------------------------------------------------------
# One day


class Read:
    __slots__ = ("mpan", "period", "mq", "wh", "quality", "received", "file", "row", "bad")

    def __init__(self, mpan, period, mq, wh, quality, received, file=None):
        self.mpan, self.period, self.mq, self.wh, self.quality, self.received = mpan, period, mq, wh, quality, received
        self.file = file
        self.row = 0
        self.bad = False

    def csv_row(self, date):
        return [self.mpan, date.isoformat(), self.period, self.mq, kwh_text(self.wh), self.quality, iso_z(self.received)]


READ_HEADER = ["mpan", "settlement_date", "settlement_period", "measurement_quantity", "kwh", "quality", "received_at"]


def network_load(day, plist):
    """Relative network load 0..1 per period (for LLFs)."""
    d = shape_values("domestic", day, plist)
    b = shape_values("business", day, plist)
    mix = [0.6 * x + 0.4 * y for x, y in zip(d, b)]
    lo, hi = min(mix), max(mix)
    return [(m - lo) / (hi - lo) for m in mix]


def llf_values(day, plist):
    """(distributor MPID, LLFC) -> [LLF Decimal per period]."""
    load = network_load(day, plist)
    out = {}
    for group in GROUPS:
        for llfc, (_, base, uplift) in LLFCS.items():
            values = [q(base + group.llf_offset + uplift * Decimal(repr(x)), 3) for x in load]
            assert all(Decimal("1.02") <= v <= Decimal("1.12") for v in values), (llfc, values)
            out[(group.mpid, llfc)] = values
    return out


def coefficient_rows(day, plist):
    """(profile class, SSC) -> {TPR: [coefficient Decimal per period]}: fractions of the annual consumption."""
    season = SEASON[day.isoformat()]["nhh"]
    sunday = day.weekday() == 6
    sun = SUN[day.isoformat()]
    out = {}
    for pc, ssc, kind in [(1, "0393", "domestic"), (2, "0151", "domestic"), (3, "0393", "business"),
                          (4, "0151", "business"), (1, "0428", "lighting")]:
        n = len(plist)
        if kind == "lighting":
            raw = [lighting(u, sun) for _, _, _, u in plist]
            day_share = SEASON[day.isoformat()]["lighting"]
        else:
            f = domestic if kind == "domestic" else business
            raw = [f(h, sunday) for _, _, h, _ in plist]
            day_share = season if kind == "domestic" else SEASON[day.isoformat()]["business"] * 1.1
        tprs = {}
        if ssc == "0151":
            # Economy 7: heating and water on the night register (half of the consumption), the rest by day
            night = [e7_night(u) for _, _, _, u in plist]
            night_n = sum(night)
            day_raw = [r if not ni else 0.0 for r, ni in zip(raw, night)]
            day_sum = sum(day_raw)
            tprs["00206"] = [(0.5 / night_n if ni else 0.0) for ni in night]
            tprs["00210"] = [0.5 * r / day_sum for r in day_raw]
        else:
            total = sum(raw)
            tprs[SSC_TPRS[ssc][0]] = [r / total for r in raw]
        for tpr, shares in tprs.items():
            tprs[tpr] = [q(x * day_share / 365, 10) for x in shares]
            assert len(tprs[tpr]) == n
        out[(pc, ssc)] = tprs
    return out


def generate_day(seed, day_cfg, systems, out_dir, scenario_root):
    day = day_cfg.date
    rng = random.Random(f"{seed}:{day.isoformat()}")
    plist = periods(day)
    n = len(plist)
    start = plist[0][1]
    day_end = start + dt.timedelta(minutes=30 * n)
    folder = os.path.join(out_dir, day_cfg.folder)
    if os.path.exists(folder):
        shutil.rmtree(folder)
    ref = os.path.join(folder, "reference")
    meter = os.path.join(folder, "meter-data")
    os.makedirs(ref)
    os.makedirs(meter)

    shapes = {k: shape_values(k, day, plist) for k in ("domestic", "business", "lighting", "solar")}
    season = SEASON[day.isoformat()]
    llfs = llf_values(day, plist)
    coefficients = coefficient_rows(day, plist)
    cutoff, run_date = data_cutoff(day, day_cfg.run_type)

    in_force = []
    for s in systems:
        reg = s.registration_on(day)
        if reg:
            in_force.append((s, reg))

    # ---- HH values: true values, then submitted estimates, missing periods, data services
    service_of = {}
    reads = []
    truth = {}  # (mpan, period) -> Wh, the value a meter would have measured
    for s, _ in in_force:
        if not s.hh:
            continue
        service_of[s.mpan] = rng.randrange(len(DATA_SERVICES))
        kind = s.kind
        daily_kwh = float(s.ac if s.ac is not None else Decimal(sum(kind["ac"]) / 2)) / 365 * season[kind["shape"]]
        level = rng.uniform(0.85, 1.15)
        values = []
        for j in range(n):
            noise = rng.uniform(0.88, 1.12) if kind["shape"] != "lighting" else rng.uniform(0.97, 1.03)
            v = daily_kwh * level * shapes[kind["shape"]][j] * noise
            wh = int(round(v * 1000))
            assert 0 <= wh <= CAP_KWH[kind["mc"]] * 1000, (s.mpan, wh)
            values.append(wh)
        for j, wh in enumerate(values, 1):
            truth[(s.mpan, j)] = wh
        if not s.energised:
            continue
        # outages: missing runs (about 1 %) and submitted-estimate runs (about 3 %, 5 % before revision on R1)
        status = ["A"] * n
        if rng.random() < 0.1:
            length = rng.randint(2, 8)
            first = rng.randrange(0, n - length + 1)
            for j in range(first, first + length):
                status[j] = "M"
        estimate_share = 0.05 if day_cfg.run_type == "R1" else 0.03
        if rng.random() < estimate_share * 48 / 10:
            length = rng.randint(6, 14)
            first = rng.randrange(0, n - length + 1)
            for j in range(first, first + length):
                if status[j] == "A":
                    status[j] = "E"
        for j, (wh, st) in enumerate(zip(values, status), 1):
            if st == "M":
                continue
            if st == "E":
                wh = int(round(wh * rng.uniform(0.8, 1.2)))
            reads.append(Read(s.mpan, j, "AI" if kind["dir"] == "I" else "AE", wh, st, None))
    # the MPANs without annual consumption get a gap each (MARKET_DEFAULT), and stay gap-free otherwise
    by_mpan = {}
    for r in reads:
        by_mpan.setdefault(r.mpan, []).append(r)
    for s, _ in in_force:
        if s.hh and s.ac is None and s.energised:
            rows = by_mpan[s.mpan]
            gap = {j for j in range(30, 33)} if n >= 33 else set()
            keep = [r for r in rows if r.period not in gap]
            by_mpan[s.mpan] = keep
    # a de-energised system with values in three periods (DEENERGISED_CONSUMPTION)
    for s, _ in in_force:
        if "DEENERGISED_CONSUMPTION" in s.note:
            by_mpan[s.mpan] = [Read(s.mpan, j, "AI", truth[(s.mpan, j)], "A", None) for j in (10, 11, 12)]
    reads = [r for mpan in sorted(by_mpan) for r in by_mpan[mpan]]

    # ---- the bad file (designed first: it takes one regular row away, see bad_file)
    bad, bad_rows = bad_file(n, in_force, reads, truth, day_end + BAD_FILE_DELAY)
    bad_mpans = {r.mpan for r in bad}

    # received times per data service file
    files = []
    for idx, (pid, _, _, delay) in enumerate(DATA_SERVICES):
        name = f"meter_reads_{idx + 1}"
        received = day_end + delay  # the morning after the day after the settlement day
        mine = [r for r in reads if service_of[r.mpan] == idx]
        for r in mine:
            r.received = received
            r.file = name
        files.append((name, pid, mine))
    # R1: a later delivery with actuals for most submitted estimates and a few re-read corrections
    if day_cfg.run_type == "R1":
        revised = []
        estimates = [r for r in reads if r.quality == "E" and r.mpan not in bad_mpans]
        with_estimates = sorted({r.mpan for r in estimates})
        mpans = set(rng.sample(with_estimates, int(len(with_estimates) * 0.45)))
        for r in estimates:
            if r.mpan in mpans:
                revised.append(Read(r.mpan, r.period, r.mq, truth[(r.mpan, r.period)], "A", None))
        actuals = [r for r in reads if r.quality == "A" and r.mq == "AI" and r.mpan not in bad_mpans]
        for i in sorted(rng.sample(range(len(actuals)), 40)):
            r = actuals[i]
            revised.append(Read(r.mpan, r.period, r.mq, int(round(r.wh * rng.uniform(0.9, 1.1))), "A", None))
        revised.sort(key=lambda r: (r.mpan, r.period))
        received = day_end + REVISION_DELAY
        for r in revised:
            r.received = received
            r.file = "meter_reads_4"
        files.append(("meter_reads_4", DATA_SERVICES[0][0], revised))

    files.append(("meter_reads_bad", "TALY", bad))
    for name, _, rows in files:
        for i, r in enumerate(rows, 1):
            r.row = i
            r.file = name

    # ---- what the run should see, for the takes and the README counts
    selected = select(files, cutoff)
    # approximate uncorrected total and correctable volume per group and period, MWh (for the takes only)
    approx = {(g.id, j): [0.0, 0.0] for g in GROUPS for j in range(1, n + 1)}
    defaults = approximate_defaults(in_force, selected, n)
    for s, _ in in_force:
        llf = llfs[(s.group.mpid, s.kind["llfc"])]
        sign = 1 if s.kind["dir"] == "I" else -1
        for j in range(1, n + 1):
            if s.hh:
                if (s.mpan, j) in selected:
                    wh, quality = selected[(s.mpan, j)]
                    weighted = quality == "E"
                elif s.energised:
                    wh, weighted = defaults[(s.mpan, j)], True
                else:
                    wh, weighted = 0, False
            else:
                tprs = coefficients[(s.kind["pc"], s.kind["ssc"])]
                wh = float(s.ac) * float(sum(t[j - 1] for t in tprs.values())) * 1000
                weighted = True
            mwh = sign * wh * float(llf[j - 1]) / 1e6
            approx[(s.group.id, j)][0] += mwh
            if weighted:
                approx[(s.group.id, j)][1] += mwh

    takes = {}
    for g in GROUPS:
        phase = rng.uniform(0, 2 * math.pi)
        for j in range(1, n + 1):
            t, d = approx[(g.id, j)]
            lam = 0.045 * math.sin(2 * math.pi * j / n + phase) + 0.015 + rng.uniform(-0.01, 0.01)
            flag = "F"
            if day_cfg.folder.startswith("2026-01-15") and g.id == "_B" and j in (35, 36):
                lam = 0.14  # a factor above the band: CF_OUT_OF_RANGE
            if day_cfg.folder.startswith("2026-03-29") and g.id == "_A" and j in (1, 2):
                flag = "T"  # CDCA estimate: TAKE_ESTIMATED
            take = q(t + lam * d, 4)
            assert abs(float(take) / t - 1) <= 0.03, (g.id, j, take, t)
            takes[(g.id, j)] = (take, flag)

    # ---- write reference files
    write_reference(ref, day, n, day_cfg, systems, llfs, coefficients, takes, run_date)
    for name, _, rows in files:
        write_csv(os.path.join(meter, name + ".csv"), READ_HEADER, [r.csv_row(day) for r in rows])
    with open(os.path.join(folder, "run.properties"), "w", encoding="utf-8") as f:
        f.write(
            f"# The settlement run whose expected outputs are in expected/ (see README.md)\n"
            f"settlement_date={day.isoformat()}\nrun_type={day_cfg.run_type}\nrun_number=1\n"
            f"data_cutoff={iso_z(cutoff)}\ngsp_groups={','.join(g.id for g in GROUPS)}\n"
        )

    # ---- oracle per group, expected outputs
    expected = os.path.join(folder, "expected")
    unassigned = [r for r in bad if not any(s.mpan == r.mpan for s, _ in in_force)]
    summaries = {}
    for g in GROUPS:
        scenario = os.path.join(scenario_root, day_cfg.folder, g.id)
        os.makedirs(os.path.join(scenario, "when"))
        mine = {s.mpan for s, _ in in_force if s.group is g}
        rows = [r for _, _, rs in files for r in rs if r.mpan in mine or r in unassigned]
        build_scenario(scenario, ref, g, day, day_cfg, cutoff, rows)
        oracle(scenario)
        summaries[g.id] = write_expected(scenario, os.path.join(expected, g.id), unassigned, bad_rows, g)
    write_unassigned(os.path.join(expected, "unassigned"), unassigned, bad_rows)

    counts = day_counts(n, in_force, files, selected)
    write_day_readme(folder, day_cfg, n, plist, cutoff, run_date, counts, bad, bad_rows, summaries, seed)
    return {"n": n, "cutoff": cutoff, "run_date": run_date, "counts": counts, "summaries": summaries}


def select(files, cutoff):
    """(mpan, period) -> (Wh, quality) of the valid rows as the run selects them (actual beats estimate, latest)."""
    best = {}
    for _, _, rows in files:
        for r in rows:
            if r.received > cutoff or r.wh < 0 or r.quality not in ("A", "E") or r.bad:
                continue
            key = (r.mpan, r.period)
            rank = (r.quality == "A", r.received)
            if key not in best or rank > best[key][0]:
                best[key] = (rank, r.wh, r.quality)
    return {k: (v[1], v[2]) for k, v in best.items()}


def approximate_defaults(in_force, selected, n):
    """(mpan, period) -> Wh (float) for the missing values of energised HH systems, as LOAD_SHAPE_ANNUAL or
    MARKET_DEFAULT would default them (domain.md §5, load shape computed from the selected actuals of the group's
    category); only to aim the takes, so floating point is enough."""
    hh_default = {r["measurement_class"]: float(r["eac_kwh"]) for r in read_csv(os.path.join(SHIPPED, "hh_default_eac.csv"))}

    def category(s):
        k = s.kind
        return (s.group.id, k["conn"], k["seg"], k["dom"], k["dir"])

    sums = {}
    for s, _ in in_force:
        if not s.hh:
            continue
        for j in range(1, n + 1):
            v = selected.get((s.mpan, j))
            if v and v[1] == "A":
                acc = sums.setdefault((category(s), j), [0.0, 0])
                acc[0] += v[0]
                acc[1] += 1
    shape = {key: total / count for key, (total, count) in sums.items()}
    out = {}
    for s, _ in in_force:
        if not (s.hh and s.energised):
            continue
        cat = category(s)
        annual_total = 365 * sum(shape.get((cat, j), 0.0) for j in range(1, n + 1))
        ac = float(s.ac) if s.ac is not None else hh_default[s.kind["mc"]]
        for j in range(1, n + 1):
            if (s.mpan, j) not in selected:
                out[(s.mpan, j)] = ac * 1000 * shape.get((cat, j), 0.0) / annual_total
    return out


def bad_file(n, in_force, reads, truth, received):
    """The rows of meter_reads_bad.csv and, per row, (what is wrong, expected reason or '', group, outcome)."""
    hh = {s.mpan: s for s, _ in in_force if s.hh and s.energised and not s.note}
    read_keys = {(r.mpan, r.period): r for r in reads}
    by_group = {g.id: sorted(m for m, s in hh.items() if s.group is g and s.kind["dir"] == "I") for g in GROUPS}
    registered = {s.mpan for s, _ in in_force}
    out, notes = [], []

    def add(mpan, period, mq, wh, quality, what, reason, group, outcome, bad=True):
        r = Read(mpan, period, mq, wh, quality, received, "meter_reads_bad")
        r.bad = bad
        out.append(r)
        notes.append((what, reason, group, outcome))

    a = [m for m in by_group["_A"] if hh[m].kind["name"] == "F"]
    b = [m for m in by_group["_B"] if hh[m].kind["name"] in ("F", "G")]
    # 1. bad check digit
    m = a[3]
    wrong = m[:12] + str((int(m[12]) + 3) % 10)
    add(wrong, 20, "AI", truth[(m, 20)], "A", f"check digit of {m} mistyped", "BAD_MPAN", "", "quarantined")
    # 2. unknown MPAN (valid check digit, registered nowhere)
    body = 4242424242
    while make_mpan("10", body) in registered:
        body += 1
    add(make_mpan("10", body), 20, "AI", 350, "A", "valid MPAN registered nowhere", "UNKNOWN_MPAN", "",
        "quarantined")
    # 3. a period after the last one of the day
    m = a[7]
    add(m, n + 1, "AI", 412, "A", f"period {n + 1} on a {n}-period day", "BAD_PERIOD", "_A", "quarantined")
    # 4. negative import in a period with no other value: quarantined, then defaulted (Q + E)
    candidates = [x for x in a if (x, 17) in read_keys and read_keys[(x, 17)].quality == "A"]
    m = candidates[11]
    reads.remove(read_keys[(m, 17)])  # the data service sent nothing for SP17 in its regular file
    add(m, 17, "AI", -1234, "A", "negative import (a magnitude cannot be negative)", "NEGATIVE", "_A",
        "quarantined; SP17 has no other value, so it is defaulted (LOAD_SHAPE_ANNUAL)")
    # 5, 6. the same actual twice, for a period the regular file had as a submitted estimate
    est = [r for r in reads if r.mpan in b and r.quality == "E"]
    r = est[len(est) // 2]
    value = truth[(r.mpan, r.period)]
    for copy in (1, 2):
        add(r.mpan, r.period, r.mq, value, "A", f"duplicate row (copy {copy} of 2): a late actual for SP{r.period}",
            "", "_B", "used once: the actual replaces the submitted estimate; the other copy and the estimate are "
            "superseded (not quarantined)", bad=False)
    # 7. export quantity for an import-only MPAN
    m = b[5]
    add(m, 30, "AE", 800, "A", "AE (export) on an import MPAN", "WRONG_MQ", "_B", "quarantined")
    # 8. quality code other than A/E
    m = next(x for x in b[9:] if (x, 31) in read_keys)
    add(m, 31, "AI", read_keys[(m, 31)].wh, "X", "quality 'X'", "BAD_VALUE", "_B",
        "quarantined; the regular value stands")
    # 9. far above the class cap (100 kWh per period for classes E, F, G)
    m = next(x for x in b if hh[x].kind["name"] == "F" and (x, 36) in read_keys)
    add(m, 36, "AI", 250000, "A", "250 kWh in half an hour at a domestic site", "OUT_OF_RANGE", "_B",
        "quarantined; the regular value stands")
    return out, list(zip(out, notes))


def data_cutoff(day, run_type):
    """(cut-off instant, planned run date): legacy timetable WD+16 (SF) / WD+39 (R1), the cut-off at the end of the
    last working day before the run date (the project's TimetableRules assumption)."""
    holidays = {dt.date.fromisoformat(r["date"]) for r in read_csv(os.path.join(SHIPPED, "bank_holidays_england_wales.csv"))}

    def working(d):
        return d.weekday() < 5 and d not in holidays

    wd = {"SF": 16, "R1": 39}[run_type]
    d, count = day, 0
    while count < wd:
        d += dt.timedelta(days=1)
        if working(d):
            count += 1
    run_date = d
    last = run_date - dt.timedelta(days=1)
    while not working(last):
        last -= dt.timedelta(days=1)
    cutoff = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), LONDON).astimezone(UTC)
    return cutoff, run_date


# ----------------------------------------------------------------------------------------------------------------
# Writing reference files, scenarios and expected outputs


def write_reference(ref, day, n, day_cfg, systems, llfs, coefficients, takes, run_date):
    for name in ("gsp_groups.csv", "ccc.csv", "scaling_weights.csv", "hh_default_eac.csv"):
        shutil.copyfile(os.path.join(SHIPPED, name), os.path.join(ref, name))
    parties = []
    for sid, party, name, _, _ in SUPPLIERS:
        parties.append([party, sid, "X", name, FAR_PAST, ""])
    for g in GROUPS:
        parties.append([g.mpid + "DNO", g.mpid, "R", f"{g.mpid} distribution network (fictional party)", FAR_PAST, ""])
    for pid, party, name, _ in DATA_SERVICES:
        parties.append([party, pid, "A", name, FAR_PAST, ""])
    write_csv(os.path.join(ref, "bsc_parties.csv"), ["party_id", "participant_id", "role_code", "name",
                                                     "effective_from", "effective_to"], parties)
    units = []
    party_of = {s[0]: s[1] for s in SUPPLIERS}
    for g in GROUPS:
        for sid, party, _, _, extra in SUPPLIERS:
            units.append([default_unit(g, sid), sid, party_of[sid], g.id, "G", "true", FAR_PAST, ""])
            if g.id in extra:
                units.append([additional_unit(g, sid), sid, party_of[sid], g.id, "S", "false", "2021-10-01", ""])
    units.sort()
    write_csv(os.path.join(ref, "bm_units.csv"), ["bm_unit_id", "supplier_participant_id", "lead_party_id",
                                                  "gsp_group_id", "bm_unit_type", "default_flag", "effective_from",
                                                  "effective_to"], units)
    write_csv(os.path.join(ref, "registrations.csv"), REGISTRATION_HEADER, registration_rows(systems))
    rows = []
    for g in GROUPS:
        for (pc, ssc), tprs in sorted(coefficients.items()):
            for tpr in sorted(tprs):
                for j, c in enumerate(tprs[tpr], 1):
                    rows.append([g.id, pc, ssc, tpr, day.isoformat(), j, f"{c:.10f}"])
    write_csv(os.path.join(ref, "profile_coefficients.csv"), ["gsp_group_id", "profile_class", "ssc", "tpr",
                                                              "settlement_date", "settlement_period", "coefficient"],
              rows)
    ymd = day.strftime("%Y%m%d")
    for g in GROUPS:
        lines = []
        lines.append(f"DIS|{g.mpid}")
        for llfc in sorted(LLFCS):
            lines.append(f"LLF|{llfc}")
            lines.append(f"SDT|{ymd}")
            for j, v in enumerate(llfs[(g.mpid, llfc)], 1):
                lines.append(f"SPL|{j}|{v}")
        created = dt.datetime.combine(day - dt.timedelta(days=40), dt.time(9, 30)).strftime("%Y%m%d%H%M%S")
        text = [f"ZHD||D0265001|R|{g.mpid}|G|CAPG|{created}||||OPER"] + lines + [f"ZPT|{len(lines)}|0"]
        with open(os.path.join(ref, f"LLF{g.mpid}{ymd}PTF1.D0265"), "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(text) + "\n")
    cdca_run = {"SF": 2, "R1": 3}[day_cfg.run_type]
    aggregation = (run_date - dt.timedelta(days=2)).strftime("%Y%m%d")
    lines = []
    for g in GROUPS:
        lines.append(f"AGV|{g.id}|{ymd}|{day_cfg.run_type}|{cdca_run}|{aggregation}|")
        for j in range(1, n + 1):
            take, flag = takes[(g.id, j)]
            lines.append(f"AGP|{j}|{flag}|I|{take}|")
    with open(os.path.join(ref, f"CDCA-I029_{ymd}_{day_cfg.run_type}.I029"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")


def build_scenario(scenario, ref, g, day, day_cfg, cutoff, rows):
    when = os.path.join(scenario, "when")
    for name in sorted(os.listdir(ref)):
        target = "take.I029" if name.endswith(".I029") else name
        shutil.copyfile(os.path.join(ref, name), os.path.join(when, target))
    with open(os.path.join(when, "run.properties"), "w", encoding="utf-8") as f:
        f.write(
            f"settlement_date={day.isoformat()}\nrun_type={day_cfg.run_type}\nrun_number=1\n"
            f"gsp_group={g.id}\ndata_cutoff={iso_z(cutoff)}\n"
        )
    write_csv(os.path.join(when, "meter_reads.csv"), READ_HEADER, [r.csv_row(day) for r in rows])
    # line number of meter_reads.csv (header = line 1) -> file and row number in that file
    write_csv(os.path.join(scenario, "row_map.csv"), ["line", "file", "row_number"],
              [[i, r.file, r.row] for i, r in enumerate(rows, 2)])


def oracle(scenario):
    subprocess.run([sys.executable, ORACLE, scenario], check=True, stdout=subprocess.DEVNULL)
    then = os.path.join(scenario, "then")
    if os.path.exists(os.path.join(then, "failure.txt")):
        with open(os.path.join(then, "failure.txt"), encoding="utf-8") as f:
            raise SystemExit(f"the oracle says the run of {scenario} fails:\n{f.read()}")


QUARANTINE_HEADER = ["file", "row_number", "mpan", "settlement_period", "reason"]


def write_expected(scenario, target, unassigned, bad_rows, g):
    """Copies the oracle's tables; quarantine rows get their file and row number (and are checked against the
    bad-file design); returns a summary for the README."""
    os.makedirs(target)
    then = os.path.join(scenario, "then")
    # the oracle's tables, rows in key order: (supplier, BM unit, CCC, period), (supplier, BM unit, period),
    # (period, factor type), (code, MPAN, period)
    keys = {
        "supplier_volume.csv": lambda r: (r[0], r[1], int(r[2]), int(r[3])),
        "bm_unit_volume.csv": lambda r: (r[0], r[1], int(r[2])),
        "gsp_group_correction.csv": lambda r: (int(r[0]), r[1]),
        "calculation_issues.csv": lambda r: (r[0], r[1], int(r[2])),
    }
    for name, key in keys.items():
        with open(os.path.join(then, name), newline="", encoding="utf-8") as f:
            table = list(csv.reader(f))
        write_csv(os.path.join(target, name), table[0], sorted(table[1:], key=key))
    oracle_rows = sorted((r["mpan"], int(r["settlement_period"]), r["reason"])
                         for r in read_csv(os.path.join(then, "quarantine.csv")))
    designed = []
    for r, (_, reason, group, _) in bad_rows:
        if reason and (group == g.id or r in unassigned):
            designed.append((r.mpan, r.period, reason, r))
    if sorted(d[:3] for d in designed) != oracle_rows:
        raise SystemExit(f"{scenario}: the oracle's quarantine {oracle_rows} differs from the design "
                         f"{sorted(d[:3] for d in designed)}")
    rows = [[r.file, r.row, m, p, reason] for m, p, reason, r in designed if r not in unassigned]
    write_csv(os.path.join(target, "quarantine.csv"), QUARANTINE_HEADER, sorted(rows, key=lambda x: (x[0], x[1])))
    correction = read_csv(os.path.join(then, "gsp_group_correction.csv"))
    issues = read_csv(os.path.join(then, "calculation_issues.csv"))
    units = read_csv(os.path.join(then, "bm_unit_volume.csv"))
    gcf = [Decimal(r["gcf"]) for r in correction]
    codes = {}
    for i in issues:
        codes[i["code"]] = codes.get(i["code"], 0) + 1
    return {
        "gcf_min": min(gcf),
        "gcf_max": max(gcf),
        "take_mwh": sum(Decimal(r["gsp_group_take_mwh"]) for r in correction),
        "uncorrected_mwh": sum(Decimal(r["uncorrected_total_mwh"]) for r in correction),
        "issues": codes,
        "supplier_rows": len(read_csv(os.path.join(then, "supplier_volume.csv"))),
        "unit_rows": len(units),
        "units": len({r["bm_unit_id"] for r in units}),
    }


def write_unassigned(target, unassigned, bad_rows):
    os.makedirs(target)
    reason = {id(r): n[1] for r, n in bad_rows}
    rows = [[r.file, r.row, r.mpan, r.period, reason[id(r)]] for r in unassigned]
    write_csv(os.path.join(target, "quarantine.csv"), QUARANTINE_HEADER, rows)


# ----------------------------------------------------------------------------------------------------------------
# README


def day_counts(n, in_force, files, selected):
    c = {"groups": {}}
    for g in GROUPS:
        gs = [(s, reg) for s, reg in in_force if s.group is g]
        kinds = {}
        for s, _ in gs:
            kinds[s.kind["name"]] = kinds.get(s.kind["name"], 0) + 1
        hh_live = [s for s, _ in gs if s.hh and s.energised]
        values = {"A": 0, "E": 0, "missing": 0}
        for s in hh_live:
            for j in range(1, n + 1):
                if (s.mpan, j) in selected:
                    values[selected[(s.mpan, j)][1]] += 1
                else:
                    values["missing"] += 1
        c["groups"][g.id] = {
            "systems": len(gs),
            "kinds": kinds,
            "deenergised": sum(1 for s, _ in gs if s.hh and not s.energised),
            "suppliers": len({reg[0] for _, reg in gs}),
            "values": values,
            "hh_live": len(hh_live),
            "notes": sorted((s.mpan, s.note) for s, _ in gs if s.note and "change of supplier" not in s.note
                            and "connected" not in s.note),
            "changes": sum(1 for s, _ in gs if "change of supplier" in s.note),
        }
    c["files"] = [(name, pid, len(rows), rows[0].received if rows else None) for name, pid, rows in files]
    return c


KIND_TEXT = {
    "F": "HH import, class F (domestic, smart, whole current), LLFC 110",
    "G": "HH import, class G (small non-domestic, whole current), LLFC 210",
    "E": "HH import, class E (below 100 kW, CT), LLFC 310",
    "C": "HH import, class C (100 kW premises, HV), LLFC 510",
    "D": "HH unmetered, class D (street lighting), LLFC 610",
    "F-export": "HH export, class F (domestic solar), LLFC 810",
    "C-export": "HH export, class C (solar farm, HV), LLFC 850",
    "A-PC1": "NHH profiled, class A, PC1 / SSC 0393 (TPR 00001), LLFC 110",
    "A-PC2": "NHH profiled, class A, PC2 / SSC 0151 (TPRs 00206 night, 00210 day), LLFC 120",
    "A-PC3": "NHH profiled, class A, PC3 / SSC 0393, LLFC 210",
    "A-PC4": "NHH profiled, class A, PC4 / SSC 0151, LLFC 210",
    "B": "NHH unmetered, class B, PC1 / SSC 0428 (TPR 00043, dusk to dawn), LLFC 610",
}


def write_day_readme(folder, day_cfg, n, plist, cutoff, run_date, counts, bad, bad_rows, summaries, seed):
    day = day_cfg.date
    out = io.StringIO()
    w = out.write
    first, last = plist[0][1], plist[-1][1] + dt.timedelta(minutes=30)
    w(f"# Sample settlement day {day.isoformat()}: {day_cfg.what}\n\n")
    w("Generated by `scripts/sample-data/generate` (seed "
      f"{seed}); do not edit by hand. Index and conventions: `../README.md`.\n\n")
    w("## The run\n\n")
    w(f"* Settlement date {day.isoformat()} ({day.strftime('%A')}), {n} settlement periods: SP1 starts "
      f"{iso_z(first)}, SP{n} ends {iso_z(last)} (domain.md §2).\n")
    wd = {"SF": 16, "R1": 39}[day_cfg.run_type]
    w(f"* Run **{day_cfg.run_type}**, run number 1, planned on {run_date.isoformat()} (legacy timetable, WD+{wd}); "
      f"data cut-off **{iso_z(cutoff)}** (end of the last working day before the run date). `run.properties` says "
      "the same in `key=value` form.\n")
    w("* Configuration: the engine's defaults (`CalculationConfig.defaults()`): single correction factor, actual "
      "beats estimate, estimation methods LOAD_SHAPE_RECENT, LOAD_SHAPE_ANNUAL, PROFILE_COEFFICIENT, MARKET_DEFAULT "
      "with the load shape computed from the run's actuals, CF band [0.9, 1.1], R4 balancing to the take on.\n")
    w(f"* GSP groups {', '.join(g.id for g in GROUPS)}, distributors "
      f"{', '.join(f'{g.mpid} (short code {g.short_code})' for g in GROUPS)}.\n\n")
    w("## Inputs\n\n")
    w("`reference/` (formats: `reference-data/src/test/resources/scenarios/FORMAT.md` and the shipped files of "
      "`reference-data/src/main/resources/org/gbsettle/refdata/`):\n\n")
    w("| File | Contents |\n|---|---|\n")
    w("| `gsp_groups.csv`, `ccc.csv`, `scaling_weights.csv`, `hh_default_eac.csv` | copies of the shipped files "
      "(the 14 GSP groups; legacy CCCs; illustrative weights: 1 on NHH and HH estimates, 0 on HH actuals) |\n")
    w(f"| `bsc_parties.csv` | {len(SUPPLIERS)} suppliers (role X), {len(GROUPS)} distributors (R), "
      f"{len(DATA_SERVICES)} data services (A); all fictional |\n")
    w("| `bm_units.csv` | a default unit (type G) per supplier and group, additional units (type S, `…001`) for "
      "ALBA, CAST (both groups), BRYN (_A), EDEN (_B); JURA supplies in _A only, its _B default unit has no "
      "volume |\n")
    w("| `registrations.csv` | every metering system of the three sample days, with effective ranges (the same "
      "file in each day: changes of supplier on 2026-03-01 and 2026-10-25, connections from 2026-05-01, "
      "disconnections after 2026-02-15) |\n")
    w("| `profile_coefficients.csv` | the day's coefficients per group, profile class, SSC and TPR (illustrative) |\n")
    w(f"| `LLF<MPID>{day.strftime('%Y%m%d')}PTF1.D0265` | one D0265 file per distributor: 8 LLFCs, LLF 1.02-1.12 "
      "varying by period with the network load |\n")
    w(f"| `CDCA-I029_{day.strftime('%Y%m%d')}_{day_cfg.run_type}.I029` | the GSP group take of both groups, per "
      "period (MWh, 4 dp), within 3 % of the uncorrected total |\n\n")
    w("`meter-data/` (the Parquet contract of architecture.md §4: `mpan` BIGINT, `settlement_date` DATE, "
      "`settlement_period` INTEGER, `measurement_quantity` VARCHAR, `kwh` DECIMAL(12,3), `quality` VARCHAR, "
      "`received_at` TIMESTAMP, UTC):\n\n")
    w("| File | From | Rows | Received at | Contents |\n|---|---|---|---|---|\n")
    for name, pid, count, received in counts["files"]:
        what = {
            "meter_reads_bad": "the bad file (below)",
            "meter_reads_4": "revised values, received after the SF cut-off of the day "
                             f"({iso_z(data_cutoff(day, 'SF')[0])}) so only R1 and later runs see them: actuals "
                             "for the submitted estimates of about 45 % of the MPANs that had some, and 40 re-read "
                             "corrections of actuals (the latest actual wins)",
        }.get(name, "the data service's HH values, sorted by MPAN then period")
        w(f"| `{name}.parquet` | {pid} | {count:,} | {iso_z(received)} | {what} |\n")
    w("\n")
    w("### Metering systems in force on the day\n\n")
    w("| Kind | " + " | ".join(g.id for g in GROUPS) + " |\n|---|" + "---|" * len(GROUPS) + "\n")
    for k in KINDS:
        w(f"| {KIND_TEXT[k['name']]} | " + " | ".join(str(counts['groups'][g.id]['kinds'].get(k['name'], 0))
                                                   for g in GROUPS) + " |\n")
    w("| **Total** | " + " | ".join(f"**{counts['groups'][g.id]['systems']}**" for g in GROUPS) + " |\n")
    w("| of which HH de-energised | " + " | ".join(str(counts['groups'][g.id]['deenergised']) for g in GROUPS)
      + " |\n")
    w("| suppliers with metering systems | " + " | ".join(str(counts['groups'][g.id]['suppliers']) for g in GROUPS)
      + " |\n")
    w("| HH values used: actual | " + " | ".join(f"{counts['groups'][g.id]['values']['A']:,}" for g in GROUPS)
      + " |\n")
    w("| HH values used: submitted estimate | " + " | ".join(
        f"{counts['groups'][g.id]['values']['E']:,} "
        f"({100 * counts['groups'][g.id]['values']['E'] / (counts['groups'][g.id]['hh_live'] * n):.1f} %)"
        for g in GROUPS) + " |\n")
    w("| HH periods missing (defaulted) | " + " | ".join(
        f"{counts['groups'][g.id]['values']['missing']:,} "
        f"({100 * counts['groups'][g.id]['values']['missing'] / (counts['groups'][g.id]['hh_live'] * n):.1f} %)"
        for g in GROUPS) + " |\n\n")
    w("Values: realistic daily shapes by local clock time (domestic morning and evening peaks, business hours, "
      "weekday or Sunday), street lighting and solar by the sun (UTC), so the repeated hour of the long day and the "
      "missing hour of the short day show. Submitted estimates (quality E) come in runs of 6-14 periods, missing "
      "periods in runs of 2-8 (a communications outage); an energised HH system without a value is defaulted by "
      "LOAD_SHAPE_ANNUAL (its `annual_consumption_kwh` x the computed load shape of its category / the annual "
      "total), or by MARKET_DEFAULT when it has no annual consumption. NHH systems have no meter rows: the run "
      "shapes their EAC with the profile coefficients.\n\n")
    w("Special metering systems (MPAN, what):\n\n")
    for g in GROUPS:
        for mpan, note in counts["groups"][g.id]["notes"]:
            w(f"* {g.id} `{mpan}`: {note}\n")
    w("* " + ", ".join(f"{g.id}: {counts['groups'][g.id]['changes']}" for g in GROUPS)
      + " metering systems change supplier during the year (see `registrations.csv`).\n\n")
    w("### The bad file `meter-data/meter_reads_bad.parquet`\n\n")
    w("Received after the regular files; every row and what must happen to it:\n\n")
    w("| Row | MPAN | SP | MQ | kWh | Quality | What is wrong | Expected | Group |\n|---|---|---|---|---|---|---|---|---|\n")
    for r, (what, reason, group, outcome) in bad_rows:
        w(f"| {r.row} | `{r.mpan}` | {r.period} | {r.mq} | {kwh_text(r.wh)} | {r.quality} | {what} | "
          f"{('`' + reason + '`: ') if reason else ''}{outcome} | {group or 'none'} |\n")
    w("\nRows read = accepted + quarantined: " + f"{len(bad)} = {sum(1 for _, n_ in bad_rows if not n_[1])} + "
      f"{sum(1 for _, n_ in bad_rows if n_[1])}. The rows of an MPAN registered in no group on the day are in "
      "`expected/unassigned/quarantine.csv` (no group's run can own them); the others are in their group's "
      "`quarantine.csv`.\n\n")
    w("## Expected outputs\n\n")
    w("`expected/<group>/`: `supplier_volume.csv`, `bm_unit_volume.csv`, `gsp_group_correction.csv`, "
      "`calculation_issues.csv` in the columns of the engine's `ResultTables` (exact values in plain notation, "
      "published MWh with 4 dp, factors with 9 dp; `calculation_issues.csv` without the free-text `message`), and "
      "`quarantine.csv` (`file,row_number,mpan,settlement_period,reason`; `row_number` counts the file's rows from "
      "1). No `data_quality.csv`: the oracle does not compute data-quality counts (the table above gives the value "
      "counts).\n\n")
    w("| | " + " | ".join(g.id for g in GROUPS) + " |\n|---|" + "---|" * len(GROUPS) + "\n")
    w("| GSP group take, day (MWh) | " + " | ".join(f"{summaries[g.id]['take_mwh']:.4f}" for g in GROUPS) + " |\n")
    w("| uncorrected total, day (MWh) | " + " | ".join(
        f"{q(summaries[g.id]['uncorrected_mwh'], 4)}" for g in GROUPS) + " |\n")
    w("| correction factor, lowest / highest | " + " | ".join(
        f"{summaries[g.id]['gcf_min']} / {summaries[g.id]['gcf_max']}" for g in GROUPS) + " |\n")
    w("| supplier volume rows | " + " | ".join(f"{summaries[g.id]['supplier_rows']:,}" for g in GROUPS) + " |\n")
    w("| BM units (BM unit volume rows) | " + " | ".join(
        f"{summaries[g.id]['units']} ({summaries[g.id]['unit_rows']:,})" for g in GROUPS) + " |\n")
    w("| calculation issues | " + " | ".join(
        ", ".join(f"{k} {v}" for k, v in sorted(summaries[g.id]["issues"].items())) or "none" for g in GROUPS)
      + " |\n\n")
    w("How they were derived: the generator builds, for each group, a scenario folder in the golden-scenario format "
      "(`reference-data/src/test/resources/scenarios/FORMAT.md`): the day's reference files, a `run.properties` "
      "for the group, and one `meter_reads.csv` holding every row of every meter-data file whose MPAN is "
      "registered in the group on the day, plus the rows registered in no group. It runs the independent Python "
      "oracle (`scripts/oracle/settlement_oracle.py`, exact rational arithmetic from domain.md §2-8, written "
      "without reading the engine) on that folder and copies its `then/` tables here. Its quarantine is checked "
      "against the bad file's design (the table above) and given file names and row numbers. The Java engine "
      "plays no part; `scripts/sample-data/check_against_engine.py` compares the two afterwards.\n\n")
    w("Regenerate: `scripts/sample-data/generate` (same seed, same bytes).\n")
    with open(os.path.join(folder, "README.md"), "w", encoding="utf-8") as f:
        f.write(out.getvalue())


def write_index(out_dir, results, seed):
    out = io.StringIO()
    w = out.write
    w("# Sample settlement days\n\n")
    w("Small, complete settlement days to run end to end (issue 3, item 7): reference files, meter data as Parquet "
      "and the expected results, worked out independently of the engine. Generated by "
      f"`scripts/sample-data/generate` (seed {seed}); do not edit by hand.\n\n")
    w("| Folder | Settlement date | Periods | Run | Data cut-off | Metering systems (_A / _B) | Notable |\n")
    w("|---|---|---|---|---|---|---|\n")
    notable = {
        "2026-01-15_normal_winter_day": "Thursday; CF above the band in _B SP35-36 (`CF_OUT_OF_RANGE`)",
        "2026-03-29_spring_clock_change": "clocks forward: no local 01:00-02:00; estimated take in _A SP1-2 "
                                          "(`TAKE_ESTIMATED`)",
        "2026-10-25_autumn_clock_change": "clocks back: local 01:00-02:00 twice (SP3-6); R1 with a later file of "
                                          "revised values (superseded estimates)",
    }
    for d in DAYS:
        r = results[d.folder]
        systems = " / ".join(str(r["counts"]["groups"][g.id]["systems"]) for g in GROUPS)
        w(f"| [`{d.folder}`]({d.folder}/README.md) | {d.date.isoformat()} ({d.date.strftime('%a')}) | {r['n']} | "
          f"{d.run_type} 1 | {iso_z(r['cutoff'])} | {systems} | {notable[d.folder]} |\n")
    w("""
Each day has two GSP groups (`_A` Eastern, distributor EELC; `_B` East Midlands, EMEB), ten fictional suppliers
with a default BM unit per group (some with an additional unit), about 2,800 metering systems per group: HH import
(classes C, E, F, G), HH export (F, C), HH unmetered (D), a few de-energised, NHH profiled (class A, profile classes
1-4, SSCs 0393 and 0151) and NHH unmetered (class B); about 3 % submitted estimates and 1 % missing periods; and one
bad meter-data file. Each day's README lists the contents, every row of the bad file with its expected outcome, and
summary figures of the expected results.

## Layout of a day

```
<day>/README.md                  the case, counts, the bad file row by row, how the expected values were derived
<day>/run.properties             settlement_date, run_type, run_number, data_cutoff, gsp_groups
<day>/reference/                 reference files: gsp_groups.csv, ccc.csv, scaling_weights.csv, hh_default_eac.csv,
                                 bsc_parties.csv, bm_units.csv, registrations.csv, profile_coefficients.csv,
                                 LLF<MPID><YYYYMMDD>PTF1.D0265 (one per distributor), CDCA-I029_<YYYYMMDD>_<run>.I029
<day>/meter-data/                meter_reads_<n>.parquet (one per data service; on the R1 day also a later file of
                                 revised values) and meter_reads_bad.parquet
<day>/expected/<group>/          supplier_volume.csv, bm_unit_volume.csv, gsp_group_correction.csv,
                                 calculation_issues.csv, quarantine.csv
<day>/expected/unassigned/       quarantine.csv: bad rows whose MPAN is registered in no GSP group on the day
```

* **Reference files** are in the formats of the project's parsers (`reference-data`, see
  `reference-data/src/test/resources/scenarios/FORMAT.md`). `gsp_groups.csv`, `ccc.csv`, `scaling_weights.csv`
  and `hh_default_eac.csv` are copies of the shipped files. `bsc_parties.csv`, `bm_units.csv` and
  `registrations.csv` are identical in the three days (one market, effective-dated: changes of supplier on
  2026-03-01 and 2026-10-25, connections from 2026-05-01, disconnections after 2026-02-15), so the days can be
  loaded one after another into one database; LLFs, takes and profile coefficients are per day.
* **Meter data** follows the Parquet contract of architecture.md §4: `mpan` INT64, `settlement_date` DATE,
  `settlement_period` INT32, `measurement_quantity` UTF8, `kwh` DECIMAL(12,3) (INT64), `quality` UTF8,
  `received_at` TIMESTAMP (microseconds, not marked as adjusted to UTC; the values are UTC). Written by DuckDB
  (`jobs/src/test/java/org/gbsettle/jobs/sample/CsvToParquet.java`): OPTIONAL columns, Snappy, dictionary and
  plain encodings, row groups of 20,480 rows. Rows within a file are sorted by MPAN, then period (the bad file
  excepted).
* **Expected tables** have the columns of the engine's `ResultTables` (`org.gbsettle.engine.run.ResultTables`):
  exact values in plain notation without trailing zeros, published MWh with 4 dp, factors with 9 dp; rows in key
  order. `calculation_issues.csv` leaves out the free-text `message`. `quarantine.csv` is
  `file,row_number,mpan,settlement_period,reason`, `file` without extension, `row_number` counting the Parquet file's
  rows from 1. There is no `data_quality.csv`: the oracle does not compute data-quality counts; each day's README
  gives the counts of actual, estimated and missing values instead.
* **Rows registered in no group** (a mistyped check digit, an MPAN registered nowhere) cannot be given to a GSP
  group's run; they are listed once, in `expected/unassigned/quarantine.csv`. Every other bad row belongs to the
  group its MPAN is registered in.

## How the expected outputs were derived

`scripts/sample-data/generate_sample_days.py` builds, per day and group, a folder in the golden-scenario format
(the day's reference files, `run.properties` for the group, and a `meter_reads.csv` with every row of every
meter-data file whose MPAN is registered in the group, plus the unassigned rows) and runs the independent oracle
`scripts/oracle/settlement_oracle.py` on it (Python, exact rational arithmetic, written from domain.md alone). Its
`then/` tables become `expected/<group>/`; its quarantine is checked against the designed outcome of each bad row.
The Java engine plays no part in it.

Agreement with the engine is checked afterwards: `scripts/sample-data/generate --check-engine` runs the engine
(`ScenarioRunner`, as `scripts/run-scenario` does) on the same scenario folders and compares every table row by
row (`scripts/sample-data/check_against_engine.py`).

## Regenerate

```
scripts/sample-data/generate                  # rewrite sample-data/ (same seed, same bytes)
scripts/sample-data/generate --check-engine   # ... and compare the expected outputs with the engine
scripts/sample-data/generate --verify         # regenerate into a temporary folder and compare with sample-data/
```

Python 3.9+ (standard library), a JDK 17 and Maven (the Parquet converter runs from the `jobs` test classpath).
""")
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write(out.getvalue())


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--out", default=os.path.join(ROOT, "sample-data"))
    p.add_argument("--scenarios", help="keep the oracle's scenario folders here")
    p.add_argument("--days", help="comma-separated day folder names or dates (default: all)")
    a = p.parse_args(argv)
    days = DAYS
    if a.days:
        wanted = a.days.split(",")
        days = [d for d in DAYS if d.folder in wanted or d.date.isoformat() in wanted]
    systems = build_world(a.seed)
    os.makedirs(a.out, exist_ok=True)
    tmp = None
    scenario_root = a.scenarios
    if scenario_root is None:
        tmp = tempfile.mkdtemp(prefix="sample-days-")
        scenario_root = tmp
    try:
        results = {}
        for d in days:
            if os.path.exists(os.path.join(scenario_root, d.folder)):
                shutil.rmtree(os.path.join(scenario_root, d.folder))
            results[d.folder] = generate_day(a.seed, d, systems, a.out, scenario_root)
            print(f"{d.folder}: written", file=sys.stderr)
    finally:
        if tmp:
            shutil.rmtree(tmp)
    if len(days) == len(DAYS):
        write_index(a.out, results, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
