"""The Department's server loads pyHanko on a thread of its own at start, without waiting for
it: the first package after a start does not pay the import, and the server answers meanwhile."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
import uvicorn

from desktop.department import server
from desktop.department.service import Department
from desktop.sync import cms

PASSWORD = "department-pw-1234"


def test_the_server_answers_while_pyhanko_is_still_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading, release = threading.Event(), threading.Event()

    def warm_up() -> None:  # the import, held until the test has had its answer
        loading.set()
        release.wait(60)

    monkeypatch.setattr(cms, "warm_up", warm_up)
    started: list[uvicorn.Server] = []
    serve = uvicorn.Server.run

    def run(self: uvicorn.Server, sockets: list[object] | None = None) -> None:
        started.append(self)  # to stop it at the end
        serve(self, sockets=sockets)  # type: ignore[arg-type]

    monkeypatch.setattr(uvicorn.Server, "run", run)
    dep = Department.init(tmp_path / "department", {"admin": PASSWORD})
    sock = server.listen("127.0.0.1", 0)
    port = sock.getsockname()[1]
    serving = threading.Thread(
        target=server.run,
        kwargs={
            "dep": dep, "sock": sock, "host": "127.0.0.1", "port": port, "tls": None,
            "config": server.ServerConfig(), "limit_concurrency": 10,
        },
        daemon=True,
    )  # fmt: skip
    serving.start()
    try:
        assert loading.wait(30)  # the warm-up began at start …
        answer = httpx.get(f"http://127.0.0.1:{port}/health", timeout=30)
        assert answer.status_code == 200  # … and the server answered before it ended
        assert not release.is_set()
        [warming] = [t for t in threading.enumerate() if t.name == "qonys-warm-up"]
        assert warming.daemon and warming.is_alive()
    finally:
        release.set()
        for s in started:
            s.should_exit = True
        serving.join(30)
        sock.close()
        dep.close()
    assert not serving.is_alive()


def test_the_warm_up_loads_what_a_signature_check_imports() -> None:
    code = (
        "import json, sys\n"
        "from desktop.sync import cms\n"
        "before = [m for m in cms._PYHANKO if m in sys.modules]\n"
        "cms.warm_up()\n"
        "print(json.dumps([before, [m for m in cms._PYHANKO if m in sys.modules]]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    before, after = json.loads(out)
    assert before == [] and after == list(cms._PYHANKO)
