"""The records that travel inside packages (schema version 1, docs/package-format.md).

A ``records`` member is one JSON document::

    {"schema": 1, "cases": [...], "scans": [...], "decisions": [...],
     "acknowledgements": [...], "trust_list": "<base64 CMS>" | null,
     "rule_sets": ["<base64 CMS>", ...]}

Each scan page travels as its own ``scan`` member (the raw image bytes); ``scans`` entries say
which member holds which page of which case. The schema is checked with ``jsonschema`` on
receipt, so a sender with a bug cannot put half-formed rows into the receiver's database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from desktop.sync.errors import MalformedPackageError, UnsupportedVersionError

SCHEMA_VERSION = 1

DECISION_KINDS = ("permission", "preliminary_refusal", "reasoned_refusal")

_ID = {"type": "string", "minLength": 1, "maxLength": 200}
_TIME = {"type": "string", "format": "date-time", "minLength": 10, "maxLength": 40}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_SHA = {"type": "string", "pattern": "^[0-9a-f]{64}$"}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://qonys.kz/schema/records-1.json",
    "title": "Qonys exchange records, schema version 1",
    "type": "object",
    "required": ["schema", "cases", "scans", "decisions", "acknowledgements"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": SCHEMA_VERSION},
        "cases": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "number", "mission", "questionnaire", "events"],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "number": {"type": "string", "maxLength": 100},
                    "mission": _ID,
                    "questionnaire": {"type": "object"},
                    "events": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "kind", "at", "officer", "data"],
                            "additionalProperties": False,
                            "properties": {
                                "id": _ID,
                                "kind": {"type": "string", "minLength": 1, "maxLength": 100},
                                "at": _TIME,
                                "officer": {"type": ["string", "null"], "maxLength": 200},
                                "data": {"type": "object"},
                            },
                        },
                    },
                },
            },
        },
        "scans": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "case_id", "page", "media_type", "sha256", "member"],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "case_id": _ID,
                    "document": {"type": ["string", "null"], "maxLength": 200},
                    "page": {"type": "integer", "minimum": 0},
                    "media_type": {"type": "string", "maxLength": 100},
                    "sha256": _SHA,
                    "member": {"type": "string", "pattern": r"^data/[0-9]{6}\.p7m$"},
                },
            },
        },
        "decisions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "id",
                    "case_id",
                    "kind",
                    "after_objection",
                    "police_department",
                    "number",
                    "date",
                    "recorded_at",
                ],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "case_id": _ID,
                    "case_number": {"type": ["string", "null"]},
                    "kind": {"enum": list(DECISION_KINDS)},
                    "after_objection": {"type": "boolean"},
                    "police_department": {"type": "string", "maxLength": 300},
                    # Annex 4's Russian line names the body in Russian (optional: absent in
                    # packages of older versions).
                    "police_department_ru": {"type": ["string", "null"], "maxLength": 300},
                    "number": {"type": "string", "maxLength": 100},
                    "date": _DATE,
                    "recorded_at": _TIME,
                    "note": {"type": ["string", "null"], "maxLength": 4000},
                },
            },
        },
        "acknowledgements": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["sequence", "sha256", "received_at"],
                "additionalProperties": False,
                "properties": {
                    "sequence": {"type": "integer", "minimum": 1},
                    "sha256": _SHA,
                    "received_at": _TIME,
                },
            },
        },
        "trust_list": {"type": ["string", "null"]},
        # §14-1: rule sets the Department distributes, each a signed rule-set JSON (optional:
        # absent in packages of older versions).
        "rule_sets": {
            "type": "array",
            "maxItems": 100,
            "items": {"type": "string", "minLength": 1, "maxLength": 200_000},
        },
    },
}


@dataclass
class Records:
    """One ``records`` member, as plain JSON-ready dicts (see SCHEMA)."""

    cases: list[dict[str, Any]] = field(default_factory=list)
    scans: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    acknowledgements: list[dict[str, Any]] = field(default_factory=list)
    trust_list: str | None = None
    rule_sets: list[str] = field(default_factory=list)

    def to_json(self, *, items_checked: bool = False) -> bytes:
        """The member's JSON, checked against the schema first.

        ``items_checked``: every entry of ``cases`` and ``scans`` has passed ``check_item``
        already (an export checks each as it goes, while members are being encrypted, not all
        of them at the end while the package waits: bench.exchange); the rest is checked here.
        """
        doc: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "cases": self.cases,
            "scans": self.scans,
            "decisions": self.decisions,
            "acknowledgements": self.acknowledgements,
        }
        if self.trust_list is not None:
            doc["trust_list"] = self.trust_list
        if self.rule_sets:
            doc["rule_sets"] = self.rule_sets
        if items_checked and isinstance(self.cases, list) and isinstance(self.scans, list):
            # The schema puts nothing on these arrays but the schema of each entry.
            validate({**doc, "cases": [], "scans": []})
        else:
            validate(doc)
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Records:
        try:
            doc = json.loads(data)
        except ValueError as exc:
            raise MalformedPackageError("a records member is not valid JSON") from exc
        if isinstance(doc, dict) and doc.get("schema") != SCHEMA_VERSION:
            raise UnsupportedVersionError(
                f"records schema {doc.get('schema')} is not supported (this program reads "
                f"{SCHEMA_VERSION}); update Qonys"
            )
        validate(doc)
        return cls(
            cases=doc["cases"],
            scans=doc["scans"],
            decisions=doc["decisions"],
            acknowledgements=doc["acknowledgements"],
            trust_list=doc.get("trust_list"),
            rule_sets=list(doc.get("rule_sets", [])),
        )


_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def validate(doc: Any) -> None:
    """Raise ``MalformedPackageError`` with the first schema violation's path."""
    _raise_first(_VALIDATOR, doc, "")


_ITEM_VALIDATORS = {
    key: jsonschema.Draft202012Validator(SCHEMA["properties"][key]["items"])
    for key in ("cases", "scans")
}


def check_item(key: str, item: Any) -> None:
    """One entry of ``cases`` or ``scans`` against its schema (see ``Records.to_json``)."""
    _raise_first(_ITEM_VALIDATORS[key], item, f"{key}/?")


def _raise_first(validator: jsonschema.protocols.Validator, doc: Any, within: str) -> None:
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is not None:
        where = "/".join([within, *(str(p) for p in error.absolute_path)]).strip("/") or "(top)"
        raise MalformedPackageError(
            f"records do not follow schema {SCHEMA_VERSION} at {where}: {error.message}"
        )
