"""What the Department publishes for every mission, from the Missions page (issue 17): rule
updates (§14-1, `qonys-department publish-rules FILE`) and the offline verifier site
(`qonys-department verifier --base-url URL --out DIR`), through the same services."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import select
from starlette.responses import Response

from desktop.department.console.pages import _failed
from desktop.department.console.web import Ctx, back, page, render
from desktop.department.core import DepartmentError
from desktop.department.pki import SETTING_VERIFIER_URL
from desktop.department.rules import SETTING_PREFIX
from desktop.department.store import Setting
from desktop.documents.verifier_site import SiteError, write_site

MAX_RULES = 1 << 20  # a rule set is a few KB of JSON


def published(ctx: Ctx) -> dict[str, Any]:
    """The Missions page's view of what is published: rule-set versions, verifier address."""
    with ctx.dep.uow() as tx:
        s = tx.session
        versions = [
            k.removeprefix(SETTING_PREFIX)
            for k in s.scalars(
                select(Setting.key)
                .where(Setting.key.startswith(SETTING_PREFIX))
                .order_by(Setting.key)
            )
        ]
        row = s.get(Setting, SETTING_VERIFIER_URL)
        url = row.value if row is not None else ""
    return {"rule_versions": versions, "verifier_url": url}


@page("head", "rules_publish")
def rules_publish(ctx: Ctx) -> Response:
    """Sign and keep an uploaded rule set, checked as `publish-rules` checks it (audited)."""
    upload = ctx.files.get("rules")
    if upload is None:
        return back(ctx, "missions", err="required")
    data = upload[2]
    if len(data) > MAX_RULES:
        return render(ctx, "error.html", 400, err="rules_invalid")
    try:
        result = ctx.dep.publish_rules(data)
    except DepartmentError as exc:
        return _failed(ctx, exc)
    return render(ctx, "rules_published.html", result=result)


@page("head", "verifier_url")
def verifier_url(ctx: Ctx) -> Response:
    """Set where the verifier page is hosted: a new trust list carries it to the missions."""
    try:
        ctx.dep.set_verifier_base_url(ctx.form.get("url", "").strip()[:500])
    except DepartmentError as exc:
        return _failed(ctx, exc)
    return back(ctx, "missions", ok="done")


@page("head", "verifier_site")
def verifier_site(ctx: Ctx) -> Response:
    """The offline verifier site with the current signed list, as a ZIP to host or copy."""
    signer, listed, version = ctx.dep.verifier_site()
    with tempfile.TemporaryDirectory(prefix="qonys-verifier-") as tmp:
        try:
            site = write_site(
                Path(tmp) / "site", signer.public_key(), listed.data, listed.signature
            )
        except SiteError as exc:
            return _failed(ctx, exc)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(site.directory.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(site.directory).as_posix())
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="qonys-verifier-v{version}.zip"'},
    )
