"""The bulletin's charts (趋势, 区县比较) as PNG, drawn with Pillow in the shipped CJK font
(the PDF's body face), so the labels are the same glyphs on every machine. One chart kind:
labelled bars with their values, which serves a year of 当月 values and the districts."""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from bioecon.reports.fonts import font_path
from bioecon.reports.narrative import Block

WIDTH, HEIGHT = 1600, 680  # px; printed 156 mm wide (the text width), ~260 dpi
LEFT, RIGHT, TOP, BOTTOM = 60, 40, 150, 110  # px around the plot (the title above)
TITLE_SIZE, LABEL_SIZE = 44, 30  # px
BAR = (31, 78, 121)  # dark blue: prints well in grey too
INK, RULE = (0, 0, 0), (160, 160, 160)
BAR_SHARE = 0.6  # of each slot


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path("body")), size)


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None  # a missing figure (—) has no bar


def chart_png(block: Block) -> bytes:
    """The chart of a ``chart`` block: its text the title, its rows (label, value)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.text((WIDTH / 2, 20), block.text, font=_font(TITLE_SIZE), fill=INK, anchor="ma")
    values = [_value(value) for _, value in block.rows]
    top = max((v for v in values if v is not None), default=Decimal(0))
    base, height = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    draw.line([(LEFT, base), (WIDTH - RIGHT, base)], fill=RULE, width=3)
    slot = (WIDTH - LEFT - RIGHT) / max(len(block.rows), 1)
    for index, ((label, shown), value) in enumerate(zip(block.rows, values, strict=True)):
        middle = LEFT + slot * (index + 0.5)
        draw.text((middle, base + 14), label, font=_font(LABEL_SIZE), fill=INK, anchor="ma")
        if value is None or top <= 0 or value < 0:
            continue
        bar = float(value / top) * height
        half = slot * BAR_SHARE / 2
        draw.rectangle([(middle - half, base - bar), (middle + half, base)], fill=BAR)
        draw.text((middle, base - bar - 8), shown, font=_font(LABEL_SIZE), fill=INK, anchor="md")
    found = io.BytesIO()
    image.save(found, format="PNG", optimize=True)
    return found.getvalue()
