//! Inputs: what the command line names, expanded into files to read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Error;

/// One thing to read.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk; `origin` is the path as the user gave it (or as walked).
    File { path: PathBuf, origin: String },
    /// Bytes already in memory (the embedded demo corpus, tests).
    Bytes { origin: String, bytes: Arc<[u8]> },
    /// Standard input, read as a stream.
    Stdin,
}

impl Input {
    /// The name errors and sources use for this input.
    pub fn origin(&self) -> &str {
        match self {
            Self::File { origin, .. } | Self::Bytes { origin, .. } => origin,
            Self::Stdin => "-",
        }
    }
}

/// The container formats sitrep reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    JsonLines,
    /// One JSON document: an object (one article, as news-please writes) or an
    /// array of objects.
    Json,
    Html,
    /// RSS 0.9x/1.0/2.0 or Atom; the reader tells which.
    Feed,
    Warc,
}

impl Format {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::JsonLines => "JSON Lines",
            Self::Json => "JSON",
            Self::Html => "HTML",
            Self::Feed => "feed",
            Self::Warc => "WARC",
        }
    }

    /// The format a file name says, and whether it is gzip-compressed
    /// (`x.warc.gz`, `x.jsonl.gz`). `None` when the name does not say.
    pub fn from_name(name: &str) -> (Option<Format>, bool) {
        let lower = name.to_ascii_lowercase();
        let (stem, gz) = match lower.strip_suffix(".gz") {
            Some(stem) => (stem.to_string(), true),
            None => (lower, false),
        };
        let ext = Path::new(&stem)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        let format = match ext {
            "txt" | "text" => Some(Format::Text),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "json" => Some(Format::Json),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "rss" | "atom" | "xml" | "rdf" | "feed" => Some(Format::Feed),
            "warc" | "arc" => Some(Format::Warc),
            _ => None,
        };
        (format, gz)
    }

    /// The format the first bytes of a (decompressed) input look like.
    pub fn sniff(head: &[u8]) -> Format {
        let head = &head[..head.len().min(2048)];
        let text = String::from_utf8_lossy(head);
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        let lower = trimmed.to_ascii_lowercase();
        if trimmed.starts_with("WARC/") {
            Format::Warc
        } else if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf") {
            Format::Feed
        } else if lower.starts_with("<!doctype html") || lower.contains("<html") {
            Format::Html
        } else if trimmed.starts_with('[') {
            Format::Json
        } else if trimmed.starts_with('{') {
            Format::JsonLines
        } else {
            Format::Text
        }
    }
}

/// Expands command-line arguments into inputs: a file is itself, a directory is
/// every file below it (recursive, sorted, hidden files skipped), a pattern with
/// `*`, `?` or `[` is a glob, `-` is standard input. Arguments that match nothing
/// come back as errors; the rest still expand.
pub fn collect_inputs(args: &[String]) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            walk_dir(path, &mut inputs, &mut errors);
        } else if path.is_file() {
            inputs.push(file_input(path.to_path_buf()));
        } else if arg.contains(['*', '?', '[']) {
            let before = inputs.len();
            match glob::glob(arg) {
                Ok(paths) => {
                    let mut matched: Vec<PathBuf> = paths.filter_map(|p| p.ok()).collect();
                    matched.sort();
                    for p in matched {
                        if p.is_dir() {
                            walk_dir(&p, &mut inputs, &mut errors);
                        } else if p.is_file() {
                            inputs.push(file_input(p));
                        }
                    }
                }
                Err(e) => errors.push(Error::Malformed {
                    origin: arg.clone(),
                    format: "glob pattern",
                    detail: e.to_string(),
                }),
            }
            if inputs.len() == before {
                errors.push(Error::NotFound {
                    origin: arg.clone(),
                });
            }
        } else {
            errors.push(Error::NotFound {
                origin: arg.clone(),
            });
        }
    }
    (inputs, errors)
}

fn file_input(path: PathBuf) -> Input {
    let origin = path.display().to_string();
    Input::File { path, origin }
}

fn walk_dir(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<Error>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => inputs.push(file_input(e.into_path())),
            Ok(_) => {}
            Err(e) => errors.push(Error::Io {
                origin: e
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string()),
                source: e.into(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_formats() {
        assert_eq!(Format::from_name("a/b.warc.gz"), (Some(Format::Warc), true));
        assert_eq!(
            Format::from_name("x.JSONL"),
            (Some(Format::JsonLines), false)
        );
        assert_eq!(Format::from_name("feed.atom"), (Some(Format::Feed), false));
        assert_eq!(Format::from_name("page.htm"), (Some(Format::Html), false));
        assert_eq!(Format::from_name("notes"), (None, false));
    }

    #[test]
    fn content_sniffing() {
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(
            Format::sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(Format::sniff(b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff(b"{\"text\": \"x\"}\n"), Format::JsonLines);
        assert_eq!(Format::sniff(b" [{\"text\": \"x\"}]"), Format::Json);
        assert_eq!(Format::from_name("a.json"), (Some(Format::Json), false));
        assert_eq!(Format::sniff(b"date 2023-10-17 Putin"), Format::Text);
    }

    #[test]
    fn directories_walk_sorted_and_skip_hidden() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "b").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("sub/c.txt"), "c").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "h").unwrap();
        let (inputs, errors) = collect_inputs(&[dir.path().display().to_string()]);
        assert!(errors.is_empty());
        let names: Vec<String> = inputs
            .iter()
            .map(|i| {
                Path::new(i.origin())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "c.txt"]);
    }

    #[test]
    fn globs_and_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x1.txt"), "1").unwrap();
        std::fs::write(dir.path().join("x2.txt"), "2").unwrap();
        std::fs::write(dir.path().join("y.html"), "3").unwrap();
        let pattern = format!("{}/x*.txt", dir.path().display());
        let missing = format!("{}/nope.txt", dir.path().display());
        let (inputs, errors) = collect_inputs(&[pattern, missing.clone()]);
        assert_eq!(inputs.len(), 2);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].origin(), missing);
        assert_eq!(errors[0].reason(), "not_found");
    }
}
