"""Admins add next year's rules without a deploy: upload, second admin's approval, history."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter

from backend.backoffice.controllers import timestamp_cursor
from backend.http.context import Principal
from backend.http.problems import invalid
from backend.platform import i18n
from backend.rulesets import book as rule_books
from backend.rulesets import service
from backend.rulesets.messages import Texts
from backend.rulesets.rows import RuleSetUploadRow
from backend.rulesets.schemas import (
    RuleSetDecisionIn,
    RuleSetUploadList,
    RuleSetUploadOut,
    RuleSetWarningOut,
)

MAX_FILE_BYTES = 2_000_000  # the engine's limit too (rules_upload.MAX_UPLOAD_BYTES)


def upload_out(row: RuleSetUploadRow, lang: str) -> RuleSetUploadOut:
    return RuleSetUploadOut(
        id=row.id, file_id=row.file_id, country=row.country, legal_entity=row.legal_entity,
        valid_from=row.valid_from, valid_to=row.valid_to, segment_ids=list(row.segment_ids),
        replace=row.replace_existing, sha256=row.sha256, status=row.status,
        uploaded_by=row.uploaded_by, uploaded_at=row.uploaded_at,
        warnings=[RuleSetWarningOut(where=w["where"], code=w["code"],
                                    message=Texts(w["messages"]).localize(lang))
                  for w in row.warnings],
        in_force=row.id in rule_books.source().applied, file_name=row.file_name,
        decided_by=row.decided_by, decided_at=row.decided_at,
        decision_reason=row.decision_reason)


async def _file(request: Request) -> tuple[bytes, str | None]:
    """The file as the request body (application/json), or the file of a multipart form."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form()
        for value in form.values():
            if hasattr(value, "read"):
                return await value.read(), getattr(value, "filename", None)
        return b"", None
    return await request.body(), None


class RuleSetAdminController(Controller):
    path = "/backoffice/rule-sets"
    tags = ["backoffice"]

    @post("/", operation_id="uploadRuleSet", status_code=201,
          summary="Upload next year's rule-set file; it applies once a second admin approves it "
                  "(admin)",
          description="Body: the rule-set JSON file itself (application/json), or the file of a "
                      "multipart form. The file is checked exactly as the shipped ones are "
                      "(schema, kinds and ranges, a source on every parameter, validity "
                      "contiguous with the rule sets in force): every problem comes back at "
                      "once as a 422 problem+json, each in errors[] with the place in the file. "
                      "replace=true corrects a rule set of the same id (approved or shipped).")
    async def upload(self, request: Request, principal: Principal, language: str,
                     replace: bool = False) -> RuleSetUploadOut:
        principal.require("admin")
        raw, name = await _file(request)
        if len(raw) > MAX_FILE_BYTES:
            raise invalid("file", "rule_set_problem", text=Texts({
                lang: i18n.t("payload_too_large", lang) for lang in i18n.LANGUAGES}))
        row = await service.upload(principal, raw, replace=replace, file_name=name)
        return upload_out(row, language)

    @get("/", operation_id="listRuleSetUploads",
          description=("Every rule-set file ever uploaded, newest first, with its status and "
                       "decision, and whether it is part of the rule book in force. Pages with "
                       "nextCursor."),
         summary="Every rule-set file ever uploaded, newest first, with its decision (adviser)")
    async def history(self, principal: Principal, language: str, status: str | None = None,
                      cursor: Annotated[str | None, Parameter(
                          description="nextCursor of the previous page")] = None,
                      limit: Annotated[int, Parameter(ge=1, le=100)] = 50) -> RuleSetUploadList:
        rows = await service.history(principal, status, timestamp_cursor(cursor), limit + 1)
        items = [upload_out(r, language) for r in rows[:limit]]
        more = len(rows) > limit
        return RuleSetUploadList(items=items,
                                 next_cursor=items[-1].uploaded_at.isoformat() if more else None)

    @get("/{upload_id:uuid}", operation_id="getRuleSetUpload",
          description=("One uploaded rule-set file with its status, warnings and decision. 404 "
                       "for an unknown upload."),
         summary="One uploaded rule-set file and its decision (adviser)")
    async def detail(self, upload_id: uuid.UUID, principal: Principal,
                     language: str) -> RuleSetUploadOut:
        return upload_out(await service.get(principal, upload_id), language)

    @get("/{upload_id:uuid}/file", operation_id="getRuleSetUploadFile",
          description=("The uploaded rule-set JSON exactly as it was uploaded and will apply. "
                       "404 for an unknown upload."),
         media_type="application/json",
         summary="The uploaded file itself, as it will apply (adviser)")
    async def file(self, upload_id: uuid.UUID, principal: Principal) -> Response[dict]:
        row = await service.get(principal, upload_id)
        return Response(row.document, media_type="application/json", headers={
            "Content-Disposition": f'inline; filename="{row.file_id}.json"'})

    @post("/{upload_id:uuid}/approve", operation_id="approveRuleSetUpload",
          description=("A second admin approves an uploaded rule set: from its validFrom it is "
                       "used by the API and the worker. Never the admin who uploaded it (403); "
                       "an upload already decided is a 409."), status_code=200,
          summary="A second admin approves an uploaded rule set: it applies from its validFrom "
                  "in the API and the worker (never the uploader; admin)")
    async def approve(self, upload_id: uuid.UUID, principal: Principal,
                      language: str) -> RuleSetUploadOut:
        return upload_out(await service.approve(principal, upload_id), language)

    @post("/{upload_id:uuid}/reject", operation_id="rejectRuleSetUpload",
          description=("Rejects an uploaded rule set with a reason; it never applies. Admins "
                       "only; an upload already decided is a 409."), status_code=200,
          summary="Reject an uploaded rule set with a reason (admin)")
    async def reject(self, upload_id: uuid.UUID, data: RuleSetDecisionIn, principal: Principal,
                     language: str) -> RuleSetUploadOut:
        return upload_out(await service.reject(principal, upload_id, data.reason), language)


CONTROLLERS = [RuleSetAdminController]
