"""The names reports give rows and columns of their own, which no area id or recipient name may take.

Apart from the views that write them, so that ``check`` (which refuses such ids and names)
knows them without importing the views: a ``check`` run never draws a table.
"""

from __future__ import annotations

from ..i18n import N_
from ..reference import ORGANISATION, REGION, SAMVERKANSREGION

#: Keys of every recipient row beside the amount columns; an area id (the key of its column) must not be one.
ROW_KEYS = ("recipient", "name", "short_name", "kind", "total", "kr_per_inhabitant")
#: The footer label of each kind's subtotal.
KIND_TOTALS = {
    REGION: N_("Regions"),
    SAMVERKANSREGION: N_("Samverkansregioner"),
    ORGANISATION: N_("Organisations"),
}
TOTAL, ALL_RECIPIENTS = N_("Total"), N_("All recipients")
#: Every label a footer line writes where the rows have a recipient's name: no recipient may be called so.
ROW_LABELS = (TOTAL, ALL_RECIPIENTS, *KIND_TOTALS.values())
