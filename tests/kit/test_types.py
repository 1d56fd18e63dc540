"""The door's reading of numbers typed into forms and queries."""

from kit.types import whole_number


def test_only_ascii_digits_make_a_whole_number() -> None:
    assert [whole_number(t) for t in ("2027", " 7 ", "0")] == [2027, 7, 0]
    for odd in ("²", "٢٠٢٧", "-1", "1.5", "", "1e3", "1234567890"):
        assert whole_number(odd) is None, odd
