"""Pictures: generated from the package, one row or line per deal, kept up to date."""

import re

from pipeline import REPO_ROOT, pictures
from pipeline.publish import PICTURES_DIR
from pipeline.tables import read_csv_table


def test_pictures_are_up_to_date():
    for name, draw in pictures.PICTURES.items():
        assert (REPO_ROOT / PICTURES_DIR / name).read_text(encoding="utf-8") == draw(REPO_ROOT), f"{name} is stale"


def test_timeline_has_a_row_per_dated_deal_and_accounts_for_every_event(built_package):
    svg = pictures.timelines(built_package)
    events = read_csv_table(built_package, "deal_events")
    dated = events[events["event_date"].notna()]
    marks = re.findall(r'<circle cx="(\d+)" cy="(\d+)" r="5" fill="([^"]+)" stroke="([^"]+)"', svg)
    hidden = sum(int(n) for n in re.findall(r"\(and (\d+) more reports?\)", svg))
    assert 0 < len(marks) <= len(dated) and len(marks) + hidden == len(dated)  # every event drawn or counted
    assert len(set(marks)) == len(marks)  # no mark drawn on top of an identical one
    for deal in dated["deal_id"].unique():
        assert f">{deal}</text>" in svg
    assert 'fill="white"' in svg  # not-asserted events are hollow


def test_overview_has_a_line_per_deal(built_package):
    svg = pictures.supply_overview(built_package)
    assert svg.count("<polyline") == len(read_csv_table(built_package, "deals"))
    assert re.search(r">S-400 Triumf \(batch 2\) — sale — \w+</text>", svg)
