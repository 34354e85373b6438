//! The calls waiting, as `GET /api/v1/floor` lists them: who calls (the
//! one traveller's name, tier and segment, or how many share the
//! number, or that it was withheld), VIPs marked, and the same list from
//! a server started again on the same database.

use skydesk::{
    client::ApiClient,
    domain::{
        CallEvent, CallEventKind, E164, Segment, Tier,
        floor::{CallerSegment, FloorFigures, WaitingCall},
    },
    store::{self, DynStore, NewPhone, NewTraveller},
};

use crate::{
    common::calls::SECRET,
    rig::{FloorRig, GENERAL},
};

const OFFICIAL: &str = "+8613800138111";
const SHARED: &str = "+8613800138222";

fn traveller(id: i64, family: &str, tier: Tier, segment: Segment, phone: &str) -> NewTraveller {
    NewTraveller {
        id,
        ffp_number: format!("CA{id:06}"),
        family_name: family.into(),
        given_name: "Wei".into(),
        native_name: None,
        tier,
        miles_balance: 0,
        segment,
        email: None,
        birth_date: None,
        phones: vec![NewPhone {
            e164: E164::parse_exact(phone).expect("valid E.164"),
            dialled: Some(phone.into()),
            label: "mobile".into(),
        }],
        flights_12m: 0,
        miles_12m: 0,
        premium_share: 0.0,
        tier_valid_until: None,
        qualifying_flights: 0,
        qualifying_miles: 0,
        flights: vec![],
        complaints: vec![],
    }
}

/// A V4 official (gold, so a VIP by their segment alone), and two
/// corporate travellers sharing a number.
async fn travellers(store: &DynStore) {
    let corporate = || Segment::Corporate {
        account: "Sinopec".into(),
    };
    store
        .insert_new_travellers(&[
            traveller(
                71,
                "Zhang",
                Tier::Gold,
                Segment::Government { level: 4 },
                OFFICIAL,
            ),
            traveller(72, "Li", Tier::Silver, corporate(), SHARED),
            traveller(73, "Wang", Tier::Basic, corporate(), SHARED),
        ])
        .await
        .expect("travellers inserted");
}

async fn ring(rig: &FloorRig, call_id: &str, from: &str) {
    let event = CallEvent {
        event: CallEventKind::Ringing,
        call_id: call_id.into(),
        from: from.into(),
        to: GENERAL.into(),
        queue: None,
        agent: Some("ann".into()),
        at: None,
    };
    ApiClient::new(&rig.base, "")
        .expect("client")
        .post_call_event(SECRET, &event)
        .await
        .expect("event accepted");
}

fn listed<'a>(figures: &'a FloorFigures, call_id: &str) -> &'a WaitingCall {
    figures
        .waiting
        .iter()
        .find(|w| w.call_id == call_id)
        .unwrap_or_else(|| panic!("{call_id} not listed: {:#?}", figures.waiting))
}

fn said(figures: &FloorFigures) -> Vec<(String, bool, String, String)> {
    figures
        .waiting
        .iter()
        .map(|w| (w.call_id.clone(), w.vip, w.number().to_string(), w.who()))
        .collect()
}

pub async fn the_floor_lists_who_waits_and_a_restart_keeps_it(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    travellers(&store).await;
    let (ann, sue) = {
        let rig = FloorRig::start(&url).await;
        ring(&rig, "w1", OFFICIAL).await;
        ring(&rig, "w2", SHARED).await;
        ring(&rig, "w3", "anonymous").await;
        let floor = rig.floor_when(|f| f.waiting.len() == 3).await;
        let official = listed(&floor.figures, "w1");
        assert_eq!(official.tier, Some(Tier::Gold));
        let facts = official.facts.as_ref().expect("the lookup in brief");
        assert_eq!(
            (facts.number.as_deref(), facts.matches, facts.segment),
            (
                Some(OFFICIAL),
                1,
                Some(CallerSegment::Government { level: 4 })
            )
        );
        assert_eq!(official.who(), "ZHANG Wei · GOLD · V4 government");
        assert!(official.vip, "a V4 official is a VIP on any line");
        assert!(floor.floor.calls["w1"].vip);
        assert_eq!(said(&floor.figures)[0].0, "w1", "the longest wait first");
        assert_eq!(listed(&floor.figures, "w2").who(), "2 travellers");
        assert!(!listed(&floor.figures, "w2").vip);
        assert_eq!(listed(&floor.figures, "w3").who(), "number withheld");
        // Answered, a call leaves the list.
        ApiClient::new(&rig.base, &rig.ann)
            .expect("client")
            .answer("w2")
            .await
            .expect("answered");
        rig.floor_when(|f| f.waiting.len() == 2).await;
        rig._server.abort();
        (rig.ann.clone(), rig.sue.clone())
    };
    let before = {
        let again = FloorRig::serve(store, ann, sue).await;
        said(&again.floor().await.figures)
    };
    assert_eq!(
        before,
        [
            (
                "w1".to_string(),
                true,
                OFFICIAL.to_string(),
                "ZHANG Wei · GOLD · V4 government".to_string()
            ),
            (
                "w3".to_string(),
                false,
                "withheld".to_string(),
                "number withheld".to_string()
            ),
        ],
        "built again from the store, the list is the one before"
    );
}
