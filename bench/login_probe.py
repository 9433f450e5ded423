"""Runs the real `qonys` command in a child interpreter and hands its login window, once shown,
to a probe (the desk benchmark's start-up time, the launch test's loaded modules).

The login window is patched right after the command itself imports it: importing it first
would load PySide6 before the command's own modules, and PySide6 then reads the source of
every module imported after it (its `__feature__` import hook). So this module imports only
what a bare interpreter has already loaded; a child script uses it as

    from bench.login_probe import run_to_login
    run_to_login(probe, ["--data-dir", sys.argv[1], "--lang", "kk"])

with the repository as its working folder (``bench`` importable).
"""

from __future__ import annotations

import importlib.machinery
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

LOGIN_MODULE = "desktop.ui.login"


class _PatchLogin:
    """Lets the login module load as usual, then wraps its window's ``showEvent``."""

    def __init__(self, probe: Callable[[object], None]) -> None:
        self.probe = probe

    def find_spec(
        self,
        name: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,  # noqa: ARG002
    ) -> importlib.machinery.ModuleSpec | None:
        if name != LOGIN_MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module
        probe = self.probe

        def exec_module(module: ModuleType) -> None:
            load(module)
            window = module.LoginDialog
            shown = window.showEvent

            def show_event(self: object, event: object) -> None:
                shown(self, event)
                probe(self)

            window.showEvent = show_event

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def run_to_login(probe: Callable[[object], None], argv: list[str]) -> None:
    """Start `qonys` with ``argv``, calling ``probe(window)`` after each show of its login
    window (the probe ends the process, e.g. with ``os._exit``)."""
    sys.meta_path.insert(0, _PatchLogin(probe))
    from desktop.launch import main

    main(argv)
