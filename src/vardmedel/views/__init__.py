"""Engine results and reference data to neutral ``report.Report`` tables, one module per thing to show.

``allocation`` (recipients × areas, pots, agreements or years), ``compare``
(two years or agreements side by side), ``explain`` (one recipient's
arithmetic), ``agreements`` (``list``, ``show``), ``reference_data``
(regions, population datasets); ``rollup`` folds regions into their
samverkansregioner and ``common`` holds what several views share. Views are
pure: they compute nothing about money that the engine has not, print nothing,
and know no output format. Import the module you need; this package imports
none of them, so a command loads only its own view.
"""
