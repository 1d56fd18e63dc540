"""The layout describes the standard exactly: every element once, with the right kind,
required flag and choices, named in both languages."""

import types
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
import pytest
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from catalog.layout.choices import YES_NO
from catalog.layout.elements import SECTIONS
from catalog.layout.lookup import ELEMENTS, choice_labels, element, walk
from catalog.layout.shape import Element, Kind
from catalog.standard import MATTER_TYPES, DepartmentRef, LegalBasis, MatterStandard
from kit.types import INT32_MAX

LISTS = (Kind.LIST, Kind.DEPARTMENTS, Kind.MULTIPLE_CHOICE, Kind.CITATIONS)


def bare(annotation: Any) -> Any:
    """The type without `None` and without Annotated's constraints."""
    if get_origin(annotation) is Annotated:
        return bare(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [a for a in get_args(annotation) if a is not type(None)]
        return bare(kept[0]) if len(kept) == 1 else annotation
    return annotation


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def kinds_for(field: FieldInfo, *, top: bool) -> set[Kind]:
    """The kinds an element of this field may have; a number within narrow bounds is a choice."""
    found = bare(field.annotation)
    if found is int and any(isinstance(m, annotated_types.Le) and m.le < INT32_MAX
                            for m in field.metadata):  # not just a column's bound (kit.types)
        return {Kind.CHOICE}
    if get_origin(found) is list:
        inner = bare(get_args(found)[0])
        if get_origin(inner) is Literal:
            return {Kind.MULTIPLE_CHOICE}
        if inner is LegalBasis:
            return {Kind.LIST} if top else {Kind.CITATIONS}
        departments = isinstance(inner, type) and issubclass(inner, DepartmentRef)
        return {Kind.DEPARTMENTS} if departments else {Kind.LIST}
    if get_origin(found) is Literal:
        return {Kind.CHOICE}
    if is_model(found):
        return {Kind.DEPARTMENT} if found is DepartmentRef else {Kind.OBJECT}
    return {bool: {Kind.BOOLEAN}, int: {Kind.INTEGER}, date: {Kind.DATE},
            str: {Kind.TEXT, Kind.LONG_TEXT, Kind.WINDOW}}[found]


def min_length(field: FieldInfo) -> int:
    return max([m.min_length for m in field.metadata if isinstance(m, annotated_types.MinLen)],
               default=0)


def fields(model: type[BaseModel], path: str = "") -> dict[str, FieldInfo]:
    """Every field of `model` and of the models it holds, by dotted path; a citation of the
    legal basis (`materials.legal_basis`) is one element, not opened."""
    found: dict[str, FieldInfo] = {}
    for key, field in model.model_fields.items():
        here = f"{path}.{key}" if path else key
        found[here] = field
        inner = bare(field.annotation)
        inner = bare(get_args(inner)[0]) if get_origin(inner) is list else inner
        if is_model(inner) and not (inner is LegalBasis and path):
            found |= fields(inner, here)
    return found


FIELDS = fields(MatterStandard)
PAIRS = [(path, field, ELEMENTS[path]) for path, field in FIELDS.items() if path in ELEMENTS]


def test_every_element_of_the_standard_is_in_the_layout_and_nothing_else() -> None:
    assert set(FIELDS) - set(ELEMENTS) == set(), "elements missing from the layout"
    assert set(ELEMENTS) - set(FIELDS) == set(), "elements the standard does not have"
    listed = [path for section in SECTIONS for path, _ in walk(section.elements)]
    assert len(listed) == len(set(listed)), "an element is listed twice"


@pytest.mark.parametrize(("path", "field", "layout"), PAIRS, ids=[p for p, _, _ in PAIRS])
def test_each_element_has_the_kind_and_required_flag_of_its_field(
        path: str, field: FieldInfo, layout: Element) -> None:
    assert layout.kind in kinds_for(field, top="." not in path)
    required = min_length(field) > 0 if layout.kind in LISTS else field.is_required()
    assert layout.required == required
    if layout.kind is Kind.CITATIONS:
        assert not layout.elements  # a citation has the shape of the matter's legal basis


@pytest.mark.parametrize(("path", "field", "layout"),
                         [p for p in PAIRS if p[2].kind in (Kind.CHOICE, Kind.MULTIPLE_CHOICE)],
                         ids=lambda p: p if isinstance(p, str) else "")
def test_each_choice_offers_exactly_the_values_the_standard_accepts(
        path: str, field: FieldInfo, layout: Element) -> None:
    annotation = bare(field.annotation)
    if get_origin(annotation) is list:
        annotation = bare(get_args(annotation)[0])
    if get_origin(annotation) is Literal:
        accepted = set(get_args(annotation))
    else:  # a number within bounds, such as the online depth 1–4
        low: Any = next(m.ge for m in field.metadata if isinstance(m, annotated_types.Ge))
        high: Any = next(m.le for m in field.metadata if isinstance(m, annotated_types.Le))
        accepted = set(range(low, high + 1))
    offered = [c.value for c in layout.choices]
    assert len(offered) == len(set(offered)) and set(offered) == accepted


def test_every_label_help_and_choice_is_written_in_chinese_and_english() -> None:
    words = [s.label for s in SECTIONS]
    for found in ELEMENTS.values():
        words += [found.label, *([found.help] if found.help else []),
                  *(c.label for c in found.choices)]
    words += [c.label for c in YES_NO]
    for zh, en in words:
        assert zh.strip() and en.strip() and zh != en, (zh, en)


def test_each_list_names_one_row_with_its_number_and_by_elements_it_has() -> None:
    for path, found in ELEMENTS.items():
        if found.is_list:
            assert found.row and "{n}" in found.row.zh and "{n}" in found.row.en, path
            keys = {e.key for e in found.elements}
            assert found.named_by and set(found.named_by) <= keys, path
        else:
            assert found.row is None and not found.named_by, path


def test_sections_are_named_once_and_follow_the_reading_order() -> None:
    keys = [s.key for s in SECTIONS]
    assert len(keys) == len(set(keys))
    order = [e.key for s in SECTIONS for e in s.elements]
    assert order[:4] == ["implementation_code", "basic_code", "handling_item_code", "name"]
    assert order.index("legal_basis") < order.index("materials") < order.index("fees")
    assert order[-2:] == ["effective_from", "cancel_date"]


def test_the_catalog_names_codes_with_the_layouts_labels() -> None:
    assert choice_labels("matter_type") == MATTER_TYPES
    assert MATTER_TYPES["01"] == "行政许可"
    assert choice_labels("matter_type", "en")["01"] == "Administrative licensing"
    assert element("channels.online_depth").label.zh == "网办深度"
    with pytest.raises(KeyError):
        element("channels.speed")
