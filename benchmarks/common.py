"""What the benchmark scripts share: memory readings and a replay server in its own process."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "formats"


def peak_memory_mb() -> float:
    """Return this process's peak resident memory in MB (VmHWM: unlike ru_maxrss, not inherited)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def start_replay(arguments: list[str], folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start `python -m harvester.replay ARGUMENTS` in its own process; return it and its URL."""
    url_file = folder / "replay.url"
    command = [sys.executable, "-m", "harvester.replay", *arguments, "--port-file", str(url_file)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while not url_file.exists() or not url_file.read_text():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise SystemExit("the replay server did not start")
        time.sleep(0.2)
    return server, url_file.read_text()
