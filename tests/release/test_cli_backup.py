"""End to end through `qonys`: backup, verify, restore, recovery key, settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _wired(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    for name in ("QONYS_OFFICER", "QONYS_NEW_PASSWORD", "QONYS_RECOVERY_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_verify_restore(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.qonys-backup"
    code, text, err = run(
        capsys, "--data-dir", str(demo_dir), "--officer", "officer", "backup", "--out", str(out)
    )
    assert code == 0, err
    assert "Backup written" in text and out.exists()

    code, text, _ = run(capsys, "backup", "verify", str(out))
    assert code == 0 and "intact" in text and "KZ-BER" in text
    code, text, _ = run(capsys, "--officer", "consul", "backup", "verify", str(out))
    assert code == 0 and "not altered" in text

    damaged = tmp_path / "d.qonys-backup"
    raw = bytearray(out.read_bytes())
    raw[len(raw) // 3] ^= 0x04
    damaged.write_bytes(bytes(raw))
    code, _, err = run(capsys, "backup", "verify", str(damaged))
    assert code == 1 and "not valid" in err and "Traceback" not in err

    target = tmp_path / "new-machine"
    code, _, err = run(
        capsys, "--data-dir", str(target), "--officer", "consul", "restore", str(out)
    )
    assert code == 0, err
    code, original, _ = run(
        capsys, "--data-dir", str(demo_dir), "--officer", "admin", "cases", "--json"
    )
    code, restored, _ = run(
        capsys, "--data-dir", str(target), "--officer", "admin", "cases", "--json"
    )
    assert json.loads(restored) == json.loads(original) and len(json.loads(original)) == 25

    code, _, err = run(
        capsys, "--data-dir", str(target), "--officer", "consul", "restore", str(out)
    )
    assert code == 1 and "already holds a store" in err

    code, text, _ = run(
        capsys, "--data-dir", str(demo_dir), "--officer", "admin", "backup", "status"
    )
    assert code == 0 and "No backup is due" in text


def test_backup_to_a_new_folder(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new" / "usb"
    base = ("--data-dir", str(demo_dir), "--officer", "admin", "backup")
    code, _, err = run(capsys, *base, "--out", f"{folder}/")
    assert code == 0, err
    assert len(list(folder.glob("qonys-KZ-BER-*.qonys-backup"))) == 1
    blocked = tmp_path / "file"
    blocked.write_text("x")
    code, _, err = run(capsys, *base, "--out", f"{blocked}/sub/")
    assert code == 1 and "Cannot write" in err


def test_backup_to_the_settings_folder(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "usb"
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "--officer", "admin", "backup")
    assert code == 2 and "--out" in err
    code, _, err = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "--officer",
        "admin",
        "settings",
        "set",
        "backup.folder",
        str(folder),
    )
    assert code == 0, err
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "--officer", "admin", "backup")
    assert code == 0, err
    assert len(list(folder.glob("qonys-KZ-BER-*.qonys-backup"))) == 1


def test_recovery_export_and_restore_with_it(
    demo_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QONYS_RECOVERY_PASSPHRASE", "kept in the mission safe")
    code, text, err = run(
        capsys, "--data-dir", str(demo_dir), "--officer", "admin", "recovery", "export"
    )
    assert code == 0, err
    pem = text[
        text.index("-----BEGIN ENCRYPTED PRIVATE KEY-----") : text.index(
            "-----END ENCRYPTED PRIVATE KEY-----"
        )
        + 35
    ]
    key_file = tmp_path / "recovery.pem"
    key_file.write_text(pem + "\n")
    code, text, _ = run(
        capsys, "--data-dir", str(demo_dir), "--officer", "officer", "recovery", "status"
    )
    assert code == 0 and "Recovery slot" in text

    out = tmp_path / "b.qonys-backup"
    assert (
        run(capsys, "--data-dir", str(demo_dir), "--officer", "admin", "backup", "--out", str(out))[
            0
        ]
        == 0
    )
    code, text, _ = run(capsys, "backup", "verify", str(out), "--recovery-key", str(key_file))
    assert code == 0 and "not altered" in text

    target = tmp_path / "capital"
    code, _, err = run(
        capsys, "--data-dir", str(target), "restore", str(out), "--recovery-key", str(key_file)
    )
    assert code == 2 and "--new-admin" in err
    monkeypatch.setenv("QONYS_NEW_PASSWORD", "capital password 1")
    code, _, err = run(
        capsys,
        "--data-dir",
        str(target),
        "restore",
        str(out),
        "--recovery-key",
        str(key_file),
        "--new-admin",
        "capital",
        "--full-name",
        "Department officer",
    )
    assert code == 0, err
    monkeypatch.setenv("QONYS_PASSWORD", "capital password 1")
    code, text, err = run(
        capsys, "--data-dir", str(target), "--officer", "capital", "cases", "--json"
    )
    assert code == 0 and len(json.loads(text)) == 25

    monkeypatch.setenv("QONYS_RECOVERY_PASSPHRASE", "not the passphrase")
    code, _, err = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "recover",
        "--recovery-key",
        str(key_file),
        "--new-admin",
        "x1",
    )
    assert code == 1 and "passphrase" in err


def test_settings_cli(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ("--data-dir", str(demo_dir), "--officer", "admin", "settings")
    code, text, err = run(capsys, *base, "set", "reception.intake", "09:00-12:00")
    assert code == 0 and "09:00-12:00" in text, err
    code, _, err = run(capsys, *base, "set", "reception.intake", "noon")
    assert code == 2 and "HH:MM-HH:MM" in err
    code, _, err = run(capsys, "--lang", "kk", *base, "set", "reception.intake", "noon")
    assert code == 2 and "СС:ММ" in err
    code, text, _ = run(capsys, *base, "show", "--json")
    assert json.loads(text)["reception.intake"] == ["09:00-12:00"]
    code, _, err = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "--officer",
        "officer",
        "settings",
        "set",
        "host.city",
        "Бонн",
    )
    assert code == 1 and "may not" in err


def test_passwd(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QONYS_NEW_PASSWORD", "another good password")
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "--officer", "officer", "passwd")
    assert code == 0, err
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "--officer", "officer", "cases")
    assert code == 1 and "Wrong login or password" in err
