"""User ids for sandboxed submissions, leased so that grading runs side by side never share one.

A user id's process limit (RLIMIT_NPROC) counts every process of that id on the machine, so
two runs sharing an id (two trainers grading two courses at once) would let a fork bomb in
one starve the other's submissions. A lease is an exclusive lock on a file named after the
id; the system drops it when the process holding it ends, however it ends.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path

FIRST_SLOT_UID = 61000  # worker slot N asks for 61000 + N first
UID_COUNT = 4096
LEASE_DIR = Path(tempfile.gettempdir()) / "workshop-grade-uids"


class UidLease:
    """A user id no other grading process on this machine holds until :meth:`release`."""

    def __init__(self, preferred: int) -> None:
        LEASE_DIR.mkdir(mode=0o700, exist_ok=True)
        last = FIRST_SLOT_UID + UID_COUNT
        for uid in [preferred, *range(FIRST_SLOT_UID, last)]:
            descriptor = os.open(LEASE_DIR / f"{uid}.lock", os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                continue
            self.uid = uid
            self._descriptor: int | None = descriptor
            return
        raise RuntimeError(f"all {UID_COUNT} sandbox user ids are in use")

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing drops the lock
            self._descriptor = None
