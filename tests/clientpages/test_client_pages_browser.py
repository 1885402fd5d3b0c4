"""The client's side in a real browser: Debian's Chromium (headless, through chromedriver and
Selenium) against the API served by uvicorn, with the rq worker delivering the e-mails.

The client opens the link of the e-mail it received, on a phone-sized screen, in its language;
accepts or declines; later opens the invoice link and pays by scanning the QR code (decoded
here from the browser's screenshot with zxing-cpp). Skipped only where no browser is installed
and ``$CI`` is unset; in CI a missing browser fails.

``CLIENT_PAGES_SCREENSHOTS=/some/dir`` keeps the screenshots for a person to look at.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
import uuid
from pathlib import Path

import httpx
import pytest

from backend.clientpages.service import invoice_view
from backend.platform.db import unit_of_work
from backend.quickjobs import repository as repo
from tests.clientpages.conftest import client_body, delivered_mails, link_in
from tests.conftest import bearer, eventually, serve_api, sign_in

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
ROOT = Path(__file__).resolve().parents[2]


def _require_browser() -> None:
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    message = f"no browser: {CHROMIUM} and {CHROMEDRIVER} are needed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="quickjob-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                     "--lang=en-GB"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=options)
    driver.set_page_load_timeout(30)
    as_phone(driver)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def as_phone(driver, height: int | None = None) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {**PHONE, "height": height or PHONE["height"]})


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("CLIENT_PAGES_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def live(app, settings, clean_db, worker):
    """The API as `make run` serves it on its own port (links to clients follow the port), on
    the test database, with the rq worker that delivers e-mails to the file outbox."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PUBLIC_BASE_URL", "PORT")}
    env.update({"APP_ENV": "test", "DATABASE_URL": settings.database_url,
                "REDIS_URL": settings.redis_url, "DATA_DIR": str(settings.data_dir),
                "OUTBOX_DIR": str(settings.outbox_dir), "STORAGE_DIR": str(settings.storage_dir),
                "RATE_LIMIT_PER_MINUTE": "100000", "PUBLIC_RATE_LIMIT_PER_MINUTE": "100000",
                "LOG_LEVEL": "WARNING"})
    with serve_api(env, cwd=ROOT) as url:
        yield url


@contextlib.asynccontextmanager
async def worker_app(url: str):
    """The worker's side, over HTTP like the app: signed in, named, a member."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        headers = bearer(await sign_in(http, phone=f"+3247{uuid.uuid4().int % 10**7:07d}"))
        r = await http.patch("/api/v1/me", json={"firstName": "Lena", "lastName": "Peeters",
                                                 "language": "nl"}, headers=headers)
        assert r.status_code == 200, r.text
        r = await http.post("/api/v1/me/membership", json={"shares": 1}, headers=headers)
        assert r.status_code in (200, 201), r.text
        yield http, headers


async def mailed_link(settings, subject: str, prefix: str) -> str:
    """The link in the e-mail the client received (delivered by the worker)."""
    mails = await eventually(lambda: delivered_mails(settings, subject), timeout=30)
    return link_in(mails[-1]["body"], prefix)


def full_page(driver, path: Path) -> None:
    """A screenshot of the whole page at phone width, for a person to look at."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    as_phone(driver, min(int(height), 6000))
    driver.save_screenshot(str(path))
    as_phone(driver)


def no_horizontal_overflow(driver) -> None:
    """Nothing wider than the phone: no sideways scrolling, no element past the right edge."""
    width = driver.execute_script("return window.innerWidth")
    assert width == PHONE["width"]
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll}px wide on a {width}px screen"
    wide = driver.execute_script(
        "return [...document.querySelectorAll('body *')].filter(e => "
        "e.getBoundingClientRect().right > window.innerWidth + 0.5).map(e => e.tagName + '#' + "
        "e.id + '.' + e.className)")
    assert not wide, f"past the right edge: {wide}"


def wait_for(driver, condition, timeout: float = 15):
    """Until ``condition`` holds on the page the browser shows (the old page's elements go
    stale while the next one loads; Chromium may also answer "Node with given id does not belong
    to the document" for an element of the page being replaced, a WebDriverException of its own).
    A condition that never holds still fails, with a TimeoutException."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        condition)


@pytest.mark.parametrize("language, accept, confirmed", [
    ("nl", "Offerte aanvaarden", "aanvaard"),
    ("fr", "Accepter le devis", "accepté"),
    ("en", "Accept the quote", "accepted"),
])
async def test_a_client_accepts_the_quote_from_the_email_on_a_phone(
        browser, live, settings, shots, language, accept, confirmed):
    from selenium.webdriver.common.by import By

    async with worker_app(live) as (http, headers):
        r = await http.post("/api/v1/quickjobs", json=client_body(language), headers=headers)
        assert r.status_code == 201, r.text
        job = r.json()
        number = job["quote"]["number"]
        link = await mailed_link(settings, number, "/q/")
        assert link.startswith(live.replace("127.0.0.1", "localhost"))

        browser.get(link)
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
        assert number in browser.find_element(By.TAG_NAME, "h1").text
        no_horizontal_overflow(browser)
        full_page(browser, shots / f"quote-{language}-390.png")
        name = browser.find_element(By.ID, "name")
        label = browser.find_element(By.CSS_SELECTOR, "label[for='name']")
        assert label.is_displayed() and name.get_attribute("required") is not None
        button = browser.find_element(By.ID, "accept")
        assert button.text == accept
        name.send_keys("Zoë Łukasiewicz")
        button.click()
        wait_for(browser, lambda d: confirmed in d.find_element(By.TAG_NAME, "h1").text)
        body = browser.find_element(By.TAG_NAME, "main").text
        assert "Zoë Łukasiewicz" in body
        assert not browser.find_elements(By.ID, "accept")
        assert re.search(rf"/q/[\w-]+\?lang={language}$", browser.current_url)  # redirect-GET
        no_horizontal_overflow(browser)
        full_page(browser, shots / f"quote-{language}-accepted-390.png")

        # A reload of the confirmation changes nothing; the worker sees the order.
        browser.refresh()
        assert "Zoë Łukasiewicz" in browser.find_element(By.TAG_NAME, "main").text
        state = (await http.get(f"/api/v1/quickjobs/{job['id']}", headers=headers)).json()
    assert state["status"] == "accepted" and state["contract"]["status"] == "declared"
    async with unit_of_work():
        order = await repo.order_for(uuid.UUID(job["id"]))
    assert order.accepted_by == "Zoë Łukasiewicz" and order.client_ip in ("127.0.0.1", "::1")


async def test_a_client_declines_the_quote(browser, live, settings, shots):
    from selenium.webdriver.common.by import By

    async with worker_app(live) as (http, headers):
        job = (await http.post("/api/v1/quickjobs", json=client_body("fr"),
                               headers=headers)).json()
        browser.get(await mailed_link(settings, job["quote"]["number"], "/q/"))
        browser.find_element(By.CSS_SELECTOR, "details.decline summary").click()
        reason = browser.find_element(By.ID, "reason")
        assert browser.find_element(By.CSS_SELECTOR, "label[for='reason']").is_displayed()
        reason.send_keys("Le budget a changé")
        full_page(browser, shots / "quote-fr-declining-390.png")
        browser.find_element(By.ID, "decline").click()
        wait_for(browser, lambda d: "refusé" in d.find_element(By.TAG_NAME, "h1").text)
        assert "Le budget a changé" in browser.find_element(By.TAG_NAME, "main").text
        no_horizontal_overflow(browser)
        full_page(browser, shots / "quote-fr-declined-390.png")
        state = (await http.get(f"/api/v1/quickjobs/{job['id']}", headers=headers)).json()
    assert state["status"] == "declined"


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
async def test_the_client_pays_the_invoice_by_scanning_its_qr_code(
        browser, live, settings, shots, language):
    import zxingcpp
    from PIL import Image
    from selenium.webdriver.common.by import By

    async with worker_app(live) as (http, headers):
        job = (await http.post("/api/v1/quickjobs", json=client_body(language),
                               headers=headers)).json()
        token = job["quote"]["acceptUrl"].rsplit("/", 1)[-1]
        assert (await http.post(f"/api/v1/public/quotes/{token}/accept")).status_code == 201
        r = await http.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=headers)
        assert r.status_code == 201, r.text
        invoice = r.json()
        link = await mailed_link(settings, invoice["number"], "/i/")
    assert link == invoice["pageUrl"]

    browser.get(link)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    assert browser.find_element(By.ID, "iban").text == "BE71 0961 2345 6769"
    assert browser.find_element(By.ID, "communication").text == invoice["structuredCommunication"]
    no_horizontal_overflow(browser)
    full_page(browser, shots / f"invoice-{language}-390.png")

    qr = browser.find_element(By.CSS_SELECTOR, "#epc-qr svg")
    assert qr.is_displayed() and qr.size["width"] >= 150  # big enough to scan from a screen
    browser.execute_script("arguments[0].scrollIntoView()", qr)
    image = Image.open(io.BytesIO(qr.screenshot_as_png))
    [code] = zxingcpp.read_barcodes(image)
    view = await invoice_view(link.rsplit("/", 1)[-1])
    assert code.text == view.epc_payload(language)  # what the banking app reads
    lines = code.text.split("\n")
    assert lines[:4] == ["BCD", "002", "1", "SCT"] and lines[6] == "BE71096123456769"
    assert invoice["totalCents"] == 121000 and lines[7] == "EUR1210"
    assert lines[9] == re.sub(r"\D", "", invoice["structuredCommunication"])

    pdf = browser.find_element(By.CSS_SELECTOR, "a.download[type='application/pdf']")
    assert pdf.get_attribute("href").endswith("/invoice.pdf")
    async with httpx.AsyncClient() as http:  # what the link serves
        assert (await http.get(pdf.get_attribute("href"))).content.startswith(b"%PDF")


async def test_every_state_reads_on_a_phone_and_a_desktop(browser, live, settings, shots):
    """Expired quote, credited invoice and a dead link: no sideways scrolling on a phone; the
    invoice on a desktop screen too (screenshots for a person)."""
    import datetime as dt

    from selenium.webdriver.common.by import By

    from backend.quickjobs.tables import Quote

    async with worker_app(live) as (http, headers):
        expired = (await http.post("/api/v1/quickjobs", json=client_body("en"),
                                   headers=headers)).json()
        credited = (await http.post("/api/v1/quickjobs", json=client_body("nl"),
                                    headers=headers)).json()
        token = credited["quote"]["acceptUrl"].rsplit("/", 1)[-1]
        await http.post(f"/api/v1/public/quotes/{token}/accept")
        invoice = (await http.post(f"/api/v1/quickjobs/{credited['id']}/invoice",
                                   headers=headers)).json()
        r = await http.post(f"/api/v1/quickjobs/{credited['id']}/invoice/cancel", headers=headers)
        assert r.status_code == 201, r.text
    async with unit_of_work():
        await Quote.update({Quote.valid_until: dt.date.today() - dt.timedelta(days=1)}).where(
            Quote.id == uuid.UUID(expired["quote"]["id"]))

    browser.get(expired["quote"]["acceptUrl"])
    assert "expired" in browser.find_element(By.TAG_NAME, "h1").text
    assert not browser.find_elements(By.ID, "accept")
    no_horizontal_overflow(browser)
    full_page(browser, shots / "quote-en-expired-390.png")

    browser.get(invoice["pageUrl"])
    status = browser.find_element(By.CSS_SELECTOR, "[role='status']").text
    assert "betaal deze factuur niet" in status and r.json()["number"] in status
    assert not browser.find_elements(By.CSS_SELECTOR, "#epc-qr")
    no_horizontal_overflow(browser)
    full_page(browser, shots / "invoice-nl-credited-390.png")

    browser.get(f"{live}/q/not-a-real-link?lang=fr")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Ce lien ne fonctionne pas"
    no_horizontal_overflow(browser)
    full_page(browser, shots / "not-found-fr-390.png")

    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 1280, "height": 900, "deviceScaleFactor": 1,
                             "mobile": False})
    try:
        browser.get(invoice["pageUrl"] + "?lang=en")
        height = browser.execute_script("return document.documentElement.scrollHeight")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 1280
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": 1280, "height": min(int(height), 4000),
                                 "deviceScaleFactor": 1, "mobile": False})
        browser.save_screenshot(str(shots / "invoice-en-credited-1280.png"))
    finally:
        as_phone(browser)
