"""Standardising person records before they are compared.

Every source spells people differently: upper-case surnames, "SURNAME, Forename", postcodes
with and without the space, dates in three formats (already turned into ISO dates by the
caller). This module turns the records into one comparable shape and adds derived columns
used by comparisons and blocking: forename keys (nicknames), surname parts (double-barrelled
names), Soundex codes (and the pair of them in either order), Metaphone codes, birth
year/month/day, postcode sector and district.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import jellyfish
import pandas as pd

from graph_model.errors import InvalidInput
from ingest.linkage.nicknames import name_keys

__all__ = [
    "OPTIONAL_RECORD_COLUMNS",
    "RECORD_COLUMNS",
    "STANDARD_COLUMNS",
    "soundex",
    "standardise",
]

#: Columns a caller must supply (values may be missing except ``record_id``).
RECORD_COLUMNS: tuple[str, ...] = (
    "record_id",
    "source",
    "given_names",
    "family_name",
    "aliases",
    "date_of_birth",
    "sex",
    "postcode",
    "nhs_number",
    "phone",
)

#: Columns a caller may leave out (they are then blank for every record).
OPTIONAL_RECORD_COLUMNS: tuple[str, ...] = (
    # The source record (its file's mapping and the row's record id) the person was named on:
    # two people named alike on one death report (finder and reporter) are likely one.
    "source_row",
)

#: Columns of the standardised frame, in order; ``unique_id`` is the caller's ``record_id``.
STANDARD_COLUMNS: tuple[str, ...] = (
    "unique_id",
    "source",
    "given",
    "given_keys",
    "given_initial",
    "given_soundex",
    "family",
    "family_parts",
    "family_soundex",
    "name_soundexes",
    "given_metaphone",
    "family_metaphone",
    "dob",
    "birth_year",
    "birth_month",
    "birth_day",
    "sex",
    "postcode",
    "postcode_sector",
    "postcode_district",
    "nhs_number",
    "phone",
    "source_row",
)

_NOT_LETTER = re.compile(r"[^a-z\s-]")
_SEPARATOR = re.compile(r"[\s-]+")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])([A-Z]{2})$")
_ALIAS_SEPARATOR = re.compile(r"[;,/|]")
_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}
_SEXES = {"male": "m", "m": "m", "female": "f", "f": "f"}


def _text(value: object) -> str:
    """Return ``value`` as stripped text, with None/NaN/blank as ``""``."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _name_tokens(value: object) -> list[str]:
    """Lower-case ASCII name words: accents and punctuation dropped, hyphens split words.

    Apostrophes join (``O'Brien`` -> ``obrien``); hyphens and spaces separate
    (``Smith-Jones`` -> ``smith``, ``jones``).
    """
    text = unicodedata.normalize("NFKD", _text(value)).encode("ascii", "ignore").decode()
    text = _NOT_LETTER.sub("", text.lower().replace(".", " ").replace(",", " "))
    return [token for token in _SEPARATOR.split(text) if token]


def soundex(word: str) -> str | None:
    """Return the American Soundex code of a lower-case word, or None for an empty one.

    Parameters
    ----------
    word
        Lower-case letters.

    Returns
    -------
    str or None
        A letter and three digits.

    Examples
    --------
    >>> soundex("robert"), soundex("rupert"), soundex("ashcraft"), soundex("tymczak")
    ('R163', 'R163', 'A261', 'T522')
    """
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return None
    code = letters[0].upper()
    previous = _SOUNDEX_CODES.get(letters[0], "")
    for letter in letters[1:]:
        digit = _SOUNDEX_CODES.get(letter, "")
        if digit and digit != previous:
            code += digit
            if len(code) == 4:
                break
        if letter not in "hw":
            previous = digit
    return code.ljust(4, "0")


def _metaphone(word: str | None) -> str | None:
    """Return the Metaphone code (jellyfish) of a lower-case word, None for none.

    Catherine and Katherine, Mohammed and Muhammad, Yusuf and Yousef sound alike.
    """
    return (jellyfish.metaphone(word) or None) if word else None


def _aliases(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        parts: Iterable[object] = value
    else:
        parts = _ALIAS_SEPARATOR.split(_text(value))
    return [token for part in parts for token in _name_tokens(part)]


def _dob(value: object) -> tuple[str | None, str | None, str | None, str | None]:
    """ISO date, year, month, day; None for a missing or malformed date."""
    match = _ISO_DATE.match(_text(value))
    if not match:
        return None, None, None, None
    year, month, day = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None, None, None, None
    return f"{year}-{month}-{day}", year, month, day


def _postcode(value: object) -> tuple[str | None, str | None, str | None]:
    """Postcode, sector, district. Non-UK codes (e.g. 4-digit Australian) are kept as-is."""
    compact = re.sub(r"[^A-Z0-9]", "", _text(value).upper())
    if not compact:
        return None, None, None
    match = _UK_POSTCODE.match(compact)
    if not match:
        return compact, None, None
    outward, sector_digit, unit = match.groups()
    return f"{outward} {sector_digit}{unit}", f"{outward} {sector_digit}", outward


def _digits(value: object, *, minimum: int) -> str | None:
    digits = re.sub(r"\D", "", _text(value))
    return digits if len(digits) >= minimum else None


def _phone(value: object) -> str | None:
    digits = _digits(value, minimum=7)
    if digits and digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    return digits


def _standard_row(row: dict[str, object]) -> dict[str, object]:
    given_tokens = _name_tokens(row["given_names"])
    family_tokens = _name_tokens(row["family_name"])
    given = given_tokens[0] if given_tokens else None
    keys = name_keys([*given_tokens, *_aliases(row["aliases"])])
    dob, year, month, day = _dob(row["date_of_birth"])
    postcode, sector, district = _postcode(row["postcode"])
    given_code = soundex(given) if given else None
    family_code = soundex(family_tokens[0]) if family_tokens else None
    return {
        "unique_id": _text(row["record_id"]),
        "source": _text(row["source"]) or None,
        "given": given,
        "given_keys": keys or None,
        "given_initial": given[0] if given else None,
        "given_soundex": given_code,
        "family": " ".join(family_tokens) or None,
        "family_parts": [t for t in family_tokens if len(t) > 1] or None,
        "family_soundex": family_code,
        # Order-free, so a forename and surname keyed the wrong way round still agree.
        "name_soundexes": "|".join(sorted((given_code, family_code)))
        if given_code and family_code
        else None,
        "given_metaphone": _metaphone(given),
        "family_metaphone": _metaphone("".join(family_tokens)),
        "dob": dob,
        "birth_year": year,
        "birth_month": month,
        "birth_day": day,
        "sex": _SEXES.get(_text(row["sex"]).lower()),
        "postcode": postcode,
        "postcode_sector": sector,
        "postcode_district": district,
        "nhs_number": _digits(row["nhs_number"], minimum=6),
        "phone": _phone(row["phone"]),
        "source_row": _text(row.get("source_row")) or None,
    }


def _validate(records: pd.DataFrame) -> None:
    missing = [c for c in RECORD_COLUMNS if c not in records.columns]
    if missing:
        raise InvalidInput(
            "The person records lack columns record linkage needs.",
            details=[{"field": c, "reason": "column is missing"} for c in missing],
            hint="Supply every column of RECORD_COLUMNS; a column may hold blanks.",
        )
    ids = records["record_id"].map(_text)
    problems = []
    if (ids == "").any():
        problems.append({"field": "record_id", "reason": f"{int((ids == '').sum())} blank"})
    duplicated = sorted(set(ids[ids.duplicated() & (ids != "")]))
    if duplicated:
        shown = ", ".join(duplicated[:5])
        problems.append({"field": "record_id", "reason": f"not unique: {shown}"})
    if problems:
        raise InvalidInput(
            "Every person record needs its own record_id.",
            details=problems,
            hint="Prefix each source's id with the source name, e.g. 'nhs_extract:RWP0001'.",
        )


def standardise(records: pd.DataFrame) -> pd.DataFrame:
    """Return the records in comparable form, sorted by record id.

    Parameters
    ----------
    records
        One row per person record with the columns of ``RECORD_COLUMNS`` and any of
        ``OPTIONAL_RECORD_COLUMNS`` (other columns are ignored). Missing values may be
        None, NaN or blank.

    Returns
    -------
    pandas.DataFrame
        Columns ``STANDARD_COLUMNS``; missing values are None; ``given_keys`` and
        ``family_parts`` hold lists of words.

    Raises
    ------
    InvalidInput
        If a column is missing or record ids are blank or repeated.

    Examples
    --------
    >>> row = {"record_id": "a:1", "source": "a", "given_names": "Bob", "aliases": "",
    ...        "family_name": "SMITH-JONES", "date_of_birth": "1985-03-07", "sex": "male",
    ...        "postcode": "wr12ab", "nhs_number": None, "phone": "+44 7700 900123"}
    >>> standard = standardise(pd.DataFrame([row])).iloc[0]
    >>> standard["given_keys"], standard["family_parts"], standard["postcode"]
    (['bert', 'bob', 'bobby', 'robert'], ['smith', 'jones'], 'WR1 2AB')
    >>> standard["postcode_district"], standard["birth_year"], standard["phone"]
    ('WR1', '1985', '07700900123')
    """
    _validate(records)
    columns = [*RECORD_COLUMNS, *(c for c in OPTIONAL_RECORD_COLUMNS if c in records.columns)]
    rows = [_standard_row(row) for row in records[columns].to_dict("records")]
    frame = pd.DataFrame(rows, columns=list(STANDARD_COLUMNS))
    frame = frame.sort_values("unique_id", kind="stable").reset_index(drop=True)
    return frame.astype(object).where(frame.notna(), None)
