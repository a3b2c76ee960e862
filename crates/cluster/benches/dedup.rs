//! Articles per second through the near-duplicate stage, all cores:
//! `cargo bench -p sitrep-cluster --bench dedup` (1,000,000 articles; set
//! `SITREP_DEDUP_ARTICLES` or pass a number to change it;
//! `SITREP_DEDUP_SCHEME=permutations` times the classic 128-permutation
//! MinHash instead of one-permutation hashing).
//!
//! The articles are generated from a fixed seed: a vocabulary of 5,000
//! invented words drawn with a Zipf-like law (a few very common words, a long
//! tail), 150–400 words per article in sentences of 8–24 words, a headline
//! line, paragraphs of three sentences. One article in ten is a lightly
//! edited copy of an earlier original (a planted family): one to four words
//! changed, a sentence dropped (four times in five), a line of 6–14 words
//! added (three times in five), the headline rewritten (one time in two).
//!
//! Generation is not timed. The articles are made chunk by chunk (16,384 at
//! a time, as `String`s, then dropped), so a million articles never sit in
//! memory at once; a copy regenerates its original from the original's seed.
//! The timed part is what a caller of the stage does: signatures of the chunk
//! (in parallel), adding them to the index (LSH tags, checks, union–find),
//! and at the end reading the families. Printed: articles/s and MB/s, the
//! time of each step, the precision and recall of the planted families
//! counted over pairs of articles, and peak memory (VmHWM, Linux only).

use std::time::{Duration, Instant};

use sitrep_cluster::dedup::{Dedup, DedupConfig, MinHashScheme};

const VOCABULARY: usize = 5_000;
const CHUNK: usize = 16_384;
const COPY_SHARE: f64 = 0.10;
/// A copy's original is among this many articles before it.
const COPY_WINDOW: usize = 50_000;
const SEED: u64 = 0x5eed_d0c5;

fn main() {
    let n: usize = std::env::var("SITREP_DEDUP_ARTICLES")
        .ok()
        .or_else(|| std::env::args().skip(1).find(|a| !a.starts_with('-')))
        .map(|s| s.replace('_', "").parse().expect("article count"))
        .unwrap_or(1_000_000);
    let gen = Generator::new();
    // Which article is a copy of which original (no text yet).
    let original: Vec<u32> = plan(n);
    let config = match std::env::var("SITREP_DEDUP_SCHEME").as_deref() {
        Ok("permutations") => DedupConfig {
            scheme: MinHashScheme::Permutations,
            ..DedupConfig::default()
        },
        _ => DedupConfig::default(),
    };
    let mut dedup = Dedup::<u32>::new(config.clone()).expect("default config");
    dedup.reserve(n);

    let (mut t_sig, mut t_add) = (Duration::ZERO, Duration::ZERO);
    let (mut bytes, mut words) = (0usize, 0usize);
    for start in (0..n).step_by(CHUNK) {
        let end = (start + CHUNK).min(n);
        let texts: Vec<String> = (start..end)
            .map(|i| gen.render(&gen.article(i as u32, original[i])))
            .collect();
        bytes += texts.iter().map(String::len).sum::<usize>();
        words += texts
            .iter()
            .map(|t| t.split_whitespace().count())
            .sum::<usize>();

        let t = Instant::now();
        let signatures = dedup.signatures(&texts);
        t_sig += t.elapsed();
        let t = Instant::now();
        for (i, s) in (start..end).zip(&signatures) {
            dedup.add(i as u32, s).expect("signature of this index");
        }
        t_add += t.elapsed();
    }
    let t = Instant::now();
    let families = dedup.families();
    let t_fam = t.elapsed();
    let total = t_sig + t_add + t_fam;

    let (precision, recall) = pair_scores(&families, &original);
    let above = recall_above_threshold(&gen, &original, &dedup, config.threshold);
    let copies = original
        .iter()
        .enumerate()
        .filter(|&(i, &o)| o as usize != i)
        .count();
    let secs = total.as_secs_f64();
    println!(
        "dedup: {n} articles ({copies} planted copies), {:.0} words and {:.1} KB each on average; {:?}",
        words as f64 / n as f64,
        bytes as f64 / n as f64 / 1e3,
        config.scheme
    );
    println!(
        "dedup: {:.0} articles/s, {:.1} MB/s on {} threads ({:.2} s: signatures {:.2} s, index {:.2} s, families {:.2} s)",
        n as f64 / secs,
        bytes as f64 / secs / 1e6,
        rayon::current_num_threads(),
        secs,
        t_sig.as_secs_f64(),
        t_add.as_secs_f64(),
        t_fam.as_secs_f64()
    );
    println!(
        "dedup: {} families; planted families over pairs: precision {precision:.4}, recall {recall:.4}; {above}",
        families.len()
    );
    println!("dedup: peak memory (VmHWM) {}", peak_memory());
}

/// `original[i]`: the article `i` is a copy of, or `i` itself.
fn plan(n: usize) -> Vec<u32> {
    let mut original = Vec::with_capacity(n);
    for i in 0..n {
        let mut rng = Rng::new(SEED ^ 0xC0FF_EE00 ^ (i as u64).wrapping_mul(0x9E37_79B9));
        let o = if i > 0 && rng.unit() < COPY_SHARE {
            let back = 1 + rng.below(i.min(COPY_WINDOW) as u64) as usize;
            original[i - back]
        } else {
            i as u32
        };
        original.push(o);
    }
    original
}

/// Pair-counting precision and recall of the found families against the
/// planted ones.
fn pair_scores(families: &[sitrep_cluster::Family<u32>], original: &[u32]) -> (f64, f64) {
    let pairs = |k: u64| k * k.saturating_sub(1) / 2;
    let mut found = vec![0u32; original.len()];
    let mut predicted = 0u64;
    for (f, family) in families.iter().enumerate() {
        predicted += pairs(family.members.len() as u64);
        for &m in &family.members {
            found[m as usize] = f as u32;
        }
    }
    let mut planted_sizes = vec![0u64; original.len()];
    for &o in original {
        planted_sizes[o as usize] += 1;
    }
    let truth: u64 = planted_sizes.iter().map(|&k| pairs(k)).sum();
    let mut cells: Vec<(u32, u32)> = (0..original.len())
        .map(|i| (found[i], original[i]))
        .collect();
    cells.sort_unstable();
    let both: u64 = cells
        .chunk_by(|a, b| a == b)
        .map(|c| pairs(c.len() as u64))
        .sum();
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    (ratio(both, predicted), ratio(both, truth))
}

/// On the first 20,000 copies: how many are within the threshold of their
/// original by true Jaccard of the 5-shingle sets, and how many of those
/// were found.
fn recall_above_threshold(
    gen: &Generator,
    original: &[u32],
    dedup: &Dedup<u32>,
    threshold: f64,
) -> String {
    let (mut sampled, mut above, mut found) = (0, 0, 0);
    for (i, &o) in original.iter().enumerate() {
        if o as usize == i {
            continue;
        }
        sampled += 1;
        if sampled > 20_000 {
            break;
        }
        let a = shingles(&gen.article(o, o));
        let b = shingles(&gen.article(i as u32, o));
        let inter = a.iter().filter(|s| b.binary_search(s).is_ok()).count();
        let jaccard = inter as f64 / (a.len() + b.len() - inter) as f64;
        if jaccard >= threshold {
            above += 1;
            if dedup.family_of(&(i as u32)) == dedup.family_of(&o) {
                found += 1;
            }
        }
    }
    format!(
        "copy–original pairs with true Jaccard ≥ {threshold}: {:.1} % of those sampled, {:.4} of them found",
        100.0 * f64::from(above) / f64::from(sampled.min(20_000)),
        f64::from(found) / f64::from(above.max(1))
    )
}

/// Sorted distinct 5-word shingles of an article, as word ids.
fn shingles(article: &[Vec<u16>]) -> Vec<[u16; 5]> {
    let words: Vec<u16> = article.iter().flatten().copied().collect();
    let mut s: Vec<[u16; 5]> = words
        .windows(5)
        .map(|w| [w[0], w[1], w[2], w[3], w[4]])
        .collect();
    s.sort_unstable();
    s.dedup();
    s
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "n/a".to_string())
}

struct Generator {
    vocabulary: Vec<String>,
}

impl Generator {
    fn new() -> Self {
        const SYLLABLES: &[&str] = &[
            "ka", "lo", "mer", "ta", "ri", "ven", "so", "dal", "ne", "pra", "gu", "shi", "tor",
            "e", "an", "bel", "cor", "di", "fa", "ho", "im", "ju", "kre", "lum", "mo", "nar", "os",
            "pel", "qui", "rast", "sen", "tu", "ul", "vor", "wen", "xa", "yel", "zo", "in", "ar",
        ];
        let mut seen = std::collections::HashSet::new();
        let mut vocabulary = Vec::with_capacity(VOCABULARY);
        let mut rng = Rng::new(SEED);
        while vocabulary.len() < VOCABULARY {
            // Common words short, rare words long.
            let syllables = 1 + usize::from(vocabulary.len() > 60) + rng.below(3) as usize;
            let w: String = (0..syllables)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize])
                .collect();
            if seen.insert(w.clone()) {
                vocabulary.push(w);
            }
        }
        Generator { vocabulary }
    }

    /// A Zipf-like word id: log-uniform rank.
    fn word(rng: &mut Rng) -> u16 {
        ((VOCABULARY as f64).powf(rng.unit()) as usize - 1).min(VOCABULARY - 1) as u16
    }

    fn sentence(rng: &mut Rng, lo: u64, hi: u64) -> Vec<u16> {
        (0..lo + rng.below(hi - lo + 1))
            .map(|_| Self::word(rng))
            .collect()
    }

    /// Article `i` as sentences of word ids (the first is the headline):
    /// an original when `original == i`, else an edited copy of `original`.
    fn article(&self, i: u32, original: u32) -> Vec<Vec<u16>> {
        let mut rng = Rng::new(SEED ^ u64::from(original).wrapping_mul(0xA24B_AED4_963E_E407));
        let target = 150 + rng.below(251) as usize;
        let mut sentences = vec![Self::sentence(&mut rng, 5, 10)];
        let mut len = 0;
        while len < target {
            let s = Self::sentence(&mut rng, 8, 24);
            len += s.len();
            sentences.push(s);
        }
        if i == original {
            return sentences;
        }
        let mut rng = Rng::new(SEED ^ u64::from(i).wrapping_mul(0x9FB2_1C65_1E98_DF25) ^ 1);
        for _ in 0..1 + rng.below(4) {
            let s = 1 + rng.below(sentences.len() as u64 - 1) as usize;
            let w = rng.below(sentences[s].len() as u64) as usize;
            sentences[s][w] = Self::word(&mut rng);
        }
        if rng.unit() < 0.8 && sentences.len() > 2 {
            let s = 1 + rng.below(sentences.len() as u64 - 1) as usize;
            sentences.remove(s);
        }
        if rng.unit() < 0.6 {
            let at = 1 + rng.below(sentences.len() as u64) as usize;
            sentences.insert(at, Self::sentence(&mut rng, 6, 14));
        }
        if rng.unit() < 0.5 {
            sentences[0] = Self::sentence(&mut rng, 5, 10);
        }
        sentences
    }

    fn render(&self, sentences: &[Vec<u16>]) -> String {
        let mut out = String::with_capacity(sentences.iter().map(Vec::len).sum::<usize>() * 8);
        for (n, s) in sentences.iter().enumerate() {
            for (k, &w) in s.iter().enumerate() {
                let word = &self.vocabulary[usize::from(w)];
                if k == 0 {
                    let mut c = word.chars();
                    out.extend(c.next().map(|c| c.to_ascii_uppercase()));
                    out.push_str(c.as_str());
                } else {
                    out.push(' ');
                    out.push_str(word);
                }
            }
            out.push_str(match n {
                0 => "\n\n",
                n if n % 3 == 0 => ".\n\n",
                _ => ". ",
            });
        }
        out
    }
}

/// SplitMix64: small, seeded, the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}
