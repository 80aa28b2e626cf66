"""The ``council-extract`` command: a thin click layer over the library.

Options in, library calls, errors out. Library exceptions become one-line
messages with the project's exit codes (3 unreadable input, 4 batch with
failures); anything else is a bug and keeps its traceback (exit 1).
"""

from __future__ import annotations

import json
import sys
from typing import Any, Optional

import click

from . import __version__
from .errors import CouncilExtractError
from .output import emit, output_options


class UserError(click.ClickException):
    """A ``CouncilExtractError`` shown to the user with its own exit code."""

    def __init__(self, error: CouncilExtractError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


def fail(error: CouncilExtractError) -> UserError:
    return UserError(error)


OCR_CHOICE = click.Choice(["auto", "never", "force"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="council-extract")
def cli() -> None:
    """Turn local-government committee papers into data."""


def load_for_cli(path: str, password: Optional[str], pages: Optional[str], ocr: str) -> Any:
    """Load a document the way every command does (OCR hook included), errors as ``UserError``."""
    from .load import load_document

    hook = None
    if ocr != "never":
        try:
            from .load.ocr import ocr_pages as hook  # type: ignore[attr-defined]
        except ImportError:
            hook = None
    try:
        return load_document(path, password=password, pages=pages, ocr=ocr, ocr_hook=hook)
    except CouncilExtractError as exc:
        raise fail(exc) from None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pages") from None


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the extraction record (FORMAT.md) as JSON.")
@click.option("--pages", help="Only these physical pages, e.g. 1-3,7.")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--ocr", type=OCR_CHOICE, default="auto", show_default=True,
              help="OCR pages with no or garbled text: only where needed, never, or every page.")
@click.option("--model", help="A trained spaCy pipeline to use instead of the rule-based default (e.g. en_core_web_sm).")
def parse(file: str, as_json: bool, pages: Optional[str], password: Optional[str], ocr: str,
          model: Optional[str]) -> None:
    """Parse FILE (PDF, text or HTML) into the extraction record."""
    from .parse import parse_document

    doc = load_for_cli(file, password, pages, ocr)
    record = parse_document(doc, model=model)
    if as_json:
        click.echo(json.dumps(record.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(summary_text(record.to_dict()))


def summary_text(rec: dict[str, Any]) -> str:
    """A few lines a person reads instead of the JSON."""
    src = rec["source"]
    lines = [f"{src['file']}: {rec['kind']}, {src['pages']} pages",
             f"  council: {rec.get('council') or '-'}   body: {rec.get('body') or '-'}   date: {rec.get('date') or '-'}"]
    meetings = rec.get("meetings") or []
    items = sum(len(m.get("items") or []) for m in meetings)
    resolutions = sum(len(i.get("resolutions") or []) for m in meetings for i in m.get("items") or [])
    lines.append(f"  agenda items: {len(rec.get('agenda') or [])}   meetings: {len(meetings)}   minute items: {items}"
                 f"   resolutions: {resolutions}")
    lines.append(f"  reports: {len(rec.get('reports') or [])}   KPI values: {len(rec.get('kpis') or [])}"
                 f"   actions: {len(rec.get('actions') or [])}   metrics: {len(rec.get('metrics') or [])}")
    for warning in rec.get("warnings") or []:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


def main() -> None:
    """Console entry point."""
    cli(prog_name="council-extract")


if __name__ == "__main__":
    main()
