"""The client's pages over HTTP, as a browser receives them: HTML, headers, forms and the state
they change (the browser itself drives them in test_client_pages_browser.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid

import httpx
import lxml.html
import pytest

from backend.clientpages import nonce
from backend.documents.epc_qr import epc_payload
from backend.platform.db import unit_of_work
from backend.platform.formatting import format_date, format_money
from backend.quickjobs.ports import hash_token
from backend.quickjobs.tables import Invoice, Quote
from tests.clientpages.conftest import client_body, create_quickjob, link_in, queued_mails

CLIENT_IP = "203.0.113.7"  # the test transport's client address (tests/conftest.py)


def page(response: httpx.Response) -> lxml.html.HtmlElement:
    assert response.headers["content-type"].startswith("text/html"), response.headers
    return lxml.html.fromstring(response.text)


def text_of(doc: lxml.html.HtmlElement) -> str:
    """The page's text, ASCII white space collapsed (no-break spaces kept: money has them)."""
    return re.sub(r"[ \t\r\n]+", " ", doc.text_content()).strip()


def form_fields(doc: lxml.html.HtmlElement, action_end: str) -> tuple[str, dict]:
    [form] = [f for f in doc.forms if f.action.endswith(action_end)]
    return form.action, {i.name: i.value or "" for i in form.inputs if i.name}


async def open_quote(client, worker_headers, language="nl", **body) -> tuple[dict, str]:
    job = await create_quickjob(client, worker_headers, client_body(language, **body))
    [mail] = [m for m in await queued_mails("quote_to_client") if m["to"].startswith(
        f"klant-{language}")]
    url = link_in(mail["body"], "/q/")  # the link the client gets by e-mail
    assert url == job["quote"]["acceptUrl"]
    return job, re.sub(r"^https?://[^/]+", "", url)


def assert_page_headers(response: httpx.Response) -> None:
    csp = response.headers["content-security-policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp  # no script at all
    assert "frame-ancestors 'none'" in csp and "style-src 'self'" in csp
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("language, supplier, accept", [
    ("nl", "Smart – Verenigde Producties vzw", "Offerte aanvaarden"),
    ("fr", "Smart – Productions Associées asbl", "Accepter le devis"),
    ("en", "Smart – Productions Associées asbl", "Accept the quote"),
])
async def test_quote_page_says_who_what_when_and_how_much_in_the_clients_language(
        client, worker_headers, language, supplier, accept):
    job, path = await open_quote(client, worker_headers, language)
    r = await client.get(path)
    assert r.status_code == 200
    assert_page_headers(r)
    doc = page(r)
    assert doc.get("lang") == language  # the client's language by default
    text = text_of(doc)
    assert supplier in text and "Lena Peeters" in text and "+32470123456" not in text
    assert "Brouwerij Łódź & Zoon" in text
    assert "graphic designer" in text and "Poster and flyer for the spring fair" in text
    assert format_money(121000, language) in text and format_money(21000, language) in text
    day = dt.date.fromisoformat(job["performanceDates"][0])
    assert format_date(day, language) in text  # dates in words
    assert accept in text
    assert job["quote"]["number"] in text
    # The terms are the PDF's, and the PDF is one tap away.
    pdf = await client.get(doc.xpath("//a[contains(@class,'download')]/@href")[0])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # The switch keeps the page: the same path in another language.
    links = {a.get("hreflang"): a.get("href") for a in doc.xpath("//nav[@class='langs']//a")}
    assert links == {code: f"{path}?lang={code}" for code in ("nl", "fr", "en")}
    other = "fr" if language != "fr" else "en"
    switched = page(await client.get(links[other]))
    assert switched.get("lang") == other and accept not in text_of(switched)
    # No stylesheet or script from elsewhere: everything comes from the app.
    assert not doc.xpath("//script")
    assert all(href.startswith("/") or href.startswith("data:")
               for href in doc.xpath("//link/@href"))
    css = await client.get(doc.xpath("//link[@rel='stylesheet']/@href")[0])
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


async def test_accepting_asks_the_name_and_records_time_ip_and_name_once(client, worker_headers):
    job, path = await open_quote(client, worker_headers, "fr")
    doc = page(await client.get(path))
    action, fields = form_fields(doc, "/accept")
    assert doc.xpath("//label[@for='name']") and doc.xpath("//input[@id='name'][@required]")

    # Without a name: the page again, the field marked, nothing changed.
    r = await client.post(action, data={**fields, "name": "  "})
    assert r.status_code == 422
    again = page(r)
    assert again.xpath("//input[@id='name'][@aria-invalid='true']")
    assert "Indiquez votre nom" in text_of(again)
    state = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert state["status"] == "quote_sent"

    r = await client.post(action, data={**fields, "name": "Zoë Łukasiewicz"})
    assert r.status_code == 303 and r.headers["location"] == f"{path}?lang=fr"
    done = page(await client.get(r.headers["location"]))
    assert done.get("lang") == "fr"
    assert "Devis " + job["quote"]["number"] + " accepté" in text_of(done)
    assert "Accepté par Zoë Łukasiewicz le " in text_of(done)
    assert not done.forms  # nothing left to answer

    state = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert state["status"] == "accepted" and state["contract"]["status"] == "declared"
    accepted = [e for e in state["timeline"] if e["kind"] == "quote_accepted"]
    assert accepted[0]["data"]["acceptedBy"] == "Zoë Łukasiewicz"
    from backend.quickjobs import repository as repo
    async with unit_of_work():
        order = await repo.order_for(uuid.UUID(job["id"]))
    assert order.accepted_by == "Zoë Łukasiewicz" and order.client_ip == CLIENT_IP
    assert order.source == "client_link"
    assert abs((dt.datetime.now(dt.UTC) - order.confirmed_at).total_seconds()) < 120

    # A second click (the same form, even without a fresh page) shows the same confirmation.
    r = await client.post(action, data={**fields, "name": "Someone Else"})
    assert r.status_code == 303
    assert "Zoë Łukasiewicz" in text_of(page(await client.get(r.headers["location"])))
    token = path.rsplit("/", 1)[-1]
    api = await client.post(f"/api/v1/public/quotes/{token}/accept")
    assert api.json()["id"] == str(order.id) and api.json()["acceptedBy"] == "Zoë Łukasiewicz"


async def test_declining_with_a_reason(client, worker_headers):
    job, path = await open_quote(client, worker_headers, "en")
    doc = page(await client.get(path))
    action, fields = form_fields(doc, "/decline")
    assert doc.xpath("//details/summary")  # behind a disclosure: no accidental decline
    r = await client.post(action, data={**fields, "reason": "We found someone closer"})
    assert r.status_code == 303
    done = text_of(page(await client.get(r.headers["location"])))
    assert f"Quote {job['quote']['number']} declined" in done
    assert "Your reason: We found someone closer" in done
    state = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert state["status"] == "declined"
    # Accepting afterwards changes nothing: the page keeps saying declined.
    accept_action, accept_fields = form_fields(doc, "/accept")
    r = await client.post(accept_action, data={**accept_fields, "name": "Late Click"})
    assert r.status_code == 303
    assert "declined" in text_of(page(await client.get(r.headers["location"])))


async def test_a_form_without_its_nonce_or_from_another_site_changes_nothing(
        client, worker_headers, settings):
    job, path = await open_quote(client, worker_headers)
    token = path.rsplit("/", 1)[-1]
    action = f"{path}/accept"
    r = await client.post(action, data={"name": "Eve", "lang": "nl"})
    assert r.status_code == 400 and "te lang open" in text_of(page(r))
    stale = nonce.make(settings.secret_key, "accept", token, now=0)
    r = await client.post(action, data={"name": "Eve", "nonce": stale})
    assert r.status_code == 400
    other_quote = nonce.make(settings.secret_key, "accept", "another-token")
    r = await client.post(action, data={"name": "Eve", "nonce": other_quote})
    assert r.status_code == 400
    good = nonce.make(settings.secret_key, "accept", token)
    r = await client.post(action, data={"name": "Eve", "nonce": good},
                          headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 400
    state = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert state["status"] == "quote_sent"


async def test_expired_and_withdrawn_quotes_say_so(client, worker_headers):
    job, path = await open_quote(client, worker_headers)
    doc = page(await client.get(path))
    action, fields = form_fields(doc, "/accept")
    async with unit_of_work():
        await Quote.update({Quote.valid_until: dt.date.today() - dt.timedelta(days=1)}).where(
            Quote.id == uuid.UUID(job["quote"]["id"]))
    expired = text_of(page(await client.get(path)))
    assert f"Offerte {job['quote']['number']} verlopen" in expired and "Vraag Lena Peeters" in expired
    r = await client.post(action, data={**fields, "name": "Too Late"})
    assert r.status_code == 303
    state = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert state["status"] == "quote_sent"

    job, path = await open_quote(client, worker_headers, "fr")
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/cancel", headers=worker_headers)
    assert r.status_code == 200, r.text
    withdrawn = page(await client.get(path))
    assert "retiré" in text_of(withdrawn) and not withdrawn.forms


async def test_a_link_that_leads_nowhere_gets_one_404_page(client, worker_headers):
    job, path = await open_quote(client, worker_headers)
    real = path.rsplit("/", 1)[-1]
    answers = []
    for probe in (f"/q/{real[:-1]}x", "/q/nothing", f"/i/{real}", "/i/nothing",
                  f"/q/{real[:-1]}x/quote.pdf", f"/i/{real}/invoice.pdf"):
        r = await client.get(probe, headers={"Accept-Language": "fr"})
        assert r.status_code == 404, probe
        assert_page_headers(r)
        answers.append(re.sub(r"\?lang=\w\w", "", r.text.replace(probe, "")))
    assert len(set(answers)) == 1  # the same page, whatever the link was
    assert "Ce lien ne fonctionne pas" in answers[0]
    r = await client.post(f"/q/{real[:-1]}x/accept", data={"name": "Eve"})
    assert r.status_code == 404


async def test_invoice_page_has_what_the_client_needs_to_pay(client, worker_headers,
                                                              adviser_headers):
    job, path = await open_quote(client, worker_headers, "nl")
    token = path.rsplit("/", 1)[-1]
    await client.post(f"/api/v1/public/quotes/{token}/accept", json={"name": "Jan Janssens"})
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=worker_headers)
    assert r.status_code == 201, r.text
    invoice = r.json()
    [mail] = await queued_mails("invoice_to_client")
    url = link_in(mail["body"], "/i/")
    assert url == invoice["pageUrl"]
    ipath = re.sub(r"^https?://[^/]+", "", url)
    async with unit_of_work():
        [stored] = await Invoice.select(Invoice.public_token_hash).where(
            Invoice.id == uuid.UUID(invoice["id"]))
    assert stored["public_token_hash"] == hash_token(ipath.rsplit("/", 1)[-1])  # only the hash

    r = await client.get(ipath)
    assert r.status_code == 200
    assert_page_headers(r)
    doc = page(r)
    text = text_of(doc)
    assert "Te betalen uiterlijk op" in text
    assert doc.get_element_by_id("iban").text_content() == "BE71 0961 2345 6769"
    assert doc.get_element_by_id("bic").text_content() == "GKCCBEBB"
    assert doc.get_element_by_id("communication").text_content() == \
        invoice["structuredCommunication"]
    assert doc.get_element_by_id("amount-due").text_content() == format_money(121000, "nl")
    assert job["quote"]["number"] in text  # the order reference: the accepted quote
    [svg] = doc.xpath("//figure[@id='epc-qr']/svg")
    assert svg.xpath("title") and "style" not in lxml.html.tostring(svg).decode()
    expected = epc_payload(name="Smart – Verenigde Producties vzw", iban="BE71096123456769",
                           bic="GKCCBEBB", amount_cents=invoice["totalCents"],
                           structured_communication=invoice["structuredCommunication"])
    assert svg_modules(svg) == qr_modules(expected)  # the image is the EPC payload's QR code

    pdf = await client.get(f"{ipath}/invoice.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert url in pdf_text(pdf.content).replace("\n", "")  # the PDF links to the page
    ubl = await client.get(f"{ipath}/invoice.xml")
    assert ubl.status_code == 200 and b"<Invoice" in ubl.content

    # Partly paid, then overdue, then paid: the page follows.
    r = await client.post(f"/api/v1/backoffice/invoices/{invoice['id']}/payments",
                          json={"amountCents": 21000, "date": dt.date.today().isoformat()},
                          headers=adviser_headers)
    assert r.status_code == 201, r.text
    partly = page(await client.get(f"{ipath}?lang=en"))
    assert "Partly paid: €210.00 received, €1,000.00 still to pay." in text_of(partly)  # en
    assert partly.get_element_by_id("amount-due").text_content() == "€1,000.00"
    async with unit_of_work():
        await Invoice.update({Invoice.due_date: dt.date.today() - dt.timedelta(days=3)}).where(
            Invoice.id == uuid.UUID(invoice["id"]))
    assert "Échue depuis le" in text_of(page(await client.get(f"{ipath}?lang=fr")))
    await client.post(f"/api/v1/backoffice/invoices/{invoice['id']}/payments",
                      json={"amountCents": 100000, "date": dt.date.today().isoformat()},
                      headers=adviser_headers)
    paid = page(await client.get(ipath))
    assert "Betaald. Dank u wel!" in text_of(paid) and not paid.xpath("//svg")


async def test_a_credited_invoice_says_do_not_pay(client, worker_headers):
    job, path = await open_quote(client, worker_headers, "fr")
    token = path.rsplit("/", 1)[-1]
    await client.post(f"/api/v1/public/quotes/{token}/accept")
    invoice = (await client.post(f"/api/v1/quickjobs/{job['id']}/invoice",
                                 headers=worker_headers)).json()
    credit = (await client.post(f"/api/v1/quickjobs/{job['id']}/invoice/cancel",
                                headers=worker_headers)).json()
    [mail] = await queued_mails("credit_note_to_client")
    assert credit["number"] in mail["subject"] and "Ne payez pas cette facture" in mail["body"]
    ipath = re.sub(r"^https?://[^/]+", "", link_in(mail["body"], "/i/"))
    assert ipath == re.sub(r"^https?://[^/]+", "", invoice["pageUrl"])
    doc = page(await client.get(ipath))
    text = text_of(doc)
    assert f"Annulée par la note de crédit {credit['number']} : ne payez pas cette facture." in text
    assert not doc.xpath("//svg") and not doc.xpath("//*[@id='iban']")  # nothing to pay
    note = await client.get(f"{ipath}/credit-note.pdf")
    assert note.status_code == 200 and note.content.startswith(b"%PDF")


async def test_a_reminder_links_to_the_invoice_page(client, worker_headers, adviser_headers):
    job, path = await open_quote(client, worker_headers, "en")
    await client.post(f"/api/v1/public/quotes/{path.rsplit('/', 1)[-1]}/accept")
    invoice = (await client.post(f"/api/v1/quickjobs/{job['id']}/invoice",
                                 headers=worker_headers)).json()
    late = dt.date.fromisoformat(invoice["dueDate"]) + dt.timedelta(days=7)
    r = await client.post("/api/v1/backoffice/reminder-runs", json={"date": late.isoformat()},
                          headers=adviser_headers)
    assert r.json()["remindersSent"] == 1
    [mail] = await queued_mails("invoice_reminder")
    assert mail["language"] == "en" and link_in(mail["body"], "/i/") == invoice["pageUrl"]
    assert "the QR code to pay" in mail["body"]


async def test_public_pages_are_rate_limited(app, settings, clean_db):
    from backend.app import create_app

    limited = create_app(dataclasses.replace(settings, public_rate_limit_per_minute=3))
    transport = httpx.ASGITransport(app=limited, client=("198.51.100.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        codes = [(await c.get("/q/nothing")).status_code for _ in range(6)]
    await limited.state.redis.aclose()
    assert codes[:3] == [404, 404, 404] and codes[-1] == 429


# Helpers ---------------------------------------------------------------------------------------

def qr_modules(payload: str) -> set[tuple[int, int]]:
    """The dark modules of the EPC QR code of ``payload`` (as segno makes it, quiet zone 4)."""
    from backend.documents.epc_qr import epc_qr

    return {(x + 4, y + 4) for y, row in enumerate(epc_qr(payload).matrix)
            for x, dark in enumerate(row) if dark}


def svg_modules(svg) -> set[tuple[int, int]]:
    """The dark modules an inline SVG of segno draws (its path: horizontal runs per row)."""
    [path] = [p for p in svg.iter() if p.tag.endswith("path") and p.get("stroke")]
    dark, x, y = set(), 0.0, 0.0
    for command, number, rest in re.findall(r"([MmHhVv])(-?\d+(?:\.\d+)?)(?:[ ,](-?\d+(?:\.\d+)?))?",
                                            path.get("d")):
        value = float(number)
        if command == "M":
            x, y = value, float(rest)
        elif command == "m":
            x, y = x + value, y + float(rest)
        elif command == "h":
            dark |= {(int(x) + i, int(y)) for i in range(int(value))}
            x += value
    return dark


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


async def test_the_access_log_keeps_the_route_not_the_token(client, worker_headers, caplog):
    job, path = await open_quote(client, worker_headers)
    token = path.rsplit("/", 1)[-1]
    caplog.clear()
    with caplog.at_level("INFO", logger="backend.access"):
        await client.get(path)
        await client.get(f"{path}/quote.pdf")
        await client.get(f"/api/v1/public/quotes/{token}")
    logged = [r.fields["path"] for r in caplog.records
              if r.name == "backend.access" and hasattr(r, "fields")]
    assert logged == ["/q/{token}", "/q/{token}/quote.pdf", "/api/v1/public/quotes/{token}"]
    server = [r for r in caplog.records if r.name.startswith("backend")]  # not the test's httpx
    assert server and all(token not in r.getMessage() + str(getattr(r, "fields", ""))
                          for r in server)
