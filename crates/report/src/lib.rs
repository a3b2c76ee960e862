//! The situation report of a story: headline, sources, who did what to
//! whom (fused events with their report counts), background events, a
//! timeline, the figures as series with their sources and conflicts, and
//! how outlets word things — every statement linked to the sentences that
//! make it (`sitrep://doc/<id>#<start>-<end>`, byte spans of the article).
//!
//! Main types: [`StoryReport`] (the report's data, also its JSON form) and
//! [`Format`]; [`render`] writes Markdown, HTML (the Markdown through
//! pulldown-cmark, in a self-contained page) or JSON.

use std::collections::BTreeSet;
use std::fmt::Write;

use jiff::civil::Date;
use serde::Serialize;
use sitrep_model::{ClaimKind, ClaimSeries, DateBasis, DocId, FramingRow, FusedEvent, Hedge, Span};

/// An article of the story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRef {
    pub doc: DocId,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub dateline: Option<Date>,
    /// Other articles with nearly the same text (syndicated or lightly
    /// edited copies), in any story.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub near_duplicates: Vec<DocId>,
}

/// Everything the report says about one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryReport {
    pub story: String,
    pub headline: String,
    pub articles: Vec<ArticleRef>,
    pub events: Vec<FusedEvent>,
    pub claims: Vec<ClaimSeries>,
    /// How outlets word the actors and acts (framing lexicon).
    pub framing: Vec<FramingRow>,
}

/// Output format of `sitrep report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

/// Renders reports in a format.
pub fn render(reports: &[StoryReport], format: Format) -> String {
    match format {
        Format::Markdown => reports.iter().map(markdown).collect::<Vec<_>>().join("\n"),
        Format::Json => reports
            .iter()
            .map(|r| serde_json::to_string(r).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Html => html(reports),
    }
}

/// A link to a span of an article.
fn link(label: &str, doc: &DocId, span: Span) -> String {
    format!(
        "[{}](sitrep://doc/{}#{}-{})",
        escape(label),
        doc.as_str(),
        span.start,
        span.end
    )
}

fn short(doc: &DocId) -> &str {
    &doc.as_str()[..doc.as_str().len().min(8)]
}

/// Markdown-safe text (brackets, pipes, emphasis marks).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '[' | ']' | '|' | '*' | '_' | '`' | '<' | '>' | '#') {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

fn outlet_of<'a>(r: &'a StoryReport, doc: &DocId) -> &'a str {
    r.articles
        .iter()
        .find(|a| &a.doc == doc)
        .and_then(|a| a.outlet.as_deref())
        .unwrap_or("unnamed outlet")
}

fn date_text(d: Option<Date>) -> String {
    d.map_or_else(|| "undated".to_string(), |d| d.to_string())
}

/// ", N independent" when near-duplicate copies make the sources fewer.
fn copies(e: &FusedEvent) -> String {
    if e.num_independent > 0 && e.num_independent < e.num_sources {
        format!(", {} independent (the rest copies)", e.num_independent)
    } else {
        String::new()
    }
}

fn event_line(r: &StoryReport, e: &FusedEvent) -> String {
    let arrow = if e.mutual { "↔" } else { "→" };
    let mode = e.mode.as_deref().map_or(String::new(), |m| format!("/{m}"));
    let basis = match e.date_basis {
        Some(DateBasis::Dateline) => " (from a dateline)",
        Some(DateBasis::Listed) => " (the date of the acts listed with it)",
        Some(DateBasis::Relative) => " (relative to a dateline)",
        _ => "",
    };
    let mut line = format!(
        "- **{}**{} · {} {arrow} {} — {} (CAMEO {}, {}{mode}) — {} report{} from {} source{}{}:",
        date_text(e.date),
        basis,
        escape(&e.source.name),
        escape(&e.target.name),
        escape(&e.label),
        e.cameo,
        e.plover,
        e.reports.len(),
        if e.reports.len() == 1 { "" } else { "s" },
        e.num_sources,
        if e.num_sources == 1 { "" } else { "s" },
        copies(e),
    );
    let links: Vec<String> = e
        .reports
        .iter()
        .map(|rep| {
            let label = format!(
                "{} ({}), “{}”",
                rep.outlet.as_deref().unwrap_or(outlet_of(r, &rep.doc)),
                short(&rep.doc),
                rep.trigger.surface
            );
            link(&label, &rep.doc, rep.sentence_span)
        })
        .collect();
    let _ = write!(line, " {}", links.join("; "));
    if !e.date_conflicts.is_empty() {
        let dates: Vec<String> = e
            .date_conflicts
            .iter()
            .map(|c| {
                let docs: Vec<&str> = c.docs.iter().map(short).collect();
                format!("{} ({:?}, {})", c.date, c.basis, docs.join(", ")).to_lowercase()
            })
            .collect();
        let _ = write!(
            line,
            " — ⚠ reports disagree on the date: {}",
            dates.join("; ")
        );
    }
    line
}

fn kind_name(k: ClaimKind) -> String {
    format!("{k:?}")
}

fn hedge_word(h: Hedge) -> &'static str {
    match h {
        Hedge::Exact => "",
        Hedge::AtLeast => "at least ",
        Hedge::MoreThan => "more than ",
        Hedge::AtMost => "at most ",
        Hedge::LessThan => "less than ",
        Hedge::About => "about ",
        Hedge::Range => "",
        Hedge::Vague => "vaguely ",
    }
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let s = format!("{}", v as i64);
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 && c.is_ascii_digit() {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{v}")
    }
}

/// The report of one story as Markdown.
pub fn markdown(r: &StoryReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&r.headline));
    let outlets: BTreeSet<&str> = r
        .articles
        .iter()
        .map(|a| a.outlet.as_deref().unwrap_or("unnamed outlet"))
        .collect();
    let dates: Vec<Date> = r.articles.iter().filter_map(|a| a.dateline).collect();
    let _ = writeln!(
        out,
        "_Story {} · {} article{} from {} outlet{} · reported {} – {}._\n",
        r.story,
        r.articles.len(),
        if r.articles.len() == 1 { "" } else { "s" },
        outlets.len(),
        if outlets.len() == 1 { "" } else { "s" },
        date_text(dates.iter().min().copied()),
        date_text(dates.iter().max().copied()),
    );
    let _ = writeln!(
        out,
        "## Sources\n\n| article | outlet | dateline | title | near-duplicates |\n|---|---|---|---|---|"
    );
    for a in &r.articles {
        let copies: Vec<String> = a
            .near_duplicates
            .iter()
            .map(|d| format!("`{}` ({})", short(d), escape(outlet_of(r, d))))
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            short(&a.doc),
            escape(a.outlet.as_deref().unwrap_or("—")),
            a.dateline.map_or("— (none)".to_string(), |d| d.to_string()),
            escape(a.title.as_deref().unwrap_or("—")),
            if copies.is_empty() {
                "—".to_string()
            } else {
                copies.join(", ")
            }
        );
    }
    // Statements (CAMEO 01, no PLOVER type) are kept in the data but are
    // not "who did what to whom".
    let statements = r.events.iter().filter(|e| e.plover == "NONE").count();
    let (current, background): (Vec<&FusedEvent>, Vec<&FusedEvent>) = r
        .events
        .iter()
        .filter(|e| e.plover != "NONE")
        .partition(|e| !e.historical);
    let _ = writeln!(out, "\n## Who did what to whom\n");
    if current.is_empty() {
        let _ = writeln!(out, "No events coded.");
    }
    for e in &current {
        let _ = writeln!(out, "{}", event_line(r, e));
    }
    if statements > 0 {
        let _ = writeln!(
            out,
            "\n_{statements} statement(s) (CAMEO 01) not listed; `sitrep events --type 01` shows them._"
        );
    }
    if !background.is_empty() {
        let _ = writeln!(out, "\n## Background (reported as earlier events)\n");
        for e in &background {
            let _ = writeln!(out, "{}", event_line(r, e));
        }
    }
    let _ = writeln!(out, "\n## Timeline\n");
    let mut days: Vec<(Option<Date>, String)> = Vec::new();
    for a in &r.articles {
        days.push((
            a.dateline,
            format!(
                "{} publishes “{}” (`{}`)",
                escape(a.outlet.as_deref().unwrap_or("unnamed outlet")),
                escape(a.title.as_deref().unwrap_or("untitled")),
                short(&a.doc)
            ),
        ));
    }
    for e in r.events.iter().filter(|e| e.plover != "NONE") {
        days.push((
            e.date,
            format!(
                "{} {} {}: {}",
                escape(&e.source.name),
                if e.mutual { "↔" } else { "→" },
                escape(&e.target.name),
                escape(&e.label)
            ),
        ));
    }
    days.sort_by(|a, b| (a.0.is_none(), a.0, &a.1).cmp(&(b.0.is_none(), b.0, &b.1)));
    for (d, what) in &days {
        let _ = writeln!(out, "- {} — {what}", date_text(*d));
    }
    let _ = writeln!(out, "\n## Figures\n");
    if r.claims.is_empty() {
        let _ = writeln!(out, "No figures stated.");
    }
    for s in &r.claims {
        let mut title = kind_name(s.kind);
        if let Some(side) = &s.side {
            let _ = write!(title, ", side {side}");
        }
        if let Some(p) = &s.place {
            let _ = write!(title, ", in {}", escape(p));
        }
        let _ = writeln!(
            out,
            "### {title}\n\n| as of | conservative | figures |\n|---|---|---|"
        );
        for p in &s.points {
            let figs: Vec<String> = p
                .figures
                .iter()
                .map(|f| {
                    let who = f
                        .attribution
                        .as_ref()
                        .map_or("the outlet".to_string(), |a| a.surface.clone());
                    let label = format!(
                        "{}{} — {} ({}, {})",
                        hedge_word(f.figure.hedge),
                        number(f.figure.value),
                        who,
                        f.outlet.as_deref().unwrap_or(outlet_of(r, &f.doc)),
                        short(&f.doc)
                    );
                    link(&label, &f.doc, f.figure.span)
                })
                .collect();
            let _ = writeln!(
                out,
                "| {} | {}{} | {} |",
                date_text(p.as_of),
                number(p.conservative),
                if p.conflict { " ⚠ conflicting" } else { "" },
                figs.join("<br>")
            );
        }
        let _ = writeln!(out);
    }
    if !r.framing.is_empty() {
        let _ = writeln!(
            out,
            "## How outlets word it\n\n_Own voice: the outlet's words; quoted: words it reports \
             others saying. `*` marks a loaded term, ⚠ outlets that differ._\n\n\
             | referent | outlet | own voice | quoted |\n|---|---|---|---|"
        );
        for row in &r.framing {
            for o in &row.outlets {
                let own: Vec<String> = o
                    .own
                    .iter()
                    .map(|t| format!("{}{}", t.term, if t.loaded { "*" } else { "" }))
                    .collect();
                let quoted: Vec<String> = o
                    .quoted
                    .iter()
                    .map(|t| {
                        format!(
                            "{}{} ({})",
                            t.term,
                            if t.loaded { "*" } else { "" },
                            t.speaker.as_deref().unwrap_or("unattributed")
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "| {}{} | {} | {} | {} |",
                    escape(&row.referent),
                    if row.differs { " ⚠" } else { "" },
                    escape(o.outlet.as_deref().unwrap_or("unnamed outlet")),
                    escape(&own.join(", ")),
                    escape(&quoted.join(", "))
                );
            }
        }
    }
    out
}

fn html(reports: &[StoryReport]) -> String {
    let md: String = reports
        .iter()
        .map(markdown)
        .collect::<Vec<_>>()
        .join("\n---\n\n");
    let mut body = String::new();
    let parser = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut body, parser);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>sitrep situation report</title><style>\
body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}}\
table{{border-collapse:collapse;width:100%;font-size:.92rem}}td,th{{border-bottom:1px solid #dde2ea;padding:.3rem .5rem;text-align:left;vertical-align:top}}\
code{{background:#f2f4f8;padding:0 .2rem}}h1{{font-size:1.6rem}}a{{color:#1f5fbf}}\
</style></head><body>\n{body}</body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_numbers() {
        assert_eq!(escape("a|b [c]"), "a\\|b \\[c\\]");
        assert_eq!(number(8796.0), "8,796");
        assert_eq!(number(22219.0), "22,219");
        assert_eq!(number(12.5), "12.5");
    }

    #[test]
    fn empty_story_renders_in_every_format() {
        let r = StoryReport {
            story: "s1".into(),
            headline: "Nothing <happened>".into(),
            articles: vec![ArticleRef {
                doc: DocId::from_stored("0123456789abcdef0123456789abcdef"),
                outlet: None,
                title: None,
                dateline: None,
                near_duplicates: vec![],
            }],
            events: vec![],
            claims: vec![],
            framing: vec![],
        };
        let md = render(std::slice::from_ref(&r), Format::Markdown);
        assert!(md.contains("No events coded") && md.contains("1 article from 1 outlet"));
        let html = render(std::slice::from_ref(&r), Format::Html);
        assert!(
            html.contains("<h1>Nothing \\&lt;happened\\&gt;</h1>") || html.contains("&lt;happened")
        );
        assert!(!html.contains("<happened>"));
        let json = render(&[r], Format::Json);
        assert!(json.starts_with("{\"story\":\"s1\""));
    }
}
