"""The project folder: itb.toml, found upwards, validated, written once."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from harvester.errors import ConfigError, ProjectError
from kb.project import (
    CTGOV_TERM,
    PUBMED_QUERY,
    database_url,
    find_project_root,
    init_project,
    load_project,
    resolve_sqlite_path,
)


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "itb.toml").write_text(text, encoding="utf-8")
    return folder


def test_init_writes_the_default_searches_and_database(tmp_path: Path) -> None:
    init_project(tmp_path / "review", email="librarian@example.org")
    project = load_project(tmp_path / "review", environ={})
    assert project.database_url == f"sqlite:///{tmp_path / 'review' / 'itb.sqlite'}"
    assert project.ncbi_email == "librarian@example.org"
    assert [(s.name, s.source) for s in project.searches] == [
        ("itb-pubmed", "pubmed"),
        ("itb-ctgov", "ctgov"),
    ]
    assert project.search("itb-pubmed").query == PUBMED_QUERY
    assert project.search("itb-ctgov").query == CTGOV_TERM
    assert project.search("itb-ctgov").params == {"query.intr": "baclofen"}


def test_the_default_pubmed_query_has_balanced_parentheses_and_quotes() -> None:
    depth = 0
    for char in PUBMED_QUERY:
        depth += {"(": 1, ")": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    assert PUBMED_QUERY.count('"') % 2 == 0
    assert '"Baclofen"[Mesh]' in PUBMED_QUERY and "intrathecal*[tiab]" in PUBMED_QUERY


def test_init_refuses_a_folder_that_is_a_project_already(tmp_path: Path) -> None:
    init_project(tmp_path)
    with pytest.raises(ProjectError, match="already exists"):
        init_project(tmp_path)


def test_init_writes_valid_toml_even_for_awkward_values(tmp_path: Path) -> None:
    init_project(tmp_path, database_url='sqlite:///odd "name"\\x.sqlite', email='a"b@c.org')
    data = tomllib.loads((tmp_path / "itb.toml").read_text(encoding="utf-8"))
    assert data["ncbi"]["email"] == 'a"b@c.org'
    assert data["database"]["url"] == 'sqlite:///odd "name"\\x.sqlite'


def test_the_project_is_found_from_a_subfolder(tmp_path: Path) -> None:
    init_project(tmp_path)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_project_root(deep) == tmp_path.resolve()


def test_no_project_anywhere_up_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match='run "itb init"'):
        find_project_root(tmp_path)


def test_ncbi_email_from_the_environment_wins(tmp_path: Path) -> None:
    init_project(tmp_path, email="file@example.org")
    project = load_project(tmp_path, environ={"NCBI_EMAIL": "env@example.org"})
    assert project.ncbi_email == "env@example.org"


def test_a_database_url_given_on_the_command_line_wins(tmp_path: Path) -> None:
    init_project(tmp_path)
    project = load_project(tmp_path, environ={})
    assert database_url(project, "postgresql://u@h/db") == "postgresql://u@h/db"
    assert database_url(project, None) == project.database_url


def test_relative_sqlite_paths_are_relative_to_the_project(tmp_path: Path) -> None:
    assert (
        resolve_sqlite_path("sqlite:///kb/x.sqlite", tmp_path)
        == f"sqlite:///{tmp_path}/kb/x.sqlite"
    )
    assert resolve_sqlite_path("sqlite:////abs/x.sqlite", tmp_path) == "sqlite:////abs/x.sqlite"
    assert resolve_sqlite_path("postgresql://u@h/db", tmp_path) == "postgresql://u@h/db"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[database\nurl = 1", "fix the TOML syntax"),
        ("[database]\nurl = 5\n", "database.url must be a string"),
        ('[[search]]\nsource = "pubmed"\nquery = "q"\n', "number 1 needs a name"),
        ('[[search]]\nname = "s"\nsource = "embase"\nquery = "q"\n', "source must be one of"),
        ('[[search]]\nname = "s"\nsource = "pubmed"\n', '("s") needs a query'),
        (
            '[[search]]\nname = "s"\nsource = "pubmed"\nquery = "q"\n'
            '[[search]]\nname = "s"\nsource = "ctgov"\nquery = "q"\n',
            'the name "s" is used twice',
        ),
        ('[[search]]\nname = "s"\nsource = "ctgov"\nquery = "q"\nparams = 3\n', "params must be"),
    ],
)
def test_a_bad_config_names_the_file_and_the_entry(
    tmp_path: Path, config: str, message: str
) -> None:
    write_config(tmp_path, config)
    with pytest.raises(ConfigError) as caught:
        load_project(tmp_path, environ={})
    assert str(tmp_path / "itb.toml") in str(caught.value)
    assert message in str(caught.value)


def test_an_unknown_saved_search_lists_the_known_ones(tmp_path: Path) -> None:
    init_project(tmp_path)
    with pytest.raises(ConfigError, match="known: itb-pubmed, itb-ctgov"):
        load_project(tmp_path, environ={}).search("pubmed")


def test_efetch_requests_under_way_at_once_come_from_itb_toml(tmp_path: Path) -> None:
    from kb.project import eutils_settings

    init_project(tmp_path, email="a@b.org")
    assert eutils_settings(load_project(tmp_path, environ={}), environ={}).in_flight == 3
    config = tmp_path / "itb.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("in_flight = 3", "in_flight = 1"),
        encoding="utf-8",
    )
    assert eutils_settings(load_project(tmp_path, environ={}), environ={}).in_flight == 1
    write_config(tmp_path / "bad", "[ncbi]\nin_flight = 0\n")
    with pytest.raises(ConfigError, match=r"ncbi\.in_flight must be a number from 1 to 10"):
        load_project(tmp_path / "bad", environ={})
