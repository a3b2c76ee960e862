//! RSS and Atom feeds, through `read_input` and the feed reader directly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    sitrep_fuzz::read_as("fuzz.rss", data);
    let _ = sitrep_ingest::feed::read(data, "fuzz.atom", &mut sitrep_fuzz::check_event);
});
