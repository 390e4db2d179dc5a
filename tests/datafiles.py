"""Where the tests find their data: tests/data always, the project's shared/ folder when present.

Every file a test needs to pass lives in tests/data (real sample files, copied byte for byte;
their origins are in tests/data/README.md). The large labelled sets and the project's contract
files live only in the shared/ folder that the project's own machines lay beside the
repository; tests that read them carry ``@pytest.mark.shared`` and skip when it is absent
(``ITB_REQUIRE_SHARED=1``, as .ci/run sets, turns that skip into a failure).
"""

from __future__ import annotations

import os
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FORMATS = DATA / "formats"
PUBMED = FORMATS / "pubmed"
MEDLINE = FORMATS / "medline"
CTGOV = FORMATS / "ctgov"
DEDUP_SAMPLE = DATA / "dedup_sample"

# Two copies of one paper whose DOIs differ (a pair that waits for a user's verdict) and an
# unrelated paper, as a CSV export.
UNCERTAIN_PAIR_CSV = (
    "id,title,authors,year,journal,volume,pages,doi\n"
    "a,Intrathecal baclofen pump refill errors: a national safety review,Smith J.,2015,"
    "Neuromodulation,18,101-108,10.1111/ner.1\n"
    "b,Intrathecal baclofen pump refill errors: a national safety review,Smith J.,2015,"
    "Neuromodulation,18,101-108,10.1111/ner.2\n"
    "c,Gait after intrathecal baclofen in adults with spastic diplegia,Doe A.,2012,"
    "Gait Posture,35,1-5,\n"
)

SHARED = Path(os.environ.get("ITB_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SHARED_DEDUP = SHARED / "data" / "dedup"
SHARED_SCORER = SHARED / "tools" / "dedup_score.py"
SHARED_TAXONOMY = SHARED / "taxonomy.md"


def shared_present() -> bool:
    """Return whether the project's shared/ folder (labelled sets, contracts) is reachable."""
    return (SHARED / "data").is_dir()
