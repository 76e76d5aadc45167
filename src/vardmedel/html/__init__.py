"""The HTML report: one self-contained page of charts, a map, the allocation table, notes and sources.

``data`` holds the plain figures a page needs, ``adapter`` fills them from the
engine's results, ``svg`` draws charts as inline SVG strings and ``page``
builds the document. Every word people read comes from ``text``, so that a
translation function can wrap them. Nothing here is imported by the other
commands, so their start-up does not pay for it.
"""
