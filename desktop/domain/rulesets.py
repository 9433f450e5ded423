"""Rule versions in force (§14-1): which version of §3 applies on a day, read from data.

A rule set is a JSON document (`resources/rules/*.json`, or a signed update the Department
distributes in its packages) naming the amending order, its source, the date of its first
official publication and the rule that puts it in force. The §3 rules themselves stay code
(`checklist/rules_2025_12_05.py`), named by `derivation`; the data says when they apply.

The amendments of the order enter into force "алғашқы ресми жарияланған күнінен кейін
күнтізбелік он күн өткен соң" (after ten calendar days have passed after the day of the first
official publication): published on day D, the ten days are D+1 … D+10 and the amendment is
in force from D+11. Some amendments name their own day ("01.01.2026 бастап"): `in_force_from`.

Where the publication date is not known to Qonys (`published_on` null), the order's date is
used to choose between versions and the version says that its in-force date is *not
confirmed*, so the desk warns instead of pretending to certainty (docs/rules.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desktop.domain.i18n import Text

FORMAT = "qonys.rule-set"
FORMAT_VERSION = 1
# "күнтізбелік он күн өткен соң": in force on the 11th day after the day of publication.
DAYS_AFTER_PUBLICATION = 10

Deriver = Callable[..., list[Any]]  # (questionnaire, facts, day) -> list[RequiredItem]


class RuleSetError(LookupError):
    """An unknown version, or a rule-set document that cannot be used (with the reason)."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """One version of §3, in force from `effective_from` until the next version."""

    version: str
    effective_from: date
    title: Text
    derive: Deriver = field(compare=False)
    order_number: str = ""
    order_date: date | None = None
    published_on: date | None = None
    source: str = ""
    confirmed: bool = True  # False: the in-force date is assumed (publication date unknown)
    derivation: str = ""


M_IN_FORCE = Text(
    "{day} бастап қолданысқа енгізілді",
    "Введены в действие с {day}",
    "In force from {day}",
)
M_NOT_CONFIRMED = Text(
    "Ресми жарияланған күні белгісіз: қолданысқа енгізілу күні расталмаған "
    "(жарияланғаннан кейін күнтізбелік он күн өткен соң); бұйрық күні ({day}) алынды",
    "Дата официального опубликования неизвестна: дата введения в действие не подтверждена "
    "(по истечении десяти календарных дней после опубликования); взята дата приказа ({day})",
    "Publication date unknown: the in-force date is not confirmed (ten calendar days after "
    "the first official publication); the order's date ({day}) is used",
)


def in_force_from(published_on: date) -> date:
    """The first day an amendment is in force, from the day of its first publication."""
    return published_on + timedelta(days=DAYS_AFTER_PUBLICATION + 1)


def _day(doc: Mapping[str, Any], name: str, *, required: bool = False) -> date | None:
    raw = doc.get(name)
    if raw is None and not required:
        return None
    if not isinstance(raw, str):
        raise RuleSetError(f"rule set: {name} must be a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise RuleSetError(f"rule set: {name} is not a date: {raw!r}") from None


def _text(doc: Mapping[str, Any], name: str) -> Text:
    raw = doc.get(name)
    if not isinstance(raw, Mapping) or not all(
        isinstance(raw.get(lang), str) and raw.get(lang) for lang in ("kk", "ru", "en")
    ):
        raise RuleSetError(f"rule set: {name} needs kk, ru and en texts")
    return Text(str(raw["kk"]), str(raw["ru"]), str(raw["en"]))


def _string(doc: Mapping[str, Any], name: str, limit: int = 200) -> str:
    raw = doc.get(name)
    if not isinstance(raw, str) or not raw.strip() or len(raw) > limit:
        raise RuleSetError(f"rule set: {name} must be a text of at most {limit} characters")
    return raw.strip()


def parse_ruleset(doc: Any, derivations: Mapping[str, Deriver]) -> RuleSet:
    """A rule-set document checked and read; `RuleSetError` says what is wrong."""
    if not isinstance(doc, Mapping):
        raise RuleSetError("rule set: not a JSON object")
    if doc.get("format") != FORMAT or doc.get("format_version") != FORMAT_VERSION:
        raise RuleSetError(f"rule set: not a {FORMAT} document of version {FORMAT_VERSION}")
    known = {
        "format",
        "format_version",
        "version",
        "derivation",
        "title",
        "order_number",
        "order_date",
        "published_on",
        "in_force_from",
        "source",
    }
    unknown = sorted(set(doc) - known)
    if unknown:
        raise RuleSetError(f"rule set: unknown fields {', '.join(unknown)}")
    version = _string(doc, "version", 40)
    derivation = _string(doc, "derivation", 80)
    if derivation not in derivations:
        raise RuleSetError(
            f"rule set {version}: this Qonys does not know the rules {derivation!r}; "
            "install the Qonys update that brings them"
        )
    order_date = _day(doc, "order_date", required=True)
    assert order_date is not None
    published = _day(doc, "published_on")
    explicit = _day(doc, "in_force_from")
    if published is not None and published < order_date:
        raise RuleSetError(f"rule set {version}: published before the order was signed")
    if explicit is not None:
        effective, confirmed = explicit, True
    elif published is not None:
        effective, confirmed = in_force_from(published), True
    else:
        effective, confirmed = order_date, False
    return RuleSet(
        version=version,
        effective_from=effective,
        title=_text(doc, "title"),
        derive=derivations[derivation],
        order_number=_string(doc, "order_number", 40),
        order_date=order_date,
        published_on=published,
        source=_string(doc, "source", 1000),
        confirmed=confirmed,
        derivation=derivation,
    )


def in_force_text(rs: RuleSet) -> Text:
    """Which rules apply, as the desk shows it: the title and when they took effect."""
    when = (
        M_IN_FORCE.format(day=rs.effective_from)
        if rs.confirmed
        else M_NOT_CONFIRMED.format(day=rs.effective_from)
    )
    return Text(*(f"{rs.title.get(lg)}. {when.get(lg)}" for lg in ("kk", "ru", "en")))


def ruleset_for(day: date, rulesets: Sequence[RuleSet]) -> RuleSet:
    """The version in force on `day`; before the first known version, the first one (the
    app has no older rule text, and says so by the version it records)."""
    if not rulesets:
        raise RuleSetError("no rule set is known")
    ordered = sorted(rulesets, key=lambda r: r.effective_from)
    chosen = ordered[0]
    for rs in ordered:
        if rs.effective_from <= day:
            chosen = rs
    return chosen


def ruleset_by_version(version: str, rulesets: Sequence[RuleSet]) -> RuleSet:
    for rs in rulesets:
        if rs.version == version:
            return rs
    raise RuleSetError(f"unknown checklist version {version!r}")


def merged(bundled: Sequence[RuleSet], installed: Sequence[RuleSet]) -> tuple[RuleSet, ...]:
    """The bundled versions with the installed ones over them (same version: the installed one,
    e.g. the Department's update that gives the publication date)."""
    by_version = {rs.version: rs for rs in bundled}
    by_version.update({rs.version: rs for rs in installed})
    return tuple(sorted(by_version.values(), key=lambda r: r.effective_from))
