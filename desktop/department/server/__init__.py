"""The Department's online sync server (issue 16): ``qonys-department serve``.

``create_app`` builds the Starlette application; ``run`` serves it with uvicorn over TLS with a
certificate from the Department CA (made and kept in ``DEP/keys`` when none is given).
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from starlette.routing import BaseRoute

from desktop.department.core import KEYS_DIR, _pem
from desktop.department.server.app import PREFIX, ServerConfig, create_app
from desktop.department.server.tls import covers, issue_server_certificate
from desktop.department.service import Department
from desktop.storage.files import write_atomic
from desktop.sync import cms
from desktop.sync.trust import encrypt_key

__all__ = [
    "PREFIX", "ServerConfig", "create_app", "listen", "run", "server_tls", "warm_up_in_background",
]  # fmt: skip

log = logging.getLogger("qonys.department.sync")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Tls:
    certfile: Path
    keyfile: Path
    password: str | None


def server_tls(dep: Department, hosts: Sequence[str]) -> Tls:
    """The server certificate in ``DEP/keys/server.*.pem``: re-issued by the Department CA
    when it does not name every host or expires within 30 days."""
    keys = dep.data_dir / KEYS_DIR
    certfile, keyfile = keys / "server.crt.pem", keys / "server.key.pem"
    wanted = list(dict.fromkeys([*hosts, *LOOPBACK]))
    password = dep.master.key_passphrase
    current = None
    if certfile.exists() and keyfile.exists():
        current = x509.load_pem_x509_certificate(certfile.read_bytes())
    if current is None or not covers(current, wanted):
        cred = issue_server_certificate(dep.keys.ca, wanted)
        write_atomic(keyfile, encrypt_key(cred.key, password).encode())
        write_atomic(certfile, _pem(cred.cert))
        log.info("server certificate issued for %s", ", ".join(wanted))
    return Tls(certfile, keyfile, password.decode("ascii"))


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything else (OSError: in use, not ours …)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def warm_up_in_background() -> threading.Thread:
    """pyHanko's import (about a second) on a daemon thread, so that the first package after a
    start does not pay it. The server does not wait for it: it answers meanwhile, and a package
    that arrives first simply waits for the same import."""

    def warm() -> None:
        try:
            cms.warm_up()
        except Exception:  # the first package imports it again and says why
            log.warning("pyHanko could not be loaded in advance", exc_info=True)

    thread = threading.Thread(target=warm, name="qonys-warm-up", daemon=True)
    thread.start()
    return thread


def run(
    dep: Department,
    *,
    sock: socket.socket,
    host: str,
    port: int,
    tls: Tls | None,
    config: ServerConfig,
    limit_concurrency: int,
    extra_routes: Sequence[BaseRoute] = (),
) -> None:
    """Serve on ``sock`` until interrupted (uvicorn, one process; run several behind a proxy).
    ``extra_routes`` follow the sync API's (the staff's web console at ``/``)."""
    import uvicorn

    app = create_app(dep, config=config, extra_routes=extra_routes)
    warm_up_in_background()
    uv = uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_certfile=str(tls.certfile) if tls else None,
        ssl_keyfile=str(tls.keyfile) if tls else None,
        ssl_keyfile_password=tls.password if tls else None,
        # A connection idle between requests is closed soon; the request bodies have their
        # own idle timeout (ServerConfig.read_timeout); at most this many at once.
        timeout_keep_alive=15,
        limit_concurrency=limit_concurrency,
        h11_max_incomplete_event_size=64 * 1024,  # request line and headers
        proxy_headers=False,
        server_header=False,
        log_config=None,
        access_log=True,
    )
    uvicorn.Server(uv).run(sockets=[sock])
