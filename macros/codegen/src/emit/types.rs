//! Response types: structs that keep unknown members, enums, and `anyOf` unions,
//! each with hand-written serde impls (no `#[serde(flatten)]` buffering).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Context, checks, doc, std_names, ty};
use crate::lower::{Case, Field, Repr, Ty, TypeDef, TypeId, Variant};
use crate::naming::ident;

pub(super) fn emit(cx: &Context<'_>, id: TypeId, def: &TypeDef) -> TokenStream {
    match def {
        TypeDef::Struct {
            name,
            doc: lines,
            fields,
            keeps_unknown,
            aliases,
            alternatives,
        } => {
            let name = ident(name);
            let rare: Vec<&syn::Ident> = aliases.iter().map(|alias| &alias.nested).collect();
            let shape = Shape {
                keeps_unknown: *keeps_unknown,
                rare: &rare,
                alternatives,
                redacted: cx.api.redacted.contains(&id),
            };
            let definition = structure(cx, &name, lines, fields, &shape);
            let accessors = aliases.iter().map(|alias| {
                let field = &alias.field;
                let nested = &alias.nested;
                let value_ty = ty(cx, &alias.ty);
                let lines = doc(&alias.doc);
                let from_nested = match (alias.nested_optional, alias.inner_optional) {
                    (true, true) => {
                        quote!(self.#nested.as_ref().and_then(|nested| nested.#field.as_ref()))
                    }
                    (true, false) => quote!(self.#nested.as_ref().map(|nested| &nested.#field)),
                    (false, true) => quote!(self.#nested.#field.as_ref()),
                    (false, false) => quote!(::std::option::Option::Some(&self.#nested.#field)),
                };
                quote! {
                    #lines
                    #[must_use]
                    pub fn #field(&self) -> ::std::option::Option<&#value_ty> {
                        self.#field.as_ref().or_else(|| #from_nested)
                    }
                }
            });
            let accessors: Vec<TokenStream> = accessors.collect();
            let accessors = if accessors.is_empty() {
                quote!()
            } else {
                quote! { impl #name { #(#accessors)* } }
            };
            quote! { #definition #accessors }
        }
        TypeDef::Enum {
            name,
            doc: lines,
            repr,
            variants,
        } => enumeration(cx, &ident(name), lines, *repr, variants),
        TypeDef::Union {
            name,
            doc: lines,
            cases,
        } => union(cx, &ident(name), lines, cases),
    }
}

/// The name of the field holding unknown members; `extra` unless a member has it.
fn extra_ident(fields: &[Field]) -> syn::Ident {
    let mut name = "extra".to_owned();
    while fields.iter().any(|f| f.ident == name) {
        name.push('_');
    }
    ident(&name)
}

/// The most documented members a struct's member loop may have and still be
/// marked `#[inline]`. Measured with callgrind (BENCHMARKS.md): folding the
/// loop into serde_json's map reader saves 5 % on the EMAS objects (two and
/// three members) and costs 1–2.5 % on WeChat's and Douyin's (seven to nine
/// members); the bundled schemas have nothing in between to measure.
const INLINE_LOOP_MAX_MEMBERS: usize = 4;

/// Emits a struct and its serde impls. `rare` names the fields that hold a
/// quirk's other shape (the object a `nested-alias` nests the members in):
/// their names are matched, and their values read, out of line with the
/// unknown members, so that decoding the documented shape branches over the
/// documented members only.
///
/// The decoder has serde_derive's shape where it counts: the name match is
/// `#[inline]`, and so is the member loop of a small struct (see
/// [`INLINE_LOOP_MAX_MEMBERS`]), so they fold into the format's map reader;
/// what they hold is kept to the documented members: naming a member
/// outside them (a quirk's name is borrowed, an unknown one copied), reading
/// a quirk's member and keeping an unknown value are cold calls. One more
/// arm in the loop's `match` (a fourth named member) is enough for LLVM to
/// dispatch through a jump table, which measured several percent slower on
/// the EMAS payload (BENCHMARKS.md).
/// What a struct's decoder must know beyond its fields.
struct Shape<'a> {
    keeps_unknown: bool,
    /// Members read out of line (a quirk's nested shape).
    rare: &'a [&'a syn::Ident],
    /// `anyOf` of `required` lists.
    alternatives: &'a [Vec<String>],
    /// Decrypted user data: its `Debug` shows no value.
    redacted: bool,
}

fn structure(
    cx: &Context<'_>,
    name: &syn::Ident,
    lines: &[String],
    fields: &[Field],
    shape: &Shape<'_>,
) -> TokenStream {
    let krate = cx.krate;
    let vis = cx.vis;
    let lines = doc(lines);
    let extra = extra_ident(fields);
    let declarations = fields.iter().map(|field| {
        let field_doc = doc(&field.doc);
        let ident = &field.ident;
        let field_ty = ty(cx, &field.ty);
        let field_ty = if field.optional {
            quote!(::std::option::Option<#field_ty>)
        } else {
            field_ty
        };
        quote! { #field_doc pub #ident: #field_ty, }
    });
    let extra_declaration = shape.keeps_unknown.then(|| {
        let unknown_ty = quote!(#krate::UnknownMembers);
        quote! {
            /// Members the schema does not describe, kept as received so that
            /// decoding and encoding again loses nothing.
            pub #extra: #unknown_ty,
        }
    });
    let members: Vec<Member<'_>> = fields
        .iter()
        .enumerate()
        .map(|(i, field)| Member {
            field,
            tag: format_ident!("Member{}", i),
            // Named after the field (`member_nick_name`); the prefix keeps
            // it apart from the visitor's own locals (`map`, `value`).
            slot: format_ident!(
                "member_{}",
                field.ident.to_string().trim_start_matches("r#")
            ),
            slot_ty: ty(cx, &field.ty),
            rare: shape.rare.contains(&&field.ident),
        })
        .collect();
    let decoder = Decoder {
        cx,
        name,
        members: &members,
        shape,
        extra: &extra,
    };
    let deserialize = decoder.deserialize();
    let serialize = serialize(name, fields, shape.keeps_unknown.then_some(&extra));
    let block = std_names(quote! {
        use #krate::__private::serde::{self as _serde, Deserializer, Serializer};
        use #krate::__private::members as _members;
        use _serde::de::MapAccess;
        use _serde::ser::SerializeMap as _;

        #deserialize
        #serialize
    });
    let (derive_debug, debug) = if shape.redacted {
        let shown = format!("{name} {{ .. }}");
        (
            quote!(),
            quote! {
                // Decrypted user data: nothing of it reaches a log.
                #[automatically_derived]
                impl ::std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#shown)
                    }
                }
            },
        )
    } else {
        (quote!(Debug,), quote!())
    };
    quote! {
        #lines
        #[derive(#derive_debug Clone, PartialEq)]
        #vis struct #name {
            #(#declarations)*
            #extra_declaration
        }

        #debug

        const _: () = { #block };
    }
}

/// The `Serialize` impl of a struct: its members in schema order, then the
/// unknown ones it kept, in the order they came.
fn serialize(name: &syn::Ident, fields: &[Field], extra: Option<&syn::Ident>) -> TokenStream {
    let writes = fields.iter().map(|field| {
        let ident = &field.ident;
        let json = &field.json;
        if field.optional {
            quote!(_members::write_present(&mut map, #json, &self.#ident)?;)
        } else {
            quote!(map.serialize_entry(#json, &self.#ident)?;)
        }
    });
    let extra_write = extra.map(|extra| quote!(_members::write_unknown(&mut map, &self.#extra)?;));
    quote! {
        #[automatically_derived]
        impl _serde::Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                #(#writes)*
                #extra_write
                map.end()
            }
        }
    }
}

/// What writes one struct's `Deserialize` impl.
struct Decoder<'a> {
    cx: &'a Context<'a>,
    name: &'a syn::Ident,
    members: &'a [Member<'a>],
    shape: &'a Shape<'a>,
    extra: &'a syn::Ident,
}

impl Decoder<'_> {
    fn deserialize(&self) -> TokenStream {
        let name = self.name;
        let (rare, common): (Vec<&Member<'_>>, Vec<&Member<'_>>) =
            self.members.iter().partition(|member| member.rare);
        let common_tags: Vec<&syn::Ident> = common.iter().map(|m| &m.tag).collect();
        let rare_names = rare.iter().map(|m| m.field.json.as_str());
        let (other_arm, out_of_line) = self.other_members(&rare);
        let (of_body, read_loop) = self.member_loop(&common, &other_arm);
        let slots = self.members.iter().map(|m| {
            let (slot, json) = (&m.slot, &m.field.json);
            quote!(let mut #slot = _members::Slot::new(#json);)
        });
        let extra = self.extra;
        let krate = self.cx.krate;
        let extra_init = self
            .shape
            .keeps_unknown
            .then(|| quote!(let mut #extra = #krate::UnknownMembers::new();));
        let extra_build = self.shape.keeps_unknown.then(|| quote!(#extra,));
        let alternatives = checks::alternatives_check(self.shape.alternatives, &|json| {
            self.members
                .iter()
                .find(|m| m.field.json == json)
                .map(|m| m.slot.clone())
        });
        let builds = self.members.iter().map(|member| {
            let (ident, slot) = (&member.field.ident, &member.slot);
            if member.field.optional {
                quote! { #ident: #slot.optional(), }
            } else {
                quote! { #ident: #slot.required()?, }
            }
        });
        let expecting = format!("the object {name}");
        let inline_loop = (common.len() <= INLINE_LOOP_MAX_MEMBERS).then(|| quote!(#[inline]));
        // Most structs have no quirk's members: the trait's default says so.
        let rare_names = (!rare.is_empty())
            .then(|| quote!(const RARE: &'static [&'static str] = &[#(#rare_names),*];));
        // The decoder's items stand beside the impl, not inside
        // `deserialize`, so that no generated function is long.
        quote! {
            enum Member {
                #(#common_tags,)*
            }
            impl _members::MemberNames for Member {
                #rare_names
                #[inline]
                fn of(name: &str) -> ::std::option::Option<Self> {
                    #of_body
                }
            }
            #out_of_line
            #[automatically_derived]
            impl _members::Object for #name {
                const EXPECTING: &'static str = #expecting;
                #inline_loop
                fn visit_map<'de, A: MapAccess<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                    #(#slots)*
                    #extra_init
                    let mut unknown = ::std::borrow::Cow::Borrowed("");
                    #read_loop
                    #alternatives
                    ::std::result::Result::Ok(#name {
                        #(#builds)*
                        #extra_build
                    })
                }
            }
            #[automatically_derived]
            impl<'de> _serde::Deserialize<'de> for #name {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    _members::deserialize_object(deserializer)
                }
            }
        }
    }

    /// The body of `MemberNames::of` for the common members, and the loop
    /// that reads the object's members, the others through `other_arm`.
    fn member_loop(
        &self,
        common: &[&Member<'_>],
        other_arm: &TokenStream,
    ) -> (TokenStream, TokenStream) {
        if common.is_empty() {
            // Every member is read by the other arm: no `match` (with no arm
            // naming a member, the turbofish says which names are read).
            return (
                quote! { let _ = name; ::std::option::Option::None },
                quote! {
                    while _members::next_member::<Member, _>(&mut map, &mut unknown)?.is_some() {
                        #other_arm?;
                    }
                },
            );
        }
        let tags = common.iter().map(|m| &m.tag);
        let jsons = common.iter().map(|m| m.field.json.as_str());
        let reads = common.iter().map(|member| {
            let tag = &member.tag;
            let read = member.read(self.cx.krate, false);
            quote!(::std::option::Option::Some(Member::#tag) => #read,)
        });
        (
            quote! {
                match name {
                    #(#jsons => ::std::option::Option::Some(Member::#tags),)*
                    _ => ::std::option::Option::None,
                }
            },
            quote! {
                while let ::std::option::Option::Some(member) = _members::next_member(&mut map, &mut unknown)? {
                    match member {
                        #(#reads)*
                        ::std::option::Option::None => #other_arm,
                    }?;
                }
            },
        )
    }

    /// The arm of the member loop for a name outside the documented shape,
    /// left in `unknown` (a quirk's member or an unknown one), and, when
    /// there are quirk members, the cold function that reads them.
    fn other_members(&self, rare: &[&Member<'_>]) -> (TokenStream, TokenStream) {
        let extra = self.extra;
        let keeps_unknown = self.shape.keeps_unknown;
        let known = self
            .members
            .iter()
            .map(|m| format!("`{}`", m.field.json))
            .collect::<Vec<_>>()
            .join(", ");
        let keep_unknown = |map: TokenStream, unknown_mut: TokenStream| {
            if keeps_unknown {
                quote!(#extra.keep_next(#unknown_mut, #map))
            } else {
                quote! {
                    ::std::result::Result::Err(_serde::de::Error::custom(::std::format!(
                        "unknown member `{unknown}`, expected one of {}", #known
                    )))
                }
            }
        };
        if rare.is_empty() {
            return (
                keep_unknown(quote!(&mut map), quote!(&mut unknown)),
                quote!(),
            );
        }
        let krate = self.cx.krate;
        let rare_slots: Vec<&syn::Ident> = rare.iter().map(|m| &m.slot).collect();
        let rare_slot_types = rare.iter().map(|m| {
            let slot_ty = &m.slot_ty;
            quote!(&mut _members::Slot<#slot_ty>)
        });
        let rare_reads = rare.iter().map(|member| {
            let json = &member.field.json;
            let read = member.read(krate, true);
            quote!(#json => #read,)
        });
        let keep = keep_unknown(quote!(map), quote!(unknown));
        let extra_param = keeps_unknown.then(|| quote!(#extra: &mut #krate::UnknownMembers,));
        let extra_arg = keeps_unknown.then(|| quote!(&mut #extra,));
        (
            quote!(read_other(&mut map, #(&mut #rare_slots,)* #extra_arg &mut unknown)),
            quote! {
                /// Reads the value of a member outside the documented
                /// shape, named by `unknown`: a quirk's member, or one the
                /// schema does not describe.
                #[cold]
                #[inline(never)]
                fn read_other<'de, A: MapAccess<'de>>(
                    map: &mut A,
                    #(#rare_slots: #rare_slot_types,)*
                    #extra_param
                    unknown: &mut ::std::borrow::Cow<'static, str>,
                ) -> ::std::result::Result<(), A::Error> {
                    match &**unknown {
                        #(#rare_reads)*
                        _ => #keep,
                    }
                }
            },
        )
    }
}

/// One field of a struct as its decoder sees it.
struct Member<'a> {
    field: &'a Field,
    /// Its variant in the decoder's tag enum.
    tag: syn::Ident,
    /// The local that holds its value until the object ends.
    slot: syn::Ident,
    slot_ty: TokenStream,
    /// Read out of line: see [`structure`].
    rare: bool,
}

impl Member<'_> {
    /// The expression reading the member's value into its slot, of type
    /// `Result<(), A::Error>` (`by_ref`: the slot is a `&mut` parameter of
    /// the out-of-line reader). A second
    /// member of the same name is refused before its value is read. An
    /// integer goes through the runtime's `JsonInteger`, which takes `1.0`
    /// and `-0` as the integers JSON Schema says they are (serde's `i64`
    /// refuses them). A member with checks is read, checked, then kept.
    fn read(&self, krate: &syn::Path, by_ref: bool) -> TokenStream {
        let slot = &self.slot;
        let map = if by_ref {
            quote!(&mut *map)
        } else {
            quote!(&mut map)
        };
        let checks = checks::member_checks(krate, self.field);
        if checks.is_empty() {
            return if self.field.ty == Ty::Int {
                quote!(#slot.read_integer(#map))
            } else if self.field.ty == Ty::List(Box::new(Ty::Int)) {
                quote!(#slot.read_integers(#map))
            } else if self.field.ty == Ty::Nullable(Box::new(Ty::Int)) {
                quote!(#slot.read_nullable_integer(#map))
            } else {
                quote!(#slot.read(#map))
            };
        }
        let integer = quote!(#krate::__private::JsonInteger);
        let value = if self.field.ty == Ty::Int {
            quote!(#slot.next::<#integer, _>(#map)?.0)
        } else if *self.field.ty.non_null() == Ty::Int {
            quote!(#slot.next::<::std::option::Option<#integer>, _>(#map)?.map(|integer| integer.0))
        } else {
            quote!(#slot.next(#map)?)
        };
        let slot_ty = &self.slot_ty;
        quote! {{
            let value: #slot_ty = #value;
            #checks
            #slot.set(value);
            ::std::result::Result::Ok(())
        }}
    }
}

/// Emits an enum of the values a schema lists, with `as_str` (text) or
/// `code` (integers) and serde impls that read through the runtime's
/// shared helpers: one variant of `ALL`, or serde's error listing them.
fn enumeration(
    cx: &Context<'_>,
    name: &syn::Ident,
    lines: &[String],
    repr: Repr,
    variants: &[Variant],
) -> TokenStream {
    let krate = cx.krate;
    let vis = cx.vis;
    let lines = doc(lines);
    let idents: Vec<&syn::Ident> = variants.iter().map(|v| &v.ident).collect();
    let docs = variants.iter().map(|v| doc(&v.doc));
    let count = proc_macro2::Literal::usize_unsuffixed(variants.len());
    let (value_fn, value_ty, values, serialize, read) = match repr {
        Repr::Text => {
            let values: Vec<TokenStream> = variants
                .iter()
                .map(|v| {
                    let text = v.value.as_str().unwrap_or_default();
                    quote!(#text)
                })
                .collect();
            (
                quote!(as_str),
                quote!(&'static str),
                values,
                quote!(serializer.serialize_str(self.as_str())),
                quote!(text_variant),
            )
        }
        Repr::Integer => {
            let values: Vec<TokenStream> = variants
                .iter()
                .map(|v| {
                    let code = v.value.as_i64().unwrap_or_default();
                    quote!(#code)
                })
                .collect();
            (
                quote!(code),
                quote!(i64),
                values,
                quote!(serializer.serialize_i64(self.code())),
                quote!(integer_variant),
            )
        }
    };
    let block = enum_serde(krate, name, &serialize, &read, &value_fn);
    quote! {
        #lines
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #vis enum #name {
            #(#docs #idents,)*
        }

        impl #name {
            /// Every value, in the order the schema lists them.
            pub const ALL: [Self; #count] = [#(Self::#idents),*];

            /// The value as the platform writes it.
            #[must_use]
            pub const fn #value_fn(self) -> #value_ty {
                match self {
                    #(Self::#idents => #values,)*
                }
            }
        }

        const _: () = { #block };
    }
}

/// The serde impls of a generated enum: written and read as the value the
/// platform uses (`as_str` or `code`), through the runtime's variant reader.
fn enum_serde(
    krate: &syn::Path,
    name: &syn::Ident,
    serialize: &TokenStream,
    read: &TokenStream,
    value_fn: &TokenStream,
) -> TokenStream {
    std_names(quote! {
        use #krate::__private::serde::{self as _serde, Deserializer, Serializer};
        use #krate::__private::members as _members;

        #[automatically_derived]
        impl _serde::Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }

        #[automatically_derived]
        impl<'de> _serde::Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                _members::#read(deserializer, &Self::ALL, Self::#value_fn)
            }
        }
    })
}

/// Emits an `anyOf` union: named string values, then the open cases (any
/// other string, an integer, a number, a boolean), read by `deserialize_any`.
fn union(cx: &Context<'_>, name: &syn::Ident, lines: &[String], cases: &[Case]) -> TokenStream {
    let krate = cx.krate;
    let vis = cx.vis;
    let lines = doc(lines);
    let parts = UnionParts::of(cx, cases);
    let (declarations, serializers) = (&parts.declarations, &parts.serializers);
    let visit_str = parts.visit_str(name);
    let visit_numbers = parts.visit_numbers(krate, name);
    let visit_bool = parts.flag.then(|| {
        quote! {
            fn visit_bool<E: _serde::de::Error>(self, value: bool) -> ::std::result::Result<#name, E> {
                ::std::result::Result::Ok(#name::Flag(value))
            }
        }
    });
    let expecting = parts.expecting();
    let eq = if parts.number { quote!() } else { quote!(Eq,) };
    let block = std_names(quote! {
        use #krate::__private::serde::{self as _serde, Deserializer, Serializer};

        #[automatically_derived]
        impl _serde::Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(#serializers)*
                }
            }
        }

        #[automatically_derived]
        impl<'de> _serde::Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl _serde::de::Visitor<'_> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    #visit_str
                    #visit_numbers
                    #visit_bool
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    });
    quote! {
        #lines
        #[derive(Debug, Clone, PartialEq, #eq)]
        #vis enum #name {
            #(#declarations)*
        }

        const _: () = { #block };
    }
}

/// A union's variants and `Serialize` arms, and which open cases it has.
struct UnionParts {
    declarations: Vec<TokenStream>,
    serializers: Vec<TokenStream>,
    /// The named string values and their variants.
    named_values: Vec<String>,
    named_idents: Vec<syn::Ident>,
    text: bool,
    integer: bool,
    number: bool,
    flag: bool,
}

impl UnionParts {
    fn of(cx: &Context<'_>, cases: &[Case]) -> Self {
        let json = {
            let krate = cx.krate;
            quote!(#krate::__private::serde_json)
        };
        let mut parts = UnionParts {
            declarations: Vec::new(),
            serializers: Vec::new(),
            named_values: Vec::new(),
            named_idents: Vec::new(),
            text: false,
            integer: false,
            number: false,
            flag: false,
        };
        // The plain variants' names are `naming::union_case_name`'s, which the
        // loader checks against the enum values' names.
        for case in cases {
            let (declaration, serializer) = match case {
                Case::Named(variant) => {
                    let variant_doc = doc(&variant.doc);
                    let ident = &variant.ident;
                    let value = variant.value.as_str().unwrap_or_default();
                    parts.named_values.push(value.to_owned());
                    parts.named_idents.push(ident.clone());
                    (
                        quote!(#variant_doc #ident,),
                        quote!(Self::#ident => serializer.serialize_str(#value),),
                    )
                }
                Case::Text => {
                    parts.text = true;
                    (
                        quote!(/// Any other string, as sent.
                        Text(::std::string::String),),
                        quote!(Self::Text(value) => serializer.serialize_str(value),),
                    )
                }
                Case::Integer => {
                    parts.integer = true;
                    (
                        quote!(/// An integer, as sent.
                        Integer(i64),),
                        quote!(Self::Integer(value) => serializer.serialize_i64(*value),),
                    )
                }
                Case::Number => {
                    parts.number = true;
                    (
                        quote!(/// A number, kept exactly as sent.
                        Number(#json::Number),),
                        quote!(Self::Number(value) => _serde::Serialize::serialize(value, serializer),),
                    )
                }
                Case::Flag => {
                    parts.flag = true;
                    (
                        quote!(/// A boolean, as sent.
                        Flag(bool),),
                        quote!(Self::Flag(value) => serializer.serialize_bool(*value),),
                    )
                }
            };
            parts.declarations.push(declaration);
            parts.serializers.push(serializer);
        }
        parts
    }

    /// `visit_str`: a named value, else any other string when the union
    /// takes one; `None` when it takes no string at all.
    fn visit_str(&self, name: &syn::Ident) -> Option<TokenStream> {
        let other_string = if self.text {
            quote!(other => ::std::result::Result::Ok(#name::Text(::std::borrow::ToOwned::to_owned(other))),)
        } else {
            quote!(other => ::std::result::Result::Err(E::invalid_value(_serde::de::Unexpected::Str(other), &self)),)
        };
        let (values, idents) = (&self.named_values, &self.named_idents);
        (!values.is_empty() || self.text).then(|| {
            quote! {
                fn visit_str<E: _serde::de::Error>(self, value: &str) -> ::std::result::Result<#name, E> {
                    match value {
                        #(#values => ::std::result::Result::Ok(#name::#idents),)*
                        #other_string
                    }
                }
            }
        })
    }

    /// The visitors of numbers: a number kept exactly, or an integer
    /// (`1.0` is the integer 1 to JSON Schema).
    fn visit_numbers(&self, krate: &syn::Path, name: &syn::Ident) -> Option<TokenStream> {
        let json = quote!(#krate::__private::serde_json);
        if self.number {
            return Some(quote! {
                fn visit_i64<E: _serde::de::Error>(self, value: i64) -> ::std::result::Result<#name, E> {
                    ::std::result::Result::Ok(#name::Number(#json::Number::from(value)))
                }
                fn visit_u64<E: _serde::de::Error>(self, value: u64) -> ::std::result::Result<#name, E> {
                    ::std::result::Result::Ok(#name::Number(#json::Number::from(value)))
                }
                fn visit_f64<E: _serde::de::Error>(self, value: f64) -> ::std::result::Result<#name, E> {
                    #json::Number::from_f64(value)
                        .map(#name::Number)
                        .ok_or_else(|| E::invalid_value(_serde::de::Unexpected::Float(value), &self))
                }
            });
        }
        self.integer.then(|| {
            quote! {
                fn visit_i64<E: _serde::de::Error>(self, value: i64) -> ::std::result::Result<#name, E> {
                    ::std::result::Result::Ok(#name::Integer(value))
                }
                fn visit_u64<E: _serde::de::Error>(self, value: u64) -> ::std::result::Result<#name, E> {
                    i64::try_from(value)
                        .map(#name::Integer)
                        .map_err(|_| E::invalid_value(_serde::de::Unexpected::Unsigned(value), &self))
                }
                // `1.0` is the integer 1 to JSON Schema.
                fn visit_f64<E: _serde::de::Error>(self, value: f64) -> ::std::result::Result<#name, E> {
                    #krate::__private::members::integer_of(value)
                        .map(#name::Integer)
                        .ok_or_else(|| E::invalid_type(_serde::de::Unexpected::Float(value), &self))
                }
            }
        })
    }

    /// What the union's error says it expects: its values, then its open cases.
    fn expecting(&self) -> String {
        let mut accepted: Vec<String> = self
            .named_values
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect();
        let open = [
            (self.text, "a string"),
            (self.integer, "an integer"),
            (self.number, "a number"),
            (self.flag, "a boolean"),
        ];
        accepted.extend(
            open.iter()
                .filter(|(has, _)| *has)
                .map(|(_, what)| (*what).to_owned()),
        );
        format!("one of: {}", accepted.join(", "))
    }
}
