//! The top level of a schema file: one API with its platform facts.

use std::collections::BTreeMap;

use mpkit_runtime::Version;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::node::SchemaNode;

/// One mini-program platform API, such as WeChat's `wx.getUserInfo`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "meta",
    schemars(
        title = "mpkit API schema",
        description = "One mini-program platform API for mpkit. The data parts (request, success, fail, encrypted) are JSON Schema 2020-12; x- keywords carry the platform facts JSON Schema cannot express."
    )
)]
pub struct ApiSchema {
    /// The meta-schema this file follows: a path or URL ending in `meta.schema.json`.
    #[serde(rename = "$schema")]
    pub meta_schema: String,
    /// A short English line saying what the API does.
    pub title: String,
    /// The platform's own description of the API, in its own words.
    pub description: String,
    /// Platform identifier, lowercase (`wechat`, `douyin`, `mpserverless`).
    #[serde(rename = "x-platform")]
    #[cfg_attr(feature = "meta", schemars(regex(pattern = r"^[a-z][a-z0-9_]*$")))]
    pub platform: String,
    /// The platform's name as people write it (`WeChat`, `Douyin`).
    #[serde(rename = "x-platform-name")]
    pub platform_name: String,
    /// Other names people give the platform (`weixin` for `wechat`):
    /// `api = "weixin/getUserInfo"` in the derive is then answered with
    /// `wechat/getUserInfo`. Lowercase, like `x-platform`.
    #[serde(
        rename = "x-platform-aliases",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(
        feature = "meta",
        schemars(inner(regex(pattern = r"^[a-z][a-z0-9_]*$")))
    )]
    pub platform_aliases: Vec<String>,
    /// The oldest base library any host of the platform runs, and where
    /// that fact comes from. What is available at or below it (the API,
    /// an option, a field) needs no version check, whatever the app
    /// declares as its `min_version`. Absent when no floor is known: every
    /// `x-since` is then checked.
    #[serde(
        rename = "x-platform-floor",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub platform_floor: Option<PlatformFloor>,
    /// The JavaScript object the method hangs off (`wx`, `tt`, `mpserverless.user`).
    #[serde(rename = "x-namespace")]
    #[cfg_attr(
        feature = "meta",
        schemars(regex(pattern = r"^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$"))
    )]
    pub namespace: String,
    /// The method name (`getUserInfo`).
    #[serde(rename = "x-method")]
    #[cfg_attr(
        feature = "meta",
        schemars(regex(pattern = r"^[A-Za-z_$][A-Za-z0-9_$]*$"))
    )]
    pub method: String,
    /// Minimum base-library version of the API. Absent when the platform
    /// documents none; mpkit then does not gate the API itself.
    #[serde(rename = "x-since", default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Version>,
    /// How the API is called: with success/fail/complete callbacks, or as a promise.
    #[serde(rename = "x-call-style")]
    pub call_style: CallStyle,
    /// How a host reads its base-library version: expressions on the
    /// namespace's root object (`wx` for `wx`, `mpserverless` for
    /// `mpserverless.user`), tried in order until one gives a version
    /// string. A part ending in `()` is a method called on the object before
    /// it (`getAppBaseInfo().SDKVersion`); the others read a member
    /// (`SDKVersion`). Absent when the app gives the host the version itself
    /// (an EMAS client the app creates, with its SDK's version).
    #[serde(
        rename = "x-version-getters",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(
        feature = "meta",
        schemars(inner(regex(
            pattern = r"^[A-Za-z_$][A-Za-z0-9_$]*(\(\))?(\.[A-Za-z_$][A-Za-z0-9_$]*(\(\))?)*$"
        )))
    )]
    pub version_getters: Vec<String>,
    /// What a promise rejected with a JavaScript `Error` object (rather
    /// than with a payload) means: `host-error` (the default; the host
    /// failed) or `failure` (the platform's way of reporting a failure, as
    /// the EMAS SDK does). Only promise-style calls are rejected.
    #[serde(
        rename = "x-error-rejection",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub error_rejection: Option<ErrorRejection>,
    /// How a response tells success from failure.
    #[serde(rename = "x-outcome")]
    pub outcome: Outcome,
    /// Contexts with their own rules, keyed by name (`plugin`).
    #[serde(
        rename = "x-contexts",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub contexts: BTreeMap<String, Support>,
    /// Host clients, keyed by name (`windows`, `mac`, `harmonyos`).
    #[serde(
        rename = "x-hosts",
        default,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub hosts: BTreeMap<String, Support>,
    /// The user authorization scope the API needs (`scope.userInfo`).
    #[serde(rename = "x-scope", default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Calls that must have succeeded before this one (`wx.login`).
    #[serde(
        rename = "x-prerequisites",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub prerequisites: Vec<Prerequisite>,
    /// Behaviour changes of the platform, newest last.
    #[serde(rename = "x-changes", default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// Which success fields carry the signed and encrypted user data, for
    /// APIs that return it. Generated success types then get `verify` and
    /// `decrypt` methods.
    #[serde(
        rename = "x-credentials",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub credentials: Option<Credentials>,
    /// How the success payload and the decrypted data map onto mpkit's
    /// cross-platform `Profile`; generated types then get `profile()`.
    #[serde(rename = "x-profile", default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<super::ProfileMap>,
    /// Links to the platform's documentation of this API.
    #[serde(rename = "x-docs", default, skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    /// The options object passed to the API (callbacks excluded).
    pub request: SchemaNode,
    /// The object the success callback receives, or the promise resolves to.
    pub success: SchemaNode,
    /// The object the fail callback receives, or the promise rejects with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail: Option<SchemaNode>,
    /// The JSON inside the decrypted `encryptedData`, where the platform has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<SchemaNode>,
    /// Shared definitions, referred to as `#/$defs/<name>`.
    #[serde(rename = "$defs", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub defs: BTreeMap<String, SchemaNode>,
}

impl ApiSchema {
    /// The full JavaScript name of the method, such as `wx.getUserInfo`.
    #[must_use]
    pub fn full_name(&self) -> String {
        format!("{}.{}", self.namespace, self.method)
    }

    /// The definition `reference` (`#/$defs/<name>`) names, if it exists.
    #[must_use]
    pub fn definition(&self, reference: &str) -> Option<&SchemaNode> {
        let name = reference.strip_prefix("#/$defs/")?;
        self.defs.get(&decode_definition_name(name))
    }

    /// `node` with its `$ref`s followed to the definition that holds the
    /// content. Bounded, so a cycle of references cannot loop forever (the
    /// loader reports references that do not resolve).
    #[must_use]
    pub fn resolve<'a>(&'a self, mut node: &'a SchemaNode) -> &'a SchemaNode {
        // Longer chains are refused by the loader (`MAX_TYPE_DEPTH`).
        for _ in 0..=64 {
            match node.reference.as_deref().and_then(|r| self.node_at(r)) {
                Some(target) => node = target,
                None => break,
            }
        }
        node
    }
}

/// The oldest base library any host of a platform runs (`x-platform-floor`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlatformFloor {
    /// The version, in three segments (`1.0.0`).
    pub version: Version,
    /// Where the floor comes from: the platform's page that states it or,
    /// when the platform states none, why this version was chosen. The
    /// loader refuses a blank one.
    pub source: String,
}

/// The success fields that carry signed and encrypted user data, and the
/// scheme they are made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Credentials {
    /// How the encrypted data is made, which decides how a server decrypts
    /// it and what it checks the result against.
    pub scheme: CryptoScheme,
    /// The field with the signed JSON text (`rawData`), when the platform
    /// signs one; named together with `signature` or not at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_data: Option<String>,
    /// The field with `sha1(rawData + session_key)` (`signature`), when the
    /// platform signs; named together with `rawData` or not at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// The field with the base64 ciphertext (`encryptedData`, Baidu's `data`).
    pub encrypted_data: String,
    /// The field with the base64 initialisation vector (`iv`).
    pub iv: String,
    /// For `aes-128-cbc`: where the decrypted data keeps the watermark that
    /// names the app it was issued to, or `"none"` when the platform's
    /// decrypted data has none (then decryption cannot check the app id, and
    /// says so). Not for `aes-192-cbc-framed`, whose frame ends with the app
    /// key instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watermark: Option<WatermarkSpec>,
}

/// The encryption schemes of the platforms' user data; the runtime
/// implements each once (`mpkit::crypto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
pub enum CryptoScheme {
    /// AES-128-CBC under the 16-byte session key, PKCS#7 padding, the
    /// plaintext a JSON object (WeChat, Douyin, QQ, Kuaishou).
    #[serde(rename = "aes-128-cbc")]
    Aes128Cbc,
    /// AES-192-CBC under a 24-byte session key, padded to 32 bytes, the
    /// plaintext framed: 16 random bytes, the JSON's length (4 bytes,
    /// big-endian), the JSON, then the app key it was issued to (Baidu).
    #[serde(rename = "aes-192-cbc-framed")]
    Aes192CbcFramed,
}

/// The watermark of decrypted data, as `x-credentials.watermark` states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum WatermarkSpec {
    /// The member names of the watermark.
    Members(WatermarkMembers),
    /// `"none"`: the decrypted data carries no watermark.
    None(NoWatermark),
}

/// `"none"`, for decrypted data without a watermark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum NoWatermark {
    /// The decrypted data carries no watermark.
    None,
}

/// Where the watermark and its members are in the decrypted data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WatermarkMembers {
    /// The member of the decrypted data holding the watermark object (`watermark`).
    pub member: String,
    /// Its member naming the app the data was issued to (`appid`).
    pub appid: String,
    /// Its member with the issue time in Unix seconds (`timestamp`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
}

impl WatermarkSpec {
    /// The member names, unless the data carries no watermark.
    #[must_use]
    pub fn members(&self) -> Option<&WatermarkMembers> {
        match self {
            WatermarkSpec::Members(members) => Some(members),
            WatermarkSpec::None(_) => None,
        }
    }
}

/// How an API is invoked: the runtime's type, shared so that the schema
/// format and generated code cannot disagree on the styles.
pub use mpkit_runtime::CallStyle;

/// What a promise rejected with an `Error` object means: the runtime's
/// type, shared as [`CallStyle`] is.
pub use mpkit_runtime::ErrorRejection;

/// How a response tells success from failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Which discriminant the platform uses.
    pub style: OutcomeStyle,
    /// The field holding the discriminant (`errMsg`, `success`); not for
    /// `callback`, whose payloads carry none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For `err-msg`: the API name inside the message (`getUserInfo` in
    /// `"getUserInfo:ok"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api: Option<String>,
    /// Fields of the failure that carry a numeric error code (`errno`, `errNo`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// For `callback`: the failure's member with the platform's message
    /// (`errMsg`, `errorMessage`), which becomes the failure's detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The kinds of discriminant a platform uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeStyle {
    /// A string `"<api>:ok"` on success, `"<api>:fail <detail>"` on failure.
    ErrMsg,
    /// A boolean that is `true` on success.
    SuccessFlag,
    /// No discriminant in the payload: which callback runs (`success` or
    /// `fail`) tells them apart (Baidu, Alipay).
    Callback,
}

/// Whether the API works in a context or on a host client, and from which version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// Whether the API can be used there at all.
    pub supported: bool,
    /// The minimum base-library version there, when it differs from the API's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Version>,
    /// The platform's own words about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A call that must have succeeded before this API is called.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Prerequisite {
    /// The full name of the API (`wx.login`, `mpserverless.user.authorize`).
    pub api: String,
    /// Only needed when this option condition holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Why it is needed, in the platform's words.
    pub description: String,
}

/// A condition on one request option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The option's name in `request.properties`.
    pub option: String,
    /// The value the option must have. Absent: the option only has to be set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<Value>,
}

/// A dated change of the platform's behaviour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The day it took effect, `YYYY-MM-DD` (Beijing time unless `description` says otherwise).
    #[cfg_attr(
        feature = "meta",
        schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
    )]
    pub date: String,
    /// The first base-library version it applies to, when the platform ties it to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Version>,
    /// A short English line.
    pub title: String,
    /// What changed, in the platform's words.
    pub description: String,
    /// JSON pointers (`/$defs/UserInfo/properties/nickName`) to the parts of this file it affects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affects: Vec<String>,
}

/// The definition name a `$ref` fragment segment names, decoded as JSON
/// Schema resolves it: the fragment is a URI, so percent-escapes first
/// (`a%25b` is `a%b`), then JSON pointer escapes (`~1` is `/`, `~0` is `~`).
/// An escape that is not one is kept as written.
#[must_use]
pub(crate) fn decode_definition_name(segment: &str) -> String {
    let text = super::pointer::percent_decode(segment).unwrap_or_else(|| segment.to_owned());
    text.replace("~1", "/").replace("~0", "~")
}
