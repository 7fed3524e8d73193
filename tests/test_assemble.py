"""Assemble: typed tables, deals consolidated from events, registry rows only where referenced."""

import pandas as pd
import pytest

from pipeline import schemas
from pipeline.assemble import assemble


@pytest.fixture(scope="module")
def tables(corpus, facts, registry):
    return assemble(list(corpus.values()), list(facts.values()), registry)


def test_every_table_is_filled_with_schema_columns_and_dtypes(tables):
    for name in schemas.TABLES:
        df = tables[name]
        assert len(df) > 0, name
        assert list(df.columns) == schemas.columns(name)
        assert {c: str(t) for c, t in df.dtypes.items()} == \
            {c: str(pd.Series(dtype=t).dtype) for c, t in schemas.pandas_dtypes(name).items()}
        key = schemas.primary_key(name)
        assert not df.duplicated(key).any(), name
        assert df[key].equals(df[key].sort_values(key).reset_index(drop=True)), name


def test_russia_turkey_s400_sale_is_consolidated_across_articles(tables):
    deal = tables["deals"].set_index("deal_id").loc["russia-turkey-s-400-sale"]
    events = tables["deal_events"][tables["deal_events"]["deal_id"] == "russia-turkey-s-400-sale"]
    assert deal["n_sources"] == events["source_id"].nunique() >= 3
    assert deal["n_events"] == len(events)
    assert deal["status"] == "delivered"  # "fully met the contractual obligations for the transfer"
    assert deal["delivery_first_year"] == 2019
    assert deal["first_reported"] == "2016-11" and deal["last_reported"] == "2020-06"


def test_russia_china_deal_years_come_from_dated_events(tables):
    deal = tables["deals"].set_index("deal_id").loc["russia-china-s-400-sale"]
    assert deal["ordered_year"] == 2014 and deal["status"] == "contract"
    assert pd.isna(deal["delivery_first_year"])  # "no earlier than 2018" is hypothetical, not a delivery


def test_second_batch_is_its_own_deal(tables):
    deal = tables["deals"].set_index("deal_id").loc["russia-turkey-s-400-sale-batch-2"]
    assert (deal["batch"], deal["status"], deal["quantity"], deal["quantity_unit"]) == (2, "talks", 1, "regimental_set")


def test_undated_events_fall_back_to_publication_date(tables):
    ev = tables["deal_events"]
    undated = ev[ev["date_basis"] == "publication"]
    assert len(undated) > 0
    sources = tables["sources"].set_index("source_id")
    for row in undated.itertuples():
        assert row.event_date == sources.loc[row.source_id, "published"]
        assert row.date_precision == sources.loc[row.source_id, "published_precision"]


def test_actors_are_those_referenced_plus_their_parents(tables, registry):
    actors = set(tables["actors"]["actor_id"])
    assert {"rosoboronexport", "rostec", "russia"} <= actors
    assert "dfnc-ru" not in actors  # in the registry, never named in an article
    for parent in tables["actors"]["parent_id"].dropna():
        assert parent in actors
    extracted = tables["actors"][tables["actors"]["review_status"] == "extracted"]
    assert set(extracted["kind"]) <= {"anonymous_source", "person", "government_body", "media", "company"}
    assert all(a not in registry.actors for a in extracted["actor_id"])


def test_systems_flag_classes(tables):
    systems = tables["systems"].set_index("system_id")
    assert not systems.loc["s-400", "is_class"] and systems.loc["anti-tank-systems", "is_class"]
    assert systems.loc["s-400", "nato_name"] == "SA-21 Growler"


def _event(event_type, mode="asserted", date=None, completed=False):
    return {"event_type": event_type, "mode": mode, "event_date": date, "completed": completed}


def test_status_is_the_latest_stage_and_a_cancellation_wins_unless_the_deal_is_revived():
    from pipeline.assemble import _status

    assert _status([_event("talks"), _event("contract", "expected")]) == "talks"
    assert _status([_event("sanction_threat"), _event("delivery", "denied")]) == "unknown"
    assert _status([_event("contract", date="2014-09"), _event("cancellation", date="2015-11-24")]) == "cancelled"
    assert _status([_event("cancellation", date="2015-11-24"), _event("interest", date="2019-04"),
                    _event("contract", date="2020-06")]) == "contract"  # revived after the cancellation
    assert _status([_event("cancellation", date="2015-11"), _event("contract", date="2015")]) == "cancelled"  # tie
    assert _status([_event("cancellation"), _event("contract", date="2020")]) == "cancelled"  # undated cancellation
    assert _status([_event("cancellation", "denied", "2016"), _event("delivery", date="2017", completed=True)]) == "delivered"
