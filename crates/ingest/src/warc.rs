//! WARC archives (ISO 28500; Common Crawl's CC-NEWS): `response` records whose
//! HTTP payload is an HTML page become articles; other records are passed over.
//!
//! A small streaming parser of our own rather than the `warc` crate, whose
//! header accessors panic on non-UTF-8 values — hostile archives must not.

use std::io::{BufRead, Read};

use sitrep_model::InputFormat;

use crate::read::{ReadEvent, ReadOptions};
use crate::{decode, html, Error};

const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Reads a line ending in `\n` of at most `limit` bytes into `buf`; `Ok(false)`
/// at end of input.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<bool> {
    buf.clear();
    let n = reader.take(limit as u64).read_until(b'\n', buf)?;
    Ok(n > 0)
}

/// One record's header block.
struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Streams the records of a WARC file. Returns the number of records read; a
/// framing error (no version line, no `Content-Length`, short body) stops the
/// file with an error, keeping what was already emitted.
pub fn read_stream(
    reader: &mut dyn BufRead,
    origin: &str,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
    io_error: &dyn Fn(std::io::Error, usize) -> Error,
) -> Result<usize, Error> {
    let mut line = Vec::new();
    let mut records = 0usize;
    let malformed = |records: usize, detail: String| Error::Malformed {
        origin: format!("{origin}#record={}", records + 1),
        format: "WARC",
        detail,
    };
    loop {
        // Skip the blank lines between records.
        loop {
            if !read_line(reader, &mut line, MAX_HEADER_BYTES).map_err(|e| io_error(e, records))? {
                return Ok(records);
            }
            if !line.trim_ascii().is_empty() {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&line[..line.len().min(40)])
                .trim()
                .to_string();
            return Err(malformed(
                records,
                format!("expected a 'WARC/' version line, found {shown:?}"),
            ));
        }
        let mut header = Header { fields: Vec::new() };
        let mut header_bytes = 0usize;
        loop {
            if !read_line(reader, &mut line, MAX_HEADER_BYTES).map_err(|e| io_error(e, records))? {
                return Err(io_error(
                    std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        "input ends inside a WARC header",
                    ),
                    records,
                ));
            }
            header_bytes += line.len();
            if header_bytes > MAX_HEADER_BYTES {
                return Err(malformed(records, "header block over 64 KiB".into()));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                if let Some(last) = header.fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(text.trim());
                }
                continue;
            }
            if let Some((k, v)) = text.split_once(':') {
                header
                    .fields
                    .push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let length: u64 = header
            .get("Content-Length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| malformed(records, "missing or invalid Content-Length".into()))?;
        records += 1;
        let record_origin = format!("{origin}#record={records}");
        if length > opts.max_record_bytes {
            std::io::copy(&mut reader.take(length), &mut std::io::sink())
                .map_err(|e| io_error(e, records - 1))?;
            emit(ReadEvent::Rejected(Error::TooLarge {
                origin: record_origin,
                size: length,
                limit: opts.max_record_bytes,
                what: "WARC record",
            }));
            continue;
        }
        let mut block = Vec::with_capacity(usize::try_from(length).unwrap_or(0).min(1 << 24));
        // A stream error inside the block: this record is lost, the ones
        // before it were read.
        reader
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| io_error(e, records - 1))?;
        if (block.len() as u64) < length {
            return Err(io_error(
                std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!(
                        "record {records} ends after {} of {length} bytes",
                        block.len()
                    ),
                ),
                records - 1,
            ));
        }
        let is_response = header
            .get("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("response"));
        let is_http = header
            .get("Content-Type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if is_response && is_http {
            if let Some(event) =
                read_http(&block, &record_origin, header.get("WARC-Target-URI"), opts)
            {
                emit(event);
            }
        }
    }
}

/// One HTTP response record to an event: an article, a rejection, or a skip for
/// responses that are not HTML pages.
fn read_http(
    block: &[u8],
    origin: &str,
    uri: Option<&str>,
    opts: &ReadOptions,
) -> Option<ReadEvent> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let body_start = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) | Err(_) => {
            return Some(ReadEvent::Rejected(Error::Malformed {
                origin: origin.to_string(),
                format: "HTTP response",
                detail: "unparsable status line or headers".into(),
            }))
        }
    };
    let status = response.code.unwrap_or(0);
    if status != 200 {
        return Some(ReadEvent::Skipped {
            origin: origin.to_string(),
            reason: "http_status_not_200",
        });
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_string())
    };
    let content_type = header("Content-Type").unwrap_or_default();
    let lower = content_type.to_ascii_lowercase();
    if !(lower.contains("html") || lower.is_empty()) {
        return Some(ReadEvent::Skipped {
            origin: origin.to_string(),
            reason: "not_html",
        });
    }
    let mut payload = block[body_start..].to_vec();
    if header("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        if let Some(joined) = dechunk(&payload) {
            payload = joined;
        }
    }
    if let Some(encoding) = header("Content-Encoding").map(|e| e.to_ascii_lowercase()) {
        if encoding.contains("gzip") || encoding.contains("deflate") {
            let mut out = Vec::new();
            let limit = opts.max_document_bytes;
            let result = if encoding.contains("gzip") {
                flate2::read::MultiGzDecoder::new(payload.as_slice())
                    .take(limit)
                    .read_to_end(&mut out)
            } else {
                flate2::read::ZlibDecoder::new(payload.as_slice())
                    .take(limit)
                    .read_to_end(&mut out)
            };
            if let Err(e) = result {
                return Some(ReadEvent::Rejected(Error::Gzip {
                    origin: origin.to_string(),
                    records: 0,
                    detail: format!("HTTP payload: {e}"),
                }));
            }
            payload = out;
        }
    }
    let declared = decode::content_type_charset(&content_type)
        .or_else(|| decode::html_declared_charset(&payload));
    let result = decode::decode(&payload, declared.as_deref(), origin)
        .and_then(|d| html::read(&d.text, origin, uri, InputFormat::Warc));
    Some(match result {
        Ok(article) => ReadEvent::Article(Box::new(article)),
        Err(e) => ReadEvent::Rejected(e),
    })
}

/// Joins an HTTP chunked body; `None` if it is not well-formed.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = memchr::memmem::find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data
            .get(size..)?
            .strip_prefix(b"\r\n")
            .unwrap_or(&data[size..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://news.example/a\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn page(body: &str) -> Vec<u8> {
        let html = format!("<html><head><title>T</title></head><body><article><p>{body}</p><p>{body}</p><p>{body}</p></article></body></html>");
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}", html.len()).into_bytes()
    }

    fn run(data: &[u8]) -> (Result<usize, Error>, Vec<ReadEvent>) {
        let mut events = Vec::new();
        let r = read_stream(
            &mut &data[..],
            "a.warc",
            &ReadOptions::default(),
            &mut |e| events.push(e),
            &|e, _| Error::Io {
                origin: "a.warc".into(),
                source: e,
            },
        );
        (r, events)
    }

    #[test]
    fn responses_become_articles_and_the_rest_is_passed_over() {
        let text = "The river burst its banks on Monday, flooding villages across the plain and forcing thousands of families to leave their homes.";
        let mut data = record("warcinfo", "application/warc-fields", b"software: test\r\n");
        data.extend(record(
            "request",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        data.extend(record(
            "response",
            "application/http; msgtype=response",
            &page(text),
        ));
        data.extend(record(
            "response",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nUser-agent: *",
        ));
        let (r, events) = run(&data);
        assert_eq!(r.unwrap(), 4);
        assert_eq!(events.len(), 2);
        let ReadEvent::Article(a) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(a.sources[0].origin, "a.warc#record=3");
        assert_eq!(a.sources[0].format, InputFormat::Warc);
        assert_eq!(a.url.as_deref(), Some("https://news.example/a"));
        assert!(a.text.starts_with("The river burst"));
        assert!(matches!(
            &events[1],
            ReadEvent::Skipped {
                reason: "not_html",
                ..
            }
        ));
    }

    #[test]
    fn framing_errors_stop_the_file() {
        let (r, events) = run(b"garbage\r\n");
        assert_eq!(r.unwrap_err().reason(), "malformed");
        assert!(events.is_empty());
        let (r, _) = run(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nbody");
        assert!(r.unwrap_err().to_string().contains("Content-Length"));
        let mut short = record("response", "application/http", &page("x"));
        short.truncate(short.len() - 40);
        let (r, _) = run(&short);
        assert_eq!(r.unwrap_err().reason(), "io");
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"zz\r\n").is_none());
    }
}
