"""Printed forms, PAdES signatures and the visible digital seal.

Public entry points (each returns bytes; the same bytes go to file, preview and printer):

* `forms.render_receipt`, `forms.render_refusal`, `forms.render_hearing`,
  `forms.render_reasoned_refusal`, `forms.render_journal_pdf`, `forms.render_journal_csv`;
* `notification.render_notification` (unsigned), `issuing.NotificationIssuer.issue`
  (sealed and signed Annex 4);
* `seal.SealSigner` / `seal.verify_seal`, `signing.PdfSigner`, `verify.verify_pdf` with a
  `trust.TrustAnchors`;
* `commands.register` for `qonys verify`.

Inputs are the plain dataclasses of `data.py`; nothing here touches Qt or the store.
"""
