"""Issue 13, point 4: the signature file cannot be re-spelled, and the chain is by what is signed.

A courier with a ZIP tool can change any byte of ``manifest.json.p7s`` and fix the ZIP
checksums. Fields of CMS SignedData outside the signature (the versions, the
digest-algorithm set, the DER encoding) used to be accepted changed; the receiver then
recorded a file the sender never wrote, and every later genuine package was refused. Now only
the exact DER a signer writes is accepted, and packages chain by their signed manifests, so
even the one re-spelling canonical DER allows (the ECDSA twin signature, s → n − s) changes
nothing for the chain.
"""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pytest
from asn1crypto import algos
from asn1crypto import cms as asn1_cms

from desktop.department import ca
from desktop.sync import package
from desktop.sync.errors import (
    BrokenChainError,
    NonCanonicalSignatureError,
    PackageError,
    ReplayError,
)
from tests.sync.conftest import MakePackage
from tests.sync.test_package import verify

P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def members(path: Path) -> list[tuple[str, bytes]]:
    data = path.read_bytes()
    with path.open("rb") as handle:
        entries = package._parse_directory(handle, len(data))
    return [(e.name, data[e.data_offset : e.data_offset + e.size]) for e in entries]


def rezip(path: Path, out: Path, replace: dict[str, bytes]) -> Path:
    """The package rewritten as the canonical writer lays it out, some members replaced, every
    CRC and size recomputed: what anyone holding the file can do without any key."""
    body = bytearray()
    central = []
    items = members(path)
    for name, data in items:
        data = replace.get(name, data)
        crc = zlib.crc32(data)
        central.append(package._central_header(name.encode(), crc, len(data), len(body)))
        body += package._local_header(name.encode(), crc, len(data)) + data
    directory = b"".join(central)
    end = package._end_record(len(items), len(directory), len(body))
    out.write_bytes(bytes(body) + directory + end)
    return out


def signature_of(path: Path) -> bytes:
    return dict(members(path))[package.SIGNATURE_NAME]


def respelled(der: bytes, change: str) -> bytes:
    """The signature with one field outside what is signed changed (one or two bytes)."""
    info = asn1_cms.ContentInfo.load(der)
    signed = info["content"]
    if change == "signed-data-version":
        signed["version"] = "v3"
    elif change == "signer-info-version":
        signed["signer_infos"][0]["version"] = "v3"
    elif change == "digest-algorithm-set":
        signed["digest_algorithms"] = [algos.DigestAlgorithm({"algorithm": "sha384"})]
    elif change == "long-form-length":
        # The same value, its length spelled in long form: valid BER, not DER.
        head = der[:1] + bytes([0x84]) + (len(der) - 4).to_bytes(4, "big")
        assert der[1] == 0x82
        return head + der[4:]
    else:  # pragma: no cover - the parameters below
        raise AssertionError(change)
    out: bytes = info.dump(force=True)
    assert out != der and len(out) == len(der)
    return out


@pytest.mark.parametrize(
    "change",
    ["signed-data-version", "signer-info-version", "digest-algorithm-set", "long-form-length"],
)
def test_a_field_outside_the_signature_changed_is_refused_with_its_own_message(
    make_package: MakePackage, department: ca.DepartmentKeys, tmp_path: Path, change: str
) -> None:
    written = make_package()
    der = signature_of(written.path)
    target = rezip(
        written.path, tmp_path / "respelled.qpkg", {package.SIGNATURE_NAME: respelled(der, change)}
    )
    with pytest.raises(NonCanonicalSignatureError, match="not exactly as signed") as info:
        verify(target, department)
    assert info.value.code == "signature-not-canonical"
    # The untouched file is accepted: the refusal is the changed field's.
    verify(written.path, department)


def test_every_byte_of_the_signature_file_changed_with_crcs_fixed_is_refused(
    make_package: MakePackage, department: ca.DepartmentKeys, tmp_path: Path
) -> None:
    written = make_package(scans=())
    der = signature_of(written.path)
    rng = random.Random(13)
    # Every byte of the SignedData outside the carried certificate (versions, algorithm sets,
    # lengths, the signer identifier, the signed attributes and the signature value), and a
    # sample of the certificate's bytes (a changed certificate fails its CA's signature).
    cert = asn1_cms.ContentInfo.load(der)["content"]["certificates"][0].chosen.dump()
    start = der.index(cert)
    positions = [i for i in range(len(der)) if not start <= i < start + len(cert)]
    positions += rng.sample(range(start, start + len(cert)), 40)
    target = tmp_path / "flipped.qpkg"
    accepted = []
    for pos in positions:
        changed = bytearray(der)
        changed[pos] ^= rng.randrange(1, 256)
        rezip(written.path, target, {package.SIGNATURE_NAME: bytes(changed)})
        try:
            verify(target, department)
        except PackageError:
            continue
        accepted.append(pos)
    assert accepted == []
    # The rewriting itself changes nothing: the same bytes again verify.
    rezip(written.path, target, {})
    assert target.read_bytes() == written.path.read_bytes()


def ecdsa_twin(der: bytes) -> bytes:
    """The other valid ECDSA signature over the same bytes (s → n − s): canonical DER too."""
    info = asn1_cms.ContentInfo.load(der)
    signer = info["content"]["signer_infos"][0]
    value = algos.DSASignature.load(signer["signature"].native)
    r, s = value["r"].native, value["s"].native
    signer["signature"] = algos.DSASignature({"r": r, "s": P256_ORDER - s}).dump()
    out: bytes = info.dump(force=True)
    return out


def test_packages_chain_by_the_signed_manifest_not_the_file(
    make_package: MakePackage, department: ca.DepartmentKeys, tmp_path: Path
) -> None:
    first = make_package(1)
    twin = rezip(
        first.path,
        tmp_path / "twin.qpkg",
        {package.SIGNATURE_NAME: ecdsa_twin(signature_of(first.path))},
    )
    # A different file that verifies: the whole file's hash does not identify a package.
    got = verify(twin, department)
    assert got.sha256 != first.sha256
    assert got.manifest_sha256 == first.manifest_sha256

    # The receiver took the twin; the sender goes on from the package it wrote.
    state = package.ChannelState(1, got.sha256, got.manifest_sha256)
    seen = {1: package.Link(got.sha256, got.manifest_sha256)}
    second = make_package(
        2, first.sha256, name="second.qpkg", previous_manifest=first.manifest_sha256
    )
    v2 = verify(second.path, department)
    package.check_sequence(
        v2.manifest, v2.sha256, state, seen.get, manifest_sha256=v2.manifest_sha256
    )
    # The genuine first package, arriving late, is the same package: a harmless replay.
    v1 = verify(first.path, department)
    with pytest.raises(ReplayError):
        package.check_sequence(
            v1.manifest, v1.sha256, state, seen.get, manifest_sha256=v1.manifest_sha256
        )


def test_a_package_naming_another_manifest_is_a_broken_chain(
    make_package: MakePackage, department: ca.DepartmentKeys
) -> None:
    first = make_package(1)
    second = make_package(2, first.sha256, name="second.qpkg", previous_manifest="0" * 64)
    v2 = verify(second.path, department)
    state = package.ChannelState(1, first.sha256, first.manifest_sha256)
    with pytest.raises(BrokenChainError, match="does not continue"):
        package.check_sequence(
            v2.manifest, v2.sha256, state, {}.get, manifest_sha256=v2.manifest_sha256
        )


def test_packages_and_records_from_before_the_manifest_chain_still_chain(
    make_package: MakePackage, department: ca.DepartmentKeys
) -> None:
    """Rows recorded before (no manifest hash) and packages from older writers (no
    ``previous_manifest_sha256``) are chained by the whole file's hash, as they were."""
    first = make_package(1)
    old_writer = make_package(2, first.sha256, name="old.qpkg")
    new_writer = make_package(
        2, first.sha256, name="new.qpkg", previous_manifest=first.manifest_sha256
    )
    legacy_row = package.ChannelState(1, first.sha256, None)
    new_row = package.ChannelState(1, first.sha256, first.manifest_sha256)
    for path, state in (
        (old_writer.path, legacy_row),
        (old_writer.path, new_row),
        (new_writer.path, legacy_row),
        (new_writer.path, new_row),
    ):
        v = verify(path, department)
        package.check_sequence(
            v.manifest, v.sha256, state, {}.get, manifest_sha256=v.manifest_sha256
        )
    assert verify(old_writer.path, department).manifest.previous_manifest_sha256 is None
    # A legacy row with the wrong file hash is still a broken chain.
    v = verify(old_writer.path, department)
    with pytest.raises(BrokenChainError):
        package.check_sequence(
            v.manifest,
            v.sha256,
            package.ChannelState(1, "e" * 64),
            {}.get,
            manifest_sha256=v.manifest_sha256,
        )
