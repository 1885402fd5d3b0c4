"""Transcript tests of the dialogue engine with a stub port (no database)."""

import datetime as dt

import pytest

from tests.bot.conftest import Bot

ALL_IN_ONE = {
    "nl": ("Hallo", "Grafisch ontwerp voor klant Brouwerij De Klok, 1.250,50 € op 12 maart", "ja"),
    "fr": ("Bonjour", "Photographe pour le client Café Central, 250 euros vendredi prochain", "oui"),
    "en": ("Hello", "Web design for client Acme Ltd, €250 next Monday", "yes"),
}
SUMMARY = {"nl": "Samenvatting", "fr": "Résumé", "en": "Summary"}
CREATED = {"nl": "Klaar!", "fr": "C'est fait", "en": "Done!"}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
async def test_all_facts_in_one_message_three_user_messages(lang):
    bot = Bot()
    hello, facts, yes = ALL_IN_ONE[lang]
    await bot.say(hello)
    summary = await bot.say(facts)
    assert SUMMARY[lang] in summary and not bot.services.created
    for figure in ("21 %", "6,5" if False else ""):
        assert figure in summary
    assert CREATED[lang] in await bot.say(yes)
    assert len(bot.services.created) == 1 and bot.messages == 3
    assert bot.state["lang"] == lang


@pytest.mark.parametrize("lang,messages,expected", [
    ("nl", ["ik wil een offerte maken", "fotograaf", "Brouwerij De Klok", "250", "morgen", "ja"],
     {"function": "fotograaf", "client_name": "Brouwerij De Klok", "amount_cents": 25000,
      "dates": ["2026-03-05"]}),
    ("fr", ["je voudrais faire un devis", "photographe", "Café Central", "250 euros",
            "vendredi prochain", "oui"],
     {"function": "photographe", "client_name": "Café Central", "amount_cents": 25000,
      "dates": ["2026-03-06"]}),
    ("en", ["I want to make a new quote", "photographer", "Acme Ltd", "€1,250.50", "12/03", "yes"],
     {"function": "photographer", "client_name": "Acme Ltd", "amount_cents": 125050,
      "dates": ["2026-03-12"]}),
])
async def test_one_by_one_in_at_most_ten_messages(lang, messages, expected):
    bot = Bot()
    for text in messages:
        reply = await bot.say(text)
    assert CREATED[lang] in reply
    assert bot.messages <= 10
    created = bot.services.created[0]
    assert {k: created[k] for k in expected} == expected
    assert created["vat_rate"] == "21" and created["contract_type"] == "employee"


@pytest.mark.parametrize("lang,correction,check", [
    ("nl", "nee, 300 euro", ("amount_cents", 30000)),
    ("fr", "non, 300 euros", ("amount_cents", 30000)),
    ("en", "no, 300 euro", ("amount_cents", 30000)),
    ("nl", "verander de datum naar vrijdag", ("dates", ["2026-03-06"])),
    ("fr", "change la date à lundi prochain", ("dates", ["2026-03-09"])),
    ("en", "change the date to Friday", ("dates", ["2026-03-06"])),
    ("nl", "als student", ("contract_type", "student")),
    ("fr", "TVA 6 %", ("vat_rate", "6")),
    ("en", "the client is Globex", ("client_name", "Globex")),
])
async def test_corrections_replace_the_field_and_show_the_summary_again(lang, correction, check):
    bot = Bot()
    hello, facts, yes = ALL_IN_ONE[lang]
    await bot.say(facts)
    again = await bot.say(correction)
    assert SUMMARY[lang] in again
    assert CREATED[lang] in await bot.say(yes)
    field, value = check
    assert bot.services.created[0][field] == value


@pytest.mark.parametrize("lang,bad,example", [
    ("nl", "veel", "250 euro"), ("fr", "beaucoup", "250 euros"), ("en", "a lot", "250 euro"),
])
async def test_an_unusable_answer_gets_a_short_example_not_a_loop(lang, bad, example):
    bot = Bot()
    starts = {"nl": "fotograaf voor klant Acme", "fr": "photographe pour le client Acme",
              "en": "photographer for client Acme"}
    await bot.say(starts[lang])
    first = await bot.say(bad)
    assert example in first
    second = await bot.say(bad)
    assert {"nl": "adviseur", "fr": "conseiller", "en": "adviser"}[lang] in second
    assert bot.state["failures"]["amount_cents"] == 2


async def test_a_value_the_services_refuse_is_asked_again_with_an_example():
    bot = Bot(default_language="en")
    reply = await bot.say("Design for client Acme, 60.000 euro tomorrow")
    assert "too large" in reply and "250 euro" in reply
    assert "amount_cents" not in bot.state["fields"]
    assert "Summary" in await bot.say("600 euro")


async def test_without_vat_is_an_amount_excluding_vat_not_a_zero_rate():
    bot = Bot(default_language="en")
    reply = await bot.say("Design for client Acme, 600 euro tomorrow, without VAT")
    assert "Amount: €600.00 excl. VAT" in reply and "VAT (21 %): €126.00" in reply
    assert bot.state["fields"]["vat_mode"] == "excluded"


async def test_an_exemption_without_its_reason_asks_the_reason():
    bot = Bot(default_language="en")
    reply = await bot.say("Design for client Acme, 600 euro tomorrow, VAT exempt")
    assert "Why no VAT?" in reply and "reverse charge" in reply
    assert "Summary" in await bot.say("export")
    assert bot.state["fields"]["vat_exemption"] == "export"


async def test_invalid_vat_number_is_asked_again():
    bot = Bot()
    reply = await bot.say("fotograaf voor klant Acme, 250 euro morgen, BE0403019262")
    assert "BE0403019261" in reply
    assert "Samenvatting" in await bot.say("BE0403019261")
    assert bot.state["fields"]["vat_number"] == "BE0403019261"


@pytest.mark.parametrize("lang,switch,marker", [
    ("nl", "en français", "Résumé"), ("fr", "in English please", "Summary"),
    ("en", "in het Nederlands", "Samenvatting"),
])
async def test_language_is_remembered_and_changeable(lang, switch, marker):
    bot = Bot()
    await bot.say(ALL_IN_ONE[lang][1])
    reply = await bot.say(switch)
    assert marker in reply
    assert bot.state["lang"] != lang
    assert bot.services.created == []


@pytest.mark.parametrize("lang,cancel", [("nl", "annuleer"), ("fr", "annuler"), ("en", "cancel")])
async def test_cancel_creates_nothing(lang, cancel):
    bot = Bot()
    await bot.say(ALL_IN_ONE[lang][1])
    await bot.say(cancel)
    await bot.say(ALL_IN_ONE[lang][2])
    assert bot.services.created == []
    assert bot.state["fields"] == {}


@pytest.mark.parametrize("lang,help_word,marker", [
    ("nl", "help", "heeft mijn klant betaald"), ("fr", "aide", "mon client a-t-il payé"),
    ("en", "help", "has my client paid"),
])
async def test_help_explains_and_repeats_the_question(lang, help_word, marker):
    bot = Bot()
    await bot.say({"nl": "fotograaf voor klant Acme", "fr": "photographe pour le client Acme",
                   "en": "photographer for client Acme"}[lang])
    reply = await bot.say(help_word)
    assert marker in reply
    assert "250" in reply  # the pending question (amount) with its example


@pytest.mark.parametrize("lang,restart", [("nl", "opnieuw beginnen"), ("fr", "recommencer"),
                                          ("en", "start again")])
async def test_start_again_forgets_the_fields(lang, restart):
    bot = Bot()
    await bot.say(ALL_IN_ONE[lang][1])
    await bot.say(restart)
    assert bot.state["fields"] == {} and bot.state["stage"] == "collect"
    assert bot.state["lang"] == lang


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
async def test_repeated_yes_creates_one_quickjob(lang):
    bot = Bot()
    hello, facts, yes = ALL_IN_ONE[lang]
    await bot.say(facts)
    await bot.say(yes)
    again = await bot.say(yes)
    assert "Q2026-000001" in again
    assert len(bot.services.created) == 1


@pytest.mark.parametrize("lang,no", [("nl", "nee"), ("fr", "non"), ("en", "no")])
async def test_no_at_the_summary_asks_what_to_change(lang, no):
    bot = Bot()
    await bot.say(ALL_IN_ONE[lang][1])
    reply = await bot.say(no)
    assert "300" in reply
    assert SUMMARY[lang] in await bot.say({"nl": "400 euro", "fr": "400 euros", "en": "€400"}[lang])
    assert bot.services.created == []


@pytest.mark.parametrize("lang,question,marker", [
    ("nl", "wanneer wordt mijn loon betaald?", "20 maart 2026"),
    ("fr", "quand mon salaire est-il payé ?", "20 mars 2026"),
    ("en", "when is my salary paid?", "20 March 2026"),
    ("nl", "hoeveel staat er nog op mijn eenheid?", "€ 123,45"),
    ("fr", "combien reste-t-il dans mon unité ?", "123,45 €"),
    ("en", "how much is left in my unit?", "€123.45"),
    ("nl", "heeft mijn klant betaald?", "€ 1.210,00"),
    ("fr", "mon client a-t-il payé ?", "1 210,00 €"),
    ("en", "has my client paid?", "€1,210.00"),
    ("nl", "waarvoor dient de 6,5 %?", "waarborgfonds"),
    ("fr", "à quoi sert la contribution de 6,5 % ?", "fonds de garantie"),
    ("en", "what does the 6.5 % pay for?", "guarantee fund"),
    ("nl", "waar is mijn loonfiche?", "loonfiche"),
    ("fr", "où est ma fiche de paie ?", "fiche de paie"),
    ("en", "where is my payslip?", "payslip"),
])
async def test_status_questions(lang, question, marker):
    bot = Bot(default_language=lang)
    reply = await bot.say(question)
    assert marker in reply
    assert bot.state["lang"] == lang


async def test_status_question_in_the_middle_keeps_the_summary():
    bot = Bot(default_language="en")
    await bot.say(ALL_IN_ONE["en"][1])
    reply = await bot.say("when is my salary paid?")
    assert "20 March 2026" in reply and "Summary" in reply
    assert "Done!" in await bot.say("yes")


@pytest.mark.parametrize("lang,ask,marker", [
    ("nl", "ik wil met een adviseur spreken", "adviseur"),
    ("fr", "je veux parler à un conseiller", "conseiller"),
    ("en", "I want to talk to a human", "adviser"),
])
async def test_handoff_passes_the_minimised_transcript(lang, ask, marker):
    bot = Bot()
    await bot.say({"nl": "fotograaf voor klant Acme, info@acme.be",
                   "fr": "photographe pour le client Acme, info@acme.be",
                   "en": "photographer for client Acme, info@acme.be"}[lang])
    reply = await bot.say(ask)
    assert marker in reply and "R-1" in reply
    transcript = bot.services.handoffs[0]
    assert transcript[0]["from"] == "user"
    assert all("info@acme.be" not in line["text"] for line in transcript)


async def test_deterministic_given_today():
    replies = []
    for _ in range(2):
        bot = Bot()
        replies.append([await bot.say(m) for m in ("Hallo", ALL_IN_ONE["nl"][1], "nee, 300 euro")])
    assert replies[0] == replies[1]


async def test_a_named_correction_takes_the_whole_phrase_and_a_repeat_says_so():
    bot = Bot()
    await bot.say("pilates voor bedrijf Colruyt Group, volgende week dinsdag, 140€")
    reply = await bot.say("het werk is pilates les op kantoor")
    assert "Werk: pilates les op kantoor" in reply
    reply = await bot.say("het werk is pilates les op kantoor")
    assert "Dat stond er al zo" in reply and "Samenvatting" in reply
    reply = await bot.say("de klant is comité des fêtes de Spa")
    assert "Klant: comité des fêtes de Spa" in reply


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
async def test_money_and_dates_are_the_platforms_formatting(lang):
    """The bot writes amounts and dates exactly as PDFs and e-mails do (one place: Babel through
    backend.platform.formatting), no-break spaces included."""
    from backend.platform.formatting import format_date, format_money
    from bot import texts

    bot = Bot(default_language=lang)
    question = {"nl": "heeft mijn klant betaald?", "fr": "mon client a-t-il payé ?",
                "en": "has my client paid?"}[lang]
    await bot.say(question)
    assert texts.money(121000, lang) == format_money(121000, lang)
    assert format_money(121000, lang) in bot.raw
    assert format_date(dt.date(2026, 4, 3), lang) in bot.raw


def test_the_bot_package_imports_without_the_web_stack():
    """bot/ is the pure dialogue engine: importing it (and the platform's formatting it uses)
    loads neither Litestar, Piccolo nor a database driver."""
    import subprocess
    import sys

    code = ("import sys, bot.dialogue, bot.texts; "
            "print(sorted(m for m in ('litestar', 'piccolo', 'asyncpg', 'redis', 'rq') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


async def test_a_yes_or_a_correction_is_never_taken_for_the_workers_name():
    """Asked for the name before the quote, the worker corrects the amount, then says yes: the
    name is asked again, 'ja' is not saved as a first name."""
    bot = Bot()
    bot.services.profile.update(first_name=None, last_name=None)
    await bot.say("Fotograaf voor Acme, 250 euro morgen")
    assert "Wat is je voornaam en achternaam?" in await bot.say("ja")
    assert "Bedrag: € 300,00" in await bot.say("300 euro")
    reply = await bot.say("ja")
    assert "de offerte staat op jouw naam" in reply and "Wat is je voornaam en achternaam?" in reply
    assert bot.services.saved == [] and "begreep" not in reply
    assert "hallo" not in str(bot.services.saved)
    reply = await bot.say("Jan De Smet")
    assert "voornaam Jan, achternaam De Smet" in reply and "Klaar!" in reply
    assert bot.services.created[0]["amount_cents"] == 30000


def test_identity_answers_are_read_and_masked():
    import datetime as dt

    from bot import identity

    today = dt.date(2026, 3, 4)
    assert identity.parse("name", "ik heet lena van den broeck", today, "nl")[0] == {
        "first_name": "Lena", "last_name": "van den Broeck"}
    assert identity.parse("name", "ja", today, "nl") == (None, False)
    assert identity.parse("national_number", "85.07.30-033.28", today, "nl")[0] == {
        "national_number": "85073003328", "birth_date": dt.date(1985, 7, 30)}
    assert identity.parse("national_number", "85.07.30-033.27", today, "nl") == (None, True)
    assert identity.parse("iban", "BE71 0961 2345 6768", today, "nl") == (None, True)
    assert identity.parse("birth_date", "30/07/1985", today, "fr")[0] == {
        "birth_date": dt.date(1985, 7, 30)}
    assert identity.parse("birth_date", "30/07", today, "fr") == (None, False)  # no year
    assert identity.parse("address", "Rue Haute 12, 1000 Bruxelles", today, "fr")[0] == {
        "address": "Rue Haute 12, 1000 Bruxelles"}
    for not_an_address in ("Fotograaf voor Acme, 1250 euro op 12/03", "ja", "2 kinderen"):
        assert identity.parse("address", not_an_address, today, "nl")[0] is None
    assert identity.mask_national_number("85073003328") == "**.**.**-***.28"
    assert identity.mask_iban("BE71096123456769") == "BE71 **** **** 6769"
