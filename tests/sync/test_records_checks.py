"""A sender checks each case and scan entry as it joins a records member (the export does so
while pages are encrypted), then the rest of the member: the same checks as the whole at once."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from desktop.sync import records
from desktop.sync.errors import MalformedPackageError

CASE: dict[str, Any] = {
    "id": "7",
    "number": "KZ-BER-2026-00007",
    "mission": "KZ-BER",
    "questionnaire": {"surname": "Әбдірахманова"},
    "events": [
        {
            "id": "7:1",
            "kind": "forwarded",
            "at": "2026-11-21T10:00:00+00:00",
            "officer": None,
            "data": {},
        }
    ],
}
SCAN: dict[str, Any] = {
    "id": "12",
    "case_id": "7",
    "document": "passport",
    "page": 1,
    "media_type": "image/jpeg",
    "sha256": "ab" * 32,
    "member": "data/000001.p7m",
}
ACK = {"sequence": 3, "sha256": "cd" * 32, "received_at": "2026-11-21T10:00:00+00:00"}


def test_checked_items_give_the_same_member() -> None:
    records.check_item("cases", CASE)
    records.check_item("scans", SCAN)
    rec = records.Records(cases=[CASE], scans=[SCAN], acknowledgements=[ACK])
    assert rec.to_json(items_checked=True) == rec.to_json()
    assert records.Records.from_json(rec.to_json(items_checked=True)).cases == [CASE]


@pytest.mark.parametrize(
    ("key", "item", "where"),
    [
        ("cases", {**CASE, "id": ""}, "cases/?/id"),
        ("cases", {k: v for k, v in CASE.items() if k != "events"}, "cases/?"),
        ("cases", {**CASE, "events": [{**CASE["events"][0], "at": 5}]}, "cases/?/events/0/at"),
        ("scans", {**SCAN, "sha256": "not a digest"}, "scans/?/sha256"),
        ("scans", {**SCAN, "member": "../escape"}, "scans/?/member"),
    ],
)
def test_a_bad_entry_is_refused_as_the_whole_member_refuses_it(
    key: str, item: dict[str, Any], where: str
) -> None:
    with pytest.raises(MalformedPackageError, match=f"at {re.escape(where)}:"):
        records.check_item(key, item)
    whole = records.Records(**{key: [copy.deepcopy(item)]})  # type: ignore[arg-type]
    with pytest.raises(MalformedPackageError):
        whole.to_json()


def test_what_is_not_an_entry_is_still_checked_when_the_entries_were() -> None:
    rec = records.Records(cases=[CASE], scans=[SCAN], acknowledgements=[{**ACK, "sequence": 0}])
    with pytest.raises(MalformedPackageError, match="acknowledgements/0/sequence"):
        rec.to_json(items_checked=True)
