"""The itb command line: exit codes, one-line errors, help everywhere, project discovery."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner, Result

from queries.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
ITB = Path(sys.executable).parent / "itb"


def itb(*args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("ITB_DATABASE_URL", "ITB_PROJECT", "NCBI_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def one_line_error(result: Result, code: int = 3) -> str:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def test_init_makes_a_project_that_a_later_command_finds_from_a_subfolder(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = itb("init", "review", "--email", "me@example.org")
    assert result.exit_code == 0, result.output
    assert f"Created an itb project in {in_tmp / 'review'}" in result.stdout
    (in_tmp / "review" / "notes" / "deep").mkdir(parents=True)
    monkeypatch.chdir(in_tmp / "review" / "notes" / "deep")
    status = itb("status", "--json")
    assert status.exit_code == 0, status.output
    data = json.loads(status.stdout)
    assert data["project"] == str(in_tmp / "review")
    assert data["engine"] == "sqlite"
    assert data["schema"]["current"] == data["schema"]["newest"]
    assert data["counts"]["saved_search"] == 2
    assert [s["name"] for s in data["searches"]] == ["itb-ctgov", "itb-pubmed"]


def test_status_in_a_terminal_format_names_the_searches(in_tmp: Path) -> None:
    itb("init")
    result = itb("status")
    assert result.exit_code == 0
    assert "itb-pubmed       pubmed  last success: never" in result.stdout


def test_project_option_points_at_a_project_elsewhere(in_tmp: Path) -> None:
    itb("init", "elsewhere")
    result = itb("--project", str(in_tmp / "elsewhere"), "db", "status", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["up_to_date"] is True


def test_a_missing_project_is_a_one_line_error(in_tmp: Path) -> None:
    line = one_line_error(itb("status"))
    assert "no itb project in" in line and 'run "itb init"' in line


def test_a_project_option_without_a_project_is_a_one_line_error(in_tmp: Path) -> None:
    line = one_line_error(itb("--project", str(in_tmp), "status"))
    assert "is not an itb project" in line


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nonsense", "is not a database URL"),
        ("oracle://scott:tiger@db/orcl", 'unsupported database "oracle"'),
        ("postgresql://itb:hunter2@127.0.0.1:1/itb", "cannot open the database"),
    ],
)
def test_a_bad_database_url_is_a_one_line_error(in_tmp: Path, url: str, message: str) -> None:
    itb("init")
    line = one_line_error(itb("--db", url, "status"))
    assert message in line
    assert "hunter2" not in line and "tiger" not in line


def test_the_database_url_may_come_from_the_environment(in_tmp: Path) -> None:
    itb("init")
    line = one_line_error(itb("status", env={"ITB_DATABASE_URL": "mysql://u@h/db"}))
    assert 'unsupported database "mysql"' in line


def test_a_failed_init_leaves_nothing_behind(in_tmp: Path) -> None:
    result = itb("--db", "postgresql://itb@127.0.0.1:1/itb", "init", "review")
    one_line_error(result)
    assert not (in_tmp / "review").exists()


def test_a_deleted_database_file_names_the_command_that_creates_it(in_tmp: Path) -> None:
    itb("init")
    for path in in_tmp.glob("itb.sqlite*"):
        path.unlink()
    line = one_line_error(itb("status"))
    assert "no knowledge base at" in line and '"itb db upgrade"' in line
    assert itb("db", "upgrade").exit_code == 0
    assert itb("status").exit_code == 0


def test_an_older_database_is_brought_up_to_date_by_itself(in_tmp: Path) -> None:
    from alembic import command

    from kb.database import _alembic_config, open_engine

    itb("init")
    engine = open_engine(f"sqlite:///{in_tmp / 'itb.sqlite'}")
    with engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "base")
    engine.dispose()
    stale = itb("db", "status")
    assert stale.exit_code == 0
    assert 'run "itb db upgrade"' in stale.stdout
    result = itb("status", "--json")
    assert result.exit_code == 0, result.output
    assert "database schema upgraded from empty to" in result.stderr
    assert json.loads(result.stdout)["counts"]["saved_search"] == 2


def test_the_api_key_is_never_written_or_printed(in_tmp: Path) -> None:
    secret = "0123456789abcdef0123456789abcdef0123"
    result = itb("init", env={"NCBI_API_KEY": secret})
    status = itb("status", "--json", env={"NCBI_API_KEY": secret})
    assert secret not in result.output + status.output
    for path in in_tmp.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_version_prints_the_package_version_and_the_schema_version() -> None:
    from importlib.metadata import version

    from kb.database import SCHEMA_HEAD

    result = itb("--version")
    assert result.exit_code == 0
    assert result.stdout == f"itb {version('itb')} (schema {SCHEMA_HEAD})\n"
    newest = max(p.name[:4] for p in (ROOT / "kb" / "migrations" / "versions").glob("0*.py"))
    assert newest == SCHEMA_HEAD


def test_the_itb_command_answers_version_without_loading_the_database_layer() -> None:
    code = (
        "import sys; sys.argv = ['itb', '--version']; from queries.entry import main; main(); "
        "assert 'sqlalchemy' not in sys.modules and 'typer' not in sys.modules, 'loaded'"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("itb ") and "(schema " in done.stdout


def broken_copy(tmp_path: Path, missing: str) -> Path:
    """A copy of itb's packages with one bundled file or folder removed (a broken install)."""
    import shutil

    copy = tmp_path / "site"
    for package in ("harvester", "kb", "queries"):
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    target = copy / missing
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()
    return copy


@pytest.mark.parametrize(
    ("missing", "command", "named"),
    [
        ("queries/demo_data/ctgov_round2.json", ["demo", "d"], "demo corpus file"),
        ("kb/tagging/taxonomy.toml", ["taxonomy", "check"], "bundled taxonomy"),
        ("kb/migrations", ["init", "p"], "schema migrations"),
    ],
    ids=["demo-corpus", "taxonomy", "migrations"],
)
def test_a_broken_installation_is_named_in_one_line_not_a_traceback(
    tmp_path: Path, missing: str, command: list[str], named: str
) -> None:
    site = broken_copy(tmp_path, missing)
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "from queries.cli import app; app()", *command],
        cwd=work,
        env={k: v for k, v in os.environ.items() if not k.startswith("ITB_")}
        | {"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: this itb installation has no "), lines
    assert named in lines[0] and "reinstall itb" in lines[0]
    assert "Traceback" not in result.stderr
    assert not (work / "d").exists(), "the demo must not start without its corpus"


def test_an_unknown_option_is_a_usage_error_with_exit_code_2(in_tmp: Path) -> None:
    assert itb("status", "--no-such-option").exit_code == 2


def _commands(group: typer.Typer) -> Iterator[list[str]]:
    """Yield the path of every command, loading each as running it would."""
    command = get_command(group)

    def walk(cmd: Any, path: list[str]) -> Iterator[list[str]]:
        yield path
        if hasattr(cmd, "list_commands"):
            context = typer.Context(cmd)
            for name in cmd.list_commands(context):
                yield from walk(cmd.get_command(context, name), [*path, name])

    yield from walk(command, [])


def test_every_command_has_help() -> None:
    paths = list(_commands(app))
    assert ["init"] in paths and ["db", "upgrade"] in paths
    for path in paths:
        result = itb(*path, "--help")
        assert result.exit_code == 0, path
        assert "Usage:" in result.stdout
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        assert len(lines) > 2, f"{path} has no help text"


def test_no_help_text_holds_brackets_that_rich_would_swallow_as_markup() -> None:
    import re

    def walk(cmd: object) -> Iterator[object]:
        yield cmd
        for sub in getattr(cmd, "commands", {}).values():
            yield from walk(sub)

    for cmd in walk(get_command(app)):
        texts = [getattr(cmd, "help", None) or ""]
        texts += [getattr(p, "help", None) or "" for p in getattr(cmd, "params", [])]
        for text in texts:
            assert not re.search(r"\[[a-z/]+\]", text), (getattr(cmd, "name", ""), text)
    assert "s (same), d (different)" in itb("dedup", "--help").stdout


# --- a real process, with write permission really taken away ---------------------------


def run_unprivileged(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run itb as a process that file permissions apply to (root loses DAC override)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ITB_")}
    return subprocess.run(
        [*prefix, str(ITB), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def make_read_only(path: Path) -> None:
    for item in [path, *path.rglob("*")]:
        mode = item.stat().st_mode
        item.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def test_init_in_a_read_only_folder_is_a_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(folder)
    result = run_unprivileged(["init", str(folder / "review")], cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: cannot create a project in {folder / 'review'}: Permission denied; "
        "choose a folder you can write to"
    ]


def test_a_project_in_a_read_only_folder_is_a_one_line_error(tmp_path: Path) -> None:
    subprocess.run([str(ITB), "-q", "init", str(tmp_path / "review")], check=True)
    for extra in ("itb.sqlite-wal", "itb.sqlite-shm"):
        (tmp_path / "review" / extra).unlink(missing_ok=True)
    make_read_only(tmp_path / "review")
    result = run_unprivileged(["status"], cwd=tmp_path / "review")
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: cannot open the database ")
    assert "itb needs write access to the file and its folder" in line


def test_the_console_script_runs(tmp_path: Path) -> None:
    result = subprocess.run([str(ITB), "--help"], capture_output=True, text=True, check=True)
    assert "init" in result.stdout and "status" in result.stdout


def test_init_on_postgres_keeps_the_password_out_of_itb_toml(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    password = pg_url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    result = itb("--db", pg_url, "init", "team")
    assert result.exit_code == 0, result.output
    config = (tmp_path / "team" / "itb.toml").read_text(encoding="utf-8")
    assert password not in config
    assert tomllib.loads(config)["database"]["url"].startswith("postgresql")
    status = itb("--project", str(tmp_path / "team"), "--db", pg_url, "status", "--json")
    assert status.exit_code == 0, status.output
    assert json.loads(status.stdout)["engine"] == "postgresql"
    assert password not in status.output


def test_no_help_shows_a_python_type_name() -> None:
    for path in [[], *_commands(app)]:
        result = itb(*path, "--help")
        assert result.exit_code == 0, path
        shown = re.findall(r"<(?:str|bool|int|float|path|Path|list\[[^\]]*\])>", result.stdout)
        assert not shown, f"itb {' '.join(path)} --help shows {shown}"


def test_every_option_and_argument_has_a_description() -> None:
    import click
    import typer.main

    missing = []

    def walk(command: click.Command, path: list[str]) -> None:
        for param in command.params:
            if param.name != "help" and not getattr(param, "help", None):
                missing.append(f"{' '.join(path)} {param.name}")
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])

    walk(typer.main.get_command(app), ["itb"])
    assert missing == []


def test_help_lists_every_command_with_the_description_it_has_when_loaded() -> None:
    from queries.cli import COMMANDS, load_command

    top = itb("--help").stdout
    for name, (_, _, listed) in COMMANDS.items():
        own = load_command(name).help or ""
        first = " ".join(own.split("\n\n")[0].split())
        assert first == listed, name
        assert f" {name} " in top


def test_help_and_the_table_load_only_what_they_use() -> None:
    code = (
        "import sys; from queries.cli import app; from typer.main import get_command; "
        "import click; "
        "print(' '.join(sorted(m for m in ('queries.tables', 'httpx', 'matplotlib', "
        "'kb.update', 'harvester.pubmed', 'lxml', 'rapidfuzz') if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).parents[1])  # fmt: skip
    assert done.stdout.strip() == ""  # `itb --help` needs none of them
    table = (
        "import sys; from queries.cli import load_command; load_command('table'); "
        "print(' '.join(sorted(m for m in ('matplotlib', 'kb.update', 'harvester.pubmed', "
        "'rapidfuzz', 'jinja2', 'citeproc') if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", table], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).parents[1])  # fmt: skip
    assert done.stdout.strip() == ""
