"""The repository stands alone: its tests collect and run from a copy with no shared/ beside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from datafiles import DATA

ROOT = Path(__file__).resolve().parents[1]
LEFT_OUT = (".git", ".venv", "__pycache__", "*.egg-info", ".*_cache", "build", "dist", "itb-demo")


def lone_copy(tmp_path: Path) -> Path:
    """Copy the repository into TMP_PATH/lone/itb, where no shared/ folder is beside it."""
    copy = tmp_path / "lone" / "itb"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*LEFT_OUT))
    assert not (copy.parent / "shared").exists()
    return copy


def pytest_in(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ITB_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_test_file_collects_from_a_copy_with_no_shared_folder(tmp_path: Path) -> None:
    copy = lone_copy(tmp_path)
    result = pytest_in(copy, "--collect-only")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "error" not in result.stdout.lower().split("\n")[-2]
    collected = [line for line in result.stdout.splitlines() if "::" in line]
    assert len(collected) > 400


def test_tests_needing_shared_skip_with_a_reason_when_it_is_absent(tmp_path: Path) -> None:
    copy = lone_copy(tmp_path)
    result = pytest_in(copy, "-m", "shared", "-rs", "tests/test_taxonomy.py", "tests/test_dedup.py")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "needs the project's shared/ folder beside the repository" in result.stdout
    assert " passed" not in result.stdout and " failed" not in result.stdout


def test_the_real_sample_files_travel_with_the_tests() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in sorted((DATA / "formats").rglob("*")):
        if path.is_file() and path.name != "README.md":
            assert path.name in (DATA / "formats" / "README.md").read_text(encoding="utf-8"), path
    assert "dedup_sample" in readme and "formats/" in readme
