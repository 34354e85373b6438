//! Follow-ups driven by keys and answers: the form, the list, the watch,
//! with the app's fixtures.

#[allow(unused_imports)]
use crate::console::app::tests::*;

use crate::domain::{
    CentreTime,
    vip::{FollowUp, FollowUpOwner, FollowUpStatus},
};

mod follow_up_form;
mod follow_up_list;

/// ann on the VIP hotline, talking to WANG Jianguo (traveller 7) on c1,
/// the centre in Shanghai (09:00 UTC is 17:00 there).
fn vip_talking() -> App {
    let mut app = talking_to(profile(7, "Wang", Tier::Gold));
    app.user.roles = vec![Role::Vip];
    app.centre = CentreTime::default();
    app
}

/// An open follow-up of ann's for traveller `traveller_id`, due `due`.
fn follow_up(id: i64, traveller_id: i64, text: &str, due: DateTime<Utc>) -> FollowUp {
    FollowUp {
        id,
        traveller_id,
        call_id: None,
        text: text.into(),
        due_at: due,
        owner: FollowUpOwner::User("ann".into()),
        status: FollowUpStatus::Open,
        snoozed_until: None,
        created_by: "ann".into(),
        created_at: now(),
        vip_request_id: None,
        version: 3,
        history: Vec::new(),
    }
}
