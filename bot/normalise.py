"""Text helpers shared by the readers: folding, masking, numbers written in words.

``fold`` keeps the length of the text (one character for one), so a position found in the
folded text is the same position in the text as typed: the readers search the folded text and
cut names out of the original.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from text_to_num import alpha2digit

LANGUAGES = ("nl", "fr", "en")


_FOLD_MAP = {"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "\u2014": "-",
             "\u00a0": " ", "\u202f": " "}


def _fold_char(c: str) -> str:
    low = c.lower()
    if len(low) != 1:
        low = c
    base = unicodedata.normalize("NFKD", low)
    kept = [b for b in base if not unicodedata.combining(b)]
    out = kept[0] if kept else low
    return _FOLD_MAP.get(out, out)


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case without accents, same length: 'Février' -> 'fevrier'."""
    return "".join(_fold_char(c) for c in text)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", fold(text))


def mask(text: str, start: int, end: int) -> str:
    """The text with [start, end) blanked (same length), so later readers skip it."""
    return text[:start] + " " * (end - start) + text[end:]


def mask_all(text: str, spans) -> str:
    for start, end in spans:
        text = mask(text, start, end)
    return text


CURRENCY = r"(?:euros?|euro's|eur|€|balles|bucks|ballekes)"
_WORDS_BEFORE_CURRENCY = re.compile(
    r"((?:[^\W\d_][\w'-]*[ \t]+){1,7}?)(?=" + CURRENCY + r"(?![\w]))", re.IGNORECASE)
_NUMBER_WORD = re.compile(
    r"(?i)\b(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|"
    r"vijftien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|duizend|"
    r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
    r"seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand)\w*")


def _convert(chunk: str, langs: tuple[str, ...]) -> str:
    for lang in langs:
        converted = alpha2digit(chunk, lang)
        if re.search(r"\d", converted) and converted != chunk:
            return converted
    return chunk


@functools.lru_cache(maxsize=2048)
def numbers_in_words(text: str, lang: str = "nl", everywhere: bool = False) -> str:
    """Numbers written in words before a currency ('tweehonderd euro', 'deux cents euros',
    'one hundred and fifty euros') as digits, through text2num in the message's language first.
    With ``everywhere`` (an amount was asked) the whole message is converted."""
    langs = (lang, *[x for x in LANGUAGES if x != lang])
    if everywhere:
        return _convert(text, langs) if _NUMBER_WORD.search(text) else text
    if not _NUMBER_WORD.search(text):
        return text

    def repl(m: re.Match) -> str:
        chunk = m.group(1)
        return _convert(chunk, langs) if _NUMBER_WORD.search(chunk) else chunk

    return _WORDS_BEFORE_CURRENCY.sub(repl, text)
