//! Output: results on stdout, and messages on stderr, compiler-style,
//! colored when stderr is a terminal. Writing never panics: a closed pipe
//! (`mpkit check | head -2`) only means nobody reads the rest.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use mpkit_codegen::LoadError;

pub(crate) struct Report {
    color: bool,
}

impl Report {
    /// Colors only on a terminal, and never when `NO_COLOR` is set.
    pub(crate) fn stderr() -> Self {
        Report {
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// Every diagnostic of a load error, `file:line:col: error: ...`.
    pub(crate) fn load_error(&self, error: &LoadError) {
        let red = self.paint("1;31", "error:");
        for line in error.to_string().lines() {
            to_stderr(&line.replacen("error:", &red, 1));
        }
    }

    /// One line, `error: ...`, and the exit code to return.
    pub(crate) fn fail(&self, message: &str, code: u8) -> ExitCode {
        to_stderr(&format!("{} {message}", self.paint("1;31", "error:")));
        ExitCode::from(code)
    }

    /// A summary line.
    pub(crate) fn note(&self, message: &str) {
        to_stderr(&self.paint("1", message));
    }
}

/// Writes `text` to stdout as it is. A write error (a closed pipe) is
/// ignored: the reader has gone, and there is no one left to tell.
pub(crate) fn to_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Writes `line` and a newline to stderr, ignoring write errors as
/// [`to_stdout`] does.
fn to_stderr(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(line.as_bytes())
        .and_then(|()| err.write_all(b"\n"));
}
