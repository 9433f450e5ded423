"""The rules room: rule sets the Department distributes to the missions (§14-1: the Ministry
informs the missions of changes of the Rules).

`publish_rules` checks a rule-set JSON as a mission will read it (the domain: format, dates,
rules this Qonys carries), signs it with the Department's signing certificate and keeps it;
every decision package then carries each kept rule set (records field `rule_sets`), and the
mission verifies it against the Department's trust before installing it.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.department.core import DepartmentCore, DepartmentError
from desktop.department.store import Setting
from desktop.domain.checklist import load_ruleset
from desktop.domain.rulesets import RuleSetError
from desktop.sync.rulesets import sign_rule_set

SETTING_PREFIX = "rule_set:"  # one setting per version: the signed rule set, base64


@dataclass(frozen=True, slots=True)
class PublishedRules:
    version: str
    in_force_from: date
    confirmed: bool


class Rules(DepartmentCore):
    def publish_rules(self, data: bytes) -> PublishedRules:
        """Sign and keep a rule set; the next decision package of every mission carries it.
        A version published again replaces the earlier one (e.g. once the publication date is
        known)."""
        try:
            doc = json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DepartmentError(f"the rule set is not JSON: {exc}") from None
        try:
            rs = load_ruleset(doc)
        except RuleSetError as exc:
            raise DepartmentError(str(exc)) from None
        cert, key = self._signer()
        signed = base64.b64encode(sign_rule_set(doc, cert, key)).decode("ascii")
        with self.uow() as tx:
            s = tx.session
            row = s.get(Setting, SETTING_PREFIX + rs.version)
            if row is None:
                s.add(Setting(key=SETTING_PREFIX + rs.version, value=signed))
            else:
                row.value = signed
            self._audit(
                s,
                "rules-published",
                f"rule set {rs.version}, in force from {rs.effective_from.isoformat()}"
                + ("" if rs.confirmed else " (publication date not known)"),
            )
            tx.commit()
        return PublishedRules(rs.version, rs.effective_from, rs.confirmed)

    def signed_rule_sets(self) -> list[str]:
        """Every published rule set, signed (base64 DER), oldest version first."""
        with self.uow() as tx:
            rows = tx.session.scalars(
                select(Setting).where(Setting.key.startswith(SETTING_PREFIX)).order_by(Setting.key)
            )
            return [r.value for r in rows]
