"""The matter form ⇄ the matter standard: the conversion round trip and citations."""

from gateway.standard.form import citation_errors, document_of, values_from
from tests.gateway.standard.documents import BASIS, DEPARTMENTS, LAYOUT, full_standard


def test_a_full_standard_shown_in_the_form_and_saved_unchanged_is_the_same() -> None:
    standard = full_standard()
    values = values_from(standard, LAYOUT)
    assert values["materials-0-basis"] == "2" and values["conditions-0-basis"] == "1, 2"
    assert citation_errors(values, LAYOUT) == {}
    again, _ = document_of(values, LAYOUT, {d["code"]: d["name"] for d in DEPARTMENTS})
    assert again == standard


def test_a_provision_cited_but_missing_from_the_legal_basis_is_kept_as_a_row() -> None:
    standard = {**full_standard(), "legal_basis": BASIS[:1]}
    names = {d["code"]: d["name"] for d in DEPARTMENTS}
    again, _ = document_of(values_from(standard, LAYOUT), LAYOUT, names)
    assert again["legal_basis"] == BASIS  # the form can cite only its own rows
    assert again["materials"] == standard["materials"]


def test_a_number_list_citing_no_legal_basis_row_is_an_error() -> None:
    values = {**values_from(full_standard(), LAYOUT), "faq-0-question": "问",
              "materials-0-basis": "1, 7", "fees-0-basis": "一"}
    assert citation_errors(values, LAYOUT) == {
        "materials-0-basis": ("上方没有第 %(n)s 条完整的设定依据。", "7"),
        "fees-0-basis": ("“%(n)s”不是序号：请填数字，多个用逗号分隔。", "一")}
