"""Belgian structured communication (OGM / VCS): ``+++123/4567/89002+++``.

10 digits followed by a 2-digit check: the 10-digit number modulo 97, or 97 when the
remainder is 0 (Febelfin banking standard). The check itself is delegated to
python-stdnum's ``stdnum.be.ogm_vcs``.
"""

from __future__ import annotations

from stdnum.be import ogm_vcs
from stdnum.exceptions import ValidationError

from .errors import EngineInputError

__all__ = ["make_ogm", "parse_ogm", "is_valid_ogm", "format_ogm"]

MAX_NUMBER = 9_999_999_999


def format_ogm(digits12: str) -> str:
    """``"010806817183"`` -> ``"+++010/8068/17183+++"``."""
    return f"+++{ogm_vcs.format(digits12)}+++"


def make_ogm(number: int) -> str:
    """Structured communication for a reference number 0..9,999,999,999."""
    if type(number) is not int or not 0 <= number <= MAX_NUMBER:
        raise EngineInputError("number", "invalid_ogm_number", {})
    base = f"{number:010d}"
    return format_ogm(base + ogm_vcs.calc_check_digits(base))


def parse_ogm(text: str, *, field: str = "structuredCommunication") -> str:
    """Validate a structured communication (with or without ``+++``/``***`` and slashes).

    Returns the 12 digits. Raises ``EngineInputError(field, "invalid_ogm")``.
    """
    if not isinstance(text, str):
        raise EngineInputError(field, "invalid_ogm", {})
    cleaned = text.strip()
    for wrapper in ("+++", "***"):
        if cleaned.startswith(wrapper) and cleaned.endswith(wrapper) and len(cleaned) > 6:
            cleaned = cleaned[3:-3]
            break
    cleaned = cleaned.replace("/", "").replace(" ", "")
    if len(cleaned) != 12 or not cleaned.isascii() or not cleaned.isdigit():
        raise EngineInputError(field, "invalid_ogm", {})
    try:
        return ogm_vcs.validate(cleaned)
    except ValidationError:
        raise EngineInputError(field, "invalid_ogm", {}) from None


def is_valid_ogm(text: str) -> bool:
    try:
        parse_ogm(text)
    except EngineInputError:
        return False
    return True
