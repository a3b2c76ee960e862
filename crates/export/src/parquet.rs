//! The `parquet` export: the columns of the CSV table ([`crate::table::COLUMNS`])
//! typed — dates as `DATE` (Arrow `Date32`), counts as `INT64`, `quad_class` as
//! `INT32`, `goldstein` as `DOUBLE`, flags as `BOOLEAN`, text as nullable UTF-8
//! strings, `mentions` and `date_conflicts` as JSON text. Snappy-compressed;
//! the file's key-value metadata holds `sitrep.export_version`.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, Int64Array, RecordBatch,
    StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use jiff::civil::Date;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::table::{rows, Row, COLUMNS};
use crate::{Dataset, Result, EXPORT_VERSION};

/// The Arrow type of a column and whether it may be null.
fn column_type(name: &str) -> (DataType, bool) {
    match name {
        "date" | "first_report" | "last_report" => (DataType::Date32, true),
        "quad_class" => (DataType::Int32, true),
        "goldstein" => (DataType::Float64, true),
        "mutual" | "historical" => (DataType::Boolean, false),
        "num_mentions" | "num_sources" | "num_independent" | "num_articles" => {
            (DataType::Int64, false)
        }
        "event_id" | "story" | "event_type" | "cameo" | "cameo_label" | "source_actor_id"
        | "source_name" | "source_text" | "target_actor_id" | "target_name" | "target_text"
        | "mentions" => (DataType::Utf8, false),
        _ => (DataType::Utf8, true),
    }
}

/// The Arrow schema of the table.
pub fn schema() -> Schema {
    let fields: Vec<Field> = COLUMNS
        .iter()
        .map(|name| {
            let (ty, nullable) = column_type(name);
            Field::new(*name, ty, nullable)
        })
        .collect();
    Schema::new(fields).with_metadata(HashMap::from([(
        "sitrep.export_version".to_string(),
        EXPORT_VERSION.to_string(),
    )]))
}

/// Days from 1970-01-01 (the proleptic Gregorian calendar).
pub fn days_since_epoch(d: Date) -> i32 {
    let (y, m, day) = (
        i32::from(d.year()),
        i32::from(d.month()),
        i32::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// One column's values, by name, over every row.
fn column<'r>(name: &str, rows: &'r [Row<'r>]) -> ArrayRef {
    let text = |f: &dyn Fn(&'r Row<'r>) -> Option<&'r str>| -> ArrayRef {
        Arc::new(rows.iter().map(f).collect::<StringArray>())
    };
    let date = |f: &dyn Fn(&'r Row<'r>) -> Option<Date>| -> ArrayRef {
        Arc::new(
            rows.iter()
                .map(|r| f(r).map(days_since_epoch))
                .collect::<Date32Array>(),
        )
    };
    let int = |f: &dyn Fn(&'r Row<'r>) -> usize| -> ArrayRef {
        Arc::new(
            rows.iter()
                .map(|r| Some(count(f(r))))
                .collect::<Int64Array>(),
        )
    };
    let flag = |f: &dyn Fn(&'r Row<'r>) -> bool| -> ArrayRef {
        Arc::new(rows.iter().map(|r| Some(f(r))).collect::<BooleanArray>())
    };
    match name {
        "event_id" => text(&|r| Some(r.event_id)),
        "story" => text(&|r| Some(r.story)),
        "date" => date(&|r| r.date),
        "date_basis" => text(&|r| r.date_basis),
        "event_type" => text(&|r| Some(r.event_type)),
        "event_mode" => text(&|r| r.event_mode),
        "cameo" => text(&|r| Some(r.cameo)),
        "cameo_label" => text(&|r| Some(r.cameo_label)),
        "cameo_root" => text(&|r| r.cameo_root),
        "quad_class" => Arc::new(
            rows.iter()
                .map(|r| r.quad_class.map(i32::from))
                .collect::<Int32Array>(),
        ),
        "goldstein" => Arc::new(rows.iter().map(|r| r.goldstein).collect::<Float64Array>()),
        "source_actor_id" => text(&|r| Some(r.source.actor_id)),
        "source_name" => text(&|r| Some(r.source.name)),
        "source_text" => text(&|r| Some(r.source.text)),
        "source_country" => text(&|r| r.source.country),
        "source_sector" => text(&|r| r.source.sector),
        "source_cameo" => text(&|r| r.source.cameo),
        "target_actor_id" => text(&|r| Some(r.target.actor_id)),
        "target_name" => text(&|r| Some(r.target.name)),
        "target_text" => text(&|r| Some(r.target.text)),
        "target_country" => text(&|r| r.target.country),
        "target_sector" => text(&|r| r.target.sector),
        "target_cameo" => text(&|r| r.target.cameo),
        "mutual" => flag(&|r| r.mutual),
        "historical" => flag(&|r| r.historical),
        "num_mentions" => int(&|r| r.num_mentions),
        "num_sources" => int(&|r| r.num_sources),
        "num_independent" => int(&|r| r.num_independent),
        "num_articles" => int(&|r| r.num_articles),
        "first_report" => date(&|r| r.first_report),
        "last_report" => date(&|r| r.last_report),
        "source_url" => text(&|r| r.source_url.as_deref()),
        "date_conflicts" => text(&|r| r.date_conflicts.as_deref()),
        "mentions" => text(&|r| Some(r.mentions.as_str())),
        // Every name of COLUMNS is matched above; an unknown one is all null.
        _ => text(&|_| None),
    }
}

/// The table as one Arrow record batch.
pub fn record_batch(data: &Dataset) -> Result<RecordBatch> {
    let rows = rows(data)?;
    let columns: Vec<ArrayRef> = COLUMNS.iter().map(|name| column(name, &rows)).collect();
    Ok(RecordBatch::try_new(Arc::new(schema()), columns)?)
}

/// Writes the Parquet file (one row group); returns the number of rows.
pub fn write_parquet<W: Write + Send>(data: &Dataset, w: W) -> Result<usize> {
    let batch = record_batch(data)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata(Some(vec![KeyValue::new(
            "sitrep.export_version".to_string(),
            EXPORT_VERSION.to_string(),
        )]))
        .build();
    let mut writer = ArrowWriter::try_new(w, batch.schema(), Some(props))?;
    if batch.num_rows() > 0 {
        writer.write(&batch)?;
    }
    writer.close()?;
    Ok(batch.num_rows())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_matches_known_days() {
        assert_eq!(days_since_epoch(jiff::civil::date(1970, 1, 1)), 0);
        assert_eq!(days_since_epoch(jiff::civil::date(2023, 10, 16)), 19_646);
        assert_eq!(days_since_epoch(jiff::civil::date(1969, 12, 31)), -1);
        assert_eq!(days_since_epoch(jiff::civil::date(2000, 3, 1)), 11_017);
    }

    #[test]
    fn schema_types_every_column() {
        let s = schema();
        assert_eq!(s.fields().len(), COLUMNS.len());
        assert_eq!(s.field(2).data_type(), &DataType::Date32);
        assert_eq!(
            s.field_with_name("num_sources")
                .map(|f| f.data_type().clone())
                .ok(),
            Some(DataType::Int64)
        );
    }
}
