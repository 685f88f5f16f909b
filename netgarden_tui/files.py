"""Files written whole or not at all: the last step, after a temporary file is renamed
into place, is to make the rename itself survive a power cut. Every layer may use it."""

import contextlib
import os
from pathlib import Path


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (where the system allows it)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
