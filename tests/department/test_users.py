"""Issue 15: `qonys-department users` adds, lists, re-passwords and removes users."""

from __future__ import annotations

import pytest

from tests.department.conftest import PASSWORD


def test_users_are_added_listed_changed_and_removed(  # type: ignore[no-untyped-def]
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init")[0] == 0
    monkeypatch.setenv("QONYS_NEW_PASSWORD", "clerk-password-1")
    code, _out, err = run("users", "add", "clerk")
    assert code == 0, err
    assert run("--user", "admin", "users", "list")[1].split() == ["admin", "clerk"]
    # The store now has two users: a command must say who runs it.
    code, _out, err = run("cases")
    assert code != 0 and "give --user" in err

    monkeypatch.setenv("QONYS_PASSWORD", "clerk-password-1")
    assert run("--user", "clerk", "cases")[0] == 0
    monkeypatch.setenv("QONYS_NEW_PASSWORD", "clerk-password-2")
    assert run("--user", "clerk", "users", "passwd", "clerk")[0] == 0
    assert run("--user", "clerk", "cases")[0] != 0
    monkeypatch.setenv("QONYS_PASSWORD", "clerk-password-2")
    assert run("--user", "clerk", "cases")[0] == 0
    code, _out, err = run("--user", "clerk", "users", "remove", "clerk")
    assert code != 0 and "yourself" in err

    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    assert run("--user", "admin", "users", "remove", "clerk")[0] == 0
    assert run("users", "list")[1].split() == ["admin"]  # one user again: no --user needed
    monkeypatch.setenv("QONYS_PASSWORD", "clerk-password-2")
    assert run("--user", "clerk", "cases")[0] != 0


def test_console_roles_from_the_terminal(  # type: ignore[no-untyped-def]
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: `users role NAME ROLE` sets a console role; the one at the terminal becomes
    admin on a store without one, and the last admin cannot be taken away."""
    assert run("init")[0] == 0
    monkeypatch.setenv("QONYS_NEW_PASSWORD", "clerk-password-1")
    assert run("users", "add", "clerk")[0] == 0
    code, out, err = run("--user", "admin", "users", "role", "clerk", "head")
    assert code == 0 and "console role head" in out, err
    assert run("--user", "admin", "users", "list")[1].split() == ["admin", "admin", "clerk", "head"]
    code, _out, err = run("--user", "admin", "users", "role", "admin", "auditor")
    assert code != 0 and "at least one admin" in err
    code, _out, err = run("--user", "admin", "users", "role", "nobody", "clerk")
    assert code != 0 and "no user nobody" in err
