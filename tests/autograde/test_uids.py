"""Sandbox user ids are leased: runs side by side never share one, and a released id is reused."""

from __future__ import annotations

import subprocess
import sys

from toolkit.autograde.uids import FIRST_SLOT_UID, UidLease


def test_two_runs_asking_for_the_same_id_get_different_ones() -> None:
    first, second = UidLease(FIRST_SLOT_UID + 900), UidLease(FIRST_SLOT_UID + 900)
    try:
        assert first.uid == FIRST_SLOT_UID + 900
        assert second.uid != first.uid and second.uid >= FIRST_SLOT_UID
    finally:
        first.release()
        second.release()
    again = UidLease(FIRST_SLOT_UID + 900)
    assert again.uid == FIRST_SLOT_UID + 900
    again.release()


def test_a_lease_held_by_another_process_is_respected_and_dropped_when_it_ends() -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from toolkit.autograde.uids import UidLease; "
            f"lease = UidLease({FIRST_SLOT_UID + 901}); print(lease.uid, flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == str(FIRST_SLOT_UID + 901)
    mine = UidLease(FIRST_SLOT_UID + 901)
    assert mine.uid != FIRST_SLOT_UID + 901
    mine.release()
    holder.stdin.close()
    holder.wait(timeout=30)
    holder.stdout.close()
    after = UidLease(FIRST_SLOT_UID + 901)
    assert after.uid == FIRST_SLOT_UID + 901
    after.release()
