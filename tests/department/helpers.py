"""A minimal mission for Department tests: an identity from a real enrolment bundle."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from desktop.sync import exchange, package
from desktop.sync.trust import read_bundle

BUNDLE_PASSWORD = "bundle-test-pw"


def identity(bundle: Path) -> exchange.Identity:
    return exchange.mission_identity(read_bundle(bundle.read_bytes(), BUNDLE_PASSWORD))


def case(
    n: int, mission: str = "KZ-BER", pages: int = 1, page_size: int = 300
) -> exchange.OutgoingCase:
    cid = f"case-{n}"
    scans = []
    for p in range(pages):
        blob = f"page {p} of case {n} ".encode() * (page_size // 16 + 1)
        scans.append(
            exchange.OutgoingScan(
                id=f"{cid}-scan-{p}",
                case_id=cid,
                page=p + 1,
                media_type="image/png",
                load=functools.partial(bytes, blob),
                sha256=hashlib.sha256(blob).hexdigest(),
            )
        )
    return exchange.OutgoingCase(
        record={
            "id": cid,
            "number": f"{mission}-2026-{n:04d}",
            "mission": mission,
            "questionnaire": {"surname": "Әбдірахманова", "name": f"Әсел {n}"},
            "events": [
                {
                    "id": f"{cid}-e1",
                    "kind": "accepted",
                    "at": "2026-11-20T09:45:00+00:00",
                    "officer": "officer",
                    "data": {},
                },
                {
                    "id": f"{cid}-e2",
                    "kind": "forwarded",
                    "at": "2026-11-21T10:00:00+00:00",
                    "officer": "officer",
                    "data": {},
                },
            ],
        },
        scans=scans,
    )


def export(
    me: exchange.Identity,
    out: Path,
    cases: list[exchange.OutgoingCase],
    *,
    sequence: int,
    previous: str | None,
    acks: list[dict[str, object]] | None = None,
    max_part_bytes: int | None = None,
    previous_manifest: str | None = None,
) -> list[package.WrittenPackage]:
    out.mkdir(parents=True, exist_ok=True)
    return exchange.export_packages(
        out,
        me,
        cases,
        acknowledgements=list(acks or []),
        first_sequence=sequence,
        previous_sha256=previous,
        previous_manifest_sha256=previous_manifest,
        max_part_bytes=max_part_bytes,
    )
