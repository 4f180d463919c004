"""The PDF's own line breaking (bioecon/reports/pdf.py ``broken``): nothing lost or added, no
line wider than its room, and no line starting with a closing mark (禁则)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bioecon.reports.pdf import NO_LINE_START, broken


def test_a_mark_takes_the_character_before_it_to_the_next_line() -> None:
    # every character 1 wide, 5 to a line: the 6th character of "规划2项目，标中" is "，",
    # which may not start a line, so "目" goes along with it: "规划2项" | "目，标中"
    text = "规划2项目，标中"
    assert broken(text, [1.0] * len(text), 5, 5) == ["规划2项", "目，标中"]
    assert broken("一二三四五六七", [1.0] * 7, 3, 5) == ["一二三", "四五六七"]


texts = st.text(st.sampled_from("规划目标中达标项，。、；：）”12%"), min_size=1, max_size=80)


@given(text=texts, first=st.integers(2, 12), rest=st.integers(2, 12))
def test_lines_keep_the_text_fit_their_room_and_start_with_no_closing_mark(
    text: str, first: int, rest: int
) -> None:
    lines = broken(text, [1.0] * len(text), float(first), float(rest))
    assert "".join(lines) == text
    for n, line in enumerate(lines):
        room = first if n == 0 else rest
        body = line.rstrip("".join(NO_LINE_START))  # marks may hang past the room (标点悬挂)
        assert len(body) <= room or len(body) == 1
        if n > 0:
            assert line[0] not in NO_LINE_START


def test_a_run_of_marks_wider_than_a_line_hangs_at_its_end() -> None:
    # room 2: "ab" | "1”" fills line 2; the second ” may not start line 3, and "1””" (3 wide)
    # does not fit a line of 2, so it hangs at the end of line 2: "ab" | "1””" | "c"
    assert broken("ab1””c", [1.0] * 6, 2, 2) == ["ab", "1””", "c"]
    # room 3: "一二三" fills line 1; ” takes "三" along to line 2 ("三”" fits 3): "一二" | "三”四"
    assert broken("一二三”四", [1.0] * 5, 3, 3) == ["一二", "三”四"]


def test_an_opening_mark_goes_to_the_next_line_with_what_it_opens() -> None:
    # room 4: "形成生“" would end line 1 with “, so it goes along: "形成生" | "“物服务"; then ”
    # may not start line 3, so "务" goes with it: "形成生" | "“物服" | "务”"
    assert broken("形成生“物服务”", [1.0] * 8, 4, 4) == ["形成生", "“物服", "务”"]
    # a closing mark takes the character before it and the opening mark before that:
    # "一二“翼”" with room 3: "一二" | "“翼”"
    assert broken("一二“翼”", [1.0] * 5, 3, 3) == ["一二", "“翼”"]


def test_a_number_or_date_is_not_split_across_lines() -> None:
    # room 6: "低于2025-02" would break after "低于2025": the date goes whole to line 2
    assert broken("低于2025-02的值", [1.0] * 12, 6, 10) == ["低于", "2025-02的值"]
    # a word longer than a line is broken where it must
    assert broken("ABCDEFGH", [1.0] * 8, 3, 3) == ["ABC", "DEF", "GH"]
