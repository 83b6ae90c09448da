//! The watermark inside decrypted data: what [`WatermarkCheck`] requires of
//! it, where it is (member names come from the API's schema through the
//! generated code; the generic functions default to the names WeChat and
//! Douyin use), and platforms whose data has none.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::error::{CryptoError, CryptoErrorKind};

/// What the watermark inside decrypted data must satisfy.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use std::time::Duration;
/// use mpkit::crypto::WatermarkCheck;
///
/// // Issued to this app, at most five minutes ago.
/// let check = WatermarkCheck::appid("wx4f4bc4dec97d474b").max_age(Duration::from_secs(300));
/// // The same, where the platform names the members differently.
/// let other = WatermarkCheck::appid("tt07e3715e98c9aac0").members("mark", "app", Some("time"));
/// // Data that carries no watermark: nothing ties it to an app.
/// let none = WatermarkCheck::none();
/// # let _ = (check, other, none);
/// ```
#[derive(Debug, Clone)]
pub struct WatermarkCheck<'a> {
    expect: Expect<'a>,
    max_age: Option<Duration>,
    now: Option<SystemTime>,
}

#[derive(Debug, Clone, Copy)]
enum Expect<'a> {
    /// A watermark at these members, naming this app.
    App { appid: &'a str, names: Names<'a> },
    /// The platform's decrypted data has no watermark.
    Nothing,
}

#[derive(Debug, Clone, Copy)]
struct Names<'a> {
    member: &'a str,
    appid: &'a str,
    timestamp: Option<&'a str>,
}

impl<'a> WatermarkCheck<'a> {
    /// The data must have been issued to `appid`, as its watermark says:
    /// `watermark.appid` (and `watermark.timestamp` for [`max_age`](Self::max_age))
    /// unless [`members`](Self::members) names them otherwise.
    #[must_use]
    pub fn appid(appid: &'a str) -> Self {
        WatermarkCheck {
            expect: Expect::App {
                appid,
                names: Names {
                    member: "watermark",
                    appid: "appid",
                    timestamp: Some("timestamp"),
                },
            },
            max_age: None,
            now: None,
        }
    }

    /// For a platform whose decrypted data carries no watermark (its
    /// schema says `"watermark": "none"`): nothing in the data ties it to
    /// your app, so the check is skipped, explicitly. Take the user's
    /// identity from your own code-to-session exchange.
    #[must_use]
    pub fn none() -> Self {
        WatermarkCheck {
            expect: Expect::Nothing,
            max_age: None,
            now: None,
        }
    }

    /// Where the watermark is: the member holding it, its app-id member and
    /// its timestamp member, if any. Generated code passes the schema's
    /// names. No effect on [`none`](Self::none).
    #[must_use]
    pub fn members(mut self, member: &'a str, appid: &'a str, timestamp: Option<&'a str>) -> Self {
        if let Expect::App { names, .. } = &mut self.expect {
            *names = Names {
                member,
                appid,
                timestamp,
            };
        }
        self
    }

    /// The watermark's timestamp must be at most `max_age` old. With
    /// [`none`](Self::none) there is no timestamp, and decryption refuses
    /// rather than skip the age check silently.
    #[must_use]
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// Measures the age against `now` instead of the system clock.
    #[must_use]
    pub fn now(mut self, now: SystemTime) -> Self {
        self.now = Some(now);
        self
    }

    /// An error when this check skips the watermark: for data whose type
    /// keeps one (generated types of APIs whose schema names a watermark),
    /// `none()` would let another app's data through.
    pub(super) fn refuse_skipping(&self) -> Result<(), CryptoError> {
        match self.expect {
            Expect::App { .. } => Ok(()),
            Expect::Nothing => Err(watermark_error(
                "this API's decrypted data carries a watermark, so the check cannot be skipped: use `WatermarkCheck::appid` with your app id",
            )),
        }
    }

    /// Whether the data must carry a watermark.
    pub(super) fn expects_watermark(&self) -> bool {
        matches!(self.expect, Expect::App { .. })
    }

    /// Reads only the watermark of the JSON `text`, skipping the rest.
    /// `Err` when the text is not a JSON object; `Ok(None)` when it has no
    /// watermark with a string app id.
    pub(super) fn read_watermark(&self, text: &str) -> Result<Option<MarkValue>, ()> {
        let Expect::App { names, .. } = self.expect else {
            return Ok(None);
        };
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let mark = MemberSeed(names.member)
            .deserialize(&mut deserializer)
            .map_err(drop)?;
        deserializer.end().map_err(drop)?;
        Ok(mark.and_then(|mark| {
            Some(MarkValue {
                appid: mark.get(names.appid)?.as_str()?.to_owned(),
                timestamp: names
                    .timestamp
                    .and_then(|member| mark.get(member))
                    .and_then(Value::as_i64),
            })
        }))
    }

    /// Checks `mark` (what the data's watermark says; `None` when it has
    /// none). A missing watermark is `missing()`, the one decryption error,
    /// like every other member the data lacks. The messages name the two app
    /// ids and the allowed age, never the watermark's timestamp: nothing else
    /// of the plaintext.
    pub(super) fn verify(
        &self,
        mark: Option<Watermark<'_>>,
        missing: fn() -> CryptoError,
    ) -> Result<(), CryptoError> {
        let Expect::App { appid, .. } = self.expect else {
            return match self.max_age {
                None => Ok(()),
                Some(_) => Err(watermark_error(
                    "a maximum age was set, but this API's decrypted data carries no watermark to take the age from; remove `max_age`",
                )),
            };
        };
        let mark = mark.ok_or_else(missing)?;
        if mark.appid != appid {
            return Err(watermark_error(format!(
                "the data was issued to app `{}`, not `{appid}`: it was replayed from another app, or the appid is misconfigured",
                mark.appid
            )));
        }
        if let Some(max_age) = self.max_age {
            // A watermark without a timestamp is a missing member, like any other.
            let issued = mark.timestamp.ok_or_else(missing)?;
            let now = self.now.unwrap_or_else(SystemTime::now);
            let now_secs = now
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            let age = u64::try_from(now_secs.saturating_sub(issued)).unwrap_or(0);
            if age > max_age.as_secs() {
                return Err(watermark_error(format!(
                    "the data was issued more than the allowed {} s ago: ask the client for fresh data",
                    max_age.as_secs()
                )));
            }
        }
        Ok(())
    }
}

fn watermark_error(message: impl Into<String>) -> CryptoError {
    CryptoError::new(CryptoErrorKind::Watermark, message)
}

/// A watermark read on its own, for the two-pass path.
pub(super) struct MarkValue {
    appid: String,
    timestamp: Option<i64>,
}

impl MarkValue {
    pub(super) fn watermark(&self) -> Watermark<'_> {
        Watermark {
            appid: &self.appid,
            timestamp: self.timestamp,
        }
    }
}

/// Reads one member of a JSON object as a `Value`, skipping the others;
/// a member given twice is refused, as a typed decoder refuses it.
struct MemberSeed<'a>(&'a str);

impl<'de> DeserializeSeed<'de> for MemberSeed<'_> {
    type Value = Option<Value>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for MemberSeed<'_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if name == self.0 {
                if found.is_some() {
                    return Err(serde::de::Error::custom("a member given twice"));
                }
                found = Some(map.next_value::<Value>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// The watermark of decrypted data: which app it was issued to, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Watermark<'a> {
    /// The app id the data was issued to.
    pub appid: &'a str,
    /// When it was issued, in Unix seconds, if the data says.
    pub timestamp: Option<i64>,
}

/// A type for decrypted data that keeps its watermark, so that
/// [`decrypt_watermarked`](super::decrypt_watermarked) reads the plaintext once: it decodes the type and
/// checks the watermark the type holds. Generated `Encrypted` types implement
/// it; implement it for your own type to get the same.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::crypto::{Watermark, Watermarked};
///
/// #[derive(serde::Deserialize)]
/// struct Mark { appid: String, timestamp: i64 }
///
/// #[derive(serde::Deserialize)]
/// #[serde(rename_all = "camelCase")]
/// struct Phone { phone_number: String, watermark: Mark }
///
/// impl Watermarked for Phone {
///     fn watermark(&self) -> Option<Watermark<'_>> {
///         Some(Watermark { appid: &self.watermark.appid, timestamp: Some(self.watermark.timestamp) })
///     }
/// }
/// ```
pub trait Watermarked: DeserializeOwned {
    /// The decoded watermark; `None` when the data carries none.
    fn watermark(&self) -> Option<Watermark<'_>>;
}
