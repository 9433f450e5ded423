"""The console served by uvicorn on 127.0.0.1 in a thread, for the browser and HTTP tests."""

from __future__ import annotations

import contextlib
import http.cookiejar
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn

from desktop.department.console import ConsoleSettings, create_console


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(
    department: Any, settings: ConsoleSettings | None = None, *, app: Any = None
) -> Iterator[str]:
    """Serve the console (or ``app``) over plain HTTP on 127.0.0.1 (browsers treat it as a
    secure context, so the Secure cookies are kept); yields the base URL."""
    if app is None:
        app = create_console(department, settings or ConsoleSettings())
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the console did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@dataclass
class Reply:
    status: int
    body: str
    headers: dict[str, str]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Client:
    """A plain HTTP client with cookies (no redirects followed)."""

    base: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        assert self.base.startswith("http://127.0.0.1:")
        req = urllib.request.Request(self.base + path, data=body, method=method)  # noqa: S310
        try:
            with self.opener.open(req, timeout=120) as r:
                return Reply(r.status, r.read().decode("utf-8", "replace"), dict(r.headers))
        except urllib.error.HTTPError as e:
            return Reply(e.code, e.read().decode("utf-8", "replace"), dict(e.headers))

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str]) -> Reply:
        return self.request("POST", path, data)

    def upload(
        self, path: str, fields: dict[str, str], name: str, filename: str, data: bytes
    ) -> Reply:
        """A multipart POST with one file, as a browser's file form sends it."""
        boundary = "qonys-test-boundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        req = urllib.request.Request(self.base + path, data=body, method="POST")  # noqa: S310
        req.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        try:
            with self.opener.open(req, timeout=120) as r:
                return Reply(r.status, r.read().decode("utf-8", "replace"), dict(r.headers))
        except urllib.error.HTTPError as e:
            return Reply(e.code, e.read().decode("utf-8", "replace"), dict(e.headers))

    def download(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        req = urllib.request.Request(self.base + path)  # noqa: S310
        try:
            with self.opener.open(req, timeout=120) as r:
                return r.status, r.read(), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read(), dict(e.headers)

    def login(self, user: str, password: str) -> Reply:
        page = self.get("/login")
        token = csrf_of(page.body)
        return self.post("/login", {"csrf": token, "user": user, "password": password})

    def csrf(self) -> str:
        return csrf_of(self.get("/inbox").body)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)
