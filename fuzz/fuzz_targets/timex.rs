//! The temporal tagger's grammar: any text, with or without a dateline,
//! tags without panicking and every span slices to its surface.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let dct = data
        .first()
        .and_then(|&b| jiff::civil::Date::new(1990 + i16::from(b % 40), 1 + (b % 12) as i8, 1 + (b % 28) as i8).ok())
        .filter(|_| data.len() % 2 == 0);
    for t in sitrep_time::tag(s, dct) {
        assert_eq!(t.span.slice(s).ok(), Some(t.surface.as_str()));
    }
});
