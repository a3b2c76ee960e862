//! The common end of every reader: paragraphs, boilerplate removal, language,
//! and the [`Article`] with its id.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use regex::RegexSet;
use serde::Deserialize;
use sitrep_model::{normalize_for_id, Article, Source};

use crate::{Error, Result};

/// The boilerplate rules shipped in `data/boilerplate.toml`.
static SHIPPED: LazyLock<Boilerplate> = LazyLock::new(|| {
    Boilerplate::from_toml(include_str!("../data/boilerplate.toml"))
        .expect("shipped boilerplate.toml is valid (tested)")
});

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BoilerplateFile {
    max_line_chars: usize,
    social_max_words: usize,
    exact: Vec<String>,
    patterns: Vec<String>,
    social_words: Vec<String>,
    filler_words: Vec<String>,
}

/// Rules that recognise share/comment/navigation/cookie lines.
#[derive(Debug)]
pub struct Boilerplate {
    max_line_chars: usize,
    social_max_words: usize,
    exact: HashSet<String>,
    patterns: RegexSet,
    social: HashSet<String>,
    filler: HashSet<String>,
}

/// Errors in a boilerplate rule file.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("boilerplate rules: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("boilerplate rules: bad pattern: {0}")]
    Pattern(#[from] regex::Error),
}

impl Boilerplate {
    /// The rules that ship with sitrep.
    pub fn shipped() -> &'static Boilerplate {
        &SHIPPED
    }

    /// Rules from a TOML file of the shipped form.
    pub fn from_toml(src: &str) -> std::result::Result<Self, RulesError> {
        let file: BoilerplateFile = toml::from_str(src)?;
        Ok(Self {
            max_line_chars: file.max_line_chars,
            social_max_words: file.social_max_words,
            exact: file.exact.iter().map(|s| fold_line(s)).collect(),
            patterns: RegexSet::new(&file.patterns)?,
            social: file.social_words.into_iter().collect(),
            filler: file.filler_words.into_iter().collect(),
        })
    }

    /// Whether a whole line is boilerplate.
    pub fn is_boilerplate(&self, line: &str) -> bool {
        // A UTF-8 character is at most 4 bytes: long lines are decided by length.
        if line.len() > 4 * self.max_line_chars || line.chars().count() > self.max_line_chars {
            return false;
        }
        let folded = fold_line(line);
        if folded.is_empty() {
            return false;
        }
        if self.exact.contains(&folded) || self.patterns.is_match(&folded) {
            return true;
        }
        let words: Vec<&str> = folded
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '|' | '/' | '·' | '•'))
            .filter(|w| !w.is_empty())
            .collect();
        !words.is_empty()
            && words.len() <= self.social_max_words
            && words
                .iter()
                .all(|w| self.social.contains(*w) || self.filler.contains(*w))
            && words.iter().any(|w| self.social.contains(*w))
    }
}

/// Lower case, white space collapsed, bullets and trailing punctuation trimmed.
fn fold_line(line: &str) -> String {
    let lower = line.to_lowercase();
    let collapsed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_start_matches(['•', '·', '|', '-', '*', '>', '›', '»', ' '])
        .trim_end_matches(['.', ':', '!', '*', '|', '›', '»', '>', '-', ' ', '…'])
        .to_string()
}

/// Whether a line is already tidy: no control characters, no white space but
/// single ASCII spaces, no invisible characters. Checked on bytes, so most lines
/// are copied as they are.
fn is_tidy(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut previous = b' ';
    for (i, &b) in bytes.iter().enumerate() {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let suspect = match b {
            b' ' => previous == b' ',
            0x00..=0x1f | 0x7f => true,
            // NBSP, NEL
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            // Ogham space
            0xE1 => next(1) == 0x9A && next(2) == 0x80,
            // General Punctuation spaces, zero-width, line/paragraph separators
            0xE2 => match next(1) {
                0x80 => matches!(next(2), 0x80..=0x8F | 0xA8 | 0xA9 | 0xAF),
                0x81 => matches!(next(2), 0x9F | 0xA0),
                _ => false,
            },
            // Ideographic space
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            // BOM / zero-width no-break space
            0xEF => next(1) == 0xBB && next(2) == 0xBF,
            _ => false,
        };
        if suspect {
            return false;
        }
        previous = b;
    }
    bytes.last() != Some(&b' ')
}

/// One line with white space collapsed and invisible characters dropped.
fn tidy_line(line: &str) -> String {
    if is_tidy(line) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if c.is_control() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}') {
            continue;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Whether a paragraph in progress ends here rather than being hard-wrapped
/// onto the next line.
fn ends_paragraph(current: &str) -> bool {
    current.chars().count() < 40
        || current.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', '»', '…', '*'])
}

/// Splits text into paragraphs: blank lines separate them, hard-wrapped lines
/// are joined, boilerplate lines are removed (and returned in `removed`).
pub fn paragraphs(body: &str, rules: &Boilerplate, removed: &mut Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for raw in body.lines() {
        let line = tidy_line(raw);
        if line.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        if rules.is_boilerplate(&line) {
            removed.push(line);
            flush(&mut current, &mut out);
            continue;
        }
        if current.is_empty() {
            current = line;
        } else if ends_paragraph(&current) {
            flush(&mut current, &mut out);
            current = line;
        } else {
            current.push(' ');
            current.push_str(&line);
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
    }
}

/// Bytes of text language identification looks at: enough for a reliable call
/// on news prose, small enough to keep it off the ingest profile.
const LANGUAGE_SAMPLE_BYTES: usize = 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StopwordFile {
    sample_words: usize,
    min_share: f64,
    min_ratio: f64,
    languages: BTreeMap<String, Vec<String>>,
}

/// Fast identification by function words (`data/stopwords.toml`).
struct Stopwords {
    sample_words: usize,
    min_share: f64,
    min_ratio: f64,
    codes: Vec<String>,
    /// Word → indices into `codes` of the languages listing it.
    words: std::collections::HashMap<String, Vec<usize>>,
}

static STOPWORDS: LazyLock<Stopwords> = LazyLock::new(|| {
    let file: StopwordFile = toml::from_str(include_str!("../data/stopwords.toml"))
        .expect("shipped stopwords.toml is valid (tested)");
    let codes: Vec<String> = file.languages.keys().cloned().collect();
    let mut words: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (i, list) in file.languages.values().enumerate() {
        for w in list {
            words.entry(w.clone()).or_default().push(i);
        }
    }
    Stopwords {
        sample_words: file.sample_words,
        min_share: file.min_share,
        min_ratio: file.min_ratio,
        codes,
        words,
    }
});

impl Stopwords {
    fn identify(&self, text: &str) -> Option<&str> {
        let mut hits = vec![0usize; self.codes.len()];
        let mut total = 0usize;
        let mut lower = String::new();
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(self.sample_words)
        {
            total += 1;
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if let Some(langs) = self.words.get(&lower) {
                for &i in langs {
                    hits[i] += 1;
                }
            }
        }
        if total < 20 {
            return None;
        }
        let mut ranked: Vec<(usize, usize)> = hits.iter().copied().enumerate().collect();
        ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
        let best = ranked.first()?;
        let second = ranked.get(1).map_or(0, |r| r.1);
        let share = best.1 as f64 / total as f64;
        (share >= self.min_share && best.1 as f64 >= self.min_ratio * second as f64)
            .then(|| self.codes[best.0].as_str())
    }
}

/// Identifies the language of a text: ISO 639-3 code, or `None` when
/// identification is not reliable. Function words decide the common news
/// languages cheaply; whatlang's trigram model decides the rest from the first
/// kilobyte.
pub fn identify_language(text: &str) -> Option<String> {
    if let Some(code) = STOPWORDS.identify(text) {
        return Some(code.to_string());
    }
    let sample = &text[..crate::decode::floor_char_boundary(text, LANGUAGE_SAMPLE_BYTES)];
    let info = whatlang::detect(sample)?;
    info.is_reliable().then(|| info.lang().code().to_string())
}

/// Builds the article from extracted body text: paragraphs, boilerplate removal
/// (recorded in the source), a leading copy of the title dropped, language
/// identified. Text with nothing left is [`Error::NoText`].
pub fn finish(
    body: &str,
    mut source: Source,
    metadata: BTreeMap<String, serde_json::Value>,
) -> Result<Article> {
    let rules = Boilerplate::shipped();
    let mut paras = paragraphs(body, rules, &mut source.removed_lines);
    if let (Some(title), Some(first)) = (source.title.as_deref(), paras.first()) {
        if normalize_for_id(title) == normalize_for_id(first) {
            paras.remove(0);
        }
    }
    if paras.is_empty() {
        let detail = if source.removed_lines.is_empty() {
            "the body is empty".to_string()
        } else {
            format!(
                "only boilerplate ({} line(s) removed)",
                source.removed_lines.len()
            )
        };
        return Err(Error::NoText {
            origin: source.origin.clone(),
            detail,
        });
    }
    let text = paras.join("\n\n");
    let language = identify_language(&text);
    let mut article = Article::new(text, source);
    article.language = language;
    article.metadata = metadata;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> &'static Boilerplate {
        Boilerplate::shipped()
    }

    #[test]
    fn languages_by_function_words_and_by_model() {
        let en = "The minister said on Monday that the talks with the delegation had been useful and that both sides would meet again in the capital after the holiday, according to a statement from his office.";
        assert!(STOPWORDS.identify(en).is_some());
        assert_eq!(identify_language(en).as_deref(), Some("eng"));
        let fr = "Le ministre a déclaré lundi que les discussions avec la délégation avaient été utiles et que les deux parties se retrouveraient dans la capitale après les vacances, selon un communiqué de son bureau.";
        assert_eq!(identify_language(fr).as_deref(), Some("fra"));
        let es = "El ministro dijo el lunes que las conversaciones con la delegación habían sido útiles y que ambas partes se reunirán de nuevo en la capital después de las vacaciones, según un comunicado de su oficina.";
        assert_eq!(identify_language(es).as_deref(), Some("spa"));
        let ru = "Министр заявил в понедельник, что переговоры с делегацией были полезными и что обе стороны снова встретятся в столице после праздников, говорится в заявлении его офиса.";
        assert_eq!(
            STOPWORDS.identify(ru),
            None,
            "not listed: the model decides"
        );
        assert_eq!(identify_language(ru).as_deref(), Some("rus"));
    }

    #[test]
    fn tidy_lines() {
        for line in ["Plain line.", "Erdoğan’s “talks” – ok", "a b"] {
            assert!(is_tidy(line), "{line}");
            assert_eq!(tidy_line(line), line);
        }
        for (line, tidy) in [
            (" lead", "lead"),
            ("trail ", "trail"),
            ("two  spaces", "two spaces"),
            ("tab\there", "tab here"),
            ("nb\u{a0}sp", "nb sp"),
            ("zero\u{200b}width", "zerowidth"),
            ("thin\u{2009}space", "thin space"),
            ("bom\u{feff}", "bom"),
        ] {
            assert!(!is_tidy(line), "{line:?}");
            assert_eq!(tidy_line(line), tidy);
        }
    }

    #[test]
    fn shipped_rules_load() {
        assert!(rules().exact.len() > 20);
    }

    #[test]
    fn recognises_boilerplate_lines() {
        for line in [
            "Leave a reply",
            "LEAVE A COMMENT",
            "Your email address will not be published. Required fields are marked *",
            "Back to top",
            "Source link",
            "We use cookies to improve your experience on our website.",
            "Share: Facebook | Twitter | WhatsApp",
            "Email this story",
            "Follow us on Telegram",
            "Click here to read the original",
            "This story has been compiled from agency wires and was not edited.",
            "• Related posts",
            "© 2023 Harbor Post. All rights reserved.",
        ] {
            assert!(
                rules().is_boilerplate(line),
                "should be boilerplate: {line}"
            );
        }
    }

    #[test]
    fn keeps_news_lines() {
        for line in [
            "Police said 41 people were arrested.",
            "Share prices fell sharply on Monday after the announcement.",
            "The minister will travel to Ankara",
            "Comments by the president drew criticism from the opposition.",
            "Search teams recovered 12 more bodies overnight, officials said.",
            "Copyright disputes between the two publishers have gone on for a decade, according to court papers filed in Nairobi this week.",
        ] {
            assert!(!rules().is_boilerplate(line), "should be kept: {line}");
        }
    }

    #[test]
    fn paragraphs_join_wrapped_lines_and_split_on_blanks() {
        let body = "The flood waters rose overnight across the delta, and\nrescuers worked until dawn.\n\n\n\nA second paragraph.\r\nShare this article\nLast line";
        let mut removed = Vec::new();
        let paras = paragraphs(body, rules(), &mut removed);
        assert_eq!(
            paras,
            [
                "The flood waters rose overnight across the delta, and rescuers worked until dawn.",
                "A second paragraph.",
                "Last line"
            ]
        );
        assert_eq!(removed, ["Share this article"]);
    }

    #[test]
    fn finish_drops_title_copy_and_rejects_empty() {
        let source = Source {
            origin: "t.txt".into(),
            format: sitrep_model::InputFormat::Text,
            outlet: None,
            url: None,
            title: Some("Ministers meet in Ankara".into()),
            dateline: None,
            removed_lines: vec![],
        };
        let article = finish(
            "Ministers meet in Ankara\n\nThe foreign ministers of the two countries met in the Turkish capital on Tuesday and agreed to reopen their consulates.",
            source.clone(),
            BTreeMap::new(),
        )
        .unwrap();
        assert!(article.text.starts_with("The foreign ministers"));
        assert_eq!(article.language.as_deref(), Some("eng"));
        let err = finish("Leave a reply\n\nSource link\n", source, BTreeMap::new()).unwrap_err();
        assert_eq!(err.reason(), "no_text");
        assert!(err.to_string().contains("only boilerplate"), "{err}");
    }

    #[test]
    fn rule_file_errors_are_reported() {
        assert!(Boilerplate::from_toml("exact = 3").is_err());
        let bad = include_str!("../data/boilerplate.toml")
            .replace("patterns = [", "patterns = [\n  '(unclosed',");
        assert!(matches!(
            Boilerplate::from_toml(&bad),
            Err(RulesError::Pattern(_))
        ));
    }
}
