"""``vardmedel check`` and ``vardmedel schema``: validation for CI pipelines and editors."""
