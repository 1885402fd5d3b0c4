"""Dates as people write them, in Dutch, French and English, relative to a given ``today``.

Every date is kept as said: a day and month without a year is in ``today``'s year even when it
is already past (the dialogue explains a past date; it never moves it a year nor drops it).
A weekday alone, or with "volgende / next / prochain", is the first such day after today;
"volgende week dinsdag", "mardi de la semaine prochaine", "Tuesday next week" are in the next
calendar week. Ranges ("du 8 au 10", "van maandag tot woensdag", "16 t.e.m. 18 maart") give
every day; lists ("1 en 2 en 3 maart", "les 4 et 5 avril") each day.

``find_dates(text, today, lang)`` returns the spans found (positions in ``text``), so the other
readers can skip them. dateparser (with a frozen ``RELATIVE_BASE``, never the wall clock) reads
an answer to "which day?" that none of these patterns knows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.normalise import fold, mask

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
    "jan": 1, "feb": 2, "fev": 2, "febr": 2, "mrt": 3, "apr": 4, "avr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
    "zondag": 6, "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    # SMS abbreviations that are not ordinary words
    "zat": 5, "zatermiddag": 5, "sam": 5, "sat": 5, "dim": 6, "tues": 1, "thurs": 3, "fri": 4,
    "wed": 2,
}
RELATIVE = {
    "vandaag": 0, "aujourd'hui": 0, "aujourdhui": 0, "today": 0, "tonight": 0, "vanavond": 0,
    "ce soir": 0,
    "morgen": 1, "morgn": 1, "morge": 1, "morgenavond": 1, "morgenochtend": 1, "morgenmiddag": 1,
    "demain": 1, "dem": 1, "dmain": 1, "tomorrow": 1, "tmrw": 1, "tmr": 1, "tomorow": 1,
    "2morrow": 1,
    "overmorgen": 2, "apres-demain": 2, "apres demain": 2, "day after tomorrow": 2,
    "the day after tomorrow": 2,
    "gisteren": -1, "gisteravond": -1, "yesterday": -1, "hier": -1,
    "eergisteren": -2, "avant-hier": -2, "avant hier": -2, "day before yesterday": -2,
    "the day before yesterday": -2,
}
_ORD = r"(?:ste|de|e|er|eme|th|st|nd|rd)?"
_MONTH = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
# a weekday with its part of the day written together: 'vrijdagavond', 'zaterdagmiddag'
_DAYPART = r"(?:avond|middag|namiddag|voormiddag|ochtend|morgen|nacht)"
_WEEKDAY = "(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")(?:" + _DAYPART + r"|s)?"
_DAY = r"(\d{1,2})" + _ORD
_SEP = r"(?:\s*,\s*|\s+(?:en|et|and|&)\s+|\s*,?\s*(?:en|et|and)\s+)(?:(?:le|the|op)\s+)?"
_TO = (r"\s*(?:-|tot(?:\s+en\s+met)?|t\.?\s?e\.?\s?m\.?|tem|t/m|au|a|jusqu'au|jusqu'a|to|through|"
       r"thru|till|until)\s*")
_FROM = r"(?:\b(?:van|vanaf|du|from|de)\s+(?:(?:le|the)\s+)?)?"

ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
NUMERIC_RE = re.compile(
    r"(?<![\d.,/])(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d/]|[.,]\d)"
    r"|(?<![\d.,/])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.])")
DAY_LIST_RE = re.compile(
    r"\b" + _DAY + r"((?:" + _SEP + r"\d{1,2}" + _ORD + r")+)\s+(?:of\s+)?(" + _MONTH + r")(?:\s+(\d{4}))?\b")
DAY_RANGE_RE = re.compile(
    _FROM + r"\b" + _DAY + _TO + r"(?:(?:le|the)\s+)?" + _DAY + r"(?:\s+(?:of\s+)?(" + _MONTH + r"))?(?:\s+(\d{4}))?\b")
DAY_MONTH_RE = re.compile(r"\b" + _DAY + r"\s+(?:of\s+|de\s+)?(" + _MONTH + r")(?:\s+(\d{4}))?(?![\w])")
MONTH_DAY_RE = re.compile(r"\b(" + _MONTH + r")\s+(?:the\s+)?" + _DAY + r"\b(?:,?\s+(\d{4}))?")
WEEKDAY_RANGE_RE = re.compile(
    r"(?:\b(?:van|du|from)\s+)?\b(?:le\s+)?(" + _WEEKDAY + r")" + _TO + r"(?:le\s+)?(" + _WEEKDAY + r")\b")
NEXT_WEEK_RE = re.compile(
    r"\b(?:volgende|komende)\s+week\s+(" + _WEEKDAY + r")\b"
    r"|\b(" + _WEEKDAY + r")\s+(?:van\s+)?(?:volgende|komende)\s+week\b"
    r"|\b(" + _WEEKDAY + r")\s+de\s+la\s+semaine\s+prochaine\b"
    r"|\b(" + _WEEKDAY + r")\s+(?:of\s+)?next\s+week\b|\bnext\s+week\s+(" + _WEEKDAY + r")\b")
LAST_RE = re.compile(
    r"\b(?:vorige|afgelopen|last|past)\s+(" + _WEEKDAY + r")\b|\b(" + _WEEKDAY + r")\s+(?:dernier|derniere|passe|passee|laatst)\b")
WEEKDAY_RE = re.compile(
    r"\b(?:(?:next|volgende|komende|this|deze|coming|aanstaande)\s+)?(" + _WEEKDAY + r")"
    r"(?:\s+(?:prochain|prochaine|qui vient))?\b")
OFFSET_RE = re.compile(
    r"\b(?:over|dans|in)\s+(\d+|een|une|un|a|one|twee|deux|two|drie|trois|three|vier|quatre|four)"
    r"\s+(dagen|dag|jours?|days?|weken|week|semaines?|weeks?)\b")
BARE_DAY_RE = re.compile(
    r"\b(?:le|the|op de|on the|de)\s+(\d{1,2})" + _ORD + r"\b(?!\s*(?:[/.:-]\d|" + _MONTH
    + r"|euro|eur|€|h\b|u\b|uur|heures?|hours?|%|x\b|jours|days|dagen|personnes|people|mensen))")
_RELATIVE_RE = re.compile(r"(?<![\w-])(" + "|".join(
    sorted(map(re.escape, RELATIVE), key=len, reverse=True)) + r")(?![\w-])")
_SMALL = {"een": 1, "une": 1, "un": 1, "a": 1, "one": 1, "twee": 2, "deux": 2, "two": 2,
          "drie": 3, "trois": 3, "three": 3, "vier": 4, "quatre": 4, "four": 4}
NEGATED_RE = re.compile(r"\b(?:not|niet|pas|instead of|in plaats van|au lieu de|plutot que|"
                        r"rather than)\s+(?:on\s+|op\s+|le\s+|the\s+)?$")


@dataclass
class DateSpan:
    start: int
    end: int
    dates: list[dt.date]


def _make(day: int, month: int, year: int | None, today: dt.date) -> dt.date | None:
    try:
        if year is None:
            year = today.year
        elif year < 100:
            year += 2000
        return dt.date(year, month, day)
    except ValueError:
        return None


def _days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    if last < first or (last - first).days > 62:
        return [first, last] if last != first else [first]
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _weekday_number(word: str) -> int:
    if word not in WEEKDAYS:
        word = re.sub(_DAYPART + "$", "", word) if re.search(_DAYPART + "$", word) else word[:-1]
    return WEEKDAYS[word]


def _next_weekday(target: int, today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(target - today.weekday()) % 7 or 7)


def _bare_day(day: int, today: dt.date) -> dt.date | None:
    """A day of the month alone: this month, or the next one when already past."""
    found = _make(day, today.month, today.year, today)
    if found is not None and found >= today:
        return found
    month, year = (1, today.year + 1) if today.month == 12 else (today.month + 1, today.year)
    return _make(day, month, year, today)


class _Finder:
    def __init__(self, text: str, today: dt.date, lang: str) -> None:
        self.original = self.work = fold(text)
        self.today = today
        self.lang = lang
        self.spans: list[DateSpan] = []
        self.skipped: list[DateSpan] = []  # weekdays named beside an explicit date

    def add(self, start: int, end: int, dates: list[dt.date | None]) -> None:
        kept = [d for d in dates if d is not None]
        if kept:
            self.spans.append(DateSpan(start, end, kept))
        self.work = mask(self.work, start, end)

    def run(self) -> list[DateSpan]:
        t = self.today
        for m in ISO_RE.finditer(self.work):
            self.add(m.start(), m.end(), [_make(int(m.group(3)), int(m.group(2)), int(m.group(1)), t)])
        for m in DAY_LIST_RE.finditer(self.work):
            month, year = MONTHS[m.group(3).rstrip(".")], int(m.group(4)) if m.group(4) else None
            days = [int(m.group(1))] + [int(x) for x in re.findall(r"\d{1,2}", m.group(2))]
            self.add(m.start(), m.end(), [_make(d, month, year, t) for d in days])
        self._numeric_ranges()
        for m in DAY_RANGE_RE.finditer(self.work):
            if not m.group(3) and not re.match(r"\s*(?:du|van|from|de)\b", m.group(0)):
                continue  # '2 - 4' alone is not a range of days
            month = MONTHS[m.group(3).rstrip(".")] if m.group(3) else None
            year = int(m.group(4)) if m.group(4) else None
            first_day, last_day = int(m.group(1)), int(m.group(2))
            if month is None:
                first = _bare_day(first_day, t)
                last = _make(last_day, first.month, first.year, t) if first else None
            else:
                first, last = _make(first_day, month, year, t), _make(last_day, month, year, t)
            if first and last:
                self.add(m.start(), m.end(), _days_between(first, last))
        for m in DAY_MONTH_RE.finditer(self.work):
            year = int(m.group(3)) if m.group(3) else None
            self.add(m.start(), m.end(), [_make(int(m.group(1)), MONTHS[m.group(2).rstrip(".")], year, t)])
        for m in MONTH_DAY_RE.finditer(self.work):
            word = m.group(1).rstrip(".")
            if word in ("mar", "may", "mai", "jun", "jan", "sept", "sep") and not m.group(3):
                if word in ("mar", "mai", "may"):
                    continue  # 'mar' (mardi), 'mai', 'may' are too often plain words
            year = int(m.group(3)) if m.group(3) else None
            self.add(m.start(), m.end(), [_make(int(m.group(2)), MONTHS[word], year, t)])
        for m in NUMERIC_RE.finditer(self.work):
            if m.group(1):
                day, month, year = int(m.group(1)), int(m.group(3)), m.group(4)
            else:
                day, month, year = int(m.group(5)), int(m.group(6)), m.group(7)
            if not 1 <= month <= 12:
                continue
            self.add(m.start(), m.end(), [_make(day, month, int(year) if year else None, t)])
        for m in OFFSET_RE.finditer(self.work):
            n = int(m.group(1)) if m.group(1).isdigit() else _SMALL[m.group(1)]
            unit = 7 if m.group(2).startswith(("we", "sem")) else 1
            self.add(m.start(), m.end(), [t + dt.timedelta(days=n * unit)])
        for m in WEEKDAY_RANGE_RE.finditer(self.work):
            first = _next_weekday(_weekday_number(m.group(1)), t)
            last = first + dt.timedelta(days=(_weekday_number(m.group(2)) - first.weekday()) % 7)
            self.add(m.start(), m.end(), _days_between(first, last))
        for m in NEXT_WEEK_RE.finditer(self.work):
            word = next(g for g in m.groups() if g)
            monday = t - dt.timedelta(days=t.weekday()) + dt.timedelta(days=7)
            self.add(m.start(), m.end(), [monday + dt.timedelta(days=_weekday_number(word))])
        for m in LAST_RE.finditer(self.work):
            word = m.group(1) or m.group(2)
            back = (t.weekday() - _weekday_number(word)) % 7 or 7
            self.add(m.start(), m.end(), [t - dt.timedelta(days=back)])
        explicit = [s.start for s in self.spans]
        for m in WEEKDAY_RE.finditer(self.work):
            if m.group(1) in ("sat", "wed", "dim") and self.lang == "nl":
                continue
            if m.group(1) == "sam" and self.lang == "en":
                continue
            if any(0 <= pos - m.end() <= 16 for pos in explicit):
                # 'maandag 9 maart', 'elke maandag: 9, 16 en 23 maart': the date decides
                self.skipped.append(DateSpan(m.start(), m.end(), []))
                self.work = mask(self.work, m.start(), m.end())
                continue
            self.add(m.start(), m.end(), [_next_weekday(_weekday_number(m.group(1)), t)])
        for m in _RELATIVE_RE.finditer(self.work):
            word = m.group(1)
            if word == "hier" and self.lang != "fr":
                continue  # Dutch and English 'hier' is 'here'
            if word == "morgen" and self.work[max(0, m.start() - 5):m.start()].strip() == "over":
                continue
            if word == "dem" and self.lang != "fr":
                continue
            self.add(m.start(), m.end(), [t + dt.timedelta(days=RELATIVE[word])])
        for m in BARE_DAY_RE.finditer(self.work):
            self.add(m.start(), m.end(), [_bare_day(int(m.group(1)), t)])
        self._join_ranges()
        return sorted(self.spans, key=lambda s: s.start)

    def _numeric_ranges(self) -> None:
        """'16/3 tot 18/3', 'du 16/3 au 18/3', '23/03 - 25/03': every day in between."""
        pattern = re.compile(
            _FROM + r"(?<![\d/])(\d{1,2})/(\d{1,2})" + _TO + r"(\d{1,2})/(\d{1,2})(?![\d/])")
        for m in pattern.finditer(self.work):
            first = _make(int(m.group(1)), int(m.group(2)), None, self.today)
            last = _make(int(m.group(3)), int(m.group(4)), None, self.today)
            if first and last and last >= first:
                self.add(m.start(), m.end(), _days_between(first, last))

    def _join_ranges(self) -> None:
        """Two single dates joined by 'tot', 'au', 'to'...: the days in between too."""
        out: list[DateSpan] = []
        for span in sorted(self.spans, key=lambda s: s.start):
            if out and len(out[-1].dates) == 1 and len(span.dates) == 1:
                between = self.original[out[-1].end:span.start]
                if re.fullmatch(_TO, between) and span.dates[0] > out[-1].dates[0]:
                    first = out[-1]
                    out[-1] = DateSpan(first.start, span.end, _days_between(first.dates[0], span.dates[0]))
                    continue
            out.append(span)
        self.spans = out


def find_dates(text: str, today: dt.date, lang: str = "nl") -> list[DateSpan]:
    """Every date span in the message, in order, without the negated ones ('niet morgen').
    A weekday said beside an explicit date comes as a span without dates."""
    finder = _Finder(text, today, lang)
    spans = finder.run()
    folded = fold(text)
    kept = [s for s in spans if not NEGATED_RE.search(folded[max(0, s.start - 20):s.start])]
    return sorted(kept + finder.skipped, key=lambda s: s.start)


def parse_dates(text: str, today: dt.date, lang: str = "nl") -> list[dt.date]:
    out: list[dt.date] = []
    for span in find_dates(text, today, lang):
        for d in span.dates:
            if d not in out:
                out.append(d)
    return out


def parse_date_answer(text: str, today: dt.date, lang: str) -> list[dt.date]:
    """An answer to "which day?": our patterns first, then dateparser in the user's language,
    relative to ``today`` (never the wall clock)."""
    found = parse_dates(text, today, lang)
    if found or not re.search(r"[^\W\d_]{3,}", text):
        return found  # numbers alone that are no date ('32/13') stay no date
    import dateparser

    parsed = dateparser.parse(text, languages=[lang], settings={
        "RELATIVE_BASE": dt.datetime.combine(today, dt.time()), "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "current_period", "REQUIRE_PARTS": ["day"],
        "RETURN_AS_TIMEZONE_AWARE": False})
    return [parsed.date()] if parsed else []
