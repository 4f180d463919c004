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
        assert len(line) <= room or len(line) == 1
        if n > 0 and line[0] in NO_LINE_START:
            # only when the line before is one character (nothing left to carry), or all marks
            before = lines[n - 1]
            assert len(before) <= 1 or all(c in NO_LINE_START for c in before[1:])
