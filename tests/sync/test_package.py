"""The package format: round trip, openssl interoperability, and every way it can be wrong."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from desktop.department import ca
from desktop.sync import cms, package, records
from desktop.sync.errors import (
    BrokenChainError,
    DigestMismatchError,
    MalformedPackageError,
    PackageError,
    ReplayError,
    RollbackError,
    SequenceGapError,
    SignatureError,
    UnknownSenderError,
    WrongRecipientError,
)
from desktop.sync.package import container, writer
from tests.sync.conftest import MakePackage


def entries(path: Path) -> dict[str, container._Entry]:
    with path.open("rb") as handle:
        return {e.name: e for e in package._parse_directory(handle, path.stat().st_size)}


def verify(path: Path, department: ca.DepartmentKeys) -> package.VerifiedPackage:
    return package.verify_package(
        path, [department.ca.cert], recipient="CSD", recipient_cert=department.encryption.cert
    )


def test_round_trip(make_package: MakePackage, department: ca.DepartmentKeys) -> None:
    written = make_package()
    v = verify(written.path, department)
    assert v.sha256 == written.sha256 == hashlib.sha256(written.path.read_bytes()).hexdigest()
    assert v.manifest.sender == "KZ-BER" and v.manifest.sequence == 1
    rec_member = next(v.members("records"))
    rec = records.Records.from_json(
        v.decrypt(rec_member.name, department.encryption.cert, department.encryption.key)  # type: ignore[arg-type]
    )
    assert rec.cases[0]["questionnaire"]["surname"] == "Әбдірахманова"
    for scan in rec.scans:
        data = v.decrypt(scan["member"], department.encryption.cert, department.encryption.key)  # type: ignore[arg-type]
        assert hashlib.sha256(data).hexdigest() == scan["sha256"]


def test_is_a_plain_zip_with_asic_layout(make_package: MakePackage) -> None:
    written = make_package()
    with zipfile.ZipFile(written.path) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert names[0] == "mimetype"
        assert z.read("mimetype") == package.MIMETYPE
        assert names[-2:] == ["META-INF/manifest.json", "META-INF/manifest.json.p7s"]
        manifest = json.loads(z.read("META-INF/manifest.json"))
    assert manifest["format_version"] == package.FORMAT_VERSION
    assert {
        "sender",
        "recipient",
        "sequence",
        "previous_sha256",
        "created_at",
        "records_schema",
        "members",
    } <= manifest.keys()
    # No personal data in clear anywhere in the file.
    raw = written.path.read_bytes()
    assert "Әбдірахманова".encode() not in raw and b"KZ-BER-2026-0001" not in raw


def _openssl_verify(unpacked: Path, ca_pem: Path) -> subprocess.CompletedProcess[str]:
    """``openssl cms -verify`` of an unpacked package's signed manifest against the CA."""
    meta = unpacked / "META-INF"
    return subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER",
         "-in", meta / "manifest.json.p7s", "-content", meta / "manifest.json",
         "-CAfile", ca_pem, "-out", "/dev/null"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip


def test_openssl_verifies_and_decrypts(
    make_package: MakePackage, department: ca.DepartmentKeys, tmp_path: Path
) -> None:
    written = make_package()
    out = tmp_path / "x"
    with zipfile.ZipFile(written.path) as z:
        z.extractall(out)
    (tmp_path / "ca.pem").write_bytes(department.ca.cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "enc.pem").write_bytes(
        department.encryption.cert.public_bytes(serialization.Encoding.PEM)
    )
    (tmp_path / "key.pem").write_bytes(
        department.encryption.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"test-password"),
        )
    )
    ok = _openssl_verify(out, tmp_path / "ca.pem")
    assert ok.returncode == 0, ok.stderr
    assert "Verification successful" in ok.stderr
    manifest = json.loads((out / "META-INF/manifest.json").read_bytes())
    rec = next(m for m in manifest["members"] if m["kind"] == "records")
    dec = subprocess.run(
        [
            "openssl",
            "cms",
            "-decrypt",
            "-binary",
            "-inform",
            "DER",
            "-in",
            out / rec["name"],
            "-recip",
            tmp_path / "enc.pem",
            "-inkey",
            tmp_path / "key.pem",
            "-passin",
            "pass:test-password",
        ],
        capture_output=True,
        check=False,
    )
    assert dec.returncode == 0, dec.stderr
    assert json.loads(dec.stdout)["cases"][0]["number"] == "KZ-BER-2026-0001"
    # A tampered manifest fails openssl too.
    (out / "META-INF/manifest.json").write_bytes(
        (out / "META-INF/manifest.json").read_bytes().replace(b'"sequence": 1', b'"sequence": 2')
    )
    bad = _openssl_verify(out, tmp_path / "ca.pem")
    assert bad.returncode != 0


def test_every_changed_byte_is_rejected(
    make_package: MakePackage, department: ca.DepartmentKeys, tmp_path: Path
) -> None:
    written = make_package(scans=(b"scan" * 200,))
    data = written.path.read_bytes()
    rng = random.Random(6)
    # Every byte outside the scan data (headers, manifest, signature, directory), and a
    # sample of the rest: several hundred positions in all.
    scan = entries(written.path)["data/000001.p7m"]
    inside = range(scan.data_offset, scan.data_offset + scan.size)
    positions = [i for i in range(len(data)) if i not in inside]
    positions += rng.sample(list(inside), 150)
    assert len(positions) > 300
    target = tmp_path / "tampered.qpkg"
    accepted = []
    for pos in positions:
        tampered = bytearray(data)
        tampered[pos] ^= rng.randrange(1, 256)
        target.write_bytes(tampered)
        try:
            verify(target, department)
        except PackageError:
            continue
        accepted.append(pos)
    assert accepted == []


@pytest.mark.parametrize("keep", [0, 10, 100, 1000, -200, -22, -1])
def test_truncated_package_is_rejected(
    make_package: MakePackage, department: ca.DepartmentKeys, tmp_path: Path, keep: int
) -> None:
    data = make_package().path.read_bytes()
    cut = tmp_path / "cut.qpkg"
    cut.write_bytes(data[:keep])
    with pytest.raises(MalformedPackageError):
        verify(cut, department)


def test_member_swapped_for_another_valid_envelope_is_rejected(
    make_package: MakePackage, department: ca.DepartmentKeys, tmp_path: Path
) -> None:
    """Same length, valid CMS, different bytes: the signed digest catches it."""
    a = make_package(scans=(b"A" * 500,), name="a.qpkg")
    b = make_package(scans=(b"B" * 500,), name="b.qpkg")
    da, db = a.path.read_bytes(), b.path.read_bytes()
    sa, sb = entries(a.path)["data/000001.p7m"], entries(b.path)["data/000001.p7m"]
    assert sa.size == sb.size
    mixed = bytearray(da)
    mixed[sa.data_offset : sa.data_offset + sa.size] = db[sb.data_offset : sb.data_offset + sb.size]
    out = tmp_path / "mixed.qpkg"
    out.write_bytes(mixed)
    with pytest.raises((DigestMismatchError, MalformedPackageError)):
        verify(out, department)


def test_wrong_recipient(
    make_package: MakePackage, department: ca.DepartmentKeys, mission: ca.MissionCredentials
) -> None:
    written = make_package()
    with pytest.raises(WrongRecipientError, match="addressed to 'CSD'"):
        package.verify_package(
            written.path,
            [department.ca.cert],
            recipient="KZ-BER",
            recipient_cert=mission.encryption.cert,
        )
    with pytest.raises(WrongRecipientError):
        package.verify_package(
            written.path,
            [department.ca.cert],
            recipient="CSD",
            recipient_cert=mission.encryption.cert,
        )


def test_unknown_sender(
    make_package: MakePackage, department: ca.DepartmentKeys, other_department: ca.DepartmentKeys
) -> None:
    stranger = ca.new_mission(other_department.ca, "KZ-BER", "Impostor")
    written = make_package(signer=stranger.signing)
    with pytest.raises(UnknownSenderError, match="unknown sender"):
        verify(written.path, department)


def test_signature_by_stranger_is_not_just_any_error(
    make_package: MakePackage, department: ca.DepartmentKeys
) -> None:
    written = make_package()
    # The manifest replaced by a validly formed but unsigned one: the signature breaks.
    data = bytearray(written.path.read_bytes())
    i = data.find(b'"sequence": 1')
    data[i + 12 : i + 13] = b"7"
    written.path.write_bytes(data)
    with pytest.raises(PackageError) as info:
        verify(written.path, department)
    assert isinstance(info.value, SignatureError | MalformedPackageError)


def test_writer_leaves_nothing_on_failure(
    tmp_path: Path, department: ca.DepartmentKeys, mission: ca.MissionCredentials
) -> None:
    path = tmp_path / "p.qpkg"
    with (
        pytest.raises(RuntimeError),
        _writer(path, department, mission) as writer,
    ):
        writer.add("scan", b"x" * 1000)
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []


class TestSequence:
    def manifest(self, seq: int, prev: str | None) -> package.Manifest:
        from datetime import UTC, datetime

        return package.Manifest(
            "id", "KZ-BER", "CSD", "f" * 64, seq, prev, datetime.now(UTC), 1, ()
        )

    def test_first_and_next(self) -> None:
        seen = {1: package.Link("a" * 64)}
        package.check_sequence(
            self.manifest(1, None), "a" * 64, package.ChannelState(0, None), seen.get
        )
        package.check_sequence(
            self.manifest(2, "a" * 64), "b" * 64, package.ChannelState(1, "a" * 64), seen.get
        )

    def test_replay(self) -> None:
        seen = {1: package.Link("a" * 64), 2: package.Link("b" * 64)}
        with pytest.raises(ReplayError, match="already received; nothing changed"):
            package.check_sequence(
                self.manifest(1, None), "a" * 64, package.ChannelState(2, "b" * 64), seen.get
            )

    def test_rollback(self) -> None:
        seen = {1: package.Link("a" * 64), 2: package.Link("b" * 64)}
        with pytest.raises(RollbackError, match="older than the last one received"):
            package.check_sequence(
                self.manifest(2, "a" * 64), "c" * 64, package.ChannelState(2, "b" * 64), seen.get
            )

    def test_gap(self) -> None:
        with pytest.raises(SequenceGapError, match="before package\\(s\\) 2–4") as info:
            package.check_sequence(
                self.manifest(5, "x" * 64), "c" * 64, package.ChannelState(1, "a" * 64), {}.get
            )
        assert list(info.value.missing) == [2, 3, 4]
        package.check_sequence(
            self.manifest(5, "x" * 64),
            "c" * 64,
            package.ChannelState(1, "a" * 64),
            {}.get,
            allow_gap=True,
        )

    def test_broken_chain(self) -> None:
        with pytest.raises(BrokenChainError, match="does not continue"):
            package.check_sequence(
                self.manifest(2, "z" * 64), "c" * 64, package.ChannelState(1, "a" * 64), {}.get
            )

    def test_messages_differ(self) -> None:
        classes = {ReplayError, RollbackError, SequenceGapError, BrokenChainError}
        assert len(classes) == 4


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="no page-cache advice here")
def test_a_large_package_hands_its_written_pages_back_and_stays_whole(
    make_package: MakePackage, department: ca.DepartmentKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written members are released from the page cache as the package grows (issue 6 bench)."""
    advised: list[tuple[int, int, int]] = []
    real_advise = os.posix_fadvise

    def record(fd: int, offset: int, length: int, advice: int) -> None:
        advised.append((offset, length, advice))
        real_advise(fd, offset, length, advice)

    monkeypatch.setattr(writer, "_RELEASE_EVERY", 1)  # after every member
    monkeypatch.setattr(os, "posix_fadvise", record)
    written = make_package()
    assert advised and all(a == os.POSIX_FADV_DONTNEED for _, _, a in advised)
    lengths = [length for _, length, _ in advised]
    assert lengths == sorted(lengths) and lengths[-1] < written.size  # only what was written
    v = verify(written.path, department)
    assert v.sha256 == written.sha256 == hashlib.sha256(written.path.read_bytes()).hexdigest()


# Around the envelope's 128 KiB pieces too: one piece exactly, one block past it, one short.
_PIECE = 128 * 1024


@pytest.mark.parametrize(
    "length", [0, 1, 15, 16, 17, 4095, _PIECE, _PIECE + 16, 3 * _PIECE - 1, 1024 * 1024 + 3]
)
def test_streamed_envelope_is_the_builders_enveloped_data(
    department: ca.DepartmentKeys, tmp_path: Path, length: int
) -> None:
    """cms.Envelope (the export's members) writes the EnvelopedData cryptography's builder
    does, field for field: strict DER, same structure and size, and openssl decrypts it."""
    from asn1crypto import cms as asn1_cms

    cert, key = department.encryption.cert, department.encryption.key
    envelope = cms.Envelope(cert)
    data = os.urandom(length)
    buffer = bytearray(envelope.size(length) + 100)  # a reused buffer is larger than needed
    der = bytes(buffer[: envelope.encrypt_into(data, buffer)])
    assert len(der) == envelope.size(length) == len(cms.encrypt(data, cert))
    parsed = asn1_cms.ContentInfo.load(der, strict=True)
    assert parsed.dump(force=True) == der
    reference = asn1_cms.ContentInfo.load(cms.encrypt(data, cert))
    ours, theirs = parsed["content"], reference["content"]
    assert ours["version"].native == theirs["version"].native == "v0"
    assert ours["recipient_infos"][0].chosen["rid"].dump() == (
        theirs["recipient_infos"][0].chosen["rid"].dump()
    )
    assert ours["recipient_infos"][0].chosen["key_encryption_algorithm"].dump() == (
        theirs["recipient_infos"][0].chosen["key_encryption_algorithm"].dump()
    )
    assert ours["encrypted_content_info"]["content_type"].native == "data"
    ours_alg = ours["encrypted_content_info"]["content_encryption_algorithm"]
    assert ours_alg["algorithm"].native == "aes256_cbc" and len(ours_alg["parameters"].native) == 16
    assert cms.decrypt(der, cert, key) == data
    (tmp_path / "m.p7m").write_bytes(der)
    (tmp_path / "enc.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    dec = subprocess.run(
        [
            "openssl",
            "cms",
            "-decrypt",
            "-binary",
            "-inform",
            "DER",
            "-in",
            tmp_path / "m.p7m",
            "-recip",
            tmp_path / "enc.pem",
            "-inkey",
            tmp_path / "key.pem",
        ],
        capture_output=True,
        check=False,
    )
    assert dec.returncode == 0, dec.stderr
    assert dec.stdout == data


def test_every_member_gets_its_own_key_and_iv(department: ca.DepartmentKeys) -> None:
    """Keys and IVs are drawn from the OS 64 members at a time: still one of each per member,
    across draws, and every member decrypts."""
    from asn1crypto import cms as asn1_cms
    from cryptography.hazmat.primitives.asymmetric import padding

    cert, key = department.encryption.cert, department.encryption.key
    envelope = cms.Envelope(cert)
    data = b"the same page every time" * 100
    buffer = bytearray(envelope.size(len(data)))
    ivs, keys = set(), set()
    for _ in range(150):  # more than two draws
        der = bytes(buffer[: envelope.encrypt_into(data, buffer)])
        content = asn1_cms.ContentInfo.load(der)["content"]
        algorithm = content["encrypted_content_info"]["content_encryption_algorithm"]
        ivs.add(algorithm["parameters"].native)
        wrapped = content["recipient_infos"][0].chosen["encrypted_key"].native
        keys.add(key.decrypt(wrapped, padding.PKCS1v15()))
        assert cms.decrypt(der, cert, key) == data
    assert len(ivs) == len(keys) == 150
    assert {len(k) for k in keys} == {32}


def test_an_envelopes_size_is_the_length_of_what_it_writes(department: ca.DepartmentKeys) -> None:
    """``Envelope.size`` counts the DER's length (a ZIP entry's size is planned from it): at
    every length where one of its DER length fields takes one more octet."""
    envelope = cms.Envelope(department.encryption.cert)
    lengths = {0, 1, 15, 16, 17, 1024 * 1024, 4 * 1024 * 1024 + 5}
    for edge in (0x80, 0x100, 0x10000, 0x1000000):  # short form, then one to three octets
        lengths.update(edge + d for d in range(-700, 200, 7) if edge + d >= 0)
    buffer = bytearray(envelope.size(max(lengths)))
    for length in sorted(lengths):
        assert envelope.encrypt_into(bytes(length), buffer) == envelope.size(length), length


@pytest.mark.parametrize("length", [0, 15, 16, _PIECE, _PIECE + 1, 2 * _PIECE + 17])
def test_envelope_shows_all_its_der_in_order_while_writing(
    department: ca.DepartmentKeys, length: int
) -> None:
    """``observe`` sees consecutive pieces that make up the whole DER (the writer hashes a
    member and takes its CRC-32 on the way), and seeing them changes nothing."""
    envelope = cms.Envelope(department.encryption.cert)
    data = os.urandom(length)
    buffer = bytearray(envelope.size(length) + 64)
    seen: list[bytes] = []
    der = bytes(
        buffer[: envelope.encrypt_into(data, buffer, lambda piece: seen.append(bytes(piece)))]
    )
    assert len(seen) >= 2 and b"".join(seen) == der  # the header, then the ciphertext
    assert cms.decrypt(der, department.encryption.cert, department.encryption.key) == data


def test_envelopes_made_on_several_threads_at_once_each_get_their_own_key(
    department: ca.DepartmentKeys,
) -> None:
    """The writer encrypts members on a pool of threads with one Envelope: the keys and IVs
    drawn 64 at a time are never handed out twice, and every member opens."""
    from concurrent.futures import ThreadPoolExecutor

    from asn1crypto import cms as asn1_cms

    cert, key = department.encryption.cert, department.encryption.key
    envelope = cms.Envelope(cert)
    pages = [os.urandom(70_000 + n) for n in range(200)]  # past the 64 drawn at a time

    def seal(page: bytes) -> bytes:
        buffer = bytearray(envelope.size(len(page)))
        return bytes(buffer[: envelope.encrypt_into(page, buffer)])

    with ThreadPoolExecutor(4) as pool:
        ders = list(pool.map(seal, pages))
    ivs = {
        asn1_cms.ContentInfo.load(der)["content"]["encrypted_content_info"][
            "content_encryption_algorithm"
        ]["parameters"].native
        for der in ders
    }
    assert len(ivs) == len(pages)
    assert [cms.decrypt(der, cert, key) for der in ders] == pages


def _writer(
    path: Path, department: ca.DepartmentKeys, mission: ca.MissionCredentials
) -> package.PackageWriter:
    return package.PackageWriter(
        path,
        sender="KZ-BER",
        recipient="CSD",
        recipient_cert=department.encryption.cert,
        signer_cert=mission.signing.cert,
        signer_key=mission.signing.key,  # type: ignore[arg-type]
        sequence=1,
        previous_sha256=None,
        records_schema=1,
    )


def test_members_encrypted_in_parallel_are_written_in_the_order_added(
    tmp_path: Path, department: ca.DepartmentKeys, mission: ca.MissionCredentials
) -> None:
    """Members of very different sizes (a small one finishes encrypting before a large one
    added earlier) land in the order added, each with its own digest and the ZIP's CRC-32."""
    rng = random.Random(19)
    pages = [os.urandom(rng.choice((0, 17, 5_000, 300_000, 1_200_000))) for _ in range(40)]
    with _writer(tmp_path / "p.qpkg", department, mission) as w:
        names = [w.add("scan", page) for page in pages]
        written = w.finish()
    assert names == [f"data/{n:06d}.p7m" for n in range(1, len(pages) + 1)]
    v = verify(written.path, department)
    assert [m.name for m in v.members("scan")] == names
    with zipfile.ZipFile(written.path) as z:
        assert z.testzip() is None  # every CRC-32 is the member's
        for member in v.members("scan"):
            assert hashlib.sha256(z.read(member.name)).hexdigest() == member.sha256
    cert, key = department.encryption.cert, department.encryption.key
    assert [v.decrypt(n, cert, key) for n in names] == pages  # type: ignore[arg-type]


def test_a_member_that_fails_to_encrypt_fails_the_package_and_leaves_nothing(
    tmp_path: Path,
    department: ca.DepartmentKeys,
    mission: ca.MissionCredentials,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An error on an encrypting thread reaches the caller, unchanged, and the half-written
    package is removed."""
    real = cms.Envelope.encrypt_into
    calls = 0

    def failing(self: cms.Envelope, data: bytes, out: bytearray, observe: object = None) -> int:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise MemoryError("no room for this member")
        return real(self, data, out, observe)  # type: ignore[arg-type]

    monkeypatch.setattr(cms.Envelope, "encrypt_into", failing)
    with (
        pytest.raises(MemoryError, match="no room"),
        _writer(tmp_path / "p.qpkg", department, mission) as w,
    ):
        for _ in range(30):
            w.add("scan", os.urandom(50_000))
        w.finish()
    assert list(tmp_path.iterdir()) == []


def test_deferred_members_are_read_when_encrypted_and_travel_as_bytes_do(
    tmp_path: Path, department: ca.DepartmentKeys, mission: ca.MissionCredentials
) -> None:
    """A ``package.Deferred`` (a scan file's page) is read by the encrypting thread, not by
    ``add``; the package holds the same members as with the bytes, in the order added."""
    import threading

    pages = [os.urandom(n) for n in (0, 40_000, 300_000, 17)]
    readers: list[str] = []

    def later(page: bytes) -> package.Deferred:
        def read() -> bytes:
            readers.append(threading.current_thread().name)
            return page

        return package.Deferred(len(page), read)

    with _writer(tmp_path / "p.qpkg", department, mission) as w:
        names = [w.add("scan", later(page) if n % 2 else page) for n, page in enumerate(pages)]
        assert w.size > sum(map(len, pages))  # counted when added, before they are read
        written = w.finish()
    assert len(readers) == 2 and threading.current_thread().name not in readers
    v = verify(written.path, department)
    cert, key = department.encryption.cert, department.encryption.key
    assert [v.decrypt(n, cert, key) for n in names] == pages  # type: ignore[arg-type]


def test_a_deferred_member_read_into_a_buffer_travels_as_its_bytes_do(
    tmp_path: Path, department: ca.DepartmentKeys, mission: ca.MissionCredentials
) -> None:
    """With ``read_into`` the encrypting thread reads a page into a buffer of its own (at
    least the page's size, kept for its next page), never through ``read``."""
    # Largest first: a thread's buffer then never has to grow, and is reused.
    pages = [os.urandom(n) for n in (300_001, 300_000, 40_000, 17, 0)]
    buffers: list[bytearray] = []

    def later(page: bytes) -> package.Deferred:
        def read_into(buffer: bytearray) -> memoryview:
            assert len(buffer) >= len(page)
            buffers.append(buffer)
            buffer[: len(page)] = page
            return memoryview(buffer)[: len(page)]

        return package.Deferred(len(page), lambda: pytest.fail("read, not read_into"), read_into)

    with _writer(tmp_path / "p.qpkg", department, mission) as w:
        names = [w.add("scan", later(page)) for page in pages]
        written = w.finish()
    assert len(buffers) == len(pages)
    assert len({id(b) for b in buffers}) <= writer._encryptors()  # one per encrypting thread
    v = verify(written.path, department)
    cert, key = department.encryption.cert, department.encryption.key
    assert [v.decrypt(n, cert, key) for n in names] == pages


@pytest.mark.parametrize(
    ("read", "error"),
    [
        (lambda: (_ for _ in ()).throw(FileNotFoundError("page 7's file is gone")), "gone"),
        (lambda: b"shorter than announced", "where 100 were due"),
    ],
)
def test_a_deferred_member_that_fails_to_read_fails_the_package(
    tmp_path: Path,
    department: ca.DepartmentKeys,
    mission: ca.MissionCredentials,
    read: object,
    error: str,
) -> None:
    with (
        pytest.raises((FileNotFoundError, ValueError), match=error),
        _writer(tmp_path / "p.qpkg", department, mission) as w,
    ):
        w.add("scan", b"a page before")
        w.add("scan", package.Deferred(100, read))  # type: ignore[arg-type]
        w.finish()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("length", [0, 1, 5 * 1024, 1024 * 1024 + 3])
def test_zip_crc_is_zlibs(length: int) -> None:
    """The writer's CRC-32 (zlib-ng's when installed) is the ZIP's, the one zlib computes."""
    import zlib

    data = os.urandom(length)
    assert container.crc32(data, 0) == zlib.crc32(data)
    assert container.crc32(data[length // 2 :], container.crc32(data[: length // 2], 0)) == (
        zlib.crc32(data)
    )


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="no page-cache advice here")
def test_written_pages_are_released_off_the_writing_thread(
    tmp_path: Path,
    department: ca.DepartmentKeys,
    mission: ca.MissionCredentials,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The page cache of what is written is handed back by a thread of its own (the advice
    submits writeback, which stalled the writing thread), one call at a time, all done before
    the file is synced and closed; the package is the same."""
    import threading
    import time

    calls: list[tuple[str, int]] = []
    running = threading.Lock()
    real = os.posix_fadvise

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        assert running.acquire(blocking=False), "two advice calls at once"
        try:
            calls.append((threading.current_thread().name, length))
            time.sleep(0.01)  # slower than the writer: later calls are skipped, not queued
            real(fd, offset, length, advice)
        finally:
            running.release()

    monkeypatch.setattr(writer, "_RELEASE_EVERY", 100_000)
    monkeypatch.setattr(writer.os, "posix_fadvise", advise)
    pages = [os.urandom(60_000) for _ in range(30)]
    with _writer(tmp_path / "p.qpkg", department, mission) as w:
        names = [w.add("scan", page) for page in pages]
        written = w.finish()
        assert not running.locked()
    assert calls and {name for name, _ in calls} == {"package-writeback_0"}
    assert [length for _, length in calls] == sorted(length for _, length in calls)
    v = verify(written.path, department)
    cert, key = department.encryption.cert, department.encryption.key
    assert [v.decrypt(n, cert, key) for n in names] == pages
