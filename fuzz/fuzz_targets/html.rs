//! HTML pages, through `read_input` (charset detection included) and the
//! fragment-to-text conversion feeds and JSON records use.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    sitrep_fuzz::read_as("fuzz.html", data);
    if let Ok(html) = std::str::from_utf8(data) {
        let _ = sitrep_ingest::html::fragment_to_text(html);
    }
});
