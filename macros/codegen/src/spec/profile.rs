//! `x-profile`: how an API's success payload and decrypted data map onto
//! mpkit's cross-platform `Profile`, so that a user's schema for a platform
//! mpkit does not bundle gets `profile()` too.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where each part of the profile sits in the payloads, and what the
/// platform's gender codes and anonymous placeholder are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileMap {
    /// Members of the success payload, by JSON pointer
    /// (`"nickname": "/userInfo/nickName"`).
    #[serde(default, skip_serializing_if = "ProfileMembers::is_empty")]
    pub success: ProfileMembers,
    /// Members of the decrypted data, by JSON pointer (`"openId": "/openId"`).
    #[serde(default, skip_serializing_if = "ProfileMembers::is_empty")]
    pub encrypted: ProfileMembers,
    /// The platform's values of the gender member, per gender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genders: Option<GenderCodes>,
    /// The placeholder profile the platform gives instead of the real one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous: Option<AnonymousProfile>,
}

/// A JSON pointer into a payload for each profile member it has: a string
/// member, or for `gender` a member whose values `genders` names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ProfileMembers {
    /// The nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// The avatar image's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// The gender code (see `genders`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// The country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// The city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The language of the texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The user's id within the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_id: Option<String>,
    /// The user's id across the developer's apps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub union_id: Option<String>,
    /// The user's id in a service (EMAS `userId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The user's id at the sign-in provider (EMAS `oAuthUserId`).
    #[serde(
        rename = "oAuthUserId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub oauth_user_id: Option<String>,
}

impl ProfileMembers {
    /// Each mapped member: the `Profile` field it fills, its `x-profile`
    /// key and its pointer.
    #[must_use]
    pub fn mapped(&self) -> Vec<(&'static str, &'static str, &str)> {
        [
            ("nickname", "nickname", &self.nickname),
            ("avatar_url", "avatarUrl", &self.avatar_url),
            ("gender", "gender", &self.gender),
            ("country", "country", &self.country),
            ("province", "province", &self.province),
            ("city", "city", &self.city),
            ("language", "language", &self.language),
            ("open_id", "openId", &self.open_id),
            ("union_id", "unionId", &self.union_id),
            ("user_id", "userId", &self.user_id),
            ("oauth_user_id", "oAuthUserId", &self.oauth_user_id),
        ]
        .into_iter()
        .filter_map(|(field, key, pointer)| Some((field, key, pointer.as_deref()?)))
        .collect()
    }

    /// Whether nothing is mapped.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.mapped().is_empty()
    }
}

/// The gender member's values per gender (`"male": [1]`, `"female": ["f"]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GenderCodes {
    /// The values meaning male.
    #[serde(default)]
    pub male: Vec<Value>,
    /// The values meaning female.
    #[serde(default)]
    pub female: Vec<Value>,
    /// The values meaning not known.
    #[serde(default)]
    pub unknown: Vec<Value>,
}

/// How the platform's placeholder profile is recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "meta", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnonymousProfile {
    /// The nickname every placeholder profile has (WeChat: "微信用户").
    pub nickname: String,
    /// Where the platform says so.
    pub source: String,
}
