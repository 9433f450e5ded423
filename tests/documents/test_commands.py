"""`qonys verify FILE.pdf` / `qonys verify --seal TEXT`: exit codes and one line per failure."""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.cli import verify as commands
from desktop.documents.issuing import IssuedNotification
from tests.documents.pki import Pki


@dataclass
class FakeCli:
    data_dir: Path
    out: io.StringIO = field(default_factory=io.StringIO)
    err: io.StringIO = field(default_factory=io.StringIO)


def run(argv: list[str], data_dir: Path) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="qonys")
    commands.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    cli = FakeCli(data_dir)
    code = args.handler(args, cli)
    return code, cli.out.getvalue(), cli.err.getvalue()


@pytest.fixture
def trust_dir(tmp_path: Path, pki: Pki, seal_key: Ed25519PrivateKey) -> Path:
    folder = tmp_path / "trust"
    (folder / "roots").mkdir(parents=True)
    (folder / "seal-keys").mkdir()
    (folder / "roots" / "department-ca.pem").write_bytes(
        pki.ca_cert.public_bytes(serialization.Encoding.PEM)
    )
    (folder / "seal-keys" / "BER.pem").write_bytes(
        seal_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return folder


def test_genuine_pdf_exits_0(issued_pdf: Path, trust_dir: Path, tmp_path: Path) -> None:
    code, out, err = run(["verify", str(issued_pdf), "--trust", str(trust_dir)], tmp_path)
    assert code == 0, out + err
    assert out.startswith("GENUINE: signed by Тұңғышбаев Өмірзақ")
    assert "person: ӘБДІРАХМАНОВА Гүлнұр Сағындыққызы, born 04.03.1990" in out


def test_trust_list_defaults_to_the_data_directory(issued_pdf: Path, trust_dir: Path) -> None:
    code, _out, _err = run(["verify", str(issued_pdf)], trust_dir.parent)
    assert code == 0


def test_altered_pdf_exits_1_with_one_line(
    issued: IssuedNotification, trust_dir: Path, tmp_path: Path
) -> None:
    data = bytearray(issued.pdf)
    start = issued.pdf.index(b"stream", issued.pdf.index(b"/Filter"))
    data[start + 40] ^= 0x01
    path = tmp_path / "altered.pdf"
    path.write_bytes(bytes(data))
    code, out, _err = run(["verify", str(path), "--trust", str(trust_dir)], tmp_path)
    assert code == 1
    assert out.splitlines() == [
        "NOT GENUINE: altered after signing: the signed bytes do not match the signature: "
        "the document digest or the signature fails"
    ]


def test_revoked_signer_exits_1(
    issued_pdf: Path, trust_dir: Path, pki: Pki, tmp_path: Path
) -> None:
    (trust_dir / "revoked.txt").write_text(
        f"# revoked 2026-11-21\n{pki.signer_cert.serial_number:x}\n", encoding="utf-8"
    )
    code, out, _err = run(["verify", str(issued_pdf), "--trust", str(trust_dir)], tmp_path)
    assert code == 1
    assert out.startswith("NOT GENUINE: revoked signer")


def test_seal_text_genuine_and_one_changed_character(
    issued: IssuedNotification, trust_dir: Path, tmp_path: Path
) -> None:
    code, out, _err = run(
        ["verify", "--seal", issued.seal_text, "--trust", str(trust_dir)], tmp_path
    )
    assert code == 0
    assert "destination: Германия, Берлин" in out
    assert "decision: Алматы қаласы Police Department, No. 12-34/567 of 10.11.2026" in out

    i = len(issued.seal_text) // 2
    changed = (
        issued.seal_text[:i]
        + ("0" if issued.seal_text[i] != "0" else "1")
        + issued.seal_text[i + 1 :]
    )
    code, out, _err = run(["verify", "--seal", changed, "--trust", str(trust_dir)], tmp_path)
    assert code == 1
    assert len(out.splitlines()) == 1
    assert out.startswith("NOT GENUINE: ")


def test_seal_from_stdin(
    issued: IssuedNotification, trust_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(issued.seal_text + "\n"))
    code, _out, _err = run(["verify", "--seal", "-", "--trust", str(trust_dir)], tmp_path)
    assert code == 0


def test_bad_input_exits_2(tmp_path: Path, trust_dir: Path) -> None:
    assert run(["verify", "--trust", str(trust_dir)], tmp_path)[0] == 2
    code, _out, err = run(
        ["verify", str(tmp_path / "missing.pdf"), "--trust", str(trust_dir)], tmp_path
    )
    assert code == 2 and "cannot read" in err
    code, _out, err = run(["verify", "--seal", "QNS1:X"], tmp_path / "empty")  # no trust/
    assert code == 2 and "no trust list folder" in err


def test_not_a_pdf_is_not_genuine(tmp_path: Path, trust_dir: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"hello")
    code, out, _err = run(["verify", str(path), "--trust", str(trust_dir)], tmp_path)
    assert code == 1
    assert out.startswith("NOT GENUINE: not a readable PDF file")


def test_loader_can_be_replaced(issued_pdf: Path, trust: object, tmp_path: Path) -> None:
    commands.set_trust_loader(lambda args, cli: trust)  # type: ignore[arg-type,return-value]
    try:
        assert run(["verify", str(issued_pdf)], tmp_path)[0] == 0
    finally:
        commands.set_trust_loader(commands.default_trust_loader)


def test_a_seal_made_with_another_missions_key_exits_1(trust_dir: Path, tmp_path: Path) -> None:
    """Issue 13, point 5: `qonys verify --seal` binds the claimed mission to the key's."""
    from dataclasses import replace

    from desktop.documents.seal import SealClaims, SealSigner
    from tests.documents import fixtures

    ank = Ed25519PrivateKey.generate()
    (trust_dir / "seal-keys" / "ANK.pem").write_bytes(
        ank.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    claims = SealClaims.from_notification(fixtures.notification())
    assert claims.mission_code == "BER"
    forged = SealSigner(ank).sign(claims)
    code, out, _err = run(["verify", "--seal", forged, "--trust", str(trust_dir)], tmp_path)
    assert code == 1
    assert out.splitlines() == [
        "NOT GENUINE: the seal names another mission than the one its key belongs to: "
        "it claims BER, its key is ANK's"
    ]
    genuine = SealSigner(ank).sign(replace(claims, mission_code="ANK"))
    code, out, _err = run(["verify", "--seal", genuine, "--trust", str(trust_dir)], tmp_path)
    assert code == 0, out
