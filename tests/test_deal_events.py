"""Deal events: stage, parties, system, mode, date and quantity from real sentences."""


def _events(facts, sid, **where):
    return [e for e in facts[sid].events if all(getattr(e, k) == v for k, v in where.items())]


def test_china_contract_with_explicit_month(facts):
    [e] = _events(facts, "004_2e4f7278477f856a", recipient_id="china", event_type="contract")
    assert (e.supplier_id, e.system_id, e.mode, e.date.date, e.date.precision, e.date.basis) == \
        ("russia", "s-400", "asserted", "2014-09", "month", "explicit")


def test_delivery_this_month_resolved_against_publication(facts, corpus):
    [e] = [e for e in _events(facts, "001_1696e651a10f4c03", event_type="delivery")
           if corpus["001_1696e651a10f4c03"].text[e.start:e.end].startswith("First deliveries")]
    assert (e.supplier_id, e.recipient_id, e.system_id) == ("russia", "turkey", "s-400")
    assert (e.date.date, e.date.precision, e.date.basis, e.date.text) == ("2019-07", "month", "relative", "this month")


def test_second_regimental_set_is_a_second_batch(facts):
    events = _events(facts, "003_dcf083e96e20465f", batch=2)
    assert events and all(e.event_type == "talks" and e.system_id == "s-400" for e in events)
    assert {(e.quantity, e.quantity_unit) for e in events} == {(1, "regimental_set")}


def test_conditional_offer_is_hypothetical(facts):
    [offer] = _events(facts, "003_dcf083e96e20465f", system_id="su-35", event_type="offer")
    assert offer.mode == "hypothetical"


def test_expected_delivery_in_the_2020s(facts):
    [e] = [e for e in _events(facts, "004_2e4f7278477f856a", recipient_id="turkey", event_type="delivery")
           if e.date is not None and e.date.precision == "decade"]
    assert (e.mode, e.date.date) == ("expected", "2020")


def test_refusal_to_comment_is_not_an_event(facts, corpus):
    text = corpus["004_2e4f7278477f856a"].text
    declined = text.index("has declined to comment")
    assert not [e for e in facts["004_2e4f7278477f856a"].events if e.start <= declined < e.end]


def test_licensed_production_and_support_services(facts):
    assert _events(facts, "001_1696e651a10f4c03", deal_type="licensed_production", system_id="s-400")
    assert _events(facts, "003_dcf083e96e20465f", deal_type="support_services", event_type="servicing")


def test_us_turkey_f35_dispute(facts):
    events = _events(facts, "002_39fa8a88ebccc618", supplier_id="united-states", recipient_id="turkey", system_id="f-35")
    assert {"cancellation", "sanction_threat"} <= {e.event_type for e in events}
    assert "contract" not in {e.event_type for e in events}


def test_contract_goes_to_the_system_it_purchases(facts, corpus):
    """'struggled to get F-35 fighters ordered since Ankara has signed a contract with Moscow to purchase
    Russian S-400 systems': the contract is Turkey's S-400 purchase, not an F-35 order."""
    text = corpus["002_39fa8a88ebccc618"].text
    [e] = [e for e in _events(facts, "002_39fa8a88ebccc618", event_type="contract", mode="asserted")
           if text[e.start:e.end].startswith("Turkey has struggled")]
    assert (e.supplier_id, e.recipient_id, e.system_id) == ("russia", "turkey", "s-400")


def test_disbelief_is_a_denial(facts):
    [e] = _events(facts, "002_39fa8a88ebccc618", event_type="sanction_threat", system_id="s-400")
    assert e.mode == "denied"


def test_the_country_is_the_state_named_just_before(facts, corpus):
    text = corpus["004_2e4f7278477f856a"].text
    [e] = [e for e in facts["004_2e4f7278477f856a"].events if text[e.start:e.end].startswith("The country is a NATO member")]
    assert (e.recipient_id, e.event_type) == ("turkey", "interest")


def test_thai_aircraft_talks_last_month(facts):
    [e] = _events(facts, "000_708913dc424a46cc", recipient_id="thailand", event_type="talks")
    assert (e.event_type, e.system_id, e.date.date, e.date.basis) == ("talks", "military-aircraft", "2015-04", "relative")


def test_evidence_is_a_whole_sentence(facts, corpus):
    for sid, f in facts.items():
        text = corpus[sid].text
        for e in f.events:
            assert text[e.start:e.end] == text[e.start:e.end].strip()
            assert e.date is None or e.start <= e.date.start < e.date.end <= e.end
