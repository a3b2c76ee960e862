//! The dispatcher: open an input, decompress, detect the format, run a reader.

use std::io::{BufRead, BufReader, Read};

use sitrep_model::Article;

use crate::input::{Format, Input};
use crate::{decode, feed, html, jsonl, text, warc, Error};

/// Limits that keep hostile or giant inputs from exhausting memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest single-document input (a text or HTML file, a feed), in bytes.
    /// Default 32 MiB.
    pub max_document_bytes: u64,
    /// Largest record of a JSON Lines or WARC file, in bytes. Default 32 MiB.
    pub max_record_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_document_bytes: 32 << 20,
            max_record_bytes: 32 << 20,
        }
    }
}

/// What reading an input produces, one event at a time.
#[derive(Debug)]
pub enum ReadEvent {
    /// An article (not yet checked against the store for duplicates).
    Article(Box<Article>),
    /// A file or record that was rejected, and why.
    Rejected(Error),
    /// A record that is not an article by design (a WARC response that is not an
    /// HTML page, an HTTP error page).
    Skipped {
        origin: String,
        reason: &'static str,
    },
}

/// The articles the inputs named by `args` (files, directories, globs) hold,
/// in input order. Rejected and skipped inputs are left out: callers that
/// report them use [`crate::collect_inputs`] and [`read_input`].
pub fn read_articles(args: &[String], opts: &ReadOptions) -> Vec<Article> {
    let (inputs, _) = crate::collect_inputs(args);
    let mut out = Vec::new();
    for input in &inputs {
        read_input(input, opts, &mut |e| {
            if let ReadEvent::Article(a) = e {
                out.push(*a);
            }
        });
    }
    out
}

/// [`read_articles`] of the inputs `args` names, each article with the file
/// name of the input it came from (the name of its first source, without
/// directories or a `#record` suffix).
pub fn read_named_articles(args: &[String], opts: &ReadOptions) -> Vec<(String, Article)> {
    read_articles(args, opts)
        .into_iter()
        .map(|a| {
            let origin = a.sources.first().map_or("", |s| s.origin.as_str());
            let origin = origin.split('#').next().unwrap_or(origin);
            let name = std::path::Path::new(origin)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, a)
        })
        .collect()
}

/// Reads one input, emitting an event per article, rejection or skip. Never
/// panics and never stops the caller: every failure is an event.
pub fn read_input(input: &Input, opts: &ReadOptions, emit: &mut dyn FnMut(ReadEvent)) {
    if let Err(e) = read_inner(input, opts, emit) {
        emit(ReadEvent::Rejected(e));
    }
}

fn read_inner(
    input: &Input,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
) -> Result<(), Error> {
    let origin = input.origin().to_string();
    let io = |source: std::io::Error| Error::Io {
        origin: origin.clone(),
        source,
    };
    let (named_format, named_gz) = match input {
        Input::Stdin => (None, false),
        _ => Format::from_name(&origin),
    };
    let mut raw: Box<dyn BufRead> = match input {
        Input::File { path, .. } => {
            let file = std::fs::File::open(path).map_err(io)?;
            let size = file.metadata().map_err(io)?.len();
            if size == 0 {
                return Err(Error::Empty { origin });
            }
            let single_document = matches!(
                named_format,
                Some(Format::Text | Format::Html | Format::Feed | Format::Json)
            );
            if single_document && !named_gz && size > opts.max_document_bytes {
                return Err(Error::TooLarge {
                    origin,
                    size,
                    limit: opts.max_document_bytes,
                    what: "document",
                });
            }
            Box::new(BufReader::with_capacity(1 << 16, file))
        }
        Input::Bytes { bytes, .. } => Box::new(std::io::Cursor::new(bytes.clone())),
        Input::Stdin => Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
    };
    let magic = raw.fill_buf().map_err(io)?;
    if magic.is_empty() {
        return Err(Error::Empty { origin });
    }
    let compressed = named_gz || magic.starts_with(&[0x1f, 0x8b]);
    let mut reader: Box<dyn BufRead> = if compressed {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(raw),
        ))
    } else {
        raw
    };
    let stream_error = |e: std::io::Error, records: usize| {
        if compressed {
            Error::Gzip {
                origin: origin.clone(),
                records,
                detail: e.to_string(),
            }
        } else {
            Error::Io {
                origin: origin.clone(),
                source: e,
            }
        }
    };
    let head = reader.fill_buf().map_err(|e| stream_error(e, 0))?;
    if head.is_empty() {
        return Err(Error::Empty { origin });
    }
    let format = named_format.unwrap_or_else(|| Format::sniff(head));
    match format {
        Format::JsonLines => {
            // JSON is UTF-8 text: junk is rejected once for the file, not per line.
            let head = reader.fill_buf().map_err(|e| stream_error(e, 0))?;
            let head = &head[..head.len().min(1 << 16)];
            let cut = head.len() - head.len().min(3);
            let valid_upto =
                std::str::from_utf8(head).map_or_else(|e| e.valid_up_to(), |_| head.len());
            if valid_upto < cut {
                return Err(Error::Binary {
                    origin,
                    detail: format!(
                        "JSON Lines must be UTF-8; invalid byte at offset {valid_upto}"
                    ),
                });
            }
            decode::check_text(&String::from_utf8_lossy(head), &origin)?;
            let mut events = 0usize;
            let mut counted = |event| {
                events += 1;
                emit(event);
            };
            jsonl::read_stream(&mut reader, &origin, opts, &mut counted)
                .map_err(|(e, n)| stream_error(e, n))?;
            if events == 0 {
                // Nothing but blank lines.
                return Err(Error::Empty { origin });
            }
        }
        Format::Warc => {
            if warc::read_stream(&mut reader, &origin, opts, emit, &stream_error)? == 0 {
                return Err(Error::Empty { origin });
            }
        }
        Format::Text | Format::Html | Format::Feed | Format::Json => {
            let mut bytes = Vec::new();
            reader
                .take(opts.max_document_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| stream_error(e, 0))?;
            if bytes.len() as u64 > opts.max_document_bytes {
                return Err(Error::TooLarge {
                    origin,
                    size: bytes.len() as u64,
                    limit: opts.max_document_bytes,
                    what: "document",
                });
            }
            if bytes.trim_ascii().is_empty() {
                return Err(Error::Empty { origin });
            }
            match format {
                Format::Feed => {
                    decode::check_text(
                        &String::from_utf8_lossy(&bytes[..bytes.len().min(1 << 16)]),
                        &origin,
                    )?;
                    feed::read(&bytes, &origin, emit)?;
                }
                Format::Json => {
                    jsonl::read_document(&bytes, &origin, emit)?;
                }
                Format::Html => {
                    let declared = decode::html_declared_charset(&bytes);
                    let decoded = decode::decode(&bytes, declared.as_deref(), &origin)?;
                    let article = html::read(
                        &decoded.text,
                        &origin,
                        None,
                        sitrep_model::InputFormat::Html,
                    )?;
                    emit(ReadEvent::Article(Box::new(with_encoding(
                        article,
                        decoded.encoding,
                    ))));
                }
                _ => {
                    let decoded = decode::decode(&bytes, None, &origin)?;
                    if decoded.text.trim().is_empty() {
                        return Err(Error::Empty { origin });
                    }
                    let article = text::read(&decoded.text, &origin)?;
                    emit(ReadEvent::Article(Box::new(with_encoding(
                        article,
                        decoded.encoding,
                    ))));
                }
            }
        }
    }
    Ok(())
}

/// Notes a non-UTF-8 source encoding in the article's metadata.
fn with_encoding(mut article: Article, encoding: &'static str) -> Article {
    if encoding != "UTF-8" {
        article.metadata.insert(
            "encoding".to_string(),
            serde_json::Value::String(encoding.to_string()),
        );
    }
    article
}
