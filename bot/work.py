"""The work (the quote's function): a stated occupation, an activity verb's object, the phrase the
message opens with (up to the client), or a known work word anywhere. A misspelt work word is
corrected against a small vocabulary with rapidfuzz ('fotograf'). Reads the message with the
dates, amounts and identifiers already replaced by ``bot.parties.GAP`` characters."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from bot.normalise import fold
from bot.parties import (
    _FUNCTION_STOP_WORDS,
    _LEAD_IN_RE,
    _NOT_NAME_WORDS,
    ARTICLES,
    DESCRIPTORS,
    EVENT_RE,
    GAP,
    HEADS,
    _capital,
    _rest_of_clause,
    _Tokens,
)

WORK_WORDS = [
    "fotograaf", "fotografe", "fotografie", "fotoshoot", "fotoreportage", "photographe",
    "photographer", "photography", "photoshoot", "shooting", "babysitten", "babysitting",
    "babysitter", "babysit", "oppas", "oppassen", "kinderoppas", "workshop", "atelier",
    "vertaling", "vertaler", "vertaalster", "traduction", "traducteur", "traductrice", "translation",
    "translator", "interprete", "interpreter", "tolk", "fietskoerier", "koerier", "coursier",
    "courier", "geluidstechnicus", "technicien", "sound", "engineer", "schoonmaak", "poetsen",
    "nettoyage", "cleaning", "menage", "gids", "guide", "rondleiding", "stadswandeling",
    "visite", "graphisme", "grafisch", "ontwerp", "illustraties", "illustrations", "muzikant",
    "musicien", "musician", "catering", "traiteur", "animatie", "animation", "montage",
    "ondertiteling", "sous-titrage", "subtitling", "presentator", "presentatrice", "kalligrafie",
    "calligraphie", "calligraphy", "keramiek", "ceramique", "pottery", "houtbewerking",
    "menuiserie", "woodworking", "schilderwerk", "peinture", "painting", "lesgever", "gitaarles",
    "verhuishulp", "tuinonderhoud", "gardening", "webdesign", "optreden", "concert", "dishwashing",
    "afwas", "plonge", "decor", "yoga", "kookworkshop", "zeefdruk", "serigraphie", "breien",
    "tricot", "knitting", "naaien", "couture", "sewing", "graffiti", "podcast", "leveringen",
    "livraisons", "deliveries", "mixage", "mixing", "regie", "eindschoonmaak", "poetshulp",
]
_WORK_STEMS = ("foto", "photo", "shoot", "dj", "babysit", "baby", "oppas", "kinderoppas", "garde",
               "nanny", "childcare", "workshop", "atelier", "cours", "les", "lesgever", "prof",
               "teacher", "class", "lesson", "vertal", "vertaal", "traduc", "translat", "tolk",
               "interpr", "koerier", "coursier", "courier", "fietskoerier", "geluid", "klank",
               "son", "sound", "mix", "inge", "schoonma", "poets", "nettoy", "menage", "clean",
               "gids", "guide", "rondleid", "visite", "tour", "wandel", "balade", "walk", "design",
               "ontwerp", "graphi", "grafisch", "logo", "illustr", "webdesign", "muzik", "musici",
               "concert", "optred", "gig", "afwas", "plonge", "dishwash", "verhuis", "demenag",
               "moving", "catering", "traiteur", "animat", "entertain", "tuin", "jardin",
               "garden", "tekst", "texte", "text", "writing", "redaction", "montage", "editing",
               "decor", "set", "present", "host", "make-up", "maquill", "bar", "ondertitel",
               "sous-titr", "subtitl", "podcast", "lever", "livrais", "deliver", "schilder",
               "peint", "paint", "yoga", "kook", "cuisine", "cooking", "sono", "regie", "gitaar",
               "guitar", "guitare", "piano",
               "leveringen", "home", "aide", "window", "ramen", "lavage", "vertaling", "opgepas")
_OCCUPATION_RE = re.compile(
    r"\b(?:ik ben|je suis|i'?m|i am)\s+(?:een\s+|un\s+|une\s+|an?\s+|de\s+|the\s+|le\s+|la\s+)?"
    r"|\b(?:als|comme|en tant que|en tant qu'|as an?|as)\s+(?:een\s+|un\s+|une\s+)?")
_ACTIVITY_RE = re.compile(
    r"\b(?:ik doe|ik geef|ik ga|ik heb|je fais|je donne|j'ai fait|i'?m doing|i'?m giving|"
    r"i'?m running|doing|giving|running)\s+(?:(?:een|de|het|du|de la|de l'|le|la|les|des|un|une|"
    r"a|an|the)\s+)?")
_FUNCTION_SOFT_STOPS = {"de", "la", "the", "het", "des", "du", "d'", "les", "le"}
_CONTRACT_WORDS = {"student", "studente", "etudiant", "etudiante", "artiest", "artiste", "artist",
                   "arbeider", "ouvrier", "bediende", "employe", "employee", "jobstudent"}
_VERB_NOUNS = {"babysat": "babysitting"}
_NAMED_WORK_RE = re.compile(
    r"\b(?:het werk|de job|het job|de functie|functie|le travail|la fonction|fonction|le job|"
    r"the work|the job|function|job|werk|travail|work)\s*(?:is|est|=|:|naar|to|en|devient|wordt|"
    r"becomes|into)\s+(?:(?:een|un|une|a|an)\s+)?")
_JOINED_WORK = {"licht", "lumiere", "light", "video", "sound", "son", "geluid", "image", "beeld"}
# Small words that join a work word to its direct complement ('hulp bij verhuis', 'workshop koken
# met kinderen', 'cleaning of offices', 'bijles aan huis'); 'voor/pour/for' only before an
# audience ('cours pour débutants'), where no client can stand.
_SMALL_JOINS = {"bij", "met", "with", "avec", "of", "aan", "op", "in", "on", "at"}
_NOT_COMPLEMENT = {"oudejaarsavond", "kerstavond", "nieuwjaar", "reveillon", "avond", "soiree",
                   "evening", "night", "nacht", "weekend", "zondag", "dimanche", "sunday"}
_AUDIENCE = {"kinderen", "kids", "children", "enfants", "jongeren", "jeunes", "beginners",
             "debutants", "volwassenen", "adultes", "adults", "senioren", "seniors", "ouderen",
             "anderstaligen", "studenten", "etudiants", "students", "toeristen", "touristes",
             "tourists"}
_VOCAB = None


def _vocabulary() -> list[str]:
    global _VOCAB
    if _VOCAB is None:
        _VOCAB = sorted(set(WORK_WORDS))
    return _VOCAB


def correct_typos(phrase: str) -> str:
    """Each word close to a known work word (and not one itself) takes its spelling."""
    out = []
    for word in phrase.split():
        folded = fold(word)
        if len(folded) >= 6 and folded not in _vocabulary() and folded.isalpha():
            match = process.extractOne(folded, _vocabulary(), scorer=fuzz.ratio, score_cutoff=88)
            if match and match[0][0] == folded[0] and len(match[0]) > len(folded):
                fixed = match[0]
                word = fixed.capitalize() if word[0].isupper() else fixed
        out.append(word)
    return " ".join(out)


def _phrase(tok: _Tokens, i: int, limit: int, allow_articles: bool = False) -> str | None:
    """Words from token i up to a stop (at most 6), never past ``limit`` (a text position)."""
    words: list[int] = []
    j = i
    n = len(tok)
    while j < n and tok.items[j][0] < limit and len(words) < 7:
        if tok.is_stop(j):
            break
        low = tok.low(j)
        if words and low in _FUNCTION_STOP_WORDS:
            # a complement joined by 'de', 'des', 'du': 'cours de guitare', 'garde d'enfants'
            if low in ("de", "des", "du", "d'", "van") and j + 1 < n and not tok.is_stop(j + 1) \
                    and tok.low(j + 1) not in ARTICLES and not _capital(tok.word(j + 1)) \
                    and not EVENT_RE.match(fold(tok.text[tok.items[j + 1][0]:])) \
                    and tok.low(j + 1) not in HEADS - {"bureau", "kantoor"} \
                    and tok.low(j + 1) not in ("een", "un", "une", "a"):
                words.append(j)
                j += 1
                continue
            if low == "by" or low == "a" and tok.word(j) != "à":
                words.append(j)
                j += 1
                continue
            nxt = tok.low(j + 1) if j + 1 < n and not tok.is_stop(j + 1) else None
            if low in ("a", "au", "aux") and nxt and not _capital(tok.word(j + 1)) \
                    and not EVENT_RE.match(fold(tok.text[tok.items[j + 1][0]:]) + " van") \
                    and nxt not in ARTICLES | HEADS and nxt not in _FUNCTION_STOP_WORDS:
                words.append(j)  # 'coursier à vélo', 'aide au déménagement'
                j += 1
                continue
            if nxt and (low in _SMALL_JOINS and nxt.isalpha() and not _capital(tok.word(j + 1))
                        and nxt not in ARTICLES | HEADS | _FUNCTION_STOP_WORDS | DESCRIPTORS
                        and (nxt not in _NOT_NAME_WORDS or nxt in _AUDIENCE)
                        and nxt not in _NOT_COMPLEMENT and not EVENT_RE.match(nxt + " van")
                        or low in ("voor", "pour", "for") and nxt in _AUDIENCE):
                words.append(j)  # 'hulp bij verhuis', 'cours pour débutants'
                j += 1
                continue
            if low in ("en", "et", "and") and nxt in _JOINED_WORK:
                words.append(j)  # 'son et lumière', 'geluid en licht'
                j += 1
                continue
            break
        if not words and low in _FUNCTION_STOP_WORDS and low not in ("bar",):
            return None
        if re.search(r"\d", tok.word(j)) and not re.search(r"[a-z]", low):
            break
        words.append(j)
        j += 1
    if not words:
        return None
    text = tok.text[tok.items[words[0]][0]:tok.items[words[-1]][1]]
    text = re.sub(r"\s+", " ", text.replace(GAP, " ")).strip(" -,.")
    return text or None


_COMPLEMENT_RE = re.compile(
    r"^\s*(?:van|bij|met|of|with|avec|de|du|des|d'|a|à|au|aux|in|op|aan|on|at)\s*"
    r"(?:(?:de|het|een|la|le|les|l'|un|une|the|a|an)\s+)?(?:[a-zà-ÿ'-]+\s+){1,3}$")


def _is_work(phrase: str) -> bool:
    first = fold(phrase.split()[0])
    return first.startswith(_WORK_STEMS) or any(
        fold(w).startswith(_WORK_STEMS) for w in phrase.split()[:3])


def find_function(gapped: str, client_at: int | None) -> str | None:
    """The work: a stated occupation, an activity verb's object, the phrase the message opens
    with (up to the client), or a known work word anywhere."""
    limit = client_at if client_at is not None else len(gapped)
    tok = _Tokens(gapped)
    folded = fold(gapped)
    found = None
    for m in _OCCUPATION_RE.finditer(folded):
        i = next((k for k in range(len(tok)) if tok.items[k][0] >= m.end()), None)
        if i is None:
            continue
        phrase = _phrase(tok, i, len(gapped))
        if phrase and fold(phrase.split()[0]) not in _CONTRACT_WORDS and _is_work(phrase) \
                and not re.match(r"(?:doing|giving|running|shooting)\b", fold(phrase)):
            found = phrase
            break
    if found is None:
        for m in _ACTIVITY_RE.finditer(folded):
            i = next((k for k in range(len(tok)) if tok.items[k][0] >= m.end()), None)
            while i is not None and i < len(tok) and tok.word(i) == GAP:
                i += 1
            if i is None or i >= len(tok):
                continue
            phrase = _phrase(tok, i, len(gapped))
            if phrase and _is_work(phrase):
                found = _VERB_NOUNS.get(fold(phrase), phrase)
                break
    if found is None:
        m = _NAMED_WORK_RE.search(folded)
        if m:  # 'het werk is leveringen met de bakfiets': the rest of the clause, as said
            found = _rest_of_clause(gapped, m.end())
    if found is None:
        lead = _LEAD_IN_RE.match(gapped)
        start = lead.end() if lead else 0
        i = next((k for k in range(len(tok)) if tok.items[k][0] >= start), None)
        if i is not None:
            phrase = _phrase(tok, i, limit)
            after = gapped[start + len(phrase or ""):].lstrip(" ") if phrase else ""
            trigger = r"(?:voor|pour|for|bij|chez|at|aan|à|au|in|op|naar|to)\b"
            before_client = client_at is not None and (
                re.match(r"(?i)" + trigger, after) is not None
                # 'Opruimen | van de zolder | voor mevrouw Janssens': a complement in small
                # lowercase words between the work and the client
                or _COMPLEMENT_RE.match(gapped[start + len(phrase or ""):client_at] + " ")
                is not None)
            if phrase and (_is_work(phrase) or i == 0 and len(phrase.split()) <= 6 and before_client
                           and fold(phrase.split()[0]) not in _NOT_NAME_WORDS | _FUNCTION_STOP_WORDS):
                found = phrase
    if found is None:
        for i in range(len(tok)):
            if tok.items[i][0] >= limit and client_at is not None and tok.items[i][0] < limit + 1:
                continue
            low = tok.low(i)
            if low.startswith(_WORK_STEMS) and len(low) > 2 and not _capital(tok.word(i)) \
                    and low not in ("les", "set", "home", "text", "bar", "aide") \
                    or low in ("dj", "pa") and tok.word(i).isupper():
                phrase = _phrase(tok, i, len(gapped))
                if phrase:
                    found = phrase
                    break
    if found is None:
        return None
    found = _VERB_NOUNS.get(fold(found), found)
    return correct_typos(found)
