"""Every refusal of a package has a stable machine-readable code (the desk words it in kk/ru).

The English messages may be reworded; the codes may not: they are pinned here, and each
check that fails on a real package is seen to carry its own.
"""

from __future__ import annotations

import inspect
import re
import zipfile
import zlib
from pathlib import Path

import pytest

from desktop.department import ca
from desktop.department.core import DepartmentError
from desktop.sync import errors, package
from desktop.sync.errors import ExchangeError
from tests.sync.conftest import MakePackage
from tests.sync.test_package import verify

CODES = {
    "ExchangeError": "exchange-error",
    "PackageError": "package-refused",
    "MalformedPackageError": "malformed",
    "TruncatedPackageError": "truncated",
    "UnsupportedVersionError": "unsupported-version",
    "SignatureError": "bad-signature",
    "UntrustedSignerError": "untrusted-signer",
    "NonCanonicalSignatureError": "signature-not-canonical",
    "DigestMismatchError": "tampered-member",
    "WrongRecipientError": "wrong-recipient",
    "UnknownSenderError": "unknown-sender",
    "RevokedSenderError": "revoked-sender",
    "SequenceError": "sequence",
    "SequenceGapError": "sequence-gap",
    "ReplayError": "replay",
    "RollbackError": "rollback",
    "BrokenChainError": "broken-chain",
    "SecondStoreError": "second-store",
    "DecryptionError": "decryption-failed",
    "TrustError": "bad-trust-list",
}


def test_every_error_class_has_its_own_stable_code() -> None:
    classes = {
        name: cls
        for name, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, ExchangeError)
    }
    assert set(classes) == set(CODES), "a new error class needs its code pinned here"
    for name, cls in classes.items():
        # Its own, not inherited: a subclass without one would pass for its parent.
        assert cls.__dict__.get("code") == CODES[name], name
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", cls.code), name
    assert len(set(CODES.values())) == len(CODES)
    assert DepartmentError.code == "department" and DepartmentError.code not in CODES.values()


def _code(path: Path, department: ca.DepartmentKeys) -> str:
    with pytest.raises(ExchangeError) as info:
        verify(path, department)
    return info.value.code


@pytest.mark.parametrize("keep", [0, 10, 1000, -22, -1])
def test_truncated(
    make_package: MakePackage, department: ca.DepartmentKeys, tmp_path: Path, keep: int
) -> None:
    cut = tmp_path / "cut.qpkg"
    cut.write_bytes(make_package().path.read_bytes()[:keep])
    assert _code(cut, department) == "truncated"


def test_tampered_member(make_package: MakePackage, department: ca.DepartmentKeys) -> None:
    written = make_package(scans=(b"scan" * 200,))
    with zipfile.ZipFile(written.path) as z:
        info = z.getinfo("data/000001.p7m")
        start = info.header_offset + 30 + len(info.filename)
    data = bytearray(written.path.read_bytes())
    data[start + info.file_size // 2] ^= 0x01
    written.path.write_bytes(data)
    assert _code(written.path, department) == "tampered-member"


def _rebuild(path: Path, members: list[tuple[str, bytes]]) -> None:
    """A canonical container around the given members (what the writer would lay out)."""
    out, directory = bytearray(), bytearray()
    for name, data in members:
        raw, crc = name.encode("ascii"), zlib.crc32(data)
        directory += package._central_header(raw, crc, len(data), len(out))
        out += package._local_header(raw, crc, len(data)) + data
    out += directory + package._end_record(len(members), len(directory), len(out))
    path.write_bytes(bytes(out))


def test_bad_signature(make_package: MakePackage, department: ca.DepartmentKeys) -> None:
    """An intact container whose manifest no longer matches its signature."""
    written = make_package()
    with zipfile.ZipFile(written.path) as z:
        members = [(n, z.read(n)) for n in z.namelist()]
    _rebuild(written.path, members)
    verify(written.path, department)  # the rebuild alone changes nothing
    members = [
        (n, d.replace(b'"sequence": 1', b'"sequence": 7') if n == package.MANIFEST_NAME else d)
        for n, d in members
    ]
    _rebuild(written.path, members)
    assert _code(written.path, department) == "bad-signature"


def test_wrong_recipient_and_unknown_sender(
    make_package: MakePackage,
    department: ca.DepartmentKeys,
    mission: ca.MissionCredentials,
    other_department: ca.DepartmentKeys,
) -> None:
    written = make_package(name="ok.qpkg")
    with pytest.raises(ExchangeError) as info:
        package.verify_package(
            written.path,
            [department.ca.cert],
            recipient="KZ-BER",
            recipient_cert=mission.encryption.cert,
        )
    assert info.value.code == "wrong-recipient"
    stranger = ca.new_mission(other_department.ca, "KZ-BER", "Impostor")
    impostor = make_package(signer=stranger.signing, name="impostor.qpkg")
    assert _code(impostor.path, department) == "unknown-sender"


def test_sequence_codes() -> None:
    from datetime import UTC, datetime

    def manifest(seq: int, prev: str | None) -> package.Manifest:
        return package.Manifest(
            "id", "KZ-BER", "CSD", "f" * 64, seq, prev, datetime.now(UTC), 1, ()
        )

    seen = {1: package.Link("a" * 64), 2: package.Link("b" * 64)}
    at_two = package.ChannelState(2, "b" * 64)
    cases = [
        (manifest(1, None), "a" * 64, at_two, "replay"),
        (manifest(2, "a" * 64), "c" * 64, at_two, "rollback"),
        (manifest(5, "x" * 64), "c" * 64, at_two, "sequence-gap"),
        (manifest(3, "z" * 64), "c" * 64, at_two, "broken-chain"),
    ]
    for m, sha, state, code in cases:
        with pytest.raises(ExchangeError) as info:
            package.check_sequence(m, sha, state, seen.get)
        assert info.value.code == code


def test_every_specific_refusal_is_worded_in_kazakh_and_russian() -> None:
    from desktop.services.exchange import _REFUSALS, ExchangeFailed

    for code in set(CODES.values()):  # the base codes too: exchange-error, package-refused
        assert code in _REFUSALS, code
        failed = ExchangeFailed("detail", code)
        # The sentence whole; the English detail apart, as the technical details.
        assert (failed.message.kk, failed.message.ru) == _REFUSALS[code]
        assert failed.message.en == "detail" == failed.details
    # Kazakh is not Russian: the kk wording uses letters Russian does not have.
    kazakh_letters = set("әғқңөұүһі")
    assert sum(bool(kazakh_letters & set(kk.casefold())) for kk, _ in _REFUSALS.values()) > (
        len(_REFUSALS) // 2
    )
