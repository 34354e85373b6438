//! The URIs phone systems present a caller in: RFC 3966 `tel:` and the
//! user part of RFC 3261 `sip:`/`sips:` URIs (`sip:+86…@pbx;user=phone`).

use super::PhoneError;

/// The number inside whatever wrapped it, and the country code its
/// `phone-context` names, if any.
#[derive(Debug, PartialEq, Eq)]
pub struct Unwrapped<'a> {
    pub number: &'a str,
    pub context: Option<String>,
}

/// Longest extension we accept in `;ext=`.
const MAX_EXTENSION_DIGITS: usize = 10;

/// The user part of a `sip:`/`sips:` URI, without its parameters; `None`
/// when `s` is not a SIP URI.
pub fn user_part(s: &str) -> Option<&str> {
    let rest = strip_scheme(s, "sips:").or_else(|| strip_scheme(s, "sip:"))?;
    let user = rest.split_once('@').map_or(rest, |(user, _host)| user);
    Some(user.split(';').next().unwrap_or("").trim())
}

/// Takes a `tel:` or `sip:` URI apart; anything else is a bare number.
pub fn unwrap(s: &str) -> Result<Unwrapped<'_>, PhoneError> {
    let subscriber = if let Some(rest) = strip_scheme(s, "tel:") {
        rest
    } else if let Some(rest) = strip_scheme(s, "sips:").or_else(|| strip_scheme(s, "sip:")) {
        match rest.split_once('@') {
            Some((user, _host)) => user,
            None => return Err(PhoneError::NotANumber("a SIP URI without a user part")),
        }
    } else {
        return Ok(Unwrapped {
            number: s,
            context: None,
        });
    };
    let mut parts = subscriber.split(';');
    let number = parts.next().unwrap_or("").trim();
    let mut context = None;
    for parameter in parts {
        let (name, value) = parameter.split_once('=').unwrap_or((parameter, ""));
        if name.eq_ignore_ascii_case("phone-context") {
            context = phone_context(value)?;
        } else if name.eq_ignore_ascii_case("ext") {
            check_extension(value)?;
        } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(PhoneError::BadCharacters);
        }
    }
    Ok(Unwrapped { number, context })
}

fn strip_scheme<'a>(s: &'a str, scheme: &str) -> Option<&'a str> {
    let head = s.get(..scheme.len())?;
    head.eq_ignore_ascii_case(scheme)
        .then(|| s[scheme.len()..].trim())
}

/// `+44` (a country code, with visual separators allowed) gives the
/// country; a domain name (`example.com`) leaves the default region.
fn phone_context(value: &str) -> Result<Option<String>, PhoneError> {
    if let Some(global) = value.strip_prefix('+') {
        let digits: String = global.chars().filter(char::is_ascii_digit).collect();
        let only_separators = global
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '(' | ')'));
        if digits.is_empty() || !only_separators {
            return Err(PhoneError::NotANumber(
                "its phone-context is not +country code",
            ));
        }
        return Ok(Some(digits));
    }
    let domain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'));
    if domain {
        Ok(None)
    } else {
        Err(PhoneError::NotANumber(
            "its phone-context is neither +country code nor a domain",
        ))
    }
}

fn check_extension(value: &str) -> Result<(), PhoneError> {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let only_separators = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '(' | ')'));
    if digits == 0 || digits > MAX_EXTENSION_DIGITS || !only_separators {
        return Err(PhoneError::NotANumber(
            "its extension is not 1 to 10 digits",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_uris_give_their_number_and_context() {
        assert_eq!(
            unwrap("tel:2079460958;phone-context=+44"),
            Ok(Unwrapped {
                number: "2079460958",
                context: Some("44".into())
            })
        );
        assert_eq!(
            unwrap("TEL:+86-138-0013-8000;ext=123;isub=7"),
            Ok(Unwrapped {
                number: "+86-138-0013-8000",
                context: None
            })
        );
        assert_eq!(
            unwrap("tel:13800138000;phone-context=example.com").map(|u| u.context),
            Ok(None)
        );
    }

    #[test]
    fn sip_uris_give_their_user_part() {
        assert_eq!(
            unwrap("sip:+8613800138000@pbx.example.com;user=phone").map(|u| u.number),
            Ok("+8613800138000")
        );
        assert_eq!(
            unwrap("SIPS:+44-20-7946-0958;phone-context=+44@gw.example.net").map(|u| u.number),
            Ok("+44-20-7946-0958")
        );
        assert_eq!(
            user_part("sip:Anonymous@anonymous.invalid"),
            Some("Anonymous")
        );
        assert_eq!(user_part("+8613800138000"), None);
    }

    #[test]
    fn malformed_uris_are_refused() {
        for bad in [
            "sip:pbx.example.com",
            "tel:123;phone-context=+",
            "tel:123;phone-context=+4x",
            "tel:123;phone-context=",
            "tel:123;phone-context=exa mple",
            "tel:123;ext=",
            "tel:123;ext=12345678901",
            "tel:123;ext=1a",
            "tel:123;na me=1",
        ] {
            assert!(unwrap(bad).is_err(), "{bad}");
        }
    }
}
