#!/usr/bin/env python3
"""Ranks the rows of a `preflight batch` CSV by what they trigger, one table per policy.

    scripts/rank-batch.py security.csv [--top 10]

Rows are ordered by rebuild count, then CPU-hours, then id; rows with an error (unknown package)
are counted, not ranked. Standard library only.
"""
import argparse
import csv
import sys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv")
    ap.add_argument("--top", type=int, default=10)
    a = ap.parse_args()
    with open(a.csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    errors = [r["id"] for r in rows if r.get("error")]
    for policy in sorted({r["policy"] for r in rows}):
        ok = [r for r in rows if r["policy"] == policy and not r.get("error")]
        ok.sort(key=lambda r: (-int(r["rebuildCount"]), -float(r["cpuHours"]), r["id"]))
        wide = sum(1 for r in ok if int(r["rebuildCount"]) > 1)
        print(f"{policy}: {len(ok)} updates, {wide} rebuild more than themselves")
        print(f"  {'source':<16} {'rebuilds':>8} {'CPU-hours':>9} {'makespan':>9}")
        for r in ok[: a.top]:
            name = r["changed"].strip('[]"')
            hours = float(r["makespanSeconds"]) / 3600
            print(f"  {name:<16} {int(r['rebuildCount']):>8,} {float(r['cpuHours']):>9.1f} {hours:>7.1f} h")
    if errors:
        print(f"not in the graph: {len(errors)} rows ({', '.join(errors[:4])}{', ...' if len(errors) > 4 else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
