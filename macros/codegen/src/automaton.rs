//! Schema `pattern`s compiled at compile time into the steps of a Thompson
//! automaton, which the runtime's `CompiledPattern` matches without a
//! regular-expression engine (see its module for why: about 18 KB of
//! brotli-compressed WebAssembly per client, for one `errMsg` pattern).
//!
//! Only what is fully understood here is compiled: literals, `.`, classes
//! (ranges, negation, `\d \s \w` and their negations), groups (`( )`,
//! `(?: )`), alternation, the repetitions `? * + {n} {n,} {n,m}` (lazy or
//! not: a match is a match), and `^` `$`. Anything else (flags, named
//! groups, `\b`, `\p`, hex escapes, nested classes, class set operations,
//! huge repetitions) returns `None`, and the pattern keeps the run-time
//! `regex-lite` engine. The meaning is regex-lite's, which the loader uses
//! to check patterns: ASCII `\d \s \w`, `.` anything but `\n`, characters
//! as Unicode scalar values. A test compares both on every bundled pattern.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A compiled step; the runtime's `PatternStep` with owned ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// One character in one of these inclusive ranges.
    Char(Vec<(char, char)>),
    /// Both steps.
    Split(u16, u16),
    /// Goes on at that step.
    Jump(u16),
    /// `^`.
    Start,
    /// `$`.
    End,
    /// Matched.
    Match,
}

/// More steps than this and the pattern keeps the run-time engine.
const MAX_STEPS: usize = 1024;
/// Deeper group nesting than this and the pattern keeps the run-time engine.
const MAX_NESTING: usize = 32;
/// A repetition count above this keeps the run-time engine.
const MAX_COUNT: u32 = 256;

/// The steps of `pattern`, or `None` when it is not in the subset above.
pub(crate) fn compile(pattern: &str) -> Option<Vec<Step>> {
    let mut parser = Parser {
        chars: pattern.chars().collect(),
        at: 0,
    };
    let node = parser.alternation(0)?;
    if parser.at != parser.chars.len() {
        return None;
    }
    let mut steps = Vec::new();
    emit(&node, &mut steps)?;
    steps.push(Step::Match);
    (steps.len() <= MAX_STEPS).then_some(steps)
}

/// `static #name: CompiledPattern = ...;` for `pattern`, when it compiles.
pub(crate) fn pattern_static(
    krate: &syn::Path,
    name: &syn::Ident,
    pattern: &str,
) -> Option<TokenStream> {
    let steps = compile(pattern)?.into_iter().map(|step| {
        let s = quote!(#krate::PatternStep);
        match step {
            Step::Char(ranges) => {
                let ranges = ranges.iter().map(|(low, high)| {
                    let (low, high) = (Literal::character(*low), Literal::character(*high));
                    quote!((#low, #high))
                });
                quote!(#s::Char(&[#(#ranges),*]))
            }
            Step::Split(a, b) => {
                let (a, b) = (Literal::u16_unsuffixed(a), Literal::u16_unsuffixed(b));
                quote!(#s::Split(#a, #b))
            }
            Step::Jump(to) => {
                let to = Literal::u16_unsuffixed(to);
                quote!(#s::Jump(#to))
            }
            Step::Start => quote!(#s::Start),
            Step::End => quote!(#s::End),
            Step::Match => quote!(#s::Match),
        }
    });
    Some(quote! {
        static #name: #krate::CompiledPattern = #krate::CompiledPattern::new(#pattern, &[#(#steps),*]);
    })
}

/// A parsed pattern.
#[derive(Debug)]
enum Node {
    /// One character of these ranges (sorted, not overlapping).
    Class(Vec<(char, char)>),
    Start,
    End,
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.at += 1;
        }
        found
    }

    fn alternation(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_NESTING {
            return None;
        }
        let mut alternatives = vec![self.sequence(depth)?];
        while self.eat('|') {
            alternatives.push(self.sequence(depth)?);
        }
        Some(if alternatives.len() == 1 {
            alternatives.pop()?
        } else {
            Node::Alternation(alternatives)
        })
    }

    fn sequence(&mut self, depth: usize) -> Option<Node> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom(depth)?;
            items.push(self.repetition(atom)?);
        }
        Some(Node::Concat(items))
    }

    fn atom(&mut self, depth: usize) -> Option<Node> {
        let c = self.peek()?;
        self.at += 1;
        Some(match c {
            '(' => {
                if self.eat('?') && !self.eat(':') {
                    return None;
                }
                let inner = self.alternation(depth + 1)?;
                self.eat(')').then_some(inner)?
            }
            '[' => self.class()?,
            '.' => Node::Class(negate(&[('\n', '\n')])?),
            '^' => Node::Start,
            '$' => Node::End,
            '\\' => match self.escape()? {
                Escape::Literal(c) => Node::Class(vec![(c, c)]),
                Escape::Class(ranges) => Node::Class(ranges),
            },
            '*' | '+' | '?' | '{' | '}' | ']' | ')' => return None,
            c => Node::Class(vec![(c, c)]),
        })
    }

    /// The repetition after `atom`, if any (one, optionally lazy: laziness
    /// changes which match is found, not whether there is one).
    fn repetition(&mut self, atom: Node) -> Option<Node> {
        let (min, max) = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                self.at += 1;
                self.counted()?
            }
            _ => return Some(atom),
        };
        // Past `?`, `*`, `+`, or a counted form's `}`.
        self.at += 1;
        self.eat('?');
        if matches!(atom, Node::Start | Node::End)
            || matches!(self.peek(), Some('?' | '*' | '+' | '{'))
        {
            return None;
        }
        Some(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    /// `n`, `n,` or `n,m` after `{`, up to the `}` (left for the caller).
    fn counted(&mut self) -> Option<(u32, Option<u32>)> {
        let min = self.number()?;
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.number()?)
            }
        } else {
            Some(min)
        };
        (self.peek() == Some('}') && max.is_none_or(|max| max >= min)).then_some((min, max))
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars.get(start..self.at)?.iter().collect();
        digits.parse().ok().filter(|n| *n <= MAX_COUNT)
    }

    /// After `\`.
    fn escape(&mut self) -> Option<Escape> {
        let c = self.peek()?;
        self.at += 1;
        let class = |ranges: &[(char, char)]| Some(Escape::Class(ranges.to_vec()));
        match c {
            'd' => class(DIGIT),
            's' => class(SPACE),
            'w' => class(WORD),
            'D' => Some(Escape::Class(negate(DIGIT)?)),
            'S' => Some(Escape::Class(negate(SPACE)?)),
            'W' => Some(Escape::Class(negate(WORD)?)),
            'n' => Some(Escape::Literal('\n')),
            't' => Some(Escape::Literal('\t')),
            'r' => Some(Escape::Literal('\r')),
            '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$'
            | '-' | '/' => Some(Escape::Literal(c)),
            _ => None,
        }
    }

    /// After `[`.
    fn class(&mut self) -> Option<Node> {
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = self.peek()?;
            self.at += 1;
            match c {
                ']' if !first => break,
                '[' | ']' => return None,
                '&' | '~' | '-' if self.peek() == Some(c) => return None,
                '\\' => match self.escape()? {
                    Escape::Class(more) => ranges.extend(more),
                    Escape::Literal(low) => self.range_from(low, &mut ranges)?,
                },
                low => self.range_from(low, &mut ranges)?,
            }
            first = false;
        }
        let ranges = normalize(ranges);
        Some(Node::Class(if negated { negate(&ranges)? } else { ranges }))
    }

    /// `low`, or `low-high` when a range follows.
    fn range_from(&mut self, low: char, ranges: &mut Vec<(char, char)>) -> Option<()> {
        let dash = self.peek() == Some('-');
        let high = match self.chars.get(self.at + 1) {
            Some(']') | None => None,
            Some(_) if dash => Some(()),
            _ => None,
        };
        if high.is_none() {
            ranges.push((low, low));
            return Some(());
        }
        self.at += 1;
        let high = match self.peek()? {
            '\\' => {
                self.at += 1;
                match self.escape()? {
                    Escape::Literal(c) => c,
                    Escape::Class(_) => return None,
                }
            }
            '[' => return None,
            c => {
                self.at += 1;
                c
            }
        };
        (low <= high).then(|| ranges.push((low, high)))
    }
}

enum Escape {
    Literal(char),
    Class(Vec<(char, char)>),
}

const DIGIT: &[(char, char)] = &[('0', '9')];
const SPACE: &[(char, char)] = &[('\t', '\r'), (' ', ' ')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];

/// Sorted, with overlapping and adjacent ranges merged.
fn normalize(mut ranges: Vec<(char, char)>) -> Vec<(char, char)> {
    ranges.sort_unstable();
    let mut out: Vec<(char, char)> = Vec::new();
    for (low, high) in ranges {
        match out.last_mut() {
            Some(last) if u32::from(low) <= u32::from(last.1).saturating_add(1) => {
                last.1 = last.1.max(high);
            }
            _ => out.push((low, high)),
        }
    }
    out
}

/// Every character not in `ranges` (Unicode scalar values: no surrogates).
fn negate(ranges: &[(char, char)]) -> Option<Vec<(char, char)>> {
    let mut gaps = Vec::new();
    let mut next = 0_u32;
    for (low, high) in normalize(ranges.to_vec()) {
        if u32::from(low) > next {
            gaps.push((next, u32::from(low) - 1));
        }
        next = u32::from(high) + 1;
    }
    if next <= u32::from(char::MAX) {
        gaps.push((next, u32::from(char::MAX)));
    }
    let mut out = Vec::new();
    for (low, high) in gaps {
        // Around the surrogates, which no `char` is.
        for (low, high) in [(low, high.min(0xD7FF)), (low.max(0xE000), high)] {
            if low <= high {
                out.push((char::from_u32(low)?, char::from_u32(high)?));
            }
        }
    }
    Some(out)
}

/// Appends `node`'s steps; `None` past [`MAX_STEPS`].
fn emit(node: &Node, steps: &mut Vec<Step>) -> Option<()> {
    let index = |at: usize| u16::try_from(at).ok().filter(|_| at <= MAX_STEPS);
    match node {
        Node::Class(ranges) => steps.push(Step::Char(ranges.clone())),
        Node::Start => steps.push(Step::Start),
        Node::End => steps.push(Step::End),
        Node::Concat(items) => {
            for item in items {
                emit(item, steps)?;
            }
        }
        Node::Alternation(alternatives) => {
            let mut jumps = Vec::new();
            let last = alternatives.len().saturating_sub(1);
            for (i, alternative) in alternatives.iter().enumerate() {
                if i == last {
                    emit(alternative, steps)?;
                    break;
                }
                let split = steps.len();
                steps.push(Step::Split(0, 0));
                emit(alternative, steps)?;
                jumps.push(steps.len());
                steps.push(Step::Jump(0));
                let (first, next) = (index(split + 1)?, index(steps.len())?);
                *steps.get_mut(split)? = Step::Split(first, next);
            }
            let end = index(steps.len())?;
            for jump in jumps {
                *steps.get_mut(jump)? = Step::Jump(end);
            }
        }
        Node::Repeat { node, min, max } => {
            for _ in 0..*min {
                emit(node, steps)?;
                index(steps.len())?;
            }
            match max {
                None => {
                    let split = steps.len();
                    steps.push(Step::Split(0, 0));
                    emit(node, steps)?;
                    steps.push(Step::Jump(index(split)?));
                    let (first, end) = (index(split + 1)?, index(steps.len())?);
                    *steps.get_mut(split)? = Step::Split(first, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(steps.len());
                        steps.push(Step::Split(0, 0));
                        emit(node, steps)?;
                        index(steps.len())?;
                    }
                    let end = index(steps.len())?;
                    for split in splits {
                        *steps.get_mut(split)? = Step::Split(index(split + 1)?, end);
                    }
                }
            }
        }
    }
    index(steps.len()).map(|_| ())
}

#[cfg(test)]
mod tests;
