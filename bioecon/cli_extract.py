"""The extraction commands: `bioecon extract` (with ``--explain``), `bioecon extract-eval`
(gold files or an evaluation set) and `bioecon bench extract`. Registered on the root group by
:func:`register`; errors become exit codes in ``bioecon.cli`` as for every command."""

from __future__ import annotations

from pathlib import Path

import click

from bioecon.cli_common import emit, output_format
from bioecon.errors import InvalidInput, Problem
from bioecon.extract.evaluate import DocumentScore
from bioecon.io.bench_output import BENCH_ROW
from bioecon.io.extract_output import (
    EXPLAINED_NUMBER,
    EXTRACTED_TARGET,
    EXTRACTED_TASK,
    SCORE_ROW,
    score_rows,
)
from bioecon.io.output import json_text
from bioecon.io.planfile import plan_file_yaml
from bioecon.services import extraction as extraction_service


@click.command("extract")
@click.argument("source", type=click.Path(path_type=Path))
@output_format("table", "jsonl", "json", "yaml")
@click.option("--code", help="Plan code for --format yaml (default: the file name).")
@click.option(
    "--region",
    help="Org unit code of the plan's region for --format yaml (default: guessed from the title).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Instead of the targets: every number of the text (offset, as written) with the rule "
    "that took it (and set its op and year) or rejected it, and the rule's reason; "
    "--format table or json.",
)
def extract_command(
    source: Path, output: str, code: str | None, region: str | None, explain: bool
) -> None:
    """Targets and tasks with responsible units from a plan document (.txt UTF-8/GBK, .docx,
    .pdf with a text layer), each traced to its span: start/end are offsets into the text.
    Deterministic, no network. Rules: docs/extraction.md."""
    if explain:
        if output not in ("table", "json"):
            raise InvalidInput("--format", [Problem("", "--explain prints a table or json")])
        emit(EXPLAINED_NUMBER, extraction_service.explain(source=source), output)
        return
    extraction = extraction_service.extract_document(source=source)
    if output == "yaml":
        bundle = extraction_service.extracted_plan(extraction=extraction, code=code, region=region)
        click.echo(plan_file_yaml(bundle), nl=False)
    elif output == "json":
        targets = EXTRACTED_TARGET.records(extraction.targets)
        tasks = EXTRACTED_TASK.records(extraction.tasks)
        click.echo(json_text({"targets": targets, "tasks": tasks}))
    else:
        emit(EXTRACTED_TARGET, extraction.targets, output)
        if output == "table":
            click.echo("")
        emit(EXTRACTED_TASK, extraction.tasks, output)


def _scores(
    evaluation_set: Path | None,
    gold_targets: Path | None,
    gold_tasks: Path | None,
    alternates: Path | None,
    documents: Path | None,
) -> list[DocumentScore]:
    if evaluation_set is not None:
        return extraction_service.score_set(directory=evaluation_set)
    if gold_targets is None or gold_tasks is None or documents is None:
        problem = Problem("", "give --set DIR, or --gold-targets, --gold-tasks and --docs")
        raise InvalidInput("extract-eval", [problem])
    return extraction_service.score_extractor(
        gold_targets=gold_targets, gold_tasks=gold_tasks, alternates=alternates, documents=documents
    )


@click.command("extract-eval")
@click.option(
    "--set",
    "evaluation_set",
    type=click.Path(path_type=Path),
    help="A folder of *.txt documents and *-targets.jsonl, *-tasks.jsonl, *-alternates.jsonl "
    "gold files (any number of each); every *.txt is scored.",
)
@click.option("--gold-targets", type=click.Path(path_type=Path))
@click.option("--gold-tasks", type=click.Path(path_type=Path))
@click.option(
    "--alternates", type=click.Path(path_type=Path), help="Spans neither credited nor penalised."
)
@click.option(
    "--docs", "documents", type=click.Path(path_type=Path), help="Folder of the documents."
)
@click.option("--errors/--no-errors", default=False, help="List every false positive and negative.")
@output_format("table", "json")
def extract_eval(
    evaluation_set: Path | None,
    gold_targets: Path | None,
    gold_tasks: Path | None,
    alternates: Path | None,
    documents: Path | None,
    errors: bool,
    output: str,
) -> None:
    """Precision, recall and F1 of the extractor per document and overall, for targets and for
    task responsible units, the name overlap of matched targets' metric and subject, and the
    lead-unit agreement where gold rows carry ``lead``, against a gold annotation (format:
    tests/data/gold/README.md): an evaluation set (--set) or gold files (--gold-targets,
    --gold-tasks, --docs)."""
    scores = _scores(evaluation_set, gold_targets, gold_tasks, alternates, documents)
    if output == "json":
        records = SCORE_ROW.records(score_rows(scores))
        if errors:
            misses = {s.document: s.target_errors + s.unit_errors for s in scores}
            for record in records:
                record["errors"] = misses.get(record["document"], [])
        click.echo(json_text(records))
        return
    emit(SCORE_ROW, score_rows(scores), "table")
    if errors:
        for s in scores:
            for line in s.target_errors + s.unit_errors:
                click.echo(f"{s.document}: {line}")


@click.command("extract")
@click.option("--megabytes", type=click.FloatRange(0.1, 100), default=2.0, show_default=True)
def bench_extract(megabytes: float) -> None:
    """Extraction speed on one core over plan text (the seed plans repeated)."""
    from bioecon.bench.extract import run_extract_bench

    emit(BENCH_ROW, run_extract_bench(megabytes=megabytes), "table")


def register(cli: click.Group) -> None:
    """Add `extract` and `extract-eval` to the root group and `extract` to its ``bench``."""
    cli.add_command(extract_command)
    cli.add_command(extract_eval)
    bench = cli.commands["bench"]
    assert isinstance(bench, click.Group)
    bench.add_command(bench_extract)
