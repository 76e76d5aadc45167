"""vardmedel: who gets what from the state's and SKR's health-care agreements, to the krona.

The Python API (see api.py) is importable from here: ``vardmedel.allocate(2022).rows()``.
Its names are resolved on first use, so ``import vardmedel`` (and the command
line's ``--help``) loads neither pydantic nor yaml nor rich.
"""

from __future__ import annotations

import importlib

from ._version import __version__

#: typing's constant without importing typing: this module runs before every cached answer (entry.py),
#: where importing typing would cost a fifth of the whole run. Type checkers treat the name as True.
TYPE_CHECKING = False

__all__ = [
    "Agreements",
    "Allocation",
    "CheckResult",
    "PopulationDataset",
    "Problem",
    "Recipient",
    "Reference",
    "VardmedelError",
    "__version__",
    "allocate",
    "check",
    "deadlines",
    "load",
    "population",
    "read_population",
    "reference_data",
    "regions",
    "series",
]

if TYPE_CHECKING:
    from typing import Any

    from .api import (
        Agreements,
        Allocation,
        VardmedelError,
        allocate,
        check,
        deadlines,
        load,
        population,
        read_population,
        reference_data,
        regions,
        series,
    )
    from .problems import CheckResult, Problem
    from .reference import PopulationDataset, Recipient, Reference


def __getattr__(name: str) -> Any:
    """The API's names, imported when first asked for (PEP 562)."""
    if name not in __all__:
        raise AttributeError(f"module 'vardmedel' has no attribute {name!r}")
    home = ".reference" if name in ("PopulationDataset", "Recipient", "Reference") else ".api"
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
