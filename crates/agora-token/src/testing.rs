//! Test support shared by the core's unit tests: the golden vectors the repository keeps in
//! `__test__/fixtures/vectors.json` (see the README beside it) and small accessors for their
//! inputs.

use serde_json::Value;

use crate::channel_key::KeyInputs;

/// Every golden vector, in file order.
pub fn vectors() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../__test__/fixtures/vectors.json");
    let text = std::fs::read_to_string(path).expect("__test__/fixtures/vectors.json in the repository");
    serde_json::from_str(&text).expect("vectors.json is a JSON array")
}

/// The vector with this `id`.
pub fn vector(id: &str) -> Value {
    vectors().into_iter().find(|v| v["id"] == id).unwrap_or_else(|| panic!("no vector {id}"))
}

/// A string input of a vector.
pub fn s<'a>(i: &'a Value, k: &str) -> &'a str {
    i[k].as_str().unwrap_or_else(|| panic!("input {k} is not a string"))
}

/// A numeric input of a vector, wrapped to 32 bits as the official sources do (negative uids).
pub fn n(i: &Value, k: &str) -> u32 {
    i[k].as_i64().unwrap_or_else(|| panic!("input {k} is not an integer")) as u32
}

/// The channel-key inputs of a vector (DynamicKey5 to DynamicKey2).
pub fn key_inputs(i: &Value) -> KeyInputs<'_> {
    KeyInputs {
        app_id: s(i, "app_id"),
        app_certificate: s(i, "app_certificate"),
        channel_name: s(i, "channel_name"),
        unix_ts: n(i, "unix_ts"),
        random_int: n(i, "random_int"),
        uid: n(i, "uid"),
        expired_ts: n(i, "expired_ts"),
    }
}
