"""Argument vectors for a whole command line, drawn by hypothesis from its argparse parser.

Every sub-command (and sub-sub-command) of the parser, each with a random choice of its own
options and positionals, each given either a plausible value (a choice, a case number, a
date, an existing file) or a hostile one (huge or negative numbers, NaN, impossible dates,
JSON that is not an object or nests a thousand deep, a folder where a file is wanted, text
of 70,000 characters, bytes that are not UTF-8).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from hypothesis import strategies as st

HOSTILE = (
    "0",
    "-1",
    "1",
    "7",
    "1" + "0" * 30,
    "-" + "9" * 25,
    "nan",
    "inf",
    "-inf",
    "1e308",
    "2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "2026-13-01",
    "",
    " ",
    "[]",
    "{}",
    "null",
    '{"identity": [{"kind": "passport"}]}',
    "[" * 3000 + "]" * 3000,
    '{"a":' * 3000 + "1" + "}" * 3000,
    "\udcff\udcfe",
    "x" * 70_000,
    "Әбдірахманова",
    "KZ-BER",
    "CSD",
    "passport",
    "=",
    "a=b",
    "passport=2026-02-30",
    "1" * 40,
    "../../etc/passwd",
    "-",
    "--",
    "\x00",
)


def commands(parser: argparse.ArgumentParser) -> list[tuple[list[str], argparse.ArgumentParser]]:
    """Every leaf command: its words, and its parser."""
    found: list[tuple[list[str], argparse.ArgumentParser]] = []

    def walk(words: list[str], p: argparse.ArgumentParser) -> None:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append((words, p))
            return
        for name, child in subs[0].choices.items():
            walk([*words, name], child)
        if not subs[0].required:
            found.append((words, p))

    walk([], parser)
    return [(w, p) for w, p in found if w]


def _values(action: argparse.Action, plausible: Sequence[str]) -> st.SearchStrategy[str]:
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        choices = [str(c) for c in action.choices]
        return st.one_of(
            st.sampled_from(choices), st.sampled_from(choices), st.sampled_from(HOSTILE)
        )
    return st.one_of(
        st.sampled_from(list(plausible)),
        st.sampled_from(HOSTILE),
        st.text(max_size=20),
    )


@st.composite
def argv_for(
    draw: st.DrawFn,
    words: list[str],
    parser: argparse.ArgumentParser,
    plausible: Sequence[str],
) -> list[str]:
    argv = list(words)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._VersionAction):
            continue
        if isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings:
            required = bool(action.required)
            if not required and not draw(st.booleans()):
                continue
            flag = draw(st.sampled_from(action.option_strings))
            if action.nargs == 0:
                argv.append(flag)
            else:
                count = 1 if action.nargs in (None, "?") else draw(st.integers(1, 2))
                for _ in range(count if action.nargs != "?" or draw(st.booleans()) else 0):
                    argv += [flag, draw(_values(action, plausible))]
                if action.nargs == "?" and argv[-1] != flag and flag not in argv:
                    argv.append(flag)
        else:
            if action.nargs == "?" and not draw(st.booleans()):
                continue
            count = 1 if action.nargs in (None, "?") else draw(st.integers(1, 2))
            argv += [draw(_values(action, plausible)) for _ in range(count)]
    return argv


def plausible_paths(base: Path) -> list[str]:
    folder = base / "folder"
    folder.mkdir(exist_ok=True)
    afile = base / "afile.bin"
    afile.write_bytes(b"%PDF-1.7 not really\n" + bytes(range(256)))
    return [str(folder), str(afile), str(base / "missing" / "x.out"), str(base / "new.out")]
