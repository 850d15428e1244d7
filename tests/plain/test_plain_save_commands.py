"""`:delete` asks first and `:rename OLD / NEW` renames; both stay inside the saves folder."""

from __future__ import annotations

import io
from pathlib import Path

from iss.plain import PlainGame
from tests.conftest import TINY, load_ok


def run(saves: Path, lines: str) -> str:
    out = io.StringIO()
    PlainGame(load_ok(TINY), io.StringIO(lines), out, saves_dir=saves).run()
    return out.getvalue()


def slots(saves: Path) -> list[str]:
    return sorted(p.name for p in (saves / "tiny").glob("*.save.json"))


def test_delete_asks_and_only_yes_deletes(tmp_path: Path) -> None:
    text = run(tmp_path, ":save Hatch\n:delete hatch\nno\n:delete Hatch\nyes\n:quit\n")
    assert "Delete the save “hatch”? It cannot be brought back. Type yes to delete it." in text
    assert "Kept “hatch”." in text
    assert "Deleted “Hatch”." in text
    assert slots(tmp_path) == []


def test_rename_then_load_by_the_new_name(tmp_path: Path) -> None:
    text = run(tmp_path, "1\n:save first\n:rename first / By the Key\n:load by the key\n:quit\n")
    assert "Renamed “first” to “By the Key”." in text
    assert "Loaded “By the Key”." in text
    assert "by the key.save.json" in slots(tmp_path)
    assert "first.save.json" not in slots(tmp_path)


def test_bad_names_and_missing_saves_are_refused(tmp_path: Path) -> None:
    (tmp_path / "victim.save.json").write_text("keep me", encoding="utf-8")
    text = run(
        tmp_path,
        ":save first\n:rename first\n:rename first / ../victim\n:delete ../victim\nyes\n"
        ":delete nothing\nyes\n:saves\n:quit\n",
    )
    assert "Type :rename OLD / NEW to rename a save" in text
    assert "(not “.” “/”)" in text
    assert "There is no save named “nothing”." in text
    assert "(:delete NAME deletes a save; :rename OLD / NEW renames one.)" in text
    assert (tmp_path / "victim.save.json").read_text(encoding="utf-8") == "keep me"
    assert slots(tmp_path) == ["first.save.json"]
