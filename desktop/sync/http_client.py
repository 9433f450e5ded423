"""The mission's side of the online exchange: a tus 1.0 upload and ranged downloads (issue 16).

No database here: ``desktop.services.sync_online`` keeps the state and calls this with the
mission's keys. Every request is signed (``http_signing``); the server's certificate must
chain to the Department CA from the enrolment bundle (pinned: no other CA is trusted).

Uploads go in chunks: the first in the creation request itself (tus creation-with-upload), each
next one a PATCH. After a drop, at most the chunk in flight is sent again (the server also
keeps what it had read of it, so usually less). The first chunk is ``CHUNK``
(1 MiB); each next one is what the link carried in ``CHUNK_SECONDS`` (2 s) on the last, between
``MIN_CHUNK`` (256 KiB) and ``MAX_CHUNK`` (64 MiB), and takes the rest of the file too when less
than half a chunk would be left (never beyond ``MAX_CHUNK``). The next upload to the same
server within ``LEARNED_FOR`` (10 min) in this process starts at the chunk the last one
reached. So a drop costs at most about three seconds
of transfer on any link — on a 256 kbit/s link the floor, 256 KiB, is 8 s — while a fast link
pays one round trip, one signature and one fsync per 64 MiB instead of per MiB.
"""

from __future__ import annotations

import base64
import hashlib
import os
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from desktop.sync import http_signing

PREFIX = "/sync/v1"
TUS_VERSION = "1.0.0"
OCTETS = "application/offset+octet-stream"
CHUNK = 1 << 20
MIN_CHUNK, MAX_CHUNK = 256 << 10, 64 << 20
CHUNK_SECONDS = 2.0
# The chunk a link proved it carries in CHUNK_SECONDS, by server address, kept this long for the
# next upload in this process (the desk's rounds, `sync --watch`): a link that just proved good
# starts there instead of at CHUNK. Older, or in a new process, it is proved again.
LEARNED_FOR = 600.0
_learned: dict[str, tuple[float, int]] = {}
STOPPED = "stopped"
_PIECE = 64 * 1024  # what is read from the socket at once (and throttled by)
_SEND_PIECE = 256 * 1024  # what is handed to the socket at once (and throttled by)

Progress = Callable[[int], None]


class LinkError(Exception):
    """The server could not be reached or did not answer properly: try again later."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class ServerRefused(Exception):
    """The server answered 4xx with a stable reason code: retrying the same will not help
    (except ``offset-mismatch``, which the upload handles itself)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


@dataclass(frozen=True)
class UploadAnswer:
    result: str  # accepted / duplicate / refused
    reason: str | None
    sequence: int | None
    # The server's checks (its Server-Timing), when this request ran them: not part of the answer.
    receive_seconds: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class RemotePackage:
    sequence: int
    file: str
    size: int
    sha256: str


class Throttle:
    """A token bucket: at most ``rate`` bytes per second on average (None: no limit)."""

    def __init__(self, rate: int | None) -> None:
        self.rate = rate
        self._start = time.monotonic()
        self._sent = 0

    def take(self, n: int) -> None:
        if not self.rate:
            return
        self._sent += n
        due = self._start + self._sent / self.rate
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        elif wait < -1.0:  # idle for a while: no burst to make up for it
            self._start, self._sent = time.monotonic(), 0


def _receive_seconds(timing: str) -> float | None:
    """``receive;dur=MS`` of a ``Server-Timing`` header, in seconds."""
    for metric in timing.split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        for param in params:
            key, _, value = param.partition("=")
            if name == "receive" and key == "dur":
                try:
                    return float(value) / 1000
                except ValueError:
                    return None
    return None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class SyncClient:
    """One mission's connection to the Department's sync server."""

    def __init__(
        self,
        base_url: str,
        ca: x509.Certificate,
        cert: x509.Certificate,
        key: ec.EllipticCurvePrivateKey,
        *,
        bandwidth_bps: int | None = None,
        chunk: int | None = None,
        timeout: float = 30.0,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        from cryptography.hazmat.primitives import serialization

        self.base = base_url.rstrip("/")
        self.cert, self.key = cert, key
        self.adaptive = chunk is None  # a fixed chunk for tests that need one
        self.chunk = chunk or CHUNK
        if self.adaptive:
            when, learned = _learned.get(self.base, (0.0, 0))
            if learned and time.monotonic() - when < LEARNED_FOR:
                self.chunk = learned
        self.largest_chunk = 0  # the largest chunk sent so far (benchmarks report it)
        self.body_bytes = 0  # package bytes sent in upload bodies, re-sent ones included
        self.throttle = Throttle(bandwidth_bps)
        self.should_stop = should_stop or (lambda: False)
        # Where the server said an upload is, from its creation: `upload` needs no HEAD.
        self._known: dict[str, tuple[int, UploadAnswer | None]] = {}
        context = ssl.create_default_context(
            cadata=ca.public_bytes(serialization.Encoding.PEM).decode("ascii")
        )
        self.http = httpx.Client(
            verify=context,
            # The answer to an upload's last chunk comes after `receive` has checked and stored
            # the whole package: minutes for a large one on a busy server.
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0), read=max(timeout, 600.0)),
            headers={"User-Agent": "qonys-sync"},
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------------------
    def _check_stop(self) -> None:
        """The desk is locking or closing: stop now (the transfer resumes next time)."""
        if self.should_stop():
            raise LinkError(STOPPED, "stopped: the transfer resumes next time")

    def _url(self, path: str) -> str:
        return urljoin(self.base + "/", path.lstrip("/")) if not path.startswith("http") else path

    def _request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        content: bytes | Iterator[bytes] | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        url = self._url(path)
        sent = {"Tus-Resumable": TUS_VERSION, **(headers or {})}
        http_signing.sign(method, url, sent, self.cert, self.key)
        request = self.http.build_request(method, url, headers=sent, content=content)
        try:
            response = self.http.send(request, stream=stream)
        except httpx.TimeoutException as exc:
            raise LinkError("timeout", "the Department's server did not answer in time") from exc
        except httpx.TransportError as exc:
            if isinstance(exc.__cause__, ssl.SSLCertVerificationError) or "CERTIFICATE" in str(exc):
                raise LinkError(
                    "tls-untrusted", "the server's certificate is not from the Department CA"
                ) from exc
            raise LinkError("unreachable", "the Department's server cannot be reached") from exc
        if response.status_code >= 500:
            response.close()
            raise LinkError("server-error", f"the server answered {response.status_code}")
        if response.status_code >= 400:
            if stream:
                response.read()
            code, message = "refused", f"HTTP {response.status_code}"
            try:
                body = response.json()
                code, message = str(body.get("error", code)), str(body.get("message", message))
            except ValueError:
                pass
            raise ServerRefused(response.status_code, code[:40], message)
        return response

    # -- uploading -------------------------------------------------------------------------
    def create_upload(
        self, size: int, sha256: str, path: Path | None = None, *, sent: Progress | None = None
    ) -> str:
        """A new upload (or the one the server has for these bytes); returns its address.

        With ``path``, the request carries the first chunk (tus creation-with-upload): one
        round trip fewer, and a package smaller than a chunk is sent with this request alone.
        Where the server is after it is remembered for ``upload`` (no HEAD to ask)."""
        meta = "sha256 " + base64.b64encode(sha256.encode("ascii")).decode("ascii")
        headers = {"Upload-Length": str(size), "Upload-Metadata": meta}
        end = self._chunk_end(0, size) if path is not None else 0
        body: Iterator[bytes] | None = None
        if path is not None:
            headers["Content-Type"] = OCTETS
            body = self._body(path, 0, end, sent)
            self.largest_chunk = max(self.largest_chunk, end)
        headers["Content-Length"] = str(end)
        started = time.monotonic()
        response = self._request("POST", f"{PREFIX}/uploads", headers=headers, content=body)
        location = str(response.headers.get("location") or "")
        if not location:
            raise LinkError("protocol", "the server did not say where the upload is")
        offset, answer = self._state(response)
        if answer is None and offset == end > 0:
            self._adapt(end, started)
        self._known[location] = (offset, answer)
        return location

    def _chunk_end(self, offset: int, size: int) -> int:
        """Where the chunk from ``offset`` ends: ``self.chunk`` on, or the end of the file if
        less than half a chunk would be left (no short request at the tail)."""
        end = offset + self.chunk
        if self.adaptive and size - end < self.chunk // 2 and size - offset <= MAX_CHUNK:
            end = size
        return min(size, end)

    def _adapt(self, carried: int, started: float) -> None:
        """The next chunk: what the link carried in ``CHUNK_SECONDS`` on this one."""
        if self.adaptive:
            now = time.monotonic()
            rate = carried / max(now - started, 1e-3)
            self.chunk = int(min(MAX_CHUNK, max(MIN_CHUNK, rate * CHUNK_SECONDS)))
            _learned[self.base] = (now, self.chunk)

    def _state(self, response: httpx.Response) -> tuple[int, UploadAnswer | None]:
        offset = int(response.headers.get("upload-offset", "-1"))
        if offset < 0:
            raise LinkError("protocol", "the server did not give the upload's offset")
        result = response.headers.get("qonys-result")
        if result is None:
            return offset, None
        seq = response.headers.get("qonys-sequence")
        return offset, UploadAnswer(
            result,
            response.headers.get("qonys-reason"),
            int(seq) if seq else None,
            _receive_seconds(response.headers.get("server-timing", "")),
        )

    def offset(self, location: str) -> tuple[int, UploadAnswer | None]:
        return self._state(self._request("HEAD", location))

    def _body(self, path: Path, start: int, end: int, sent: Progress | None) -> Iterator[bytes]:
        with path.open("rb") as handle:
            handle.seek(start)
            position = start
            while position < end:
                self._check_stop()
                piece = handle.read(min(_SEND_PIECE, end - position))
                if not piece:
                    raise LinkError("file-changed", "the package file became shorter")
                self.throttle.take(len(piece))
                position += len(piece)
                self.body_bytes += len(piece)
                yield piece
                if sent is not None:
                    sent(position)

    def upload(
        self,
        path: Path,
        location: str,
        size: int,
        *,
        confirmed: Progress | None = None,
        sent: Progress | None = None,
    ) -> UploadAnswer:
        """Send ``path`` to the upload at ``location`` from where the server has it.

        ``confirmed(offset)`` after each chunk the server took (to record), ``sent(position)``
        as bytes leave (for a progress bar). Returns the server's answer on the whole package.
        """
        known = self._known.pop(location, None)
        offset, answer = known if known is not None else self.offset(location)
        if known is not None and confirmed is not None and answer is None and offset:
            confirmed(offset)
        conflicts = 0
        while answer is None:
            if offset > size:
                raise LinkError("protocol", "the server has more bytes than the package")
            end = self._chunk_end(offset, size)
            self.largest_chunk = max(self.largest_chunk, end - offset)
            started = time.monotonic()
            try:
                response = self._request(
                    "PATCH",
                    location,
                    headers={
                        "Content-Type": OCTETS,
                        "Upload-Offset": str(offset),
                        "Content-Length": str(end - offset),
                    },
                    content=self._body(path, offset, end, sent),
                )
            except ServerRefused as exc:
                conflicts += 1
                if exc.code not in ("offset-mismatch", "busy") or conflicts > 5:
                    raise
                # An earlier, cut-off request got further (or is still finishing): go on
                # from where the server is.
                offset, answer = self.offset(location)
                continue
            conflicts = 0
            new, answer = self._state(response)
            if answer is None and new > offset:
                self._adapt(new - offset, started)
            if new <= offset and offset < size and answer is None:
                raise LinkError("protocol", "the server took no bytes")
            offset = new
            if confirmed is not None:
                confirmed(offset)
        return answer

    # -- downloading -----------------------------------------------------------------------
    def packages(self, after: int) -> list[RemotePackage]:
        response = self._request("GET", f"{PREFIX}/packages?after={after}")
        try:
            items = response.json()["packages"]
            return [
                RemotePackage(int(p["sequence"]), str(p["file"]), int(p["size"]), str(p["sha256"]))
                for p in items
            ]
        except (ValueError, KeyError, TypeError) as exc:
            raise LinkError("protocol", "the server's list of packages is malformed") from exc

    def download(self, remote: RemotePackage, part: Path, progress: Progress | None = None) -> Path:
        """Fetch ``remote`` into ``part`` (resuming what is there with HTTP Range); returns
        ``part`` once complete and matching its SHA-256 (else removes it: fetched again)."""
        have = part.stat().st_size if part.exists() else 0
        if have > remote.size:
            part.unlink()
            have = 0
        if have < remote.size:
            headers = {"Range": f"bytes={have}-"} if have else {}
            response = self._request(
                "GET", f"{PREFIX}/packages/{remote.sequence}", headers=headers, stream=True
            )
            try:
                if have and response.status_code != 206:
                    have = 0  # the server sent it whole: start over
                mode = "ab" if have else "wb"
                fd = os.open(part, os.O_WRONLY | os.O_CREAT, 0o600)
                os.close(fd)
                with part.open(mode) as out:
                    try:
                        for block in response.iter_bytes(_PIECE):
                            self._check_stop()
                            self.throttle.take(len(block))
                            out.write(block)
                            have += len(block)
                            if progress is not None:
                                progress(have)
                    except httpx.TransportError as exc:
                        raise LinkError("unreachable", "the download was cut off") from exc
                    finally:
                        out.flush()
                        os.fsync(out.fileno())
            finally:
                response.close()
        if part.stat().st_size != remote.size or file_sha256(part) != remote.sha256:
            if part.stat().st_size >= remote.size:
                part.unlink()
            raise LinkError("incomplete", "the package did not arrive whole; fetched again")
        return part
