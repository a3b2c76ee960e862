//! The model file: gzip of a small binary format.
//!
//! ```text
//! "SITREPTG" u32 version=1  u64 gazetteer fingerprint  u32 models=4
//! per model: u32 n_classes, each class u16 len + UTF-8 bytes,
//!            f32 scale, u32 n_features, then per feature (sorted by hash):
//!            u64 hash, n_classes × i16 weight (weight = i16 × scale)
//! then the case table: u32 n, n × (u64 word hash, u8 bucket)
//! ```
//! All integers little-endian.

use std::io::{Read, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::features::CaseTable;
use crate::perceptron::{Model, Table, MAX_CLASSES};
use crate::{Error, Result};

const MAGIC: &[u8; 8] = b"SITREPTG";
const VERSION: u32 = 2;
/// Part of speech, chunks, entities pass 1 and pass 2.
const MODELS: usize = 4;

fn write_model(out: &mut Vec<u8>, m: &Model) {
    let n = m.n_classes();
    out.extend((n as u32).to_le_bytes());
    for c in &m.classes {
        out.extend((c.len() as u16).to_le_bytes());
        out.extend(c.as_bytes());
    }
    out.extend(m.scale.to_le_bytes());
    let rows = m.table.sorted();
    out.extend((rows.len() as u32).to_le_bytes());
    for (hash, row) in rows {
        out.extend(hash.to_le_bytes());
        for w in row {
            out.extend(w.to_le_bytes());
        }
    }
}

pub(crate) fn write(
    models: [&Model; MODELS],
    case: &CaseTable,
    fingerprint: u64,
) -> Result<Vec<u8>> {
    let mut raw = Vec::new();
    raw.extend(MAGIC);
    raw.extend(VERSION.to_le_bytes());
    raw.extend(fingerprint.to_le_bytes());
    raw.extend((MODELS as u32).to_le_bytes());
    for m in models {
        write_model(&mut raw, m);
    }
    let mut buckets: Vec<(u64, u8)> = case.buckets.iter().map(|(&k, &v)| (k, v)).collect();
    buckets.sort_unstable();
    raw.extend((buckets.len() as u32).to_le_bytes());
    for (k, v) in buckets {
        raw.extend(k.to_le_bytes());
        raw.push(v);
    }
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(&raw)?;
    Ok(enc.finish()?)
}

struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| Error::Model("truncated".into()))?;
        let s = &self.buf[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

fn read_model(r: &mut Reader) -> Result<Model> {
    let n = r.u32()? as usize;
    if n == 0 || n > MAX_CLASSES {
        return Err(Error::Model(format!("bad class count {n}")));
    }
    let mut classes = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.u16()? as usize;
        let s = std::str::from_utf8(r.take(len)?)
            .map_err(|_| Error::Model("class name is not UTF-8".into()))?;
        classes.push(s.to_string());
    }
    let scale = f32::from_bits(r.u32()?);
    let nf = r.u32()? as usize;
    let row_bytes = 8 + 2 * n;
    if nf.saturating_mul(row_bytes) > r.buf.len() - r.at {
        return Err(Error::Model("truncated feature table".into()));
    }
    let mut table = Table::new(n, nf);
    let mut row = vec![0i16; n];
    for _ in 0..nf {
        let hash = r.u64()?;
        let b = r.take(2 * n)?;
        for (w, p) in row.iter_mut().zip(b.chunks_exact(2)) {
            *w = i16::from_le_bytes([p[0], p[1]]);
        }
        table.insert(hash, &row);
    }
    if !(scale.is_finite() && scale > 0.0) {
        return Err(Error::Model(format!("bad weight scale {scale}")));
    }
    Ok(Model {
        classes,
        table,
        scale,
    })
}

pub(crate) fn read(gz: &[u8]) -> Result<(Model, Model, Model, Model, CaseTable, u64)> {
    let mut raw = Vec::new();
    GzDecoder::new(gz)
        .read_to_end(&mut raw)
        .map_err(|e| Error::Model(format!("not a gzip model file: {e}")))?;
    let mut r = Reader { buf: &raw, at: 0 };
    if r.take(8)? != MAGIC {
        return Err(Error::Model("not a sitrep tagger model".into()));
    }
    let version = r.u32()?;
    if version != VERSION {
        return Err(Error::Model(format!("unsupported model version {version}")));
    }
    let fingerprint = r.u64()?;
    if r.u32()? != MODELS as u32 {
        return Err(Error::Model(format!("expected {MODELS} models")));
    }
    let pos = read_model(&mut r)?;
    let chunk = read_model(&mut r)?;
    let ner = read_model(&mut r)?;
    let ner2 = read_model(&mut r)?;
    let nc = r.u32()? as usize;
    if nc.saturating_mul(9) > r.buf.len() - r.at {
        return Err(Error::Model("truncated case table".into()));
    }
    let mut case = CaseTable::default();
    case.buckets.reserve(nc);
    for _ in 0..nc {
        let k = r.u64()?;
        let v = r.take(1)?[0];
        case.buckets.insert(k, v);
    }
    Ok((pos, chunk, ner, ner2, case, fingerprint))
}
