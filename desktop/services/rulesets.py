"""Rule versions in force (§14-1): the bundled rule sets, the Department's signed updates a
mission installed, and which version applies on a day.

The bundled versions are `resources/rules/*.json`. An update arrives in a decision package
(records field `rule_sets`): it is verified against the Department CA and the Department's
signing certificate of the mission's trust list (`desktop/sync/rulesets.py`), read by the
domain (`desktop/domain/rulesets.py`: a version whose rules this Qonys does not carry is
refused), and kept in the mission settings with its signature. A version installed this way
replaces the bundled one of the same name (e.g. the Department gives the publication date).
A case keeps the version it was accepted under (`case_checklists.ruleset`).
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from cryptography import x509

from desktop.domain.checklist import load_ruleset
from desktop.domain.i18n import Text
from desktop.domain.rulesets import RuleSet, RuleSetError, in_force_text, merged, ruleset_for
from desktop.resources import resources_dir
from desktop.services.context import DeskContext
from desktop.services.errors import StoreDamaged
from desktop.storage.uow import UnitOfWork
from desktop.sync.rulesets import BadRuleSetError, verify_rule_set

log = logging.getLogger(__name__)

RULE_SETS_SETTING = "rule_sets"


@cache
def _bundled_in(folder: Path) -> tuple[RuleSet, ...]:
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            out.append(load_ruleset(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, RuleSetError) as exc:
            raise StoreDamaged(f"bundled rule set {path.name}: {exc}") from None
    if not out:
        raise StoreDamaged(f"no rule set in {folder}")
    return tuple(out)


def bundled() -> tuple[RuleSet, ...]:
    """The rule sets shipped with this Qonys (`resources/rules/*.json`)."""
    return _bundled_in(resources_dir() / "rules")


def _installed(uow: UnitOfWork) -> tuple[RuleSet, ...]:
    mission = uow.mission.get()
    if mission is None:
        return ()
    stored = (mission.settings or {}).get(RULE_SETS_SETTING) or {}
    out = []
    for version, entry in sorted(stored.items()):
        try:
            out.append(load_ruleset(entry["doc"]))
        except (KeyError, TypeError, RuleSetError) as exc:
            raise StoreDamaged(f"installed rule set {version}: {exc}") from None
    return tuple(out)


def rulesets_in(uow: UnitOfWork) -> tuple[RuleSet, ...]:
    """Every version this mission knows, the installed ones over the bundled."""
    return merged(bundled(), _installed(uow))


def install_signed(
    ctx: DeskContext,
    uow: UnitOfWork,
    der: bytes,
    anchors: Sequence[x509.Certificate],
    department_signing: x509.Certificate,
) -> RuleSet | None:
    """Verify and keep a rule set the Department distributed; None if already installed.

    Raises `BadRuleSetError` (the whole package is refused) for a signature that does not hold,
    a signer other than the Department, or a document the domain cannot use."""
    signed = verify_rule_set(der, anchors, department_signing)
    try:
        rs = load_ruleset(signed.doc)
    except RuleSetError as exc:
        raise BadRuleSetError(f"the Department's rule set cannot be used: {exc}") from None
    mission = uow.mission.get()
    if mission is None:
        raise StoreDamaged("no mission row")
    settings = dict(mission.settings or {})
    stored = dict(settings.get(RULE_SETS_SETTING) or {})
    if stored.get(rs.version, {}).get("doc") == signed.doc:
        return None
    stored[rs.version] = {
        "doc": signed.doc,
        "signed": base64.b64encode(der).decode("ascii"),
        "installed_at": ctx.now().isoformat(),
    }
    settings[RULE_SETS_SETTING] = stored
    mission.settings = settings
    ctx.audit(
        uow,
        "rules.install",
        "rule_set",
        rs.version,
        {"in_force_from": rs.effective_from.isoformat(), "confirmed": rs.confirmed},
    )
    log.info("rule set %s installed (in force from %s)", rs.version, rs.effective_from)
    return rs


@dataclass(frozen=True, slots=True)
class RuleSetInfo:
    version: str
    effective_from: date
    confirmed: bool
    order_number: str
    published_on: date | None
    source: str
    installed: bool  # True: the Department's update; False: bundled with this Qonys
    in_force_now: bool
    text: Text  # which rules and since when, in the officer's language


def rule_sets(ctx: DeskContext) -> list[RuleSetInfo]:
    """Every known version, oldest first, and which one is in force today (`qonys rules`)."""
    with ctx.uow() as uow:
        installed = {rs.version for rs in _installed(uow)}
        known = rulesets_in(uow)
    current = ruleset_for(ctx.today(), known).version
    return [
        RuleSetInfo(
            rs.version,
            rs.effective_from,
            rs.confirmed,
            rs.order_number,
            rs.published_on,
            rs.source,
            rs.version in installed,
            rs.version == current,
            in_force_text(rs),
        )
        for rs in known
    ]
