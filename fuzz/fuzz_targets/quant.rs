//! Quantities in arbitrary text: the number grammar and the rules around it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut prev_end = 0usize;
    for q in sitrep_quant::quantities(&text) {
        let (start, end) = (q.span.start as usize, q.span.end as usize);
        assert!(
            start < end && end <= text.len(),
            "{q:?} in {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{q:?}"
        );
        assert_eq!(&text[start..end], q.surface);
        assert!(
            start >= prev_end,
            "{q:?} overlaps or precedes the one before"
        );
        prev_end = end;
        assert!(q.value.is_finite(), "{q:?}");
        assert!(q.upper.is_none_or(f64::is_finite), "{q:?}");
    }
});
