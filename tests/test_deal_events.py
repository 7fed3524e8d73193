"""Deal events: stage, parties, system, mode, date and quantity from real sentences."""

import pytest

from pipeline.boilerplate import find_zones
from pipeline.corpus import Source
from pipeline.extract.article import extract_article


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


def _sentence_events(facts, corpus, sid, prefix):
    text = corpus[sid].text
    return [e for e in facts[sid].events if text[e.start:e.end].startswith(prefix)]


def _triples(events):
    return {(e.supplier_id, e.recipient_id, e.system_id, e.event_type, e.date.date[:4] if e.date else None)
            for e in events}


def _article(text, registry, published="2021-06-15"):
    source = Source("t", text, None, published=published, published_precision="day", zones=find_zones(text))
    return extract_article(source, registry).events


def test_arms_deals_name_no_system(facts, corpus):
    events = _sentence_events(facts, corpus, "000_708913dc424a46cc", "A spokesman for the Russian arms exporter")
    assert ("russia", "turkey", None, "agreement", None) in _triples(events)
    assert ("russia", "turkey", "missile-defence-system", "agreement", None) in _triples(events)


def test_military_contracts_with_two_coordinated_recipients(facts, corpus):
    events = _sentence_events(facts, corpus, "000_708913dc424a46cc", "News of Turkey")
    assert _triples(events) == {("russia", "china", None, "contract", None), ("russia", "thailand", None, "contract", None)}


def test_interest_in_other_weapons_besides_the_s400_names_no_system(facts, corpus):
    for prefix in ("DEFYING NATO", "MOSCOW – The chief executive"):
        events = _sentence_events(facts, corpus, "002_39fa8a88ebccc618", prefix)
        assert _triples(events) == {("russia", "turkey", None, "interest", None)}


def test_service_of_the_supplied_weapons_is_servicing_without_a_system(facts, corpus):
    events = _sentence_events(facts, corpus, "001_1696e651a10f4c03", "We have a number of joint projects")
    [service] = [e for e in events if e.event_type == "servicing"]
    assert (service.system_id, service.deal_type) == (None, "support_services")
    assert not [e for e in events if e.event_type == "delivery"]  # 'the supplied weapons' describes, not reports


def test_intentions_to_sell_more_arms_is_a_dated_offer(facts, corpus):
    events = _sentence_events(facts, corpus, "004_2e4f7278477f856a", "In May 2015")
    assert _triples(events) == {("russia", "turkey", None, "offer", "2015")}


def test_ended_all_cooperation_between_the_two_countries(facts, corpus):
    """'over the Turkish-Syrian border' is a place, not a party."""
    events = _sentence_events(facts, corpus, "004_2e4f7278477f856a", "Then, on Nov. 24, 2015")
    assert _triples(events) == {("russia", "turkey", None, "cancellation", "2015")}


def test_a_date_belongs_to_its_own_stage_word(facts, corpus):
    """'Since 2017, ... Turkey's decision to buy the S-400, ... and U.S. threats to break its contract'."""
    events = _sentence_events(facts, corpus, "001_1696e651a10f4c03", "Since 2017")
    assert ("russia", "turkey", "s-400", "agreement", "2017") in _triples(events)
    assert {e.date for e in events if e.supplier_id == "united-states"} == {None}


def test_a_threat_made_by_a_telling_takes_its_date(facts, corpus):
    """'Menendez said last week that the US would impose sanctions ... and would cancel supply ... if it bought
    the S-400s': the threat is the statement (dated); the cancellation is conditional (undated); the
    purchase is the condition, not an event; 'cancel supply' is no delivery."""
    events = _sentence_events(facts, corpus, "002_39fa8a88ebccc618", "US Senator Bob Menendez")
    assert _triples(events) == {("united-states", "turkey", "f-35", "sanction_threat", "2019"),
                                ("united-states", "turkey", "f-35", "cancellation", None)}
    assert {e.event_type: e.mode for e in events} == {"sanction_threat": "asserted", "cancellation": "hypothetical"}


def test_consultations_offered_are_the_offer_not_talks(facts, corpus):
    events = _sentence_events(facts, corpus, "003_dcf083e96e20465f", "“If the Turkish side decides to purchase")
    assert [(e.event_type, e.mode) for e in events] == [("offer", "hypothetical")]


def test_a_possible_delivery_is_not_an_event(facts, corpus):
    assert not _sentence_events(facts, corpus, "003_dcf083e96e20465f", "About the possible delivery")
    assert not _sentence_events(facts, corpus, "004_2e4f7278477f856a", "Turkey's NATO allies could also oppose")


def test_a_stage_said_twice_keeps_its_date(facts, corpus):
    """'Russia must first provide China with S-400s, a transfer that will take place no earlier than 2018.'"""
    events = _sentence_events(facts, corpus, "004_2e4f7278477f856a", "Finally, the sale could face")
    [e] = [e for e in events if e.recipient_id == "china"]
    assert (e.event_type, e.mode, e.date.date) == ("delivery", "expected", "2018")


def test_contract_last_year_and_delivery_in_2020(registry):
    events = _article("Turkey, which signed a $2.5 billion contract for four S-400 batteries last year, is expected "
                      "to receive its first systems in 2020.", registry, published="2018-01-25")
    assert _triples(events) == {("russia", "turkey", "s-400", "contract", "2017"),
                                ("russia", "turkey", "s-400", "delivery", "2020")}


def test_what_arrived_is_named_before_it(registry):
    events = _article("Minsk already operates Russian-made Su-30SM fighters, the first of which arrived in 2019, and has "
                      "received several Tor-M2 short-range air defence systems in recent years.", registry)
    assert _triples(events) == {("russia", "belarus", "su-30", "delivery", "2019"),
                                ("russia", "belarus", "tor-m2", "delivery", None)}


def test_coordinated_systems_each_with_their_date(registry):
    events = _article("China demands U.S. revoke sanctions over Russian arms purchases\n\nThe State Department announced "
                      "on Thursday that it was penalizing the Equipment Development Department for taking delivery of 10 "
                      "Su-35 combat aircraft in 2017 and S-400 missile systems earlier this year.", registry,
                      published="2018-09-21")
    assert {("russia", "china", None, "sanction_threat", None), ("russia", "china", None, "contract", None)} \
        <= _triples(events)
    assert {("russia", "china", "su-35", "delivery", "2017"), ("russia", "china", "s-400", "delivery", "2018"),
            ("russia", "china", "su-35", "sanction_threat", "2018"), ("russia", "china", "s-400", "sanction_threat", "2018")} \
        <= _triples(events)


@pytest.mark.parametrize("text, expected", [
    ("Turkey bought Russian S-400s. He added that Washington had offered Ankara alternative air defence systems.",
     ("united-states", "turkey", "air-defence-systems", "offer", None)),
    ("Rosoboronexport CEO Alexander Mikheyev said the company was ready to expand licensed production of Su-30MKI "
     "fighters in India.", ("russia", "india", "su-30", "offer", None)),
    ("He declined to comment on media reports that Algeria had ordered Su-57 fighters.",
     ("russia", "algeria", "su-57", "contract", None)),
])
def test_offer_and_reported_order_wording(registry, text, expected):
    assert expected in _triples(_article(text, registry))


def test_abandoned_plans_and_new_interest(registry):
    events = _article("Indonesia has abandoned plans to buy 11 Sukhoi Su-35 fighter jets from Russia and will instead "
                      "focus on acquiring French Rafale and U.S. F-15EX aircraft.", registry)
    assert _triples(events) == {("russia", "indonesia", "su-35", "cancellation", None),
                                ("france", "indonesia", "rafale", "interest", None),
                                ("united-states", "indonesia", "f-15", "interest", None)}


def test_no_intention_of_cancelling_is_a_denied_cancellation(registry):
    events = _article("Egypt signed a contract for Su-35 fighters. An Egyptian official told Al-Monitor that Cairo had "
                      "no intention of cancelling the order.", registry)
    assert [(e.event_type, e.mode) for e in events if e.event_type == "cancellation"] == [("cancellation", "denied")]


def test_sanctions_on_buyers_of_russian_equipment_name_no_system(registry):
    events = _article("Jakarta signed a deal worth about $1.1 billion for Su-35 jets in 2018, but it stalled after "
                      "Washington threatened sanctions on countries buying Russian military equipment.", registry)
    assert _triples(events) == {("russia", "indonesia", "su-35", "contract", "2018"),
                                ("russia", "indonesia", None, "sanction_threat", None)}


def test_sanctions_already_reported_and_a_speaker_are_not_parties(registry):
    events = _article("The Pentagon condemned Turkey's test of the Russian-made S-400. Demir said the sanctions would not "
                      "derail the country's defence industry. Any further step toward operating the system could trigger "
                      "sanctions under CAATSA, a senior defense official told reporters.", registry)
    assert _triples(events) == {("russia", "turkey", "s-400", "sanction_threat", None)}


def test_general_arms_with_the_systems_listed(registry):
    events = _article("Belarus plans to buy more than $1 billion worth of Russian weapons over the next few years, "
                      "including fighter jets, helicopters and air defence systems.", registry)
    assert {e.system_id for e in events} == {"fighter-aircraft", "helicopters", "air-defence-systems"}


def test_the_supply_a_contract_is_for_is_not_a_delivery(registry):
    events = _article("The sides welcomed the conclusion of the contract for the supply of the S-400 long range surface "
                      "to air missile system to India.", registry)
    assert [e.event_type for e in events] == ["contract"]


@pytest.mark.parametrize("text, expected", [
    ("Egypt is negotiating with Russia over the purchase of Su-35 fighter jets.",
     {("russia", "egypt", "su-35", "talks", None)}),
    ("Russia will deliver the remaining S-400 regiments to India by 2023.",
     {("russia", "india", "s-400", "delivery", "2023")}),
])
def test_negotiating_and_deliver(registry, text, expected):
    assert _triples(_article(text, registry)) == expected


def test_one_buyer_per_system_in_a_sentence_unless_marked(registry):
    events = _article("Russia and Egypt signed a contract worth $2 billion for Su-35 jets last year, but Cairo has since "
                      "come under US pressure to cancel it.", registry)
    assert {(e.recipient_id, e.event_type, e.mode) for e in events} == {("egypt", "contract", "asserted"),
                                                                        ("egypt", "cancellation", "hypothetical")}
    events = _article("Russia sold S-400 systems to China in 2014 and delivered S-400 systems to India in 2021.", registry)
    assert {(e.recipient_id, e.event_type) for e in events} == {("china", "contract"), ("india", "delivery")}


def test_passive_signing_and_further_order(registry):
    events = _article("India bought S-400 systems from Russia. The deal was signed in 2018.", registry)
    assert ("russia", "india", "s-400", "contract", "2018") in _triples(events)
    events = _article("Turkey still intends to buy a second batch of S-400 missile defence systems from Russia.", registry)
    assert [(e.event_type, e.batch) for e in events] == [("interest", 2)]
    events = _article("Russia has delivered the second batch of S-400 systems to Turkey.", registry)
    assert [(e.event_type, e.batch) for e in events] == [("delivery", 1)]  # a tranche, maybe of the same order


@pytest.mark.parametrize("text, expected", [
    ("WASHINGTON — The State Department on Tuesday approved the possible sale of Patriot missile systems to Turkey worth "
     "$3.5 billion, in a bid to steer Ankara away from Russia's S-400.",
     {("united-states", "turkey", "patriot", "offer", "2021")}),
    ("The U.S. State Department approved the sale of 40 new F-16 Block 70 jets to Türkiye in a deal worth about $23 billion.",
     {("united-states", "turkey", "f-16", "offer", None)}),
    ("The United Arab Emirates on Tuesday suspended talks with Washington on the purchase of 50 F-35 jets.",
     {("united-states", "united-arab-emirates", "f-35", "cancellation", "2021")}),
    ("Then-president Dmitry Medvedev banned the delivery of S-300 systems to Iran in 2010 to comply with UN sanctions.",
     {("russia", "iran", "s-300", "cancellation", "2010")}),
    ("Dehghan also said that Tehran intended to buy Su-30 fighter jets from Russia.",
     {("russia", "iran", "su-30", "interest", None)}),
    ("Russia agrees to supply Pantsir air defence systems to Myanmar",
     {("russia", "myanmar", "pantsir-s1", "agreement", None)}),
    ("Vietnam orders 64 T-90 tanks from Russia, report says", {("russia", "vietnam", "t-90", "contract", None)}),
    ('"We are not going to give up on the S-400," Turkish Defense Minister Hulusi Akar told reporters last week.',
     {("russia", "turkey", "s-400", "cancellation", None)}),
    ("In September, a group of U.S. lawmakers said Algeria should face sanctions for buying Su-57 jets.",
     {("russia", "algeria", "su-57", "sanction_threat", "2020")}),
    ("Algiers had ordered 14 Su-57 jets, 14 Su-34 bombers and 14 Su-35 fighters.",
     {("russia", "algeria", s, "contract", None) for s in ("su-57", "su-34", "su-35")}),
])
def test_approvals_suspensions_bans_and_orders(registry, text, expected):
    assert _triples(_article(text, registry)) == expected


def test_a_reason_is_not_what_is_cancelled(registry):
    events = _article("Türkiye was expelled from the F-35 programme in 2019 over its purchase of the Russian S-400 system.",
                      registry)
    assert _triples(events) == {("united-states", "turkey", "f-35", "cancellation", "2019"),
                                ("russia", "turkey", "s-400", "contract", None)}


@pytest.mark.parametrize("text, expected", [
    ("Russia has fulfilled its contract for the supply of 24 Su-35 multirole fighters to China, with the last ten aircraft "
     "handed over this year.", {("russia", "china", "su-35", "contract", None), ("russia", "china", "su-35", "delivery", "2021")}),
    ("The country already flies Russian-made Mi-35 attack helicopters. Russian specialists also maintain the helicopters "
     "for Myanmar under a service contract.",
     {("russia", "myanmar", "mi-35", "servicing", None), ("russia", "myanmar", "mi-35", "contract", None)}),
    ("Turkey bought the F-35 and then the S-400. Ankara had planned to buy about 100 of the U.S. jets.",
     {("united-states", "turkey", "f-35", "interest", None)}),
])
def test_a_definite_noun_refers_back_to_the_model(registry, text, expected):
    assert expected <= _triples(_article(text, registry))
    assert not {t for t in _triples(_article(text, registry)) if t[2] in ("helicopters", "fighter-aircraft")}


@pytest.mark.parametrize("text, expected", [
    ("Defence Minister Aleksandar Vulin said Serbia expected to receive the remaining three Mi-35M helicopters it has "
     "ordered by the end of the year.", {("russia", "serbia", "mi-35", "delivery", "2021")}),
    ("Iran says S-300 deliveries complete, eyes Su-30 jets",
     {("russia", "iran", "s-300", "delivery", None), ("russia", "iran", "su-30", "interest", None)}),
    ("India's AK-203 plant was set up under a 2019 contract with Russia for the licensed production of AK-203 rifles.",
     {("russia", "india", "ak-203", "contract", "2019")}),
    ("Algeria ordered Su-57 fighters. \"We are in negotiations with several countries, and we expect the first export "
     "contract in the near future.\"", {("russia", "algeria", "su-57", "contract", None)}),
])
def test_relative_clause_compound_noun_attributive_year_and_unnamed_party(registry, text, expected):
    assert _triples(_article(text, registry)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The U.S. State Department approved the sale of 40 F-16 jets to Türkiye. Turkish Foreign Minister Hakan Fidan called "
     "the approval a positive step.", ("united-states", "turkey", "f-16", "offer", None)),
    ("Russia has delivered Su-35 fighters and S-400 systems to China. The United States imposed sanctions on the Chinese "
     "military's procurement agency over the purchases.", ("russia", "china", "s-400", "sanction_threat", None)),
    ("Tehran intended to buy Su-30 fighter jets from Russia. Any such sale would require the approval of the UN Security "
     "Council.", ("russia", "iran", "su-30", "contract", None)),
])
def test_a_deal_noun_refers_back_to_earlier_deals(registry, text, expected):
    assert expected in _triples(_article(text, registry))


def test_an_attributive_year_dates_the_noun_after_it(registry):
    events = _article("The joint venture at Korwa was set up under a 2021 contract with Russia for AK-203 rifles for India.",
                      registry, published="2024-02-14")
    assert ("russia", "india", "ak-203", "contract", "2021") in _triples(events)


def test_a_condition_after_a_cancellation_is_not_its_object(registry):
    events = _article("Turkey bought the S-400. The Pentagon has warned that Turkey could lose access to the F-35 if it "
                      "takes delivery of the Russian system.", registry)
    assert {("united-states", "turkey", "f-35", "cancellation", None), ("russia", "turkey", "s-400", "delivery", None)} \
        <= _triples(events)


@pytest.mark.parametrize("text, expected", [
    # present-tense 'receives' in a headline; induction into service is a delivery
    ("Vietnam receives first Su-30 fighters from Russia\n\nHANOI - The jets landed on Monday.",
     ("russia", "vietnam", "su-30", "delivery", None)),
    ("The Indian Air Force formally inducted the first Rafale jets from France in 2020.",
     ("france", "india", "rafale", "delivery", "2020")),
    # a letter of intent is an agreement; 'paid for' says there is a purchase
    ("Serbia and France signed a letter of intent on the purchase of Rafale jets in 2021.",
     ("france", "serbia", "rafale", "agreement", "2021")),
    ("Iraq has already paid for the T-90 tanks, the ministry said.", ("russia", "iraq", "t-90", "contract", None)),
    ("Indonesia is talking to Russia about more Su-35 fighters.", ("russia", "indonesia", "su-35", "talks", None)),
    ("Russian instructors trained Serbian pilots on the MiG-29 in 2019.", ("russia", "serbia", "mig-29", "training", "2019")),
    # a licence deal dated by the year before it; 'acknowledged' dates the telling
    ("A plant promised under a 2006 licence deal for AK-103 rifles with Russia has still not opened in Venezuela, "
     "the minister acknowledged this week.", ("russia", "venezuela", "ak-103", "contract", "2006")),
])
def test_more_stage_words(registry, text, expected):
    assert expected in _triples(_article(text, registry))


def test_an_appositive_joint_venture_is_no_agreement(registry):
    events = _article("Hanoi signed a contract with the firm, an Indo-Russian joint venture, in March 2019 for Su-30 "
                      "fighters.", registry)
    assert _triples(events) == {("russia", "vietnam", "su-30", "contract", "2019")}


def test_what_is_given_in_exchange_is_not_offered(registry):
    events = _article("Russia has offered Indonesia Su-35 fighters in exchange for its old Su-30s, but no talks are "
                      "taking place.", registry)
    assert {(e.system_id, e.event_type, e.mode) for e in events} == {("su-35", "offer", "asserted"),
                                                                   ("su-35", "talks", "denied")}


def test_a_cooperation_agreement_names_no_system(registry):
    events = _article("Russia delivered Su-30 fighters to Venezuela. Their presence is governed by an agreement on "
                      "military-technical cooperation signed in 2001.", registry)
    assert ("russia", "venezuela", None, "agreement", "2001") in _triples(events)
    assert not any(e.event_type == "agreement" and e.system_id for e in events)


@pytest.mark.parametrize("text, stage, mode", [
    ("Armenia says Russia failed to deliver the Su-30 fighters it had ordered.", "delivery", "denied"),
    ("Moscow rules out delivering S-400 systems to Iran.", "delivery", "denied"),
    ("Greek officials urged France not to supply Turkey with Rafale jets.", "delivery", "hypothetical"),
    ("Russia to supply Belarus with S-400 systems\n\nMINSK - Officials confirmed the plan.", "delivery", "expected"),
])
def test_failed_ruled_out_urged_and_headline_infinitive(registry, text, stage, mode):
    assert (stage, mode) in {(e.event_type, e.mode) for e in _article(text, registry) if e.system_id}


def test_any_transfer_and_any_contract_are_no_events(registry):
    events = _article("Moscow warned that any transfer of S-300 systems to Ukraine would breach end-user agreements. "
                      "Russia denies it has breached any contract.", registry)
    assert events == []


@pytest.mark.parametrize("text, expected", [
    # second-hand arms come from the states named after them, each coordinated one a supplier
    ("Turkey has agreed to buy 24 second-hand Eurofighter Typhoons from Qatar and Oman.",
     {("qatar", "turkey", "eurofighter-typhoon", "agreement", None), ("oman", "turkey", "eurofighter-typhoon", "agreement", None)}),
    # the subject of a verb of giving supplies arms made elsewhere
    ("Greece will not transfer its S-300 systems to Ukraine.", {("greece", "ukraine", "s-300", "delivery", None)}),
    ("Athens had already sent Ukraine dozens of BMP-1 infantry fighting vehicles.",
     {("greece", "ukraine", "bmp-1", "delivery", None)}),
    # 'signed a deal to sell': the seller supplies a system of no single origin, in later sentences too
    ("Britain has signed a deal to sell 20 Eurofighter Typhoon jets to Turkey. The first aircraft are due to be delivered "
     "in 2030.", {("united-kingdom", "turkey", "eurofighter-typhoon", "contract", None),
                  ("united-kingdom", "turkey", "eurofighter-typhoon", "delivery", "2030")}),
])
def test_suppliers_named_by_from_and_by_a_verb_of_giving(registry, text, expected):
    assert _triples(_article(text, registry)) == expected


def test_a_letter_sent_is_no_delivery(registry):
    events = _article("Russia has delivered Su-35 fighters to Egypt. The minister wrote in a letter sent earlier this month "
                      "to Cairo that the deal was at risk.", registry, published="2019-11-15")
    assert not any(e.event_type == "delivery" and e.date is not None for e in events)


def test_a_company_name_ending_in_any_is_not_any(registry):
    [e] = [e for e in _article("State-owned Russian arms company Rosoboronexport has offered to sell Su-35 fighters to "
                               "Turkey.", registry) if e.event_type == "offer"]
    assert e.mode == "asserted"


def test_the_deal_as_a_subject_is_the_latest_contract(registry):
    events = _article("Egypt has signed a contract for 30 Rafale jets from France. Its 2018 contract for Russian Su-35 "
                      "fighters has stalled. Washington has made clear that the deal could expose Cairo to sanctions.",
                      registry)
    last = [e for e in events if e.start > 90]
    assert {(e.supplier_id, e.recipient_id, e.system_id, e.event_type) for e in last} == {
        ("russia", "egypt", "su-35", "contract"), ("russia", "egypt", "su-35", "sanction_threat")}
    # as an object ('confirmed the deal') it is no more than a mention
    assert [e for e in _article("Russia has sold Su-35 fighters to Egypt. Neither Moscow nor Cairo has officially confirmed "
                                "the deal.", registry) if e.start > 40] == []


def test_of_two_signatories_the_buyer_does_not_sell(registry):
    events = _article("UK and Turkey sign £5.4bn deal for 20 Eurofighter Typhoon jets\n\nBritain has signed a £5.4bn deal "
                      "to sell 20 Eurofighter Typhoon fighter jets to Turkey. Turkey also wants US F-35 jets.", registry)
    assert ("united-kingdom", "turkey", "eurofighter-typhoon", "contract", None) in _triples(events[:1])


@pytest.mark.parametrize("text, expected", [
    # arms made abroad that a state has ('its 18 Russian-built Su-30MKM fighters') were delivered to it
    ("Malaysia has struggled to keep its 18 Russian-built Su-30MKM fighters flying because of a shortage of spare parts.",
     {("russia", "malaysia", "su-30", "delivery", None)}),
    # the subject of a second predicate gives; the maker in the description receives nothing
    ("Poland has also ordered 250 M1A2 Abrams tanks from the United States and has sent some of its older German-made "
     "Leopard 2 tanks to Ukraine.",
     {("united-states", "poland", "m1-abrams", "contract", None), ("poland", "ukraine", "leopard-2", "delivery", None),
      ("germany", "poland", "leopard-2", "delivery", None)}),
])
def test_arms_made_abroad_in_a_states_possession(registry, text, expected):
    assert _triples(_article(text, registry)) == expected


@pytest.mark.parametrize("text, expected", [
    # a participle with its own adjunct right after a system describes that system, not the next one;
    # a team 'working on' arms services them, and a repeated preposition ('and on the fleet of') coordinates
    ("Russian military specialists are in Venezuela. The team is working on the S-300VM air defence systems delivered in 2013 "
     "and on the fleet of 24 Su-30MK2 fighters that Caracas ordered in 2006.",
     {("russia", "venezuela", "s-300", "servicing", None), ("russia", "venezuela", "s-300", "delivery", "2013"),
      ("russia", "venezuela", "su-30", "servicing", None), ("russia", "venezuela", "su-30", "contract", "2006")}),
    # ', as well as' after a comma coordinates
    ("Under a 2022 framework agreement, Poland can buy up to 1,000 K2 tanks from South Korea, as well as K9 howitzers "
     "and FA-50 light fighters.",
     {("south-korea", "poland", s, "agreement", "2022") for s in ("k2", "k9", "fa-50")}),
])
def test_participles_servicing_teams_and_coordination(registry, text, expected):
    assert _triples(_article(text, registry)) == expected


@pytest.mark.parametrize("text, expected", [
    # aircraft landing in a capital arrive; a headline naming no state takes the article's usual buyer
    ("First Yak-130 trainers land in Dhaka\n\nDHAKA – The first six of 16 Yak-130 combat trainer aircraft ordered from "
     "Russia arrived at Bangladesh Air Force base Bangabandhu on Saturday.", ("russia", "bangladesh", "yak-130", "delivery", None)),
    # the subject of 'rules out sending' would be the giver
    ("Athens rules out sending S-300 systems to Ukraine\n\nGreece will not transfer its S-300 air defence systems to "
     "Ukraine, a spokesman said.", ("greece", "ukraine", "s-300", "delivery", None)),
])
def test_headline_arrivals_and_ruled_out_transfers(registry, text, expected):
    events = _article(text, registry)
    assert expected in _triples([e for e in events if e.start == 0])
