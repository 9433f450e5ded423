"""DATA_DIR/database.url is a plain file: the URL a desk keeps there carries no secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services import shared_store
from desktop.services.errors import InvalidInput
from desktop.storage.postgres import StoreUrlError, check_url
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
