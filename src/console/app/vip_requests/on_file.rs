//! The traveller's VIP requests on file, drawn under the form: status,
//! kind, flights and release times on the centre's clocks. A hold due
//! within 15 minutes says so in words; an expired one says what is left
//! to do, never that the seats were released.

use chrono::{DateTime, Duration, Utc};
use ratatui::text::{Line, Span};

use crate::console::ui::{Paint, Theme};
use crate::domain::{
    CentreTime,
    vip::{VipRequest, VipRequestStatus},
};

/// How near a release a hold is marked.
const NEAR: i64 = 15;

/// One line a request, at most `most` of them.
pub fn lines(
    on_file: Option<&Result<Vec<VipRequest>, String>>,
    paint: &Paint,
    most: usize,
) -> Vec<Line<'static>> {
    let theme = paint.theme;
    let head = |words: String| Line::from(Span::styled(words, theme.label()));
    match on_file {
        None => vec![head("  On file: reading…".into())],
        Some(Err(why)) => vec![head(format!("  On file: could not be read: {why}"))],
        Some(Ok(requests)) if requests.is_empty() => vec![head("  On file: none".into())],
        Some(Ok(requests)) => {
            let mut out = vec![head(format!("  On file · {}", requests.len()))];
            out.extend(
                requests
                    .iter()
                    .take(most)
                    .map(|r| line(r, paint.now, &paint.centre, theme)),
            );
            out
        }
    }
}

fn line(
    request: &VipRequest,
    now: DateTime<Utc>,
    centre: &CentreTime,
    theme: Theme,
) -> Line<'static> {
    let flights: Vec<String> = request
        .flights
        .iter()
        .map(|f| match f.release_at {
            Some(at) => format!(
                "{} {} release {}",
                f.flight_no,
                f.date,
                centre.local(at).format("%m-%d %H:%M")
            ),
            None => format!("{} {}", f.flight_no, f.date),
        })
        .collect();
    let mut spans = vec![Span::raw(format!(
        "    {:<10} {:<15} {}",
        request.status.as_str(),
        request.kind.label(),
        flights.join(", ")
    ))];
    if let Some(words) = warning(request, now) {
        spans.push(Span::styled(format!("  {words}"), theme.warn()));
    }
    Line::from(spans)
}

/// What a hold asks of the agent now, in words.
pub fn warning(request: &VipRequest, now: DateTime<Utc>) -> Option<String> {
    let expired = request.status == VipRequestStatus::Expired
        || request.flights.iter().any(|f| f.expired_at.is_some());
    if expired {
        return Some("hold expired — release it in the reservation system".into());
    }
    if request.status != VipRequestStatus::Requested {
        return None;
    }
    let next = request
        .flights
        .iter()
        .filter_map(|f| f.release_at)
        .filter(|at| *at > now)
        .min()?;
    // Minutes begun count: 11 min 30 s left is said as 12.
    let left = ((next - now).num_seconds() + 59) / 60;
    (next - now <= Duration::minutes(NEAR))
        .then(|| format!("releases in {left} min — confirm it or it expires"))
}
