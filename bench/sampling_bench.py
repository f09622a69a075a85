"""Precision and recall of the likely-complaint rule on the labelled demo data.

The demo generator, with `label_complaints=True` (putright/demo/labelled.py), marks which
service requests and informal complaints were really complaints; this script applies the
rule (putright/statistics/likely_complaint.py) to the closed ones, to all of them and to a
seeded random sample of them (what a complaints team would review), and prints
precision (flagged that were complaints) and recall (complaints that were flagged).

The labels and wordings are synthetic, so the figures describe the rule on the demo's mix,
not on a real council's records. Demo contacts carry no person, so the repeat-contact
signal is not exercised here: only the word and dissatisfaction signals are measured.

Usage:

    PYTHONPATH=. python bench/sampling_bench.py [--records 20000] [--seed 2026]
        [--sample 500] [--sample-seed bench] [--today 2026-12-01] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.config.settings.test")


def measure(rows: list[dict[str, str]]) -> dict[str, object]:
    from putright.statistics.likely_complaint import is_likely_complaint

    tp = fp = fn = tn = 0
    for row in rows:
        flagged = is_likely_complaint(row["summary"])
        really = row["really_complaint"] == "1"
        tp += flagged and really
        fp += flagged and not really
        fn += really and not flagged
        tn += not flagged and not really
    return {
        "contacts": len(rows),
        "really_complaints": tp + fn,
        "flagged": tp + fp,
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "true_negatives": tn,
        "precision_percent": round(100 * tp / (tp + fp), 1) if tp + fp else None,
        "recall_percent": round(100 * tp / (tp + fn), 1) if tp + fn else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--sample-seed", default="bench")
    parser.add_argument("--today", default="2026-12-01")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from putright.demo.generator import DemoGenerator
    from putright.demo.labelled import LABELLED_KINDS

    generator = DemoGenerator(
        args.records,
        args.seed,
        dt.date.fromisoformat(args.today),
        label_complaints=True,
    )
    closed = [
        row
        for row in generator.contacts()
        if row["kind"] in LABELLED_KINDS and row.get("responded")
    ]
    rng = random.Random(args.sample_seed)  # noqa: S311 (a reproducible sample)
    sample = rng.sample(closed, min(args.sample, len(closed)))
    result = {
        "records": args.records,
        "seed": args.seed,
        "all_closed": measure(closed),
        "sample": {"size": len(sample), "seed": args.sample_seed, **measure(sample)},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for name in ("all_closed", "sample"):
        part = result[name]
        print(
            f"{name}: {part['contacts']:,} contacts, {part['really_complaints']:,} really "
            f"complaints, {part['flagged']:,} flagged; precision "
            f"{part['precision_percent']}%, recall {part['recall_percent']}% "
            f"(TP {part['true_positives']}, FP {part['false_positives']}, "
            f"FN {part['false_negatives']})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
