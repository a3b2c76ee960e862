//! Importer for the field's existing actor and agent dictionaries: the
//! TABARI / PETRARCH / Phoenix `.actors` and `.agents` text files.
//!
//! Both readers are forgiving: a bad line is reported as a [`Problem`] (file,
//! 1-based line number, what is wrong) and skipped, and the import goes on.
//! Nothing in here panics on any input.
//!
//! # Common lexical rules
//!
//! * `#` starts a comment that runs to the end of the line, whether at the start
//!   of a line or trailing (`UN_ [IGOUNO] # note`, `[ELI]# note`). A trailing
//!   comment on an actor's lines is kept in [`ActorEntry::comment`].
//! * `<!-- ... -->` (also the `<! -- ... -->` variant) is a comment too, inline or
//!   spanning several lines, as in the PETRARCH validation files.
//! * Blank lines are ignored (but see "synonym groups" below).
//! * In names and terms `_` and white space both separate words; the importer
//!   turns underscores into spaces, collapses white space and drops a trailing
//!   `_`. (In TABARI a trailing `_` meant "whole word, not a stem"; PETRARCH,
//!   which the Phoenix files were written for, matches whole words only and
//!   ignores it, and so does this importer.) The case of names is kept.
//! * Input is text; [`load_actors`] / [`load_agents`] read a file, replace
//!   invalid UTF-8 (the Phoenix country file has a few bad bytes) with U+FFFD and
//!   report each such line as a problem.
//!
//! # Actors (`*.actors.txt`)
//!
//! ```text
//! RURITANIA_  [RUR]              primary name with its code on the same line
//! +RURITANIAN_                   synonym of the entry above
//! +STRELSAU                      (trailing `_` or not, same thing)
//! RUDOLF_ELPHBERG_  # a comment  primary name, codes on the following lines
//! +KING_RUDOLF
//!     [RURELI 500101-890622]     dated code, both bounds inclusive
//!     [RURGOV >890623]           from that day on
//!     [RURMIL <500101]           strictly before that day
//!     [RURELI]                   undated: the default
//! GENERAL SAPT [RURMIL] [ELI]    several code blocks on one line; spaces in names
//! ```
//!
//! * An entry starts at a line that is neither `+...` nor `[...]`; indentation
//!   does not matter (one Phoenix line gives a primary name indented like a code
//!   line). `+` lines add synonyms, `[...]` lines (or `[...]` after a name) add
//!   codes, until the next primary line. Synonym and code lines may interleave.
//! * A code block is `[CODE]` or `[CODE DATES]`, where `DATES` is
//!   `FROM-TO`, `<DATE` or `>DATE`; white space inside is allowed
//!   (`[HOBGOV 19950601 - 19990815]`, `[ONO < 911226]`). Codes are upper-cased
//!   and otherwise kept as given, including TABARI's `---` ("do not code") and
//!   multi-actor codes such as `AAA/BBB`.
//! * Dates are `YYMMDD` or `YYYYMMDD`. **Century rule** (PETRARCH's, inherited
//!   from KEDS and TABARI): a two-digit year `00`–`30` is 20xx, `31`–`99` is
//!   19xx. The Phoenix files use two-digit years 00–14 and 31–99 only and spell
//!   out earlier years (`19270101`), so the rule is unambiguous for them.
//! * Bounds, as [`DatedCode`] stores them inclusively: `FROM-TO` covers both
//!   days; `>DATE` covers DATE and after; `<DATE` covers everything strictly
//!   before DATE (so `to` = the day before). This is PETRARCH's reading.
//! * **Synonym groups**: a primary name with no code that is followed *directly*
//!   (no blank line in between; comment lines do not count) by another primary
//!   line joins that next entry as one more name, so the codes of the block that
//!   follows cover both. A name with no code at all (followed by a blank line or
//!   the end of the file) is reported and dropped. A code-less line of the
//!   form `Key: value` is taken for a stray heading, reported and skipped (the
//!   Phoenix international file has one, `Source: ...`, right before an entry).
//! * [`ActorEntry::code_on`] picks the code for a date: among the dated codes
//!   covering it the shortest interval wins (an open bound counts as longer than
//!   any closed interval; ties go to the first in the file); if none covers it,
//!   the first undated code.
//!
//! # Agents (`*.agents.txt`)
//!
//! ```text
//! !WORKER! = HAND, HANDS, WORKER, WORKERS     substitution set
//! FARM!WORKER!  [~AGR]         expands to FARMHAND, FARMHANDS, ... (no plurals)
//! !WORKER!_UNION  [~LAB]       FARM HAND UNION ...
//! DRILL_SERGEANT [~MIL]        regular plural made: DRILL SERGEANTS
//! MONGOOSE {MONGOOSES} [~ENV]  irregular plural given
//! POLICE_FORCE {} [~COP]       no plural
//! RELIEF_AGENCY [NGO~]         code placed before the actor code
//! ```
//!
//! * `[~XXX]`: the agent code is appended to the actor code (`USA` + `~GOV` =
//!   `USAGOV`), [`AgentPlacement::Suffix`]; `[XXX~]` puts it in front
//!   ([`AgentPlacement::Prefix`], e.g. `NGO~`). [`AgentEntry::code`] holds the
//!   code without the `~`; [`AgentEntry::apply`] combines.
//! * A line containing both `!` and `=` defines a substitution set
//!   `!NAME! = A, B, C`; a later term containing `!NAME!` yields one entry per
//!   member (all markers in a term are expanded). Expanded entries get no
//!   plural, as in PETRARCH.
//! * Plurals: `{FORM}` gives the plural, `{}` says there is none, otherwise a
//!   regular English plural of the last word is made (`-S`; `-ES` after s, x, z,
//!   ch, sh; consonant + `Y` → `-IES`), PETRARCH's rule made slightly more
//!   English. Terms that do not end in a letter get no plural.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use jiff::civil::Date;

/// One problem found on one line of a dictionary file. The line was skipped
/// (or, for a code block, that block was); the import went on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for Problem {}

/// What an import gave: the entries that loaded and the problems met on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    pub entries: Vec<T>,
    pub problems: Vec<Problem>,
}

/// A code, valid between two dates (inclusive; `None` = open on that side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DatedCode {
    /// No date restriction: the entry's default code.
    pub fn is_undated(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether the code is valid on `date`.
    pub fn covers(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }

    /// Length of the interval in days; `None` when a bound is open.
    fn span_days(&self) -> Option<i64> {
        match (self.from, self.to) {
            (Some(f), Some(t)) => f.until(t).ok().map(|s| i64::from(s.get_days())),
            _ => None,
        }
    }
}

/// One actor: its names and its (dated) codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// Primary name first, then synonyms, in file order. Underscores turned
    /// into spaces, white space collapsed, trailing `_` dropped, case kept.
    pub names: Vec<String>,
    /// In file order; never empty.
    pub codes: Vec<DatedCode>,
    /// Trailing `#` comments on the entry's lines, joined with `; `.
    pub comment: Option<String>,
    /// 1-based line of the primary name.
    pub line: usize,
}

impl ActorEntry {
    /// The code on `date`: of the dated codes covering it the shortest interval
    /// (closed intervals before open ones, then file order); else the undated
    /// default; else `None`.
    pub fn code_on(&self, date: Date) -> Option<&str> {
        let mut best: Option<(&DatedCode, Option<i64>)> = None;
        for c in self
            .codes
            .iter()
            .filter(|c| !c.is_undated() && c.covers(date))
        {
            let span = c.span_days();
            let better = match (best, span) {
                (None, _) => true,
                (Some((_, None)), Some(_)) => true,
                (Some((_, Some(b))), Some(s)) => s < b,
                _ => false,
            };
            if better {
                best = Some((c, span));
            }
        }
        best.map(|(c, _)| c.code.as_str())
            .or_else(|| self.undated_code())
    }

    /// The first undated code, used when no dated code covers a date.
    pub fn undated_code(&self) -> Option<&str> {
        self.codes
            .iter()
            .find(|c| c.is_undated())
            .map(|c| c.code.as_str())
    }
}

/// Where an agent code goes relative to the actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPlacement {
    /// `[~GOV]`: appended (`USA` → `USAGOV`). The usual case.
    Suffix,
    /// `[NGO~]`: put in front (`USA` → `NGOUSA`).
    Prefix,
}

/// One agent term ("farmer", "interior minister") and its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// Substitution markers expanded, underscores turned into spaces, white
    /// space collapsed, trailing `_` dropped, case kept.
    pub term: String,
    /// The plural to match as well: given in `{...}`, or made by the regular
    /// rule; `None` after `{}` and for entries made from substitution sets.
    pub plural: Option<String>,
    /// The code without its `~` (`"AGR"` for `[~AGR]`), upper-cased.
    pub code: String,
    pub placement: AgentPlacement,
    /// 1-based line of the term.
    pub line: usize,
}

impl AgentEntry {
    /// The actor code with this agent applied: `USA` + `[~GOV]` = `USAGOV`,
    /// `USA` + `[NGO~]` = `NGOUSA`.
    pub fn apply(&self, actor: &str) -> String {
        match self.placement {
            AgentPlacement::Suffix => format!("{actor}{}", self.code),
            AgentPlacement::Prefix => format!("{}{actor}", self.code),
        }
    }
}

/// Reads an actor dictionary file (see the module docs for the format).
pub fn load_actors(path: &Path) -> std::io::Result<Parsed<ActorEntry>> {
    let (text, file, bad) = read_lossy(path)?;
    let mut parsed = parse_actors(&text, &file);
    merge_problems(&mut parsed.problems, bad);
    Ok(parsed)
}

/// Reads an agent dictionary file (see the module docs for the format).
pub fn load_agents(path: &Path) -> std::io::Result<Parsed<AgentEntry>> {
    let (text, file, bad) = read_lossy(path)?;
    let mut parsed = parse_agents(&text, &file);
    merge_problems(&mut parsed.problems, bad);
    Ok(parsed)
}

fn read_lossy(path: &Path) -> std::io::Result<(String, String, Vec<Problem>)> {
    let bytes = std::fs::read(path)?;
    let file = path.display().to_string();
    let bad = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, l)| std::str::from_utf8(l).is_err())
        .map(|(i, _)| Problem {
            file: file.clone(),
            line: i + 1,
            message: "invalid UTF-8; bad bytes replaced by U+FFFD".into(),
        })
        .collect();
    Ok((String::from_utf8_lossy(&bytes).into_owned(), file, bad))
}

fn merge_problems(problems: &mut Vec<Problem>, more: Vec<Problem>) {
    problems.extend(more);
    problems.sort_by_key(|p| p.line);
}

/// Parses the text of an actor dictionary. `file` names it in problems.
pub fn parse_actors(text: &str, file: &str) -> Parsed<ActorEntry> {
    let mut p = ActorParser {
        file,
        entries: Vec::new(),
        problems: Vec::new(),
        pending: None,
        gap: false,
        carried: None,
    };
    let mut lines = Lines::new(text);
    while let Some(l) = lines.next_line() {
        p.line(l);
    }
    p.finish_pending(true);
    let mut problems = p.problems;
    problems.extend(lines.finish(file));
    // "No code" is only known at the next entry; keep the report in line order.
    problems.sort_by_key(|p| p.line);
    Parsed {
        entries: p.entries,
        problems,
    }
}

/// Parses the text of an agent dictionary. `file` names it in problems.
pub fn parse_agents(text: &str, file: &str) -> Parsed<AgentEntry> {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut lines = Lines::new(text);
    while let Some(l) = lines.next_line() {
        if l.content.is_empty() {
            continue;
        }
        let result = if l.content.contains('!') && l.content.contains('=') {
            define_set(l.content).map(|(name, members)| {
                sets.insert(name, members);
            })
        } else {
            agent_line(l.content, l.number, &sets).map(|mut e| entries.append(&mut e))
        };
        if let Err(message) = result {
            problems.push(Problem {
                file: file.to_string(),
                line: l.number,
                message,
            });
        }
    }
    problems.extend(lines.finish(file));
    Parsed { entries, problems }
}

// ---------------------------------------------------------------- lines

/// One physical line with its comments removed.
struct Line<'a> {
    number: usize,
    /// Trimmed text outside comments; empty for blank and comment-only lines.
    content: &'a str,
    /// Text of a trailing `#` comment, trimmed; `None` if none or empty.
    comment: Option<&'a str>,
    /// The line was blank in the source (not merely a comment).
    blank: bool,
}

/// Splits text into lines and strips `<!-- -->` and `#` comments.
/// The first `#` that is not inside `[...]` (`[###]` is a code, not a
/// comment).
fn hash_outside_brackets(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Each line's 1-based number and its trimmed text without comments, by the
/// rules above (`<!-- -->`, also across lines; `#` to the end of the line
/// outside `[...]`): for the other PETRARCH files (verbs, discards), which
/// share the comment syntax.
pub fn comment_free_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines = Lines::new(text);
    let mut out = Vec::new();
    while let Some(l) = lines.next_line() {
        out.push((l.number, l.content.to_string()));
    }
    out
}

struct Lines<'a> {
    inner: std::iter::Enumerate<std::str::Lines<'a>>,
    in_markup_comment: Option<usize>,
    buf: String,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Self {
            inner: text.lines().enumerate(),
            in_markup_comment: None,
            buf: String::new(),
        }
    }

    /// The next line; its text borrows the reader's buffer until the next call.
    fn next_line(&mut self) -> Option<Line<'_>> {
        let (i, raw) = self.inner.next()?;
        let number = i + 1;
        let blank = raw.trim().is_empty() && self.in_markup_comment.is_none();
        // Remove <!-- ... --> (and `<! -- ... -->`), possibly spanning lines.
        self.buf.clear();
        let mut rest = raw;
        loop {
            if self.in_markup_comment.is_some() {
                match rest.find("-->") {
                    Some(k) => {
                        rest = &rest[k + 3..];
                        self.in_markup_comment = None;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!") {
                    Some(k) => {
                        self.buf.push_str(&rest[..k]);
                        rest = &rest[k + 2..];
                        self.in_markup_comment = Some(number);
                    }
                    None => {
                        self.buf.push_str(rest);
                        break;
                    }
                }
            }
        }
        let (content, comment) = match hash_outside_brackets(&self.buf) {
            Some(k) => {
                let (c, comment) = (&self.buf[..k], &self.buf[k + 1..]);
                let comment = comment.trim_start_matches('#').trim();
                (c, (!comment.is_empty()).then_some(comment))
            }
            None => (self.buf.as_str(), None),
        };
        Some(Line {
            number,
            content: content.trim(),
            comment,
            blank,
        })
    }

    /// Problems left at the end of the text (an unterminated markup comment).
    fn finish(self, file: &str) -> Option<Problem> {
        self.in_markup_comment.map(|line| Problem {
            file: file.to_string(),
            line,
            message: "`<!--` comment is never closed; the rest of the file was skipped".into(),
        })
    }
}

/// Underscores to spaces, white space collapsed (drops a trailing `_`).
fn normalise(s: &str) -> String {
    s.replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------- actors

struct Pending {
    names: Vec<String>,
    codes: Vec<DatedCode>,
    comments: Vec<String>,
    line: usize,
    /// A code block of this entry was rejected (already reported).
    bad_code: bool,
}

struct ActorParser<'f> {
    file: &'f str,
    entries: Vec<ActorEntry>,
    problems: Vec<Problem>,
    pending: Option<Pending>,
    /// A blank line came after the pending entry's last line.
    gap: bool,
    /// Names with no code, waiting to join the next entry (a synonym group).
    carried: Option<Pending>,
}

impl ActorParser<'_> {
    fn problem(&mut self, line: usize, message: String) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            message,
        });
    }

    fn line(&mut self, l: Line<'_>) {
        if l.content.is_empty() {
            self.gap |= l.blank;
            return;
        }
        let comment = l.comment.map(str::to_string);
        if l.content.starts_with('[') {
            if self.pending.is_none() {
                self.problem(l.number, "code block with no actor name before it".into());
                return;
            }
            self.codes(l.content, l.number, comment);
        } else if let Some(rest) = l.content.strip_prefix('+') {
            if self.pending.is_none() {
                self.problem(l.number, "synonym with no actor name before it".into());
                return;
            }
            self.name(rest, l.number, comment);
        } else {
            if !l.content.contains('[') && l.content.contains(": ") {
                // e.g. an uncommented "Source: some.file" between sections.
                let msg = format!("{:?} looks like a heading, not an actor name", l.content);
                self.problem(l.number, msg);
                self.gap = true; // nothing is carried across it
                return;
            }
            self.finish_pending(false);
            self.pending = Some(Pending {
                names: Vec::new(),
                codes: Vec::new(),
                comments: Vec::new(),
                line: l.number,
                bad_code: false,
            });
            if let Some(prev) = self.carried.take() {
                if let Some(p) = self.pending.as_mut() {
                    p.line = prev.line;
                    p.names = prev.names;
                    p.comments = prev.comments;
                }
            }
            self.name(l.content, l.number, comment);
        }
        self.gap = false;
    }

    /// A name, possibly followed by code blocks, for the pending entry.
    fn name(&mut self, text: &str, number: usize, comment: Option<String>) {
        let (name, codes) = match text.find('[') {
            Some(k) => (&text[..k], Some(&text[k..])),
            None => (text, None),
        };
        let name = normalise(name);
        if name.is_empty() {
            self.problem(number, "empty actor name".into());
        } else if name.contains([']', '{', '}']) {
            self.problem(number, format!("stray bracket in actor name {name:?}"));
        } else if let Some(p) = self.pending.as_mut() {
            p.names.push(name);
        }
        match codes {
            Some(c) => self.codes(c, number, comment),
            None => self.add_comment(comment),
        }
    }

    fn add_comment(&mut self, comment: Option<String>) {
        if let (Some(c), Some(p)) = (comment, self.pending.as_mut()) {
            if !p.comments.contains(&c) {
                p.comments.push(c);
            }
        }
    }

    /// One or more `[...]` blocks for the pending entry.
    fn codes(&mut self, text: &str, number: usize, comment: Option<String>) {
        self.add_comment(comment);
        let mut rest = text.trim();
        while !rest.is_empty() {
            let Some(inner) = rest.strip_prefix('[') else {
                self.reject_code(number, format!("unexpected text {rest:?} after code block"));
                return;
            };
            let Some(close) = inner.find(']') else {
                self.reject_code(number, format!("code block {rest:?} is not closed"));
                return;
            };
            match parse_code(&inner[..close]) {
                Ok(code) => {
                    if let Some(p) = self.pending.as_mut() {
                        p.codes.push(code);
                    }
                }
                Err(e) => self.reject_code(number, e),
            }
            rest = inner[close + 1..].trim_start();
        }
    }

    fn reject_code(&mut self, number: usize, message: String) {
        if let Some(p) = self.pending.as_mut() {
            p.bad_code = true;
        }
        self.problem(number, message);
    }

    /// Ends the pending entry (at a new primary line, or at the end of the text).
    fn finish_pending(&mut self, at_end: bool) {
        let Some(p) = self.pending.take() else {
            return;
        };
        if p.names.is_empty() {
            // The name was bad and has been reported; its codes have nowhere to go.
            return;
        }
        if p.codes.is_empty() {
            if !self.gap && !at_end && !p.bad_code {
                // A synonym group: these names join the next entry.
                self.carried = Some(p);
                return;
            }
            if !p.bad_code {
                let names = p.names.join(" | ");
                self.problem(p.line, format!("actor {names:?} has no code; dropped"));
            }
            return;
        }
        let comment = (!p.comments.is_empty()).then(|| p.comments.join("; "));
        self.entries.push(ActorEntry {
            names: p.names,
            codes: p.codes,
            comment,
            line: p.line,
        });
    }
}

/// The inside of a `[...]` block: `CODE` then an optional date restriction.
fn parse_code(inner: &str) -> Result<DatedCode, String> {
    let mut tokens = inner.split_whitespace();
    let Some(code) = tokens.next() else {
        return Err("empty code block `[]`".into());
    };
    let dates: String = tokens.collect();
    let valid = code.chars().all(|c| c.is_ascii_alphanumeric() || c == '/')
        && code.starts_with(|c: char| c.is_ascii_alphabetic())
        && !code.ends_with('/')
        && !code.contains("//");
    if !(valid || code.chars().all(|c| c == '-') || code.chars().all(|c| c == '+')) {
        return Err(format!("bad code {code:?} in [{inner}]"));
    }
    let (from, to) = parse_span(&dates).map_err(|e| format!("{e} in [{inner}]"))?;
    Ok(DatedCode {
        code: code.to_ascii_uppercase(),
        from,
        to,
    })
}

type Span = (Option<Date>, Option<Date>);

/// `""`, `<DATE`, `>DATE` or `FROM-TO` (white space already removed).
fn parse_span(s: &str) -> Result<Span, String> {
    if s.is_empty() {
        Ok((None, None))
    } else if let Some(d) = s.strip_prefix('<') {
        let d = parse_date(d)?;
        let to = d.yesterday().map_err(|_| format!("no day before {d}"))?;
        Ok((None, Some(to)))
    } else if let Some(d) = s.strip_prefix('>') {
        Ok((Some(parse_date(d)?), None))
    } else if let Some((a, b)) = s.split_once('-') {
        let (from, to) = (parse_date(a)?, parse_date(b)?);
        if from > to {
            return Err(format!("interval ends ({to}) before it starts ({from})"));
        }
        Ok((Some(from), Some(to)))
    } else {
        Err(format!("date {s:?} needs `<`, `>` or a `FROM-TO` range"))
    }
}

/// `YYMMDD` (00–30 → 20xx, 31–99 → 19xx) or `YYYYMMDD`.
fn parse_date(s: &str) -> Result<Date, String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) || !(s.len() == 6 || s.len() == 8) {
        return Err(format!("bad date {s:?} (want YYMMDD or YYYYMMDD)"));
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<i16>().ok());
    let parts = if s.len() == 6 {
        num(0..2)
            .map(|y| if y <= 30 { 2000 + y } else { 1900 + y })
            .zip(num(2..4))
            .zip(num(4..6))
    } else {
        num(0..4).zip(num(4..6)).zip(num(6..8))
    };
    let Some(((year, month), day)) = parts else {
        return Err(format!("bad date {s:?}"));
    };
    let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(day)) else {
        return Err(format!("bad date {s:?}"));
    };
    Date::new(year, month, day).map_err(|_| format!("no such date {s:?}"))
}

// ---------------------------------------------------------------- agents

/// `!NAME! = A, B, C`.
fn define_set(content: &str) -> Result<(String, Vec<String>), String> {
    let bad = || format!("bad substitution set definition {content:?} (want `!NAME! = A, B, C`)");
    let rest = content.strip_prefix('!').ok_or_else(bad)?;
    let (name, rest) = rest.split_once('!').ok_or_else(bad)?;
    let members = rest.trim_start().strip_prefix('=').ok_or_else(bad)?;
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(bad());
    }
    let members: Vec<String> = members
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_string)
        .collect();
    if members.is_empty() {
        return Err(format!("substitution set !{name}! has no members"));
    }
    if members
        .iter()
        .any(|m| m.contains(['!', '[', ']', '{', '}']))
    {
        return Err(format!(
            "substitution set !{name}! has a member with `!`, `[` or `{{`"
        ));
    }
    Ok((name.to_string(), members))
}

/// `TERM {PLURAL} [~CODE]`, giving one entry, or several with substitution sets.
fn agent_line(
    content: &str,
    line: usize,
    sets: &HashMap<String, Vec<String>>,
) -> Result<Vec<AgentEntry>, String> {
    let Some((term_part, rest)) = content.split_once('[') else {
        return Err(format!("agent {content:?} has no [code]"));
    };
    let Some((code_raw, after)) = rest.split_once(']') else {
        return Err(format!("code block [{rest} is not closed"));
    };
    if !after.trim().is_empty() {
        return Err(format!("unexpected text {:?} after the code", after.trim()));
    }
    let code_raw = code_raw.trim();
    let (code, placement) = if let Some(c) = code_raw.strip_prefix('~') {
        (c, AgentPlacement::Suffix)
    } else if let Some(c) = code_raw.strip_suffix('~') {
        (c, AgentPlacement::Prefix)
    } else {
        return Err(format!(
            "agent code [{code_raw}] needs a `~` before or after it"
        ));
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("bad agent code [{code_raw}]"));
    }
    let code = code.to_ascii_uppercase();

    let (term_raw, explicit_plural) = match term_part.split_once('{') {
        Some((t, p)) => {
            let Some((p, after)) = p.split_once('}') else {
                return Err("`{` without `}`".into());
            };
            if !after.trim().is_empty() {
                return Err(format!(
                    "unexpected text {:?} after the plural",
                    after.trim()
                ));
            }
            (t, Some(normalise(p)))
        }
        None => (term_part, None),
    };
    if term_raw.contains('}') {
        return Err("`}` without `{`".into());
    }
    let make = |term: String, plural: Option<String>| AgentEntry {
        term,
        plural,
        code: code.clone(),
        placement,
        line,
    };

    if term_raw.contains('!') {
        if explicit_plural.as_ref().is_some_and(|p| !p.is_empty()) {
            return Err("a plural cannot be given for a term with a substitution set".into());
        }
        let terms = expand(term_raw, sets)?;
        return Ok(terms
            .into_iter()
            .map(|t| normalise(&t))
            .filter(|t| !t.is_empty())
            .map(|t| make(t, None))
            .collect());
    }
    let term = normalise(term_raw);
    if term.is_empty() {
        return Err("empty agent term".into());
    }
    let plural = match explicit_plural {
        Some(p) => (!p.is_empty()).then_some(p),
        None => regular_plural(&term),
    };
    Ok(vec![make(term, plural)])
}

/// At most this many terms from one line with substitution sets.
const MAX_EXPANSION: usize = 10_000;

/// Every `!NAME!` in `term` replaced by each member of its set.
fn expand(term: &str, sets: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let mut out = vec![String::new()];
    let mut rest = term;
    while let Some((before, after)) = rest.split_once('!') {
        let Some((name, after)) = after.split_once('!') else {
            return Err(format!("unpaired `!` in {term:?}"));
        };
        let Some(members) = sets.get(name) else {
            return Err(format!("substitution set !{name}! is not defined"));
        };
        if out.len().saturating_mul(members.len()) > MAX_EXPANSION {
            return Err(format!("{term:?} expands to too many terms"));
        }
        out = out
            .iter()
            .flat_map(|o| members.iter().map(move |m| format!("{o}{before}{m}")))
            .collect();
        rest = after;
    }
    for o in &mut out {
        o.push_str(rest);
    }
    Ok(out)
}

/// The regular English plural of a term's last word, in the term's case.
fn regular_plural(term: &str) -> Option<String> {
    let last = term.chars().last()?;
    if !last.is_alphabetic() {
        return None;
    }
    let upper = term.to_uppercase();
    let lower = last.is_lowercase();
    let suffix = |s: &str| {
        if lower {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    };
    if ["S", "X", "Z", "CH", "SH"]
        .iter()
        .any(|e| upper.ends_with(e))
    {
        return Some(format!("{term}{}", suffix("ES")));
    }
    if upper.ends_with('Y') {
        let before = upper.chars().rev().nth(1);
        if before.is_some_and(|c| c.is_alphabetic() && !"AEIOU".contains(c)) {
            let stem = &term[..term.len() - last.len_utf8()];
            return Some(format!("{stem}{}", suffix("IES")));
        }
    }
    Some(format!("{term}{}", suffix("S")))
}
