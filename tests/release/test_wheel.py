"""An installed wheel finds its fonts, icons and migrations, as a checkout and the frozen app do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_installed_wheel_finds_its_resources(tmp_path: Path) -> None:
    own_command = Path(sys.executable).parent / ("qonys.exe" if os.name == "nt" else "qonys")
    had_command = own_command.exists()
    wheels = tmp_path / "wheels"
    # pip builds in the source tree (setuptools' build/lib): build from a copy, so the checkout
    # is neither written to nor able to leak stale build output into the wheel.
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "dist",
            "build-work",
            "demo-store",
            "__pycache__",
            ".*_cache",
            "*.egg-info",
            "lib",
            "bdist.*",
        ),
    )
    # Build isolation fetches the build backend (setuptools) from the package index.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        check=True,
        timeout=240,
    )
    (wheel,) = wheels.glob("qonys-*.whl")
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            text=True,
        ).strip()
    )
    # The dependencies come from the test's own environment (no download of Qt and friends);
    # a plain path entry, so that environment's editable install of this checkout stays out.
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            # Without it pip first uninstalls this environment's own (editable) qonys, and
            # `make run` after `make test` finds no `qonys` command.
            "--ignore-installed",
            "-q",
            "--prefix",
            str(env_dir),
            str(wheel),
        ],
        check=True,
        timeout=120,
    )
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "QONYS_RESOURCES"}}
    probe = (
        "import desktop, desktop.resources as r;"
        "print(desktop.__file__); print(r.font_path()); print(r.resource_path('icons', 'qonys.png'))"
    )
    out = subprocess.run(
        [str(python), "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert Path(out[0]).is_relative_to(env_dir), out
    assert Path(out[1]).is_relative_to(env_dir / "share" / "qonys" / "resources"), out
    assert Path(out[2]).is_file()
    # The migrations travel as package data: a store can be created from the wheel alone.
    demo = subprocess.run(
        [
            str(python),
            "-m",
            "desktop",
            "--data-dir",
            str(tmp_path / "store"),
            "demo",
            "--cases",
            "2",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    # The checkout's own environment keeps its `qonys` command (`make run` after `make test`).
    assert own_command.exists() == had_command
