//! Schema `pattern`s that mpkit-codegen compiled into an automaton at
//! compile time, matched here without a regular-expression engine.
//!
//! The derive compiles a pattern it fully understands (literals, classes,
//! `.`, groups, alternation, `?` `*` `+` `{m,n}`, `^` and `$`; see
//! mpkit-codegen's `automaton.rs`) into the steps of a Thompson automaton;
//! anything else keeps the run-time [`Pattern`](crate::Pattern). The reason
//! is size: an API's `errMsg` pattern alone would otherwise link a whole
//! regular-expression engine (about 18 KB of brotli-compressed WebAssembly)
//! into every client. Matching runs the steps as a set of states, one
//! character at a time (a Pike VM), so the time is linear in the text for
//! any pattern, as with `regex-lite`, whose meaning it keeps.

/// One step of a compiled pattern. Made by the derive, not by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternStep {
    /// One character in one of these inclusive ranges, then the next step.
    Char(&'static [(char, char)]),
    /// Both steps (an alternative or a repetition).
    Split(u16, u16),
    /// Goes on at that step.
    Jump(u16),
    /// `^`: only at the start of the text.
    Start,
    /// `$`: only at the end of the text.
    End,
    /// The pattern has matched.
    Match,
}

/// A schema `pattern` compiled by the derive: matches what
/// [`Pattern`](crate::Pattern) with the same source matches, found anywhere
/// in the text, without a regular-expression engine.
#[derive(Debug)]
pub struct CompiledPattern {
    source: &'static str,
    steps: &'static [PatternStep],
}

impl CompiledPattern {
    /// The pattern `source` as compiled by mpkit-codegen into `steps`.
    #[must_use]
    pub const fn new(source: &'static str, steps: &'static [PatternStep]) -> Self {
        CompiledPattern { source, steps }
    }

    /// The pattern as written in the schema.
    #[must_use]
    pub const fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the pattern matches somewhere in `text`. Steps that point
    /// outside the automaton lead nowhere (the derive never makes them).
    #[must_use]
    pub fn is_match(&self, text: &str) -> bool {
        let steps = self.steps;
        // A pattern that starts with `^` can only begin at the start.
        let anchored = steps.first() == Some(&PatternStep::Start);
        // `seen[i] == generation`: step i is already in this position's set.
        let mut seen = vec![0_usize; steps.len()];
        let mut current: Vec<u16> = Vec::new();
        let mut waiting: Vec<u16> = Vec::new();
        let mut stack: Vec<u16> = Vec::new();
        let mut chars = text.chars().peekable();
        for generation in 1_usize.. {
            let at_start = generation == 1;
            let at_end = chars.peek().is_none();
            if !anchored || at_start {
                current.push(0);
            }
            // Follows the steps that consume nothing; keeps those waiting
            // for a character.
            waiting.clear();
            for &first in &current {
                stack.push(first);
                while let Some(at) = stack.pop() {
                    let index = usize::from(at);
                    let Some(step) = steps.get(index) else {
                        continue;
                    };
                    if seen.get(index) == Some(&generation) {
                        continue;
                    }
                    if let Some(mark) = seen.get_mut(index) {
                        *mark = generation;
                    }
                    match *step {
                        PatternStep::Char(_) => waiting.push(at),
                        PatternStep::Split(a, b) => {
                            stack.push(b);
                            stack.push(a);
                        }
                        PatternStep::Jump(to) => stack.push(to),
                        PatternStep::Start if at_start => stack.push(at.saturating_add(1)),
                        PatternStep::End if at_end => stack.push(at.saturating_add(1)),
                        PatternStep::Start | PatternStep::End => {}
                        PatternStep::Match => return true,
                    }
                }
            }
            current.clear();
            let Some(c) = chars.next() else {
                return false;
            };
            for &at in &waiting {
                if let Some(PatternStep::Char(ranges)) = steps.get(usize::from(at))
                    && ranges.iter().any(|(low, high)| (*low..=*high).contains(&c))
                {
                    current.push(at.saturating_add(1));
                }
            }
            if current.is_empty() && anchored {
                return false;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::PatternStep::{Char, End, Jump, Match, Split, Start};
    use super::*;

    /// `^ab*$`, compiled by hand.
    static AB_STAR: CompiledPattern = CompiledPattern::new(
        "^ab*$",
        &[
            Start,
            Char(&[('a', 'a')]),
            Split(3, 5),
            Char(&[('b', 'b')]),
            Jump(2),
            End,
            Match,
        ],
    );

    /// `b`, unanchored.
    static B: CompiledPattern = CompiledPattern::new("b", &[Char(&[('b', 'b')]), Match]);

    #[test]
    fn anchored_patterns_match_the_whole_text() {
        for (text, expected) in [
            ("a", true),
            ("abbb", true),
            ("", false),
            ("ba", false),
            ("abc", false),
            ("xab", false),
        ] {
            assert_eq!(AB_STAR.is_match(text), expected, "{text:?}");
        }
        assert_eq!(AB_STAR.source(), "^ab*$");
    }

    #[test]
    fn unanchored_patterns_match_anywhere() {
        for (text, expected) in [
            ("b", true),
            ("aab", true),
            ("bé", true),
            ("", false),
            ("é", false),
        ] {
            assert_eq!(B.is_match(text), expected, "{text:?}");
        }
    }

    #[test]
    fn broken_steps_lead_nowhere() {
        static BROKEN: CompiledPattern = CompiledPattern::new("?", &[Split(7, 9), Jump(0)]);
        assert!(!BROKEN.is_match("abc"));
        static EMPTY: CompiledPattern = CompiledPattern::new("", &[]);
        assert!(!EMPTY.is_match(""));
    }
}
