"""Writing output files so that they are never left half-written.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> write_atomically(target, lambda out: out.write(b"done"))
>>> target.read_bytes()
b'done'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from .errors import ActorGraphError

__all__ = ["write_atomically"]


def write_atomically(target: Path, write: Callable[[BinaryIO], Any]) -> None:
    """Write ``target`` through a temporary file beside it, renamed into place when done.

    On any failure (a full disk, Ctrl-C, an error in ``write``) the temporary file is
    removed and ``target`` is left as it was.
    """
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise ActorGraphError(f"cannot write {target}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ActorGraphError(f"cannot write {target}: {error.strerror or error}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
