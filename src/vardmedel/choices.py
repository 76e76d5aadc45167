"""The values each choice may take, as types: the command line validates and lists them, mypy checks their use.

Only ``typing`` is imported, so the command line can build its options from
these without loading what implements them; a test ties each to its home
(the output formats, the problem formats, the units, the sort keys).
"""

from __future__ import annotations

from typing import Literal

#: How a report is written (output/).
OutputFormat = Literal["table", "csv", "json", "markdown", "xlsx", "excel-sv"]
#: How ``deadlines`` writes its reports: a table format, or a calendar (output/ics.py).
DeadlineFormat = Literal["table", "csv", "json", "markdown", "xlsx", "excel-sv", "ics"]
#: How ``check`` writes problems (problem_formats/).
ProblemFormat = Literal["text", "github", "json"]
#: The columns of an allocation: one per area, pot or agreement.
By = Literal["area", "pot", "agreement"]
#: The rows of an allocation: every recipient, or the regions rolled up into their samverkansregion.
Level = Literal["recipient", "samverkansregion"]
#: How people's formats show amounts (report.UNITS); the kronor underneath stay whole.
Unit = Literal["kr", "tkr", "mnkr"]
#: How ``compare`` orders its rows.
SortKey = Literal["recipient", "code", "name", "a", "b", "total", "change", "percent", "per-capita"]
#: How ``allocate`` orders its rows (views/selection.py).
Sort = Literal["code", "total", "name", "per-capita"]
#: The language of a run's output (i18n.LANGUAGES).
Language = Literal["en", "sv"]
