//! Bytes to text: byte-order marks, declared charsets, UTF-8, and a statistical
//! guess (chardetng) for everything else; then a check that the result is text
//! and not binary junk.

use encoding_rs::{Encoding, UTF_8};

use crate::{Error, Result};

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding (`UTF-8`, `windows-1252`, …).
    pub encoding: &'static str,
    /// How many malformed sequences were replaced by U+FFFD.
    pub replaced: usize,
}

/// Share of replacement characters above which lossy UTF-8 is rejected.
const MAX_REPLACED_SHARE: f64 = 0.02;
/// Share of control characters above which text is called binary.
const MAX_CONTROL_SHARE: f64 = 0.01;

/// Decodes `bytes`. `declared` is a charset label from the transport or markup
/// (HTTP `Content-Type`, `<meta charset>`); valid UTF-8 wins over a declaration,
/// as browsers' practice shows declarations are often wrong.
pub fn decode(bytes: &[u8], declared: Option<&str>, origin: &str) -> Result<Decoded> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(encoding, &bytes[bom_len..], origin);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let decoded = Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
            replaced: 0,
        };
        check_text(&decoded.text, origin)?;
        return Ok(decoded);
    }
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|e| *e != UTF_8);
    let encoding = declared.unwrap_or_else(|| {
        if mostly_utf8(bytes) {
            return UTF_8;
        }
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    });
    finish(encoding, bytes, origin)
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 with a few corrupt
/// bytes: more well-formed multi-byte characters than malformed sequences.
/// (chardetng never guesses UTF-8 for invalid input, and a legacy guess turns
/// every `’` of such a text into `â€™`.) Legacy single-byte text has almost no
/// well-formed multi-byte sequences, so it still goes to the detector.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut malformed) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        malformed += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > malformed
}

fn finish(encoding: &'static Encoding, bytes: &[u8], origin: &str) -> Result<Decoded> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    } else {
        0
    };
    let chars = text.chars().count().max(1);
    if replaced as f64 / chars as f64 > MAX_REPLACED_SHARE {
        return Err(Error::Encoding {
            origin: origin.to_string(),
            detail: format!(
                "{replaced} malformed byte sequences in {chars} characters as {}",
                encoding.name()
            ),
        });
    }
    let text = text.into_owned();
    check_text(&text, origin)?;
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        replaced,
    })
}

/// Rejects text that is binary junk: any NUL, or more than 1% control
/// characters other than tab, newline, carriage return and form feed.
pub fn check_text(text: &str, origin: &str) -> Result<()> {
    let sample = &text.as_bytes()[..floor_char_boundary(text, 1 << 20)];
    // Work on bytes: C0 controls and DEL are single bytes, C1 controls are
    // C2 80..C2 9F, U+FFFD is EF BF BD; characters are the non-continuation bytes.
    let mut total = 0usize;
    let mut control = 0usize;
    for (i, &b) in sample.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            total += 1;
        }
        match b {
            0 => {
                return Err(Error::Binary {
                    origin: origin.to_string(),
                    detail: format!("NUL byte at character {total}"),
                })
            }
            b'\t' | b'\n' | b'\r' | 0x0c => {}
            0x01..=0x1f | 0x7f => control += 1,
            0xC2 if matches!(sample.get(i + 1), Some(0x80..=0x9f)) => control += 1,
            0xEF if sample.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]) => control += 1,
            _ => {}
        }
    }
    if total > 0 && control as f64 / total as f64 > MAX_CONTROL_SHARE && control > 2 {
        return Err(Error::Binary {
            origin: origin.to_string(),
            detail: format!("{control} control characters in {total}"),
        });
    }
    Ok(())
}

/// The largest char boundary at or below `at`.
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut i = at;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The charset an HTML document declares in its first 1024 bytes
/// (`<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`).
pub fn html_declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let label: String = lower[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// The charset parameter of an HTTP `Content-Type` value.
pub fn content_type_charset(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Erdoğan said".as_bytes(), None, "t").unwrap();
        assert_eq!(d.text, "Erdoğan said");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("The minister’s café “talks” – at least 12 résumés.");
        let d = decode(&bytes, None, "t").unwrap();
        assert_eq!(d.text, "The minister’s café “talks” – at least 12 résumés.");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn declared_charset_is_used_when_not_utf8() {
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode("Łódź i Kraków");
        let d = decode(&bytes, Some("iso-8859-2"), "t").unwrap();
        assert_eq!(d.text, "Łódź i Kraków");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Gaza".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None, "t").unwrap().text, "Gaza");
    }

    #[test]
    fn binary_junk_is_rejected() {
        let junk: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let err = decode(&junk, None, "junk.bin").unwrap_err();
        assert!(
            matches!(err, Error::Binary { .. } | Error::Encoding { .. }),
            "{err}"
        );
        assert!(err.to_string().starts_with("junk.bin: "));
    }

    #[test]
    fn utf8_with_a_few_corrupt_bytes_stays_utf8() {
        let mut bytes =
            "The minister’s “talks” in Erdoğan’s office – at least 12 people, officials said. "
                .repeat(3)
                .into_bytes();
        bytes.insert(40, 0xFF);
        let d = decode(&bytes, None, "t").unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 1);
        assert!(
            d.text.contains("Erdoğan’s") && !d.text.contains("â€"),
            "{}",
            d.text
        );
    }

    #[test]
    fn control_characters_are_counted_as_characters() {
        let mut text = "Rescuers reached the village on foot. ".repeat(4);
        assert!(check_text(&text, "x").is_ok());
        text.push_str("\u{1}\u{2}\u{85}\u{FFFD}\u{7f}");
        let err = check_text(&text, "x").unwrap_err();
        assert!(
            err.to_string().contains("5 control characters in 157"),
            "{err}"
        );
        assert!(check_text("Erdoğan’s “talks” – ok\t\r\n", "x").is_ok());
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = decode(b"abc\0def", None, "x").unwrap_err();
        assert_eq!(err.reason(), "binary");
    }

    #[test]
    fn charset_declarations() {
        assert_eq!(
            html_declared_charset(br#"<html><head><meta charset="windows-1252">"#).as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            content_type_charset("text/html; charset=ISO-8859-1").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(content_type_charset("text/html"), None);
    }
}
