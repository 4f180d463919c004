"""Targets and tasks read from a plan document, and the extractor's scores against a gold
annotation (`bioecon extract`, `bioecon extract-eval`). No database: these use cases take no
app, and the web can call them as the CLI does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bioecon.domain.model import PlanBundle
from bioecon.errors import InvalidInput, Problem
from bioecon.extract.evaluate import DocumentScore, evaluate_documents, gold_of_files, gold_of_set
from bioecon.extract.explain import ExplainedNumber, explain_numbers
from bioecon.extract.planfile import to_bundle
from bioecon.extract.reader import read_document
from bioecon.extract.targets import ExtractedTarget, extract_targets
from bioecon.extract.tasks import ExtractedTask, extract_tasks


@dataclass(frozen=True, slots=True)
class Extraction:
    """A document's text and what was read from it, each item traced to its offsets."""

    source: Path
    text: str
    targets: list[ExtractedTarget]
    tasks: list[ExtractedTask]


def extract_document(*, source: Path) -> Extraction:
    """Read a .txt (UTF-8/GBK), .docx or .pdf plan and extract its targets and tasks."""
    text = read_document(source)
    return Extraction(source, text, extract_targets(text), extract_tasks(text))


def extracted_plan(
    *, extraction: Extraction, code: str | None = None, region: str | None = None
) -> PlanBundle:
    """The extraction as a plan: title, region, period and code read from the text
    (docs/onboarding.md) unless ``code`` or ``region`` are given."""
    try:
        return to_bundle(
            extraction.text,
            extraction.targets,
            extraction.tasks,
            code=code,
            region=region,
            name=extraction.source.stem,
        )
    except InvalidInput as error:  # the region could not be read: say which file
        raise InvalidInput(str(extraction.source), error.problems) from None


def score_extractor(
    *, gold_targets: Path, gold_tasks: Path, alternates: Path | None, documents: Path
) -> list[DocumentScore]:
    """Precision, recall and F1 per document of the folder ``documents``, against the gold."""
    gold = gold_of_files(targets=gold_targets, tasks=gold_tasks, alternates=alternates)
    return evaluate_documents(gold, documents)


def score_set(*, directory: Path) -> list[DocumentScore]:
    """The scores of every ``*.txt`` of an evaluation set (its documents and its
    ``*-targets.jsonl``, ``*-tasks.jsonl``, ``*-alternates.jsonl`` gold files)."""
    if not directory.is_dir():
        raise InvalidInput(
            str(directory),
            [Problem("", "not a folder (--set names a folder of documents and gold files)")],
        )
    return evaluate_documents(gold_of_set(directory), directory, every_text=True)


def explain(*, source: Path) -> list[ExplainedNumber]:
    """Every number of a plan document with the rules that took or rejected it."""
    return explain_numbers(read_document(source))
