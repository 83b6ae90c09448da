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
    /// unknown name equal to one is borrowed rather than copied. Most
    /// structs have none.
    const RARE: &'static [&'static str] = &[];

    /// The tag of a documented member; `None` for any other name.
    fn of(name: &str) -> Option<Self>;
}

/// A generated struct's decoder, implemented on the struct itself: what
/// serde's visitor for it would hold. One generic visitor
/// ([`deserialize_object`]) then serves every generated struct.
pub trait Object: Sized {
    /// What the object is, for serde's "invalid type" errors.
    const EXPECTING: &'static str;

    /// Reads the object from its members.
    ///
    /// # Errors
    /// The format's, or a member's.
    fn visit_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Reads a generated struct `T` from a JSON object (see [`Object`]).
///
/// # Errors
/// Anything but an object, or as [`Object::visit_map`].
#[inline]
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::visit_map(map)
    }
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

/// Reads the next member name of a generated struct: `None` after the
/// last member, then the tag of a documented name, or `None` with any other
/// name left in `unknown` (see [`MemberSeed`]).
///
/// # Errors
/// The format's, for a malformed name.
#[inline]
pub fn next_member<'de, M: MemberNames, A: MapAccess<'de>>(
    map: &mut A,
    unknown: &mut Cow<'static, str>,
) -> Result<Option<Option<M>>, A::Error> {
    map.next_key_seed(MemberSeed::<M>::new(unknown))
}

/// A documented member's value while its object is read: empty until the
/// member comes, and named for the errors (a duplicate member, a missing
/// required one). A local of the generated visitor, so the name is a
/// constant and the slot compiles to the `Option` alone.
pub struct Slot<T> {
    value: Option<T>,
    name: &'static str,
}

impl<T> Slot<T> {
    /// The empty slot of member `name`.
    #[inline]
    #[must_use]
    pub const fn new(name: &'static str) -> Self {
        Slot { value: None, name }
    }

    /// Reads the member's value (see [`read_member`]).
    ///
    /// # Errors
    /// A duplicate member, or the value's own decode error.
    #[inline]
    pub fn read<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>
    where
        T: Deserialize<'de>,
    {
        read_member(map, &mut self.value, self.name)
    }

    /// Refuses a second member of this name, then reads its value as `V`,
    /// for a member whose value is checked before it is kept ([`Self::set`]).
    ///
    /// # Errors
    /// A duplicate member, or the value's own decode error.
    #[inline]
    pub fn next<'de, V: Deserialize<'de>, A: MapAccess<'de>>(
        &self,
        map: &mut A,
    ) -> Result<V, A::Error> {
        first::<T, A::Error>(&self.value, self.name)?;
        map.next_value()
    }

    /// Keeps the member's (checked) value.
    #[inline]
    pub fn set(&mut self, value: T) {
        self.value = Some(value);
    }

    /// Whether the member came.
    #[inline]
    #[must_use]
    pub const fn is_some(&self) -> bool {
        self.value.is_some()
    }

    /// The value of a required member, or the error that it is missing.
    ///
    /// # Errors
    /// The member never came.
    #[inline]
    pub fn required<E: de::Error>(self) -> Result<T, E> {
        required(self.value, self.name)
    }

    /// The value of an optional member.
    #[inline]
    #[must_use]
    pub fn optional(self) -> Option<T> {
        self.value
    }
}

impl Slot<i64> {
    /// Reads an integer (see [`read_integer`]).
    ///
    /// # Errors
    /// As [`Self::read`].
    #[inline]
    pub fn read_integer<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        read_integer(map, &mut self.value, self.name)
    }
}

impl Slot<Option<i64>> {
    /// Reads an integer or `null` (see [`read_nullable_integer`]).
    ///
    /// # Errors
    /// As [`Self::read`].
    #[inline]
    pub fn read_nullable_integer<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
    ) -> Result<(), A::Error> {
        read_nullable_integer(map, &mut self.value, self.name)
    }
}

impl Slot<Vec<i64>> {
    /// Reads an array of integers (see [`read_integers`]).
    ///
    /// # Errors
    /// As [`Self::read`].
    #[inline]
    pub fn read_integers<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        read_integers(map, &mut self.value, self.name)
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
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(name, value),
        None => Ok(()),
    }
}

/// Writes the unknown members a struct kept, in the order they came.
///
/// # Errors
/// The serializer's.
#[inline]
pub fn write_unknown<M: SerializeMap>(
    map: &mut M,
    unknown: &UnknownMembers,
) -> Result<(), M::Error> {
    for (name, value) in unknown {
        map.serialize_entry(name, value)?;
    }
    Ok(())
}

/// Reads a generated enum whose values are strings: the variant of `all`
/// that `as_str` writes as the text, or serde's "invalid value" error
/// listing every value.
///
/// # Errors
/// Anything but one of the values.
#[inline]
pub fn text_variant<'de, D: Deserializer<'de>, T: Copy, F: Fn(T) -> &'static str>(
    deserializer: D,
    all: &'static [T],
    as_str: F,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(TextVariant { all, as_str })
}

struct TextVariant<T: 'static, F> {
    all: &'static [T],
    as_str: F,
}

impl<T: Copy, F: Fn(T) -> &'static str> Visitor<'_> for TextVariant<T, F> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of ")?;
        for (i, variant) in self.all.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            // As JSON writes it (quoted, escaped), as the schema lists it.
            let text = serde_json::Value::from((self.as_str)(*variant));
            fmt::Display::fmt(&text, f)?;
        }
        Ok(())
    }

    #[inline]
    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        match self
            .all
            .iter()
            .find(|variant| (self.as_str)(**variant) == value)
        {
            Some(variant) => Ok(*variant),
            None => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
        }
    }
}

/// Reads a generated enum whose values are integers: the variant of `all`
/// whose `code` the number is (`1.0` counts as the integer 1, as JSON
/// Schema says), or serde's "invalid value" error listing every value.
///
/// # Errors
/// Anything but one of the values.
#[inline]
pub fn integer_variant<'de, D: Deserializer<'de>, T: Copy, F: Fn(T) -> i64>(
    deserializer: D,
    all: &'static [T],
    code: F,
) -> Result<T, D::Error> {
    let JsonInteger(value) = JsonInteger::deserialize(deserializer)?;
    match all.iter().find(|variant| code(**variant) == value) {
        Some(variant) => Ok(*variant),
        None => Err(de::Error::invalid_value(
            de::Unexpected::Signed(value),
            &IntegerVariants { all, code },
        )),
    }
}

struct IntegerVariants<T: 'static, F> {
    all: &'static [T],
    code: F,
}

impl<T: Copy, F: Fn(T) -> i64> de::Expected for IntegerVariants<T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of ")?;
        for (i, variant) in self.all.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", (self.code)(*variant))?;
        }
        Ok(())
    }
}
