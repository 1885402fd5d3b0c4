"""Rule-based understanding of chat messages in Dutch, French and English.

Pure functions, no I/O: dates are read relative to a given ``today`` so the same message on the
same day always gives the same result. ``extract(text, today, lang)`` returns every fact the
message states (work, client, e-mail, VAT number, private or company, dates, fee and its VAT
mode, expenses, contract type); ``intent(text)`` what the message asks for. The dialogue
decides what to do with them. The readers live in ``bot.dates``, ``bot.money``,
``bot.parties`` and ``bot.work``; numbers in words go through text2num (``bot.normalise``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bot import money, parties, work
from bot.dates import find_dates, parse_date_answer
from bot.normalise import fold, numbers_in_words
from bot.normalise import words as _words

LANGUAGES = ("nl", "fr", "en")

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
    ("help", r"^(help|hulp|aide|\?|info)(\s*(aub|svp|please|pls|stp|me|moi))?[\s!?.]*$"
             r"|\b(help me|hoe werkt|comment ca marche|how does this work|"
             r"ik snap het niet|je ne comprends pas|i don't understand|wat kan je|que sais-tu faire)\b"),
    ("handoff", r"\b(adviseur|adviser|advisor|conseiller|conseillere|medewerker|humain|human being)\b"
                r"|\b(?:a|een|une|un|real|echte|vraie|vrai|met een|with a|to a|talk to|parler a)\s+"
                r"(?:real\s+|echte\s+)?(?:human|person|persoon|personne|mens|quelqu'un)\b"),
    ("contribution", r"6[.,]5\s*%|\b(bijdrage|contribution|cotisation|commissie|frais de gestion)\b"),
    ("payslip", r"\b(loonfiche|loonbrief|loonstrook|fiche de paie|fiche de salaire|bulletin de paie|"
                r"payslip|pay slip|salary slip)\b"),
    ("contract", r"\b(waar|where|ou|trouver|find|vind)\b.*\b(contract|contrat|arbeidsovereenkomst)\b"
                 r"|\b(mijn contract|mon contrat|my contract)\b"),
    ("client_paid", r"\b(klant|client|klanten|clients)\b.*\b(betaald|paye|payee|paid|payer)\b"
                    r"|\b(betaald|paid|paye)\b.*\b(klant|client)\b|\bheeft .* betaald\b"
                    r"|\b(?:has|did)\s+(?!i\b|my (?:salary|wage|pay)\b|(?:the |my )?(?:salary|wage)\b)"
                    r"(?:[\w&'.-]+\s+){1,4}(?:paid|pay)\b|\ba-t-(?:il|elle) paye|\b(?:il|elle) a paye\b"
                    # 'est-ce que le Café Central a déjà payé', 'la famille Dubois a bien payé'
                    r"|\ba (?:deja |bien |enfin |toujours pas |pas encore )?paye\b(?!.*\b(?:salaire|paie)\b)"
                    # 'is Bakkerij Smets al betaald' (not 'is mijn loon betaald')
                    r"|^is\s+(?!(?:mijn|m'n|het|je)\s+(?:loon|salaris|geld)\b)(?:[\w&'.-]+\s+){1,4}"
                    r"(?:al |reeds |nu )?betaald\b"),
    ("salary", r"\b(loon|salaris|salaire|salary|wage|pay day|payday|uitbetaald|verse|paid out)\b"
               r"|\b(wanneer|wnr|when|quand|qd)\b.*\b(betaald|paid|paye|payee|geld|money|argent|sous)\b"
               r"|\b(?:did|do|will|have|am) i\b.{0,12}\bpaid\b|\bword ik\b.{0,20}\bbetaald\b"
               r"|\b(?:suis-je|je suis|je serai|serai-je)\s+paye"),
    ("unit", r"\b(eenheid|unit|unite|saldo|balance|solde)\b|\b(over|left|reste)\b.*\b(eenheid|unit|unite)\b"),
]


_INTENT_RES = [(name, re.compile(pattern)) for name, pattern in _INTENTS]


def intents(text: str) -> list[str]:
    folded = fold(text).strip()
    return [name for name, pattern in _INTENT_RES if pattern.search(folded)]


def is_question(text: str) -> bool:
    folded = fold(text).strip()
    return folded.endswith("?") or bool(re.match(
        r"(wanneer|hoeveel|waar|heeft|is|wat|quand|combien|ou|est-ce|quel|when|how|where|has|what|did|is)\b",
        folded))



_STATUS_INTENTS = {"contribution", "payslip", "contract", "client_paid", "salary", "unit",
                   "quickjob_status"}

_MONEY_QUESTION_RE = re.compile(
    r"\b(?:hoeveel|combien|how much|wat|what|quel|quelle|qu'est-ce|ca fait|my net|mon net|mijn netto|"
    r"what's)\b.{0,60}\b(?:over|netto|net|hou|houd|blijft|krijg|verdien|reste|touche|garde|gagne|"
    r"keep|left|get|earn|pocket|poche|handen|retire|gaat er af|taken off|salaire|loon|salary|"
    r"ends up|net pay|nettoloon)\b"
    r"|\b(?:simulatie|simulation|simuleer|simuler|simulate|bereken|calcule|calculate)\b"
    r"|\b(?:my net|mon net|mijn netto)\b")
_INVOICE_RE = re.compile(
    r"\b(?:maak|make|fais|faire|stuur|send|envoie|envoyer|envoyez|opmaken|maken|verstuur|issue|"
    r"mag|can|peux|pls|please|stp|svp|aub)\b.{0,40}\b(?:factuur|facture|invoice)\b"
    r"|\b(?:factuur|facture|invoice)\b.{0,30}\b(?:maken|opmaken|versturen|sturen|aub|stp|svp|"
    r"pls|please|now|nu|maintenant|naar|to|a)\b|^(?:factuur|facture|invoice)\s*[!?.]*$")
_STATUS_QJ_RE = re.compile(
    r"\b(?:status|aanvaard|geaccepteerd|accepte|acceptee|accepted|ou en est|stand van zaken|"
    r"where are we)\b")
_EXPENSE_ASK_RE = re.compile(
    r"\b(?:onkost|onkosten|frais|expense|expenses|bonnetje|receipt|ticket|toevoegen|voeg|ajoute|"
    r"ajouter|add|nog|encore|also|ook|gekocht|achete|bought|had|avais)\b")
NON_ANSWER_RE = re.compile(
    r"^(?:geen idee(?: nog)?|weet ik (?:nog )?niet(?: precies)?|dat weet ik (?:nog )?niet(?: precies)?|"
    r"weet niet|nog geen(?: klant)?|ik heb nog geen klant|geen|later|nog niet|geen flauw idee|"
    r"euh+|uh+|hmm+|ehm+|aucune idee|je (?:ne )?sais pas(?: encore)?|sais pas|pas encore(?: de client)?|"
    r"je n'ai pas encore de client|aucun|aucune|plus tard|no idea|(?:i )?don'?t know(?: yet)?|dunno|"
    r"no client yet|not yet|none|nobody|i don'?t have a client yet|no clue|idk|nvm|"
    r"pas de client|n/?a|\?+)[\s.!?]*$")


def intent(text: str, lang: str = "nl") -> str | None:
    """What the message asks for, when it is not (only) facts for a QuickJob: ``money_question``,
    ``invoice``, a status intent, or None."""
    folded = fold(text).strip()
    has_amount = bool(money.AMOUNT_RE.search(fold(numbers_in_words(text, lang)))) or bool(
        re.search(r"\d", folded))
    if has_amount and _MONEY_QUESTION_RE.search(folded):
        return "money_question"
    if _INVOICE_RE.search(folded) and not re.search(r"\b(?:betaald|paye|paid)\b", folded):
        return "invoice"
    found = intents(text)
    status = [i for i in found if i in _STATUS_INTENTS]
    if _STATUS_QJ_RE.search(folded) and not has_amount:
        return "quickjob_status"
    if status and is_question(text) or status and not has_amount:
        return status[0]
    return None


def is_non_answer(text: str) -> bool:
    return bool(NON_ANSWER_RE.match(fold(text).strip()))


# All facts of one message ----------------------------------------------------------------------

@dataclass
class Facts:
    function: str | None = None
    client_name: str | None = None
    client_kind: str | None = None
    email: str | None = None
    vat_number: str | None = None
    vat_number_invalid: str | None = None
    dates: list[dt.date] = field(default_factory=list)
    amount_cents: int | None = None
    vat_mode: str | None = None
    vat_rate: str | None = None
    vat_exemption: str | None = None
    expenses: list[dict] = field(default_factory=list)
    contract_type: str | None = None
    client_at: int | None = None

    NAMES = ("function", "client_name", "client_kind", "email", "vat_number", "dates",
             "amount_cents", "vat_mode", "vat_rate", "vat_exemption", "expenses", "contract_type")

    def as_fields(self) -> dict:
        out: dict = {}
        for name in self.NAMES:
            value = getattr(self, name)
            if value is None or value == []:
                continue
            out[name] = [d.isoformat() for d in value] if name == "dates" else value
        return out


def _gap(text: str, spans) -> str:
    for start, end in spans:
        text = text[:start] + parties.GAP * (end - start) + text[end:]
    return text


def extract(text: str, today: dt.date, lang: str = "nl", expecting: str | None = None) -> Facts:
    """Every fact in ``text``. ``expecting`` (the field just asked for) lets a bare answer count:
    '250' when the amount was asked, 'Brouwerij De Klok' when the client was asked."""
    facts = Facts()
    text = numbers_in_words(text.strip(), lang, everywhere=expecting == "amount_cents")
    spans: list[tuple[int, int]] = []
    facts.email = parties.parse_email(text)
    spans += [(m.start(), m.end()) for m in parties.EMAIL_RE.finditer(text)]
    vat, valid = parties.parse_vat_number(_gap(text, spans))
    if vat:
        if valid:
            facts.vat_number = vat
        else:
            facts.vat_number_invalid = vat
        spans += [(m.start(), m.end()) for m in parties.VAT_NUMBER_RE.finditer(_gap(text, spans))]
    gapped = _gap(text, spans)
    date_spans = find_dates(gapped, today, lang)
    if expecting == "dates" and not date_spans:
        facts.dates = parse_date_answer(gapped, today, lang)
    for span in date_spans:
        for d in span.dates:
            if d not in facts.dates:
                facts.dates.append(d)
    spans += [(s.start, s.end) for s in date_spans]
    # the weekday before an explicit date ('maandag 9 maart') was skipped by the date reader
    gapped = _gap(text, spans)
    vat_facts = money.parse_vat(gapped)
    facts.vat_mode, facts.vat_rate, facts.vat_exemption = vat_facts.mode, vat_facts.rate, vat_facts.exemption
    gapped = _gap(gapped, vat_facts.spans)
    amounts = money.find_amounts(text, gapped)
    if expecting == "amount_cents" and not amounts:
        amounts = [a for a in money.find_amounts(text, gapped + " ") if a]
        bare = money.BARE_RE.search(fold(gapped))
        if bare and money.parse_number_cents(bare.group("n")) is not None:
            amounts = [money.Amount(bare.start(), bare.end(), money.parse_number_cents(bare.group("n")), False)]
    fee, expenses = money.split_fee(amounts)
    if fee is not None:
        facts.amount_cents = fee.cents
    facts.expenses = [{"category": e.expense, "amount_cents": e.cents} for e in expenses]
    gapped = _gap(gapped, [(a.start, a.end) for a in amounts])
    for e in expenses:
        left, _ = money._clause(fold(gapped), e.start, e.end)
        gapped = _gap(gapped, [(e.start - len(left), e.start)])
    gapped = re.sub(r"(?i)\b(?:btw-?nummer|btw-?nr|numero de tva|n° de tva|vat number|vat no)\b",
                    lambda m: parties.GAP * len(m.group(0)), gapped)
    facts.contract_type = parties.parse_contract_type(gapped)
    client = parties.find_client(gapped, expecting_client=expecting == "client_name")
    if client and not (expecting == "client_name" and client[2] == "guess"):
        facts.client_name, facts.client_at = client[0], client[1]
    facts.function = work.find_function(gapped, facts.client_at)
    facts.client_kind = parties.client_kind(facts.client_name, fold(text), facts.vat_number)
    if expecting == "function" and facts.function is None and facts.client_name and client[2] == "guess":
        facts.client_name = None  # 'Grafisch Ontwerp' answering "which work?"
    if expecting in ("client_name", "function") and getattr(facts, expecting) is None:
        bare = _bare_text(text)
        if bare and not is_non_answer(bare) and yes_no(bare) is None and not intents(bare) \
                and not (facts.dates or facts.amount_cents or facts.email):
            setattr(facts, expecting, bare)
            if expecting == "function":
                facts.client_name = None
    if facts.function and facts.client_name:
        at = fold(text).find(fold(facts.function))
        if facts.client_at is not None and at >= facts.client_at \
                or facts.client_at is None and expecting == "client_name":
            facts.function = None  # the client's own name ('Atelier Noord'), not the work
    return facts


def _bare_text(text: str) -> str | None:
    value = re.sub(r"^(het is|c'est|it is|it's|dat is|klant|client|de klant is|le client est|"
                   r"the client is)\s*:?\s+", "", text.strip(), flags=re.IGNORECASE).strip(" .!")
    return value if 1 < len(value) <= 120 else None
