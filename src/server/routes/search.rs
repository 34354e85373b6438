use axum::{
    Json,
    extract::{RawQuery, State},
};

use crate::{
    server::{
        AppState,
        auth::AuthUser,
        error::{ApiError, ApiResult},
        search::{DEFAULT_LIMIT, MAX_LIMIT, SearchSettings, search},
    },
    wire::SearchResults,
};

/// `GET /api/v1/travellers?q=…&limit=…`: travellers by name (Latin, native,
/// pinyin, initials), frequent-flyer number, phone fragment, booking
/// reference or email, best first. Any bad query is a 400 saying why.
pub async fn travellers(
    State(state): State<AppState>,
    _user: AuthUser,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<SearchResults>> {
    let mut q = None;
    let mut limit = None;
    for (name, value) in parse_query(raw.as_deref().unwrap_or(""))? {
        match name.as_str() {
            "q" => q = Some(value),
            "limit" => limit = Some(value),
            _ => {}
        }
    }
    let q = q.ok_or_else(|| ApiError::BadRequest("say what to search for: ?q=".into()))?;
    let limit = match limit {
        None => DEFAULT_LIMIT,
        Some(l) => l
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|l| *l >= 1)
            .ok_or_else(|| {
                ApiError::BadRequest(format!("limit is a whole number from 1 to {MAX_LIMIT}"))
            })?
            .min(MAX_LIMIT),
    };
    Ok(Json(
        search(
            state.store.as_ref(),
            &q,
            limit,
            &SearchSettings {
                airline_code: state.config.airline_code.clone(),
                region: state.config.region,
            },
        )
        .await?,
    ))
}

/// `application/x-www-form-urlencoded` pairs, strictly: a bad `%` escape or
/// bytes that are not UTF-8 (a lone surrogate) are refused, not replaced.
pub(super) fn parse_query(raw: &str) -> ApiResult<Vec<(String, String)>> {
    raw.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(name)?, decode(value)?))
        })
        .collect()
}

fn decode(s: &str) -> ApiResult<String> {
    let bad = || ApiError::BadRequest("the query string is not valid percent-encoded UTF-8".into());
    // `percent_decode` passes a broken escape through as text; a strict
    // reader refuses it, so that `%zz` is never searched for literally.
    let broken_escape = s.match_indices('%').any(|(at, _)| {
        s.as_bytes()
            .get(at + 1..at + 3)
            .is_none_or(|hex| !hex.iter().all(u8::is_ascii_hexdigit))
    });
    if broken_escape {
        return Err(bad());
    }
    // `+` is a space in a query string; an encoded plus (`%2B`) stays one.
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_decode_strictly() {
        let pairs = parse_query("q=%E5%BC%A0%E4%BC%9F&limit=5&x").expect("valid");
        assert_eq!(pairs[0], ("q".into(), "张伟".into()));
        assert_eq!(pairs[1], ("limit".into(), "5".into()));
        assert_eq!(decode("zhang+wei").ok().as_deref(), Some("zhang wei"));
        assert_eq!(decode("%25").ok().as_deref(), Some("%"));
        assert_eq!(decode("1%2B1").ok().as_deref(), Some("1+1"));
        assert_eq!(decode("%25zz").ok().as_deref(), Some("%zz"));
        for bad in ["%", "%4", "%zz", "%ED%A0%80", "%FF", "%+1"] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
