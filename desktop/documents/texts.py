"""Official wording of the printed forms, loaded from `resources/forms/<form>.<lang>.toml`.

Printed forms take their Kazakh and Russian wording from resources, never from the UI
translation (STYLE 8). Kazakh is the official text of the Rules (`rules-kk.txt`); the seed
holds official Russian only for the bilingual Annex 1, so other Russian files are marked
`status = "translation"` and the form says so. A mission that has the official Russian text
drops `<form>.ru.toml` into an override folder (its data directory's `forms/`): the loader
looks there first, so no code changes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.resources import resources_dir

OFFICIAL = "official"
# The Rules give no form for the document (receipt, refusal to accept, hearing notice, reasoned
# refusal): the layout is Qonys's own, [text] quotes the Rules; it is never printed as official.
OWN = "own"
TRANSLATION = "translation"


class FormTextError(Exception):
    """A form text file is missing a key or is malformed (a packaging error, not a user one)."""


@dataclass(frozen=True)
class FormText:
    """The wording of one form in one language."""

    form: str
    lang: str
    status: str
    source: str
    path: Path
    text: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, Any] = field(default_factory=dict)

    @property
    def official(self) -> bool:
        return self.status == OFFICIAL

    def __getitem__(self, key: str) -> str:
        value = self.text.get(key, self.labels.get(key))
        if not isinstance(value, str):
            raise FormTextError(f"{self.path.name}: no text for key {key!r}")
        return value

    def get(self, key: str) -> str | None:
        value = self.text.get(key, self.labels.get(key))
        return value if isinstance(value, str) else None

    def fmt(self, key: str, **values: object) -> str:
        return self[key].format(**values)

    def list(self, key: str) -> list[str]:
        value = self.text.get(key, self.labels.get(key))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise FormTextError(f"{self.path.name}: {key!r} is not a list of strings")
        return value


_mission_dirs: tuple[Path, ...] = ()


def set_mission_forms_dirs(dirs: Sequence[Path]) -> None:
    """Folders searched before the bundled texts by every form (the app passes DATA_DIR/forms)."""
    global _mission_dirs
    _mission_dirs = tuple(dirs)


# A mission's own forms folder for the render in progress (services/handouts.py sets it from
# the DeskContext): per thread and task, so two desks in one process never see each other's.
_rendering_dirs: ContextVar[tuple[Path, ...]] = ContextVar("qonys_forms_dirs", default=())


@contextmanager
def mission_forms(dirs: Sequence[Path]) -> Iterator[None]:
    """Within the block, `dirs` are searched before every other forms folder."""
    token = _rendering_dirs.set(tuple(dirs))
    try:
        yield
    finally:
        _rendering_dirs.reset(token)


def _forms_dirs(extra: Iterable[Path]) -> list[Path]:
    return [*extra, *_rendering_dirs.get(), *_mission_dirs, resources_dir() / "forms"]


def load_form_text(form: str, lang: str, override_dirs: Sequence[Path] = ()) -> FormText | None:
    """The wording of `form` in `lang`, or None when no file exists for that language.

    `override_dirs`, then the folders of `set_mission_forms_dirs`, are searched before the
    bundled `resources/forms` (a mission's own official files win).
    """
    for directory in _forms_dirs(override_dirs):
        path = directory / f"{form}.{lang}.toml"
        if path.is_file():
            with path.open("rb") as fh:
                try:
                    data = tomllib.load(fh)
                except tomllib.TOMLDecodeError as exc:
                    raise FormTextError(f"{path}: {exc}") from exc
            meta = data.get("meta", {})
            status = meta.get("status", TRANSLATION)
            if status not in (OFFICIAL, TRANSLATION, OWN):
                raise FormTextError(f"{path}: status must be official, translation or own")
            return FormText(
                form=form,
                lang=lang,
                status=status,
                source=str(meta.get("source", "")),
                path=path,
                text=dict(data.get("text", {})),
                labels=dict(data.get("labels", {})),
            )
    return None


def require_form_text(form: str, lang: str, override_dirs: Sequence[Path] = ()) -> FormText:
    text = load_form_text(form, lang, override_dirs)
    if text is None:
        raise FormTextError(f"no wording for form {form!r} in {lang!r}")
    return text


@dataclass(frozen=True)
class Bilingual:
    """Kazakh (always, official) and Russian (when a file exists) wording of one form."""

    kk: FormText
    ru: FormText | None

    @property
    def ru_is_translation(self) -> bool:
        return self.ru is not None and not self.ru.official


def load_bilingual(form: str, override_dirs: Sequence[Path] = ()) -> Bilingual:
    return Bilingual(
        kk=require_form_text(form, "kk", override_dirs),
        ru=load_form_text(form, "ru", override_dirs),
    )


def format_date(value: date) -> str:
    """Dates on paper as the Rules' forms write them: DD.MM.YYYY."""
    return value.strftime("%d.%m.%Y")
