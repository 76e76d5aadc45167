"""Tests that drive programs from outside Python skip where those are missing, but fail where CI requires them."""

from __future__ import annotations

import pytest
from conftest import require_tool


def test_a_missing_program_skips_here_and_fails_where_it_is_required(monkeypatch):
    monkeypatch.delenv("VARDMEDEL_REQUIRE_TOOLS", raising=False)
    require_tool("/usr/bin/soffice", "LibreOffice", "apt-get install libreoffice-calc-nogui")  # there: goes on
    with pytest.raises(pytest.skip.Exception, match="LibreOffice is not installed: apt-get install"):
        require_tool(None, "LibreOffice", "apt-get install libreoffice-calc-nogui")
    monkeypatch.setenv("VARDMEDEL_REQUIRE_TOOLS", "1")
    with pytest.raises(pytest.fail.Exception, match=r"LibreOffice is required here \(VARDMEDEL_REQUIRE_TOOLS=1\)"):
        require_tool(None, "LibreOffice", "apt-get install libreoffice-calc-nogui")
