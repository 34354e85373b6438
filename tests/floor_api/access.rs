//! Who may see the floor: a supervisor, not an agent, not a stranger.

use reqwest::{Method, StatusCode};

use crate::rig::FloorRig;

pub async fn only_supervisors_see_the_floor(url: String) {
    let rig = FloorRig::start(&url).await;
    let (status, body) = rig.send(Method::GET, "/api/v1/floor", &rig.ann, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["title"], "Forbidden");
    let (status, _) = rig
        .send(Method::GET, "/api/v1/floor", "not-a-token", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let floor = rig.floor().await;
    let names: Vec<&str> = floor
        .figures
        .queues
        .iter()
        .map(|q| q.name.as_str())
        .collect();
    assert_eq!(names, ["general", "vip", "corporate", "government"]);
}
