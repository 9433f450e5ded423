"""DATA_DIR/database.url is a plain file: the URL a desk keeps there carries no secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services import shared_store
from desktop.services.errors import InvalidInput
from desktop.storage.postgres import StoreUrlError, check_url, redacted
from desktop.storage.store import StorePaths

SECRETS = (
    "postgresql+psycopg://qonys:s3cret@127.0.0.1:5432/qonys",
    "postgresql+psycopg://qonys@127.0.0.1:5432/qonys?password=s3cret",
    "postgresql+psycopg://qonys@db.mission.example/qonys?sslmode=verify-full"
    "&sslrootcert=/etc/qonys/ca.pem&sslkey=/etc/qonys/desk.key&sslpassword=s3cret",
)


@pytest.mark.parametrize("url", SECRETS)
def test_a_url_with_a_password_is_refused_and_not_kept(url: str, tmp_path: Path) -> None:
    with pytest.raises(StoreUrlError, match="pgpass"):
        check_url(url)
    with pytest.raises(InvalidInput) as refused:
        shared_store.join(tmp_path, url)
    message = refused.value.message
    assert "s3cret" not in message.en + message.ru + message.kk
    assert "`PGPASSFILE`" in message.ru and "`PGPASSFILE`" in message.kk
    assert not StorePaths(tmp_path).database_file.exists()


def test_a_client_certificate_url_is_kept(tmp_path: Path) -> None:
    url = (
        "postgresql+psycopg://qonys@db.mission.example/qonys?sslmode=verify-full"
        "&sslrootcert=/etc/qonys/ca.pem&sslcert=/etc/qonys/desk.crt&sslkey=/etc/qonys/desk.key"
    )
    shared_store.join(tmp_path, url)
    assert StorePaths(tmp_path).url == url


SOCKET_URLS = (
    # The same socket URL as typed and as SQLAlchemy renders it.
    ("postgresql+psycopg://qonys@/qonys?host=/tmp", "postgresql+psycopg://qonys@/qonys?host=/tmp"),
    (
        "postgresql+psycopg://qonys@/qonys?host=%2Ftmp",
        "postgresql+psycopg://qonys@/qonys?host=/tmp",
    ),
    (
        "postgresql+psycopg://qonys@/qonys?host=%2Fvar%2Frun%2Fpostgresql&port=5433",
        "postgresql+psycopg://qonys@/qonys?host=/var/run/postgresql&port=5433",
    ),
)


@pytest.mark.parametrize(("url", "shown"), SOCKET_URLS)
def test_a_unix_socket_url_is_shown_decoded(url: str, shown: str, tmp_path: Path) -> None:
    assert redacted(url) == shown
    shared_store.join(tmp_path, url)
    assert shared_store.database_of(tmp_path) == shown  # the login window names it so


def test_a_password_is_never_shown(tmp_path: Path) -> None:
    assert redacted("postgresql+psycopg://qonys:s3cret@db.example:5432/qonys?host=%2Ftmp") == (
        "postgresql+psycopg://qonys:***@db.example:5432/qonys?host=/tmp"
    )
    assert redacted(SECRETS[1]) == "postgresql+psycopg://qonys@127.0.0.1:5432/qonys?password=***"
    assert "s3cret" not in redacted(SECRETS[2]) and "sslrootcert=/etc/qonys/ca.pem" in redacted(
        SECRETS[2]
    )


def test_the_command_line_and_the_refusal_name_the_socket_readably(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop import cli

    nobody = tmp_path / "no-server"  # a socket folder where no server listens
    nobody.mkdir()
    encoded = f"postgresql+psycopg://qonys@/qonys?host={str(nobody).replace('/', '%2F')}"
    desk = tmp_path / "desk"
    shared_store.join(desk, encoded)
    assert cli.main(["--data-dir", str(desk), "store", "show"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"PostgreSQL: postgresql+psycopg://qonys@/qonys?host={nobody}"
    )

    monkeypatch.setenv("QONYS_PASSWORD", "whatever-1234")
    assert cli.main(["--data-dir", str(desk), "--officer", "admin", "cases"]) != 0
    said = capsys.readouterr().err
    assert f"host={nobody}" in said and "%2F" not in said
