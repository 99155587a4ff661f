"""Where a process's resident memory lies, by kind of mapping (Linux `/proc/PID/smaps`)."""

from __future__ import annotations

from pathlib import Path


def rss_breakdown(pid: int | str = "self") -> dict[str, float] | None:
    """Resident MB in the main heap, in other anonymous memory (thread heaps, large blocks,
    the allocators of torch and Qt), in stacks and in mapped files; None off Linux."""
    path = Path(f"/proc/{pid}/smaps")
    if not path.exists():
        return None
    kb = {"main heap": 0, "other anonymous": 0, "stacks": 0, "files": 0}
    kind = "other anonymous"
    with path.open() as f:
        for line in f:
            head, _, rest = line.partition(" ")
            if not head.endswith(":"):  # a mapping's first line: range perms offset dev inode [name]
                fields = rest.split()
                name = fields[4] if len(fields) > 4 else ""
                kind = ("main heap" if name == "[heap]" else "stacks" if name.startswith("[stack")
                        else "other anonymous" if not name or name.startswith("[") else "files")
            elif head == "Rss:":
                kb[kind] += int(rest.split()[0])
    return {k: v / 1024 for k, v in kb.items()}


def pss_mb(pid: int | str = "self") -> float | None:
    """Proportional set size in MB (each shared page split among the processes mapping it); None off Linux."""
    path = Path(f"/proc/{pid}/smaps_rollup")
    if not path.exists():
        return None
    with path.open() as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return None
