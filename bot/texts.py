"""Every reply of the bot, in Dutch, French and English, with its figures: money and dates
through ``backend.platform.formatting`` (Babel; pure, so ``bot`` stays importable without the
web stack): nl-BE '€ 1.234,56', fr-BE '1 234,56 €', en '€1,234.56'; dates in words. The
sentences themselves are in ``bot.replies`` and ``bot.replies_followup``."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date

from backend.platform.formatting import format_date, format_money, locale_for
from bot import replies, replies_followup

TEXTS: dict[str, dict[str, str]] = {**replies.TEXTS, **replies_followup.TEXTS}
QUICK_REPLIES: dict[str, dict[str, list[str]]] = dict(replies.QUICK_REPLIES)

CONTRACT_NAMES = {
    "employee": {"nl": "bediende", "fr": "employé", "en": "employee"},
    "manual_worker": {"nl": "arbeider", "fr": "ouvrier", "en": "manual worker"},
    "student": {"nl": "student", "fr": "étudiant", "en": "student"},
    "artist": {"nl": "artiest", "fr": "artiste", "en": "artist"},
    "artist_1bis": {"nl": "artiest (1bis)", "fr": "artiste (1bis)", "en": "artist (1bis)"},
    "interim": {"nl": "interim", "fr": "intérim", "en": "temporary agency work"},
    "training": {"nl": "opleiding", "fr": "formation", "en": "training"},
    "open_ended": {"nl": "onbepaalde duur", "fr": "durée indéterminée", "en": "open-ended"},
}


def say(key: str, lang: str, **params: object) -> str:
    texts = TEXTS[key]
    text = texts.get(lang) or texts["nl"]
    return text.format(**params) if params else text


EXEMPTIONS = {
    "training": {"nl": "vrijgesteld, opleiding", "fr": "exonéré, formation", "en": "exempt, training"},
    "intra_eu_reverse_charge": {"nl": "btw verlegd, klant in de EU", "fr": "autoliquidation, client UE",
                                "en": "reverse charge, EU client"},
    "export": {"nl": "vrijgesteld, uitvoer", "fr": "exonéré, exportation", "en": "exempt, export"},
}


def exemption(code: str | None, lang: str) -> str:
    """', vrijgesteld, uitvoer' after the 0 % of the summary; empty without a reason."""
    if not code:
        return ""
    return ", " + EXEMPTIONS.get(code, {}).get(lang, code)


def quick_replies(key: str, lang: str) -> list[str]:
    return list(QUICK_REPLIES.get(key, {}).get(lang, []))


STATUS_WORDS = {
    "draft": {"nl": "in voorbereiding", "fr": "en préparation", "en": "being prepared"},
    "in_review": {"nl": "wacht op een adviseur", "fr": "en vérification par un conseiller",
                  "en": "being checked by an adviser"},
    "quote_sent": {"nl": "offerte wacht op de klant", "fr": "devis en attente du client",
                   "en": "quote waiting for the client"},
    "accepted": {"nl": "aanvaard door de klant", "fr": "accepté par le client",
                 "en": "accepted by the client"},
    "declined": {"nl": "geweigerd door de klant", "fr": "refusé par le client",
                 "en": "declined by the client"},
    "rejected": {"nl": "afgewezen", "fr": "refusé", "en": "rejected"},
    "invoiced": {"nl": "gefactureerd", "fr": "facturé", "en": "invoiced"},
    "paid": {"nl": "betaald", "fr": "payé", "en": "paid"},
    "completed": {"nl": "afgerond", "fr": "terminé", "en": "completed"},
    "cancelled": {"nl": "geannuleerd", "fr": "annulé", "en": "cancelled"},
    "planned": {"nl": "gepland", "fr": "prévu", "en": "planned"},
    "declared": {"nl": "aangegeven", "fr": "déclaré", "en": "declared"},
    "scheduled": {"nl": "ingepland", "fr": "programmé", "en": "scheduled"},
    "open": {"nl": "open", "fr": "ouvert", "en": "open"},
}
CATEGORY_WORDS = {
    "travel": {"nl": "reiskosten", "fr": "déplacement", "en": "travel"},
    "meals": {"nl": "maaltijden", "fr": "repas", "en": "meals"},
    "material": {"nl": "materiaal", "fr": "matériel", "en": "material"},
    "accommodation": {"nl": "verblijf", "fr": "logement", "en": "accommodation"},
    "other": {"nl": "andere", "fr": "autre", "en": "other"},
}
FIELD_WORDS = {  # the worker's profile fields, as replies name them
    "first_name": {"nl": "voornaam", "fr": "prénom", "en": "first name"},
    "last_name": {"nl": "achternaam", "fr": "nom", "en": "last name"},
    "national_number": {"nl": "rijksregisternummer", "fr": "numéro de registre national",
                        "en": "national register number"},
    "birth_date": {"nl": "geboortedatum", "fr": "date de naissance", "en": "date of birth"},
    "address": {"nl": "adres", "fr": "adresse", "en": "address"},
    "iban": {"nl": "IBAN", "fr": "IBAN", "en": "IBAN"},
}
KIND_WORDS = {"company": {"nl": "bedrijf", "fr": "entreprise", "en": "company"},
              "private": {"nl": "particulier", "fr": "particulier", "en": "private person"}}

_SUMMARY = {
    "title": {"nl": "Samenvatting van je QuickJob:", "fr": "Résumé de votre QuickJob :",
              "en": "Summary of your QuickJob:"},
    "work": {"nl": "Werk", "fr": "Travail", "en": "Work"},
    "client": {"nl": "Klant", "fr": "Client", "en": "Client"},
    "days": {"nl": "Dagen", "fr": "Jours", "en": "Days"},
    "amount": {"nl": "Bedrag", "fr": "Montant", "en": "Amount"},
    "excl": {"nl": "excl. btw", "fr": "HTVA", "en": "excl. VAT"},
    "incl": {"nl": "incl. btw", "fr": "TVAC", "en": "incl. VAT"},
    "vat": {"nl": "Btw", "fr": "TVA", "en": "VAT"},
    "pays": {"nl": "klant betaalt", "fr": "le client paie", "en": "the client pays"},
    "expenses": {"nl": "Onkosten (belastingvrij terugbetaald uit het bedrag)",
                 "fr": "Frais (remboursés sans impôt sur le montant)",
                 "en": "Expenses (refunded tax-free out of the amount)"},
    "contract": {"nl": "Contract", "fr": "Contrat", "en": "Contract"},
    "contribution": {"nl": "Bijdrage aan de coöperatie", "fr": "Contribution à la coopérative",
                     "en": "Contribution to the cooperative"},
    "net": {"nl": "Verwacht nettoloon", "fr": "Salaire net attendu", "en": "Expected net salary"},
    "pay_date": {"nl": "Uitbetaling", "fr": "Paiement", "en": "Paid on"},
    "email": {"nl": "E-mail klant", "fr": "E-mail du client", "en": "Client e-mail"},
    "no_email": {"nl": "nog geen: na het maken krijg je de link om door te sturen (of geef het "
                       "e-mailadres)",
                 "fr": "pas encore : après la création vous recevez le lien à transférer (ou "
                       "donnez l'adresse e-mail)",
                 "en": "none yet: once created you get the link to forward (or give the e-mail "
                       "address)"},
    "ask": {"nl": "Klopt dit? Antwoord \"ja\" om de offerte te maken, of zeg wat je wilt veranderen.",
            "fr": "Est-ce correct ? Répondez \"oui\" pour créer le devis, ou dites ce qu'il faut changer.",
            "en": "Is this right? Answer \"yes\" to create the quote, or tell me what to change."},
}


def money(cents: int, lang: str) -> str:
    """'€ 1.250,50' (nl), '1 250,50 €' (fr), '€1,250.50' (en): the platform's formatting, exact
    from int cents (no float), with CLDR's no-break spaces kept (an amount never wraps)."""
    return format_money(cents, lang)


def date(day: dt.date | str, lang: str, weekday: bool = False) -> str:
    """'5 maart 2026' (the platform's date in words); with ``weekday`` 'donderdag 5 maart 2026'
    (the weekday's name in the same locale before it)."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    text = format_date(day, lang)
    if not weekday:
        return text
    return f"{_babel_date(day, 'EEEE', locale=locale_for(lang))} {text}"


def dates(days: list, lang: str, weekday: bool = False) -> str:
    return ", ".join(date(d, lang, weekday) for d in days)


def status_word(code: str, lang: str) -> str:
    return STATUS_WORDS.get(code, {}).get(lang) or code.replace("_", " ")


def expense_list(expenses: list[dict], lang: str) -> str:
    return ", ".join(f"{CATEGORY_WORDS[e['category']][lang]} {money(e['amount_cents'], lang)}"
                     for e in expenses)


def job_list(jobs: list[dict], lang: str) -> str:
    lines = []
    for job in jobs:
        when = dates(job.get("dates") or [], lang)
        sep = " : " if lang == "fr" else ": "
        lines.append(f"- \"{job['function']}\" ({job['client']}"
                     f"{', ' + when if when else ''}){sep}{status_word(job['status'], lang)}")
    return "\n".join(lines)


def _t(key: str, lang: str) -> str:
    return _SUMMARY[key].get(lang) or _SUMMARY[key]["nl"]


def summary(fields: dict, figures: dict, lang: str) -> str:
    """All the QuickJob says, each fact on its line, with the engine's figures."""
    client = fields["client_name"]
    extra = [KIND_WORDS[fields["client_kind"]][lang]] if fields.get("client_kind") else []
    extra += [fields["vat_number"]] if fields.get("vat_number") else []
    if extra:
        client += f" ({', '.join(extra)})"
    mode = _t("incl", lang) if fields.get("vat_included") else _t("excl", lang)
    amount = f"{money(fields['amount_cents'], lang)} {mode}"
    if fields.get("vat_included") and "turnover_cents" in figures:
        amount += f" ({money(figures['turnover_cents'], lang)} {_t('excl', lang)})"
    contract = CONTRACT_NAMES.get(fields["contract_type"], {}).get(lang, fields["contract_type"])
    sep = " : " if lang == "fr" else ": "
    vat_label = f"{_t('vat', lang)} ({fields['vat_rate']} %{exemption(fields.get('vat_exemption'), lang)})"
    rows = [
        ("work", fields["function"]),
        ("client", client),
        ("email", fields.get("email") or _t("no_email", lang)),
        ("days", dates(fields["dates"], lang, weekday=True)),
        ("amount", amount),
        (vat_label, f"{money(figures['vat_cents'], lang)} ({_t('pays', lang)} "
                    f"{money(figures['total_cents'], lang)})"),
    ]
    if fields.get("expenses"):
        rows.append(("expenses", expense_list(fields["expenses"], lang)))
    rows += [
        ("contract", contract),
        ("contribution", money(figures["contribution_cents"], lang)),
        ("net", money(figures["net_cents"], lang)),
        ("pay_date", date(figures["pay_date"], lang)),
    ]
    lines = [_t("title", lang)]
    lines += [f"- {_t(k, lang) if k in _SUMMARY else k}{sep}{v}" for k, v in rows]
    lines.append(_t("ask", lang))
    return "\n".join(lines)


def simulation(fields: dict, figures: dict, lang: str) -> str:
    mode = _t("incl", lang) if fields.get("vat_included") else _t("excl", lang)
    days = len(fields.get("dates") or []) or 1
    day_words = {"nl": ("1 dag", "{n} dagen"), "fr": ("1 jour", "{n} jours"),
                 "en": ("1 day", "{n} days")}[lang]
    expenses = ""
    if fields.get("expenses"):
        label = {"nl": "Onkosten terugbetaald", "fr": "Frais remboursés", "en": "Expenses refunded"}[lang]
        sep = " : " if lang == "fr" else ": "
        expenses = f"- {label}{sep}{expense_list(fields['expenses'], lang)}\n"
    return say("simulation", lang, amount=f"{money(fields['amount_cents'], lang)} {mode}",
               days=day_words[0] if days == 1 else day_words[1].format(n=days),
               contract=CONTRACT_NAMES.get(fields["contract_type"], {}).get(lang, fields["contract_type"]),
               contribution=money(figures["contribution_cents"], lang), expenses=expenses,
               gross=money(figures["gross_cents"], lang), net=money(figures["net_cents"], lang),
               pay_date=date(figures["pay_date"], lang))

