"""Harvesters: the world (PubMed, ClinicalTrials.gov, exported files) -> RawRecord."""
