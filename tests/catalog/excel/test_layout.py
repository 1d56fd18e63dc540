"""The template is built from the standard's layout: every value has a column, every list a
sheet, and headers, required flags and choices are the layout's."""

from catalog.excel.layout import BASIS, LISTS, MATTER, SHEETS, YES_NO
from catalog.layout.lookup import ELEMENTS, choice_labels
from catalog.layout.shape import Kind


def placed() -> dict[str, tuple[str, str]]:
    """Each path of the standard a column fills: (sheet title, header)."""
    found = {}
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.kind in ("link", "key") or column.path == ("in_matter",):
                continue  # the workbook's own columns, which link rows
            path = ".".join((sheet.element, *column.path) if sheet.element else column.path)
            assert path not in found, f"{path} has two columns"
            found[path] = (sheet.title, column.header)
    return found


def test_every_value_of_the_standard_has_a_column_and_every_list_a_sheet() -> None:
    values = {path for path, e in ELEMENTS.items()
              if e.kind not in (Kind.OBJECT, Kind.DEPARTMENT, Kind.LIST, Kind.DEPARTMENTS)}
    assert set(placed()) == values
    lists = {path for path, e in ELEMENTS.items() if e.kind in (Kind.LIST, Kind.DEPARTMENTS)}
    assert {s.element for s in (BASIS, *LISTS)} == lists


def test_headers_required_flags_and_choices_are_the_layouts() -> None:
    for path, (title, header) in placed().items():
        element = ELEMENTS[path]
        sheet = next(s for s in SHEETS if s.title == title)
        column = next(c for c in sheet.columns if c.header == header)
        suffix = "序号" if element.kind is Kind.CITATIONS else ""
        assert header == element.label.zh + suffix
        assert column.required == element.required
        if element.choices:
            assert column.choices == choice_labels(path)
        if element.kind is Kind.BOOLEAN:
            assert column.choices == YES_NO == {True: "是", False: "否"}
    for sheet in SHEETS:
        headers = [c.header for c in sheet.columns]
        assert len(headers) == len(set(headers)), sheet.title
    assert [s.title for s in (BASIS, *LISTS)] == [ELEMENTS[s.element or ""].label.zh
                                                  for s in (BASIS, *LISTS)]


def test_the_matter_sheet_keeps_its_coded_choices_and_rarely_filled_columns_last() -> None:
    assert MATTER.column(("matter_type",)).coded
    assert MATTER.column(("channels", "online_depth")).coded
    assert MATTER.columns[-1].path == ("derived_from",)
