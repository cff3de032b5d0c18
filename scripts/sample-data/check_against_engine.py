#!/usr/bin/env python3
"""Compares the expected outputs of the sample days with what the Java engine computes from the same inputs.

    check_against_engine.py --scenarios DIR --classpath CP [--sample-data DIR]

``--scenarios`` is the folder the generator kept with ``generate_sample_days.py --scenarios DIR``: one scenario
folder per day and GSP group (``<day>/<group>/when/`` and ``row_map.csv``). For each, the engine runs through
``org.gbsettle.refdata.scenario.ScenarioRunner`` (the machinery of ``scripts/run-scenario``) and every table of
``<sample-data>/<day>/expected/<group>/`` is compared with the engine's table projected onto the expected columns,
rows as sorted lists: supplier volumes, BM unit volumes and correction factors as text; calculation issues without
the free-text message; quarantine rows by file and row number (the engine's ``row_id`` is a line of the scenario's
``meter_reads.csv``, mapped back through ``row_map.csv``), the group's rows plus ``expected/unassigned/``.

Prints one line per table and, for a disagreement, the rows on either side. Exit code 0 when everything agrees, 1
otherwise. Never writes into sample-data/.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLES = ["supplier_volume.csv", "bm_unit_volume.csv", "gsp_group_correction.csv", "calculation_issues.csv"]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def project(path, columns):
    header, rows = read(path)
    idx = [header.index(c) for c in columns]
    return sorted(tuple(r[i] for i in idx) for r in rows)


def compare(label, expected, actual):
    if expected == actual:
        print(f"  {label}: agree ({len(expected)} rows)")
        return True
    e, a = set(expected), set(actual)
    print(f"  {label}: DISAGREE ({len(expected)} expected rows, {len(actual)} engine rows)")
    for r in sorted(e - a)[:10]:
        print(f"    expected only: {','.join(r)}")
    for r in sorted(a - e)[:10]:
        print(f"    engine only:   {','.join(r)}")
    if e == a:
        print("    (the same rows, different multiplicities)")
    return False


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scenarios", required=True)
    p.add_argument("--classpath", required=True)
    p.add_argument("--sample-data", default=os.path.join(ROOT, "sample-data"))
    a = p.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory(prefix="engine-out-") as out_root:
        for day in sorted(os.listdir(a.scenarios)):
            for group in sorted(os.listdir(os.path.join(a.scenarios, day))):
                scenario = os.path.join(a.scenarios, day, group)
                expected = os.path.join(a.sample_data, day, "expected", group)
                out = os.path.join(out_root, day, group)
                print(f"{day} {group}:")
                run = subprocess.run(
                    ["java", "-cp", a.classpath, "org.gbsettle.refdata.scenario.ScenarioRunner", scenario, "--out", out],
                    capture_output=True,
                    text=True,
                )
                if run.returncode != 0:
                    print(f"  the engine failed ({run.returncode}):\n{run.stderr}")
                    ok = False
                    continue
                for table in TABLES:
                    columns, _ = read(os.path.join(expected, table))
                    ok &= compare(table, project(os.path.join(expected, table), columns),
                                  project(os.path.join(out, table), columns))
                row_map = {r[0]: (r[1], r[2]) for r in read(os.path.join(scenario, "row_map.csv"))[1]}
                header, rows = read(os.path.join(out, "quarantine.csv"))
                i = {c: header.index(c) for c in header}
                actual = sorted(
                    row_map[r[i["row_id"]]] + (r[i["mpan"]], r[i["settlement_period"]], r[i["reason"]]) for r in rows
                )
                wanted = read(os.path.join(expected, "quarantine.csv"))[1]
                wanted += read(os.path.join(a.sample_data, day, "expected", "unassigned", "quarantine.csv"))[1]
                ok &= compare("quarantine.csv (+ unassigned)", sorted(tuple(r) for r in wanted), actual)
    print("ALL AGREE" if ok else "DISAGREEMENTS FOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
