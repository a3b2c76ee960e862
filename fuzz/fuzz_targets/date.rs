//! Publication dates as publishers write them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_model::DatelineSource;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Some(d) = sitrep_ingest::date::parse_dateline(s, DatelineSource::HtmlMeta) {
            assert_eq!(d.source, DatelineSource::HtmlMeta);
        }
    }
});
