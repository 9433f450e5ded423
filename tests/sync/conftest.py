"""Keys made once per test session (RSA-3072 generation is the slow part)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.department import ca
from desktop.sync import package, records
from desktop.sync.trust import MissionEntry, SealKey, TrustList


@pytest.fixture(scope="session")
def department() -> ca.DepartmentKeys:
    return ca.new_department()


@pytest.fixture(scope="session")
def mission(department: ca.DepartmentKeys) -> ca.MissionCredentials:
    return ca.new_mission(department.ca, "KZ-BER", "Embassy in Berlin")


@pytest.fixture(scope="session")
def other_department() -> ca.DepartmentKeys:
    return ca.new_department()


def trust_list_for(
    department: ca.DepartmentKeys, *missions: ca.MissionCredentials, version: int = 1
) -> TrustList:
    from datetime import UTC, datetime

    return TrustList(
        version=version,
        issued_at=datetime.now(UTC),
        department_signing=department.signing.cert,
        department_encryption=department.encryption.cert,
        missions=tuple(
            MissionEntry(
                m.code,
                m.name,
                m.signing.cert,
                m.encryption.cert,
                (SealKey(m.seal_kid, m.seal_key.public_key()),),
            )
            for m in missions
        ),
    )


MakePackage = Callable[..., package.WrittenPackage]


@pytest.fixture
def make_package(
    tmp_path: Path, department: ca.DepartmentKeys, mission: ca.MissionCredentials
) -> MakePackage:
    """A mission → Department package with a records member and two scan members."""

    def make(
        sequence: int = 1,
        previous: str | None = None,
        *,
        name: str | None = None,
        scans: tuple[bytes, ...] = (b"\x89PNG page one" * 50, b"page two " * 300),
        signer: ca.Credential | None = None,
        recipient: ca.Credential | None = None,
        sender: str = "KZ-BER",
        previous_manifest: str | None = None,
    ) -> package.WrittenPackage:
        signer = signer or mission.signing
        recipient = recipient or department.encryption
        path = tmp_path / (name or f"KZ-BER-to-CSD-{sequence:06d}.qpkg")
        key = signer.key
        assert not isinstance(key, ca.ed25519.Ed25519PrivateKey)
        with package.PackageWriter(
            path,
            sender=sender,
            recipient="CSD",
            recipient_cert=recipient.cert,
            signer_cert=signer.cert,
            signer_key=key,
            sequence=sequence,
            previous_sha256=previous,
            previous_manifest_sha256=previous_manifest,
            records_schema=records.SCHEMA_VERSION,
        ) as writer:
            members = [writer.add("scan", s) for s in scans]
            rec = records.Records(
                cases=[
                    {
                        "id": "c1",
                        "number": "KZ-BER-2026-0001",
                        "mission": "KZ-BER",
                        "questionnaire": {"surname": "Әбдірахманова", "name": "Әсел"},
                        "events": [
                            {
                                "id": "e1",
                                "kind": "accepted",
                                "at": "2026-11-20T09:45:00+00:00",
                                "officer": "officer",
                                "data": {},
                            },
                        ],
                    }
                ],
                scans=[
                    {
                        "id": f"s{i}",
                        "case_id": "c1",
                        "page": i + 1,
                        "media_type": "image/png",
                        "sha256": hashlib.sha256(s).hexdigest(),
                        "member": m,
                    }
                    for i, (s, m) in enumerate(zip(scans, members, strict=True))
                ],
            )
            writer.add("records", rec.to_json())
            return writer.finish()

    return make
