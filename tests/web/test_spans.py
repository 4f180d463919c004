"""Overlapping and nested highlights on the text page: the HTML nests, every span is marked and
anchored once (hand-written examples, and a property over any spans)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from bioecon.web.spans import Span, highlight


class _Marks(HTMLParser):
    """The text each key's marks cover, the ids seen, and whether the tags nested."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.covered: dict[str, str] = {}
        self.ids: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark"
        values = dict(attrs)
        if "id" in values:
            self.ids.append(str(values["id"]))
        self.stack.append(str(values["data-key"]))

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark" and self.stack, "a </mark> without its <mark>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for key in self.stack:
            self.covered[key] = self.covered.get(key, "") + data


def parsed(html: str) -> _Marks:
    marks = _Marks()
    marks.feed(html)
    marks.close()
    assert marks.stack == [], "a <mark> left open"
    return marks


def test_disjoint_spans_are_marked_in_order() -> None:
    html = str(highlight("ab<cd", [Span(3, 5, "T2"), Span(0, 1, "T1")]))
    assert html == (
        '<mark id="T1" data-key="T1" tabindex="-1">a</mark>b&lt;'
        '<mark id="T2" data-key="T2" tabindex="-1">cd</mark>'
    )


def test_a_span_inside_another_is_nested_in_it() -> None:
    # 长春 T02 lies inside T01: "新引进[上市企业10户]以上" → T01 = 0..12, T02 = 3..10
    html = str(highlight("新引进上市企业10户以上", [Span(0, 12, "T01"), Span(3, 10, "T02")]))
    assert html == (
        '<mark id="T01" data-key="T01" tabindex="-1">新引进'
        '<mark id="T02" data-key="T02" tabindex="-1">上市企业10户</mark>以上</mark>'
    )


def test_overlapping_spans_split_at_every_boundary() -> None:
    # 南京 T05/T06 overlap: A = 0..4 "abcd", B = 2..6 "cdef"; cuts at 0, 2, 4, 6:
    # [0,2) A; [2,4) A,B; [4,6) B — B closes with A at 4 and reopens, without its id
    html = str(highlight("abcdef", [Span(2, 6, "B"), Span(0, 4, "A")]))
    assert html == (
        '<mark id="A" data-key="A" tabindex="-1">ab'
        '<mark id="B" data-key="B" tabindex="-1">cd</mark></mark>'
        '<mark data-key="B">ef</mark>'
    )


def test_spans_outside_the_text_or_empty_are_left_out() -> None:
    assert str(highlight("abc", [Span(1, 1, "E"), Span(2, 9, "X")])) == "abc"


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(alphabet="ab<&字", min_size=1, max_size=30))
    count = draw(st.integers(min_value=0, max_value=6))
    spans = []
    for number in range(count):
        start = draw(st.integers(min_value=0, max_value=len(text) - 1))
        end = draw(st.integers(min_value=start + 1, max_value=len(text)))
        spans.append(Span(start, end, f"K{number}"))
    return text, spans


@given(text_and_spans())
def test_every_span_is_marked_once_and_covers_exactly_its_text(
    case: tuple[str, list[Span]],
) -> None:
    text, spans = case
    marks = parsed(str(highlight(text, spans)))
    assert marks.text == text
    assert sorted(marks.ids) == sorted(s.key for s in spans)
    for span in spans:
        assert marks.covered[span.key] == text[span.start : span.end]
    assert not re.search(r"<mark[^>]*></mark>", str(highlight(text, spans)))
