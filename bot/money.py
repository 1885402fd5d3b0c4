"""Amounts as people write them: the fee, the expenses next to it, and what is said about VAT.

Figures: '1.250,50 €', '€1,250.50', '1 250 euro', '250,-', '400e', '35,50', '7.50', words
before a currency ('tweehonderd euro', already turned into digits by ``bot.normalise``).
An amount is an **expense** when an expense word stands next to it in the same clause
('treinticket 18 euro', '80 euros d'ingrédients', 'parking fee 7.50'), with its category;
otherwise it is a candidate **fee**. Of several fees the stated total ('= 300', 'en tout',
'in total') or the corrected one ('non 600') wins, a rate ('300 euros par soir') loses.

VAT: 'incl. btw / btw inbegrepen / TVAC / TTC / tva comprise / incl. VAT' -> the amount
includes VAT; 'excl. / zonder btw / + btw / HTVA / HT / hors TVA / ex VAT' -> it excludes VAT
(not a 0 % rate); an exemption only when said ('vrijgesteld', 'btw verlegd', 'autoliquidation',
'export', 'reverse charge'), with its reason when given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.normalise import fold

NUM = (r"\d{1,3}(?:[.\s]\d{3})+(?:,\d{1,2})?(?!\d)|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?!\d)"
       r"|\d+(?:[.,]\d{1,2})?(?!\d)")
_CUR_AFTER = r"\s*(?:€|eur(?:o'?s?|os)?\b|e\b(?!-)|,-|balles\b|ballekes\b|bucks\b)"
AMOUNT_RE = re.compile(
    rf"(?:€|\beur\b|\beuro\b)\s*(?P<a>{NUM})"
    rf"|(?<![\w.,/])(?P<b>{NUM})(?P<cur>{_CUR_AFTER})")
BARE_RE = re.compile(rf"(?<![\w.,/:-])(?P<n>{NUM})(?![\w/%:]|[.,]\d|\s*%)")
PRODUCT_RE = re.compile(
    rf"(?<![\w.,])\d{{1,2}}\s*[x×]\s*(?:{NUM}){_CUR_AFTER}?\s*=\s*(?:€\s*)?(?P<n>{NUM})(?:{_CUR_AFTER})?")

EXPENSE_WORDS = {
    "travel": r"treinticket|treinbiljet|trein|train ticket|train|billet de train|billet|tram|bus|"
              r"metro|taxi|uber|parking fee|parking|parkeren|parkeerticket|benzine|diesel|"
              r"brandstof|tanken|tol|tolls?|peage|essence|carburant|petrol|fuel|kilometers?|km|"
              r"vervoer|verplaatsing|verplaatsingen|deplacements?|transport|travel|reiskosten|"
              r"vlucht|flight|frais de deplacement|frais de train|train expenses",
    "meals": r"lunch|eten|maaltijd|maaltijden|repas|diner|dinner|meals?|food|broodjes?|sandwichs?|"
             r"dejeuner|ontbijt|breakfast|petit-dejeuner",
    "material": r"materiaal|materialen|materials?|materiel|verf|peinture|paint|hout|bois|wood|"
                r"ingredienten|ingredients|produits|producten|products|supplies|fournitures|"
                r"spuitbussen|bombes|spray cans|kabels|cables|huur microfoons|huur|location micros|"
                r"location|mic rental|rental|microfoons|micros|batterijen|batteries|papier|drukwerk|"
                r"impression|prints?",
    "accommodation": r"hotel|overnachtingen|overnachting|logement|hebergement|accommodation|airbnb|"
                     r"nuitee|nuit d'hotel|room",
    "other": r"onkosten|onkost|frais|kosten|expenses?|note de frais|bonnetje|receipt|ticket",
}
_EXPENSE_RE = {cat: re.compile(r"(?<![\w-])(?:" + words + r")(?![\w-])") for cat, words in EXPENSE_WORDS.items()}
_BOUNDARY_RE = re.compile(r"[,;:!?\n]|\s(?:en|et|and|plus|\+|maar|mais|but|waarvan|dont)\s|\s\+|\+\s|\s-\s|\.\s")
_RATE_AFTER_RE = re.compile(r"^\s*(?:per|par|a|an|the|de l'|l')\s*(?:avond|soir|soiree|night|dag|jour|"
                            r"day|uur|heure|hour|keer|fois|time|les|lesson|session|seance|persoon|"
                            r"personne|person)\b")
_TOTAL_RE = re.compile(r"(?:\btotaal|\btotal|\ben tout|\bau total|\bin total|\bsamen|\bin totaal|"
                       r"\balles samen|=)\s*:?\s*$")
_TOTAL_AFTER_RE = re.compile(r"^\s*(?:in totaal|totaal|en tout|au total|in total|total|samen)\b")
_CORRECTED_RE = re.compile(r"\b(?:neen|nee|non|no wait|no|sorry|pardon|plutot|eigenlijk|actually|"
                           r"correction|oups|oops)\b[\s,]*(?:\w+\s+){0,2}$")
_HOURS_AFTER_RE = re.compile(r"^\s*(?:u\b|uur|h\b|heures?|hours?|pm\b|am\b|dagen|jours?|days?|"
                             r"x\b|km|personen|personnes|people|kinderen|enfants|kids|min)")


def parse_number_cents(raw: str) -> int | None:
    """'1.250,50' / '1,250.50' / '1 250' / '250' / '250,5' -> cents."""
    s = re.sub(r"\s", "", raw)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        s = s.replace(thousands, "").replace(decimal, ".")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        head, _, tail = s.rpartition(sep)
        if len(tail) == 3 and head:
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


@dataclass
class Amount:
    start: int
    end: int
    cents: int
    marked: bool  # a currency was written
    expense: str | None = None  # its category when it is an expense
    rate: bool = False
    total: bool = False
    corrected: bool = False


def _clause(folded: str, start: int, end: int) -> tuple[str, str]:
    left = folded[:start]
    cut = [m.end() for m in _BOUNDARY_RE.finditer(left)]
    left = left[cut[-1]:] if cut else left
    right = folded[end:]
    m = _BOUNDARY_RE.search(right)
    right = right[:m.start()] if m else right
    return left, right


def expense_category(text: str) -> str | None:
    """The category of the expense words in ``text`` (the most specific one)."""
    folded = fold(text)
    for category in ("travel", "meals", "accommodation", "material", "other"):
        if _EXPENSE_RE[category].search(folded):
            return category
    return None


def _categorise(folded: str, amount: Amount) -> None:
    left, right = _clause(folded, amount.start, amount.end)
    near_left = left[-32:]
    near_right = right[:40]
    for side in (near_left, near_right):
        category = expense_category(side)
        if category:
            amount.expense = category
            return


def find_amounts(text: str, masked: str) -> list[Amount]:
    """Every amount in ``masked`` (``text`` with dates, e-mails and identifiers blanked)."""
    folded = fold(masked)
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in PRODUCT_RE.finditer(folded):
        cents = parse_number_cents(m.group("n"))
        if cents is not None:
            found.append(Amount(m.start(), m.end(), cents, True, total=True))
            taken.append((m.start(), m.end()))
    for m in AMOUNT_RE.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        raw = m.group("a") or m.group("b")
        if m.group("cur") and m.group("cur").strip() == "e" and "," in raw:
            continue
        cents = parse_number_cents(raw)
        if cents is not None:
            found.append(Amount(m.start(), m.end(), cents, True))
            taken.append((m.start(), m.end()))
    for m in BARE_RE.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        if _HOURS_AFTER_RE.match(folded[m.end():]):
            continue
        cents = parse_number_cents(m.group("n"))
        if cents is not None:
            found.append(Amount(m.start(), m.end(), cents, False))
    for amount in found:
        _categorise(folded, amount)
        left, right = _clause(folded, amount.start, amount.end)
        amount.rate = bool(_RATE_AFTER_RE.match(folded[amount.end:amount.end + 20]))
        amount.total = amount.total or bool(_TOTAL_RE.search(folded[max(0, amount.start - 14):amount.start])) \
            or bool(_TOTAL_AFTER_RE.match(folded[amount.end:amount.end + 14]))
        amount.corrected = bool(_CORRECTED_RE.search(folded[max(0, amount.start - 24):amount.start]))
    found.sort(key=lambda a: a.start)
    # A bare number is an expense only right after its word ('parking 7,50'), a fee only when
    # nothing else is an amount ('dj zaterdag Club Vaag 250').
    marked = [a for a in found if a.marked]
    kept = []
    for a in found:
        if a.marked:
            kept.append(a)
        elif a.expense and re.search(r"[a-z]\s*:?\s*$", folded[max(0, a.start - 3):a.start]) \
                and expense_category(folded[max(0, a.start - 24):a.start]):
            kept.append(a)
        elif not marked and not a.expense and a.cents >= 1000:
            kept.append(a)
    return kept


def split_fee(amounts: list[Amount]) -> tuple[Amount | None, list[Amount]]:
    """(the fee, the expenses)."""
    expenses = [a for a in amounts if a.expense]
    fees = [a for a in amounts if not a.expense]
    if not fees:
        return None, expenses
    for flag in ("corrected", "total"):
        flagged = [a for a in fees if getattr(a, flag)]
        if flagged:
            return flagged[-1], expenses
    plain = [a for a in fees if not a.rate] or fees
    marked = [a for a in plain if a.marked] or plain
    return marked[0], expenses


# VAT ------------------------------------------------------------------------------------------

_VAT = r"(?:btw|tva|vat|b\.t\.w\.?)"
INCLUDED_RE = re.compile(
    r"\b(?:incl\.?|inclusief|inclusive|including|inbegrepen|inclus|incluse|compris|comprise|"
    r"included|inc\.?)\s*(?:de\s+(?:la\s+)?)?(?:de\s+)?" + _VAT + r"\b"
    r"|\b" + _VAT + r"\s*(?:incl\.?|inclusief|inbegrepen|inclus|incluse|comprise?|included|inclusive)(?![\w])"
    r"|\b(?:tvac|ttc|tvic)\b"
    r"|(?:€|\beuros?\b|\beur\b|\d)\s*,?\s*(?:incl|inclusief)(?![\w])(?!\.?\s*" + _VAT + r")\.?")
EXCLUDED_RE = re.compile(
    r"\b(?:excl\.?|exclusief|exclusive of|excluding|exclus|ex\.?|hors|zonder|sans|without|before|"
    r"plus|\+)\s*(?:de\s+)?(?:la\s+)?" + _VAT + r"\b"
    r"|\+\s*" + _VAT + r"\b|\b" + _VAT + r"\s*(?:excl\.?|exclusief|niet inbegrepen|non comprise|not included|"
    r"excluded|en sus|erbij|extra)(?![\w])"
    r"|\b(?:htva|h\.t\.v\.a\.?)(?![\w])|(?<![\w])ht(?![\w])"
    r"|(?:€|\beuros?\b|\beur\b|\d)\s*,?\s*(?:excl|exclusief)(?![\w])(?!\.?\s*" + _VAT + r")\.?")
EXEMPT_RE = re.compile(
    r"\b(?:vrijgesteld|vrijstelling|verlegd|verlegging|exonere|exoneree|exoneration|"
    r"autoliquidation|reverse[- ]charge|exempt|exemption|uitvoer|export|exportation)\b")
EXEMPTIONS = [
    ("intra_eu_reverse_charge", re.compile(
        r"\b(?:verlegging|verlegd|reverse[- ]charge|autoliquidation|intracommunautaire?|intra.?eu|"
        r"intracommunautair)\b")),
    ("export", re.compile(r"\b(?:export|uitvoer|exportation|buiten de eu|hors (?:de l')?ue|"
                          r"outside the eu)\b")),
    ("training", re.compile(
        r"\b(?:vrijgesteld|vrijstelling|exempt|exemption|exonere|exoneree|exoneration)\b.{0,40}"
        r"\b(?:opleiding|training|formation|onderwijs|enseignement|education)\b"
        r"|\b(?:opleiding|training|formation|onderwijs|enseignement|education)\b.{0,30}"
        r"\b(?:vrijgesteld|exempt|exonere|exoneree)\b")),
]
RATE_RE = re.compile(
    r"\b" + _VAT + r"\s*(?:van|de|of|a|à|:|aan|tegen)?\s*(21|12|6|0)\s*%"
    r"|\b" + _VAT + r"\s+(21|12|6)\b(?!\s*(?:euro|eur|€|[.,/]\d))"
    r"|(?<![\d.,])(21|12|6|0)\s*%\s*(?:de\s+)?" + _VAT)


@dataclass
class VatFacts:
    mode: str | None = None  # included / excluded / exempt
    rate: str | None = None
    exemption: str | None = None
    spans: tuple[tuple[int, int], ...] = ()


def parse_vat(text: str) -> VatFacts:
    folded = fold(text)
    out = VatFacts()
    spans = []
    exemption = next((code for code, pattern in EXEMPTIONS if pattern.search(folded)), None)
    if exemption or EXEMPT_RE.search(folded):
        out.mode = "exempt"
        out.exemption = exemption
        if exemption:
            out.rate = "0"
    else:
        inc, exc = INCLUDED_RE.search(folded), EXCLUDED_RE.search(folded)
        if inc and (not exc or inc.start() > exc.start()):
            out.mode = "included"
        elif exc:
            out.mode = "excluded"
    for pattern in (INCLUDED_RE, EXCLUDED_RE, EXEMPT_RE, RATE_RE):
        spans += [(m.start(), m.end()) for m in pattern.finditer(folded)]
    for m in RATE_RE.finditer(folded):
        rate = m.group(1) or m.group(2) or m.group(3)
        if out.rate is None:
            out.rate = rate
    out.spans = tuple(spans)
    return out
