"""What a benchmark prints about the machine it ran on: the CPU's name and the load average."""

from __future__ import annotations

import contextlib
import os
import platform


def cpu_model() -> str:
    """The CPU's model name (Linux), else what platform says."""
    with contextlib.suppress(OSError):
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def load_average() -> str:
    """The 1-minute load average ('?' where the system does not say)."""
    with contextlib.suppress(OSError, AttributeError):
        return f"{os.getloadavg()[0]:.2f}"
    return "?"


def machine_line() -> str:
    """'Intel(R) Xeon(R) Processor, 2 CPUs, OMP_WAIT_POLICY=PASSIVE, load average 0.83'."""
    return (f"{cpu_model()}, {os.cpu_count()} CPUs, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset')}, "
            f"load average {load_average()}")
