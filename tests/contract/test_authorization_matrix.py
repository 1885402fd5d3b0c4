"""Who may call what: every route of the app, called as five people, against a declared table.

The route list comes from the app itself (``route_handler_method_map``), so a new endpoint
fails ``test_every_route_is_classified`` until it is added to ``ROUTES`` with its audience:

- ``PUBLIC``: no account needed (anonymous never gets 401/403).
- ``SIGN_IN``: public, and 401 is its answer to wrong credentials (never 403).
- ``AUTH``: any signed-in person acting on their own data (anonymous 401, nobody 403).
- ``SELF``: an object of one worker (path ids filled with worker A's real objects):
  anonymous 401, worker B 404 (another worker's object does not exist for them), the owner
  and staff never 401/403/404 (and 2xx on a GET).
- ``STAFF``: advisers and admins only: anonymous 401, workers 403, staff never 401/403.
- ``ADMIN``: admins only: anonymous 401, workers and advisers 403, admins never 401/403.
- ``WORKER``: workers acting on their own data: anonymous 401, staff 403, workers never 401/403.
- ``SECRET``: no account, but a shared secret (the Telegram webhook): without it every caller,
  signed in or not, gets 401 or 404 (the matrix fills the path with a wrong secret).

Everywhere: never a 5xx. Bodies are plausible but the state may not fit (a second
cancellation, an invoice already paid): any other 4xx is fine for the permitted callers.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field

import pytest

from tests.conftest import bearer, staff_sign_in
from tests.quickjobs.conftest import quickjob_body, token_of

PUBLIC, SIGN_IN, AUTH, SELF, STAFF, ADMIN, WORKER, SECRET = (
    "public", "sign-in", "authenticated", "self", "staff", "admin", "worker", "secret")
TODAY = dt.date.today().isoformat()


@dataclass(frozen=True)
class Rule:
    audience: str
    json: dict | None = None
    data: dict | None = None
    files: dict | None = field(default=None, hash=False)
    params: dict | None = field(default=None, hash=False)


ROUTES: dict[tuple[str, str], Rule] = {
    # health
    ("GET", "/api/v1/health/live"): Rule(PUBLIC),
    ("GET", "/api/v1/health/ready"): Rule(PUBLIC),
    # auth (bodies of someone else: the answer may be 4xx, never 401/403/5xx)
    ("POST", "/api/v1/auth/password"): Rule(SIGN_IN, json={"email": "nobody@example.be",
                                                          "password": "wrong password"}),
    ("POST", "/api/v1/auth/refresh"): Rule(SIGN_IN, json={"refreshToken": "not-a-token"}),
    ("POST", "/api/v1/auth/otp"): Rule(PUBLIC, json={"email": "matrix@example.be"}),
    ("POST", "/api/v1/auth/token"): Rule(SIGN_IN, json={"email": "matrix@example.be",
                                                       "code": "000000"}),
    ("POST", "/api/v1/auth/second-factor"): Rule(SIGN_IN, json={"challengeToken": "not-one",
                                                               "code": "000000"}),
    ("POST", "/api/v1/auth/logout"): Rule(AUTH),  # runs last: it ends the caller's session
    # the TOTP second factor of advisers and admins
    ("GET", "/api/v1/me/totp"): Rule(STAFF),
    ("POST", "/api/v1/me/totp"): Rule(STAFF),
    ("POST", "/api/v1/me/totp/confirm"): Rule(STAFF, json={"code": "000000"}),
    # me
    ("GET", "/api/v1/me"): Rule(AUTH),
    ("PATCH", "/api/v1/me"): Rule(AUTH, json={"language": "fr"}),
    ("GET", "/api/v1/me/membership"): Rule(AUTH),
    ("POST", "/api/v1/me/membership"): Rule(AUTH, json={"shares": 1}),
    ("POST", "/api/v1/me/usage-agreement"): Rule(AUTH, json={"version": "1"}),
    ("POST", "/api/v1/me/membership/withholding"): Rule(AUTH, json={"consent": True}),
    ("GET", "/api/v1/usage-agreement"): Rule(PUBLIC),
    # personal data: the export, the erasure request (runs after every other call of worker
    # A: see _order) and what advisers see of the requests
    ("GET", "/api/v1/me/export"): Rule(AUTH),
    ("POST", "/api/v1/me/erasure"): Rule(WORKER),
    ("GET", "/api/v1/me/erasure"): Rule(AUTH),
    ("GET", "/api/v1/backoffice/erasure-requests"): Rule(STAFF),
    # a worker's own clients (advisers: everyone's)
    ("GET", "/api/v1/clients"): Rule(AUTH),
    # simulations
    ("POST", "/api/v1/simulations"): Rule(PUBLIC, json={"amountCents": 100000,
                                                        "performanceDates": [TODAY]}),
    ("GET", "/api/v1/rule-sets"): Rule(PUBLIC),
    # units
    ("GET", "/api/v1/units"): Rule(AUTH),
    ("GET", "/api/v1/units/{unit_id:str}"): Rule(SELF),
    ("GET", "/api/v1/units/{unit_id:str}/ledger"): Rule(SELF),
    # quickjobs
    ("GET", "/api/v1/quickjobs"): Rule(AUTH),
    ("POST", "/api/v1/quickjobs"): Rule(AUTH, json=quickjob_body()),
    ("GET", "/api/v1/quickjobs/{quickjob_id:uuid}"): Rule(SELF),
    ("GET", "/api/v1/quickjobs/{quickjob_id:uuid}/documents/{name:str}"): Rule(SELF),
    ("POST", "/api/v1/quickjobs/{quickjob_id:uuid}/expenses"): Rule(
        SELF, data={"amount_cents": "2500", "category": "material"},
        files={"receipt": ("bon.jpg", b"\xff\xd8\xff\xe0" + b"0" * 200, "image/jpeg")}),
    ("POST", "/api/v1/quickjobs/{quickjob_id:uuid}/order"): Rule(
        SELF, files={"signed_order": ("order.pdf", b"%PDF-1.4 signed", "application/pdf")}),
    ("POST", "/api/v1/quickjobs/{quickjob_id:uuid}/invoice"): Rule(SELF),
    ("POST", "/api/v1/quickjobs/{quickjob_id:uuid}/cash-collection"): Rule(
        SELF, json={"amountCents": 1000, "date": TODAY}),
    ("POST", "/api/v1/quickjobs/{quickjob_id:uuid}/invoice/cancel"): Rule(SELF),
    ("POST", "/api/v1/quickjobs/{quickjob_id:uuid}/cancel"): Rule(SELF),
    # the client's link (the token is the credential)
    ("GET", "/api/v1/public/quotes/{token:str}"): Rule(PUBLIC),
    ("GET", "/api/v1/public/quotes/{token:str}/pdf"): Rule(PUBLIC),
    ("POST", "/api/v1/public/quotes/{token:str}/accept"): Rule(PUBLIC),
    ("POST", "/api/v1/public/quotes/{token:str}/decline"): Rule(PUBLIC, json={"reason": "no"}),
    # the client's HTML pages (backend.clientpages): the token is the credential
    ("GET", "/q/{token:str}"): Rule(PUBLIC),
    ("GET", "/q/{token:str}/quote.pdf"): Rule(PUBLIC),
    ("POST", "/q/{token:str}/accept"): Rule(PUBLIC, data={"name": "Matrix Client"}),
    ("POST", "/q/{token:str}/decline"): Rule(PUBLIC, data={"reason": "no"}),
    ("GET", "/i/{token:str}"): Rule(PUBLIC),
    ("GET", "/i/{token:str}/{name:str}"): Rule(PUBLIC),
    ("GET", "/assets/client.css"): Rule(PUBLIC),
    # back office
    ("GET", "/api/v1/backoffice/review-items"): Rule(STAFF),
    ("GET", "/api/v1/backoffice/review-items/{review_id:uuid}"): Rule(STAFF),
    ("POST", "/api/v1/backoffice/review-items/{review_id:uuid}/approve"): Rule(
        STAFF, json={"reason": "insured"}),
    ("POST", "/api/v1/backoffice/review-items/{review_id:uuid}/reject"): Rule(
        STAFF, json={"reason": "not insured"}),
    ("POST", "/api/v1/backoffice/invoices/{invoice_id:uuid}/payments"): Rule(
        STAFF, json={"amountCents": 100, "date": TODAY}),
    ("POST", "/api/v1/backoffice/salary-runs"): Rule(STAFF, json={"date": TODAY}),
    ("POST", "/api/v1/backoffice/reminder-runs"): Rule(STAFF, json={"date": TODAY}),
    ("GET", "/api/v1/backoffice/search"): Rule(STAFF, params={"q": "Peeters"}),
    ("GET", "/api/v1/backoffice/quarterly-summary"): Rule(
        STAFF, params={"year": dt.date.today().year, "quarter": 1}),
    ("POST", "/api/v1/backoffice/units/{unit_id:uuid}/corrections"): Rule(
        STAFF, json={"entryId": str(uuid.uuid4()), "reason": "wrong amount"}),
    ("POST", "/api/v1/backoffice/corrections/{correction_id:uuid}/approve"): Rule(STAFF),
    ("POST", "/api/v1/backoffice/employments"): Rule(
        STAFF, json={"personId": str(uuid.uuid4()), "startDate": TODAY,
                     "monthlyGrossCents": 300000}),
    ("GET", "/api/v1/backoffice/employments"): Rule(STAFF),
    ("POST", "/api/v1/backoffice/employments/{employment_id:uuid}/end"): Rule(
        STAFF, json={"endDate": TODAY}),
    ("GET", "/api/v1/backoffice/employments/{employment_id:uuid}/monthly-salaries"): Rule(STAFF),
    # a worker's own monthly pay (another worker's payslip is a 404: tests/employment)
    ("GET", "/api/v1/monthly-salaries"): Rule(AUTH),
    ("GET", "/api/v1/monthly-salaries/{salary_id:uuid}/payslip.pdf"): Rule(AUTH),
    ("POST", "/api/v1/backoffice/employments/{employment_id:uuid}/approve"): Rule(STAFF),
    ("GET", "/api/v1/backoffice/held-pay"): Rule(STAFF),
    ("POST", "/api/v1/backoffice/held-pay/{hold_id:uuid}/approve"): Rule(STAFF),
    # rule sets as data: admins upload and approve, advisers read the history
    ("POST", "/api/v1/backoffice/rule-sets"): Rule(ADMIN, json={"id": "not-a-rule-set"}),
    ("GET", "/api/v1/backoffice/rule-sets"): Rule(STAFF),
    ("GET", "/api/v1/backoffice/rule-sets/{upload_id:uuid}"): Rule(STAFF),
    ("GET", "/api/v1/backoffice/rule-sets/{upload_id:uuid}/file"): Rule(STAFF),
    ("POST", "/api/v1/backoffice/rule-sets/{upload_id:uuid}/approve"): Rule(ADMIN),
    ("POST", "/api/v1/backoffice/rule-sets/{upload_id:uuid}/reject"): Rule(
        ADMIN, json={"reason": "wrong brackets"}),
    ("GET", "/api/v1/backoffice/audit-log"): Rule(ADMIN),
    ("GET", "/api/v1/backoffice/failed-jobs"): Rule(ADMIN),
    ("POST", "/api/v1/backoffice/failed-jobs/{job_id:str}/requeue"): Rule(ADMIN),
    # chat-bot
    ("POST", "/api/v1/bot/messages"): Rule(AUTH, json={"text": "hallo"}),
    ("POST", "/api/v1/bot/messages/attachments"): Rule(
        AUTH, data={"text": "parking 7,50"},
        files={"file": ("bon.jpg", b"\xff\xd8\xff\xe0" + b"0" * 200, "image/jpeg")}),
    ("POST", "/api/v1/telegram/webhook/{secret:str}"): Rule(SECRET, json={
        "update_id": 1, "message": {"message_id": 1, "date": 0, "text": "hallo",
                                    "chat": {"id": 1, "type": "private"},
                                    "from": {"id": 1, "is_bot": False}}}),
    ("POST", "/api/v1/me/telegram-link"): Rule(WORKER),
    ("GET", "/api/v1/me/telegram-link"): Rule(WORKER),
    ("DELETE", "/api/v1/me/telegram-link"): Rule(WORKER),
    ("POST", "/api/v1/backoffice/bank-statements"): Rule(STAFF, data={"file": "not coda"}),
    ("GET", "/api/v1/backoffice/unmatched-payments"): Rule(STAFF),
    ("POST", "/api/v1/backoffice/unmatched-payments/{unmatched_id:uuid}/assign"): Rule(
        STAFF, json={"invoiceId": str(uuid.uuid4())}),
    ("POST", "/api/v1/backoffice/payment-files"): Rule(STAFF),
    ("GET", "/api/v1/backoffice/payment-files/{file_id:uuid}/xml"): Rule(STAFF),
    # OpenAPI documents served by Litestar
    ("GET", "/schema"): Rule(PUBLIC),
    ("GET", "/schema/swagger"): Rule(PUBLIC),
    ("GET", "/schema/openapi.json"): Rule(PUBLIC),
    ("GET", "/schema/oauth2-redirect.html"): Rule(PUBLIC),
    ("GET", "/schema/{path:str}"): Rule(PUBLIC),
    ("GET", "/schema/assets/{file_path:path}"): Rule(PUBLIC),  # Swagger UI's own files
}

IGNORED_METHODS = {"OPTIONS", "HEAD"}  # CORS preflight / implicit HEAD: not endpoints of ours


def app_routes(app) -> set[tuple[str, str]]:
    found = set()
    for path, handlers in app.route_handler_method_map.items():
        for method in handlers:
            if method not in IGNORED_METHODS:
                found.add((method, path))
    return found


def test_every_route_is_classified():
    from backend.app import create_app
    from backend.platform.settings import Settings

    app = create_app(Settings(app_env="test", database_url="postgresql://unused@127.0.0.1:1/x",
                              redis_url="redis://127.0.0.1:1/0"))
    routes = app_routes(app)
    missing = sorted(routes - ROUTES.keys())
    assert not missing, ("routes without an audience in ROUTES (classify them): "
                         + ", ".join(f"{m} {p}" for m, p in missing))
    stale = sorted(ROUTES.keys() - routes)
    assert not stale, "ROUTES entries that the app no longer has: " + ", ".join(
        f"{m} {p}" for m, p in stale)


@pytest.fixture
async def people(client, worker_headers, other_worker_headers, adviser_headers):
    """Worker A (with a QuickJob, its unit, an issued invoice and a review item), worker B,
    an adviser and an admin."""
    from backend.people import service as people_service

    email = f"admin-{uuid.uuid4().hex[:6]}@smart.coop"
    await people_service.create_staff(email, "correct horse battery staple", "admin", "Ad", "Min")
    admin_headers = bearer(await staff_sign_in(client, email, "correct horse battery staple"))

    r = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=worker_headers)
    assert r.status_code == 201, r.text
    job = r.json()
    token = token_of(job["quote"]["acceptUrl"])
    assert (await client.post(f"/api/v1/public/quotes/{token}/accept")).status_code == 201
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=worker_headers)
    assert r.status_code == 201, r.text
    invoice = r.json()
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(amountCents=900000,
                                                                  function="roofer"),
                          headers=worker_headers)
    assert r.status_code == 201 and r.json()["status"] == "in_review", r.text
    reviews = (await client.get("/api/v1/backoffice/review-items",
                                headers=adviser_headers)).json()["items"]
    assert len(reviews) == 1
    params = {
        "quickjob_id": job["id"], "unit_id": job["unitId"], "invoice_id": invoice["id"],
        "review_id": reviews[0]["id"], "token": token, "name": "quote.pdf",
        "path": "openapi.yaml", "file_path": "swagger-ui.css",
    }
    callers = {"anonymous": {}, "worker B": other_worker_headers, "worker A": worker_headers,
               "adviser": adviser_headers, "admin": admin_headers}
    return params, callers


_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


def fill(template: str, params: dict) -> str:
    return _PARAM.sub(lambda m: str(params.get(m.group(1), uuid.uuid4())), template)


def verdict(audience: str, caller: str, status: int, method: str = "GET") -> str | None:
    """None if ``status`` is what ``caller`` may get on a route for ``audience``."""
    if status >= 500:
        return "server error"
    staff = caller in ("adviser", "admin")
    if audience == SECRET:
        return None if status in (401, 404) else "expected 401/404 without the secret"
    if audience == PUBLIC:
        return "refused on a public route" if status in (401, 403) else None
    if audience == SIGN_IN:
        return "403 on a sign-in route" if status == 403 else None
    if caller == "anonymous":
        return None if status == 401 else "expected 401"
    if audience == AUTH:
        return "refused a signed-in caller" if status in (401, 403) else None
    if audience == SELF:
        if caller == "worker B":
            return None if status == 404 else "expected 404 on another worker's object"
        if method == "GET" and not 200 <= status < 300:
            return "the owner / staff cannot read the object"
        return "refused the owner / staff" if status in (401, 403, 404) else None
    if audience == STAFF:
        if not staff:
            return None if status == 403 else "expected 403 for a worker"
        return "refused staff" if status in (401, 403) else None
    if audience == WORKER:
        if staff:
            return None if status == 403 else "expected 403 for staff"
        return "refused a worker" if status in (401, 403) else None
    if audience == ADMIN:
        if caller != "admin":
            return None if status == 403 else "expected 403 for a non-admin"
        return "refused an admin" if status in (401, 403) else None
    return f"unknown audience {audience}"


def _order(item):
    (method, path), _ = item
    destructive = "cancel" in path or "decline" in path or "reject" in path
    erasure = path.endswith("/me/erasure") and method == "POST"
    return (path.endswith("/logout"), erasure, method != "GET", destructive, path, method)


async def test_authorization_matrix(app, client, people):
    params, callers = people
    routes = app_routes(app)
    problems: list[str] = []
    for (method, template), rule in sorted(ROUTES.items(), key=_order):
        if (method, template) not in routes:
            continue  # reported by test_every_route_is_classified
        url = fill(template, params)
        for caller, headers in callers.items():
            files = ({k: tuple(v) for k, v in rule.files.items()} if rule.files else None)
            r = await client.request(method, url, headers=headers, json=rule.json,
                                     data=rule.data, files=files, params=rule.params)
            why = verdict(rule.audience, caller, r.status_code, method)
            if why:
                problems.append(f"{method} {url} as {caller} ({rule.audience}): "
                                f"{r.status_code} {why}: {r.text[:200]}")
    assert not problems, "\n".join(problems)
