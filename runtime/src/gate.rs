//! Compile-time version gating: a proof that the host's base library is new enough.

use std::fmt;

use crate::version::Version;

/// Proof that the host's base library is at least `MAJOR.MINOR.PATCH`.
///
/// Generated code asks for one wherever an API or option is newer than the
/// app's declared `min_version`: the setter or `options()` takes it as an
/// argument, so the only way to reach the feature is through a version check.
///
/// ```
/// use mpkit_runtime::{AtLeast, Version};
///
/// let host = Version::new(2, 12, 0);
/// let proof = AtLeast::<2, 10, 4>::check(host)?;
/// // A proof of a newer version also proves an older one.
/// let _older: AtLeast<2, 7, 0> = proof.weaken();
/// assert!(AtLeast::<2, 13, 0>::check(host).is_err());
/// # Ok::<(), mpkit_runtime::VersionTooOld>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AtLeast<const MAJOR: u32, const MINOR: u32, const PATCH: u32> {
    host: Version,
}

impl<const MAJOR: u32, const MINOR: u32, const PATCH: u32> AtLeast<MAJOR, MINOR, PATCH> {
    /// The version this proves.
    pub const VERSION: Version = Version::new(MAJOR, MINOR, PATCH);

    /// Proves it for `host`, or says why not.
    ///
    /// # Errors
    /// [`VersionTooOld`] when `host` is older than the version.
    pub fn check(host: Version) -> Result<Self, VersionTooOld> {
        if host >= Self::VERSION {
            Ok(AtLeast { host })
        } else {
            Err(VersionTooOld {
                required: Self::VERSION,
                host,
            })
        }
    }

    /// The host version the proof was made from.
    #[must_use]
    pub fn host(self) -> Version {
        self.host
    }

    /// The same proof for an older or equal version; refused at compile time
    /// when `M.N.P` is newer than this proof's version.
    #[must_use]
    pub fn weaken<const M: u32, const N: u32, const P: u32>(self) -> AtLeast<M, N, P> {
        const {
            assert!(
                M < MAJOR || (M == MAJOR && (N < MINOR || (N == MINOR && P <= PATCH))),
                "weaken() can only prove an older or equal version"
            );
        }
        AtLeast { host: self.host }
    }
}

impl<const MAJOR: u32, const MINOR: u32, const PATCH: u32> fmt::Debug
    for AtLeast<MAJOR, MINOR, PATCH>
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AtLeast<{MAJOR}.{MINOR}.{PATCH}>(host {})", self.host)
    }
}

/// The host's base library is older than a feature needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionTooOld {
    /// The version the feature needs.
    pub required: Version,
    /// The host's version.
    pub host: Version,
}

impl fmt::Display for VersionTooOld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the host's base library {} is older than the required {}; take the fallback path, or ask the user to update the app",
            self.host, self.required
        )
    }
}

impl std::error::Error for VersionTooOld {}
