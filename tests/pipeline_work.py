"""Work functions for the pipeline tests: module level, so worker processes can import them."""
from __future__ import annotations

import os
import signal
import time

from kinmap.errors import KinmapError


def doubled(n: int) -> int:
    """n * 2, the later items quicker, so that workers finish out of order."""
    time.sleep(0.02 * (n % 3))
    return n * 2


def failing_on_three(n: int) -> int:
    if n == 3:
        raise KinmapError(f"item {n}: refused")
    if n == 5:
        raise ValueError("a bug")
    return n * 2


def dying_on_three(n: int) -> int:
    """Kills its own worker on item 3, as the kernel kills a worker out of memory."""
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * 2


def slow(n: int) -> int:
    """Long enough that a run stopped early finds its workers busy."""
    time.sleep(0 if n == 0 else 30)
    return n
