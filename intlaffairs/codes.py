"""Short codes that people read off paper and type back: verification codes of documents.

The alphabet leaves out the characters that are read one for another (0/O, 1/I/L), and what a
person types is cleaned before it is compared: any case, Persian or Arabic-Indic digits, and
the spaces and dashes that printed codes are grouped with.
"""

import re
import secrets

from .jalali import to_ascii_digits

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
DOCUMENT_CODE_LENGTH = 10  # 31**10 ≈ 8 × 10**14 codes: not guessed at a limited rate
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_.]+")


def new_code(length: int = DOCUMENT_CODE_LENGTH) -> str:
    """A random code of `length` characters of ALPHABET."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def clean_code(typed: str) -> str:
    """What a person typed, as the code is stored: ASCII digits, upper case, without spaces or
    dashes. Other characters are kept (so that the code is then not found, rather than found
    after guessing what was meant)."""
    return _SEPARATORS.sub("", to_ascii_digits(typed)).upper()


def is_well_formed(code: str, length: int = DOCUMENT_CODE_LENGTH) -> bool:
    """Whether a cleaned code could be one the portal made."""
    return len(code) == length and all(ch in ALPHABET for ch in code)


def grouped(code: str, size: int = 5) -> str:
    """The code as printed: in groups, joined by dashes (ABCDE-FGHJK)."""
    return "-".join(code[i : i + size] for i in range(0, len(code), size))
