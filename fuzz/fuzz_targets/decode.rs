//! Bytes to text: BOMs, declared charsets, UTF-8, detection, the binary check.
//! The first byte picks a declared charset label (or none).
#![no_main]

use libfuzzer_sys::fuzz_target;

const LABELS: &[&str] = &[
    "utf-8",
    "windows-1252",
    "iso-8859-2",
    "shift_jis",
    "utf-16le",
    "x-bogus",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let declared = LABELS.get(usize::from(first)).copied();
    if let Ok(decoded) = sitrep_ingest::decode::decode(bytes, declared, "fuzz") {
        assert!(!decoded.text.contains('\0'));
    }
    let _ = sitrep_ingest::decode::html_declared_charset(bytes);
    let _ = sitrep_ingest::decode::content_type_charset(&String::from_utf8_lossy(bytes));
});
