//! Feature extraction: each token is described once ([`TokenInfo`]), then each
//! task turns a window of token descriptions and earlier decisions into 64-bit
//! feature hashes. Nothing here allocates per feature.

use crate::gazetteer::Gazetteer;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Mixes a value into a hash.
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(K).rotate_left(29)
}

#[inline]
fn hash_chars(seed: u64, chars: impl Iterator<Item = char>) -> u64 {
    let mut h = seed ^ 0xcbf2_9ce4_8422_2325;
    for c in chars {
        h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
    }
    mix(h, 0x51)
}

/// Flags describing a word's form.
pub mod flag {
    pub const INIT_CAP: u16 = 1;
    pub const ALL_CAP: u16 = 2;
    pub const HAS_DIGIT: u16 = 4;
    pub const ALL_DIGIT: u16 = 8;
    pub const HAS_HYPHEN: u16 = 16;
    pub const HAS_PERIOD: u16 = 32;
    pub const PUNCT: u16 = 64;
    pub const MIXED_CAP: u16 = 128;
    pub const HAS_APOS: u16 = 256;
}

/// What the features need to know about one token.
#[derive(Debug, Clone, Default)]
pub struct TokenInfo {
    /// The word as written.
    pub word: u64,
    /// Lower case, digits as `0`.
    pub norm: u64,
    /// Short word shape ("Xx", "X.X.", "d-d").
    pub shape: u64,
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
    /// Longer suffixes (5 and 6 characters) and the word's inner character
    /// trigrams (up to 6), for names never seen in training.
    pub long_suffix: [u64; 2],
    pub trigrams: [u64; 6],
    pub flags: u16,
    /// Gazetteer bits: category × position (see [`Gazetteer`]).
    pub gaz: u32,
    /// Number of chars (capped).
    pub len: u8,
    /// How the word is written elsewhere in the document (see [`doc_case`]).
    pub doc_case: u8,
    /// How the word is written in the training text (see [`CaseTable`]).
    pub corpus_case: u8,
}

/// How words are written in a body of text: for each word (lower-cased) seen
/// at least twice away from the start of a normal sentence, a bucket from 1
/// (always lower case) to 5 (always capitalised). Built from the training
/// text and stored with the model.
#[derive(Debug, Clone, Default)]
pub struct CaseTable {
    pub(crate) buckets: std::collections::HashMap<
        u64,
        u8,
        std::hash::BuildHasherDefault<crate::perceptron::IdHasher>,
    >,
}

impl CaseTable {
    /// Counts capitalisation in sentences of words.
    pub fn build<'a>(sentences: impl Iterator<Item = &'a [&'a str]>) -> Self {
        let mut counts: std::collections::HashMap<u64, (u32, u32)> =
            std::collections::HashMap::new();
        for words in sentences {
            let letters: Vec<bool> = words
                .iter()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .map(|w| !w.chars().any(char::is_lowercase))
                .collect();
            if letters.len() >= 2
                && letters.iter().filter(|c| **c).count() * 10 >= letters.len() * 8
            {
                continue; // a headline
            }
            for w in words.iter().skip(1) {
                let Some(first) = w.chars().next() else {
                    continue;
                };
                if !first.is_alphabetic() {
                    continue;
                }
                let e = counts.entry(crate::gazetteer::word_hash(w)).or_default();
                if first.is_uppercase() {
                    e.1 += 1;
                } else {
                    e.0 += 1;
                }
            }
        }
        let buckets = counts
            .into_iter()
            .filter(|(_, (l, c))| l + c >= 2)
            .map(|(k, (l, c))| {
                let share = c as f32 / (l + c) as f32;
                let b = if c == 0 {
                    1
                } else if share < 0.3 {
                    2
                } else if share <= 0.7 {
                    3
                } else if l > 0 {
                    4
                } else {
                    5
                };
                (k, b)
            })
            .collect();
        Self { buckets }
    }

    pub fn len(&self) -> usize {
        self.buckets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }

    #[inline]
    pub fn get(&self, word: &str) -> u8 {
        self.buckets
            .get(&crate::gazetteer::word_hash(word))
            .copied()
            .unwrap_or(0)
    }
}

/// Token descriptions for a sentence.
pub struct Sentence {
    pub tokens: Vec<TokenInfo>,
    /// Most letters of the sentence are capitals (a headline).
    pub all_caps: bool,
    /// Many numbers and few words: a row of a results table.
    pub table: bool,
}

fn describe(word: &str) -> TokenInfo {
    let mut flags = 0u16;
    let mut n_alpha = 0;
    let mut n_upper = 0;
    let mut n_lower = 0;
    let mut n_digit = 0;
    let mut n = 0usize;
    for c in word.chars() {
        n += 1;
        if c.is_alphabetic() {
            n_alpha += 1;
            if c.is_uppercase() {
                n_upper += 1;
            } else {
                n_lower += 1;
            }
        } else if c.is_ascii_digit() {
            n_digit += 1;
        } else if c == '-' {
            flags |= flag::HAS_HYPHEN;
        } else if c == '.' {
            flags |= flag::HAS_PERIOD;
        } else if c == '\'' || c == '’' {
            flags |= flag::HAS_APOS;
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    if first_upper {
        flags |= flag::INIT_CAP;
    }
    if n_alpha > 0 && n_lower == 0 {
        flags |= flag::ALL_CAP;
    }
    if n_upper > 0 && n_lower > 0 && !(first_upper && n_upper == 1) {
        flags |= flag::MIXED_CAP;
    }
    if n_digit > 0 {
        flags |= flag::HAS_DIGIT;
        if n_digit == n {
            flags |= flag::ALL_DIGIT;
        }
    }
    if n_alpha == 0 && n_digit == 0 {
        flags |= flag::PUNCT;
    }
    let norm_chars = || {
        word.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
    };
    // Shape: character classes with runs collapsed.
    let mut shape = 0xabcd_u64;
    let mut last = '\0';
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if class != last {
            shape = mix(shape, class as u64);
            last = class;
        }
    }
    // Short words (nearly all) stay on the stack.
    let mut buf = ['\0'; 32];
    let mut heap = Vec::new();
    let mut len = 0;
    for c in norm_chars() {
        if len < buf.len() {
            buf[len] = c;
        } else {
            if heap.is_empty() {
                heap.extend_from_slice(&buf);
            }
            heap.push(c);
        }
        len += 1;
    }
    let lower: &[char] = if heap.is_empty() { &buf[..len] } else { &heap };
    let mut prefix = [0u64; 4];
    let mut suffix = [0u64; 4];
    let mut long_suffix = [0u64; 2];
    for k in 5..=6 {
        if lower.len() > k {
            long_suffix[k - 5] =
                hash_chars(200 + k as u64, lower[lower.len() - k..].iter().copied());
        }
    }
    let mut trigrams = [0u64; 6];
    if lower.len() >= 5 {
        for (j, g) in lower.windows(3).skip(1).take(6).enumerate() {
            trigrams[j] = hash_chars(300, g.iter().copied());
        }
    }
    for k in 1..=4 {
        if lower.len() >= k {
            prefix[k - 1] = hash_chars(100 + k as u64, lower[..k].iter().copied());
            suffix[k - 1] = hash_chars(200 + k as u64, lower[lower.len() - k..].iter().copied());
        }
    }
    TokenInfo {
        word: hash_chars(1, word.chars()),
        norm: hash_chars(2, lower.iter().copied()),
        shape,
        prefix,
        suffix,
        flags,
        long_suffix,
        trigrams,
        gaz: 0,
        len: n.min(255) as u8,
        doc_case: 0,
        corpus_case: 0,
    }
}

impl Sentence {
    pub fn new(words: &[&str], gazetteer: &Gazetteer, case: &CaseTable) -> Self {
        let mut tokens: Vec<TokenInfo> = words
            .iter()
            .map(|w| {
                let mut t = describe(w);
                t.corpus_case = case.get(w);
                t
            })
            .collect();
        for (i, bits) in gazetteer.annotate(words).into_iter().enumerate() {
            tokens[i].gaz = bits;
        }
        let (mut alpha, mut caps) = (0, 0);
        for t in &tokens {
            if t.flags & flag::PUNCT == 0 && t.flags & flag::ALL_DIGIT == 0 {
                alpha += 1;
                if t.flags & flag::ALL_CAP != 0 {
                    caps += 1;
                }
            }
        }
        let all_caps = alpha >= 2 && caps * 10 >= alpha * 8;
        let numbers = tokens
            .iter()
            .filter(|t| t.flags & flag::HAS_DIGIT != 0)
            .count();
        let table = numbers >= 2 && numbers * 3 >= tokens.len();
        Self {
            tokens,
            all_caps,
            table,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Fills [`TokenInfo::doc_case`] for a document's sentences: for a
/// capitalised word, whether the same word is written in lower case
/// elsewhere in the document (bit 0) and whether it is capitalised away
/// from the start of a normal sentence (bit 1); bit 2 marks words whose own
/// capital says little (first word, headline); bit 3 marks it as set.
pub fn doc_case(doc: &mut [Sentence], words: &[Vec<&str>]) {
    use crate::gazetteer::word_hash;
    let mut seen: std::collections::HashMap<
        u64,
        u8,
        std::hash::BuildHasherDefault<crate::perceptron::IdHasher>,
    > = Default::default();
    for (s, w) in doc.iter().zip(words) {
        for (i, word) in w.iter().enumerate() {
            let first = word.chars().next();
            let bit = if first.is_some_and(char::is_lowercase) {
                1
            } else if first.is_some_and(char::is_uppercase) && i > 0 && !s.all_caps {
                2
            } else {
                0
            };
            if bit != 0 {
                *seen.entry(word_hash(word)).or_default() |= bit;
            }
        }
    }
    for (s, w) in doc.iter_mut().zip(words) {
        let all_caps = s.all_caps;
        for (i, (t, word)) in s.tokens.iter_mut().zip(w).enumerate() {
            if t.flags & flag::INIT_CAP == 0 {
                continue;
            }
            let weak = i == 0 || all_caps;
            t.doc_case =
                8 | seen.get(&word_hash(word)).copied().unwrap_or(0) | (u8::from(weak) << 2);
        }
    }
}

/// Padding values for positions outside the sentence.
const PAD: u64 = 0x5a5a_5a5a;

/// Collects features for one token.
pub struct Feats {
    pub out: Vec<u64>,
}

impl Feats {
    pub fn new() -> Self {
        Self {
            out: Vec::with_capacity(96),
        }
    }

    #[inline]
    fn add(&mut self, template: u64, value: u64) {
        self.out
            .push(mix(mix(template.wrapping_mul(K), value), template));
    }

    #[inline]
    fn add2(&mut self, template: u64, a: u64, b: u64) {
        self.add(template, mix(a, b));
    }
}

impl Default for Feats {
    fn default() -> Self {
        Self::new()
    }
}

#[inline]
fn at(s: &Sentence, i: isize) -> Option<&TokenInfo> {
    if i < 0 {
        None
    } else {
        s.tokens.get(i as usize)
    }
}

#[inline]
fn norm_at(s: &Sentence, i: isize) -> u64 {
    at(s, i).map_or(PAD.wrapping_add(i.clamp(-3, 3) as u64), |t| t.norm)
}

#[inline]
fn shape_at(s: &Sentence, i: isize) -> u64 {
    at(s, i).map_or(PAD, |t| t.shape)
}

#[inline]
fn tag_at(tags: &[u16], i: isize) -> u64 {
    if i < 0 {
        PAD
    } else {
        tags.get(i as usize).map_or(PAD + 1, |&t| u64::from(t))
    }
}

/// Features shared by every task: the word, its form and its neighbours.
/// Which model features are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    Pos,
    Chunk,
    Ner,
}

/// Features that depend on the token's own string alone (so a tagger can
/// score them once per word type and reuse the sums).
pub fn word_features(f: &mut Feats, t: &TokenInfo, task: Task) {
    let base = match task {
        Task::Pos => 1000,
        Task::Chunk => 2000,
        Task::Ner => 3000,
    };
    f.add(base, 1); // bias
    f.add(base + 1, t.norm);
    f.add(base + 2, t.word);
    f.add(base + 3, t.shape);
    for k in 0..4 {
        if t.prefix[k] != 0 {
            f.add(base + 4 + k as u64, t.prefix[k]);
        }
        if t.suffix[k] != 0 {
            f.add(base + 8 + k as u64, t.suffix[k]);
        }
    }
    f.add(base + 12, u64::from(t.flags));
    if task == Task::Ner {
        for &x in t.long_suffix.iter().chain(&t.trigrams) {
            if x != 0 {
                f.add(3170, x);
            }
        }
        f.add2(3161, u64::from(t.corpus_case), t.shape);
    }
}

/// Features of the token's neighbours shared by every task.
fn lexical(f: &mut Feats, s: &Sentence, i: usize, base: u64) {
    let t = &s.tokens[i];
    let ii = i as isize;
    f.add(base + 13, norm_at(s, ii - 1));
    f.add(base + 14, norm_at(s, ii + 1));
    f.add(base + 15, norm_at(s, ii - 2));
    f.add(base + 16, norm_at(s, ii + 2));
    f.add2(base + 17, norm_at(s, ii - 1), t.norm);
    f.add2(base + 18, t.norm, norm_at(s, ii + 1));
    f.add(base + 19, at(s, ii - 1).map_or(PAD, |p| p.suffix[2]));
    f.add(base + 20, at(s, ii + 1).map_or(PAD, |p| p.suffix[2]));
}

/// Part-of-speech features; `tags` holds the tags decided so far.
/// With `word` false, the [`word_features`] are left out (the caller adds
/// their cached sum).
pub fn pos(f: &mut Feats, s: &Sentence, i: usize, tags: &[u16], word: bool) {
    f.out.clear();
    if word {
        word_features(f, &s.tokens[i], Task::Pos);
    }
    lexical(f, s, i, 1000);
    let ii = i as isize;
    let (p1, p2) = (tag_at(tags, ii - 1), tag_at(tags, ii - 2));
    f.add(1100, p1);
    f.add2(1101, p1, p2);
    f.add2(1102, p1, s.tokens[i].norm);
    f.add(1103, shape_at(s, ii - 1));
    f.add(1104, shape_at(s, ii + 1));
    f.add(1105, u64::from(i == 0));
    f.add(1106, u64::from(s.all_caps));
}

/// Chunk features, given the part-of-speech tags of the whole sentence.
pub fn chunk(f: &mut Feats, s: &Sentence, i: usize, pos: &[u16], tags: &[u16], word: bool) {
    f.out.clear();
    if word {
        word_features(f, &s.tokens[i], Task::Chunk);
    }
    f.add(2013, norm_at(s, i as isize - 1));
    f.add(2014, norm_at(s, i as isize + 1));
    let ii = i as isize;
    let pp = |d: isize| tag_at(pos, ii + d);
    f.add(2100, pp(0));
    f.add(2101, pp(-1));
    f.add(2102, pp(1));
    f.add(2103, pp(-2));
    f.add(2104, pp(2));
    f.add2(2105, pp(-1), pp(0));
    f.add2(2106, pp(0), pp(1));
    f.add(2107, mix(mix(pp(-1), pp(0)), pp(1)));
    let (c1, c2) = (tag_at(tags, ii - 1), tag_at(tags, ii - 2));
    f.add(2110, c1);
    f.add2(2111, c1, c2);
    f.add2(2112, c1, pp(0));
    f.add(2113, mix(mix(c1, pp(-1)), pp(0)));
}

/// Features of the first entity pass, whose decisions only feed the
/// document-level hints of the second: the word features (cached by the
/// tagger) and a few cheap ones around them.
pub fn ner_light(f: &mut Feats, s: &Sentence, i: usize, pos: &[u16], tags: &[u16], word: bool) {
    f.out.clear();
    if word {
        word_features(f, &s.tokens[i], Task::Ner);
    }
    let t = &s.tokens[i];
    let ii = i as isize;
    let n1 = tag_at(tags, ii - 1);
    f.add(3400, n1);
    f.add2(3401, n1, t.shape);
    f.add(3402, tag_at(pos, ii));
    f.add(3403, norm_at(s, ii - 1));
    f.add(3404, norm_at(s, ii + 1));
    f.add(
        3405,
        mix(mix(shape_at(s, ii - 1), t.shape), shape_at(s, ii + 1)),
    );
    f.add2(3406, u64::from(s.all_caps), u64::from(i == 0));
    if t.gaz != 0 {
        f.add(3407, u64::from(t.gaz));
    }
    if t.doc_case != 0 {
        f.add(3408, u64::from(t.doc_case));
    }
}

/// Named-entity features, given part-of-speech and chunk tags of the sentence
/// and the entity tags decided so far; `history` is a document-level hint per
/// token (0 when none).
#[allow(clippy::too_many_arguments)]
pub fn ner(
    f: &mut Feats,
    s: &Sentence,
    i: usize,
    pos: &[u16],
    chunks: &[u16],
    tags: &[u16],
    history: &[u64],
    word: bool,
) {
    f.out.clear();
    if word {
        word_features(f, &s.tokens[i], Task::Ner);
    }
    lexical(f, s, i, 3000);
    let t = &s.tokens[i];
    let ii = i as isize;
    let pp = |d: isize| tag_at(pos, ii + d);
    f.add(3100, pp(0));
    f.add(3101, pp(-1));
    f.add(3102, pp(1));
    f.add2(3103, pp(0), pp(1));
    f.add2(3104, pp(-1), pp(0));
    f.add(3105, tag_at(chunks, ii));
    f.add2(3106, tag_at(chunks, ii), tag_at(chunks, ii + 1));
    let (n1, n2) = (tag_at(tags, ii - 1), tag_at(tags, ii - 2));
    f.add(3110, n1);
    f.add2(3111, n1, n2);
    f.add2(3112, n1, t.norm);
    f.add2(3113, n1, t.shape);
    f.add2(3114, n1, pp(0));
    // Position in a run of capitalised words (boundaries of names).
    let cap =
        |d: isize| at(s, ii + d).is_some_and(|x| x.flags & (flag::INIT_CAP | flag::ALL_CAP) != 0);
    if cap(0) && !s.all_caps {
        let mut a = 0;
        while a < 4 && cap(-(a as isize) - 1) {
            a += 1;
        }
        let mut b = 0;
        while b < 4 && cap(b as isize + 1) {
            b += 1;
        }
        f.add(3150, (a * 8 + b) as u64);
        f.add2(3151, (a * 8 + b) as u64, t.norm);
    }
    f.add2(3115, n1, norm_at(s, ii - 1));
    f.add2(3116, n1, norm_at(s, ii + 1));
    f.add(3117, norm_at(s, ii - 3));
    f.add(3118, norm_at(s, ii + 3));
    f.add2(3139, n2, t.norm);
    f.add(3119, shape_at(s, ii - 2));
    f.add(3137, shape_at(s, ii + 2));
    f.add(
        3138,
        mix(
            mix(mix(shape_at(s, ii - 2), shape_at(s, ii - 1)), t.shape),
            mix(shape_at(s, ii + 1), shape_at(s, ii + 2)),
        ),
    );
    f.add(3120, shape_at(s, ii - 1));
    f.add(3121, shape_at(s, ii + 1));
    f.add2(3122, shape_at(s, ii - 1), t.shape);
    f.add2(3123, t.shape, shape_at(s, ii + 1));
    f.add(
        3124,
        mix(mix(shape_at(s, ii - 1), t.shape), shape_at(s, ii + 1)),
    );
    f.add2(3125, u64::from(s.all_caps), t.norm);
    f.add(3126, u64::from(i == 0));
    f.add2(3127, u64::from(i == 0), t.shape);
    f.add2(3129, u64::from(s.table), t.shape);
    f.add(3134, mix(u64::from(s.table), mix(n1, tag_at(pos, ii))));
    // Gazetteer bits of the token and its neighbours.
    for (d, base) in [(0isize, 3130u64), (-1, 3131), (1, 3132)] {
        let bits = at(s, ii + d).map_or(0, |x| x.gaz);
        if bits != 0 {
            let mut b = bits;
            while b != 0 {
                let bit = b.trailing_zeros();
                f.add(base, u64::from(bit));
                b &= b - 1;
            }
        }
    }
    if t.gaz != 0 {
        f.add2(3133, u64::from(t.gaz), t.shape);
    }
    // Words near by, without their position.
    for d in [-4isize, -3, -2, -1, 1, 2, 3, 4] {
        if let Some(x) = at(s, ii + d) {
            f.add(3171, x.norm);
        }
    }
    let cc = u64::from(t.corpus_case);
    f.add2(3160, cc, u64::from(i == 0 || s.all_caps));
    f.add(
        3162,
        mix(cc, u64::from(at(s, ii - 1).map_or(9, |p| p.corpus_case))),
    );
    if t.doc_case != 0 {
        f.add(3135, u64::from(t.doc_case));
        f.add2(3136, u64::from(t.doc_case), t.shape);
    }
    // Document-level history (0 = none).
    if let Some(&h) = history.get(i) {
        if h != 0 {
            f.add(3140, h);
            f.add2(3141, h, t.shape);
            f.add2(3142, h, n1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_flags() {
        let a = describe("Putin");
        let b = describe("Raisi");
        assert_eq!(a.shape, b.shape);
        assert_ne!(a.norm, b.norm);
        assert!(a.flags & flag::INIT_CAP != 0);
        assert!(describe("UN").flags & flag::ALL_CAP != 0);
        assert!(describe("1996").flags & flag::ALL_DIGIT != 0);
        assert_eq!(describe("1996").norm, describe("2023").norm);
        assert!(describe("McDonald").flags & flag::MIXED_CAP != 0);
        assert!(describe(",").flags & flag::PUNCT != 0);
    }

    #[test]
    fn headlines_are_noticed() {
        let g = Gazetteer::default();
        let c = CaseTable::default();
        assert!(Sentence::new(&["PUTIN", "CALLS", "RAISI"], &g, &c).all_caps);
        assert!(!Sentence::new(&["Putin", "calls", "Raisi"], &g, &c).all_caps);
    }

    #[test]
    fn case_table_buckets() {
        let a: Vec<&str> = vec!["So", "the", "police", "met", "Putin"];
        let b: Vec<&str> = vec!["And", "the", "police", "saw", "Putin"];
        let t = CaseTable::build([a.as_slice(), b.as_slice()].into_iter());
        assert_eq!(t.get("police"), 1);
        assert_eq!(t.get("Putin"), 5);
        assert_eq!(t.get("met"), 0, "seen once");
    }
}
