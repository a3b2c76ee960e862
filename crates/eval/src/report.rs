//! A task's report: a table of metrics beside reference figures, and gates.

use std::fmt::Write;

/// One metric: our figure and, where one is published, a reference figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub metric: String,
    pub ours: String,
    /// `"86.9 (Stanford CRF)"`, or `None` where nothing comparable is published.
    pub reference: Option<String>,
}

/// A pass/fail check the CI runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    pub name: String,
    pub passed: bool,
    pub detail: String,
}

/// What one evaluation run found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub task: String,
    pub dataset: String,
    pub rows: Vec<Row>,
    pub gates: Vec<Gate>,
    /// Per-item lines shown under the table (mismatches first).
    pub notes: Vec<String>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.gates.iter().all(|g| g.passed)
    }

    /// The report as an aligned text table.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "eval {} on {}", self.task, self.dataset);
        let w = self
            .rows
            .iter()
            .map(|r| r.metric.chars().count())
            .max()
            .unwrap_or(6)
            .max(6);
        let o = self
            .rows
            .iter()
            .map(|r| r.ours.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let _ = writeln!(out, "  {:<w$}  {:>o$}  reference", "metric", "ours");
        for r in &self.rows {
            let _ = writeln!(
                out,
                "  {:<w$}  {:>o$}  {}",
                r.metric,
                r.ours,
                r.reference.as_deref().unwrap_or("-")
            );
        }
        for n in &self.notes {
            let _ = writeln!(out, "  {n}");
        }
        for g in &self.gates {
            let _ = writeln!(
                out,
                "gate {}: {} ({})",
                g.name,
                if g.passed { "PASS" } else { "FAIL" },
                g.detail
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_gates() {
        let report = Report {
            task: "t".into(),
            dataset: "d".into(),
            rows: vec![Row {
                metric: "F1".into(),
                ours: "90.0".into(),
                reference: Some("86.9 (Stanford CRF)".into()),
            }],
            gates: vec![Gate {
                name: "f1".into(),
                passed: false,
                detail: "90.0 < 95".into(),
            }],
            notes: vec![],
        };
        let text = report.render();
        let line = text.lines().find(|l| l.contains("F1")).unwrap();
        assert!(
            line.contains("90.0") && line.ends_with("86.9 (Stanford CRF)"),
            "{text}"
        );
        assert!(text.contains("gate f1: FAIL"));
        assert!(!report.passed());
    }
}
