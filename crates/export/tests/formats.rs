//! Every export format on the team's small dataset (`common::dataset`).

mod common;

use std::fs::File;

use arrow_array::{Array, BooleanArray, Date32Array, Int64Array, StringArray};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use sitrep_export::gdelt::{self, EVENT_COLUMNS, MENTION_COLUMNS};
use sitrep_export::table::COLUMNS;
use sitrep_export::{
    plover, table, write, write_jsonl, write_to, write_with, Dataset, Error, Format, Options,
};
use sitrep_model::FusedEvent;

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("UTF-8 output")
}

#[test]
fn plover_records_carry_type_date_actors_and_articles() {
    let mut out = Vec::new();
    let n = plover::write_plover(&common::dataset(), &mut out).expect("write");
    assert_eq!(n, 2);
    let lines: Vec<serde_json::Value> = text(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    // Dated first, undated last.
    let meet = &lines[0];
    assert_eq!(meet["event_type"], "CONSULT");
    assert_eq!(meet["event_date"], "2031-03-04");
    assert_eq!(meet["event_mode"], "visit");
    assert_eq!(meet["event_text"], "visited");
    assert_eq!(meet["story"], "story-0002");
    assert_eq!(meet["quad_class"], 1);
    assert_eq!(meet["source_actor"]["actor_id"], "government:XAN");
    assert_eq!(meet["source_actor"]["cameo"], "XANGOV");
    assert_eq!(meet["target_actor"]["name"], "Vela\tMorn");
    assert_eq!(meet["num_sources"], 2);
    assert_eq!(meet["date_conflicts"].as_array().map(Vec::len), Some(2));
    let articles = meet["source_articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["doc_id"], common::DOC_A);
    assert_eq!(articles[0]["outlet"], "Lantern\tWire");
    assert_eq!(articles[0]["url"], "https://lantern.example/visit");
    assert_eq!(articles[0]["sentence_start"], 0);
    assert_eq!(articles[1]["date_basis"], "relative");
    let attack = &lines[1];
    assert_eq!(attack["event_type"], "ASSAULT");
    assert!(attack["event_date"].is_null());
    assert!(attack["location"].is_null());
    assert_eq!(attack["historical"], true);
    assert_eq!(attack["quad_class"], 4);
    assert_eq!(
        attack["source_articles"][0]["link"],
        format!("sitrep://doc/{}#300-380", common::DOC_C)
    );
    // Every record has the same keys.
    let keys = |v: &serde_json::Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
    assert_eq!(keys(meet), keys(attack));
}

#[test]
fn gdelt_event_rows_have_61_columns_in_gdelt_order() {
    let data = common::dataset();
    let mut out = Vec::new();
    assert_eq!(
        gdelt::write_events(&data, &mut out, false).expect("write"),
        2
    );
    let out = text(out);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    let col = |row: &[&str], name: &str| -> String {
        let i = EVENT_COLUMNS
            .iter()
            .position(|c| *c == name)
            .expect("column");
        row[i].to_string()
    };
    for row in &rows {
        assert_eq!(row.len(), 61);
    }
    let meet = &rows[0];
    assert!(col(meet, "GlobalEventID").parse::<i64>().is_ok());
    assert_eq!(col(meet, "Day"), "20310304");
    assert_eq!(col(meet, "MonthYear"), "203103");
    assert_eq!(col(meet, "Year"), "2031");
    assert_eq!(col(meet, "FractionDate"), "2031.1753");
    assert_eq!(col(meet, "Actor1Code"), "XANGOV");
    assert_eq!(col(meet, "Actor1CountryCode"), "XAN");
    assert_eq!(col(meet, "Actor1Type1Code"), "GOV");
    assert_eq!(col(meet, "Actor2Name"), "Vela Morn");
    assert_eq!(col(meet, "IsRootEvent"), "1");
    assert_eq!(col(meet, "EventCode"), "043");
    assert_eq!(col(meet, "EventBaseCode"), "043");
    assert_eq!(col(meet, "EventRootCode"), "04");
    assert_eq!(col(meet, "QuadClass"), "1");
    assert_eq!(col(meet, "GoldsteinScale"), "1.0");
    assert_eq!(col(meet, "NumMentions"), "2");
    assert_eq!(col(meet, "NumSources"), "2");
    assert_eq!(col(meet, "AvgTone"), "");
    assert_eq!(col(meet, "ActionGeo_Lat"), "");
    assert_eq!(col(meet, "DATEADDED"), "20310305000000");
    assert_eq!(col(meet, "SOURCEURL"), "https://lantern.example/visit");
    let attack = &rows[1];
    assert_eq!(col(attack, "Day"), "");
    assert_eq!(col(attack, "IsRootEvent"), "0");
    assert_eq!(col(attack, "EventRootCode"), "19");
    assert_eq!(col(attack, "QuadClass"), "4");
    assert_eq!(col(attack, "GoldsteinScale"), "-10.0");
    assert_eq!(col(attack, "DATEADDED"), "");
    assert_eq!(
        col(attack, "SOURCEURL"),
        format!("sitrep://doc/{}", common::DOC_C)
    );
}

#[test]
fn gdelt_mentions_have_one_row_per_report() {
    let data = common::dataset();
    let mut events = Vec::new();
    gdelt::write_events(&data, &mut events, false).expect("events");
    let events = text(events);
    let mut out = Vec::new();
    assert_eq!(
        gdelt::write_mentions(&data, &mut out, false).expect("write"),
        3
    );
    let out = text(out);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row.len(), MENTION_COLUMNS.len());
    }
    let first_id = events.split('\t').next().expect("id");
    assert_eq!(rows[0][0], first_id);
    assert_eq!(rows[1][0], first_id);
    assert_ne!(rows[2][0], first_id);
    // EventTimeDate, MentionTimeDate, MentionType, source, identifier.
    assert_eq!(
        rows[0][1..6],
        [
            "20310305000000",
            "20310304000000",
            "1",
            "Lantern Wire",
            "https://lantern.example/visit"
        ]
    );
    assert_eq!(rows[1][2], "20310305000000");
    // SentenceID is 1-based; actor offsets only for the first report.
    assert_eq!(rows[0][6..10], ["1", "6", "30", "14"]);
    assert_eq!(rows[1][6..10], ["3", "-1", "-1", "140"]);
    assert_eq!(rows[2][5], format!("sitrep://doc/{}", common::DOC_C));
    assert_eq!(rows[2][2], "");
}

#[test]
fn text_with_tabs_and_line_breaks_stays_in_its_cell() {
    let mut data = common::dataset();
    data.events[1].1.source.name = "Tab\there\nand\r\nthere".into();
    let mut out = Vec::new();
    gdelt::write_events(&data, &mut out, false).expect("write");
    let out = text(out);
    assert_eq!(out.lines().count(), 2);
    assert!(out.contains("\tTab here and  there\t"));
    assert!(out.lines().all(|l| l.split('\t').count() == 61));
}

#[test]
fn gdelt_files_with_header_on_request() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("events.tsv");
    let options = Options { gdelt_header: true };
    let written = write_with(Format::Gdelt, &common::dataset(), &out, &options).expect("write");
    assert_eq!(written.files.len(), 2);
    assert_eq!(
        written.files[1].path,
        dir.path().join("events.mentions.tsv")
    );
    assert_eq!((written.files[0].rows, written.files[1].rows), (2, 3));
    let events = std::fs::read_to_string(&out).expect("events");
    assert_eq!(
        events.lines().next(),
        Some(EVENT_COLUMNS.join("\t").as_str())
    );
    let mentions = std::fs::read_to_string(&written.files[1].path).expect("mentions");
    assert_eq!(mentions.lines().count(), 4);
    assert!(mentions.starts_with("GlobalEventID\tEventTimeDate\t"));
    // The default has no header.
    write(Format::Gdelt, &common::dataset(), &out).expect("write");
    let events = std::fs::read_to_string(&out).expect("events");
    assert_eq!(events.lines().count(), 2);
    assert!(!events.starts_with("GlobalEventID"));
}

#[test]
fn csv_has_the_header_and_one_row_per_event() {
    let mut out = Vec::new();
    assert_eq!(
        table::write_csv(&common::dataset(), &mut out).expect("write"),
        2
    );
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    let get = |r: &csv::StringRecord, name: &str| -> String {
        let i = COLUMNS.iter().position(|c| *c == name).expect("column");
        r.get(i).unwrap_or("?").to_string()
    };
    assert_eq!(get(&rows[0], "event_id"), "1f2e3d4c5b6a7980");
    assert_eq!(get(&rows[0], "date"), "2031-03-04");
    assert_eq!(get(&rows[0], "quad_class"), "1");
    assert_eq!(get(&rows[0], "goldstein"), "1");
    assert_eq!(get(&rows[0], "mutual"), "true");
    assert_eq!(get(&rows[0], "num_mentions"), "2");
    assert_eq!(get(&rows[0], "target_name"), "Vela\tMorn");
    let mentions: serde_json::Value =
        serde_json::from_str(&get(&rows[0], "mentions")).expect("JSON");
    assert_eq!(mentions[0]["title"], "Xandria hosts\nminister");
    assert_eq!(get(&rows[1], "date"), "");
    assert_eq!(get(&rows[1], "date_conflicts"), "");
    assert_eq!(get(&rows[1], "goldstein"), "-10");
    assert_eq!(
        get(&rows[1], "source_url"),
        format!("sitrep://doc/{}", common::DOC_C)
    );
}

#[test]
fn jsonl_is_the_fused_event_with_its_story() {
    let data = common::dataset();
    let mut out = Vec::new();
    assert_eq!(write_jsonl(&data, &mut out).expect("write"), 2);
    let out = text(out);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("{\"story\":\"story-0002\","));
    let back: FusedEvent = serde_json::from_str(lines[0]).expect("FusedEvent");
    assert_eq!(back, data.events[1].1);
    let back: FusedEvent = serde_json::from_str(lines[1]).expect("FusedEvent");
    assert_eq!(back, data.events[0].1);
}

#[test]
fn parquet_reads_back_with_types_and_values() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("events.parquet");
    let written = write(Format::Parquet, &common::dataset(), &path).expect("write");
    assert_eq!(written.events(), 2);
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&path).expect("open"))
        .expect("parquet")
        .build()
        .expect("reader");
    let batches: Vec<_> = reader.map(|b| b.expect("batch")).collect();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, 2);
    let b = &batches[0];
    assert_eq!(b.num_columns(), COLUMNS.len());
    let dates = b
        .column_by_name("date")
        .and_then(|c| c.as_any().downcast_ref::<Date32Array>())
        .expect("date is Date32");
    assert_eq!(dates.value(0), 22_342); // 2031-03-04
    assert!(dates.is_null(1));
    let types = b
        .column_by_name("event_type")
        .and_then(|c| c.as_any().downcast_ref::<StringArray>())
        .expect("event_type is a string");
    assert_eq!((types.value(0), types.value(1)), ("CONSULT", "ASSAULT"));
    let sources = b
        .column_by_name("num_sources")
        .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
        .expect("num_sources is Int64");
    assert_eq!(sources.value(0), 2);
    let independent = b
        .column_by_name("num_independent")
        .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
        .expect("num_independent is Int64");
    assert_eq!((independent.value(0), independent.value(1)), (1, 1));
    let historical = b
        .column_by_name("historical")
        .and_then(|c| c.as_any().downcast_ref::<BooleanArray>())
        .expect("historical is Boolean");
    assert!(historical.value(1) && !historical.value(0));
    let country = b
        .column_by_name("target_country")
        .and_then(|c| c.as_any().downcast_ref::<StringArray>())
        .expect("target_country is a string");
    assert_eq!(country.value(1), "XAN");
}

#[test]
fn an_empty_dataset_writes_valid_empty_files() {
    let data = Dataset::default();
    let dir = tempfile::tempdir().expect("dir");
    for format in Format::ALL {
        let path = dir.path().join(format!("empty.{}", format.name()));
        let written = write(format, &data, &path).expect("write");
        assert_eq!(written.events(), 0, "{format}");
        for file in &written.files {
            assert_eq!(file.rows, 0);
            assert!(file.path.exists(), "{}", file.path.display());
        }
    }
    let csv = std::fs::read_to_string(dir.path().join("empty.csv")).expect("csv");
    assert_eq!(csv, format!("{}\n", COLUMNS.join(",")));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("empty.plover")).ok(),
        Some(String::new())
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("empty.mentions.tsv")).ok(),
        Some(String::new())
    );
    let file = File::open(dir.path().join("empty.parquet")).expect("open");
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("valid parquet");
    assert_eq!(builder.schema().fields().len(), COLUMNS.len());
    assert_eq!(builder.metadata().file_metadata().num_rows(), 0);
}

#[test]
fn output_is_deterministic_and_independent_of_input_order() {
    let data = common::dataset();
    let mut reversed = data.clone();
    reversed.events.reverse();
    for format in [Format::Plover, Format::Csv, Format::Jsonl, Format::Parquet] {
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        write_to(format, &data, &mut a).expect("a");
        write_to(format, &data, &mut b).expect("b");
        write_to(format, &reversed, &mut c).expect("c");
        assert!(!a.is_empty());
        assert_eq!(a, b, "{format}");
        assert_eq!(a, c, "{format}");
    }
}

#[test]
fn formats_parse_and_errors_name_their_cause() {
    for format in Format::ALL {
        assert_eq!(format.name().parse::<Format>().ok(), Some(format));
    }
    assert_eq!("PARQUET".parse::<Format>().ok(), Some(Format::Parquet));
    assert!(matches!("xml".parse::<Format>(), Err(Error::UnknownFormat(s)) if s == "xml"));
    let err = write_to(Format::Gdelt, &common::dataset(), Vec::new()).expect_err("two files");
    assert!(matches!(err, Error::NotAStream(Format::Gdelt)));
    let dir = tempfile::tempdir().expect("dir");
    let missing = dir.path().join("no/such/dir/events.csv");
    let err = write(Format::Csv, &common::dataset(), &missing).expect_err("no dir");
    assert!(err.to_string().contains("no/such/dir/events.csv"), "{err}");
    assert!(std::fs::read_dir(dir.path()).map(|d| d.count()).ok() == Some(0));
}
