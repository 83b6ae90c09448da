//! What every generated struct decoder shares: the member-name seed, and
//! reading, requiring and writing one member. Generic and `#[inline]`, so
//! each use compiles to the code the derive would otherwise write out for
//! every member: the expansion stays short and decoding costs the same (the
//! instruction-count benchmarks in CI hold this). For generated code only.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize};

use crate::{JsonInteger, UnknownMembers};

/// The documented members of a generated struct, as tags.
pub trait MemberNames: Sized {
    /// Names of members read out of line (a quirk's nested shape): an
    /// unknown name equal to one is borrowed rather than copied.
    const RARE: &'static [&'static str];

    /// The tag of a documented member; `None` for any other name.
    fn of(name: &str) -> Option<Self>;
}

/// Reads a member name: a documented one as its tag, any other into the
/// buffer (borrowed when it is a rare member's, so that the common case
/// allocates nothing).
pub struct MemberSeed<'a, M>(&'a mut Cow<'static, str>, PhantomData<M>);

impl<'a, M> MemberSeed<'a, M> {
    /// A seed that leaves an undocumented name in `unknown`.
    #[inline]
    pub fn new(unknown: &'a mut Cow<'static, str>) -> Self {
        MemberSeed(unknown, PhantomData)
    }
}

impl<'de, M: MemberNames> DeserializeSeed<'de> for MemberSeed<'_, M> {
    type Value = Option<M>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<M>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<M: MemberNames> Visitor<'_> for MemberSeed<'_, M> {
    type Value = Option<M>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<M>, E> {
        let member = M::of(name);
        if member.is_none() {
            UnknownMembers::remember_name(name, M::RARE, self.0);
        }
        Ok(member)
    }
}

/// Reads the value of member `name` into its slot; a second member of the
/// same name is refused, never settled by keeping one of the two.
///
/// # Errors
/// A duplicate member, or the value's own decode error.
#[inline]
pub fn read_member<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    first::<T, A::Error>(slot, name)?;
    *slot = Some(map.next_value()?);
    Ok(())
}

/// [`read_member`] for an integer, which JSON Schema lets a payload write
/// as `1.0` (serde's `i64` alone refuses it).
///
/// # Errors
/// As [`read_member`].
#[inline]
pub fn read_integer<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<i64>,
    name: &'static str,
) -> Result<(), A::Error> {
    first::<i64, A::Error>(slot, name)?;
    *slot = Some(map.next_value::<JsonInteger>()?.0);
    Ok(())
}

/// [`read_integer`] for an integer or `null`.
///
/// # Errors
/// As [`read_member`].
#[inline]
pub fn read_nullable_integer<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<Option<i64>>,
    name: &'static str,
) -> Result<(), A::Error> {
    first::<Option<i64>, A::Error>(slot, name)?;
    *slot = Some(
        map.next_value::<Option<JsonInteger>>()?
            .map(|integer| integer.0),
    );
    Ok(())
}

/// [`read_member`] for an array of integers, each of which JSON Schema
/// lets a payload write as `1.0`.
///
/// # Errors
/// As [`read_member`].
#[inline]
pub fn read_integers<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<Vec<i64>>,
    name: &'static str,
) -> Result<(), A::Error> {
    first::<Vec<i64>, A::Error>(slot, name)?;
    *slot = Some(map.next_value::<Integers>()?.0);
    Ok(())
}

/// An array of integers read as JSON Schema counts them.
struct Integers(Vec<i64>);

impl<'de> Deserialize<'de> for Integers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(IntegersVisitor)
    }
}

struct IntegersVisitor;

impl<'de> Visitor<'de> for IntegersVisitor {
    type Value = Integers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of integers")
    }

    fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<Integers, S::Error> {
        // The hint comes from the payload: trusted only up to a bound.
        let mut integers = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(JsonInteger(integer)) = seq.next_element()? {
            integers.push(integer);
        }
        Ok(Integers(integers))
    }
}

/// `value` as an integer when JSON Schema counts it as one (`1.0`, `-0`,
/// `1e2`) and an `i64` holds it.
#[must_use]
pub fn integer_of(value: f64) -> Option<i64> {
    crate::lenient::integral(value).and_then(|number| number.as_i64())
}

/// Refuses a second member `name` before its value is read (for members
/// whose value is checked before it is kept).
///
/// # Errors
/// A duplicate member.
#[inline]
pub fn first<T, E: de::Error>(slot: &Option<T>, name: &'static str) -> Result<(), E> {
    if slot.is_some() {
        Err(E::duplicate_field(name))
    } else {
        Ok(())
    }
}

/// The value of required member `name`, or the error that it is missing.
///
/// # Errors
/// The member never came.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Writes member `name` when it is present.
///
/// # Errors
/// The serializer's.
#[inline]
pub fn write_present<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    value: Option<&T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(name, value),
        None => Ok(()),
    }
}
