//! Settings that hold a secret are never printed whole: a database URL's
//! password is masked wherever the URL is shown (`Debug`, error messages).
//! The webhook and AMI secrets are `secrecy::SecretString`.

use std::fmt;

use serde::Deserialize;

/// A store URL (`sqlite://PATH`, `postgres://USER:PASSWORD@HOST/DB`).
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(pub String);

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&redacted_url(&self.0), f)
    }
}

/// `url` with the password of its user part, if any, replaced by `***`:
/// `postgres://ann:pw@db/x` → `postgres://ann:***@db/x`. Whatever the
/// scheme (a mistyped one too), and whether or not the rest parses.
pub fn redacted_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    // The user part ends at the last `@` of the authority: a password may
    // itself hold an unescaped `@`.
    let Some(at) = authority.rfind('@') else {
        return url.to_string();
    };
    let user_part = &authority[..at];
    let Some(colon) = user_part.find(':') else {
        return url.to_string();
    };
    format!(
        "{}{}:***{}",
        &url[..scheme_end],
        &user_part[..colon],
        &rest[at..]
    )
}

/// A settings file's parse error as "line L, column C: what is wrong",
/// without the file's line that the parser would quote: that line may be
/// `webhook_secret = …`.
pub fn toml_error_unquoted(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim_end();
    match error.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_error_never_quotes_the_secret_line() {
        for text in [
            "region = \"CN\"\nwebhook_secret = \"hunter2\n",
            "webhook_secret = hunter2\n",
            "webhook_secret = \"hunter2\"\nwebhook_secret = \"hunter2\"\n",
            "webhook_secret = [\"hunter2\"]\n",
        ] {
            let error = toml::from_str::<crate::config::Settings>(text).expect_err("refused");
            let shown = toml_error_unquoted(text, &error);
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.starts_with("line "), "{shown}");
        }
    }

    #[test]
    fn a_password_is_masked_whatever_the_scheme() {
        for (url, shown) in [
            (
                "postgres://ann:s3cret@db:5432/skydesk",
                "postgres://ann:***@db:5432/skydesk",
            ),
            ("postgress://ann:p@ss@db/x", "postgress://ann:***@db/x"),
            ("postgres://ann@db/x", "postgres://ann@db/x"),
            ("sqlite:///tmp/a:b@c.db", "sqlite:///tmp/a:b@c.db"),
            ("mysql://u:pw@h?x=@y", "mysql://u:***@h?x=@y"),
            ("no scheme at all", "no scheme at all"),
            ("", ""),
        ] {
            assert_eq!(redacted_url(url), shown, "{url}");
        }
        let debug = format!("{:?}", DatabaseUrl("postgres://a:topsecret@h/d".into()));
        assert!(!debug.contains("topsecret"), "{debug}");
    }
}
