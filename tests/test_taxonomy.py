"""The taxonomy as data: the bundled file keeps the contract; bad files are named precisely."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.tagging.taxonomy import (
    CONTRACT,
    TaxonomyError,
    check_taxonomy_file,
    load_taxonomy,
)

from datafiles import SHARED_TAXONOMY


@pytest.mark.shared
def test_the_contract_ids_are_exactly_those_of_the_shared_taxonomy() -> None:
    table_rows = re.findall(r"^\| ([a-z_]+) \|", SHARED_TAXONOMY.read_text(), re.MULTILINE)
    shared = {row for row in table_rows if row != "id"}
    assert shared == {i for ids in CONTRACT.values() for i in ids}


def test_bundled_taxonomy_holds_every_contract_id_with_labels_and_synonyms() -> None:
    taxonomy = load_taxonomy()
    for facet, ids in CONTRACT.items():
        assert set(ids) <= set(taxonomy.ids(facet))
    for entry in taxonomy.entries:
        assert entry.label and entry.description
        if entry.facet in ("indication", "complication"):
            assert entry.synonyms and entry.mesh, entry.id


def test_bundled_taxonomy_spells_the_abbreviations_the_issue_names() -> None:
    taxonomy = load_taxonomy()
    synonyms = {s for e in taxonomy.entries for s in e.synonyms}
    assert {"CP", "SCI", "MS", "TBI", "HSP", "MAS", "GMFM"} <= synonyms
    assert "ITB" in taxonomy.relevance.synonyms
    assert any("haemorrhage" in s for s in synonyms) and any("hemorrhage" in s for s in synonyms)


def test_project_file_overrides_words_of_an_id_and_adds_new_ids(tmp_path: Path) -> None:
    extra = tmp_path / "taxonomy.toml"
    extra.write_text(
        '[indication.cerebral_palsy]\nsynonyms = ["cerebral palsy", "Little disease"]\n\n'
        '[outcome.fatigue]\nlabel = "Fatigue"\nsynonyms = ["fatigue"]\n',
        encoding="utf-8",
    )
    taxonomy = load_taxonomy(extra)
    palsy = taxonomy.require("indication", "cerebral_palsy")
    assert palsy.synonyms == ("cerebral palsy", "Little disease")
    assert palsy.label == "Cerebral palsy"  # keys not given are kept
    assert taxonomy.require("outcome", "fatigue").label == "Fatigue"
    assert taxonomy.fingerprint != load_taxonomy().fingerprint


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[indication.cp]\nlabel = "CP"\npatterns = ["(unclosed"]\n', "indication.cp: patterns 1"),
        ('[outcome.gait]\nlabel = "Gait"\nsynonym = ["gait"]\n', 'unknown key "synonym"'),
        ('[outcome.gait]\nsynonyms = ["gait"]\n', "outcome.gait: needs a label"),
        ('[outcome.Gait]\nlabel = "Gait"\n', "an id is lower case"),
        ('[outcome.pain]\nlabel = "P"\nnot_after = ["(scale"]\n', "outcome.pain: not_after 1"),
        ('[outcome.gait]\nlabel = "G"\nmesh = ["Gait"]\n', 'MeSH term "Gait"'),
        ('[outcome.gait]\nlabel = "G"\nsynonyms = "gait"\n', "synonyms must be a list"),
        ("[outcome.gait\n", "not valid TOML"),
        ('[populations.x]\nlabel = "X"\n', 'unknown table "populations"'),
        (
            '[indication.x]\nlabel = "X"\nrequires_no_other = ["nothing_here"]\n',
            'requires_no_other names unknown id "nothing_here"',
        ),
    ],
)
def test_a_bad_taxonomy_file_is_refused_naming_the_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "taxonomy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        check_taxonomy_file(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_standalone_file_must_keep_every_contract_id(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[indication.cerebral_palsy]\nlabel = "CP"\n', encoding="utf-8")
    with pytest.raises(TaxonomyError, match="indication lacks spinal_cord_injury"):
        check_taxonomy_file(path, standalone=True)


def test_an_unknown_id_suggests_the_nearest() -> None:
    with pytest.raises(TaxonomyError, match="did you mean 'cerebral_palsy'"):
        load_taxonomy().require("indication", "cerebral_plasy")
    with pytest.raises(TaxonomyError, match='unknown facet "populations"'):
        load_taxonomy().require("populations", "x")


def test_a_projects_word_senses_keep_a_match_from_tagging(tmp_path: Path) -> None:
    from kb.tagging import Section, Tagger, TagInput

    path = tmp_path / "taxonomy.toml"
    path.write_text('[outcome.pain]\nnot_before = ["phantom"]\n', encoding="utf-8")
    tagger = Tagger(load_taxonomy(path))
    text = "In 20 patients, phantom pain improved; {} improved too."

    def outcomes(words: str) -> list[str]:
        item = TagInput(title="ITB", abstract=(Section("RESULTS", "RESULTS", words),))
        return tagger.tag(item).ids("outcome")

    assert "pain" not in outcomes("In 20 patients, phantom pain improved.")
    assert "pain" in outcomes(text.format("back pain"))
    assert "pain" in outcomes(
        "In 20 patients, abdominal pain and phantom pain eased; leg pain too."
    )
