//! WARC archives (framing, HTTP responses, chunked and gzip payloads), through
//! `read_input`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    sitrep_fuzz::read_as("fuzz.warc", data);
});
