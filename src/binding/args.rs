//! JS value -> core value conversions with the official packages' semantics, and the errors
//! that name the argument when a value makes no sense.

use napi::bindgen_prelude::*;
use napi::{JsValue, ValueType};

/// The longest string a u16 length prefix can carry.
pub const MAX_STRING: usize = 65535;

/// Throws a `TypeError` (code `ERR_INVALID_ARG_TYPE`, as Node's own argument checks use).
pub fn type_error(env: &Env, msg: impl AsRef<str>) -> Error {
    let msg = msg.as_ref();
    let _ = env.throw_type_error(msg, Some("ERR_INVALID_ARG_TYPE"));
    Error::new(Status::PendingException, msg)
}

/// Throws a `RangeError` (code `ERR_OUT_OF_RANGE`).
pub fn range_error(env: &Env, msg: impl AsRef<str>) -> Error {
    let msg = msg.as_ref();
    let _ = env.throw_range_error(msg, Some("ERR_OUT_OF_RANGE"));
    Error::new(Status::PendingException, msg)
}

/// At most 40 characters of a value for an error message, quoted, with the length of the rest.
pub fn excerpt(s: &str) -> String {
    const SHOWN: usize = 40;
    match s.char_indices().nth(SHOWN) {
        None => format!("{s:?}"),
        Some((cut, _)) => format!("{:?}... ({} characters)", &s[..cut], s.chars().count()),
    }
}

/// How a value is described in an error message (never its content: it may be a secret).
fn describe(t: ValueType) -> &'static str {
    match t {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::External => "an external",
        ValueType::BigInt => "a bigint",
        _ => "an unknown value",
    }
}

/// The UTF-8 of a JS string value (the caller checked its type).
fn js_string(v: &Unknown<'_>) -> Result<String> {
    String::from_unknown(*v)
}

/// The UTF-8 of a JS string value (the caller checked its type), measured before it is copied:
/// over 65535 bytes throws a `RangeError` naming the argument, and nothing is allocated for it.
fn bounded_string(env: &Env, v: &Unknown<'_>, name: &str) -> Result<String> {
    let len = v.coerce_to_string()?.utf8_len()?;
    if len > MAX_STRING {
        return Err(range_error(
            env,
            format!("{name} is {len} bytes long in UTF-8; the token format allows at most {MAX_STRING}"),
        ));
    }
    js_string(v)
}

/// A required string (channel names, room and user uuids): anything else throws `TypeError`,
/// as `Buffer.from` does in the official code; over 65535 bytes throws `RangeError`.
pub fn string(env: &Env, v: &Unknown<'_>, name: &str) -> Result<String> {
    let t = v.get_type()?;
    if t != ValueType::String {
        return Err(type_error(env, format!("{name} must be a string, got {}", describe(t))));
    }
    bounded_string(env, v, name)
}

/// Clears the exception a JS conversion left pending (a `toString` or `valueOf` that throws, a
/// Proxy trap, a sparse array too long to join), so that an error naming the argument can be
/// thrown instead.
fn clear_exception(env: &Env) {
    let mut exception = std::ptr::null_mut();
    // SAFETY: `env.raw()` is the env of the call in progress, on its JS thread; the out pointer
    // is a valid local. The cleared exception value is dropped (it belongs to the handle scope).
    unsafe { napi::sys::napi_get_and_clear_last_exception(env.raw(), &mut exception) };
}

/// The result of a JS conversion that may run user code: on failure, a `TypeError` that names
/// the argument and what it should be (the value's own message is not echoed).
pub fn converted<T>(env: &Env, r: Result<T>, name: &str, expected: &str, t: ValueType) -> Result<T> {
    r.map_err(|_| {
        clear_exception(env);
        type_error(env, format!("{name} must be {expected}, got {} that does not convert to one", describe(t)))
    })
}

/// An appId or certificate. `None` where the official `isUuid` can never pass (undefined or
/// null), so the builder returns `''`; other values are converted with `toString()` as there
/// (a value whose conversion throws gives a `TypeError` naming the argument).
pub fn credential(env: &Env, v: &Unknown<'_>, name: &str) -> Result<Option<String>> {
    match v.get_type()? {
        // Only 32 characters can pass `isUuid`: a string of another length is not copied.
        ValueType::String if v.coerce_to_string()?.utf8_len()? != 32 => Ok(Some(String::new())),
        ValueType::String => Ok(Some(js_string(v)?)),
        ValueType::Undefined | ValueType::Null => Ok(None),
        ValueType::Symbol => Err(type_error(env, format!("{name} must be a string, got a symbol"))),
        t => {
            let s = v.coerce_to_string().and_then(|s| s.into_utf8()).and_then(|s| Ok(s.as_str()?.to_owned()));
            converted(env, s, name, "a string", t).map(Some)
        }
    }
}

/// `String(n)` for a JS number.
fn number_to_string(v: &Unknown<'_>, n: f64) -> Result<String> {
    if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0 {
        // Safe integers print as plain digits; -0 prints as "0".
        return Ok((n as i64).to_string());
    }
    Ok(v.coerce_to_string()?.into_utf8()?.as_str()?.to_owned())
}

fn number(v: &Unknown<'_>) -> Result<f64> {
    f64::from_unknown(*v)
}

/// An RTC uid or account: strings as they are; a number must be an integer from 0 to
/// 4294967295 (the core's `recipes::numeric_uid`: 0 is `''`, any user), else a `RangeError`
/// naming the argument (the official code signs `"NaN"`, `"1.5"`, `"-1"`, ...); a bigint the
/// same range, as its digits. `undefined`, `null`, booleans and objects, which the official
/// code turns into the strings "undefined", "null", ..., throw a `TypeError`.
pub fn account(env: &Env, v: &Unknown<'_>, name: &str) -> Result<String> {
    let bad = |shown: String| range_error(env, format!("{name} must be an integer from 0 to 4294967295, got {shown}"));
    match v.get_type()? {
        ValueType::String => bounded_string(env, v, name),
        ValueType::Number => {
            let n = number(v)?;
            agora_token::recipes::numeric_uid(n).map_or_else(|| Err(bad(number_to_string(v, n)?)), Ok)
        }
        ValueType::BigInt => {
            let s = v.coerce_to_string()?.into_utf8()?.as_str()?.to_owned();
            if s.parse::<u32>().is_err() {
                let shown = if s.len() > 40 { format!("{}...", &s[..40]) } else { s };
                return Err(bad(format!("{shown}n")));
            }
            Ok(s)
        }
        t => Err(type_error(env, format!("{name} must be a string or a number, got {}", describe(t)))),
    }
}

/// An RTM or Chat user id: `id || ''` for strings, and numbers (which the official runtime
/// rejects) as [`account`] reads them (NaN, which officially signs `''`, throws).
/// `undefined` and `null` throw a `TypeError`.
pub fn user_id(env: &Env, v: &Unknown<'_>, name: &str) -> Result<String> {
    account(env, v, name)
}

/// A u32 field (expiries, timestamps, privilege values) with `writeUInt32LE`'s range and
/// truncation. Numeric strings are converted as `+value` does. A missing value takes
/// `default`, or throws a `TypeError` when there is none; `NaN` and non-numeric values throw
/// a `TypeError` (the official code writes 0); out of range throws a `RangeError`.
pub fn u32_or(env: &Env, v: &Unknown<'_>, name: &str, default: Option<u32>) -> Result<u32> {
    let n = match v.get_type()? {
        ValueType::Number => number(v)?,
        ValueType::String => v.coerce_to_number()?.get_double()?,
        ValueType::Undefined => {
            return default.ok_or_else(|| type_error(env, format!("{name} is required: a number of seconds")));
        }
        t => return Err(type_error(env, format!("{name} must be a number, got {}", describe(t)))),
    };
    if n.is_nan() {
        return Err(type_error(env, format!("{name} must be a number, got NaN")));
    }
    if !(0.0..=4_294_967_295.0).contains(&n) {
        return Err(range_error(
            env,
            format!("{name} must be >= 0 and <= 4294967295, got {}", number_to_string(v, n).unwrap_or_default()),
        ));
    }
    Ok(n as u32)
}

/// A required u32 field.
pub fn u32(env: &Env, v: &Unknown<'_>, name: &str) -> Result<u32> {
    u32_or(env, v, name, None)
}

/// `value == 1`, the official loose role comparison (`'1'` and `true` count).
pub fn loosely_one(env: &Env, v: &Unknown<'_>, name: &str) -> Result<bool> {
    loosely_eq(env, v, 1, name)
}

/// `value == n` for a small integer `n`, with JS's loose equality (`'1' == 1`, `true == 1`).
/// An object whose conversion throws gives a `TypeError` naming the argument.
pub fn loosely_eq(env: &Env, v: &Unknown<'_>, n: i32, name: &str) -> Result<bool> {
    let n = f64::from(n);
    Ok(match v.get_type()? {
        ValueType::Number => number(v)? == n,
        ValueType::Undefined | ValueType::Null | ValueType::Symbol => false,
        ValueType::Boolean => f64::from(u8::from(v.coerce_to_bool()?)) == n,
        ValueType::BigInt => v.coerce_to_string()?.into_utf8()?.as_str()? == number_to_string(v, n)?,
        t => converted(env, v.coerce_to_number().and_then(|x| x.get_double()), name, "a number", t)? == n,
    })
}

/// A value the official code concatenates into a string (`account + appId + ...`): strings as
/// they are, numbers and bigints as JS prints them. Anything else, which JS would print as
/// "undefined", "null" or "[object Object]", throws a `TypeError`.
pub fn text(env: &Env, v: &Unknown<'_>, name: &str) -> Result<String> {
    match v.get_type()? {
        ValueType::String => bounded_string(env, v, name),
        ValueType::Number => number_to_string(v, number(v)?),
        ValueType::BigInt => Ok(v.coerce_to_string()?.into_utf8()?.as_str()?.to_owned()),
        t => Err(type_error(env, format!("{name} must be a string or a number, got {}", describe(t)))),
    }
}

/// A uid or salt of the text channel keys (DynamicKey 1 to 4): an integer from -2^31 to
/// 2^32-1, reduced modulo 2^32 as the official Python, C++ and Java code do (`-1` is written
/// `4294967295`). Fractions and other types throw.
pub fn wrapping_u32(env: &Env, v: &Unknown<'_>, name: &str) -> Result<u32> {
    let t = v.get_type()?;
    if t != ValueType::Number {
        return Err(type_error(env, format!("{name} must be an integer, got {}", describe(t))));
    }
    let n = number(v)?;
    if n.is_nan() || n.fract() != 0.0 {
        return Err(type_error(env, format!("{name} must be an integer, got {}", number_to_string(v, n)?)));
    }
    if !(-2_147_483_648.0..=4_294_967_295.0).contains(&n) {
        return Err(range_error(
            env,
            format!("{name} must be >= -2147483648 and <= 4294967295, got {}", number_to_string(v, n)?),
        ));
    }
    Ok(agora_token::dynamic_key_text::wrap_u32(n as i64))
}

/// `value === 1`, the strict comparison of the ConvoAI and STT builders.
pub fn strictly_one(v: &Unknown<'_>) -> Result<bool> {
    Ok(v.get_type()? == ValueType::Number && number(v)? == 1.0)
}

/// Declares a JS function (or, inside `impl Class { .. }`, a static method in its own
/// `#[napi] impl` block) that returns a string: its attributes, then `fn name(env, args..)`
/// where each argument is `name`, an `Unknown` that the body converts with this module's
/// official semantics, or `name: [Type]`, which napi converts. The arguments are the official
/// JS signature, so clippy's `too_many_arguments` does not apply. Documentation is written
/// `#[doc = " .."]`: a `///` comment passed through a macro reaches napi as a raw string,
/// which it would copy into `native.d.ts` with its `r"`.
macro_rules! js_function {
    (impl $class:ident { $(#[$($attr:tt)*])* fn $name:ident($env:ident, $($args:tt)*) $body:tt }) => {
        js_function!(@arg [$class] [$(#[$($attr)*])*] $name $env [] [$($args)*] $body);
    };
    ($(#[$($attr:tt)*])* fn $name:ident($env:ident, $($args:tt)*) $body:tt) => {
        js_function!(@arg [] [$(#[$($attr)*])*] $name $env [] [$($args)*] $body);
    };
    // One argument at a time: `name: [Type]`, then `name`.
    (@arg $class:tt $attrs:tt $name:ident $env:ident [$($done:tt)*]
        [$arg:ident: [$($ty:tt)*] $(, $($rest:tt)*)?] $body:tt) => {
        js_function!(@arg $class $attrs $name $env [$($done)* $arg: $($ty)*,] [$($($rest)*)?] $body);
    };
    (@arg $class:tt $attrs:tt $name:ident $env:ident [$($done:tt)*]
        [$arg:ident $(, $($rest:tt)*)?] $body:tt) => {
        js_function!(@arg $class $attrs $name $env [$($done)* $arg: Unknown<'_>,] [$($($rest)*)?] $body);
    };
    (@arg [] [$($attr:tt)*] $name:ident $env:ident [$($params:tt)*] [] $body:tt) => {
        $($attr)*
        #[allow(
            clippy::too_many_arguments,
            reason = "the official JS signature (napi's expansion defeats `expect`)"
        )]
        pub fn $name($env: &Env, $($params)*) -> Result<String> $body
    };
    // A method: its whole `impl` block at once (napi's `impl` attribute expands no macro).
    (@arg [$class:ident] [$($attr:tt)*] $name:ident $env:ident [$($params:tt)*] [] $body:tt) => {
        #[napi]
        impl $class {
            $($attr)*
            #[allow(
                clippy::too_many_arguments,
                reason = "the official JS signature (napi's expansion defeats `expect`)"
            )]
            pub fn $name($env: &Env, $($params)*) -> Result<String> $body
        }
    };
}
pub(crate) use js_function;
