"""Run Python in a child process with a memory and time ceiling, for hostile-input tests.

A hostile input that makes kinmap spin or eat memory must fail its test, not hang
the suite or the machine: the child gets an address-space limit (RLIMIT_AS) and a
CPU limit, and the parent a wall-clock timeout.
"""
from __future__ import annotations

import resource
import subprocess
import sys
from dataclasses import dataclass

GB = 1024 ** 3


@dataclass
class Outcome:
    """How a bounded run ended."""

    returncode: int | None  # None: killed at the wall-clock timeout
    stdout: str
    stderr: str

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_bounded(code: str, *args: str, seconds: float = 30.0, memory: int = 2 * GB,
                stdin: str | None = None) -> Outcome:
    """Run `python -c code args...` within `memory` bytes and `seconds` of wall time."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = int(seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    try:
        done = subprocess.run([sys.executable, "-c", code, *args], input=stdin,
                              capture_output=True, text=True, timeout=seconds,
                              preexec_fn=limit)
    except subprocess.TimeoutExpired as expired:
        return Outcome(None, _text(expired.stdout), _text(expired.stderr))
    return Outcome(done.returncode, done.stdout, done.stderr)


def _text(data: bytes | str | None) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    return data or ""
