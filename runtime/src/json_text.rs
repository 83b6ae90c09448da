//! Reading JSON text byte by byte: which bytes stand outside every string.
//! Structural bytes are ASCII, so bytes will do for UTF-8 text.

/// Follows strings and their escapes through JSON text.
#[derive(Debug, Default)]
pub(crate) struct Strings {
    in_string: bool,
    escaped: bool,
}

impl Strings {
    /// Takes the next byte of the text; whether it stands outside every
    /// string (a bracket, a separator, whitespace between tokens). A
    /// string's quotes count as inside it.
    pub(crate) fn outside(&mut self, byte: u8) -> bool {
        if self.in_string {
            match (self.escaped, byte) {
                (true, _) => self.escaped = false,
                (false, b'\\') => self.escaped = true,
                (false, b'"') => self.in_string = false,
                _ => {}
            }
            false
        } else if byte == b'"' {
            self.in_string = true;
            false
        } else {
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_escaped_quotes_inside_strings_are_inside() {
        let text = br#"[ "a\"[b" , {"c":1} ]"#;
        let mut strings = Strings::default();
        let outside: String = text
            .iter()
            .filter(|b| strings.outside(**b))
            .map(|b| char::from(*b))
            .collect();
        assert_eq!(outside, "[  , {:1} ]");
    }
}
