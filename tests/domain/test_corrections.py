"""人工校正 notes: written and read back to the same changes; the demo's form read by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.corrections import (
    CorrectionNote,
    FieldChange,
    correction_note,
    read_correction_note,
)

# values and reasons of any text at all, the note's own separators and "未填" included
_text = st.text(max_size=20)
_field = st.sampled_from(["subject", "subject_org_unit", "indicator", "kind", "unit"])
_change = st.builds(FieldChange, _field, st.none() | _text, _text)


@given(_text, st.lists(_change, min_size=1, max_size=4))
def test_a_note_reads_back_as_the_changes_it_was_written_from(
    why: str, changes: list[FieldChange]
) -> None:
    assert read_correction_note(correction_note(why, changes)) == CorrectionNote(
        why, tuple(changes)
    )


def test_the_demo_note_of_changsha_t01() -> None:
    note = (
        "人工校正（总体目标的主体是全市生物经济）: subject: 生物经济 → 全市生物经济;"
        " subject_org_unit: 未填 → 430100"
    )
    assert read_correction_note(note) == CorrectionNote(
        "总体目标的主体是全市生物经济",
        (
            FieldChange("subject", "生物经济", "全市生物经济"),
            FieldChange("subject_org_unit", None, "430100"),
        ),
    )


def test_a_reason_with_brackets_of_its_own() -> None:
    # T09's reason holds （4.3.1） and a bracketed aside: the last "）: " ends it
    note = "人工校正（生物育种（4.3.1）领域（口径不同））: unit: 名 → 人"
    assert read_correction_note(note) == CorrectionNote(
        "生物育种（4.3.1）领域（口径不同）", (FieldChange("unit", "名", "人"),)
    )


def test_other_notes_are_not_corrections() -> None:
    assert read_correction_note(None) is None
    assert read_correction_note("由企业名录计量") is None
    assert read_correction_note("人工校正（原因）: 未按格式") is None


def test_values_that_end_in_a_mark_of_the_note() -> None:
    # "; → 0" once read as a new value ending the first change; behind a \ it is text
    changes = (FieldChange("subject", ";", "0"), FieldChange("unit", "x →", "未填"))
    note = correction_note("理由）:", changes)
    assert note == "人工校正（理由）\\:）: subject: ; → 0; unit: x \\→ → \\未填"
    assert read_correction_note(note) == CorrectionNote("理由）:", changes)
