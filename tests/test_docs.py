"""The README and docs/ say what is true: links resolve, commands exist, the role table is the code's.

No database: the links are checked against the files and headings of the checkout, the
commands against the CLI's own command tree, and the role table against
``governance.roles.ROLE_CAPABILITIES``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import click
import pytest
import typer.main

from governance.roles import ROLE_CAPABILITIES, Capability, Role

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
GUIDE = ROOT / "docs" / "guide" / "README.md"

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~)")
HEADING = re.compile(r"^#{1,6} +(.+?) *#*$")
CODE_SPAN = re.compile(r"`([^`]+)`")
EXTERNAL = ("http://", "https://", "mailto:")
NAME = re.compile(r"[a-z][a-z0-9-]*")


def _prose_lines(path: Path) -> list[tuple[int, str]]:
    """Numbered lines outside fenced code blocks."""
    lines, fenced = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line.lstrip()):
            fenced = not fenced
        elif not fenced:
            lines.append((number, line))
    return lines


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = CODE_SPAN.sub(r"\1", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).lower()
    kept = "".join(char for char in text if char in " -_" or unicodedata.category(char)[0] in "LN")
    return kept.replace(" ", "-")


@cache
def _anchors(path: Path) -> frozenset[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for _, line in _prose_lines(path):
        match = HEADING.match(line)
        if not match:
            continue
        slug = _slug(match.group(1))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return frozenset(anchors)


def _broken_links(path: Path, root: Path = ROOT) -> list[str]:
    broken = []
    for number, line in _prose_lines(path):
        for target in LINK.findall(CODE_SPAN.sub("", line)):
            if target.startswith(EXTERNAL):
                continue
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            where = f"{path.relative_to(root)}:{number}: {target}"
            if not linked.exists():
                broken.append(f"{where} (no such file)")
            elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
                broken.append(f"{where} (no heading #{anchor} in {linked.name})")
    return broken


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_points_to_an_existing_file_and_heading(path: Path) -> None:
    assert not _broken_links(path)


def test_the_link_checker_finds_a_missing_file_and_a_missing_heading(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# The `other` page: notes\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n[ok](other.md#the-other-page-notes) [self](#page) "
        "[gone](missing.md) [no heading](other.md#nowhere) `[code](missing.md)`\n"
        "```\n[fenced](missing.md)\n```\n"
    )
    assert _broken_links(page, root=tmp_path) == [
        "page.md:3: missing.md (no such file)",
        "page.md:3: other.md#nowhere (no heading #nowhere in other.md)",
    ]


def test_the_readme_quick_start_is_the_two_make_targets() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert block, "README's Quick start has no sh block"
    assert block.group(1).split("\n")[:-1] == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, flags=re.MULTILINE)
    assert re.search(r"^test:", makefile, flags=re.MULTILINE)


def _role_table() -> dict[str, dict[str, bool]]:
    text = GUIDE.read_text(encoding="utf-8")
    table = text.split("<!-- role-matrix: begin -->", 1)[1].split("<!-- role-matrix: end -->")[0]
    rows = [line.strip().strip("|").split("|") for line in table.strip().splitlines()]
    header = [cell.strip() for cell in rows[0]]
    assert header[0] == "capability"
    return {
        cells[0].strip().strip("`"): {
            role: cell.strip() == "yes" for role, cell in zip(header[1:], cells[1:], strict=True)
        }
        for cells in rows[2:]
    }


def test_the_guide_role_table_is_the_one_in_governance_roles() -> None:
    documented = _role_table()
    declared = {
        capability.value: {role.value: capability in ROLE_CAPABILITIES[role] for role in Role}
        for capability in Capability
    }
    assert documented == declared


@cache
def _cli() -> Any:
    """The CLI's click command tree (typer's own click: groups have ``commands``)."""
    from linkwatch.cli import app

    command = typer.main.get_command(app)
    assert hasattr(command, "commands")
    context = click.Context(command)
    for name in command.list_commands(context):  # import the lazily loaded groups
        command.get_command(context, name)
    return command


def _options(command: Any) -> set[str]:
    names = {name for param in command.params for name in param.opts + param.secondary_opts}
    if hasattr(command, "commands"):
        for sub in command.commands.values():
            names |= _options(sub)
    return names


def _command_problems(span: str) -> list[str]:
    """What in one ``linkwatch ...`` span the CLI does not have (commands, then options)."""
    words = span.replace("\\|", "|").split()[1:]
    if not words or not NAME.fullmatch(words[0]):
        return []  # a placeholder such as `linkwatch <command>`
    group = _cli()
    name = words[0]
    if name not in group.commands:
        return [f"no command `linkwatch {name}`"]
    command = group.commands[name]
    problems = []
    if hasattr(command, "commands") and len(words) > 1 and not words[1].startswith("-"):
        for sub in words[1].split("|"):
            if NAME.fullmatch(sub) and sub not in command.commands:
                problems.append(f"no command `linkwatch {name} {sub}`")
    known = _options(command) | {"--help"}
    for word in words[1:]:
        flag = re.match(r"\[?(--[a-z][a-z0-9-]*)", word)
        if flag and flag.group(1) not in known:
            problems.append(f"`linkwatch {name}` has no option {flag.group(1)}")
    return problems


def _command_spans(path: Path) -> list[tuple[int, str]]:
    """Every ``linkwatch ...`` the document shows: in code spans and in sh blocks."""
    spans, fenced, shell = [], False, False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.lstrip()
        if FENCE.match(stripped):
            fenced, shell = not fenced, stripped.strip("`~") in {"sh", "text"}
            continue
        if fenced:
            if shell:
                command = stripped.lstrip("$ ").split("#")[0]
                for part in re.split(r"&&|;", command):
                    found = re.match(r"\s*(\S*/)?(linkwatch .*)", part)
                    if found:
                        spans.append((number, found.group(2).strip()))
            continue
        for span in CODE_SPAN.findall(line):
            if span.startswith("linkwatch "):
                spans.append((number, span))
    return spans


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_command_shown_exists_with_its_options(path: Path) -> None:
    problems = [
        f"{path.relative_to(ROOT)}:{number}: {problem}"
        for number, span in _command_spans(path)
        for problem in _command_problems(span)
    ]
    assert not problems


def test_the_command_checker_finds_a_missing_command_and_option() -> None:
    assert _command_problems("linkwatch analyse series --threshold 0.9 --json") == []
    assert _command_problems("linkwatch view ego|series|precursors ID --out F") == []
    assert _command_problems("linkwatch analyse sereis") == [
        "no command `linkwatch analyse sereis`"
    ]
    assert _command_problems("linkwatch frobnicate") == ["no command `linkwatch frobnicate`"]
    assert _command_problems("linkwatch <command>") == []
    assert _command_problems("linkwatch db stats [--jsno]") == [
        "`linkwatch db` has no option --jsno"
    ]


def _configuration_names(path: Path) -> set[str]:
    """Every variable named in the first column of a Markdown table row of ``path``.

    A row may name several, the later ones by their suffix (``LINKWATCH_OIDC_ISSUER`` /
    ``_AUDIENCE``): a suffix takes the prefix of the full name before it.
    """
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        first = line.split("|")[1]
        prefix = ""
        for name in CODE_SPAN.findall(first):
            if name.startswith("_") and prefix:
                names.add(prefix + name)
            else:
                names.add(name)
                prefix = name.rsplit("_", 1)[0]
    return names


def test_the_configuration_table_lists_every_setting() -> None:
    from graph_model.settings import Settings

    listed = _configuration_names(ROOT / "docs" / "guide" / "administrator.md")
    missing = sorted(name.upper() for name in Settings.model_fields if name.upper() not in listed)
    assert not missing, f"docs/guide/administrator.md's configuration table lacks {missing}"
