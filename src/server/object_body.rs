//! A body that must be a JSON object. serde reads a struct from an array
//! too (`["x"]` as `{"text":"x"}`), which would let the wrong JSON through;
//! this reads an object first, then the struct from it, naming the field
//! that is wrong.

use serde::{Deserialize, Deserializer, de::DeserializeOwned, de::Error};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object<T>(pub T);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        serde_path_to_error::deserialize(serde_json::Value::Object(map))
            .map(Object)
            .map_err(|e| D::Error::custom(super::body::at_path(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{body::parse, error::ApiError};

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Probe {
        #[serde(default)]
        text: String,
        #[serde(default)]
        count: u32,
    }

    #[test]
    fn only_objects_are_read_and_the_field_is_named() {
        assert!(parse::<Object<Probe>>(br#"{"text":"x"}"#).is_ok());
        for body in ["[]", r#"["x", 1]"#, "null", "7"] {
            assert!(
                matches!(
                    parse::<Object<Probe>>(body.as_bytes()),
                    Err(ApiError::Unprocessable(_))
                ),
                "{body}"
            );
        }
        let Err(ApiError::Unprocessable(detail)) = parse::<Object<Probe>>(br#"{"count":"x"}"#)
        else {
            panic!("not a 422");
        };
        assert!(detail.contains("count"), "{detail}");
    }
}
