//! Rubric expressions (rubric-format §5): tokenizer, parser, resolution and evaluation.
//!
//! An expression is parsed once, when the rubric is loaded, into an [`Expr`] whose identifiers
//! are resolved to input slots. Evaluation is then a cheap tree walk that returns `None`
//! ("undefined") for division by zero and any non-finite intermediate or result.

use crate::i18n::{Lang, Texts};
use std::fmt;

/// Deepest nesting of parentheses, unary minus and function calls a rubric may use; also the
/// greatest height of the parsed tree, where every operator, unary minus and function call is
/// one level (so a flat chain `a + b + …` may have at most this many operators).
/// Deeper input is rejected with a clear error instead of overflowing the stack, whether
/// parsing, evaluating or dropping the expression.
pub const MAX_DEPTH: usize = 64;

/// A parse or resolution error, with its byte offset in the expression text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// Byte offset (0-based) where the problem was found.
    pub at: usize,
    /// What went wrong.
    pub kind: ExprErrorKind,
}

/// The kinds of expression error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprErrorKind {
    /// The expression is empty or only whitespace.
    Empty,
    /// A character that is not part of the grammar.
    UnexpectedChar(char),
    /// A token where another was expected (`found` is the token text, or "end").
    Unexpected { found: String, expected: Expected },
    /// Input left over after a complete expression.
    Trailing(String),
    /// An identifier that is neither an input of the category nor `months`.
    UnknownIdent(String),
    /// A function other than `min` and `max`.
    UnknownFunction(String),
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A number that does not fit a double.
    BadNumber(String),
    /// A check without exactly one comparison operator.
    Comparison { count: usize },
}

/// What the parser expected where it found something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A value: a number, an input name or `(`.
    Value,
    /// The `)` closing a parenthesis.
    CloseParen,
    /// The `(` after `min` or `max`.
    OpenParenAfterFunction,
    /// The `,` or `)` after a function's argument.
    CommaOrClose,
}

impl ExprError {
    /// The message in the language of `t` (positions counted from 1), e.g. "di posisi 7
    /// diharapkan nilai (angka, nama isian atau '('), ditemukan akhir ekspresi".
    pub fn message(&self, t: Texts) -> String {
        let pos = self.at + 1;
        match &self.kind {
            ExprErrorKind::Empty => t.expr_empty().into(),
            ExprErrorKind::UnexpectedChar(c) => t.expr_unexpected_char(c, pos),
            ExprErrorKind::Unexpected { found, expected } => {
                let expected = match expected {
                    Expected::Value => t.expr_expected_value(),
                    Expected::CloseParen => t.expr_expected_close(),
                    Expected::OpenParenAfterFunction => t.expr_expected_open_after_function(),
                    Expected::CommaOrClose => t.expr_expected_comma_or_close(),
                };
                let found = if found == "end" { t.expr_found_end().into() } else { t.expr_found_token(found) };
                t.expr_unexpected(expected, found, pos)
            }
            ExprErrorKind::Trailing(text) => t.expr_trailing(pos, text),
            ExprErrorKind::UnknownIdent(n) => t.expr_unknown_name(n, pos),
            ExprErrorKind::UnknownFunction(n) => t.expr_unknown_function(n, pos),
            ExprErrorKind::TooDeep => t.expr_too_deep(MAX_DEPTH, pos),
            ExprErrorKind::BadNumber(n) => t.expr_bad_number(n, pos),
            ExprErrorKind::Comparison { count } => t.expr_comparison(count),
        }
    }
}

/// For developers (logs, test failures): the English message.
impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En.texts()))
    }
}

/// Comparison operator of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Le,
    Ge,
    Lt,
    Gt,
    Eq,
}

impl CmpOp {
    /// The operator as written in a rubric.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Le => "<=",
            CmpOp::Ge => ">=",
            CmpOp::Lt => "<",
            CmpOp::Gt => ">",
            CmpOp::Eq => "==",
        }
    }

    /// Applies the operator.
    pub fn holds(self, a: f64, b: f64) -> bool {
        match self {
            CmpOp::Le => a <= b,
            CmpOp::Ge => a >= b,
            CmpOp::Lt => a < b,
            CmpOp::Gt => a > b,
            CmpOp::Eq => a == b,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64, String),
    Ident(String),
    Plus,
    Minus,
    Star,
    Slash,
    LParen,
    RParen,
    Comma,
    Cmp(CmpOp),
}

impl Tok {
    fn text(&self) -> String {
        match self {
            Tok::Num(_, s) | Tok::Ident(s) => s.clone(),
            Tok::Plus => "+".into(),
            Tok::Minus => "-".into(),
            Tok::Star => "*".into(),
            Tok::Slash => "/".into(),
            Tok::LParen => "(".into(),
            Tok::RParen => ")".into(),
            Tok::Comma => ",".into(),
            Tok::Cmp(op) => op.as_str().into(),
        }
    }
}

fn tokenize(src: &str) -> Result<Vec<(Tok, usize)>, ExprError> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' => {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if i < bytes.len() && bytes[i] == b'.' {
                    i += 1;
                    let frac = i;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                    if i == frac {
                        return Err(ExprError { at: start, kind: ExprErrorKind::BadNumber(src[start..i].to_string()) });
                    }
                }
                let text = &src[start..i];
                let (int, frac) = text.split_once('.').map_or((text, None), |(i, f)| (i, Some(f)));
                let v = crate::fmt::parse_decimal(int, frac)
                    .ok_or_else(|| ExprError { at: start, kind: ExprErrorKind::BadNumber(text.to_string()) })?;
                out.push((Tok::Num(v, text.to_string()), start));
            }
            b'a'..=b'z' => {
                while i < bytes.len() && matches!(bytes[i], b'a'..=b'z' | b'0'..=b'9' | b'_') {
                    i += 1;
                }
                out.push((Tok::Ident(src[start..i].to_string()), start));
            }
            b'+' | b'-' | b'*' | b'/' | b'(' | b')' | b',' => {
                i += 1;
                let t = match c {
                    b'+' => Tok::Plus,
                    b'-' => Tok::Minus,
                    b'*' => Tok::Star,
                    b'/' => Tok::Slash,
                    b'(' => Tok::LParen,
                    b')' => Tok::RParen,
                    _ => Tok::Comma,
                };
                out.push((t, start));
            }
            b'<' | b'>' | b'=' => {
                let next_eq = bytes.get(i + 1) == Some(&b'=');
                let op = match (c, next_eq) {
                    (b'<', true) => CmpOp::Le,
                    (b'>', true) => CmpOp::Ge,
                    (b'<', false) => CmpOp::Lt,
                    (b'>', false) => CmpOp::Gt,
                    (b'=', true) => CmpOp::Eq,
                    _ => {
                        return Err(ExprError { at: start, kind: ExprErrorKind::UnexpectedChar('=') });
                    }
                };
                i += if next_eq { 2 } else { 1 };
                out.push((Tok::Cmp(op), start));
            }
            _ => {
                let ch = src[start..].chars().next().unwrap_or('?');
                return Err(ExprError { at: start, kind: ExprErrorKind::UnexpectedChar(ch) });
            }
        }
    }
    Ok(out)
}

/// A parsed expression with identifiers resolved to input slots.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number literal.
    Num(f64),
    /// The value of the category input in this slot (index into the category's inputs).
    Input(usize),
    /// The submission's months of data.
    Months,
    /// Negation.
    Neg(Box<Expr>),
    /// Binary arithmetic.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `min(…)`.
    Min(Vec<Expr>),
    /// `max(…)`.
    Max(Vec<Expr>),
}

/// Binary arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

struct Parser<'a> {
    toks: &'a [(Tok, usize)],
    pos: usize,
    end: usize,
    resolve: &'a dyn Fn(&str) -> Option<Expr>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn at(&self) -> usize {
        self.toks.get(self.pos).map(|(_, a)| *a).unwrap_or(self.end)
    }

    fn found(&self) -> String {
        self.peek().map(Tok::text).unwrap_or_else(|| "end".into())
    }

    fn unexpected(&self, expected: Expected) -> ExprError {
        ExprError { at: self.at(), kind: ExprErrorKind::Unexpected { found: self.found(), expected } }
    }

    /// Builds `lhs op rhs` from parsed operands and their tree heights, rejecting a tree higher
    /// than [`MAX_DEPTH`] (a long flat chain nests as deeply as parentheses do).
    fn bin(at: usize, op: BinOp, lhs: (Expr, usize), rhs: (Expr, usize)) -> Result<(Expr, usize), ExprError> {
        let height = 1 + lhs.1.max(rhs.1);
        if height > MAX_DEPTH {
            return Err(ExprError { at, kind: ExprErrorKind::TooDeep });
        }
        Ok((Expr::Bin(op, Box::new(lhs.0), Box::new(rhs.0)), height))
    }

    /// Parses an expression; also returns the height of its tree.
    fn expr(&mut self, depth: usize) -> Result<(Expr, usize), ExprError> {
        if depth > MAX_DEPTH {
            return Err(ExprError { at: self.at(), kind: ExprErrorKind::TooDeep });
        }
        let mut lhs = self.term(depth)?;
        loop {
            let op = match self.peek() {
                Some(Tok::Plus) => BinOp::Add,
                Some(Tok::Minus) => BinOp::Sub,
                _ => return Ok(lhs),
            };
            let at = self.at();
            self.pos += 1;
            let rhs = self.term(depth)?;
            lhs = Self::bin(at, op, lhs, rhs)?;
        }
    }

    fn term(&mut self, depth: usize) -> Result<(Expr, usize), ExprError> {
        let mut lhs = self.unary(depth)?;
        loop {
            let op = match self.peek() {
                Some(Tok::Star) => BinOp::Mul,
                Some(Tok::Slash) => BinOp::Div,
                _ => return Ok(lhs),
            };
            let at = self.at();
            self.pos += 1;
            let rhs = self.unary(depth)?;
            lhs = Self::bin(at, op, lhs, rhs)?;
        }
    }

    fn unary(&mut self, depth: usize) -> Result<(Expr, usize), ExprError> {
        if depth > MAX_DEPTH {
            return Err(ExprError { at: self.at(), kind: ExprErrorKind::TooDeep });
        }
        if self.peek() == Some(&Tok::Minus) {
            let at = self.at();
            self.pos += 1;
            let (inner, height) = self.unary(depth + 1)?;
            if height >= MAX_DEPTH {
                return Err(ExprError { at, kind: ExprErrorKind::TooDeep });
            }
            return Ok((Expr::Neg(Box::new(inner)), height + 1));
        }
        self.primary(depth)
    }

    fn primary(&mut self, depth: usize) -> Result<(Expr, usize), ExprError> {
        let at = self.at();
        match self.peek().cloned() {
            Some(Tok::Num(v, _)) => {
                self.pos += 1;
                Ok((Expr::Num(v), 0))
            }
            Some(Tok::Ident(name)) => {
                self.pos += 1;
                if self.peek() == Some(&Tok::LParen) {
                    let is_min = match name.as_str() {
                        "min" => true,
                        "max" => false,
                        _ => return Err(ExprError { at, kind: ExprErrorKind::UnknownFunction(name) }),
                    };
                    self.pos += 1;
                    let mut args = vec![self.expr(depth + 1)?];
                    loop {
                        match self.peek() {
                            Some(Tok::Comma) => {
                                self.pos += 1;
                                args.push(self.expr(depth + 1)?);
                            }
                            Some(Tok::RParen) => {
                                self.pos += 1;
                                break;
                            }
                            _ => return Err(self.unexpected(Expected::CommaOrClose)),
                        }
                    }
                    let height = 1 + args.iter().map(|a| a.1).max().unwrap_or(0);
                    if height > MAX_DEPTH {
                        return Err(ExprError { at, kind: ExprErrorKind::TooDeep });
                    }
                    let args = args.into_iter().map(|a| a.0).collect();
                    return Ok((if is_min { Expr::Min(args) } else { Expr::Max(args) }, height));
                }
                if name == "min" || name == "max" {
                    return Err(self.unexpected(Expected::OpenParenAfterFunction));
                }
                (self.resolve)(&name).map(|e| (e, 0)).ok_or(ExprError { at, kind: ExprErrorKind::UnknownIdent(name) })
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let inner = self.expr(depth + 1)?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(self.unexpected(Expected::CloseParen));
                }
                self.pos += 1;
                Ok(inner)
            }
            _ => Err(self.unexpected(Expected::Value)),
        }
    }
}

fn parse_tokens(
    toks: &[(Tok, usize)],
    end: usize,
    empty_at: usize,
    resolve: &dyn Fn(&str) -> Option<Expr>,
) -> Result<Expr, ExprError> {
    if toks.is_empty() {
        return Err(ExprError { at: empty_at, kind: ExprErrorKind::Empty });
    }
    let mut p = Parser { toks, pos: 0, end, resolve };
    let (e, _) = p.expr(0)?;
    if let Some((t, at)) = toks.get(p.pos) {
        return Err(ExprError { at: *at, kind: ExprErrorKind::Trailing(t.text()) });
    }
    Ok(e)
}

/// Parses an expression. `inputs` are the category's input ids in order; `months` is always known.
pub fn parse(src: &str, inputs: &[&str]) -> Result<Expr, ExprError> {
    let toks = tokenize(src)?;
    if let Some((_, at)) = toks.iter().find(|(t, _)| matches!(t, Tok::Cmp(_))) {
        return Err(ExprError {
            at: *at,
            kind: ExprErrorKind::UnexpectedChar(src[*at..].chars().next().unwrap_or('?')),
        });
    }
    parse_tokens(&toks, src.len(), 0, &resolver(inputs))
}

fn resolver<'a>(inputs: &'a [&'a str]) -> impl Fn(&str) -> Option<Expr> + 'a {
    move |name: &str| {
        if name == "months" {
            Some(Expr::Months)
        } else {
            inputs.iter().position(|i| *i == name).map(Expr::Input)
        }
    }
}

/// A parsed check rule: `lhs OP rhs`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRule {
    pub lhs: Expr,
    pub op: CmpOp,
    pub rhs: Expr,
}

/// Parses a check rule `expr OP expr`.
pub fn parse_check(src: &str, inputs: &[&str]) -> Result<CheckRule, ExprError> {
    let toks = tokenize(src)?;
    let cmps: Vec<usize> =
        toks.iter().enumerate().filter(|(_, (t, _))| matches!(t, Tok::Cmp(_))).map(|(i, _)| i).collect();
    if cmps.len() != 1 {
        let at = cmps.get(1).map(|i| toks[*i].1).unwrap_or(0);
        return Err(ExprError { at, kind: ExprErrorKind::Comparison { count: cmps.len() } });
    }
    let k = cmps[0];
    let Tok::Cmp(op) = toks[k].0 else { unreachable!("filtered above") };
    let res = resolver(inputs);
    let lhs = parse_tokens(&toks[..k], toks[k].1, toks[k].1, &res)?;
    let rhs = parse_tokens(&toks[k + 1..], src.len(), src.len(), &res)?;
    Ok(CheckRule { lhs, op, rhs })
}

impl Expr {
    /// Evaluates with the given input values and months. `None` means undefined.
    pub fn eval(&self, inputs: &[f64], months: f64) -> Option<f64> {
        let v = match self {
            Expr::Num(v) => *v,
            Expr::Input(i) => *inputs.get(*i)?,
            Expr::Months => months,
            Expr::Neg(e) => -e.eval(inputs, months)?,
            Expr::Bin(op, a, b) => {
                let a = a.eval(inputs, months)?;
                let b = b.eval(inputs, months)?;
                match op {
                    BinOp::Add => a + b,
                    BinOp::Sub => a - b,
                    BinOp::Mul => a * b,
                    BinOp::Div => {
                        if b == 0.0 {
                            return None;
                        }
                        a / b
                    }
                }
            }
            Expr::Min(args) | Expr::Max(args) => {
                let is_min = matches!(self, Expr::Min(_));
                let mut acc: Option<f64> = None;
                for a in args {
                    let v = a.eval(inputs, months)?;
                    acc = Some(match acc {
                        None => v,
                        Some(x) if is_min => x.min(v),
                        Some(x) => x.max(v),
                    });
                }
                acc?
            }
        };
        v.is_finite().then_some(v)
    }

    /// Input slots the expression reads, in order of first appearance, without repeats.
    pub fn inputs(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.collect_inputs(&mut out);
        out
    }

    fn collect_inputs(&self, out: &mut Vec<usize>) {
        match self {
            Expr::Input(i) => {
                if !out.contains(i) {
                    out.push(*i);
                }
            }
            Expr::Num(_) | Expr::Months => {}
            Expr::Neg(e) => e.collect_inputs(out),
            Expr::Bin(_, a, b) => {
                a.collect_inputs(out);
                b.collect_inputs(out);
            }
            Expr::Min(args) | Expr::Max(args) => args.iter().for_each(|a| a.collect_inputs(out)),
        }
    }

    /// Whether the expression is affine in input `slot` (of the form `a·x + b` with `a`, `b`
    /// independent of `x`), judged from its shape: `x` may appear under `+ - *` and in a
    /// numerator, never in a divisor, under `min`/`max`, or multiplied by itself.
    pub fn is_affine_in(&self, slot: usize) -> bool {
        self.affinity(slot) != Affinity::Nonlinear
    }

    fn affinity(&self, slot: usize) -> Affinity {
        use Affinity::*;
        match self {
            Expr::Input(i) if *i == slot => Linear,
            Expr::Input(_) | Expr::Num(_) | Expr::Months => Const,
            Expr::Neg(e) => e.affinity(slot),
            Expr::Bin(op, a, b) => {
                let (a, b) = (a.affinity(slot), b.affinity(slot));
                if a == Nonlinear || b == Nonlinear {
                    return Nonlinear;
                }
                match op {
                    BinOp::Add | BinOp::Sub => a.max(b),
                    BinOp::Mul => match (a, b) {
                        (Linear, Linear) => Nonlinear,
                        _ => a.max(b),
                    },
                    BinOp::Div => match b {
                        Const => a,
                        _ => Nonlinear,
                    },
                }
            }
            Expr::Min(args) | Expr::Max(args) => {
                if args.iter().all(|a| a.affinity(slot) == Const) {
                    Const
                } else {
                    Nonlinear
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Affinity {
    Const,
    Linear,
    Nonlinear,
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const INPUTS: &[&str] = &["posts", "reach", "engagements"];

    fn check(src: &str, vals: &[f64], months: f64, expect: Option<f64>) {
        let e = parse(src, INPUTS).unwrap_or_else(|e| panic!("{src}: {e}"));
        assert_eq!(e.eval(vals, months), expect, "{src}");
    }

    fn check_err(src: &str, at: usize, kind: ExprErrorKind) {
        let err = parse(src, INPUTS).expect_err(src);
        assert_eq!(err, ExprError { at, kind }, "{src}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn evaluates_arithmetic_with_precedence() {
        check("1 + 2 * 3", &[], 10.0, Some(7.0));
        check("(1 + 2) * 3", &[], 10.0, Some(9.0));
        check("10 - 4 - 3", &[], 10.0, Some(3.0));
        check("8 / 4 / 2", &[], 10.0, Some(1.0));
        check("-2 * -3", &[], 10.0, Some(6.0));
        check("--2", &[], 10.0, Some(2.0));
        check("posts * 10 / months", &[420.0, 0.0, 0.0], 10.0, Some(420.0));
        check("100 * engagements / reach", &[0.0, 3_200_000.0, 96_000.0], 10.0, Some(3.0));
        check("min(posts, 5, 7)", &[3.0, 0.0, 0.0], 1.0, Some(3.0));
        check("max(posts)", &[3.0, 0.0, 0.0], 1.0, Some(3.0));
        check("max(1, min(2, 3)) + 0.5", &[], 1.0, Some(2.5));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn division_by_zero_and_overflow_are_undefined() {
        check("posts / reach", &[1.0, 0.0, 0.0], 10.0, None);
        check("0 / 0", &[], 10.0, None);
        check("min(1, 1 / 0)", &[], 10.0, None);
        check("posts * posts * posts", &[1e200, 0.0, 0.0], 10.0, None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reports_errors_with_positions() {
        check_err("", 0, ExprErrorKind::Empty);
        check_err("   ", 0, ExprErrorKind::Empty);
        check_err("postz + 1", 0, ExprErrorKind::UnknownIdent("postz".into()));
        check_err("1 + sqrt(posts)", 4, ExprErrorKind::UnknownFunction("sqrt".into()));
        check_err("posts reach", 6, ExprErrorKind::Trailing("reach".into()));
        check_err("posts )", 6, ExprErrorKind::Trailing(")".into()));
        check_err("*", 0, ExprErrorKind::Unexpected { found: "*".into(), expected: Expected::Value });
        check_err("posts +", 7, ExprErrorKind::Unexpected { found: "end".into(), expected: Expected::Value });
        check_err("(posts", 6, ExprErrorKind::Unexpected { found: "end".into(), expected: Expected::CloseParen });
        check_err(
            "min(posts reach)",
            10,
            ExprErrorKind::Unexpected { found: "reach".into(), expected: Expected::CommaOrClose },
        );
        check_err("min()", 4, ExprErrorKind::Unexpected { found: ")".into(), expected: Expected::Value });
        check_err(
            "min + 1",
            4,
            ExprErrorKind::Unexpected { found: "+".into(), expected: Expected::OpenParenAfterFunction },
        );
        check_err("1e5", 1, ExprErrorKind::Trailing("e5".into()));
        check_err("1.", 0, ExprErrorKind::BadNumber("1.".into()));
        check_err("Posts", 0, ExprErrorKind::UnexpectedChar('P'));
        check_err("posts ≤ 1", 6, ExprErrorKind::UnexpectedChar('≤'));
        check_err("posts <= 1", 6, ExprErrorKind::UnexpectedChar('<'));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn deep_nesting_is_rejected_not_overflowed() {
        let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        let err = parse(&deep, INPUTS).expect_err("too deep");
        assert_eq!(err.kind, ExprErrorKind::TooDeep);
        let negs = format!("{}1", "-".repeat(10_000));
        assert_eq!(parse(&negs, INPUTS).expect_err("too deep").kind, ExprErrorKind::TooDeep);
        let calls = format!("{}1{}", "min(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(parse(&calls, INPUTS).expect_err("too deep").kind, ExprErrorKind::TooDeep);
        let ok = format!("{}1{}", "(".repeat(MAX_DEPTH - 1), ")".repeat(MAX_DEPTH - 1));
        assert!(parse(&ok, INPUTS).is_ok());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn checks_parse_both_sides() {
        let c = parse_check("posts <= months * 31", INPUTS).unwrap();
        assert_eq!(c.op, CmpOp::Le);
        assert_eq!(c.lhs, Expr::Input(0));
        assert_eq!(c.rhs.eval(&[], 10.0), Some(310.0));
        for (src, op) in
            [("posts>=1", CmpOp::Ge), ("posts<1", CmpOp::Lt), ("posts>1", CmpOp::Gt), ("posts==1", CmpOp::Eq)]
        {
            assert_eq!(parse_check(src, INPUTS).unwrap().op, op, "{src}");
        }
        assert_eq!(parse_check("posts", INPUTS).unwrap_err().kind, ExprErrorKind::Comparison { count: 0 });
        assert_eq!(parse_check("posts < 1 < 2", INPUTS).unwrap_err().kind, ExprErrorKind::Comparison { count: 2 });
        assert_eq!(parse_check("<= 1", INPUTS).unwrap_err().kind, ExprErrorKind::Empty);
        assert_eq!(parse_check("posts = 1", INPUTS).unwrap_err().kind, ExprErrorKind::UnexpectedChar('='));
        assert_eq!(parse_check("posts <= ", INPUTS).unwrap_err(), ExprError { at: 9, kind: ExprErrorKind::Empty });
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn affinity_follows_shape() {
        let e = parse("100 * (engagements - reach) / reach", INPUTS).unwrap();
        assert!(e.is_affine_in(2));
        assert!(!e.is_affine_in(1));
        assert!(e.is_affine_in(0), "absent input is constant");
        assert!(!parse("posts * posts", INPUTS).unwrap().is_affine_in(0));
        assert!(!parse("min(posts, 3)", INPUTS).unwrap().is_affine_in(0));
        assert!(parse("-(posts * 10) / months + 1", INPUTS).unwrap().is_affine_in(0));
        assert_eq!(parse("posts + reach * posts", INPUTS).unwrap().inputs(), vec![0, 1]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn messages_exist_in_every_language() {
        let err = parse("postz", INPUTS).unwrap_err();
        for l in Lang::ALL {
            assert!(err.message(l.texts()).contains("postz"), "{l:?}");
        }
        assert!(err.message(Lang::Id.texts()).contains("posisi 1"));
        let err = parse("posts +", INPUTS).unwrap_err();
        assert_eq!(err.message(Lang::En.texts()), "expected a value at position 8, found the end of the expression");
        assert_eq!(
            err.message(Lang::Id.texts()),
            "di posisi 8 diharapkan nilai (angka, nama isian atau '('), ditemukan akhir ekspresi"
        );
    }
}
