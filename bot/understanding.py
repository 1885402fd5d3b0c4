"""Rule-based understanding of chat messages in Dutch, French and English.

Pure functions, no I/O: dates are read relative to a given ``today`` so the same message on the
same day always gives the same result. ``extract(text, today)`` returns every fact it finds
(several facts in one message are all taken); the dialogue decides what to do with them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat

LANGUAGES = ("nl", "fr", "en")


@functools.lru_cache(maxsize=2048)
def fold(text: str) -> str:
    """Lower case without accents: 'Février' -> 'fevrier'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", fold(text))


# Language --------------------------------------------------------------------------------------

_LANG_WORDS = {
    "nl": {"ik", "je", "jij", "mijn", "een", "het", "de", "voor", "morgen", "ja", "nee", "wil",
           "maken", "klant", "wanneer", "hoeveel", "is", "betaald", "loon", "graag", "hallo",
           "dag", "bedankt", "volgende", "en", "met", "op", "van", "waar", "factuur", "offerte",
           "neen", "goedemorgen", "alsjeblieft", "euro's", "btw", "maandag", "vrijdag", "nog"},
    "fr": {"je", "mon", "ma", "mes", "un", "une", "le", "la", "les", "pour", "demain", "oui",
           "non", "veux", "faire", "client", "quand", "combien", "paye", "salaire", "bonjour",
           "merci", "prochain", "prochaine", "et", "avec", "du", "de", "des", "ou", "facture",
           "devis", "tva", "lundi", "vendredi", "est", "reste", "voudrais", "salut"},
    "en": {"i", "my", "a", "the", "for", "tomorrow", "yes", "no", "want", "make", "client",
           "when", "how", "much", "paid", "salary", "hello", "hi", "thanks", "next", "and",
           "with", "of", "where", "invoice", "quote", "vat", "monday", "friday", "is", "left",
           "please", "would", "like", "job", "to", "create", "new"},
}


def detect_language(text: str, default: str = "nl") -> str:
    """The language with most known words; ties and unknown text give ``default``."""
    words = _words(text)
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _LANG_WORDS.items()}
    best = max(scores.values())
    if best == 0:
        return default
    winners = [lang for lang in LANGUAGES if scores[lang] == best]
    return default if default in winners else winners[0]


_SWITCH = [
    ("nl", re.compile(r"\b(in het nederlands|nederlands aub|nederlands graag|in dutch|en neerlandais|"
                      r"spreek nederlands|switch to dutch|parle neerlandais)\b")),
    ("fr", re.compile(r"\b(en francais|in het frans|in french|parle francais|spreek frans|"
                      r"switch to french|parlez francais)\b")),
    ("en", re.compile(r"\b(in english|en anglais|in het engels|speak english|spreek engels|"
                      r"switch to english|parle anglais)\b")),
]


_LANG_NAMES = {"nl": r"(?:nederlands|dutch|neerlandais|vlaams|flemish)",
               "fr": r"(?:francais|french|frans)",
               "en": r"(?:english|engels|anglais)"}
_SWITCH += [
    (lang, re.compile(r"\b(?:switch|change|verander|wissel|schakel|passe[rz]?|parle[rz]?|speak|talk|"
                      r"antwoord|reponds|repondez|answer|reply|write|schrijf|ecris|ecrivez|continue|"
                      r"continuer|verder|langue|language|taal)\b.{0,25}\b" + name + r"\b"
                      r"|^" + name + r"(?:\s+(?:aub|graag|please|svp|s'il vous plait|s'il te plait|pls))?[\s.!]*$"))
    for lang, name in _LANG_NAMES.items()
]


def language_request(text: str) -> str | None:
    folded = fold(text).strip()
    for lang, pattern in _SWITCH:
        if pattern.search(folded):
            return lang
    return None


# Amounts ---------------------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:[.\s ]\d{3})+(?:,\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT_RE = re.compile(
    rf"(?:€|eur\b|euro\b)\s*(?P<a>{_NUM})"
    rf"|(?P<b>{_NUM})\s*(?:€|eur(?:o'?s?)?\b)",
    re.IGNORECASE,
)
_BARE_NUMBER_RE = re.compile(rf"(?<![\d/.,-])(?P<n>{_NUM})(?![\d/%-]|\s*%)")


def parse_number_cents(raw: str) -> int | None:
    """'1.250,50' / '1,250.50' / '1 250' / '250' / '250,5' -> cents."""
    s = raw.replace(" ", "").replace(" ", "")
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        s = s.replace(thousands, "").replace(decimal, ".")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        head, _, tail = s.rpartition(sep)
        if len(tail) == 3 and s.count(sep) >= 1 and head:
            s = s.replace(sep, "")  # thousands separator
        elif s.count(sep) == 1:
            s = s.replace(sep, ".")
        else:
            return None
    try:
        whole, _, frac = s.partition(".")
        return int(whole) * 100 + int((frac + "00")[:2] if frac else 0)
    except ValueError:
        return None


def parse_amount(text: str, bare: bool = False) -> int | None:
    """Cents of the first amount with a currency mark; with ``bare``, also a plain number."""
    match = _AMOUNT_RE.search(text)
    if match:
        return parse_number_cents(match.group("a") or match.group("b"))
    if bare:
        cleaned = _strip_dates_and_rates(text)
        match = _BARE_NUMBER_RE.search(cleaned)
        if match:
            return parse_number_cents(match.group("n"))
    return None


def _strip_dates_and_rates(text: str) -> str:
    text = _NUMERIC_DATE_RE.sub(" ", text)
    text = _ISO_DATE_RE.sub(" ", text)
    return re.sub(r"\d+(?:[.,]\d+)?\s*%", " ", text)


# Dates -----------------------------------------------------------------------------------------

_MONTHS = {
    # nl
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # fr (folded)
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # en
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
    # short forms
    "jan": 1, "feb": 2, "fev": 2, "mrt": 3, "mar": 3, "apr": 4, "avr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
    "zondag": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
_RELATIVE = {
    "vandaag": 0, "aujourd'hui": 0, "aujourdhui": 0, "today": 0,
    "morgen": 1, "demain": 1, "tomorrow": 1,
    "overmorgen": 2, "apres-demain": 2, "apres demain": 2, "day after tomorrow": 2,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(_WEEKDAYS)
_NUMERIC_DATE_RE = re.compile(
    r"(?<![\d.,])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?(?!\d|[.,]\d|\s*(?:%|€|eur))", re.IGNORECASE)
_ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|e|er|ste|de)?\s+({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?\b")
_MONTH_DAY_RE = re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_WEEKDAY_RE = re.compile(
    rf"\b(?:(next|volgende|komende|this|deze)\s+)?({_WEEKDAY_NAMES})(?:\s+(prochain|prochaine|qui vient))?\b")
_RELATIVE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _RELATIVE), key=len, reverse=True))
                          + r")(?![\w-])")


def _future(day: int, month: int, year: int | None, today: dt.date) -> dt.date | None:
    try:
        if year is not None:
            year = year + 2000 if year < 100 else year
            return dt.date(year, month, day)
        candidate = dt.date(today.year, month, day)
        if candidate < today:
            candidate = dt.date(today.year + 1, month, day)
        return candidate
    except ValueError:
        return None


def _weekday(target: int, qualifier: bool, today: dt.date) -> dt.date:
    """The next such weekday strictly after today ('next Monday' on a Sunday is tomorrow)."""
    days = (target - today.weekday()) % 7 or 7
    return today + dt.timedelta(days=days)


def parse_dates(text: str, today: dt.date) -> list[dt.date]:
    """Every date in the message, in order of appearance, without duplicates."""
    folded = fold(text)
    found: list[tuple[int, dt.date]] = []
    for m in _ISO_DATE_RE.finditer(folded):
        d = _future(int(m.group(3)), int(m.group(2)), int(m.group(1)), today)
        if d:
            found.append((m.start(), d))
    iso_free = _ISO_DATE_RE.sub(lambda m: " " * len(m.group(0)), folded)
    for m in _NUMERIC_DATE_RE.finditer(iso_free):
        year = int(m.group(3)) if m.group(3) else None
        d = _future(int(m.group(1)), int(m.group(2)), year, today)
        if d:
            found.append((m.start(), d))
    for m in _DAY_MONTH_RE.finditer(folded):
        d = _future(int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3)) if m.group(3) else None, today)
        if d:
            found.append((m.start(), d))
    for m in _MONTH_DAY_RE.finditer(folded):
        if m.group(1) in ("mar", "may", "mai") and not m.group(3):
            continue  # too ambiguous as plain words
        d = _future(int(m.group(2)), _MONTHS[m.group(1)], int(m.group(3)) if m.group(3) else None, today)
        if d and all(abs(pos - m.start()) > 12 for pos, _ in found):
            found.append((m.start(), d))
    explicit = [pos for pos, _ in found]
    for m in _WEEKDAY_RE.finditer(folded):
        if any(0 <= pos - m.end() <= 5 for pos in explicit):
            continue  # 'lundi 9 mars', 'Monday, 9 March': the explicit date decides
        found.append((m.start(), _weekday(_WEEKDAYS[m.group(2)], bool(m.group(1) or m.group(3)), today)))
    for m in _RELATIVE_RE.finditer(folded):
        if m.group(1) == "morgen" and folded[max(0, m.start() - 4):m.start()].strip() == "over":
            continue
        found.append((m.start(), today + dt.timedelta(days=_RELATIVE[m.group(1)])))
    result: list[dt.date] = []
    for pos, d in sorted(found, key=lambda item: item[0]):
        if _NEGATED_RE.search(folded[max(0, pos - 20):pos]):
            continue  # '12 March, not tomorrow', 'vendredi au lieu de lundi'
        if d not in result:
            result.append(d)
    return result


_NEGATED_RE = re.compile(r"\b(?:not|niet|pas|instead of|in plaats van|au lieu de|plutot que|rather than)"
                         r"\s+(?:on\s+|op\s+|le\s+|the\s+)?$")


# E-mail, VAT number ----------------------------------------------------------------------------

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_VAT_CANDIDATE_RE = re.compile(r"\b([A-Za-z]{2})[\s.-]?((?:\d[\s.]?){8,11}\d)\b")


def parse_email(text: str) -> str | None:
    match = _EMAIL_RE.search(text)
    return match.group(0).rstrip(".").lower() if match else None


def parse_vat_number(text: str) -> tuple[str | None, bool]:
    """(compact number, valid). A candidate that fails the check digits gives (raw, False)."""
    for match in _VAT_CANDIDATE_RE.finditer(text):
        country = match.group(1).upper()
        if country.lower() not in eu_vat.MEMBER_STATES and country not in ("EL", "XI"):
            continue
        raw = country + re.sub(r"[\s.]", "", match.group(2))
        try:
            return eu_vat.validate(raw), True
        except stdnum_errors.ValidationError:
            return raw, False
    return None, False


# VAT rate, contract type -----------------------------------------------------------------------

_VAT_RATE_RE = re.compile(
    r"(?:\b(?:btw|tva|vat)\b\s*(?:van|de|of|a|:)?\s*(21|12|6|0)\s*%?)"
    r"|(?:\b(21|12|6|0)\s*%\s*(?:btw|tva|vat)?)")
_NO_VAT_RE = re.compile(r"\b(geen btw|zonder btw|sans tva|pas de tva|no vat|without vat|vat exempt|"
                        r"btw vrijgesteld|vrijgesteld van btw|exonere de tva|exempt from vat|0 ?% btw|"
                        r"tva 0 ?%|0 ?% vat)(?![\s-]*(?:nummer|nr|number|no\b|numero|n°))")
_EXEMPTIONS = [
    ("intra_eu_reverse_charge", r"\b(verlegging|btw verlegd|verlegd|reverse.charge|autoliquidation|"
                                r"intracommunautaire?|intra.?eu|intra.?communautair)\b"),
    ("export", r"\b(export|uitvoer|exportation|buiten de eu|hors (?:de l')?ue|outside the eu)\b"),
    ("training", r"\b(vrijgesteld|vrijstelling|exempt|exemption|exonere|exoneration)\b.{0,30}"
                 r"\b(opleiding|training|formation|onderwijs|enseignement|education)\b"
                 r"|\b(opleiding|training|formation|onderwijs|enseignement|education)\b.{0,30}"
                 r"\b(vrijgesteld|vrijstelling|exempt|exonere|exoneree)\b"),
]


def parse_vat_exemption(text: str) -> str | None:
    """The reason of a 0 % VAT rate: 'export', 'btw verlegd' (intra-EU), 'vrijgesteld: opleiding'."""
    folded = fold(text)
    for code, pattern in _EXEMPTIONS:
        if re.search(pattern, folded):
            return code
    return None


def parse_vat_rate(text: str) -> str | None:
    folded = fold(text)
    if _NO_VAT_RE.search(folded) or parse_vat_exemption(folded):
        return "0"
    for m in _VAT_RATE_RE.finditer(folded):
        rate = m.group(1) or m.group(2)
        after = folded[m.end():m.end() + 25]
        if m.group(2) and re.match(r"\s*(bijdrage|contribution|cotisation|voorheffing|withholding|precompte)", after):
            continue
        return rate
    return None


_CONTRACTS = [
    ("artist_1bis", r"\b(1 ?bis|artiest 1bis|artiste 1bis)\b"),
    ("student", r"\b(student|studente|jobstudent|etudiant|etudiante|studentenjob)\b"),
    ("artist", r"\b(artiest|kunstenaar|artiste|artist|kunstenares)\b"),
    ("manual_worker", r"\b(arbeider|ouvrier|ouvriere|manual worker|handarbeider)\b"),
    ("interim", r"\b(interim|uitzendkracht|interimaire)\b"),
    ("training", r"\b(opleiding|stage|stagiair|training|formation|apprenti)\b"),
    ("open_ended", r"\b(onbepaalde duur|duree indeterminee|open.ended|cdi)\b"),
    ("employee", r"\b(bediende|employe|employee|salarie)\b"),
]


def parse_contract_type(text: str) -> str | None:
    folded = fold(text)
    for code, pattern in _CONTRACTS:
        if re.search(pattern, folded):
            return code
    return None


# Yes / no, intents -----------------------------------------------------------------------------

_YES = {"ja", "jawel", "yes", "yep", "yeah", "oui", "ouais", "ok", "oke", "okay", "akkoord",
        "d'accord", "daccord", "klopt", "correct", "juist", "y", "j", "o", "sure", "confirm",
        "bevestig", "confirme", "confirmer", "goed", "parfait", "prima", "zeker", "absolutely",
        "tout a fait", "c'est bon", "dat klopt", "that's right", "go"}
_NO = {"nee", "neen", "no", "nope", "non", "n", "niet", "pas"}


def yes_no(text: str) -> bool | None:
    """True for yes, False for no, None when the message is neither (first word decides)."""
    folded = fold(text).strip(" .!?")
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    words = _words(text)
    if not words:
        return None
    if words[0] in _NO:
        return False
    if words[0] in _YES or " ".join(words[:2]) in _YES or " ".join(words[:3]) in _YES:
        return True
    return None


_INTENTS = [
    ("cancel", r"^(stop|annuleer|annuleren|cancel|annuler|laat maar|forget it|laisse tomber|quit)\b"
               r"|\b(annuleer|annuleren|cancel|annuler)\b"),
    ("restart", r"\b(opnieuw beginnen|begin opnieuw|opnieuw|start again|start over|restart|"
                r"recommencer|recommence|on recommence|reset)\b"),
    ("help", r"^(help|hulp|aide|\?|info)\b|\b(help me|hoe werkt|comment ca marche|how does this work|"
             r"ik snap het niet|je ne comprends pas|i don't understand|wat kan je|que sais-tu faire)\b"),
    ("handoff", r"\b(adviseur|adviser|advisor|conseiller|conseillere|mens|human|person|persoon|"
                r"medewerker|quelqu'un|humain|een echte)\b"),
    ("contribution", r"6[.,]5\s*%|\b(bijdrage|contribution|cotisation|commissie|frais de gestion)\b"),
    ("payslip", r"\b(loonfiche|loonbrief|loonstrook|fiche de paie|fiche de salaire|bulletin de paie|"
                r"payslip|pay slip|salary slip)\b"),
    ("contract", r"\b(waar|where|ou|trouver|find|vind)\b.*\b(contract|contrat|arbeidsovereenkomst)\b"
                 r"|\b(mijn contract|mon contrat|my contract)\b"),
    ("client_paid", r"\b(klant|client|klanten|clients)\b.*\b(betaald|paye|payee|paid|payer)\b"
                    r"|\b(betaald|paid|paye)\b.*\b(klant|client)\b|\bheeft .* betaald\b"
                    r"|\b(?:has|did)\s+(?!i\b|my (?:salary|wage|pay)\b|(?:the |my )?(?:salary|wage)\b)"
                    r"(?:[\w&'.-]+\s+){1,4}(?:paid|pay)\b|\ba-t-(?:il|elle) paye|\b(?:il|elle) a paye\b"),
    ("salary", r"\b(loon|salaris|salaire|salary|wage|pay day|payday|uitbetaald|verse|paid out)\b"
               r"|\b(wanneer|when|quand)\b.*\b(betaald|paid|paye|payee|geld|money|argent)\b"
               r"|\b(?:did|do|will|have|am) i\b.{0,12}\bpaid\b|\bword ik\b.{0,20}\bbetaald\b"
               r"|\b(?:suis-je|je suis|je serai|serai-je)\s+paye"),
    ("unit", r"\b(eenheid|unit|unite|saldo|balance|solde)\b|\b(over|left|reste)\b.*\b(eenheid|unit|unite)\b"),
]
_STATUS_INTENTS = {"contribution", "payslip", "contract", "client_paid", "salary", "unit"}


_INTENT_RES = [(name, re.compile(pattern)) for name, pattern in _INTENTS]


def intents(text: str) -> list[str]:
    folded = fold(text).strip()
    return [name for name, pattern in _INTENT_RES if pattern.search(folded)]


def is_question(text: str) -> bool:
    folded = fold(text).strip()
    return folded.endswith("?") or bool(re.match(
        r"(wanneer|hoeveel|waar|heeft|is|wat|quand|combien|ou|est-ce|quel|when|how|where|has|what|did|is)\b",
        folded))


# Free text: client name, function --------------------------------------------------------------

_CLIENT_RE = re.compile(
    r"\b(?i:voor (?:de )?klant|(?:de )?klant(?: is| wordt| naar| in)?|pour (?:le )?client|"
    r"(?:le )?client(?: est| is| to| en| par| devient| into| naar)?|for (?:the )?client|for customer|"
    r"customer(?: is| to)?|voor|pour|for)\s*:?\s+"
    r"(?P<name>[A-Z0-9][\w&'.-]*(?:\s+(?:[A-Z0-9&][\w&'.-]*|de|van|der|den|la|le|du|des|of|and|en|et))*)")
_FUNCTION_RE = re.compile(
    r"\b(?:als|comme|en tant que|as an?|as|werk als|job as|"
    r"(?:(?:de|het|le|la|the|mijn|my|mon|ma)\s+)?(?:functie|fonction|function|job|werk|work|travail|"
    r"beroep|metier|métier|opdracht|mission|taak|tache|tâche)\s*(?:is|est|=|:|naar|to|en|par|into|wordt|"
    r"devient|becomes)|functie|fonction|function|job)\s*:?\s+"
    r"(?P<f>[a-zà-ÿ][a-zà-ÿ' -]{2,60}?)(?=\s*(?:[,.;:!?\n]|$|\bvoor\b|\bpour\b|\bfor\b|\bop\b|\ble\b|\bon\b|\bvan\b|\bmet\b|\bavec\b|\bwith\b|\bfrom\b|\bdu\b|\bà\b|\bat\b|\d))",
    re.IGNORECASE)
_NOT_NAMES = {"morgen", "demain", "tomorrow", "next", "volgende", "euro", "maandag", "lundi",
              "monday", "vrijdag", "vendredi", "friday"}


def parse_client_name(text: str) -> str | None:
    found = _client_match(text)
    return found[0] if found else None


_LEAD_IN_RE = re.compile(
    r"^(?:(?:hallo|hello|hi|bonjour|salut|dag)[,!]?\s+)?(?:(?:ik wil|ik maak|je voudrais|je veux|"
    r"i want to|i'd like to|i would like to)\s+(?:een |un |une |a )?(?:offerte|devis|quote|quickjob)?"
    r"\s*(?:maken|faire|make|create)?\s*(?:voor|pour|for)?\s*)?", re.IGNORECASE)


_FILLERS = {"nee", "neen", "no", "non", "nope", "ja", "yes", "oui", "ok", "oke", "okay", "sorry",
            "pardon", "oops", "euh", "uh", "wait", "wacht", "attends", "actually", "eigenlijk",
            "plutot", "toch", "rather", "verander", "wijzig", "change", "changer", "changez",
            "modifie", "modifier", "update", "set", "zet", "mets", "maak", "make", "it", "it's",
            "its", "c'est", "het", "de", "le", "la", "the", "een", "un", "une", "a", "is", "est",
            "dat", "ce", "is't", "naar", "to", "en", "in", "mais", "maar", "but", "and"}


_QUESTION_WORDS = {"heeft", "has", "did", "does", "wanneer", "when", "quand", "waar", "where", "hoeveel",
                   "how", "combien", "wat", "what", "quel", "quelle", "est-ce", "is", "ou", "welke",
                   "which", "mon", "mijn", "my"}


def parse_leading_function(text: str) -> str | None:
    """'Grafisch ontwerp voor klant X, ...' -> 'Grafisch ontwerp': the words before the client."""
    found = _client_match(text)
    if not found:
        return None
    head = _LEAD_IN_RE.sub("", text[:found[1]].strip()).strip(" ,.:;-")
    words = head.split()
    while words and fold(words[0]).strip(",.:;!?-") in _FILLERS:
        words.pop(0)  # 'nee, de klant is Globex', 'change the client to Globex'
    head = " ".join(words).strip(" ,.:;-")
    if not head or re.search(r"\d|@|€", head) or len(head.split()) > 6 or len(head) < 2:
        return None
    if fold(head.split()[0]) in _NOT_NAMES | _QUESTION_WORDS or intents(head):
        return None
    return head


def _client_match(text: str) -> tuple[str, int] | None:
    for m in _CLIENT_RE.finditer(text):
        name = m.group("name").strip(" .,'")
        name = re.split(r"\s+(?:de|van|en|et|and|of)$", name)[0]
        if not name or fold(name.split()[0]) in _NOT_NAMES or name.split()[0].isdigit():
            continue
        if fold(name.split()[0]) in _MONTHS or fold(name.split()[0]) in _WEEKDAYS:
            continue
        return name, m.start()
    return None


def parse_function(text: str) -> str | None:
    m = _FUNCTION_RE.search(text)
    if not m:
        return None
    value = m.group("f").strip(" -'")
    first = fold(value.split()[0])
    if first in ("klant", "client", "customer", "is", "est") or (
            parse_contract_type(value) and len(value.split()) <= 2):
        return None  # 'als student', 'as an artist': the contract, not the work
    return value or None


# All facts of one message ----------------------------------------------------------------------

@dataclass
class Facts:
    amount_cents: int | None = None
    dates: list[dt.date] = field(default_factory=list)
    client_name: str | None = None
    email: str | None = None
    vat_number: str | None = None
    vat_number_invalid: str | None = None
    vat_rate: str | None = None
    vat_exemption: str | None = None
    contract_type: str | None = None
    function: str | None = None

    def as_fields(self) -> dict:
        out: dict = {}
        if self.amount_cents is not None:
            out["amount_cents"] = self.amount_cents
        if self.dates:
            out["dates"] = [d.isoformat() for d in self.dates]
        for name in ("client_name", "email", "vat_number", "vat_rate", "vat_exemption",
                     "contract_type", "function"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        return out


_AMOUNT_WORD_RE = re.compile(r"\b(bedrag|prijs|amount|price|montant|prix|honoraires?|fee)\b")


def extract(text: str, today: dt.date, expecting: str | None = None) -> Facts:
    """Every fact in ``text``. ``expecting`` (the field just asked for) lets a bare answer count:
    '250' when the amount was asked, 'Brouwerij De Klok' when the client was asked."""
    facts = Facts()
    facts.email = parse_email(text)
    without_email = _EMAIL_RE.sub(" ", text)
    vat, valid = parse_vat_number(without_email)
    if vat:
        if valid:
            facts.vat_number = vat
        else:
            facts.vat_number_invalid = vat
    without_ids = _VAT_CANDIDATE_RE.sub(" ", without_email)
    facts.amount_cents = parse_amount(
        without_ids, bare=expecting == "amount_cents" or bool(_AMOUNT_WORD_RE.search(fold(without_ids))))
    facts.dates = parse_dates(without_ids, today)
    facts.vat_rate = parse_vat_rate(without_ids)
    facts.vat_exemption = parse_vat_exemption(without_ids)
    facts.contract_type = parse_contract_type(without_ids)
    facts.client_name = parse_client_name(without_ids)
    facts.function = parse_function(without_ids) or parse_leading_function(without_ids)
    if expecting in ("client_name", "function") and getattr(facts, expecting) is None:
        bare = _bare_text(without_ids)
        if bare and not any(facts.as_fields().values()) and yes_no(bare) is None and not intents(bare):
            setattr(facts, expecting, bare)
    return facts


def _bare_text(text: str) -> str | None:
    value = re.sub(r"^(het is|c'est|it is|it's|dat is|klant|client|de klant is|le client est)\s*:?\s+",
                   "", text.strip(), flags=re.IGNORECASE).strip(" .!")
    return value if 1 < len(value) <= 120 else None
