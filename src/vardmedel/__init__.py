"""vardmedel: who gets what from the state's and SKR's health-care agreements, to the krona.

The Python API (see api.py) is importable from here: ``vardmedel.allocate(2022).rows()``.
Its names are resolved on first use, so ``import vardmedel`` (and the command
line's ``--help``) loads neither pydantic nor yaml nor rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

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
    if name in ("PopulationDataset", "Recipient", "Reference"):
        from . import reference as module
    elif name in __all__:
        from . import api as module
    else:
        raise AttributeError(f"module 'vardmedel' has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
