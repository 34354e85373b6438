//! Complaint categories are the settings': the picker offers what the
//! server accepts, and a category the centre made reaches the pop.

use crate::complaint_routes::request;
use crate::fixtures::*;

pub async fn complaint_categories_come_from_the_settings(url: String) {
    let server = serve(&url).await;
    let categories = server
        .client()
        .complaint_categories()
        .await
        .expect("categories")
        .categories;
    assert_eq!(
        categories,
        skydesk::domain::casework::ComplaintSettings::default().categories,
        "the picker offers what the server accepts"
    );
    let anonymous = skydesk::client::ApiClient::new(&server.base, "").expect("client");
    let refused = anonymous
        .complaint_categories()
        .await
        .expect_err("no token");
    assert!(
        matches!(
            refused,
            skydesk::client::ClientError::Api { status: 401, .. }
        ),
        "{refused:?}"
    );
}

/// A category the centre made is the pop's too: the traveller's profile
/// shows its code (not "other"), due by the settings' target, and the
/// alert line names it.
pub async fn a_category_the_centre_made_reaches_the_pop(url: String) {
    use skydesk::{
        domain::{
            CentreTime, Line, LineKind,
            alert::alerts,
            casework::{CategoryTarget, ComplaintSettings},
        },
        server::casework_config::CaseworkConfig,
    };
    let mut complaints = ComplaintSettings::default();
    complaints.categories.push(CategoryTarget {
        code: "lost_upgrade".into(),
        label: "Lost upgrade".into(),
        acknowledge_hours: 4,
        resolve_days: 5,
    });
    let server = serve_with(
        &url,
        ServerConfig {
            casework: CaseworkConfig {
                complaints,
                ..CaseworkConfig::default()
            },
            ..ServerConfig::default()
        },
    )
    .await;
    let client = server.client();
    let record = client
        .open_complaint(ID, &request("lost_upgrade", None), "made-1")
        .await
        .expect("opened");
    assert_eq!(record.due_at, record.opened_at + chrono::Duration::days(5));
    let profile = client.traveller(ID).await.expect("profile");
    let shown = profile
        .open_complaints
        .iter()
        .find(|c| c.id == record.id)
        .expect("the new complaint is on the profile");
    assert_eq!(shown.category, "lost_upgrade");
    assert_eq!(shown.due_at, record.due_at);
    let line = Line {
        name: "General".into(),
        kind: LineKind::General,
    };
    let said: Vec<String> = alerts(
        Some(&profile),
        &line,
        record.due_at - chrono::Duration::hours(1),
        CentreTime::UTC,
    )
    .iter()
    .map(|a| a.text())
    .collect();
    assert!(
        said.iter()
            .any(|a| a.starts_with("lost upgrade complaint due")),
        "{said:?}"
    );
}
