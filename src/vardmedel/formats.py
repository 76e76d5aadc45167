"""A table of ``--format`` names, each to the one module that writes it, imported only when chosen.

Output formats (``output/``) and problem formats (``problem_formats/``) are
both such tables; each package declares the ``Protocol`` its modules keep, so
a type checker holds every module to it and a test checks that every name
leads to exactly one module that does. A CSV pipe never loads the table
renderer, since a module is imported only by ``load``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar, cast

Writer = TypeVar("Writer")


class FormatTable(Mapping[str, str], Generic[Writer]):
    """``--format`` name -> dotted module name, in the order ``--help`` lists them."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = dict(modules)

    def __getitem__(self, name: str) -> str:
        return self._modules[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def load(self, name: str) -> Writer:
        """The module that writes format *name* (KeyError for a name not in the table)."""
        return cast(Writer, importlib.import_module(self._modules[name]))
