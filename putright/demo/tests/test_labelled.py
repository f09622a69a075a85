"""The labelled demo (for measuring the likely-complaint rule) changes no demo figure."""

import datetime as dt

from putright.demo.generator import DemoGenerator
from putright.demo.labelled import HIDDEN_COMPLAINTS, LABELLED_KINDS, MISLEADING

TODAY = dt.date(2026, 12, 1)


def test_labels_change_only_summaries_of_labelled_kinds():
    plain = list(DemoGenerator(3000, 7, TODAY).contacts())
    labelled = list(DemoGenerator(3000, 7, TODAY, label_complaints=True).contacts())

    assert len(plain) == len(labelled)
    reworded = 0
    for before, after in zip(plain, labelled, strict=True):
        after = dict(after)
        really = after.pop("really_complaint", None)
        if before["kind"] in LABELLED_KINDS:
            assert really in ("0", "1")
            if really == "1":
                assert after["summary"] in HIDDEN_COMPLAINTS
            reworded += after["summary"] != before["summary"]
            assert after["summary"] in (
                before["summary"],
                *HIDDEN_COMPLAINTS,
                *MISLEADING,
            )
            after["summary"] = before["summary"]
        else:
            assert really is None
        assert after == before
    assert reworded > 0
    assert "really_complaint" not in plain[0]
