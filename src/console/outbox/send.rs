//! One write sent to the server, whichever way it goes (through the outbox
//! or at once): the route each kind of write takes with its idempotency key
//! and version, and what the screen is told of the outcome.

use crate::{
    client::{ApiClient, ClientError, WriteHeaders},
    console::{
        app::Msg,
        ask::Answer,
        request::{RequestError, Write, WriteRequest},
    },
    domain::vip::FollowUpStatus,
    wire::{
        casework::{ComplaintPatch, NoteRequest, WrapUpRequest},
        vip_requests::{FollowUpBody, FollowUpPatch},
    },
};

/// Sends `write` once; what to tell the screen when it went through.
pub async fn send(client: &ApiClient, write: &Write) -> Result<Option<Msg>, ClientError> {
    let key = write.key.as_str();
    let guarded = |version: i64| WriteHeaders {
        idempotency_key: key.to_string(),
        if_match: Some(version),
    };
    Ok(match &write.request {
        WriteRequest::Answer { call_id } => {
            client.answer_keyed(call_id, Some(key)).await?;
            None
        }
        WriteRequest::HangUp { call_id } => {
            client.hangup_keyed(call_id, Some(key)).await?;
            None
        }
        WriteRequest::AddPhone {
            traveller_id,
            e164,
            version,
        } => {
            let added = client
                .add_phone(*traveller_id, e164, &guarded(*version))
                .await?;
            Some(Msg::PhoneAdded {
                traveller_id: *traveller_id,
                e164: e164.clone(),
                result: Ok(added.added),
            })
        }
        WriteRequest::WrapUp {
            call_id,
            disposition,
            summary,
            traveller_id,
        } => {
            let body = WrapUpRequest {
                disposition: disposition.clone(),
                summary: summary.clone(),
                traveller_id: *traveller_id,
            };
            let done = client.wrap_up(call_id, &body, key).await?;
            Some(written(
                write,
                Answer::WrappedUp {
                    call_id: call_id.clone(),
                    result: Ok(done.disposition),
                },
            ))
        }
        WriteRequest::OpenComplaint {
            traveller_id,
            complaint,
        } => {
            let saved = client.open_complaint(*traveller_id, complaint, key).await?;
            Some(written(write, Answer::ComplaintSaved { result: Ok(saved) }))
        }
        WriteRequest::GiveRecovery {
            complaint_id,
            version,
            recovery,
        } => {
            let patch = ComplaintPatch {
                recovery: Some(recovery.clone()),
                ..Default::default()
            };
            Some(change_complaint(client, write, *complaint_id, &guarded(*version), &patch).await?)
        }
        WriteRequest::ChangeComplaint {
            complaint_id,
            version,
            status,
            update,
            resolution,
        } => {
            let patch = ComplaintPatch {
                status: *status,
                update: update.clone(),
                resolution: resolution.clone(),
                recovery: None,
            };
            Some(change_complaint(client, write, *complaint_id, &guarded(*version), &patch).await?)
        }
        WriteRequest::SavePreferences {
            traveller_id,
            version,
            preferences,
        } => {
            let saved = client
                .save_preferences(*traveller_id, preferences, &guarded(*version))
                .await?;
            Some(written(
                write,
                Answer::PreferencesSaved { result: Ok(saved) },
            ))
        }
        WriteRequest::AddNote {
            traveller_id,
            text,
            pnr,
            flight_id,
            corrects,
        } => {
            let note = NoteRequest {
                text: text.clone(),
                pnr: pnr.clone(),
                flight_id: *flight_id,
                corrects: *corrects,
            };
            let saved = client.add_note(*traveller_id, &note, key).await?;
            Some(written(
                write,
                Answer::NoteSaved {
                    traveller_id: *traveller_id,
                    result: Ok(saved),
                },
            ))
        }
        WriteRequest::AddFollowUp {
            traveller_id,
            text,
            due_at,
            owner,
            call_id,
        } => {
            let body = FollowUpBody {
                traveller_id: *traveller_id,
                text: text.clone(),
                due_at: *due_at,
                owner: Some(owner.clone()),
                call_id: call_id.clone(),
            };
            let saved = client.add_follow_up(&body, key).await?;
            Some(written(write, Answer::FollowUpSaved { result: Ok(saved) }))
        }
        WriteRequest::ChangeFollowUp {
            follow_up_id,
            version,
            done,
            snoozed_until,
        } => {
            let patch = FollowUpPatch {
                status: done.then_some(FollowUpStatus::Done),
                owner: None,
                snoozed_until: *snoozed_until,
            };
            let saved = client
                .change_follow_up(*follow_up_id, &patch, &guarded(*version))
                .await?;
            Some(written(write, Answer::FollowUpSaved { result: Ok(saved) }))
        }
        WriteRequest::LogVipRequest {
            traveller_id,
            request,
        } => {
            let saved = client.log_vip_request(*traveller_id, request, key).await?;
            Some(written(
                write,
                Answer::VipRequestSaved {
                    traveller_id: *traveller_id,
                    result: Ok(saved),
                },
            ))
        }
    })
}

/// How a write that did not happen is told to the agent.
pub fn report(write: &Write, error: RequestError) -> Msg {
    match &write.request {
        WriteRequest::AddPhone {
            traveller_id, e164, ..
        } => Msg::PhoneAdded {
            traveller_id: *traveller_id,
            e164: e164.clone(),
            result: Err(error),
        },
        WriteRequest::Answer { .. } => Msg::Failed {
            doing: "could not take the call".into(),
            error,
        },
        WriteRequest::HangUp { .. } => Msg::Failed {
            doing: "could not hang up".into(),
            error,
        },
        WriteRequest::WrapUp { call_id, .. } => written(
            write,
            Answer::WrappedUp {
                call_id: call_id.clone(),
                result: Err(error),
            },
        ),
        WriteRequest::OpenComplaint { .. }
        | WriteRequest::GiveRecovery { .. }
        | WriteRequest::ChangeComplaint { .. } => {
            written(write, Answer::ComplaintSaved { result: Err(error) })
        }
        WriteRequest::SavePreferences { .. } => {
            written(write, Answer::PreferencesSaved { result: Err(error) })
        }
        WriteRequest::AddFollowUp { .. } | WriteRequest::ChangeFollowUp { .. } => {
            written(write, Answer::FollowUpSaved { result: Err(error) })
        }
        WriteRequest::AddNote { traveller_id, .. } => written(
            write,
            Answer::NoteSaved {
                traveller_id: *traveller_id,
                result: Err(error),
            },
        ),
        WriteRequest::LogVipRequest { traveller_id, .. } => written(
            write,
            Answer::VipRequestSaved {
                traveller_id: *traveller_id,
                result: Err(error),
            },
        ),
    }
}

/// A change to a complaint (its status, an update, its recovery), and the
/// record as the server now has it.
async fn change_complaint(
    client: &ApiClient,
    write: &Write,
    complaint_id: i64,
    guard: &WriteHeaders,
    patch: &ComplaintPatch,
) -> Result<Msg, ClientError> {
    let saved = client.change_complaint(complaint_id, patch, guard).await?;
    Ok(written(write, Answer::ComplaintSaved { result: Ok(saved) }))
}

/// The message that answers `write`.
fn written(write: &Write, answer: Answer) -> Msg {
    Msg::Written {
        key: write.key.clone(),
        answer,
    }
}
