//! The body of a VIP request's confirm, release or cancel: optional. The
//! reservation system may send none (or an empty one); one that is sent is
//! read under the rule of every JSON body (`server::body`).

use axum::extract::{FromRequest, Request};
use bytes::Bytes;

use crate::{
    server::{
        body::{parse, sent_as_json},
        error::{ApiError, body_read_error},
        object_body::Object,
    },
    wire::vip_requests::VipActionBody,
};

pub struct ActionBody(pub VipActionBody);

impl<S: Send + Sync> FromRequest<S> for ActionBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = sent_as_json(request.headers());
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| body_read_error(e.status(), &e))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(ActionBody(VipActionBody::default()));
        }
        if !json {
            return Err(ApiError::BadRequest(
                "send the body as Content-Type: application/json".into(),
            ));
        }
        let Object(body) = parse::<Object<VipActionBody>>(&bytes)?;
        Ok(ActionBody(body))
    }
}
