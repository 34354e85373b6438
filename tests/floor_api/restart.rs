//! A server started again on the same database finds the day where it
//! was.

use skydesk::{
    client::ApiClient,
    domain::{CallEventKind, floor::AgentState},
    store,
};

use crate::rig::{FloorRig, GENERAL, VIP_LINE, agent, queue};

/// A server started again on the same database finds the day as it was.
pub async fn a_restarted_server_finds_the_day(url: String) {
    let (ann, sue) = {
        let rig = FloorRig::start(&url).await;
        rig.pbx("c3", CallEventKind::Ringing, GENERAL).await;
        ApiClient::new(&rig.base, &rig.ann)
            .expect("client")
            .answer("c3")
            .await
            .expect("answered");
        rig.pbx("c4", CallEventKind::Ringing, VIP_LINE).await;
        rig.floor_when(|f| queue(f, "vip").waiting == 1).await;
        rig._server.abort();
        (rig.ann.clone(), rig.sue.clone())
    };
    let store = store::connect(&url).await.expect("store opens");
    let again = FloorRig::serve(store, ann, sue).await;
    let floor = again.floor().await;
    assert_eq!(queue(&floor.figures, "vip").waiting, 1);
    assert_eq!(queue(&floor.figures, "general").last_15_minutes.answered, 1);
    assert_eq!(
        agent(&floor.figures, "ann").map(|a| a.row.state),
        Some(AgentState::OnCall)
    );
}
