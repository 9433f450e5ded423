"""The mission's side of the exchange: trust import, export to the Department, import of decisions.

Each function is one use case and one transaction (STYLE §2). The package format and all
cryptography live in ``desktop.sync``; this package decides *what* travels and records it.

* ``trust`` — ``install_enrolment`` (``qonys trust import BUNDLE``): the mission's keys go into
  the encrypted store, the Department's key becomes the store's recovery slot; the mission's
  identity and newest trust list for everything below.
* ``exporting`` — ``export``: every case change, event and scan page not yet exported
  (``pending``, pages read ahead by ``prefetch``), as one package or parts, written atomically;
  an ``outbox`` row per package (built → carried → acknowledged).
* ``importing`` — ``import_package``: verify a decision package, apply each decision once as a
  case event, mark acknowledged packages, keep the newest trust list; idempotent, all or
  nothing. ``reset_chain`` is the administrator's way out of a broken chain.
* ``refusals`` — the stable code of every refusal, worded in kk/ru/en.

Callers import from here (``from desktop.services import exchange``); the modules are rooms.
"""

from __future__ import annotations

from desktop.services.exchange.exporting import (
    AUDIT_ANCHORS,
    UNPUBLISHED,
    ExportResult,
    audit_checkpoint,
    export,
)
from desktop.services.exchange.importing import (
    DECISION_ACTIONS,
    EVENT_DECISION,
    ChainReset,
    ImportResult,
    RefusalWithoutHearing,
    import_package,
    in_sequence_order,
    missing_before,
    reset_chain,
)
from desktop.services.exchange.outbox import (
    ACKNOWLEDGED,
    BUILT,
    CARRIED,
    OutboxEntry,
    mark_carried,
    outbox,
)
from desktop.services.exchange.pending import NOT_EXPORTED_STAGES
from desktop.services.exchange.refusals import (
    _REFUSALS,
    EXPLAINED_EN,
    ExchangeFailed,
    ExportCancelled,
    NotEnrolled,
)
from desktop.services.exchange.trust import (
    Installed,
    TrustStatus,
    _identity,
    install_enrolment,
    newest_trust_list,
    seal_key,
    trust_status,
)

__all__ = [
    "ACKNOWLEDGED",
    "AUDIT_ANCHORS",
    "BUILT",
    "CARRIED",
    "DECISION_ACTIONS",
    "EVENT_DECISION",
    "EXPLAINED_EN",
    "NOT_EXPORTED_STAGES",
    "UNPUBLISHED",
    "_REFUSALS",
    "ChainReset",
    "ExchangeFailed",
    "ExportCancelled",
    "ExportResult",
    "ImportResult",
    "Installed",
    "NotEnrolled",
    "OutboxEntry",
    "RefusalWithoutHearing",
    "TrustStatus",
    "_identity",
    "audit_checkpoint",
    "export",
    "import_package",
    "in_sequence_order",
    "install_enrolment",
    "mark_carried",
    "missing_before",
    "newest_trust_list",
    "outbox",
    "reset_chain",
    "seal_key",
    "trust_status",
]
