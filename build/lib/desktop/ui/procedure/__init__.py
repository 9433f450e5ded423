"""Widgets of the procedure (issue 4): the checklist panel, the timeline with deadlines, the
step forms, and the deadline dashboard. Each is self-contained (hand it a `DeskContext`) and
calls the procedure services only, so the desk can embed it anywhere."""
