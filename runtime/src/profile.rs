//! [`Profile`]: a user's profile in one form for every platform, filled by
//! generated `profile()` methods from what a schema's `x-profile` maps.

use std::fmt;

/// A user's profile as every platform's "get user info" gives it, in one
/// form: what Taro or uni-app offer in JavaScript, typed.
///
/// Generated `profile()` methods fill it from a success payload or from
/// decrypted user data, following the schema's `x-profile` mapping; a
/// member the platform does not give is `None`. The platform's own values
/// stay in the typed payload the profile was read from (the raw `gender`
/// code, say), so nothing is lost by reading a profile.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::{Gender, Profile};
///
/// let mut from_success = Profile::new("wechat");
/// from_success.nickname = Some("Ann".to_owned());
/// from_success.gender = Some(Gender::Female);
/// let mut from_decrypted = Profile::new("wechat");
/// from_decrypted.open_id = Some("oGZUI0egBJY1zhBYw2KhdUfwVJJE".to_owned());
/// let profile = from_success.or(from_decrypted);
/// assert_eq!(profile.nickname.as_deref(), Some("Ann"));
/// assert!(profile.open_id.is_some());
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Profile {
    /// The platform key it came from (`wechat`, `douyin`, ...).
    pub platform: &'static str,
    /// The nickname.
    pub nickname: Option<String>,
    /// The avatar image's URL.
    pub avatar_url: Option<String>,
    /// The gender, as the platform's values mean it.
    pub gender: Option<Gender>,
    /// The country, as the platform writes it.
    pub country: Option<String>,
    /// The province, as the platform writes it.
    pub province: Option<String>,
    /// The city, as the platform writes it.
    pub city: Option<String>,
    /// The language the texts are in (`zh_CN`, ...).
    pub language: Option<String>,
    /// The user's id within the app (WeChat, Douyin, QQ, Kuaishou `openId`).
    pub open_id: Option<String>,
    /// The user's id across one developer's apps (`unionId`).
    pub union_id: Option<String>,
    /// The user's id in a service (EMAS Serverless `userId`).
    pub user_id: Option<String>,
    /// The user's id at the sign-in provider (EMAS `oAuthUserId`).
    pub oauth_user_id: Option<String>,
    /// Whether this is the placeholder a platform gives instead of the real
    /// profile (WeChat since 2021: nickname "微信用户", a grey avatar, gender
    /// 0), as the schema's `x-profile.anonymous` describes it.
    pub anonymous: bool,
}

/// A gender, whatever codes the platform uses for it (WeChat and Douyin
/// `0`/`1`/`2`, Alipay `"m"`/`"f"`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
    /// Not known: the user did not say, or the platform did not tell.
    Unknown,
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Gender::Male => "male",
            Gender::Female => "female",
            Gender::Unknown => "unknown",
        })
    }
}

/// Shows the public profile; the user's ids, which can come from decrypted
/// data, only as present or absent, so that no log keeps them.
impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = |value: &Option<String>| value.as_ref().map(|_| "<redacted>");
        f.debug_struct("Profile")
            .field("platform", &self.platform)
            .field("nickname", &self.nickname)
            .field("avatar_url", &self.avatar_url)
            .field("gender", &self.gender)
            .field("country", &self.country)
            .field("province", &self.province)
            .field("city", &self.city)
            .field("language", &self.language)
            .field("open_id", &id(&self.open_id))
            .field("union_id", &id(&self.union_id))
            .field("user_id", &id(&self.user_id))
            .field("oauth_user_id", &id(&self.oauth_user_id))
            .field("anonymous", &self.anonymous)
            .finish()
    }
}

impl Profile {
    /// An empty profile of `platform`.
    #[must_use]
    pub fn new(platform: &'static str) -> Self {
        Profile {
            platform,
            nickname: None,
            avatar_url: None,
            gender: None,
            country: None,
            province: None,
            city: None,
            language: None,
            open_id: None,
            union_id: None,
            user_id: None,
            oauth_user_id: None,
            anonymous: false,
        }
    }

    /// This profile, with what it lacks taken from `other` (the success
    /// payload's profile, completed by the decrypted data's ids, say). It is
    /// anonymous when either is: ids do not make a placeholder real.
    #[must_use]
    pub fn or(self, other: Profile) -> Profile {
        Profile {
            platform: self.platform,
            nickname: self.nickname.or(other.nickname),
            avatar_url: self.avatar_url.or(other.avatar_url),
            gender: self.gender.or(other.gender),
            country: self.country.or(other.country),
            province: self.province.or(other.province),
            city: self.city.or(other.city),
            language: self.language.or(other.language),
            open_id: self.open_id.or(other.open_id),
            union_id: self.union_id.or(other.union_id),
            user_id: self.user_id.or(other.user_id),
            oauth_user_id: self.oauth_user_id.or(other.oauth_user_id),
            anonymous: self.anonymous || other.anonymous,
        }
    }
}

/// A payload a [`Profile`] can be read from: implemented by every
/// generated type with a `profile()` method (a schema's `x-profile` maps
/// it), so generic code can read one from any platform's success payload
/// or decrypted data.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::{Profile, ToProfile};
///
/// /// The profile of a payload, completed by the decrypted data's ids.
/// fn complete<S: ToProfile, D: ToProfile>(success: &S, decrypted: &D) -> Profile {
///     success.profile().or(decrypted.profile())
/// }
/// ```
pub trait ToProfile {
    /// The user's profile in mpkit's form, from what the schema maps.
    fn profile(&self) -> Profile;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_id() {
        let mut profile = Profile::new("wechat");
        profile.nickname = Some("Ann".to_owned());
        profile.open_id = Some("oGZUI0egBJY1zhBYw2KhdUfwVJJE".to_owned());
        let shown = format!("{profile:?}");
        assert!(shown.contains("Ann"), "{shown}");
        assert!(!shown.contains("oGZUI0eg"), "{shown}");
        assert!(shown.contains("open_id: Some(\"<redacted>\")"), "{shown}");
        assert!(shown.contains("union_id: None"), "{shown}");
    }

    #[test]
    fn or_fills_only_what_is_missing() {
        let mut first = Profile::new("wechat");
        first.nickname = Some("Ann".to_owned());
        first.anonymous = true;
        let mut second = Profile::new("wechat");
        second.nickname = Some("Bob".to_owned());
        second.union_id = Some("u".to_owned());
        let merged = first.or(second);
        assert_eq!(merged.nickname.as_deref(), Some("Ann"));
        assert_eq!(merged.union_id.as_deref(), Some("u"));
        assert!(merged.anonymous);
        assert_eq!(Gender::Female.to_string(), "female");
    }
}
