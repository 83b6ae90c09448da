//! Compile-time version gating: a proof that the host's base library is new enough.

use std::fmt;

use crate::version::Version;

/// Proof that the host's base library is at least `MAJOR.MINOR.PATCH`.
///
/// Generated code asks for one wherever an API or option is newer than what
/// every host of the app has (the app's declared `min_version`, or the
/// platform's floor): `options()` and the setter take it as their first
/// argument, so the only way to reach the feature is through a version check.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::{AtLeast, Version};
///
/// let host = Version::new(2, 12, 0);
/// let proof = AtLeast::<2, 10, 4>::check(host)?;
/// // A proof of a newer version also proves an older one.
/// let _older: AtLeast<2, 7, 0> = proof.weaken();
/// assert!(AtLeast::<2, 13, 0>::check(host).is_err());
/// # Ok::<(), mpkit::VersionTooOld>(())
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
                "weaken() can only prove an older or equal version: the host may lack the newer one the call needs, so check it, `AtLeast::<M, N, P>::check(host_version)?`, with the version of the `weaken::<M, N, P>` this error names"
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

/// What a generated `options()` or setter takes as its proof: an
/// [`AtLeast`] of exactly the version the API or option needs.
///
/// A proof of a newer version becomes one with [`AtLeast::weaken`], whose
/// target version is inferred from the call: `.lang(proof.weaken(), ...)`.
/// Sealed: only [`AtLeast`] proves anything, so no proof exists without a
/// version check.
///
/// ```
/// # extern crate mpkit_runtime as mpkit;
/// use mpkit::{AtLeast, Proves, Version};
///
/// fn needs_1_4(proof: impl Proves<1, 4, 0>) -> Version {
///     proof.host()
/// }
/// let proof = AtLeast::<2, 10, 4>::check(Version::new(3, 0, 0))?;
/// assert_eq!(needs_1_4(proof.weaken()), Version::new(3, 0, 0));
/// // The version is inferred from the parameter.
/// assert_eq!(needs_1_4(AtLeast::check(Version::new(1, 4, 0))?), Version::new(1, 4, 0));
/// # Ok::<(), mpkit::VersionTooOld>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "this call needs proof of base library {M}.{N}.{P}, an `AtLeast<{M}, {N}, {P}>`, not `{Self}`",
    label = "expected `AtLeast<{M}, {N}, {P}>`, the proof, as the first argument",
    note = "a proof of a newer version serves through `proof.weaken()`, which infers {M}.{N}.{P} from this call",
    note = "without one, check the host: `AtLeast::<{M}, {N}, {P}>::check(host_version)?` (a `VersionTooOld` error on an older host)"
)]
pub trait Proves<const M: u32, const N: u32, const P: u32>: sealed::Sealed + Copy {
    /// The host version the proof was made from.
    fn host(self) -> Version;
}

// The impl is exact, so an `AtLeast::check(host)` or a `weaken()` given as
// the argument infers its version from the parameter; hiding it keeps the
// error on the note above rather than on a generic impl.
#[diagnostic::do_not_recommend]
impl<const M: u32, const N: u32, const P: u32> Proves<M, N, P> for AtLeast<M, N, P> {
    fn host(self) -> Version {
        self.host
    }
}

mod sealed {
    /// Only the runtime's proofs prove a version.
    pub trait Sealed {}
    impl<const M: u32, const N: u32, const P: u32> Sealed for super::AtLeast<M, N, P> {}
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
