//! Plain-text articles, through `read_input` (decoding included) and the
//! header splitter directly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    sitrep_fuzz::read_as("fuzz.txt", data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = sitrep_ingest::text::split_head(text);
        if let Ok(article) = sitrep_ingest::text::read(text, "fuzz.txt") {
            sitrep_fuzz::check_article(&article);
        }
    }
});
