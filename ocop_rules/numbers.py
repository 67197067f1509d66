"""Exact number formatting: means as half-up decimals and as fractions, with integer arithmetic only."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from math import gcd


@lru_cache(maxsize=8192)  # pure, and called per criterion of every dossier with few distinct arguments
def mean_str(total: int, n: int) -> str:
    """total/n rounded half-up to 2 places: '69.67' for 209/3 (no float ever decides)."""
    sign = "-" if total * n < 0 else ""
    total, n = abs(total), abs(n)
    cents = (200 * total + n) // (2 * n)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


@lru_cache(maxsize=8192)
def ratio_str(total: int, n: int) -> str:
    """total/n as a fraction in lowest terms: '209/3', or '70' when whole."""
    g = gcd(total, n) or 1
    num, den = total // g, n // g
    if den < 0:
        num, den = -num, -den
    return str(num) if den == 1 else f"{num}/{den}"


def fraction_str(value: Fraction) -> str:
    """A fraction in lowest terms: '209/3', or '70' when whole."""
    return ratio_str(value.numerator, value.denominator)
