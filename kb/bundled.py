"""Files that ship inside the itb package (taxonomy, migrations, the demo corpus), found
through importlib.resources so that a wheel installed anywhere reads them, and a broken
installation is named in one line instead of a traceback."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from harvester.errors import InstallationError

REINSTALL = 'reinstall itb ("pip install --force-reinstall itb", or "pip install ." in its source)'


def bundled_path(package: str, *parts: str, what: str) -> Path:
    """Return the path of a file or folder shipped in PACKAGE; raise if the install lacks it."""
    path = Path(str(resources.files(package).joinpath(*parts)))
    if not path.exists():
        raise InstallationError(f"this itb installation has no {what} ({path}); {REINSTALL}")
    return path


def bundled_text(package: str, *parts: str, what: str) -> str:
    """Return the text of a UTF-8 file shipped in PACKAGE; raise if missing or unreadable."""
    path = bundled_path(package, *parts, what=what)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InstallationError(f"cannot read {what} ({path}): {reason}; {REINSTALL}") from None
