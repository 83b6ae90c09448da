//! The WebAssembly module of the example mini program
//! (`examples/miniprogram/`): `WasmHost` and the five bundled APIs, exported
//! to JavaScript as a class, `Platform`, made once per platform object (as
//! the app's script sees it), whose methods return promises.
//!
//! `scripts/test-wasm.sh` builds it for `wasm32-unknown-unknown`, runs
//! `wasm-bindgen --target web` and `hosts/wasm/glue/miniprogram-glue.cjs` over it,
//! and loads it in a Node stand-in for the mini-program runtime. Natively it
//! only compiles (its `main` does nothing).

#![allow(unreachable_pub)] // the exports are for JavaScript

use std::rc::Rc;

use js_sys::Promise;
use mpkit::{AtLeast, BuildError, CallError, Host, MiniProgramApi, Version, call};
use mpkit_wasm::WasmHost;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// `wx.getUserInfo`, for an app whose minimum base library is 2.10.4.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;

/// `wx.getUserProfile`.
#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserProfile", min_version = "2.10.4")]
pub struct WxGetUserProfile;

/// `tt.getUserInfo`.
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserInfo", min_version = "1.80.0")]
pub struct TtGetUserInfo;

/// `tt.getUserProfile`.
#[derive(MiniProgramApi)]
#[mini_program(api = "douyin/getUserProfile", min_version = "2.30.0")]
pub struct TtGetUserProfile;

/// `mpserverless.user.getInfo`.
#[derive(MiniProgramApi)]
#[mini_program(api = "mpserverless/user.getInfo")]
pub struct EmasGetUserInfo;

/// Options refused by `build()`, as a JavaScript `Error`.
fn refused(error: BuildError) -> JsValue {
    js_sys::Error::new(&error.to_string()).into()
}

/// A call error as a JavaScript `Error` whose message says what to do.
fn failed(error: CallError) -> JsValue {
    js_sys::Error::new(&error.to_string()).into()
}

/// One platform object (`wx`, `tt`, an EMAS client) and the host over it,
/// made once and kept by the app: `new Platform('wx', wx)`.
#[wasm_bindgen]
pub struct Platform {
    host: Rc<WasmHost>,
}

#[wasm_bindgen]
impl Platform {
    /// A host over `root`, the platform object named `name`. `version` is
    /// its base-library (or SDK) version when JavaScript gives it; otherwise
    /// it is read by the getters the API's schema names.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, root: JsValue, version: Option<String>) -> Result<Platform, JsValue> {
        let host = WasmHost::from_object(name, root);
        let host = match version {
            None => host,
            Some(text) => match Version::parse(&text) {
                Ok(version) => host.with_version(name, version),
                Err(error) => return Err(js_sys::Error::new(&error.to_string()).into()),
            },
        };
        Ok(Platform {
            host: Rc::new(host),
        })
    }

    /// `wx.getUserInfo` with `lang`; resolves with the user's nickname.
    #[wasm_bindgen(js_name = wxGetUserInfo)]
    pub fn wx_get_user_info(&self, lang: String) -> Promise {
        let host = Rc::clone(&self.host);
        future_to_promise(async move {
            let lang = match lang.as_str() {
                "zh_CN" => WxGetUserInfoLang::ZhCn,
                "zh_TW" => WxGetUserInfoLang::ZhTw,
                _ => WxGetUserInfoLang::En,
            };
            let options = WxGetUserInfo::options()
                .lang(lang)
                .build()
                .map_err(refused)?;
            let reply = call::<WxGetUserInfo, _>(&*host, &options)
                .await
                .map_err(failed)?;
            Ok(JsValue::from_str(&reply.user_info.nick_name))
        })
    }

    /// `wx.getUserProfile` with `desc`; resolves with the user's nickname.
    #[wasm_bindgen(js_name = wxGetUserProfile)]
    pub fn wx_get_user_profile(&self, desc: String) -> Promise {
        let host = Rc::clone(&self.host);
        future_to_promise(async move {
            let options = WxGetUserProfile::options(desc).build().map_err(refused)?;
            let reply = call::<WxGetUserProfile, _>(&*host, &options)
                .await
                .map_err(failed)?;
            Ok(JsValue::from_str(&reply.user_info.nick_name))
        })
    }

    /// `tt.getUserInfo`, with the real-name status; resolves with the
    /// user's nickname.
    #[wasm_bindgen(js_name = ttGetUserInfo)]
    pub fn tt_get_user_info(&self) -> Promise {
        let host = Rc::clone(&self.host);
        future_to_promise(async move {
            let options = TtGetUserInfo::options()
                .with_real_name_authentication_info(true)
                .build()
                .map_err(refused)?;
            let reply = call::<TtGetUserInfo, _>(&*host, &options)
                .await
                .map_err(failed)?;
            Ok(JsValue::from_str(&reply.user_info.nick_name))
        })
    }

    /// `tt.getUserProfile`, forcing the prompt where the host has 2.54.0;
    /// resolves with the user's nickname.
    #[wasm_bindgen(js_name = ttGetUserProfile)]
    pub fn tt_get_user_profile(&self) -> Promise {
        let host = Rc::clone(&self.host);
        future_to_promise(async move {
            let version = Host::version(&*host, &TtGetUserProfile::INFO).map_err(|error| {
                failed(CallError::Host {
                    api: TtGetUserProfile::INFO.full_name,
                    error,
                })
            })?;
            let mut builder = TtGetUserProfile::options();
            if let Ok(proof) = AtLeast::<2, 54, 0>::check(version) {
                builder = builder.force(proof, true);
            }
            let options = builder.build().map_err(refused)?;
            let reply = call::<TtGetUserProfile, _>(&*host, &options)
                .await
                .map_err(failed)?;
            Ok(JsValue::from_str(&reply.user_info.nick_name))
        })
    }

    /// `mpserverless.user.getInfo` on an EMAS Serverless client; resolves
    /// with the user id.
    #[wasm_bindgen(js_name = emasGetUserInfo)]
    pub fn emas_get_user_info(&self) -> Promise {
        let host = Rc::clone(&self.host);
        future_to_promise(async move {
            let options = EmasGetUserInfo::options()
                .auth_provider(EmasGetUserInfoAuthProvider::Wechat)
                .build()
                .map_err(refused)?;
            let reply = call::<EmasGetUserInfo, _>(&*host, &options)
                .await
                .map_err(failed)?;
            Ok(reply
                .result
                .user_id()
                .map_or(JsValue::NULL, |id| JsValue::from_str(id)))
        })
    }
}

#[allow(dead_code)] // natively, an example needs a `main`
fn main() {}
