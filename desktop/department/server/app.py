"""The Department's sync server: a Starlette application (issue 16; docs/exchange.md "Online").

Routes, all under ``/sync/v1`` except the health check (``/`` stays free for the web console):

* ``OPTIONS /sync/v1/uploads`` — tus 1.0 discovery (version, extensions, maximum size);
* ``POST /sync/v1/uploads`` — tus *creation*: ``Upload-Length`` and ``Upload-Metadata``
  (``sha256`` of the package, base64 of the hex digest) → ``201``, ``Location`` and
  ``Upload-Offset``; with *creation-with-upload* the body carries the first bytes (one round
  trip fewer; a package smaller than the first chunk travels in this one request);
* ``HEAD /sync/v1/uploads/{id}`` — the offset to resume from, and once complete the answer;
* ``PATCH /sync/v1/uploads/{id}`` — bytes at ``Upload-Offset``; when the last byte is in, the
  package goes through ``receive`` and the answer is in ``Qonys-Result`` (``accepted``,
  ``duplicate``, ``refused``) and ``Qonys-Reason`` (the refusal's stable code), with the time
  those checks took in ``Server-Timing: receive;dur=MS``;
* ``GET /sync/v1/packages?after=N`` — the Department's packages for the mission after N
  (a reply is written first if the mission has news: decisions or acknowledgements);
* ``GET /sync/v1/packages/{sequence}`` — one of them, with HTTP ``Range``;
* ``GET /health``.

Every request to ``/sync/v1`` except discovery is signed by the mission (``desktop.sync.
http_signing``): checked in memory first, so a request that is not a well-formed, signed one
ends in a 4xx before the database is touched; then the mission must be enrolled and not
revoked (one read) before any byte of a body is read.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import anyio
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from desktop.department.server.store import Refused, SyncStore, UploadState
from desktop.department.service import Department
from desktop.sync import http_signing
from desktop.sync.trust import fingerprint

log = logging.getLogger("qonys.department.sync")

PREFIX = "/sync/v1"
TUS_VERSION = "1.0.0"
OCTETS = "application/offset+octet-stream"
_UPLOAD_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ServerConfig:
    """Limits of the sync server (``qonys-department serve`` options)."""

    max_package_bytes: int = 4 << 30  # a package is a classic ZIP: at most 4 GiB
    # No byte from the client for this long ends the request (slow-loris); what came is kept.
    read_timeout: float = 30.0
    # However fast the bytes come, one request ends after this long (resumed by the next).
    request_deadline: float = 3600.0


def _lock(fd: int, wait: float = 20.0) -> None:
    """An exclusive lock on an upload's file (every worker shares the package store)."""
    import fcntl

    end = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > end:
                raise Refused(409, "busy", "another request is writing this upload") from None
            time.sleep(0.05)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(
        {"error": code, "message": message},
        status_code=status,
        headers={"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store"},
    )


def _upload_headers(state: UploadState) -> dict[str, str]:
    headers = {
        "Tus-Resumable": TUS_VERSION,
        "Upload-Offset": str(state.offset),
        "Upload-Length": str(state.length),
        "Cache-Control": "no-store",
    }
    if state.result is not None:
        headers["Qonys-Result"] = state.result
    if state.reason is not None:
        headers["Qonys-Reason"] = state.reason
    if state.sequence is not None:
        headers["Qonys-Sequence"] = str(state.sequence)
    if state.receive_seconds is not None:  # W3C Server Timing: what the checks took
        headers["Server-Timing"] = f"receive;dur={state.receive_seconds * 1000:.0f}"
    return headers


def _int_header(request: Request, name: str) -> int:
    raw = request.headers.get(name)
    if raw is None or not raw.isdigit() or len(raw) > 15:
        raise Refused(400, "bad-header", f"{name} must be a non-negative integer")
    return int(raw)


def _metadata(raw: str | None) -> dict[str, str]:
    """tus ``Upload-Metadata``: comma-separated ``key base64value`` pairs."""
    found: dict[str, str] = {}
    for pair in (raw or "").split(","):
        parts = pair.strip().split(" ")
        if not parts[0]:
            continue
        if len(parts) > 2 or len(found) > 8:
            raise Refused(400, "bad-header", "Upload-Metadata is malformed")
        try:
            found[parts[0]] = base64.b64decode(parts[1], validate=True).decode("ascii")
        except (IndexError, ValueError, binascii.Error, UnicodeDecodeError):
            raise Refused(400, "bad-header", "Upload-Metadata is malformed") from None
    return found


class SyncApi:
    def __init__(self, store: SyncStore, config: ServerConfig) -> None:
        self.store, self.config = store, config

    def signer(self, request: Request) -> str:
        """The signature checked in memory: the fingerprint of the certificate that signed.
        Whether it is an enrolled, unrevoked mission's is read with the request's first
        database work (``SyncStore.*_as``), before any byte of its body."""
        if request.headers.get("tus-resumable", TUS_VERSION) != TUS_VERSION:
            raise Refused(412, "tus-version", f"this server speaks tus {TUS_VERSION}")
        try:
            cert = http_signing.verify(
                request.method, str(request.url), request.headers, self.store.ca
            )
        except http_signing.AuthError as exc:
            raise Refused(401, exc.code, str(exc)) from None
        return fingerprint(cert)

    async def mission(self, request: Request) -> str:
        """Authenticate: the signature in memory, then one read for revocation."""
        return await run_in_threadpool(self.store.mission_of, self.signer(request))

    async def options(self, _request: Request) -> Response:
        return Response(
            status_code=204,
            headers={
                "Tus-Resumable": TUS_VERSION,
                "Tus-Version": TUS_VERSION,
                "Tus-Extension": "creation,creation-with-upload",
                "Tus-Max-Size": str(self.config.max_package_bytes),
            },
        )

    async def create(self, request: Request) -> Response:
        length = _int_header(request, "upload-length")
        if length == 0:
            raise Refused(400, "empty", "an empty file is not a package")
        if length > self.config.max_package_bytes:
            raise Refused(413, "too-large", "larger than a package may be")
        meta = _metadata(request.headers.get("upload-metadata"))
        sha256 = meta.get("sha256", "")
        if not _HEX64.match(sha256):
            raise Refused(400, "bad-header", "Upload-Metadata must carry the package's sha256")
        declared = request.headers.get("content-length", "0")
        with_body = declared != "0"
        if with_body and request.headers.get("content-type") != OCTETS:
            raise Refused(400, "bad-request", f"a creation's body is {OCTETS}")
        if not declared.isdigit() or int(declared) > length:
            raise Refused(400, "bad-header", "Content-Length must be at most Upload-Length")
        signer = self.signer(request)
        mission, state, new = await run_in_threadpool(self.store.create_as, signer, length, sha256)
        if with_body and state.offset == 0 and state.result is None:
            # creation-with-upload. An upload this mission had already begun for the same
            # bytes is not written to: its offset is in the answer, the client goes on there.
            created = state
            if new:  # no one else knows it yet: its state is the one just created
                state = await self._write(request, state.id, 0, lambda: (mission, created))
            else:
                state = await self._write(
                    request, state.id, 0, lambda: self.store.get_as(signer, created.id)
                )
        headers = _upload_headers(state)
        headers["Location"] = f"{PREFIX}/uploads/{state.id}"
        return Response(status_code=201, headers=headers)

    def _upload_id(self, request: Request) -> str:
        upload_id = str(request.path_params["upload_id"])
        if not _UPLOAD_ID.match(upload_id):
            raise Refused(404, "no-such-upload", "no such upload")
        return upload_id

    async def head(self, request: Request) -> Response:
        upload_id = self._upload_id(request)
        signer = self.signer(request)
        # A request cut off a moment ago may still be recording its bytes: the offset given
        # is the one after it (else the client would send them again).
        try:
            fd = os.open(self.store.path(upload_id), os.O_WRONLY)
        except FileNotFoundError:  # finished: its answer is in the database (or no such)
            fd = -1
        try:
            if fd >= 0:
                await run_in_threadpool(_lock, fd)
            _mission, state = await run_in_threadpool(self.store.get_as, signer, upload_id)
        finally:
            if fd >= 0:
                os.close(fd)
        return Response(status_code=200, headers=_upload_headers(state))

    async def patch(self, request: Request) -> Response:
        upload_id = self._upload_id(request)
        if request.headers.get("content-type") != OCTETS:
            raise Refused(415, "bad-content-type", f"PATCH takes {OCTETS}")
        offset = _int_header(request, "upload-offset")
        declared = request.headers.get("content-length")
        if declared is not None and not declared.isdigit():
            raise Refused(400, "bad-header", "Content-Length must be an integer")
        signer = self.signer(request)
        state = await self._write(
            request, upload_id, offset, lambda: self.store.get_as(signer, upload_id)
        )
        return Response(status_code=204, headers=_upload_headers(state))

    async def _write(
        self,
        request: Request,
        upload_id: str,
        offset: int,
        current: Callable[[], tuple[str, UploadState]],
    ) -> UploadState:
        """The request's body at ``offset`` of the upload; its state after. ``current()``
        reads (in one transaction) that the sender is an enrolled, unrevoked mission whose
        upload this is, and where it is: called once the upload is this request's alone."""
        declared = request.headers.get("content-length")
        try:
            # The file exists from the upload's creation until its answer is recorded.
            fd = os.open(self.store.path(upload_id), os.O_WRONLY)
        except FileNotFoundError:  # finished (its answer is recorded), or lost
            _mission, state = await run_in_threadpool(current)  # or 401/403/404
            if state.result is None:
                # Its bytes are gone (the package store was restored without them): the
                # mission starts the upload again.
                await run_in_threadpool(self.store.forget, upload_id)
                raise Refused(
                    404, "no-such-upload", "the upload's bytes are lost; start again"
                ) from None
            return state
        try:
            # One writer per upload, whichever worker: a request cut off a moment ago may
            # still be recording its bytes; this one waits for it, then reads the offset
            # (and that the upload is this mission's).
            await run_in_threadpool(_lock, fd)
            mission, state = await run_in_threadpool(current)
            if state.result is not None:
                return state
            if offset != state.offset:
                raise Refused(409, "offset-mismatch", f"the upload is at byte {state.offset}")
            if declared is not None and offset + int(declared) > state.length:
                raise Refused(413, "too-large", "more bytes than the upload's length")
            new = await self._append(request, fd, offset, state.length)
            if not await run_in_threadpool(self.store.advance, upload_id, offset, new):
                raise Refused(409, "offset-mismatch", "another request wrote to this upload")
            if new < state.length:
                return UploadState(upload_id, state.length, new, None, None, None)
            started = time.monotonic()
            state = await run_in_threadpool(self.store.finish, mission, upload_id)
            return dataclasses.replace(state, receive_seconds=time.monotonic() - started)
        finally:
            os.close(fd)  # and with it the lock

    async def _append(self, request: Request, fd: int, offset: int, length: int) -> int:
        """Write the body at ``offset``; returns the new offset, everything before it on disk.

        A client that stops sending (the link dropped, a slow-loris) ends the request after
        ``read_timeout``; what arrived is kept, so the next PATCH resumes from there."""
        position = offset
        os.ftruncate(fd, offset)  # bytes past the recorded offset were never confirmed
        os.lseek(fd, offset, os.SEEK_SET)
        # One cancel scope for the request, its deadline moved on with every piece that comes:
        # no byte for `read_timeout`, or the whole request past `request_deadline`, ends it.
        limit = anyio.current_time() + self.config.request_deadline
        idle = self.config.read_timeout
        with anyio.CancelScope(deadline=min(limit, anyio.current_time() + idle)) as scope:
            try:
                async for chunk in request.stream():
                    if position + len(chunk) > length:
                        raise Refused(413, "too-large", "more bytes than the upload's length")
                    view = memoryview(chunk)
                    while view:
                        written = os.write(fd, view)
                        view = view[written:]
                    position += len(chunk)
                    scope.deadline = min(limit, anyio.current_time() + idle)
            except ClientDisconnect:
                pass
        # On disk before the offset moves: a server killed (or a power cut) after this loses
        # nothing it confirmed.
        await run_in_threadpool(os.fsync, fd)
        return position

    async def packages(self, request: Request) -> Response:
        raw = request.query_params.get("after", "0")
        if not raw.isdigit() or len(raw) > 7:
            raise Refused(400, "bad-request", "after must be a package number")
        mission = await self.mission(request)
        listed = await run_in_threadpool(self.store.listing, mission, int(raw))
        return JSONResponse(
            {
                "packages": [
                    {"sequence": p.sequence, "file": p.file, "size": p.size, "sha256": p.sha256}
                    for p in listed
                ]
            },
            headers={"Cache-Control": "no-store"},
        )

    async def package(self, request: Request) -> Response:
        raw = str(request.path_params["sequence"])
        if not raw.isdigit() or len(raw) > 7:
            raise Refused(404, "no-such-package", "no such package")
        mission = await self.mission(request)
        path, name = await run_in_threadpool(self.store.sent_file, mission, int(raw))
        return FileResponse(
            path,
            media_type="application/vnd.qonys.package+zip",
            filename=name,
            headers={"Cache-Control": "no-store"},
        )

    async def health(self, _request: Request) -> Response:
        try:
            await run_in_threadpool(self.store.ping)
        except (SQLAlchemyError, OSError):  # the database is unreachable: out of the pool
            log.warning("health: the database does not answer")
            return JSONResponse({"status": "database unavailable"}, status_code=503)
        return JSONResponse({"status": "ok"})


Handler = Callable[[Request], Awaitable[Response]]


def _guarded(handler: Handler) -> Handler:
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except Refused as exc:
            return _error(exc.status, exc.code, str(exc))

    return endpoint


def create_app(
    dep: Department,
    *,
    config: ServerConfig | None = None,
    extra_routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """The ASGI application for an opened Department store.

    ``extra_routes`` are appended after the sync routes (the web console mounts at ``/``).
    """
    api = SyncApi(SyncStore(dep), config or ServerConfig())

    async def health(request: Request) -> Response:
        # Every method answers here (a 405 in the API's words): a console mounted at `/`
        # must not receive what was sent to the health check.
        if request.method not in ("GET", "HEAD"):
            return _error(405, "bad-request", "no such address or method in the sync API")
        return await api.health(request)

    # The API is one mount: any path under its prefix is answered by the API (a 404 or 405 in
    # its JSON), never by what `extra_routes` mount at `/`.
    api_routes: list[BaseRoute] = [
        Route("/uploads", _guarded(api.options), methods=["OPTIONS"]),
        Route("/uploads", _guarded(api.create), methods=["POST"]),
        Route("/uploads/{upload_id}", _guarded(api.head), methods=["HEAD"]),
        Route("/uploads/{upload_id}", _guarded(api.patch), methods=["PATCH"]),
        Route("/packages", _guarded(api.packages), methods=["GET"]),
        Route("/packages/{sequence}", _guarded(api.package), methods=["GET"]),
    ]
    routes: list[BaseRoute] = [
        Route("/health", _guarded(health), methods=None),
        Mount(PREFIX, routes=api_routes),
        *extra_routes,
    ]

    async def not_here(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        if request.url.path.startswith(PREFIX) or request.url.path == "/health":
            code = "not-found" if status == 404 else "bad-request"
            return _error(status, code, "no such address or method in the sync API")
        return PlainTextResponse(str(getattr(exc, "detail", "")), status_code=status)

    app = Starlette(routes=routes, exception_handlers={HTTPException: not_here})
    app.state.sync = api
    return app
