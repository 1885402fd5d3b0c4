"""Identity just in time: what the worker's profile still lacks, asked in conversation when a
step needs it, one question at a time (issue 14 item 6, the bot's side).

- The quote carries the worker's name: asked after the "yes", before the QuickJob is made.
- The contract and its Dimona need the national number (its check digits verified, python-stdnum
  ``be.nn``), the birth date and the address; the salary needs an IBAN: asked right after the
  creation. The worker may answer later: the question stays open, and a status question about
  the QuickJob reminds them.

The port says what is missing (``identity_missing(steps, lang)``, the people context's rule) and
saves an answer through the profile service (``save_identity(values, lang)``, PATCH /me's
service, which validates again and refuses with a localised reason). The national number and the
IBAN are never written back in full: replies show them masked.
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_nn
from stdnum.exceptions import ValidationError

from bot import texts
from bot.dates import parse_dates
from bot.normalise import fold
from bot.problems import FieldProblem

QUOTE, CONTRACT, SALARY = "quote", "contract", "salary"
# The question asked for a missing field; both names missing are asked together.
QUESTIONS = ("name", "first_name", "last_name", "national_number", "birth_date", "address", "iban")

_NN_RE = re.compile(r"(?<![\d.])(\d{2})[.\s]?(\d{2})[.\s]?(\d{2})[-.\s]?(\d{3})[.\s]?(\d{2})(?![\d])")
_IBAN_RE = re.compile(r"\b([A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]{1,4}){3,8})\b")
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
_POSTCODE_RE = re.compile(r"(?<![\d,.])\d{4,5}\s+[^\W\d_]{2,}")
_HOUSE_RE = re.compile(r"[^\W\d_]{3,}\.?\s*,?\s*\d{1,4}\s?[a-zA-Z]?\b")
_NOT_ADDRESS_RE = re.compile(r"€|\beuros?\b|\beur\b|\bbtw\b|\btva\b|\bvat\b|@|\d{1,2}/\d{1,2}")
_NAME_LEAD_RE = re.compile(
    r"^(?:ik ben|ik heet|mijn naam is|naam\s*:|je suis|je m'appelle|mon nom est|nom\s*:|"
    r"i'?m|i am|my name is|name\s*:|c'est|it'?s|het is)\s+", re.IGNORECASE)
_ADDRESS_LEAD_RE = re.compile(
    r"^(?:mijn adres is|adres\s*:|ik woon (?:in de |op de |aan de |in |op |aan )?|mon adresse est|"
    r"adresse\s*:|j'habite (?:au |à |a |rue )?|my address is|address\s*:|i live (?:at|in) )\s*",
    re.IGNORECASE)
LATER_RE = re.compile(
    r"^(?:later|straks|niet nu|nu niet|een andere keer|dat zoek ik op|plus tard|pas maintenant|"
    r"pas tout de suite|une autre fois|je cherche|not now|another time|some other time|"
    r"i'?ll (?:send|give) it later|i'?ll look it up)\b")
_PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "le", "la", "du", "des", "d'", "von"}
# Words a name never starts with: answers, greetings, questions ('ja', 'hallo', 'waarom').
_NOT_A_NAME = {"ja", "jawel", "nee", "neen", "yes", "yep", "no", "nope", "oui", "ouais", "non", "ok",
               "oke", "okay", "hallo", "hello", "hi", "hey", "hoi", "bonjour", "salut", "merci",
               "dank", "bedankt", "thanks", "thank", "later", "straks", "wat", "what", "quoi",
               "pourquoi", "waarom", "why", "help", "aide", "hulp", "sorry", "pardon", "euh",
               "uh", "hmm", "ik", "je", "i", "mijn", "my", "mon", "ma", "geen", "pas", "none"}
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]+)*\.?$")


# Reading an answer -----------------------------------------------------------------------------

def _title(word: str) -> str:
    return word if word.lower() in _PARTICLES else word[:1].upper() + word[1:]


def parse_name(text: str) -> list[str] | None:
    """The words of a person's name ('Lena Peeters', 'je m'appelle Marie Dubois'), or None."""
    value = _NAME_LEAD_RE.sub("", text.strip()).strip(" .!")
    words = value.split()
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words) \
            or fold(words[0]).strip(".") in _NOT_A_NAME:
        return None
    if value == value.lower():  # typed in a hurry: 'lena peeters'
        words = [_title(w) for w in words]
    return words


def national_number(text: str) -> tuple[str | None, bool]:
    """(compact number, valid check digits); (None, False) when no 11 digits are written."""
    match = _NN_RE.search(text)
    if not match:
        return None, False
    number = "".join(match.groups())
    return number, stdnum_nn.is_valid(number)


def birth_date_of(number: str) -> dt.date | None:
    """The birth date a national number holds (None when the register left it unknown)."""
    try:
        return stdnum_nn.get_birth_date(number)
    except (ValidationError, ValueError):
        return None


def iban(text: str) -> tuple[str | None, bool]:
    for match in _IBAN_RE.finditer(text):
        number = re.sub(r"\s", "", match.group(1)).upper()
        if number[:2].isalpha() and len(number) >= 15:
            return number, stdnum_iban.is_valid(number)
    return None, False


def birth_date(text: str, today: dt.date, lang: str) -> dt.date | None:
    """A date with its year, before today ('12/03/1990', '12 maart 1990', '1990-03-12')."""
    if not _YEAR_RE.search(text):
        return None
    found = [d for d in parse_dates(text, today, lang) if d < today]
    return found[0] if len(found) == 1 else None


def address(text: str) -> str | None:
    """A postal address: a street with its number and a postcode with its place."""
    value = _ADDRESS_LEAD_RE.sub("", text.strip()).strip(" .")
    folded = fold(value)
    if not 8 <= len(value) <= 500 or _NOT_ADDRESS_RE.search(folded):
        return None
    if not (_POSTCODE_RE.search(value) and _HOUSE_RE.search(value)):
        return None
    return re.sub(r"\s+", " ", value)


def parse(question: str, text: str, today: dt.date, lang: str) -> tuple[dict | None, bool]:
    """(the profile values the text gives for ``question``, whether it looked like an answer
    that failed its check: 11 digits with wrong check digits, an IBAN that does not add up)."""
    if question in ("name", "first_name", "last_name"):
        words = parse_name(text)
        if words is None:
            return None, False
        if question == "name":
            if len(words) == 1:
                return {"first_name": words[0]}, False
            return {"first_name": words[0], "last_name": " ".join(words[1:])}, False
        return {question: " ".join(words)}, False
    if question == "national_number":
        number, valid = national_number(text)
        if not valid:
            return None, number is not None
        values: dict = {"national_number": number}
        born = birth_date_of(number)
        if born is not None:
            values["birth_date"] = born
        return values, False
    if question == "iban":
        number, valid = iban(text)
        return ({"iban": number}, False) if valid else (None, number is not None)
    if question == "birth_date":
        born = birth_date(text, today, lang)
        return ({"birth_date": born}, False) if born else (None, bool(_YEAR_RE.search(text)))
    if question == "address":
        found = address(text)
        return ({"address": found}, False) if found else (None, False)
    raise ValueError(question)


# Masks -----------------------------------------------------------------------------------------

def mask_national_number(number: str) -> str:
    """'85073003328' -> '**.**.**-***.28': enough to recognise it, not to reuse it."""
    return f"**.**.**-***.{number[-2:]}"


def mask_iban(number: str) -> str:
    """'BE71096123456769' -> 'BE71 **** **** 6769'."""
    return f"{number[:4]} **** **** {number[-4:]}"


def shown(values: dict, lang: str) -> str:
    """What was saved, as the reply says it: identifiers masked."""
    parts = []
    for name, value in values.items():
        if name == "national_number":
            value = mask_national_number(value)
        elif name == "iban":
            value = mask_iban(value)
        elif name == "birth_date":
            value = texts.date(value, lang)
        parts.append(f"{texts.FIELD_WORDS[name][lang]} {value}")
    return ", ".join(parts)


# The conversation ----------------------------------------------------------------------------

def is_later(text: str) -> bool:
    """'later', 'niet nu', 'pas maintenant', 'not now': the worker will answer another time."""
    return bool(LATER_RE.match(fold(text).strip()))


def question_for(missing: list[str]) -> str:
    if "first_name" in missing and "last_name" in missing:
        return "name"
    return missing[0]


def missing_words(missing: list[str], lang: str) -> str:
    return ", ".join(texts.FIELD_WORDS[name][lang] for name in missing)


async def before_create(turn) -> bool:
    """True when the quote has what it needs of the worker; else its first question is asked."""
    missing = await turn.services.identity_missing([QUOTE], turn.lang)
    if not missing:
        return True
    ask = question_for(missing)
    turn.state["identity"] = {"ask": ask, "todo": missing, "then": "create"}
    turn.say("identity.quote_needs")
    turn.say(f"identity.ask.{ask}")
    return False


async def after_create(turn) -> None:
    """What the contract and the salary still need, asked right away (answerable later)."""
    missing = await turn.services.identity_missing([CONTRACT, SALARY], turn.lang)
    if not missing:
        turn.state["identity"] = None
        return
    ask = question_for(missing)
    turn.state["identity"] = {"ask": ask, "todo": missing, "then": None}
    turn.say("identity.contract_needs", missing=missing_words(missing, turn.lang))
    turn.say(f"identity.ask.{ask}")


async def remind(turn) -> None:
    """After a status answer: what the contract or the salary still waits for, if anything."""
    missing = await turn.services.identity_missing([CONTRACT, SALARY], turn.lang)
    if not missing:
        return
    turn.state["identity"] = {"ask": question_for(missing), "todo": missing, "then": None}
    turn.say("identity.reminder", missing=missing_words(missing, turn.lang))


async def answer(turn, text: str, non_answer: bool, has_facts: bool) -> str | None:
    """An answer to the open identity question: saved, then the next question. Returns ``None``
    when the message is something else (the dialogue handles it), ``"done"`` when it was taken,
    ``"create"`` when the quote now has what it needs."""
    state = turn.state
    ident = state.get("identity")
    if not ident or not ident.get("ask"):
        return None
    ask = ident["ask"]
    before_creation = ident.get("then") == "create"
    if non_answer:
        if before_creation:
            turn.say("identity.needed_for_quote")
            turn.say(f"identity.ask.{ask}")
        else:
            ident["ask"] = None
            turn.say("identity.later", missing=missing_words(ident["todo"], turn.lang))
        return "done"
    values, failed_check = parse(ask, text, turn.today, turn.lang)
    if values is None and not failed_check:
        for other in ("national_number", "iban"):  # given before it was asked
            if other in ident["todo"] and other != ask:
                values, failed_check = parse(other, text, turn.today, turn.lang)
                if values is not None or failed_check:
                    ask = other
                    break
    if values is None:
        if failed_check:
            turn.say(f"identity.invalid.{ask}")
            turn.say(f"identity.ask.{ask}")
            return "done"
        if before_creation and not has_facts:
            turn.say("not_understood")
            turn.say(f"identity.ask.{ask}")
            return "done"
        return None  # something else: the question stays open
    values = {k: v for k, v in values.items() if k in ident["todo"] or k == ask
              or k == "first_name" and ask == "name"}
    try:
        await turn.services.save_identity(values, turn.lang)
    except FieldProblem as problem:  # the profile service's localised reason
        turn.say("identity.refused", message=problem.message)
        turn.say(f"identity.ask.{ask}")
        return "done"
    todo = [name for name in ident["todo"] if name not in values]
    ident["todo"] = todo
    turn.say("identity.saved", saved=shown(values, turn.lang))
    if before_creation:
        quote_missing = [name for name in todo if name in ("first_name", "last_name")]
        if quote_missing:
            ident["ask"] = question_for(quote_missing)
            turn.say(f"identity.ask.{ident['ask']}")
            return "done"
        state["identity"] = None
        return "create"
    if todo:
        ident["ask"] = question_for(todo)
        turn.say(f"identity.ask.{ident['ask']}")
    else:
        state["identity"] = None
        turn.say("identity.complete")
    return "done"
