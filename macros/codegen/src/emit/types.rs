//! Response types: structs that keep unknown members, enums, and `anyOf` unions,
//! each with hand-written serde impls (no `#[serde(flatten)]` buffering).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Context, checks, doc, ty};
use crate::lower::{Case, Field, Repr, Ty, TypeDef, Variant};
use crate::naming::ident;

pub(super) fn emit(cx: &Context<'_>, def: &TypeDef) -> TokenStream {
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
    quote! {
        #lines
        #[derive(Debug, Clone, PartialEq)]
        #vis struct #name {
            #(#declarations)*
            #extra_declaration
        }

        const _: () = {
            use #krate::__private::serde as _serde;
            use #krate::__private::members as _members;
            use _serde::ser::SerializeMap as _;

            #deserialize
            #serialize
        };
    }
}

/// The `Serialize` impl of a struct: its members in schema order, then the
/// unknown ones it kept, in the order they came.
fn serialize(name: &syn::Ident, fields: &[Field], extra: Option<&syn::Ident>) -> TokenStream {
    let writes = fields.iter().map(|field| {
        let ident = &field.ident;
        let json = &field.json;
        if field.optional {
            quote!(_members::write_present(&mut map, #json, self.#ident.as_ref())?;)
        } else {
            quote!(map.serialize_entry(#json, &self.#ident)?;)
        }
    });
    let extra_write = extra.map(|extra| {
        quote! {
            for (member, value) in &self.#extra {
                map.serialize_entry(member, value)?;
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl _serde::Serialize for #name {
            fn serialize<S: _serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
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
        let common_jsons = common.iter().map(|m| m.field.json.as_str());
        let rare_names = rare.iter().map(|m| m.field.json.as_str());
        let common_reads = common.iter().map(|member| {
            let tag = &member.tag;
            let read = member.read(self.cx.krate, false);
            quote!(::std::option::Option::Some(Member::#tag) => { #read; })
        });
        let (other_arm, out_of_line) = self.other_members(&rare);
        let slots = self.members.iter().map(|m| &m.slot);
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
            let (ident, json, slot) = (&member.field.ident, &member.field.json, &member.slot);
            if member.field.optional {
                quote! { #ident: #slot, }
            } else {
                quote! { #ident: _members::required(#slot, #json)?, }
            }
        });
        let expecting = format!("the object {name}");
        let inline_loop = (common.len() <= INLINE_LOOP_MAX_MEMBERS).then(|| quote!(#[inline]));
        // The decoder's items stand beside the impl, not inside
        // `deserialize`, so that no generated function is long.
        quote! {
            enum Member {
                #(#common_tags,)*
            }
            impl _members::MemberNames for Member {
                const RARE: &'static [&'static str] = &[#(#rare_names),*];
                #[inline]
                fn of(name: &str) -> ::std::option::Option<Self> {
                    match name {
                        #(#common_jsons => ::std::option::Option::Some(Member::#common_tags),)*
                        _ => ::std::option::Option::None,
                    }
                }
            }
            #out_of_line
            struct Visitor;
            impl<'de> _serde::de::Visitor<'de> for Visitor {
                type Value = #name;
                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#expecting)
                }
                #inline_loop
                fn visit_map<A: _serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                    #(let mut #slots = ::std::option::Option::None;)*
                    #extra_init
                    let mut unknown = ::std::borrow::Cow::Borrowed("");
                    while let ::std::option::Option::Some(member) = map.next_key_seed(_members::MemberSeed::<Member>::new(&mut unknown))? {
                        match member {
                            #(#common_reads)*
                            ::std::option::Option::None => #other_arm,
                        }
                    }
                    #alternatives
                    ::std::result::Result::Ok(#name {
                        #(#builds)*
                        #extra_build
                    })
                }
            }
            #[automatically_derived]
            impl<'de> _serde::Deserialize<'de> for #name {
                fn deserialize<D: _serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    deserializer.deserialize_map(Visitor)
                }
            }
        }
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
                quote!({ #extra.keep_next(#unknown_mut, #map)?; })
            } else {
                quote! {{
                    return ::std::result::Result::Err(_serde::de::Error::custom(::std::format!(
                        "unknown member `{unknown}`, expected one of {}", #known
                    )));
                }}
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
            quote!(&mut ::std::option::Option<#slot_ty>)
        });
        let rare_reads = rare.iter().map(|member| {
            let json = &member.field.json;
            let read = member.read(krate, true);
            quote!(#json => { #read; })
        });
        let keep = keep_unknown(quote!(map), quote!(unknown));
        let extra_param = keeps_unknown.then(|| quote!(#extra: &mut #krate::UnknownMembers,));
        let extra_arg = keeps_unknown.then(|| quote!(&mut #extra,));
        (
            quote!({ read_other(&mut map, #(&mut #rare_slots,)* #extra_arg &mut unknown)?; }),
            quote! {
                /// Reads the value of a member outside the documented
                /// shape, named by `unknown`: a quirk's member, or one the
                /// schema does not describe.
                #[cold]
                #[inline(never)]
                fn read_other<'de, A: _serde::de::MapAccess<'de>>(
                    map: &mut A,
                    #(#rare_slots: #rare_slot_types,)*
                    #extra_param
                    unknown: &mut ::std::borrow::Cow<'static, str>,
                ) -> ::std::result::Result<(), A::Error> {
                    match &**unknown {
                        #(#rare_reads)*
                        _ => #keep,
                    }
                    ::std::result::Result::Ok(())
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
    /// The expression reading the member's value into its slot (`by_ref`:
    /// the slot is a `&mut` parameter of the out-of-line reader). A second
    /// member of the same name is refused before its value is read. An
    /// integer goes through the runtime's `JsonInteger`, which takes `1.0`
    /// and `-0` as the integers JSON Schema says they are (serde's `i64`
    /// refuses them). A member with checks is read, checked, then kept.
    fn read(&self, krate: &syn::Path, by_ref: bool) -> TokenStream {
        let (slot, json) = (&self.slot, &self.field.json);
        let (slot_mut, map) = if by_ref {
            (quote!(#slot), quote!(&mut *map))
        } else {
            (quote!(&mut #slot), quote!(&mut map))
        };
        let checks = checks::member_checks(krate, self.field);
        if checks.is_empty() {
            return if self.field.ty == Ty::Int {
                quote!(_members::read_integer(#map, #slot_mut, #json)?)
            } else if self.field.ty == Ty::List(Box::new(Ty::Int)) {
                quote!(_members::read_integers(#map, #slot_mut, #json)?)
            } else if self.field.ty == Ty::Nullable(Box::new(Ty::Int)) {
                quote!(_members::read_nullable_integer(#map, #slot_mut, #json)?)
            } else {
                quote!(_members::read_member(#map, #slot_mut, #json)?)
            };
        }
        let value = if self.field.ty == Ty::Int {
            quote!(map.next_value::<#krate::__private::JsonInteger>()?.0)
        } else if *self.field.ty.non_null() == Ty::Int {
            quote!(map.next_value::<::std::option::Option<#krate::__private::JsonInteger>>()?.map(|integer| integer.0))
        } else {
            quote!(map.next_value()?)
        };
        let slot_ty = &self.slot_ty;
        let store = if by_ref {
            quote!(*#slot)
        } else {
            quote!(#slot)
        };
        quote! {{
            _members::first::<_, A::Error>(&#store, #json)?;
            let value: #slot_ty = #value;
            #checks
            #store = ::std::option::Option::Some(value);
        }}
    }
}

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
    let listed = variants
        .iter()
        .map(|v| v.value.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let expecting = format!("one of {listed}");
    match repr {
        Repr::Text => {
            let values: Vec<String> = variants
                .iter()
                .map(|v| v.value.as_str().unwrap_or_default().to_owned())
                .collect();
            quote! {
                #lines
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                #vis enum #name {
                    #(#docs #idents,)*
                }

                impl #name {
                    /// The value as the platform writes it.
                    #[must_use]
                    pub const fn as_str(self) -> &'static str {
                        match self {
                            #(Self::#idents => #values,)*
                        }
                    }
                }

                const _: () = {
                    use #krate::__private::serde as _serde;

                    #[automatically_derived]
                    impl _serde::Serialize for #name {
                        fn serialize<S: _serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                            serializer.serialize_str(self.as_str())
                        }
                    }

                    #[automatically_derived]
                    impl<'de> _serde::Deserialize<'de> for #name {
                        fn deserialize<D: _serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                            struct Visitor;
                            impl _serde::de::Visitor<'_> for Visitor {
                                type Value = #name;
                                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                                    f.write_str(#expecting)
                                }
                                fn visit_str<E: _serde::de::Error>(self, value: &str) -> ::std::result::Result<#name, E> {
                                    match value {
                                        #(#values => ::std::result::Result::Ok(#name::#idents),)*
                                        other => ::std::result::Result::Err(E::invalid_value(_serde::de::Unexpected::Str(other), &self)),
                                    }
                                }
                            }
                            deserializer.deserialize_str(Visitor)
                        }
                    }
                };
            }
        }
        Repr::Integer => {
            let values: Vec<i64> = variants
                .iter()
                .map(|v| v.value.as_i64().unwrap_or_default())
                .collect();
            quote! {
                #lines
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                #vis enum #name {
                    #(#docs #idents,)*
                }

                impl #name {
                    /// The value as the platform writes it.
                    #[must_use]
                    pub const fn code(self) -> i64 {
                        match self {
                            #(Self::#idents => #values,)*
                        }
                    }
                }

                const _: () = {
                    use #krate::__private::serde as _serde;

                    #[automatically_derived]
                    impl _serde::Serialize for #name {
                        fn serialize<S: _serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                            serializer.serialize_i64(self.code())
                        }
                    }

                    #[automatically_derived]
                    impl<'de> _serde::Deserialize<'de> for #name {
                        fn deserialize<D: _serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                            // `1.0` is the integer 1 to JSON Schema, so it is read as one.
                            let #krate::__private::JsonInteger(value) = _serde::Deserialize::deserialize(deserializer)?;
                            match value {
                                #(#values => ::std::result::Result::Ok(#name::#idents),)*
                                other => ::std::result::Result::Err(_serde::de::Error::invalid_value(_serde::de::Unexpected::Signed(other), &#expecting)),
                            }
                        }
                    }
                };
            }
        }
    }
}

fn union(cx: &Context<'_>, name: &syn::Ident, lines: &[String], cases: &[Case]) -> TokenStream {
    let krate = cx.krate;
    let vis = cx.vis;
    let lines = doc(lines);
    let json = quote!(#krate::__private::serde_json);
    let mut declarations = Vec::new();
    let mut serializers = Vec::new();
    let mut named_values = Vec::new();
    let mut named_idents = Vec::new();
    // The plain variants' names are `naming::union_case_name`'s, which the
    // loader checks against the enum values' names.
    let mut text = false;
    let mut integer = false;
    let mut number = false;
    let mut flag = false;
    for case in cases {
        match case {
            Case::Named(variant) => {
                let variant_doc = doc(&variant.doc);
                let ident = &variant.ident;
                let value = variant.value.as_str().unwrap_or_default();
                declarations.push(quote!(#variant_doc #ident,));
                serializers.push(quote!(Self::#ident => serializer.serialize_str(#value),));
                named_values.push(value.to_owned());
                named_idents.push(ident.clone());
            }
            Case::Text => {
                text = true;
                declarations.push(quote! {
                    /// Any other string, as sent.
                    Text(::std::string::String),
                });
                serializers.push(quote!(Self::Text(value) => serializer.serialize_str(value),));
            }
            Case::Integer => {
                integer = true;
                declarations.push(quote! {
                    /// An integer, as sent.
                    Integer(i64),
                });
                serializers.push(quote!(Self::Integer(value) => serializer.serialize_i64(*value),));
            }
            Case::Number => {
                number = true;
                declarations.push(quote! {
                    /// A number, kept exactly as sent.
                    Number(#json::Number),
                });
                serializers.push(
                    quote!(Self::Number(value) => _serde::Serialize::serialize(value, serializer),),
                );
            }
            Case::Flag => {
                flag = true;
                declarations.push(quote! {
                    /// A boolean, as sent.
                    Flag(bool),
                });
                serializers.push(quote!(Self::Flag(value) => serializer.serialize_bool(*value),));
            }
        }
    }
    let other_string = if text {
        quote!(other => ::std::result::Result::Ok(#name::Text(::std::borrow::ToOwned::to_owned(other))),)
    } else {
        quote!(other => ::std::result::Result::Err(E::invalid_value(_serde::de::Unexpected::Str(other), &self)),)
    };
    let visit_str = (!named_values.is_empty() || text).then(|| {
        quote! {
            fn visit_str<E: _serde::de::Error>(self, value: &str) -> ::std::result::Result<#name, E> {
                match value {
                    #(#named_values => ::std::result::Result::Ok(#name::#named_idents),)*
                    #other_string
                }
            }
        }
    });
    let visit_numbers = if number {
        Some(quote! {
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
        })
    } else if integer {
        Some(quote! {
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
        })
    } else {
        None
    };
    let visit_bool = flag.then(|| {
        quote! {
            fn visit_bool<E: _serde::de::Error>(self, value: bool) -> ::std::result::Result<#name, E> {
                ::std::result::Result::Ok(#name::Flag(value))
            }
        }
    });
    let mut accepted: Vec<String> = named_values.iter().map(|v| format!("\"{v}\"")).collect();
    if text {
        accepted.push("a string".to_owned());
    }
    if integer {
        accepted.push("an integer".to_owned());
    }
    if number {
        accepted.push("a number".to_owned());
    }
    if flag {
        accepted.push("a boolean".to_owned());
    }
    let expecting = format!("one of: {}", accepted.join(", "));
    let eq = if number { quote!() } else { quote!(Eq,) };
    quote! {
        #lines
        #[derive(Debug, Clone, PartialEq, #eq)]
        #vis enum #name {
            #(#declarations)*
        }

        const _: () = {
            use #krate::__private::serde as _serde;

            #[automatically_derived]
            impl _serde::Serialize for #name {
                fn serialize<S: _serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#serializers)*
                    }
                }
            }

            #[automatically_derived]
            impl<'de> _serde::Deserialize<'de> for #name {
                fn deserialize<D: _serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
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
        };
    }
}
