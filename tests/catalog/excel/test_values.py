"""Cells as a clerk types them: choices by code, label, "code label" or the label's short form."""

import pytest

from catalog.excel import values
from catalog.layout.lookup import choice_labels

DEPTHS = choice_labels("channels.online_depth")


@pytest.mark.parametrize("typed", ["4", 4, 4.0, "4 四级（全程网办）", "四级（全程网办）", "四级",
                                   "4 四级"])
def test_a_choice_is_read_by_its_code_its_label_or_the_short_form_of_its_label(typed: object
                                                                           ) -> None:
    assert values.choice(typed, DEPTHS) == 4


def test_a_value_that_is_no_choice_is_refused_with_the_choices_listed() -> None:
    with pytest.raises(values.CellError, match="五级.*四级（全程网办）"):
        values.choice("五级", DEPTHS)


def test_yes_and_no_are_the_layouts_words() -> None:
    assert (values.YES, values.NO) == ("是", "否")
    assert values.boolean("是") is True and values.boolean("否") is False
