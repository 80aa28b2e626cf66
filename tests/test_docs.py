"""The docs stay honest: every command is in the README and has help text."""

from __future__ import annotations

import click
import pytest

from extract.cli import cli

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in sorted(group.commands.items()):
        out.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            out += commands(command, f"{prefix}{name} ")
    return out


@pytest.mark.parametrize("name,command", commands(cli), ids=[n for n, _ in commands(cli)])
def test_command_is_documented(name, command):
    assert command.help and command.help.strip(), f"{name} has no help text"
    assert f"council-extract {name}" in README, f"README does not show `council-extract {name}`"


def test_readme_gives_the_two_commands():
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_pattern_file_is_listed_in_the_readme():
    for path in sorted((ROOT / "patterns").iterdir()):
        assert path.name in README or path.stem in README, f"patterns/{path.name} is not described in the README"
