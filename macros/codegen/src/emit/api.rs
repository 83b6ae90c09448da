//! The `MiniProgramApi` impl with the API's static facts, and the inherent
//! methods users call on their struct: `options`, `is_supported`, `decode`.

use proc_macro2::TokenStream;
use quote::quote;

use super::options::{builder_ident, required_parameters};
use super::{Context, doc, gate_note, proof, ty, version};
use crate::lower::{Credentials, Field, WatermarkFields};
use crate::naming::ident;
use crate::spec::{CallStyle, CryptoScheme, ErrorRejection, OutcomeStyle};

pub(super) fn emit(cx: &Context<'_>) -> TokenStream {
    let success = ident(cx.api.type_name(cx.api.success));
    let facts = api_impl(cx, &success);
    let response = response_impl(cx, &success);
    let methods = inherent_methods(cx, &success);
    let credentials = credentials(cx, &success);
    quote! {
        #facts
        #response
        #methods
        #credentials
    }
}

/// The failure payload's Rust type: the schema's, or JSON.
fn failure_ty(cx: &Context<'_>) -> TokenStream {
    let krate = cx.krate;
    match &cx.api.failure {
        Some(failure) => {
            let failure = ident(cx.api.type_name(*failure));
            quote!(#failure)
        }
        None => quote!(#krate::__private::serde_json::Value),
    }
}

/// `MiniProgramApi`: the API's static facts and its types.
fn api_impl(cx: &Context<'_>, success: &syn::Ident) -> TokenStream {
    let krate = cx.krate;
    let api = cx.api;
    let name = cx.name;
    let options = super::options::options_ident(cx);
    let failure = failure_ty(cx);
    let encrypted = api
        .encrypted
        .as_ref()
        .map_or_else(|| quote!(()), |encrypted| ty(cx, encrypted));
    let (platform, platform_name, namespace, method, full_name) = (
        &api.platform,
        &api.platform_name,
        &api.namespace,
        &api.method,
        &api.full_name,
    );
    let since = match api.since {
        Some(since) => {
            let since = version(cx, since);
            quote!(::std::option::Option::Some(#since))
        }
        None => quote!(::std::option::Option::None),
    };
    let call_style = match api.call_style {
        CallStyle::Callback => quote!(#krate::CallStyle::Callback),
        CallStyle::Promise => quote!(#krate::CallStyle::Promise),
        CallStyle::CallbackOrPromise => quote!(#krate::CallStyle::CallbackOrPromise),
    };
    let version_getters = &api.version_getters;
    let error_rejection = match api.error_rejection {
        ErrorRejection::HostError => quote!(#krate::ErrorRejection::HostError),
        ErrorRejection::Failure => quote!(#krate::ErrorRejection::Failure),
    };
    let field = &api.outcome_field;
    let outcome = match api.outcome {
        OutcomeStyle::ErrMsg => {
            let outcome_api = &api.outcome_api;
            let codes = &api.outcome_codes;
            quote!(#krate::Outcome::ErrMsg { field: #field, api: #outcome_api, codes: &[#(#codes),*] })
        }
        OutcomeStyle::SuccessFlag => {
            let codes = &api.outcome_codes;
            quote!(#krate::Outcome::SuccessFlag { field: #field, codes: &[#(#codes),*] })
        }
        OutcomeStyle::Callback => {
            let codes = &api.outcome_codes;
            let message = match &api.outcome_message {
                Some(message) => quote!(::std::option::Option::Some(#message)),
                None => quote!(::std::option::Option::None),
            };
            quote!(#krate::Outcome::Callback { message: #message, codes: &[#(#codes),*] })
        }
    };
    quote! {
        #[automatically_derived]
        impl #krate::MiniProgramApi for #name {
            const INFO: #krate::ApiInfo = #krate::ApiInfo {
                platform: #platform,
                platform_name: #platform_name,
                namespace: #namespace,
                method: #method,
                full_name: #full_name,
                since: #since,
                call_style: #call_style,
                outcome: #outcome,
                version_getters: &[#(#version_getters),*],
                error_rejection: #error_rejection,
            };
            type Options = #options;
            type Success = #success;
            type Failure = #failure;
            type Encrypted = #encrypted;
        }
    }
}

/// `Response`: where the success payload says how the call went.
fn response_impl(cx: &Context<'_>, success: &syn::Ident) -> TokenStream {
    let krate = cx.krate;
    let api = cx.api;
    let value = match &api.discriminant {
        // Nothing in the payload says how the call went: the callback that
        // ran has said it.
        None => quote!(::std::option::Option::None),
        Some(field) => {
            let (discriminant, optional) = (&field.ident, field.optional);
            let kind = match api.outcome {
                OutcomeStyle::SuccessFlag => quote!(#krate::Discriminant::Flag),
                _ => quote!(#krate::Discriminant::Text),
            };
            match (api.outcome, optional) {
                (OutcomeStyle::SuccessFlag, false) => {
                    quote!(::std::option::Option::Some(#kind(self.#discriminant)))
                }
                (OutcomeStyle::SuccessFlag, true) => quote!(self.#discriminant.map(#kind)),
                (_, false) => quote!(::std::option::Option::Some(#kind(&self.#discriminant))),
                (_, true) => quote!(self.#discriminant.as_deref().map(#kind)),
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl #krate::Response for #success {
            fn discriminant(&self) -> ::std::option::Option<#krate::Discriminant<'_>> {
                #value
            }
        }
    }
}

/// The rustdoc of `options()`: what the API is, what it needs, and what to
/// pass.
fn options_doc(cx: &Context<'_>) -> Vec<String> {
    let api = cx.api;
    let (full_name, platform_name) = (&api.full_name, &api.platform_name);
    let mut lines = vec![format!("Starts building the options of `{full_name}`.")];
    lines.push(String::new());
    lines.extend(api.doc.iter().cloned());
    lines.push(String::new());
    lines.push(match (api.since, &api.context) {
        (Some(since), Some(context)) => format!(
            "Platform: {platform_name}. Requires base library {since} in context `{context}`."
        ),
        (Some(since), None) => format!("Platform: {platform_name}. Requires base library {since}."),
        (None, _) => {
            format!("Platform: {platform_name}. The platform documents no minimum base library.")
        }
    });
    if let Some(gate) = api.api_gate {
        lines.push(String::new());
        lines.push(gate_note(cx, &format!("`{full_name}`"), "calling it", gate));
    }
    let required: Vec<&str> = api
        .options
        .iter()
        .filter(|o| o.required)
        .map(|o| o.json.as_str())
        .collect();
    if !required.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            "Required options, given here: `{}`.",
            required.join("`, `")
        ));
    }
    lines
}

/// The methods users call on their struct: `options`, `is_supported`,
/// `decode`, `decode_value`, `failure`.
fn inherent_methods(cx: &Context<'_>, success: &syn::Ident) -> TokenStream {
    let krate = cx.krate;
    let api = cx.api;
    let name = cx.name;
    let full_name = &api.full_name;
    let builder = builder_ident(cx);
    let failure = failure_ty(cx);
    let (mut parameters, inits) = required_parameters(cx);
    if let Some(gate) = api.api_gate {
        let proof_ty = proof(cx, gate);
        parameters.insert(0, quote!(proof: #proof_ty));
    }
    let options_doc = doc(&options_doc(cx));
    let ignore_proof = api.api_gate.map(|_| quote!(let _ = proof;));
    let is_supported_doc = format!(
        " Whether a host with base library `host` can call `{full_name}`{}, as `canIUse` would answer.",
        api.context
            .as_ref()
            .map(|c| format!(" in context `{c}`"))
            .unwrap_or_default()
    );
    let decode_doc = format!(" Decodes a `{full_name}` response given as JSON text.");
    quote! {
        impl #name {
            #options_doc
            pub fn options(#(#parameters),*) -> #builder {
                #ignore_proof
                #builder { #(#inits)* }
            }

            #[doc = #is_supported_doc]
            #[must_use]
            pub fn is_supported(host: &#krate::Version) -> bool {
                <Self as #krate::MiniProgramApi>::INFO.is_supported(host)
            }

            #[doc = #decode_doc]
            ///
            /// # Errors
            /// `CallError::Failure` when the payload reports a failure,
            /// `CallError::Decode` when it is not what the schema describes.
            pub fn decode(text: &str) -> ::std::result::Result<#success, #krate::CallError> {
                <Self as #krate::MiniProgramApi>::decode(text)
            }

            /// Decodes a response given as a JSON value.
            ///
            /// # Errors
            /// As [`Self::decode`].
            pub fn decode_value(value: #krate::__private::serde_json::Value) -> ::std::result::Result<#success, #krate::CallError> {
                <Self as #krate::MiniProgramApi>::decode_value(value)
            }

            /// The typed failure payload of `error`, when it is a platform failure of this API.
            #[must_use]
            pub fn failure(error: &#krate::CallError) -> ::std::option::Option<#failure> {
                error.failure_payload::<#failure>()
            }
        }
    }
}

/// `verify` and `decrypt` on the success type, when the schema names the
/// credential fields, and `EncryptedUserData` over them.
fn credentials(cx: &Context<'_>, success: &syn::Ident) -> TokenStream {
    let (Some(credentials), Some(encrypted)) = (&cx.api.credentials, &cx.api.encrypted) else {
        return quote!();
    };
    let encrypted = ty(cx, encrypted);
    let verify = credentials
        .signed
        .as_ref()
        .map(|(raw, signature)| verify(cx, raw, signature));
    let decrypt = match (credentials.scheme, &cx.api.watermark) {
        (CryptoScheme::Aes192CbcFramed, _) => decrypt_framed(cx, credentials, &encrypted),
        (CryptoScheme::Aes128Cbc, Some(mark)) => {
            decrypt_watermarked(cx, credentials, mark, &encrypted)
        }
        (CryptoScheme::Aes128Cbc, None) => decrypt_unmarked(cx, credentials, &encrypted),
    };
    let watermarked = cx.api.watermark.as_ref().map(|mark| watermarked(cx, mark));
    let user_data = user_data(cx, credentials, success, &encrypted);
    quote! {
        impl #success {
            #verify
            #decrypt
        }

        #user_data
        #watermarked
    }
}

/// `verify`: the signature over the raw data.
fn verify(cx: &Context<'_>, raw: &Field, signature: &Field) -> TokenStream {
    let krate = cx.krate;
    let read_raw = read_credential(cx, raw);
    let read_signature = read_credential(cx, signature);
    let (raw, signature) = (&raw.ident, &signature.ident);
    let doc = format!(
        " Checks that the signature of this `{}` response covers its raw data, under the user's session key.",
        cx.api.full_name
    );
    quote! {
        #[doc = #doc]
        ///
        /// # Errors
        /// `CryptoErrorKind::Signature` when it does not match,
        /// `CryptoErrorKind::Format` when the payload carries no credentials.
        pub fn verify(&self, key: &#krate::crypto::SessionKey) -> ::std::result::Result<(), #krate::crypto::CryptoError> {
            #read_raw
            #read_signature
            #krate::crypto::verify_signature(#raw, #signature, key)
        }
    }
}

/// `EncryptedUserData`: the inherent methods under one trait, with what the
/// scheme checks the data against.
fn user_data(
    cx: &Context<'_>,
    credentials: &Credentials,
    success: &syn::Ident,
    encrypted: &TokenStream,
) -> TokenStream {
    let krate = cx.krate;
    let check_signature = if credentials.signed.is_some() {
        quote! {
            fn check_signature(&self, key: &#krate::crypto::SessionKey) -> ::std::result::Result<#krate::crypto::Signature, #krate::crypto::CryptoError> {
                #success::verify(self, key).map(|()| #krate::crypto::Signature::Verified)
            }
        }
    } else {
        quote! {
            fn check_signature(&self, _key: &#krate::crypto::SessionKey) -> ::std::result::Result<#krate::crypto::Signature, #krate::crypto::CryptoError> {
                ::std::result::Result::Ok(#krate::crypto::Signature::Unsigned)
            }
        }
    };
    // What the data is checked against, and the `app` parameter (unread
    // when nothing names an app).
    let (check, decrypt, app) = match (credentials.scheme, cx.api.watermark.is_some()) {
        (CryptoScheme::Aes192CbcFramed, _) => (
            quote!(AppKey),
            quote!(#success::decrypt(self, key, app)),
            quote!(app),
        ),
        (CryptoScheme::Aes128Cbc, true) => (
            quote!(AppId),
            quote!(#success::decrypt(self, key, app)),
            quote!(app),
        ),
        (CryptoScheme::Aes128Cbc, false) => (
            quote!(Nothing),
            quote!(#success::decrypt(self, key)),
            quote!(_app),
        ),
    };
    // Only a watermark's timestamp dates the data; without one an age is
    // refused before anything is decrypted.
    let dated = cx
        .api
        .watermark
        .as_ref()
        .is_some_and(|mark| mark.timestamp.is_some());
    let decrypt_fresh = if dated {
        quote! {
            fn decrypt_fresh(&self, key: &#krate::crypto::SessionKey, app: &str, max_age: ::std::time::Duration) -> ::std::result::Result<#encrypted, #krate::crypto::CryptoError> {
                #success::decrypt_with(self, key, &#krate::crypto::WatermarkCheck::appid(app).max_age(max_age))
            }
        }
    } else {
        quote! {
            fn decrypt_fresh(&self, _key: &#krate::crypto::SessionKey, _app: &str, _max_age: ::std::time::Duration) -> ::std::result::Result<#encrypted, #krate::crypto::CryptoError> {
                ::std::result::Result::Err(#krate::crypto::CryptoError::undated())
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl #krate::crypto::EncryptedUserData for #success {
            type Decrypted = #encrypted;
            const APP_CHECK: #krate::crypto::AppCheck = #krate::crypto::AppCheck::#check;

            #check_signature

            fn decrypt_for(&self, key: &#krate::crypto::SessionKey, #app: &str) -> ::std::result::Result<#encrypted, #krate::crypto::CryptoError> {
                #decrypt
            }

            #decrypt_fresh
        }
    }
}

/// `decrypt` for the framed AES-192 scheme: the frame ends with the app key
/// the data was issued to, which takes the watermark's part.
fn decrypt_framed(
    cx: &Context<'_>,
    credentials: &Credentials,
    encrypted: &TokenStream,
) -> TokenStream {
    let krate = cx.krate;
    let (read_encrypted, read_iv, encrypted_data, iv) = encrypted_inputs(cx, credentials);
    let doc = format!(
        " Decrypts the encrypted data of this `{}` response (AES-192-CBC, framed) and checks that it was issued to the app whose app key is `app_key`.",
        cx.api.full_name
    );
    quote! {
        #[doc = #doc]
        ///
        /// # Errors
        /// As `crypto::decrypt_framed`.
        pub fn decrypt(&self, key: &#krate::crypto::SessionKey, app_key: &str) -> ::std::result::Result<#encrypted, #krate::crypto::CryptoError> {
            #read_encrypted
            #read_iv
            #krate::crypto::decrypt_framed(#encrypted_data, #iv, key, app_key)
        }
    }
}

/// `decrypt` and `decrypt_with` for data whose watermark names the app, at
/// the members the schema names; the type keeps its watermark, so the
/// plaintext is read once.
fn decrypt_watermarked(
    cx: &Context<'_>,
    credentials: &Credentials,
    mark: &WatermarkFields,
    encrypted: &TokenStream,
) -> TokenStream {
    let krate = cx.krate;
    let full_name = &cx.api.full_name;
    let (read_encrypted, read_iv, encrypted_data, iv) = encrypted_inputs(cx, credentials);
    let decrypt_doc = format!(
        " Decrypts the encrypted data of this `{full_name}` response and checks that its watermark names `appid`."
    );
    let decrypt_with_doc = format!(
        " Decrypts the encrypted data of this `{full_name}` response and checks its watermark as `check` says (app id, and age if set)."
    );
    let (member, appid) = (&mark.field.json, &mark.appid.json);
    let timestamp = match &mark.timestamp {
        Some(field) => {
            let json = &field.json;
            quote!(::std::option::Option::Some(#json))
        }
        None => quote!(::std::option::Option::None),
    };
    quote! {
        #[doc = #decrypt_doc]
        ///
        /// # Errors
        /// As `crypto::decrypt`.
        pub fn decrypt(&self, key: &#krate::crypto::SessionKey, appid: &str) -> ::std::result::Result<#encrypted, #krate::crypto::CryptoError> {
            self.decrypt_with(key, &#krate::crypto::WatermarkCheck::appid(appid))
        }

        #[doc = #decrypt_with_doc]
        ///
        /// # Errors
        /// As `crypto::decrypt_with`.
        pub fn decrypt_with(&self, key: &#krate::crypto::SessionKey, check: &#krate::crypto::WatermarkCheck<'_>) -> ::std::result::Result<#encrypted, #krate::crypto::CryptoError> {
            #read_encrypted
            #read_iv
            // The schema's member names, for the path that reads the
            // watermark on its own (to report problems in order).
            let check = check.clone().members(#member, #appid, #timestamp);
            #krate::crypto::decrypt_watermarked_with(#encrypted_data, #iv, key, &check)
        }
    }
}

/// `decrypt` for data without a watermark (`"watermark": "none"`): nothing
/// to check it against, which the docs say.
fn decrypt_unmarked(
    cx: &Context<'_>,
    credentials: &Credentials,
    encrypted: &TokenStream,
) -> TokenStream {
    let krate = cx.krate;
    let full_name = &cx.api.full_name;
    let (read_encrypted, read_iv, encrypted_data, iv) = encrypted_inputs(cx, credentials);
    let doc = format!(
        " Decrypts the encrypted data of this `{full_name}` response. Its decrypted data carries no watermark, so nothing in it ties it to your app: take the user's identity from your own code-to-session exchange."
    );
    quote! {
        #[doc = #doc]
        ///
        /// # Errors
        /// As `crypto::decrypt_with` with `WatermarkCheck::none()`.
        pub fn decrypt(&self, key: &#krate::crypto::SessionKey) -> ::std::result::Result<#encrypted, #krate::crypto::CryptoError> {
            #read_encrypted
            #read_iv
            #krate::crypto::decrypt_with(#encrypted_data, #iv, key, &#krate::crypto::WatermarkCheck::none())
        }
    }
}

/// The statements reading `encryptedData` and `iv`, and their names.
fn encrypted_inputs<'a>(
    cx: &Context<'_>,
    credentials: &'a Credentials,
) -> (TokenStream, TokenStream, &'a syn::Ident, &'a syn::Ident) {
    (
        read_credential(cx, &credentials.encrypted_data),
        read_credential(cx, &credentials.iv),
        &credentials.encrypted_data.ident,
        &credentials.iv.ident,
    )
}

/// Reads credential field `field` into a local of its name. A field the
/// platform may leave out is read with an error that names it as the
/// payload does, and says when the platform sends it.
fn read_credential(cx: &Context<'_>, field: &Field) -> TokenStream {
    let krate = cx.krate;
    let ident = &field.ident;
    if !field.optional {
        return quote!(let #ident: &str = &self.#ident;);
    }
    let json = &field.json;
    let sent_when = match &field.present_when {
        Some(when) => quote!(::std::option::Option::Some(#when)),
        None => quote!(::std::option::Option::None),
    };
    quote! {
        let #ident: &str = self.#ident.as_deref().ok_or_else(|| #krate::crypto::CryptoError::missing_field(#json, #sent_when))?;
    }
}

/// `Watermarked` for the decrypted-data type: where its watermark is.
fn watermarked(cx: &Context<'_>, mark: &WatermarkFields) -> TokenStream {
    let krate = cx.krate;
    let owner = ident(cx.api.type_name(mark.owner));
    let field = &mark.field.ident;
    let read_mark = if mark.field.optional {
        quote!(let mark = self.#field.as_ref()?;)
    } else {
        quote!(let mark = &self.#field;)
    };
    let appid_ident = &mark.appid.ident;
    let appid = if mark.appid.optional {
        quote!(mark.#appid_ident.as_deref()?)
    } else {
        quote!(&mark.#appid_ident)
    };
    let timestamp = match &mark.timestamp {
        Some(timestamp) if timestamp.optional => {
            let timestamp = &timestamp.ident;
            quote!(mark.#timestamp)
        }
        Some(timestamp) => {
            let timestamp = &timestamp.ident;
            quote!(::std::option::Option::Some(mark.#timestamp))
        }
        None => quote!(::std::option::Option::None),
    };
    quote! {
        #[automatically_derived]
        impl #krate::crypto::Watermarked for #owner {
            fn watermark(&self) -> ::std::option::Option<#krate::crypto::Watermark<'_>> {
                #read_mark
                ::std::option::Option::Some(#krate::crypto::Watermark {
                    appid: #appid,
                    timestamp: #timestamp,
                })
            }
        }
    }
}
