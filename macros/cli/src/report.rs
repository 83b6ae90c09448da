//! Messages on stderr, compiler-style, colored when stderr is a terminal.

use std::io::IsTerminal;
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
            eprintln!("{}", line.replacen("error:", &red, 1));
        }
    }

    /// One line, `error: ...`, and the exit code to return.
    pub(crate) fn fail(&self, message: &str, code: u8) -> ExitCode {
        eprintln!("{} {message}", self.paint("1;31", "error:"));
        ExitCode::from(code)
    }

    /// A summary line.
    pub(crate) fn note(&self, message: &str) {
        eprintln!("{}", self.paint("1", message));
    }
}
