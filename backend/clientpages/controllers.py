"""HTTP of the client's pages: HTML for people (outside the OpenAPI schema), thin over the
QuickJob flow's services.

| URL | what |
|---|---|
| ``GET /q/{token}`` | the quote, or the page of its state (accepted, declined, expired, withdrawn) |
| ``POST /q/{token}/accept`` | form: ``name`` (required), ``nonce``, ``lang`` -> 303 to the page |
| ``POST /q/{token}/decline`` | form: ``reason`` (optional), ``nonce``, ``lang`` -> 303 |
| ``GET /q/{token}/quote.pdf`` | the quote PDF |
| ``GET /i/{token}`` | the invoice: amount, due date, IBAN, BIC, communication, QR code |
| ``GET /i/{token}/invoice.pdf``, ``/invoice.xml``, ``/credit-note.pdf`` | its documents |
| ``GET /assets/client.css`` | the pages' style sheet |

``?lang=nl|fr|en`` picks the language (default: the client's, stored with the quote). Every
page carries a CSP without scripts, ``frame-ancestors 'none'`` and ``Referrer-Policy:
no-referrer`` (the link's token never leaves in a Referer header); a link that leads nowhere
gets the same 404 page whether it never existed or is malformed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect, Template
from litestar.template.config import TemplateConfig

from backend.clientpages import nonce, texts  # noqa: F401 - texts registers the page texts
from backend.clientpages.service import InvoiceView, QuoteView, invoice_view, quote_view
from backend.documents.formatting import format_iban
from backend.documents.labels import label
from backend.documents.layout import party_lines, vat_rate_text
from backend.platform import i18n
from backend.platform.errors import Conflict, Invalid, NotFound
from backend.platform.formatting import format_date, format_money, format_percent, jinja_filters
from backend.quickjobs import client_answer, reading
from backend.quickjobs.client_answer import QuoteState
from backend.quickjobs.ports import INVOICE_PAGE, QUOTE_PAGE

STATIC = Path(__file__).with_name("static")
CSS = (STATIC / "client.css").read_bytes()
CSS_URL = f"/assets/client.css?v={hashlib.sha256(CSS).hexdigest()[:12]}"
LANGUAGE_NAMES = (("nl", "Nederlands"), ("fr", "Français"), ("en", "English"))
BRAND = "Smart"

# No script anywhere; styles from this origin only (no inline style either); forms post here.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
COMMON_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store",
}
PAGE_HEADERS = {
    **COMMON_HEADERS,
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def template_config() -> TemplateConfig:
    """Jinja2 for the pages: autoescaped, strict about undefined names, Babel filters."""
    environment = Environment(loader=PackageLoader("backend.clientpages", "templates"),
                              autoescape=select_autoescape(("html",)), undefined=StrictUndefined,
                              trim_blocks=False, lstrip_blocks=False)
    environment.filters.update(jinja_filters())
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment))


def _language(requested: object, default: str | None) -> str:
    if isinstance(requested, str) and requested in i18n.LANGUAGES:
        return requested
    return default if default in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def _page(template: str, lang: str, path: str, status: int = 200, **context) -> Template:
    def t(key: str, **params: object) -> str:
        return i18n.t(key, lang, **params)

    return Template(
        template_name=template, status_code=status,
        headers={**PAGE_HEADERS, "Content-Language": lang},
        context={"lang": lang, "t": t, "brand": BRAND, "css_url": CSS_URL,
                 "languages": LANGUAGE_NAMES, "switch_url": lambda code: f"{path}?lang={code}",
                 "footer_lines": context.pop("footer_lines", ()), **context})


def not_found_page(request: Request, lang: str | None = None) -> Template:
    """The same page for any link that leads nowhere: nothing says whether it ever existed."""
    lang = _language(request.query_params.get("lang"),
                     lang or i18n.negotiate(request.headers.get("accept-language")))
    return _page("not_found.html", lang, request.url.path, status=404,
                 title=i18n.t("page.not_found.title", lang))


def _not_found_handler(request: Request, exc: Exception) -> Response:
    return not_found_page(request)


def _client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _cross_site(request: Request) -> bool:
    """A form posted from another site (browsers say so in Sec-Fetch-Site)."""
    return request.headers.get("sec-fetch-site", "").lower() == "cross-site"


def _form_ok(request: Request, purpose: str, token: str, given: object) -> bool:
    secret = request.app.state.quickjob_ports.secret_key
    return not _cross_site(request) and nonce.check(
        secret, purpose, token, given if isinstance(given, str) else None)


def _download(data: bytes, media_type: str, filename: str, *, attachment: bool = False) -> Response:
    disposition = "attachment" if attachment else "inline"
    return Response(data, media_type=media_type, headers={
        **COMMON_HEADERS, "Content-Disposition": f'{disposition}; filename="{filename}"'})


def _see(path: str, lang: str) -> Redirect:
    """POST-redirect-GET: the answer's page, in the language the client was reading."""
    return Redirect(path=f"{path}?lang={lang}", status_code=303, headers=dict(COMMON_HEADERS))


# The quote ------------------------------------------------------------------------------------

def _quote_page(request: Request, view: QuoteView, token: str, lang: str, status: int = 200,
                **form) -> Template:
    secret = request.app.state.quickjob_ports.secret_key
    path = f"{QUOTE_PAGE}{token}"
    supplier = view.supplier(lang)
    clauses = view.quote.clauses
    terms = [
        label("quote.payment", lang),
        label("quote.cancellation", lang,
              percent=format_percent(str(clauses.get("cancellationFeePercent", "0")), lang),
              amount=format_money(view.cancellation_fee_cents, lang)),
        label("quote.notice", lang, days=clauses.get("noticePeriodDays", 0)),
        label("quote.validity", lang, date=format_date(view.quote.valid_until, lang)),
    ]
    sim = view.sim
    return _page(
        "quote.html", lang, path, status=status,
        title=i18n.t("page.quote.title", lang, number=view.quote.number), view=view,
        supplier=supplier, supplier_lines=party_lines(supplier, lang),
        client_lines=party_lines(view.client(), lang), footer_lines=[supplier.name],
        base_cents=sim.turnover_cents, vat_cents=sim.vat_cents,
        total_cents=sim.total_incl_vat_cents, vat_rate_text=vat_rate_text(view.job.vat_rate, lang),
        vat_mention=view.vat_mention(lang), terms_title=label("quote.clauses", lang), terms=terms,
        pdf_url=f"{path}/quote.pdf", accept_action=f"{path}/accept",
        decline_action=f"{path}/decline",
        accept_nonce=nonce.make(secret, "accept", token),
        decline_nonce=nonce.make(secret, "decline", token),
        form_expired=form.get("form_expired", False), name_error=form.get("name_error", False),
        name_value=form.get("name_value", ""))


@get("/q/{token:str}")
async def quote_page(token: str, request: Request) -> Template:
    view = await quote_view(token)
    if view is None:
        return not_found_page(request)
    lang = _language(request.query_params.get("lang"), view.job.client_language)
    return _quote_page(request, view, token, lang)


@post("/q/{token:str}/accept", status_code=303)
async def accept_quote(token: str, request: Request) -> Response:
    form = await request.form()
    view = await quote_view(token)
    if view is None:
        return not_found_page(request)
    lang = _language(form.get("lang"), view.job.client_language)
    if view.state != QuoteState.OPEN:  # a second click, or too late: the page says which
        return _see(f"{QUOTE_PAGE}{token}", lang)
    if not _form_ok(request, "accept", token, form.get("nonce")):
        return _quote_page(request, view, token, lang, status=400, form_expired=True)
    name = form.get("name") if isinstance(form.get("name"), str) else ""
    try:
        if client_answer.tidy_name(name) is None:  # the page asks who accepts
            raise Invalid()
        await client_answer.accept_quote(token, _client_ip(request),
                                         request.app.state.quickjob_ports, accepted_by=name)
    except Invalid:
        return _quote_page(request, view, token, lang, status=422, name_error=True,
                           name_value=name[:200])
    except (Conflict, NotFound):
        pass  # the state changed meanwhile (declined, expired): the page says so
    return _see(f"{QUOTE_PAGE}{token}", lang)


@post("/q/{token:str}/decline", status_code=303)
async def decline_quote(token: str, request: Request) -> Response:
    form = await request.form()
    view = await quote_view(token)
    if view is None:
        return not_found_page(request)
    lang = _language(form.get("lang"), view.job.client_language)
    if view.state != QuoteState.OPEN:
        return _see(f"{QUOTE_PAGE}{token}", lang)
    if not _form_ok(request, "decline", token, form.get("nonce")):
        return _quote_page(request, view, token, lang, status=400, form_expired=True)
    reason = form.get("reason") if isinstance(form.get("reason"), str) else None
    try:
        await client_answer.decline_quote(token, reason)
    except (Conflict, NotFound):
        pass
    return _see(f"{QUOTE_PAGE}{token}", lang)


@get("/q/{token:str}/quote.pdf")
async def quote_pdf(token: str, request: Request) -> Response:
    view = await quote_view(token)
    if view is None:
        return not_found_page(request)
    ports = request.app.state.quickjob_ports
    key = await reading.render_document(view.job.id, "quote", ports)  # made on first need
    return _download(ports.storage.open(key), "application/pdf", f"{view.quote.number}.pdf")


# The invoice ----------------------------------------------------------------------------------

def _invoice_page(request: Request, view: InvoiceView, token: str, lang: str) -> Template:
    path = f"{INVOICE_PAGE}{token}"
    supplier = view.supplier(lang)
    invoice = view.invoice
    qr = None
    if view.payable:
        qr = view.qr_svg(lang, i18n.t("page.invoice.qr_title", lang, name=supplier.name,
                                      amount=format_money(view.outstanding_cents, lang)))
    return _page(
        "invoice.html", lang, path,
        title=i18n.t("page.invoice.title", lang, number=invoice.number), view=view,
        supplier=supplier, supplier_lines=party_lines(supplier, lang),
        client_lines=party_lines(view.client(), lang), footer_lines=[supplier.name],
        iban=format_iban(supplier.iban), qr_svg=qr,
        base_cents=invoice.base_cents, vat_cents=invoice.vat_cents,
        total_cents=invoice.total_cents, vat_rate_text=vat_rate_text(invoice.vat_rate, lang),
        vat_mention=view.vat_mention(lang), pdf_url=f"{path}/invoice.pdf",
        ubl_url=f"{path}/invoice.xml" if invoice.ubl_key else None,
        credit_note_url=f"{path}/credit-note.pdf" if view.credit_note else None)


@get("/i/{token:str}")
async def invoice_page(token: str, request: Request) -> Template:
    view = await invoice_view(token)
    if view is None:
        return not_found_page(request)
    lang = _language(request.query_params.get("lang"), view.job.client_language)
    return _invoice_page(request, view, token, lang)


@get("/i/{token:str}/{name:str}")
async def invoice_document(token: str, name: str, request: Request) -> Response:
    view = await invoice_view(token)
    if view is None:
        return not_found_page(request)
    storage = request.app.state.quickjob_ports.storage
    stem = view.invoice.number.replace("/", "-")
    if name == "invoice.pdf":
        return _download(storage.open(view.invoice.pdf_key), "application/pdf", f"{stem}.pdf")
    if name == "invoice.xml" and view.invoice.ubl_key:
        return _download(storage.open(view.invoice.ubl_key), "application/xml", f"{stem}.xml",
                         attachment=True)
    if name == "credit-note.pdf" and view.credit_note:
        return _download(storage.open(view.credit_note.pdf_key), "application/pdf",
                         f"{view.credit_note.number.replace('/', '-')}.pdf")
    return not_found_page(request)


@get("/assets/client.css")
async def stylesheet() -> Response:
    return Response(CSS, media_type="text/css; charset=utf-8", headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=86400"})


def router() -> Router:
    """Every page route, outside the OpenAPI schema (the JSON API is documented there)."""
    return Router(path="/", route_handlers=[quote_page, accept_quote, decline_quote, quote_pdf,
                                            invoice_page, invoice_document, stylesheet],
                  include_in_schema=False,
                  exception_handlers={NotFoundException: _not_found_handler})
