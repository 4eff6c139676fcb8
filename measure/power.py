"""Package power from RAPL (Linux powercap), where the machine exposes it.

RAPL counts the energy of the whole CPU package, not of one process: on a shared
machine other work adds to it, which is why the harness records the load average too.
"""

import glob
import os

ROOT = "/sys/class/powercap"


def domains():
    """Readable package-level energy counters (intel-rapl:N, not their subzones)."""
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "intel-rapl:*"))):
        if os.path.basename(path).count(":") != 1:
            continue
        energy = os.path.join(path, "energy_uj")
        try:
            with open(energy) as f:
                int(f.read())
        except (OSError, ValueError):
            continue
        found.append(path)
    return found


def availability():
    """'rapl (N packages)' or 'unavailable: why', for the machine description."""
    if not os.path.isdir(ROOT):
        return f"unavailable: {ROOT} does not exist"
    if not domains():
        return f"unavailable: no readable package energy counter under {ROOT}"
    return f"rapl ({len(domains())} package{'s' if len(domains()) != 1 else ''})"


class Meter:
    def __init__(self):
        self.paths = domains()

    def _read(self):
        values = []
        for path in self.paths:
            with open(os.path.join(path, "energy_uj")) as f:
                energy = int(f.read())
            with open(os.path.join(path, "max_energy_range_uj")) as f:
                wrap = int(f.read())
            values.append((energy, wrap))
        return values

    def start(self):
        return self._read() if self.paths else None

    def watts(self, start, seconds):
        """Mean package power since `start`, in watts; None without RAPL."""
        if start is None or seconds <= 0:
            return None
        joules = 0.0
        for (before, wrap), (after, _) in zip(start, self._read()):
            delta = after - before
            if delta < 0:  # the counter wrapped around
                delta += wrap
            joules += delta / 1e6
        return joules / seconds
