"""The enrolment bundle can carry the sync server's address; the mission adopts it."""

from __future__ import annotations

from pathlib import Path

import pytest

import desktop.cli
from desktop.department import cli as department_cli
from desktop.services import session, settings
from tests.conftest import FAST_KDF, PASSWORD
from tests.department.helpers import BUNDLE_PASSWORD


def test_the_bundle_sets_the_sync_address_unless_one_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    monkeypatch.setenv("QONYS_BUNDLE_PASSWORD", BUNDLE_PASSWORD)
    monkeypatch.setenv("QONYS_OFFICER", "admin")
    monkeypatch.delenv("QONYS_DEPARTMENT_DB", raising=False)
    dep = ["--data-dir", str(tmp_path / "dep")]
    assert department_cli.main([*dep, "init"]) == 0
    bundle = tmp_path / "ber.bundle"
    with pytest.raises(SystemExit):  # not an https:// address: refused by the parser
        department_cli.main([*dep, "enrol-mission", "--code", "KZ-BER", "--name", "Berlin",
                             "--out", str(bundle), "--sync-url", "ftp://x"])  # fmt: skip
    assert department_cli.main([*dep, "enrol-mission", "--code", "KZ-BER", "--name", "Berlin",
                                "--out", str(bundle), "--sync-url",
                                "https://sync.example:8443/"]) == 0  # fmt: skip
    store = tmp_path / "mission"
    session.create_store(store, mission_code="KZ-BER", mission_name="Berlin", country="DE",
                         admin_login="admin", admin_full_name="Әкімші", admin_password=PASSWORD,
                         kdf=FAST_KDF)  # fmt: skip
    capsys.readouterr()
    assert desktop.cli.main(["--data-dir", str(store), "trust", "import", str(bundle)]) == 0
    assert "Online sync with the Department: https://sync.example:8443" in capsys.readouterr().out
    ctx = session.login(store, "admin", PASSWORD)
    try:
        assert settings.show(ctx).values["sync.department_url"] == "https://sync.example:8443"
    finally:
        ctx.close()


def test_serve_refuses_unsafe_options_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dep = ["--data-dir", str(tmp_path / "dep"), "serve"]
    for argv, message in (
        (["--no-tls", "--host", "192.0.2.1"], "--no-tls only on a loopback address"),
        (["--cert", str(tmp_path / "c.pem")], "give both --cert and --key"),
    ):
        assert department_cli.main([*dep, *argv]) == 1
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit):
        department_cli.main([*dep, "--port", "70000"])
