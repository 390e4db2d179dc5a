"""Tagging, the whole of it in one room (pure: no database here; kb.tag_store keeps tags).

- ``taxonomy`` (+ ``taxonomy.toml``): the vocabulary as data, a project's overlay;
- ``textscan``: sentences, words, phrases and their qualifiers (negated, hypothetical);
- ``types``: what the tagger reads and decides, shared by every part;
- ``inputs``: a work's source records -> what the tagger reads (title, abstract sections,
  keywords, MeSH, publication types and registry fields, index lines pasted into an
  abstract read back into their fields);
- ``facets``: indications, complications, outcomes and relevance, with their evidence;
- ``design``: one design, by the coding manual's order;
- ``sample_size``: the number of participants, by the manual's rules.
"""

from kb.tagging.facets import TAG_FACETS, Tagger
from kb.tagging.inputs import tag_input
from kb.tagging.taxonomy import MeshTerm, Taxonomy, load_taxonomy
from kb.tagging.types import Mention, Registry, SampleSize, Section, TagInput, TagResult

__all__ = [
    "TAG_FACETS",
    "MeshTerm",
    "Mention",
    "Registry",
    "SampleSize",
    "Section",
    "TagInput",
    "TagResult",
    "Tagger",
    "Taxonomy",
    "load_taxonomy",
    "tag_input",
]
