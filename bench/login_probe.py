"""Runs the real `qonys` command in a child interpreter and hands its login window, once shown,
to a probe (the desk benchmark's start-up time, the launch test's loaded modules).

The login window is patched right after the command itself imports it (as any other module
named in ``after_loading``): importing it first would load PySide6 before the command's own
modules, and PySide6 then reads the source of every module imported after it (its
`__feature__` import hook). So this module imports only
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


Loaded = Callable[[ModuleType], None]


class _AfterLoading:
    """Lets the named modules load as usual, then hands each to its callback (once)."""

    def __init__(self, callbacks: dict[str, Loaded]) -> None:
        self.callbacks = dict(callbacks)

    def find_spec(
        self,
        name: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,  # noqa: ARG002
    ) -> importlib.machinery.ModuleSpec | None:
        loaded = self.callbacks.pop(name, None)
        if loaded is None:
            return None
        if not self.callbacks:
            sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            loaded(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _patch_login(probe: Callable[[object], None]) -> Loaded:
    """Wraps the login window's ``setVisible`` to call ``probe(window)`` after each show (its
    show event delivered). Not ``showEvent``: an event handler in Python makes PySide6 build
    the Python type of QEvent, which the desk itself does not need before the window is up."""

    def patch(module: ModuleType) -> None:
        window = module.LoginDialog
        set_visible = window.setVisible

        def shown(self: object, visible: bool) -> None:
            set_visible(self, visible)
            if visible:
                probe(self)

        window.setVisible = shown

    return patch


def run_to_login(
    probe: Callable[[object], None],
    argv: list[str],
    after_loading: dict[str, Loaded] | None = None,
) -> None:
    """Start `qonys` with ``argv``, calling ``probe(window)`` after each show of its login
    window (the probe ends the process, e.g. with ``os._exit``); ``after_loading``: more
    modules to hand to a callback once loaded (to wrap their functions with timers)."""
    callbacks = dict(after_loading or {})
    login = _patch_login(probe)
    also = callbacks.pop(LOGIN_MODULE, None)

    def patch_login(module: ModuleType) -> None:
        login(module)
        if also is not None:
            also(module)

    callbacks[LOGIN_MODULE] = patch_login
    sys.meta_path.insert(0, _AfterLoading(callbacks))
    from desktop.launch import main

    main(argv)
