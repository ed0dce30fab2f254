"""A tiny seeded generator whose whole state is one integer, so it saves as plain JSON.

splitmix64: fast, well distributed, and trivially reproducible across Python versions,
unlike `random.Random`, whose state is 625 words and whose algorithms may change.
"""

from __future__ import annotations

MASK = (1 << 64) - 1


def next_float(state: int) -> tuple[int, float]:
    """Advance `state`; return the new state and a float in [0, 1)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return state, z / 18446744073709551616.0


def seed_state(seed: int) -> int:
    return seed & MASK
