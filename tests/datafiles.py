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

SHARED = Path(os.environ.get("ITB_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SHARED_DEDUP = SHARED / "data" / "dedup"
SHARED_SCORER = SHARED / "tools" / "dedup_score.py"
SHARED_TAXONOMY = SHARED / "taxonomy.md"


def shared_present() -> bool:
    """Return whether the project's shared/ folder (labelled sets, contracts) is reachable."""
    return (SHARED / "data").is_dir()
