"""Printed handouts from the store: the inputs of the documents room, built from a case.

Each function is one use case (STYLE §2). The documents room (`desktop.documents`) renders
from plain dataclasses; this module fills them from the case's events and questionnaire,
checks who may print what, and records what printing changes:

* `issue_notification` — §10, Annex 4: only a signing consular official (`Role.CONSUL`);
  the first issue records the `issue_notification` step (which puts the issue date into the
  Annex 5 journal, §13); a reprint is marked DUPLICATE on the page and logged (event + audit).
* `receipt` (§4), `refusal` (§5), `hearing` (§11), `reasoned_refusal` (§11, §15),
  `journal` (§13, Annex 5) — unsigned forms.
* `install_official` — a signing official's PKCS#12 from the Department goes into the
  encrypted store, its key wrapped under the official's own password (services/signing_keys.py;
  the official installs it themselves; never a key file in the clear under the data directory).
* `trust_anchors` — what `qonys verify` and the Verify dialog trust: the Department CA, the
  newest trust list's seal keys and revocations."""

from __future__ import annotations

from desktop.services.handouts.cases import (
    AUDIT_DUPLICATE,
    AUDIT_ISSUED,
    EVENT_REPRINT,
    ISSUED_STAGES,
    HandoutError,
    IssuedHandout,
    NoSigningKey,
    OfficialInstalled,
)
from desktop.services.handouts.forms import (
    hearing_data,
    journal_data,
    reasoned_refusal_data,
    receipt_data,
    refusal_data,
)
from desktop.services.handouts.notification import (
    issue_child_notification,
    issue_notification,
    notification_number,
)
from desktop.services.handouts.officials import (
    install_official,
    trust_anchors,
    write_verifier_site,
)
from desktop.services.handouts.printing import (
    FORMS,
    available_forms,
    print_case_form,
    print_journal,
    save_pdf,
)

__all__ = [
    "AUDIT_DUPLICATE",
    "AUDIT_ISSUED",
    "EVENT_REPRINT",
    "FORMS",
    "ISSUED_STAGES",
    "HandoutError",
    "IssuedHandout",
    "NoSigningKey",
    "OfficialInstalled",
    "available_forms",
    "hearing_data",
    "install_official",
    "issue_child_notification",
    "issue_notification",
    "journal_data",
    "notification_number",
    "print_case_form",
    "print_journal",
    "reasoned_refusal_data",
    "receipt_data",
    "refusal_data",
    "save_pdf",
    "trust_anchors",
    "write_verifier_site",
]
