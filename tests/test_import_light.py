"""``import kiemtra`` stays light: no database driver, no CLI toolkit, no SQL toolkit, no dataframe."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "sqlalchemy",
    "psycopg",
    "psycopg2",
    "pymysql",
    "MySQLdb",
    "sqlite3",
    "click",
    "rich",
    "polars",
    "hypothesis",
)


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(json.loads(out.stdout))


def test_import_kiemtra_loads_no_heavy_module() -> None:
    """A fresh interpreter importing kiemtra has loaded none of the heavy packages."""
    loaded = _modules_after("import kiemtra")
    assert sorted(m for m in loaded if m.split(".")[0] in HEAVY) == []


def test_the_check_sees_a_heavy_import() -> None:
    """The probe itself works: importing sqlite3 shows up in sys.modules."""
    loaded = _modules_after("import kiemtra, sqlite3")
    assert "sqlite3" in loaded
