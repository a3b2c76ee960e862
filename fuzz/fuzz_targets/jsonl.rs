//! JSON Lines, through `read_input` (streaming, line limits) and one record
//! directly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    sitrep_fuzz::read_as("fuzz.jsonl", data);
    if let Ok(article) = sitrep_ingest::jsonl::read_record(data, "fuzz.jsonl#line=1") {
        sitrep_fuzz::check_article(&article);
    }
});
