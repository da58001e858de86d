"""Common building blocks of the metamodel: ids, text, dates, sources, relations.

Every element kind (see :mod:`kientruc.models.elements`) derives from :class:`Element`.
Relations are written on their source element, one list field per relation type
(``uses: [lgsp-quang-tri]``); an item is either the target id or a mapping with the
target and the relation's own attributes (data exchanged, the platform it goes
through, a justification, dates). Which relation may join which kinds is data:
``relations.yaml`` beside this file, read by :mod:`kientruc.models.relations`.
"""

from __future__ import annotations

import datetime as _dt
import sys
import unicodedata
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Iterator, Literal, NamedTuple, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (precomposed) form."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


class ModelError(ValueError):
    """A validator's complaint as a message of the catalogue: its id (English, placeholders in braces) and values.
    The loader writes it in the reader's language (``scripts/i18n.py`` extracts the ids)."""

    def __init__(self, msgid: str, **values: object) -> None:
        super().__init__(msgid.format(**values))
        self.msgid, self.values = msgid, values


def _non_blank(text: str) -> str:
    text = nfc(text)
    if not text.strip():
        raise ModelError("must not be empty")
    return text


Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
"""An element id: a short kebab-case slug (lowercase ASCII letters, digits, hyphens)."""

Text = Annotated[str, AfterValidator(nfc)]
"""Free text, NFC-normalised."""

Name = Annotated[str, AfterValidator(_non_blank)]
"""A non-empty name, NFC-normalised."""

Date = _dt.date


class StrictModel(BaseModel):
    """Base of every model file structure: unknown fields are errors.

    Pickled (the load cache, the parsing processes), a model travels as its field values and the fields
    given (a number, one bit a field), and comes back with the texts among its values shared where they
    are equal (an element's id, kind, owner and the ids its relations name: each is otherwise its own
    object), with one set of the fields given for all the models of a class that were given the same
    fields, and with its empty lists the one :data:`NO_ITEMS` (estimated at 100,000 elements from the
    sizes at 10,000: ~55, ~80 and ~120 MiB). A shared set is never changed in place: assigning a field
    first gives the model a set of its own (:meth:`__setattr__`), and pydantic's copies copy it;
    :data:`NO_ITEMS` refuses any change.
    """

    # defer_build: the validators are built when first used, so a command that finds every
    # file in the load cache never builds them (~0.7 s at start-up)
    model_config = ConfigDict(extra="forbid", populate_by_name=False, validate_default=False, defer_build=True)

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self)
        if self.__pydantic_extra__ or self.__pydantic_private__:  # not one of ours: as pydantic pickles it
            return super().__reduce__()
        bits = _FIELD_BITS.get(cls)
        if bits is None:
            bits = _FIELD_BITS[cls] = {name: 1 << i for i, name in enumerate(cls.model_fields)}
        given = 0
        for name in self.__pydantic_fields_set__:
            given |= bits[name]
        values = dict(self.__dict__)  # shared texts travel once per pickle (pickle's memo keeps identity)
        for name in _SHARED_TEXTS:
            value = values.get(name)
            if type(value) is str:
                values[name] = _intern(value)
        for rtype in RELATION_TYPES:
            items = values.get(rtype)
            if items:
                values[rtype] = [_intern(item) if type(item) is str else item for item in items]
        for name, value in values.items():
            if type(value) is list and not value:
                values[name] = NO_ITEMS
        return (_rebuilt_model, (cls, values, given))

    def __setattr__(self, name: str, value: Any) -> None:
        # the set of the fields given may be shared with other models (see the class's docstring)
        object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)


class _NoItems(list):  # type: ignore[type-arg]
    """The one empty list that the empty list fields of unpickled models hold (:data:`NO_ITEMS`).

    An element has ~22 list fields, most of them empty (its relation types): one empty list each was
    ~120 MiB at 100,000 elements. Shared, it must never change: every way of changing a list in place
    raises. A field is changed by giving it a new list (``el.tags = [...]``), as pydantic's copies do.
    """

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("this empty list is shared by the fields of every model read from the cache or from "
                        "a parsing process: assign a new list to the field instead of changing it in place")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> str:
        return "NO_ITEMS"  # pickled as a reference to the one instance

    def __copy__(self) -> "_NoItems":
        return self

    def __deepcopy__(self, memo: Any) -> "_NoItems":
        return self

    def __repr__(self) -> str:
        return "[]"


NO_ITEMS = _NoItems()
_intern = sys.intern
_FIELD_BITS: dict[type, dict[str, int]] = {}
_GIVEN: dict[tuple[type, int], set[str]] = {}
_SHARED_TEXTS = ("id", "kind", "owner", "via", "target")


def _rebuilt_model(cls: type, values: dict[str, Any], given: int) -> Any:
    """A model unpickled (:meth:`StrictModel.__reduce__`): its values as they were, the set of the fields
    given shared with every model of its class given the same fields."""
    model = cls.__new__(cls)
    fields = _GIVEN.get((cls, given))
    if fields is None:
        fields = _GIVEN[(cls, given)] = {name for i, name in enumerate(cls.model_fields) if given >> i & 1}
    setter = object.__setattr__
    setter(model, "__dict__", values)
    setter(model, "__pydantic_fields_set__", fields)
    setter(model, "__pydantic_extra__", None)
    setter(model, "__pydantic_private__", None)
    return model


class Status(StrEnum):
    """Lifecycle of an element, as of the model's date."""

    CURRENT = "current"  # hiện trạng: exists and runs
    PLANNED = "planned"  # mục tiêu: part of the target architecture, not built yet
    RETIRING = "retiring"  # being phased out


class Confidence(StrEnum):
    """How sure we are of a fact (the reference's [V] / [P] / [U] tags)."""

    VERIFIED = "verified"
    PARTIAL = "partial"
    UNVERIFIED = "unverified"


class SourceRef(StrictModel):
    """Where a fact comes from: a document, a page or a report."""

    title: Name
    url: str | None = None
    date: Date | None = None
    accessed: Date | None = None
    confidence: Confidence | None = None
    note: Text | None = None


Source = Union[Name, SourceRef]
"""A source: a short citation text, or a mapping with title, url, date and confidence."""


PropertyValue = Union[str, int, float, bool, Date, None]


class RelationSpec(StrictModel):
    """A relation item written as a mapping, with attributes of its own."""

    target: Id
    description: Text | None = None
    data: list[Text] = Field(default_factory=list, description="What is exchanged or accessed.")
    via: Id | None = Field(default=None, description="The platform the relation goes through.")
    protocol: Text | None = None
    role: Text | None = Field(default=None, description="For member_of / assigned_to: the role held.")
    justification: Text | None = Field(
        default=None, description="Why this relation is as it is (for example a direct connection)."
    )
    access: Literal["khai_thac", "cap_nhat"] | None = Field(
        default=None,
        description="For a connection to a national database (TT 13/2017/TT-BTTTT Điều 5): "
        "khai_thac (read) or cap_nhat (update; name the data elements in `data`).",
    )
    valid_from: Date | None = None
    valid_to: Date | None = None
    sources: list[Source] = Field(default_factory=list)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)


RelationRef = Union[Id, RelationSpec]


class ProvinceTenure(StrictModel):
    """One period in which an element belonged to a province (ownership by a province is a dated fact).

    Written as a plain name (``province: Kon Tum``: always that province) or as a list of
    periods, for an element that passed from one province to another when provinces merged
    (NQ 202/2025/QH15)::

        province:
          - {name: Kon Tum, valid_to: 2025-06-30}
          - {name: Quảng Ngãi, valid_from: 2025-07-01}
    """

    name: Name = Field(description="The province, as the manifest names it (e.g. Quảng Ngãi).")
    valid_from: Date | None = Field(default=None, description="First day it belonged to that province.")
    valid_to: Date | None = Field(default=None, description="Last day it belonged to that province.")

    def covers(self, day: Date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day <= self.valid_to)


def _tenures(value: Any) -> Any:
    # `province: Kon Tum` is one period without dates
    if isinstance(value, str):
        return [{"name": value}]
    return value


class Relation(NamedTuple):
    """A relation as the graph and the rules see it.

    ``path`` is the field path inside the element that wrote it (for example
    ``("uses", 2)``), so that findings can point at the line.
    """

    source: str
    type: str
    target: str
    spec: RelationSpec | None
    path: tuple[str | int, ...]
    written_by: str

    def __reduce__(self) -> tuple[Any, ...]:
        # unpickled without NamedTuple.__new__'s Python frame: the cache and the parsing processes
        # carry ~4 relations an element
        return (tuple.__new__, (Relation, tuple(self)))

    @property
    def valid_from(self) -> Date | None:
        return self.spec.valid_from if self.spec else None

    @property
    def valid_to(self) -> Date | None:
        return self.spec.valid_to if self.spec else None


# Relation types, each a list field on every element. Their meaning and which
# kinds they may join is the data table relations.yaml; a test keeps both in step.
RELATION_TYPES: tuple[str, ...] = (
    "composed_of",
    "serves",
    "uses",
    "realizes",
    "accesses",
    "hosted_on",
    "connects_to",
    "integrates_via",
    "flows_to",
    "owns",
    "governs",
    "implements",
    "complies_with",
    "protects",
    "influences",
    "assigned_to",
    "member_of",
    "triggers",
    "supersedes",
    "successors",
    "associated_with",
)


_PATHS: dict[str, list[tuple[str, int]]] = {rtype: [] for rtype in RELATION_TYPES}


def _rel(description: str) -> Any:
    return Field(default_factory=list, description=description)


class Element(StrictModel):
    """Fields every element has, whatever its kind."""

    layer: ClassVar[str] = ""
    kind: str

    id: Id = Field(description="Short kebab-case slug, unique in the model.")
    name: Name = Field(description="Vietnamese name, with full diacritics.")
    name_en: Text | None = Field(default=None, description="English name.")
    description: Text | None = None
    status: Status = Field(default=Status.CURRENT, description="current | planned | retiring")
    status_from: dict[Status, Date] = Field(
        default_factory=dict,
        description="How the status changes over time without splitting the element: the day each later "
        "status begins, e.g. {current: 2026-07-01, retiring: 2030-01-01} on a planned element. Before the "
        "first of these days the element has its `status`.",
    )
    valid_from: Date | None = Field(default=None, description="First day the element exists (YYYY-MM-DD).")
    valid_to: Date | None = Field(default=None, description="Last day the element exists (YYYY-MM-DD).")
    planned_from: Date | None = Field(
        default=None,
        description=(
            "For a planned element: the first day it was part of the target architecture (the day the "
            "plan was adopted). Before it, the element is not in force. Optional; ignored unless planned."
        ),
    )
    in_model_from: Date | None = Field(
        default=None,
        description=(
            "First day the element is part of this model, whatever its own dates: a merged province's model "
            "shows the elements of its other predecessors from the day the merger was decided (kientruc merge "
            "--decided-on); their earlier history stays in their own model. Its `valid_from`, `valid_to` keep "
            "the element's real dates."
        ),
    )
    owner: Id | None = Field(default=None, description="Id of the organization that owns it (chủ quản).")
    external: bool = Field(
        default=False, description="Outside the province's own architecture (a national system, for example)."
    )
    province: Annotated[list[ProvinceTenure], BeforeValidator(_tenures)] = Field(
        default_factory=list,
        description="The province the element belongs to, with dates where it changed (a merger of provinces); "
        "a name, or a list of {name, valid_from, valid_to}. Empty: the manifest's province.",
    )
    tags: list[Text] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    assumptions: list[Text] = Field(
        default_factory=list, description="What was assumed rather than taken from a source."
    )
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    composed_of: list[RelationRef] = _rel("Parts of this element.")
    serves: list[RelationRef] = _rel("Whom or what this element serves.")
    uses: list[RelationRef] = _rel("What this element uses.")
    realizes: list[RelationRef] = _rel("What this element realizes (a service, a goal, a requirement).")
    accesses: list[RelationRef] = _rel("Data this element reads or writes.")
    hosted_on: list[RelationRef] = _rel("Where this element runs.")
    connects_to: list[RelationRef] = _rel("Systems or networks this element is connected to.")
    integrates_via: list[RelationRef] = _rel("Integration platform this element exchanges data through.")
    flows_to: list[RelationRef] = _rel("Where data flows from this element.")
    owns: list[RelationRef] = _rel("What this organization owns (the inverse of `owner`).")
    governs: list[RelationRef] = _rel("What this element governs or directs.")
    implements: list[RelationRef] = _rel("What this project or work package builds or changes.")
    complies_with: list[RelationRef] = _rel("Legal documents, principles or requirements it complies with.")
    protects: list[RelationRef] = _rel("What this security element protects.")
    influences: list[RelationRef] = _rel("Motivation elements this one influences.")
    assigned_to: list[RelationRef] = _rel("Functions, processes or roles this element is assigned to.")
    member_of: list[RelationRef] = _rel("Organizations this element is a member of.")
    triggers: list[RelationRef] = _rel("What this process or event triggers.")
    supersedes: list[RelationRef] = _rel("Earlier elements this one replaces.")
    successors: list[RelationRef] = _rel("Elements that took over from this one when it ended.")
    associated_with: list[RelationRef] = _rel("Any other association.")

    def iter_relations(self) -> Iterator[Relation]:
        """Every relation this element writes, including the one its ``owner`` field implies."""
        out: list[Relation] = []
        self.collect_relations(out)
        return iter(out)

    def collect_relations(self, out: list[Relation]) -> None:
        """Append the relations :meth:`iter_relations` yields to ``out`` (the fast path for a whole model)."""
        new = tuple.__new__  # a Relation built without NamedTuple.__new__'s Python frame
        me = self.id
        if self.owner is not None:
            out.append(new(Relation, (self.owner, "owns", me, None, ("owner",), me)))
        fields = self.__dict__  # pydantic keeps field values here; faster than getattr
        for rtype in RELATION_TYPES:
            items = fields[rtype]
            if not items:
                continue
            paths = _PATHS[rtype]  # one tuple (rtype, i) for all relations: ~20 MiB at 100,000 elements
            if len(paths) < len(items):
                paths.extend((rtype, i) for i in range(len(paths), len(items)))
            for i, item in enumerate(items):
                if isinstance(item, str):
                    out.append(new(Relation, (me, rtype, item, None, paths[i], me)))
                else:
                    out.append(new(Relation, (me, rtype, item.target, item, paths[i], me)))

    def in_force(self, day: Date | None) -> bool:
        """Whether the element is part of the architecture on ``day`` (``None``: always).

        An element is in force from ``valid_from`` to ``valid_to`` (both included). A
        ``planned`` element belongs to the target architecture before it starts, so it
        is in force before its ``valid_from`` too, but not before its ``planned_from``
        (the day it was planned), if given.
        """
        if day is None:
            return True
        if self.in_model_from is not None and day < self.in_model_from:
            return False
        if self.status is Status.PLANNED and self.planned_from is not None and day < self.planned_from:
            return False
        if self.valid_from is not None and day < self.valid_from and self.status is not Status.PLANNED:
            return False
        if self.valid_to is not None and day > self.valid_to:
            return False
        return True

    def province_on(self, day: Date | None) -> str | None:
        """The province the element belongs to on ``day`` by its own ``province`` facts (None: not said).

        With ``day`` None, the last period written.
        """
        if not self.province:
            return None
        if day is None:
            return self.province[-1].name
        for tenure in self.province:
            if tenure.covers(day):
                return tenure.name
        return None

    def status_on(self, day: Date | None) -> Status:
        """The element's status on ``day``: the latest ``status_from`` change begun by then, else ``status``."""
        if day is None or not self.status_from:
            return self.status
        begun = [(d, s) for s, d in self.status_from.items() if d <= day]
        return max(begun, key=lambda c: c[0])[1] if begun else self.status

    def label(self, lang: str = "vi") -> str:
        if lang == "en" and self.name_en:
            return self.name_en
        return self.name


class SystemMixin(BaseModel):
    """Fields of elements that are information systems in the sense of NĐ 85/2016/NĐ-CP."""

    security_level: int | None = Field(
        default=None, ge=1, le=5, description="Cấp độ an toàn hệ thống thông tin, 1–5 (NĐ 85/2016/NĐ-CP)."
    )
    security_level_approved_by: Text | None = Field(
        default=None,
        description="The decision approving the security level (hồ sơ đề xuất cấp độ), e.g. "
        "'Quyết định 123/QĐ-UBND ngày 1/6/2021'. Empty: the level is proposed, not approved.",
    )
    security_level_approved: bool | None = Field(
        default=None,
        description="true: the level is approved, but the approving decision's number is not known "
        "(write it in security_level_approved_by once found).",
    )
    personal_data_subjects: int | None = Field(
        default=None, ge=0, description="Number of people whose personal data the system processes (NĐ 85/2016 Điều 8–9)."
    )
    standards: list[Text] = Field(
        default_factory=list,
        description="Technical standards the system supports (TT 39/2017/TT-BTTTT), e.g. HTTP/1.1, IPv6, SMTP.",
    )
    url: str | None = None
