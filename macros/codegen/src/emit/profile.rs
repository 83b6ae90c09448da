//! `profile()` on the success type and the decrypted-data type, as the
//! schema's `x-profile` maps their members onto `mpkit::Profile`.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::Context;
use crate::lower::{Field, Ty, TypeDef, TypeId, Variant};
use crate::naming::ident;
use crate::spec::{GenderCodes, ProfileMap, ProfileMembers, pointer_segments};

pub(super) fn emit(cx: &Context<'_>) -> TokenStream {
    let Some(map) = &cx.api.profile else {
        return quote!();
    };
    let success = method(cx, cx.api.success, &map.success, map, "the success payload");
    let encrypted = match cx.api.encrypted.as_ref().map(Ty::unboxed) {
        Some(Ty::Named(id)) => method(cx, *id, &map.encrypted, map, "the decrypted data"),
        _ => quote!(),
    };
    quote! {
        #success
        #encrypted
    }
}

/// `profile()` on `owner`, filling what `members` maps.
fn method(
    cx: &Context<'_>,
    owner: TypeId,
    members: &ProfileMembers,
    map: &ProfileMap,
    what: &str,
) -> TokenStream {
    if members.is_empty() {
        return quote!();
    }
    let krate = cx.krate;
    let platform = &cx.api.platform;
    let owner_ident = ident(cx.api.type_name(owner));
    let mut fills = Vec::new();
    for (field, _, pointer) in members.mapped() {
        let Some((read, ty)) = access(cx, owner, pointer) else {
            continue;
        };
        let target = ident(field);
        let fill = if field == "gender" {
            let genders = map.genders.clone().unwrap_or_default();
            let value = gender_of(cx, read, &ty, &genders);
            quote!(profile.#target = #value;)
        } else {
            match read {
                Read::Place(place) => quote!(profile.#target = Some(#place.clone());),
                Read::OptionPlace { place, .. } => quote!(profile.#target.clone_from(&#place);),
                Read::Optional(option) => quote!(profile.#target = #option.cloned();),
            }
        };
        fills.push(fill);
    }
    let anonymous = match (&map.anonymous, &members.nickname) {
        (Some(anonymous), Some(_)) => {
            let placeholder = &anonymous.nickname;
            quote!(profile.anonymous = profile.nickname.as_deref() == Some(#placeholder);)
        }
        _ => quote!(),
    };
    let doc = format!(
        " The user's profile in mpkit's form for every platform, from {what} (as the schema's `x-profile` maps it); what {what} does not carry is `None`."
    );
    let body = quote! {
        let mut profile = #krate::Profile::new(#platform);
        #(#fills)*
        #anonymous
        profile
    };
    let imports = short_names(krate, &body);
    quote! {
        impl #owner_ident {
            #[doc = #doc]
            #[must_use]
            pub fn profile(&self) -> #krate::Profile {
                #imports
                #body
            }
        }

        #[automatically_derived]
        impl #krate::ToProfile for #owner_ident {
            fn profile(&self) -> #krate::Profile {
                #owner_ident::profile(self)
            }
        }
    }
}

/// How a member is read: a place expression of its type, or an
/// `Option<&T>` when a member on the way may be absent.
enum Read {
    Place(TokenStream),
    /// A place of type `Option<T>` (`Option<Box<T>>` when `boxed`).
    OptionPlace {
        place: TokenStream,
        boxed: bool,
    },
    Optional(TokenStream),
}

/// A [`Read`] whose absence, if it can be absent, is an `Option<&T>`.
enum Settled {
    Place(TokenStream),
    Optional(TokenStream),
}

impl Read {
    /// An optional place as `Option<&T>`; the other reads as they are.
    fn settled(self) -> Settled {
        match self {
            Read::Place(place) => Settled::Place(place),
            Read::OptionPlace { place, boxed: true } => {
                Settled::Optional(quote!(#place.as_deref()))
            }
            Read::OptionPlace {
                place,
                boxed: false,
            } => Settled::Optional(quote!(#place.as_ref())),
            Read::Optional(option) => Settled::Optional(option),
        }
    }
}

/// How the member at `pointer` of `self` (a value of `owner`) is read, with
/// its type. `None` when the pointer does not lead through typed fields,
/// which the loader refuses.
fn access(cx: &Context<'_>, owner: TypeId, pointer: &str) -> Option<(Read, Ty)> {
    let segments = pointer_segments(&format!("#{pointer}"))?;
    let mut read = Read::Place(quote!(self));
    let mut current = Ty::Named(owner);
    for segment in &segments {
        let Ty::Named(id) = current.unboxed() else {
            return None;
        };
        let field: &Field = fields_of(cx, *id).iter().find(|f| &f.json == segment)?;
        let name = &field.ident;
        let boxed = matches!(field.ty, Ty::Boxed(_));
        let as_ref = if boxed {
            quote!(as_deref)
        } else {
            quote!(as_ref)
        };
        read = match (read.settled(), field.optional) {
            (Settled::Place(place), false) => Read::Place(quote!(#place.#name)),
            (Settled::Place(place), true) => Read::OptionPlace {
                place: quote!(#place.#name),
                boxed,
            },
            (Settled::Optional(option), false) => Read::Optional(quote!(#option.map(|v| &v.#name))),
            (Settled::Optional(option), true) => {
                Read::Optional(quote!(#option.and_then(|v| v.#name.#as_ref())))
            }
        };
        current = field.ty.unboxed().clone();
        if let Ty::Nullable(inner) = current {
            read = Read::Optional(match read.settled() {
                Settled::Place(place) => quote!(#place.as_ref()),
                Settled::Optional(option) => quote!(#option.and_then(Option::as_ref)),
            });
            current = *inner;
        }
        if let Ty::JsonText(content) = current {
            // What the text says, when it reads as its type.
            read = Read::Optional(match read.settled() {
                Settled::Place(place) => quote!(#place.content().ok()),
                Settled::Optional(option) => quote!(#option.and_then(|v| v.content().ok())),
            });
            current = *content;
        }
        if let Ty::NumberOrString(inner) = current {
            let krate = cx.krate;
            read = match read.settled() {
                Settled::Place(place) => Read::Place(quote!((*#place.get()))),
                Settled::Optional(option) => {
                    Read::Optional(quote!(#option.map(#krate::NumberOrString::get)))
                }
            };
            current = *inner;
        }
    }
    Some((read, current))
}

/// The `use` items for the short names `body` uses (`Gender`, `Option`,
/// `Some`, `None`), each imported only where used: an unused import would
/// be a warning in the user's crate.
fn short_names(krate: &syn::Path, body: &TokenStream) -> TokenStream {
    let gender = uses(body, "Gender").then(|| quote!(use #krate::Gender;));
    let option: Vec<TokenStream> = ["Option", "None", "Some"]
        .into_iter()
        .filter(|name| uses(body, name))
        .map(|name| {
            if name == "Option" {
                quote!(self)
            } else {
                let name = ident(name);
                quote!(#name)
            }
        })
        .collect();
    let option = match option.as_slice() {
        [] => quote!(),
        [only] if only.to_string() == "self" => quote!(
            use ::std::option::Option;
        ),
        [one] => quote!(use ::std::option::Option::#one;),
        many => quote!(use ::std::option::Option::{#(#many),*};),
    };
    quote!(#gender #option)
}

/// Whether `tokens` name `name` anywhere.
fn uses(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(found) => found == name,
        proc_macro2::TokenTree::Group(group) => uses(&group.stream(), name),
        _ => false,
    })
}

fn fields_of<'a>(cx: &Context<'a>, id: TypeId) -> &'a [Field] {
    match cx.api.def(id) {
        Some(TypeDef::Struct { fields, .. }) => fields,
        _ => &[],
    }
}

/// The gender the member read by `read` means: each code the schema lists
/// to its gender, any other to `None`.
fn gender_of(cx: &Context<'_>, read: Read, ty: &Ty, codes: &GenderCodes) -> TokenStream {
    let lists = [
        (&codes.male, quote!(Gender::Male)),
        (&codes.female, quote!(Gender::Female)),
        (&codes.unknown, quote!(Gender::Unknown)),
    ];
    // The arms of a `match` on the member's value, and how that value is
    // written from a reference `v` to it.
    let (arms, scrutinee): (Vec<TokenStream>, fn(TokenStream) -> TokenStream) = match ty {
        Ty::Named(id) => match cx.api.def(*id) {
            Some(TypeDef::Enum { name, variants, .. }) => match enum_arms(name, variants, &lists) {
                // Every value means a gender: a total match, no `Option`.
                (arms, true) => {
                    return match read.settled() {
                        Settled::Place(place) => quote!(Some(match &#place { #(#arms)* })),
                        Settled::Optional(option) => {
                            quote!(#option.map(|v| match v { #(#arms)* }))
                        }
                    };
                }
                (arms, false) => (arms, |v| quote!(#v)),
            },
            _ => return quote!(None),
        },
        Ty::Int | Ty::String => plain_arms(ty, &lists),
        _ => return quote!(None),
    };
    match read.settled() {
        Settled::Place(place) => {
            let value = scrutinee(quote!((&#place)));
            quote!(match #value { #(#arms)* })
        }
        Settled::Optional(option) => {
            let value = scrutinee(quote!(v));
            quote!(#option.and_then(|v| match #value { #(#arms)* }))
        }
    }
}

/// The gender each code list means.
type GenderLists<'a> = [(&'a Vec<Value>, TokenStream); 3];

/// One arm per variant of a gender enum, and whether every variant means a
/// gender (then the arms give a `Gender`, else an `Option<Gender>`).
fn enum_arms(
    name: &str,
    variants: &[Variant],
    lists: &GenderLists<'_>,
) -> (Vec<TokenStream>, bool) {
    let enum_ident = ident(name);
    let genders: Vec<Option<&TokenStream>> = variants
        .iter()
        .map(|variant| {
            lists
                .iter()
                .find(|(list, _)| list.contains(&variant.value))
                .map(|(_, gender)| gender)
        })
        .collect();
    let total = genders.iter().all(Option::is_some);
    let arms = variants
        .iter()
        .zip(&genders)
        .map(|(variant, gender)| {
            let variant_ident = &variant.ident;
            match (gender, total) {
                (Some(gender), true) => quote!(#enum_ident::#variant_ident => #gender,),
                (Some(gender), false) => quote!(#enum_ident::#variant_ident => Some(#gender),),
                (None, _) => quote!(#enum_ident::#variant_ident => None,),
            }
        })
        .collect();
    (arms, total)
}

/// The arms of a match on an integer or string gender code, any other code
/// meaning no gender.
fn plain_arms(
    ty: &Ty,
    lists: &GenderLists<'_>,
) -> (Vec<TokenStream>, fn(TokenStream) -> TokenStream) {
    let mut arms: Vec<TokenStream> = lists
        .iter()
        .flat_map(|(list, gender)| list.iter().map(move |code| (code, gender)))
        .filter_map(|(code, gender)| {
            let pattern = match (ty, code) {
                (Ty::Int, Value::Number(n)) => n.as_i64().map(|n| quote!(#n))?,
                (Ty::String, Value::String(text)) => quote!(#text),
                _ => return None,
            };
            Some(quote!(#pattern => Some(#gender),))
        })
        .collect();
    arms.push(quote!(_ => None,));
    if matches!(ty, Ty::Int) {
        (arms, |v| quote!(*#v))
    } else {
        (arms, |v| quote!(#v.as_str()))
    }
}
