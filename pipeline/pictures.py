"""Pictures generated from a package, as plain SVG (no plotting dependency, byte-stable):
- docs/img/deal-timelines.svg: every deal with dated events, each event a mark at its date,
  coloured by stage, hollow when not asserted;
- docs/img/supply-overview.svg: who supplies what to whom, one line per deal, by status.
Every build draws them into docs/img/ of its output (publish.write_views_for_people).
"""

from __future__ import annotations

from html import escape
from pathlib import Path


from .stages import event_types
from .tables import read_csv_table

MAX_DEALS = 40  # larger packages: the deals with most events
# each event type's colour, in the codebook's order (data/lexicons/event_types.csv)
STAGE_COLOURS = {name: e.colour for name, e in event_types().items()}
_FONT = 'font-family="Helvetica, Arial, sans-serif"'


def _year(date: str) -> float:
    parts = [int(p) for p in date.split("-")]
    month = parts[1] if len(parts) > 1 else 7
    return parts[0] + (month - 0.5) / 12


def _empty(message: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="600" height="40" {_FONT} font-size="13">'
            f'<text x="10" y="25">{escape(message)}</text></svg>\n')


def timelines(package: Path) -> str:
    events = read_csv_table(package, "deal_events")
    events = events[events["event_date"].notna()].copy()
    if events.empty:
        return _empty("Deal timelines: no dated deal events in this package")
    events["x"] = events["event_date"].map(_year)
    counts = events["deal_id"].value_counts()
    deals = sorted(counts.sort_values(ascending=False, kind="stable").index[:MAX_DEALS]
                   if len(counts) > MAX_DEALS else counts.index)
    events = events[events["deal_id"].isin(deals)]
    lo, hi = int(events["x"].min()), int(events["x"].max()) + 1
    left, width, row = 430, 520, 22
    height = 60 + row * len(deals) + 40

    def xpos(year):
        return left + (year - lo) / (hi - lo) * width

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 30}" height="{height}" {_FONT} font-size="11">',
           f'<text x="10" y="20" font-size="14" font-weight="bold">Deal timelines: each event at its date (or its '
           f'report\'s), coloured by stage; hollow: not asserted</text>']
    for year in range(lo, hi + 1):
        out.append(f'<line x1="{xpos(year):.1f}" y1="35" x2="{xpos(year):.1f}" y2="{height - 35}" stroke="#e0e0e0"/>'
                   f'<text x="{xpos(year):.1f}" y="{height - 20}" text-anchor="middle">{year}</text>')
    events = marks(events, xpos)
    for i, deal in enumerate(deals):
        y = 50 + i * row
        out.append(f'<text x="{left - 10}" y="{y + 4}" text-anchor="end">{escape(deal)}</text>')
        for e in events[events["deal_id"] == deal].sort_values(["x", "event_id"]).itertuples():
            colour = STAGE_COLOURS[e.event_type]
            fill = colour if e.mode == "asserted" else "white"
            more = f" (and {e.more} more report{'s' if e.more > 1 else ''})" if e.more else ""
            out.append(f'<circle cx="{e.px}" cy="{y}" r="5" fill="{fill}" stroke="{colour}" stroke-width="2">'
                       f'<title>{escape(e.event_type)} ({escape(e.mode)}) {escape(e.event_date)}, {escape(e.source_id)}: '
                       f'{escape(e.evidence[:120])}{more}</title></circle>')
    legend_x = 10
    for stage, colour in STAGE_COLOURS.items():
        out.append(f'<circle cx="{legend_x + 5}" cy="{height - 6}" r="4" fill="{colour}"/>'
                   f'<text x="{legend_x + 12}" y="{height - 2}">{stage}</text>')
        legend_x += 12 + 7 * len(stage) + 12
    return "\n".join(out + ["</svg>"]) + "\n"


def marks(events, xpos):
    """One mark per deal, stage, pixel column and asserted-or-not (marks that look the same on the
    same spot would hide each other, and a large package would draw hundreds of thousands): the
    earliest event's evidence in its tooltip, with the number of further reports it stands for."""
    events = events.assign(px=[round(xpos(x)) for x in events["x"]], hollow=events["mode"] != "asserted")
    events = events.sort_values(["deal_id", "px", "event_type", "hollow", "x", "event_id"])
    same = ["deal_id", "px", "event_type", "hollow"]
    events["more"] = events.groupby(same, sort=False)["event_id"].transform("size") - 1
    return events.drop_duplicates(same, keep="first")


def supply_overview(package: Path) -> str:
    deals = read_csv_table(package, "deals")
    if deals.empty:
        return _empty("Who supplies what to whom: no deals in this package")
    if len(deals) > MAX_DEALS:  # the deals with most events
        deals = deals.sort_values(["n_events", "deal_id"], ascending=[False, True]).head(MAX_DEALS)
    actors = read_csv_table(package, "actors").set_index("actor_id")["name"]
    systems = read_csv_table(package, "systems").set_index("system_id")["name"]
    suppliers, recipients = sorted(deals["supplier_id"].unique()), sorted(deals["recipient_id"].unique())
    row = 24
    height = 60 + row * max(len(deals), 1)
    ys = {s: 50 + i * (height - 80) / max(len(suppliers), 1) for i, s in enumerate(suppliers)}
    yr = {r: 50 + i * (height - 80) / max(len(recipients), 1) for i, r in enumerate(recipients)}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="1040" height="{height}" {_FONT} font-size="11">',
           '<text x="10" y="20" font-size="14" font-weight="bold">Who supplies what to whom '
           '(one line per deal; label: system, deal type, status)</text>']
    for i, d in enumerate(deals.sort_values(["supplier_id", "recipient_id", "deal_id"]).itertuples()):
        y_label = 50 + i * row
        out.append(f'<polyline points="160,{ys[d.supplier_id]:.1f} 300,{y_label} 740,{y_label} 860,{yr[d.recipient_id]:.1f}" '
                   f'fill="none" stroke="#90a4ae"/>')
        batch = f" (batch {d.batch})" if d.batch > 1 else ""
        system = systems.get(d.system_id, d.system_id) if isinstance(d.system_id, str) else "arms (no system named)"
        label = f"{system}{batch} — {d.deal_type.replace('_', ' ')} — {d.status}"
        out.append(f'<text x="310" y="{y_label - 3}">{escape(label)}</text>')
    for s, y in ys.items():
        out.append(f'<text x="150" y="{y + 4:.1f}" text-anchor="end" font-weight="bold">{escape(actors.get(s, s))}</text>')
    for r, y in yr.items():
        out.append(f'<text x="870" y="{y + 4:.1f}" font-weight="bold">{escape(actors.get(r, r))}</text>')
    return "\n".join(out + ["</svg>"]) + "\n"


PICTURES = {"deal-timelines.svg": timelines, "supply-overview.svg": supply_overview}


def write_pictures(package: Path, out: Path) -> None:
    """Draw every picture of the package at `package` into the folder `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for name, draw in PICTURES.items():
        (out / name).write_text(draw(package), encoding="utf-8")
