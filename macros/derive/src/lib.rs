//! `#[derive(MiniProgramApi)]` for mpkit.
//!
//! This crate is the proc-macro shim over `mpkit-codegen`: it parses the
//! `#[mini_program(...)]` attribute, asks the code generator for tokens and
//! emits them. It holds no platform knowledge and no generation logic of its
//! own, so the derive, `mpkit expand` and the golden expansions cannot
//! disagree. The derive itself arrives with the code generator (issue #3).
