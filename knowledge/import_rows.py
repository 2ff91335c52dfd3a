"""The rows of an import file, one pydantic model per kind of record, and what is wrong with a
row said in Dutch: the field, and why (unknown slug, too long, invisible control characters).

Outside input, so every text is stripped and checked; lists may come as "a; b" or as JSON lists.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from knowledge.records import Assignment, Group, Institution, Organisation
from knowledge.vocabulary import ARTICLES, FORMS, INSTITUTION_TYPES, LEVELS, REGIONS, THEMES, region_of_province

LIST_SEPARATOR = ";"
# Longest text per cell: descriptions and problems may be long, names and codes are short.
MAX_LONG_TEXT = 5000
MAX_SHORT_TEXT = 300
LONG_TEXT_FIELDS = frozenset({"description", "problem", "research_question", "outcome"})
# Invisible control characters (tab and line breaks excepted): they break documents and exports.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _split_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
    if isinstance(value, list | tuple):
        return [str(part).strip() for part in value if str(part).strip()]
    raise ValueError("verwacht een lijst of tekst met ; als scheiding")


def _clean_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _slug_list(values: list[str], allowed: tuple[str, ...], what: str) -> list[str]:
    cleaned = [v.strip().lower() for v in values]
    unknown = [v for v in cleaned if v not in allowed]
    if unknown:
        raise ValueError(f"onbekend {what} {', '.join(unknown)}; kies uit {', '.join(allowed)}")
    return cleaned


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    list_fields: ClassVar[tuple[str, ...]] = ()

    id: str
    example: bool = False

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("een rij moet een object met velden zijn")
        data = {str(k).strip().lower(): _clean_text(v) for k, v in data.items() if k is not None}
        for key in cls.list_fields:
            if key in data:
                data[key] = _split_list(data[key])
        return {k: v for k, v in data.items() if v not in ("", None) or k in cls.list_fields}

    @field_validator("id")
    @classmethod
    def _id_is_plain(cls, value: str) -> str:
        if not value or len(value) > 120 or any(c.isspace() or not c.isprintable() for c in value):
            raise ValueError("moet een korte code zonder spaties of onzichtbare tekens zijn")
        return value

    @field_validator("*")
    @classmethod
    def _plain_text(cls, value: Any, info: ValidationInfo) -> Any:
        limit = MAX_LONG_TEXT if info.field_name in LONG_TEXT_FIELDS else MAX_SHORT_TEXT
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            if len(text) > limit:
                raise ValueError(f"is te lang ({len(text)} tekens, hooguit {limit})")
            if CONTROL_CHARACTERS.search(text):
                raise ValueError("bevat onzichtbare stuurtekens (zoals een nul-teken)")
        return value

    def _record_data(self) -> dict[str, Any]:
        """The row's values as its record takes them: lists as tuples."""
        data = self.model_dump()
        for key in self.list_fields:
            data[key] = tuple(data[key])
        return data


class _ThemedRow(_Row):
    """A row of a kind that has themes (groups and assignments): at least one, each known."""

    @field_validator("themes", check_fields=False)
    @classmethod
    def _themes(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("minstens één thema is nodig")
        return _slug_list(value, THEMES, "thema")


class InstitutionRow(_Row):
    name: str
    short_name: str = ""
    type: str
    city: str = ""
    province: str = ""
    region: str = ""
    website: str = ""

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _slug_list([value], INSTITUTION_TYPES, "type")[0]

    @model_validator(mode="after")
    def _region(self) -> InstitutionRow:
        if not self.region:
            self.region = region_of_province(self.province) or ""
        self.region = self.region.lower()
        if self.region not in REGIONS:
            raise ValueError(
                f"region: onbekende regio {self.region!r}; kies uit {', '.join(REGIONS)} of geef een provincie"
            )
        return self

    def record(self) -> Institution:
        return Institution(**self._record_data())


class OrganisationRow(_Row):
    list_fields = ("aliases",)
    name: str
    short_name: str = ""
    city: str = ""
    kind: str = "overig"
    parent: str | None = None
    aliases: list[str] = []
    article: str = ""
    sentence_name: str = ""

    @field_validator("article")
    @classmethod
    def _article(cls, value: str) -> str:
        if value.lower() not in ARTICLES:
            raise ValueError(f"onbekend lidwoord {value!r}; kies het, de of laat het leeg")
        return value.lower()

    @field_validator("sentence_name")
    @classmethod
    def _sentence_name(cls, value: str, info: ValidationInfo) -> str:
        """The running-text name must name this organisation and begin with its article, which
        is written in lower case there ("het Kadaster", also when the file says "Het")."""
        names = [n for n in (info.data.get("short_name"), info.data.get("name")) if n]
        if names and not any(n.lower() in value.lower() for n in names):
            raise ValueError(f"moet de naam of de korte naam bevatten ({' of '.join(repr(n) for n in names)})")
        article = info.data.get("article")
        first, _, rest = value.partition(" ")
        if article and (first.lower() != article or not rest):
            raise ValueError(f"moet beginnen met het lidwoord uit veld article ({article!r})")
        return f"{article} {rest}" if article else value

    @model_validator(mode="after")
    def _article_from_sentence_name(self) -> OrganisationRow:
        # "de Belastingdienst" without an article column: the lower-case first word is the
        # article. A capital one is part of the name ("De Nederlandsche Bank").
        first, _, rest = self.sentence_name.partition(" ")
        if not self.article and rest and first in ARTICLES:
            self.article = first
        return self

    def record(self) -> Organisation:
        return Organisation(**self._record_data())


class GroupRow(_ThemedRow):
    list_fields = ("themes", "keywords", "forms")
    name: str
    kind: str = "onderzoeksgroep"
    institution_id: str
    themes: list[str]
    keywords: list[str] = []
    description: str = ""
    forms: list[str]
    capacity_per_semester: int = 1
    contact_email: str = ""

    @field_validator("forms")
    @classmethod
    def _forms(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("minstens één vorm is nodig")
        return _slug_list(value, FORMS, "vorm")

    @field_validator("capacity_per_semester")
    @classmethod
    def _capacity(cls, value: int) -> int:
        if value < 0 or value > 1000:
            raise ValueError("moet tussen 0 en 1000 liggen")
        return value

    @field_validator("contact_email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and ("@" not in value or " " in value):
            raise ValueError("is geen e-mailadres")
        return value

    def record(self) -> Group:
        return Group(**self._record_data())


class AssignmentRow(_ThemedRow):
    list_fields = ("themes",)
    organisation_id: str
    year: int
    title: str
    problem: str = ""
    research_question: str = ""
    themes: list[str]
    form: str
    level: str = "beide"
    outcome: str = ""
    group_id: str | None = None

    @field_validator("year")
    @classmethod
    def _year(cls, value: int) -> int:
        if not 1990 <= value <= 2100:
            raise ValueError("moet een jaartal tussen 1990 en 2100 zijn")
        return value

    @field_validator("form")
    @classmethod
    def _form(cls, value: str) -> str:
        return _slug_list([value], FORMS, "vorm")[0]

    @field_validator("level")
    @classmethod
    def _level(cls, value: str) -> str:
        return _slug_list([value], LEVELS, "niveau")[0]

    def record(self) -> Assignment:
        return Assignment(**self._record_data())


ROW_MODELS: dict[str, type[_Row]] = {
    "institutions": InstitutionRow,
    "organisations": OrganisationRow,
    "groups": GroupRow,
    "assignments": AssignmentRow,
}

# Which fields must name an existing record of another kind.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "groups": (("institution_id", "institutions"),),
    "assignments": (("organisation_id", "organisations"), ("group_id", "groups")),
    "organisations": (("parent", "organisations"),),
}


_REASONS = {
    "missing": "ontbreekt",
    "int_parsing": "moet een geheel getal zijn",
    "int_parsing_size": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "string_type": "moet tekst zijn",
    "bool_parsing": "moet ja of nee zijn (true of false)",
    "bool_type": "moet ja of nee zijn (true of false)",
    "list_type": "moet een lijst zijn",
    "json_invalid": "geen geldige JSON",
}


def reason_in_dutch(detail: Any) -> str:
    """A pydantic error in Dutch: our own ValueErrors as written, pydantic's by type."""
    kind = detail.get("type", "")
    if kind == "value_error":
        return str(detail.get("msg", "ongeldig")).removeprefix("Value error, ")
    return _REASONS.get(kind, "ongeldige waarde")
