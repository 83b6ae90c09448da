//! The bundled schemas: each loads cleanly, follows the meta-schema, is a
//! valid JSON Schema 2020-12 document, and the committed meta-schema is fresh.

#![allow(clippy::panic, clippy::unwrap_used)] // a test fails by panicking

mod support;

use support::{blessing, bundled_schemas, read_json, root};

#[test]
fn every_bundled_api_is_present() {
    let names: Vec<String> = bundled_schemas()
        .iter()
        .map(|path| match mpkit_codegen::load_schema(path) {
            Ok(schema) => schema.api.full_name(),
            Err(error) => panic!("{error}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            "my.getAuthCode",
            "my.getOpenUserInfo",
            "swan.getUserInfo",
            "swan.login",
            "tt.getUserInfo",
            "tt.getUserProfile",
            "tt.login",
            "ks.getUserInfo",
            "ks.login",
            "mpserverless.user.authorize",
            "mpserverless.user.getInfo",
            "qq.getUserInfo",
            "qq.login",
            "wx.getUserInfo",
            "wx.getUserProfile",
            "wx.login"
        ]
    );
}

#[test]
fn committed_meta_schema_is_fresh() {
    let path = root().join("schemas/meta.schema.json");
    let generated = mpkit_codegen::meta_schema_json();
    if blessing() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/meta.schema.json is stale: the spec model changed. Regenerate it with\n  \
         cargo run -p mpkit-cli -- meta-schema > schemas/meta.schema.json\n\
         or MPKIT_BLESS=1 cargo test --test schemas, and commit the result."
    );
}

#[test]
fn meta_schema_is_valid_json_schema_2020_12() {
    let meta = read_json(&root().join("schemas/meta.schema.json"));
    if let Err(error) = jsonschema::draft202012::meta::validate(&meta) {
        panic!("meta.schema.json is not a valid 2020-12 schema: {error}");
    }
}

#[test]
fn every_schema_follows_the_committed_meta_schema() {
    let meta = read_json(&root().join("schemas/meta.schema.json"));
    let validator = jsonschema::draft202012::new(&meta).unwrap_or_else(|e| panic!("{e}"));
    for path in bundled_schemas() {
        let schema = read_json(&path);
        let errors: Vec<String> = validator
            .iter_errors(&schema)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            path.display(),
            errors.join("\n")
        );
        assert_eq!(
            schema["$schema"],
            "../meta.schema.json",
            "{} must name the meta-schema",
            path.display()
        );
    }
}

#[test]
fn every_schema_and_data_part_is_valid_json_schema_2020_12() {
    for path in bundled_schemas() {
        let whole = read_json(&path);
        if let Err(error) = jsonschema::draft202012::meta::validate(&whole) {
            panic!("{}: not a valid 2020-12 schema: {error}", path.display());
        }
        let loaded = mpkit_codegen::load_schema(&path).unwrap_or_else(|e| panic!("{e}"));
        for part in mpkit_codegen::DataPart::ALL {
            if let Some(schema) = loaded.data_schema(part) {
                if let Err(error) = jsonschema::draft202012::new(&schema) {
                    panic!(
                        "{}: part `{}` does not compile: {error}",
                        path.display(),
                        part.key()
                    );
                }
            }
        }
    }
}

#[test]
fn schemas_say_what_the_seeds_say() {
    let load = |name: &str| match mpkit_codegen::load_schema(root().join("schemas").join(name)) {
        Ok(schema) => schema,
        Err(error) => panic!("{error}"),
    };
    use mpkit_codegen::spec::CallStyle;

    let wx = load("wechat/getUserInfo.json").api;
    assert_eq!(
        wx.call_style,
        CallStyle::Callback,
        "以 Promise 风格 调用:不支持"
    );
    assert_eq!(wx.scope.as_deref(), Some("scope.userInfo"));
    assert_eq!(
        wx.contexts["plugin"]
            .since
            .map(|v| v.to_string())
            .as_deref(),
        Some("2.3.1")
    );
    assert!(
        ["windows", "mac", "harmonyos"]
            .iter()
            .all(|h| wx.hosts[*h].supported)
    );
    assert_eq!(
        wx.request.properties.get("lang").unwrap().default,
        Some("en".into())
    );
    assert_eq!(
        wx.success
            .properties
            .get("cloudID")
            .unwrap()
            .since
            .map(|v| v.to_string())
            .as_deref(),
        Some("2.7.0")
    );
    assert_eq!(wx.prerequisites[0].api, "wx.login");

    let tt = load("douyin/getUserInfo.json").api;
    let status = &tt
        .success
        .properties
        .get("realNameAuthenticationStatus")
        .unwrap();
    assert_eq!(
        status.present_when.as_ref().map(|c| c.option.as_str()),
        Some("withRealNameAuthenticationInfo")
    );
    for field in ["signature", "encryptedData", "iv"] {
        let condition = tt
            .success
            .properties
            .get(field)
            .unwrap()
            .present_when
            .as_ref();
        assert_eq!(
            condition.map(|c| c.option.as_str()),
            Some("withCredentials"),
            "{field}"
        );
    }
    assert_eq!(tt.outcome.codes, ["errNo"]);

    let emas = load("mpserverless/user.getInfo.json").api;
    assert_eq!(emas.call_style, CallStyle::Promise);
    assert_eq!(
        emas.request.properties.get("authProvider").unwrap().default,
        Some("alipay_openapi".into())
    );
    assert_eq!(emas.prerequisites[0].api, "mpserverless.user.authorize");
    let result = &emas.defs["UserResult"];
    assert_eq!(
        result
            .properties
            .get("oAuthUserId")
            .unwrap()
            .present_when
            .as_ref()
            .map(|c| (c.option.as_str(), c.equals.is_none())),
        Some(("authProvider", true))
    );

    let profile = load("wechat/getUserProfile.json").api;
    assert_eq!(
        profile.since.map(|v| v.to_string()).as_deref(),
        Some("2.10.4")
    );
    assert!(!profile.contexts["plugin"].supported);
    assert_eq!(profile.request.required, ["desc"]);
    assert_eq!(
        profile.request.properties.get("desc").unwrap().max_length,
        Some(30)
    );
    let encrypted = &profile.defs["EncryptedProfile"].properties;
    assert!(!encrypted.contains_key("openId") && !encrypted.contains_key("unionId"));

    let tt_profile = load("douyin/getUserProfile.json").api;
    assert_eq!(
        tt_profile.request.properties.get("force").unwrap().default,
        Some(false.into())
    );
}

#[test]
fn the_2020_12_check_rejects_a_broken_schema() {
    // Guards the test above: the check must actually look at the document.
    let broken = serde_json::json!({ "$schema": "../meta.schema.json", "request": {}, "type": 5 });
    assert!(jsonschema::draft202012::meta::validate(&broken).is_err());
}

/// A platform's floor and aliases are facts of the platform, repeated in
/// each of its files: they must agree, or the derive would gate one API of
/// the platform on another floor than the next, and suggest differently.
#[test]
fn files_of_one_platform_agree_on_its_floor_and_aliases() {
    use std::collections::BTreeMap;
    let mut seen: BTreeMap<String, (String, _, Vec<String>)> = BTreeMap::new();
    for path in bundled_schemas() {
        let api = match mpkit_codegen::load_schema(&path) {
            Ok(schema) => schema.api,
            Err(error) => panic!("{error}"),
        };
        let facts = (
            path.display().to_string(),
            api.platform_floor.clone(),
            api.platform_aliases.clone(),
        );
        if let Some(first) = seen.get(&api.platform) {
            assert_eq!(
                (&first.1, &first.2),
                (&facts.1, &facts.2),
                "{} and {} disagree",
                first.0,
                facts.0
            );
        } else {
            seen.insert(api.platform.clone(), facts);
        }
    }
    // Where a floor is known, the bundled schemas state it.
    for (platform, version) in [
        ("wechat", mpkit::Version::new(1, 0, 0)),
        ("douyin", mpkit::Version::new(1, 0, 0)),
        ("kuaishou", mpkit::Version::new(1, 26, 1)),
    ] {
        let floor = seen[platform].1.as_ref().unwrap();
        assert_eq!(floor.version, version, "{platform}");
        assert!(floor.source.contains("https://"), "{platform}");
    }
    // Where no version is documented at all, none is guessed.
    for platform in ["qq", "mpserverless"] {
        assert!(seen[platform].1.is_none(), "{platform}");
    }
}
