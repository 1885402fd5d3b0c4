"""Who: the client (name, kind, e-mail, VAT number), and the contract type. The work is read by
``bot.work``, on the same tokens.

The readers get the message with the dates, amounts and identifiers already found replaced by
``GAP`` characters, so a name stops where a date or an amount starts ('Club Vaag zaterdag 250').
"""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat

from bot.normalise import fold

GAP = "\x1f"

# E-mail, VAT number -----------------------------------------------------------------------------

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
VAT_NUMBER_RE = re.compile(r"\b([A-Za-z]{2})[\s.-]?((?:\d[\s.]?){8,11}\d)\b")


def parse_email(text: str) -> str | None:
    match = EMAIL_RE.search(text)
    return match.group(0).rstrip(".").lower() if match else None


def parse_vat_number(text: str) -> tuple[str | None, bool]:
    """(compact number, valid). A candidate that fails the check digits gives (raw, False)."""
    for match in VAT_NUMBER_RE.finditer(text):
        country = match.group(1).upper()
        if country.lower() not in eu_vat.MEMBER_STATES and country not in ("EL", "XI"):
            continue
        raw = country + re.sub(r"[\s.]", "", match.group(2))
        try:
            return eu_vat.validate(raw), True
        except stdnum_errors.ValidationError:
            return raw, False
    return None, False


# Contract type ----------------------------------------------------------------------------------

_CONTRACTS = [
    ("artist_1bis", r"\b1 ?bis\b"),
    ("student", r"\b(?:als|as an?|en tant qu'|en tant que|comme|en|i'?m(?: an?)?|i am(?: an?)?|"
                r"je suis|suis|ik ben(?: een)?|ben|statuut|contrat|contract)\s*"
                r"(?:student|studente|etudiante?|jobstudent)\b"
                r"|(?:^|[,;.]\s*)(?:student|studente|etudiante?|jobstudent)\s*(?:[,;.!]|$)"
                r"|\b(?:studentenjob|studentencontract|student job|student contract|job etudiant|"
                r"contrat etudiant)\b"),
    ("artist", r"\b(?:artiestencontract|kunstenaarscontract|contrat d'artiste|artist contract|"
               r"contrat artiste|statut d'artiste)\b"
               r"|\b(?:als|as an?|en tant qu'|comme|on an?|en)\s*(?:artiest|kunstenaar|artiste|artist)"
               r"(?:en)?\s*(?:contract|contrat)?\b(?!\s*(?:op|voor|pour|for|at|au|bij))"
               r"|(?:^|[,;.]\s*)(?:artiest|artiste|artist)\s*(?:[,;.!]|$)"),
    ("manual_worker", r"\b(?:arbeider|ouvriere?|manual worker|handarbeider|arbeiderscontract|"
                      r"contrat d'ouvrier)\b"),
    ("interim", r"\b(?:interim|uitzendkracht|interimaire)\b"),
    ("open_ended", r"\b(?:onbepaalde duur|duree indeterminee|open.ended|cdi)\b"),
    ("employee", r"\b(?:als bediende|comme employee?|as an employee|bediendecontract|"
                 r"contrat d'employe)\b"),
]
_CONTRACT_RES = [(code, re.compile(p)) for code, p in _CONTRACTS]


def parse_contract_type(text: str) -> str | None:
    folded = fold(text)
    for code, pattern in _CONTRACT_RES:
        if pattern.search(folded):
            return code
    return None


# Client ---------------------------------------------------------------------------------------

LEGAL_FORMS = {"bv", "bvba", "nv", "vzw", "cv", "cvba", "commv", "vof", "srl", "sprl", "sa",
               "asbl", "scrl", "sc", "scs", "snc", "ltd", "llc", "inc", "inc.", "gmbh", "plc",
               "ag", "sas", "sarl", "nv.", "bv.", "ltd."}
COMPANY_WORDS = {"bedrijf", "firma", "onderneming", "societe", "entreprise", "company", "firm",
                 "business", "zaak", "boite"}
PRIVATE_WORDS = {"particulier", "prive", "privepersoon", "private", "individual"}
PERSON_HEADS = {"familie", "fam", "fam.", "famille", "family", "mevrouw", "mevr", "mevr.", "meneer",
                "dhr", "dhr.", "madame", "mme", "mme.", "monsieur", "m.", "mr", "mr.", "mrs",
                "mrs.", "ms", "ms.", "juffrouw", "mademoiselle", "mlle"}
SKIPPED_WORDS = {"webshop", "boutique", "winkel", "shop"}
HEADS = PERSON_HEADS | LEGAL_FORMS | {
    "meester", "maitre", "notaire", "lawyer", "stad", "ville", "city", "gemeente", "commune",
    "school", "ecole", "basisschool", "bib", "bibliotheek", "bibliotheque", "library", "jeugdhuis",
    "maison", "salle", "zaal", "feestzaal", "cafe", "bar", "club", "theater", "theatre", "atelier",
    "studio", "galerie", "gallery", "magazine", "uitgeverij", "editions", "brouwerij", "brasserie",
    "bakkerij", "boulangerie", "resto", "restaurant", "band", "groupe", "troupe", "theatergroep",
    "toneelvereniging", "compagnie", "festival", "centre", "cc", "cabinet", "advocatenkantoor",
    "law", "fiduciaire", "webshop", "boutique", "youth", "jeugddienst", "service", "departement",
    "agentschap", "ocmw", "cpas", "youtuber", "youtubeuse", "buurthuis", "scouts", "ksa", "patro",
    "comite", "feestcomite", "drama", "bureau", "kantoor", "vereniging", "association",
    "musee", "museum", "hotel", "the"}
DESCRIPTORS = {
    "family", "school", "library", "publishers", "magazine", "pub", "venue", "committee", "council",
    "service", "notaries", "bakery", "club", "festival", "agency", "travel", "films", "group",
    "brewery", "arena", "hall", "primary", "town", "youth", "drama", "company", "firm",
    "famille", "familie", "studio", "theatre", "theater", "accountancy", "construction",
} | LEGAL_FORMS
CONNECTORS = {"de", "van", "der", "den", "het", "'t", "la", "le", "du", "des", "d'", "l'", "of",
              "and", "en", "et", "&", "by", "night", "y", "'s"}
ARTICLES = {"de", "het", "den", "le", "la", "les", "l'", "the", "een", "un", "une", "a", "an",
            "mijn", "my", "mon", "ma", "onze", "notre", "our", "d'", "du", "des", "ze", "zijn",
            "haar", "leur", "their", "his", "her"}
STRONG_TRIGGERS = ("voor", "pour", "for", "vr", "pr", "4")
WEAK_TRIGGERS = ("bij", "chez", "at", "aan", "au", "aux", "a", "naar", "to", "in", "met", "with",
                 "avec")
EVENT_WORDS = (r"huwelijk|trouwfeest|trouw|feest|fuif|bedrijfsfeest|receptie|opening|conferentie|"
               r"verjaardag|jubileum|mariage|fete|soiree d'entreprise|soiree|reception|vernissage|"
               r"conference|kermesse|anniversaire|gala|wedding photography|wedding|party|"
               r"company party|reception|conference|fair|opening|reportage photo|rechtbank|tribunal")
OF_WORDS = r"kantoor|bureaux|bureau|offices?|groep|groupe|group"
EVENT_RE = re.compile(r"\b(?:" + EVENT_WORDS + r")\s+(?:van|de|du|des|d'|of|from)\s*(?:(?:de|het|la|le|the)\s+|l')?")
OF_RE = re.compile(r"\b(?:" + EVENT_WORDS + "|" + OF_WORDS + r")\s+(?P<of>van|de|du|des|d'|of|from)\s*"
                   r"(?:(?:de|het|la|le|the)\s+|l')?")
EXPLICIT_RE = re.compile(
    r"\b(?:klant|client|customer|opdrachtgever|clients?)\s*(?P<named>is|est|=|:|heet|named|called|"
    r"s'appelle|naar|to|devient|wordt|becomes)?\s*:?\s*")
_NOT_NAME_WORDS = {
    "morgen", "demain", "tomorrow", "next", "volgende", "euro", "euros", "job", "quickjob",
    "offerte", "devis", "quote", "factuur", "facture", "invoice", "klant", "client", "customer",
    "geen", "pas", "no", "none", "nog", "encore", "yet", "idee", "idea", "weet", "sais", "know",
    "later", "plus", "tard", "ik", "je", "i", "me", "mij", "moi", "you", "jij", "vous", "tu",
    "hem", "haar", "him", "her", "iemand", "someone", "quelqu'un", "wie", "qui", "who", "welke",
    "quel", "which", "what", "wat", "niemand", "personne", "nobody", "aucun", "aucune", "euh", "uh",
    "hmm", "dunno", "onbekend", "inconnu", "unknown", "het", "dat", "ca", "that", "it", "this",
    "les", "lessen", "mijn", "my", "mon", "ma", "een", "un", "une", "a", "an", "the", "de", "la",
    "le", "kinderen", "enfants", "kids",
    "mail", "e-mail", "email", "adres", "adresse", "address", "btw", "tva", "vat",
}


class _Tokens:
    """Words of the gapped text with their positions; punctuation and gaps as stops."""

    TOKEN_RE = re.compile(r"(?i:qu|[ldjnmcst])['’](?=\w)|[^\W_][\w&'’.@-]*|&|[" + GAP
                          + r",;:!?()\n/+=]", re.UNICODE)
    ABBREVIATIONS = ("inc.", "fam.", "mevr.", "dhr.", "mme.", "m.", "mr.", "mrs.", "ms.", "st.",
                     "co.", "ltd.", "bros.")

    def __init__(self, text: str) -> None:
        self.text = text
        self.items = []
        for m in self.TOKEN_RE.finditer(text):
            raw = m.group(0)
            stop = None
            if len(raw) > 2 and raw[-1] in ".'’-" and raw.lower() not in self.ABBREVIATIONS:
                stripped = raw.rstrip(".'’-")
                if raw[len(stripped)] == "." and (m.end() == len(text) or text[m.end()] in " \n"):
                    stop = m.start() + len(stripped)
                raw = stripped
            self.items.append((m.start(), m.start() + len(raw), raw))
            if stop is not None:
                self.items.append((stop, stop + 1, "."))

    def __len__(self) -> int:
        return len(self.items)

    def word(self, i: int) -> str:
        return self.items[i][2]

    def low(self, i: int) -> str:
        return fold(self.items[i][2])

    def is_stop(self, i: int) -> bool:
        w = self.word(i)
        return len(w) == 1 and not w.isalnum() and w != "&"


def _capital(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) > 1 and not word.isdigit())


def _read_name(tok: _Tokens, i: int, allow_lower_single: bool = False) -> tuple[int, int] | None:
    """The name starting at token i: (first token, last token) or None."""
    n = len(tok)
    while i < n and tok.low(i) in ARTICLES and not _capital(tok.word(i)):
        i += 1
    # kind words: 'bedrijf X', 'un particulier, Julie Masson', 'a private client, Emma Wilson'
    while i < n and (tok.low(i) in COMPANY_WORDS | PRIVATE_WORDS | SKIPPED_WORDS
                     | {"client", "klant", "person", "persoon", "personne"}):
        i += 1
        if i < n and tok.word(i) == ",":
            i += 1
        while i < n and tok.low(i) in ARTICLES and not _capital(tok.word(i)):
            i += 1
    if i >= n or tok.is_stop(i):
        return None
    first = tok.word(i)
    low = tok.low(i)
    if low in _NOT_NAME_WORDS and not _capital(first):
        return None
    if low in ("groep", "groupe", "group", "kantoor", "bureau", "bureaux", "office", "offices") \
            and i + 1 < n and tok.low(i + 1) in ("van", "de", "d'", "of", "from", "des", "du"):
        return None  # 'un groupe de Voyages Léonard': the name comes after
    head = low.rstrip(".") in {h.rstrip(".") for h in HEADS} and low != "the"
    if not (_capital(first) or head or (allow_lower_single and first.isalpha())
            or re.fullmatch(r"[a-z0-9-]+\.[a-z]{2,}", first)):
        return None
    start = j = i
    lower_run = 0
    last = i
    j = i + 1
    while j < n and not tok.is_stop(j):
        w, lw = tok.word(j), tok.low(j)
        if _capital(w) or w.isdigit() and len(w) <= 2 and _capital(tok.word(j - 1)):
            last = j
            lower_run = 0
        elif lw in DESCRIPTORS or lw.rstrip(".") in LEGAL_FORMS:
            last = j
            lower_run = 0
        elif lw in CONNECTORS or lw.startswith(("d'", "l'")) and len(lw) > 2:
            if lw.startswith(("d'", "l'")) and len(lw) > 2 and _capital(w[2:]):
                last = j
            lower_run += 1
            if lower_run > 2:
                break
        elif j + 1 < n and not tok.is_stop(j + 1) and (_capital(tok.word(j + 1)) and lower_run
                                                        or tok.low(j + 1) in DESCRIPTORS) \
                and lw not in _NOT_NAME_WORDS and lower_run < 2 and j - start <= 4 \
                and lw not in _FUNCTION_STOP_WORDS - CONNECTORS:
            # 'Maison de quartier Nord', 'The Farm party venue'; not 'Club Vaag jaarlijkse
            # Lentefuif': a lowercase word between capitals is part of a name after a connector
            last = j + 1
            j += 2
            lower_run = 0
            continue
        elif (head or low in ("the",)) and lower_run < 2 and last == j - 1 and j - start <= 3 \
                and not any(_capital(tok.word(k)) for k in range(start + 1, j)) and lw not in _NOT_NAME_WORDS:
            last = j  # 'bib van Mechelen', 'fam peeters', 'centre culturel de Huy'
            lower_run = 0
        else:
            break
        j += 1
    if head and last == start and not _capital(first) and not allow_lower_single:
        return None  # 'familie', 'groupe' alone
    return start, last


def _span_text(tok: _Tokens, first: int, last: int) -> str:
    text = tok.text[tok.items[first][0]:tok.items[last][1]].strip(" ,")
    if text.endswith(".") and not fold(text).endswith(_Tokens.ABBREVIATIONS):
        text = text[:-1]
    text = re.sub(r"(?:'s|’s|')$", "", text)
    text = re.sub(r"\s+", " ", text.replace(GAP, " "))
    return text


def find_client(gapped: str, expecting_client: bool = False) -> tuple[str, int, str] | None:
    """(name, position where the client part starts, how it was found) or None."""
    tok = _Tokens(gapped)
    folded = fold(gapped)
    n = len(tok)
    named = None
    candidates: list[tuple[int, int, int, int]] = []  # (rank, trigger position, first, last)
    for m in EXPLICIT_RE.finditer(folded):
        if m.group("named"):  # 'de klant is comité des fêtes de Spa': the rest, as said
            rest = _rest_of_clause(gapped, m.end())
            if rest and fold(rest.split()[0]) not in _NOT_NAME_WORDS:
                candidates.append((0, m.start(), -1, -1))
                named = rest
                break
        i = next((k for k in range(n) if tok.items[k][0] >= m.end()), None)
        if i is not None:
            # 'een klant in Canada, Maple Inc.'
            if tok.low(i) in ("in", "au", "en", "uit", "from") and i + 2 < n and tok.word(i + 2) == ",":
                i += 3
            name = _read_name(tok, i, allow_lower_single=True)
            if name:
                candidates.append((0, m.start(), *name))
    for m in OF_RE.finditer(folded):
        i = next((k for k in range(n) if tok.items[k][0] >= m.end()), None)
        if i is not None:
            name = _read_name(tok, i)
            if name:
                candidates.append((2, m.start("of"), *name))
    lead = _LEAD_IN_RE.match(gapped)
    lead_end = lead.end() if lead else 0
    for i in range(n):
        if tok.items[i][0] < lead_end:
            continue
        low = tok.low(i)
        rank = 1 if low in STRONG_TRIGGERS else 3 if low in WEAK_TRIGGERS else None
        if rank is None or (low == "a" and tok.word(i) != "à" and not folded[tok.items[i][0]:].startswith("a ")):
            continue
        if low in ("a", "4", "in", "to", "met", "with", "avec") and i == 0:
            continue
        if low == "a" and tok.word(i) != "à":
            continue  # English article 'a'
        name = _read_name(tok, i + 1)
        if name:
            candidates.append((rank, tok.items[i][0], *name))
    if not candidates:
        # SMS style: 'DJ set Bar Mirage zaterdag', 'koerier Deliveroo gisteren'
        for i in range(1, n):
            if tok.items[i][0] < lead_end or re.match(r"(?:dj|pa)(?:\b|$)", fold(tok.word(i))):
                continue
            if _capital(tok.word(i)) or tok.low(i).rstrip(".") in {h.rstrip(".") for h in PERSON_HEADS}:
                if tok.low(i) in _NOT_NAME_WORDS or tok.is_stop(i - 1) and i == 1:
                    continue
                name = _read_name(tok, i, allow_lower_single=False)
                if name and not (name[0] == name[1] and tok.word(name[0]).isupper() and len(tok.word(name[0])) <= 3
                                 and tok.low(name[0]) in ("dj", "pa")):
                    candidates.append((4, tok.items[name[0]][0], *name))
                    break
        for i in range(n - 1):  # 'peeters family' (English order; 'famille Dubois' is read above)
            if tok.low(i + 1) == "family" and tok.word(i).isalpha() and i > 0:
                candidates.append((4, tok.items[i][0], i, i + 1))
    if not candidates:
        return None
    rank, pos, first, last = min(candidates, key=lambda c: (c[0], c[1]))
    if first == -1:
        return named, pos, "trigger"
    return _span_text(tok, first, last), pos, "trigger" if rank < 4 else "guess"


def client_kind(name: str | None, folded_message: str, vat_number: str | None) -> str | None:
    words = set(re.findall(r"[\w.'&]+", fold(name or "")))
    if words & {w for w in LEGAL_FORMS} or {w.rstrip(".") for w in words} & {w.rstrip(".") for w in LEGAL_FORMS}:
        return "company"
    if vat_number:
        return "company"
    if re.search(r"\b(?:" + "|".join(COMPANY_WORDS) + r")\b", folded_message):
        return "company"
    if words & {w for w in PERSON_HEADS} or {w.rstrip(".") for w in words} & {h.rstrip(".") for h in PERSON_HEADS}:
        return "private"
    if re.search(r"\b(?:particulier|prive|privepersoon|private (?:client|person)|individual)\b",
                 folded_message):
        return "private"
    return None


# Shared with the work reader (bot.work) ---------------------------------------------------

_LEAD_IN_RE = re.compile(
    r"^\s*(?:(?:hallo|hello|hi|hey|hoi|yo|dag|goeiedag|goedemorgen|bonjour|bonsoir|salut|slt|coucou|"
    r"good morning)\b[\s,!.]*)*"
    r"(?:(?:ik wil|ik zou graag|ik wil graag|je voudrais|je veux|i want to|i'd like to|i would like to|"
    r"can you|kan je|peux-tu|tu peux)\s+(?:(?:maken|faire|make|create)\s+)?(?:een |un |une |a )?"
    r"(?:nieuwe |nouveau |new )?"
    r"(?:offerte|devis|quote|quickjob)?\s*(?:maken|faire|make|create|aanmaken)?\s*"
    r"(?:voor|pour|for)?\s*(?:een |un |une |a |an )?)?", re.IGNORECASE)
_FUNCTION_STOP_WORDS = {
    "voor", "pour", "for", "bij", "chez", "vr", "pr", "4", "op", "on", "at", "in", "aan", "met",
    "with", "avec", "om", "a", "à", "au", "aux", "naar", "to", "en", "et", "and", "maar", "mais",
    "but", "van", "of", "du", "des", "kan", "can", "peux", "tu", "je", "ik", "i", "le", "from",
    "vanaf", "dans", "over", "tot", "samedi", "zaterdag", "saturday", "demain", "morgen",
    "tomorrow", "dit", "ce", "this", "every", "elke", "tous", "chaque", "les", "the", "een",
    "un", "une", "mijn", "my", "mon", "ma", "is", "est", "was", "bedrijf", "firma", "klant",
    "client", "customer", "la", "de", "d'un", "d'une", "het", "dat", "that", "d'", "l'",
}
def _rest_of_clause(gapped: str, start: int) -> str | None:
    rest = re.split(r"[,;.!?\n" + GAP + r"]", gapped[start:], maxsplit=1)[0].strip(" '\"")
    return rest if rest and len(rest.split()) <= 8 else None
