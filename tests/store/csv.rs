//! CSV import from the loyalty system: bad rows reported, good rows loaded.

use super::fixtures::*;

/// One CSV line, and what the import should make of it.
struct Row {
    text: String,
    /// Words the rejection message must contain; None for a good row.
    rejected_for: Option<&'static [&'static str]>,
}

fn good(text: &str) -> Row {
    Row {
        text: text.into(),
        rejected_for: None,
    }
}

fn bad(text: impl Into<String>, words: &'static [&'static str]) -> Row {
    Row {
        text: text.into(),
        rejected_for: Some(words),
    }
}

/// `file` imported under the default rules.
async fn import_file(store: &dyn Store, file: &[u8]) -> Result<import::ImportReport, ImportError> {
    let input = std::io::Cursor::new(file.to_vec());
    import::import_csv(store, input, import::RowRules::default(), |_| {}).await
}

fn csv_file(rows: &[Row]) -> Vec<u8> {
    let mut file = import::COLUMNS.join(",");
    for row in rows {
        file.push('\n');
        file.push_str(&row.text);
    }
    file.push('\n');
    file.into_bytes()
}

/// 10. A CSV with good and bad rows loads the good ones and reports each
///     bad one by line with the reason.
pub async fn csv_import_reports_bad_rows(store: &dyn Store) {
    let rows = vec![
        good(
            "CA100000001,Zhang,Wei,张伟,gold,+86 138 0013 8001;+852 9123 4567,\
             zhang.wei@example.com,1980-05-17",
        ),
        bad(
            "CA100000002,Li,Na,,diamond,+8613800138002,,",
            &["tier", "diamond"],
        ),
        bad("CA100000003,Wang,Fang,,silver,call me,,", &["phone"]),
        bad(
            format!("CA100000004,Liu,Yang,,basic,{},,", "9".repeat(200)),
            &["phone", "too long"],
        ),
        bad(
            "CA100000005,\u{1b}[31mRed,Alert,,basic,,,",
            &["family_name", "control"],
        ),
        bad(
            "CA100000006,Ev\u{202e}li,Name,,basic,,,",
            &["family_name", "bidi"],
        ),
        bad(
            "CA100000007,Short,Row,,basic,+8613800138007",
            &["8 fields", "6"],
        ),
        bad("CA100000008,Liu,Yang,,gold,,,1980-13-45", &["birth_date"]),
        bad(",Chen,Jie,,basic,,,", &["ffp_number"]),
        bad(
            format!("CA100000010,{},Big,,basic,,,", "x".repeat(10 * 1024)),
            &["family_name", "longer"],
        ),
        good("CA100000011,Wang,Fang,王芳,platinum,１３８００１３８０００,,"),
        good("ca100000012,O'Brien,Siobhán,,silver,+44 7911 123456,siobhan@example.com,"),
        // A quoted field spanning two lines loads (its line break read as
        // a space), and later line numbers count both lines.
        good("CA100000013,\"Multi\nLine\",Name,,basic,,,"),
        bad("CA100000014,Zhou,Jun,,gold!,,,", &["tier"]),
        bad(
            "CA100000015,Xu,Tao,,basic,\u{1b}[2J13800138015,,",
            &["phone"],
        ),
    ];
    let file = csv_file(&rows);
    let report = import_file(store, &file).await.expect("import");

    let mut expected = Vec::new();
    let mut line = 2u64;
    for row in &rows {
        if let Some(words) = row.rejected_for {
            expected.push((line, words));
        }
        line += 1 + row.text.matches('\n').count() as u64;
    }
    assert_eq!(report.loaded, 4, "rejected: {:#?}", report.problems);
    let lines: Vec<u64> = report.problems.iter().map(|r| r.line).collect();
    let expected_lines: Vec<u64> = expected.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, expected_lines, "rejected: {:#?}", report.problems);
    for (rejection, (_, words)) in report.problems.iter().zip(&expected) {
        for word in *words {
            assert!(
                rejection.message.contains(word),
                "line {}: {:?} should mention {word:?}",
                rejection.line,
                rejection.message
            );
        }
        // Messages are shown on a terminal: nothing in them may drive it.
        assert_eq!(
            text::clean(&rejection.message),
            rejection.message,
            "line {}",
            rejection.line
        );
        assert!(
            rejection.message.chars().count() <= 400,
            "line {}",
            rejection.line
        );
    }

    let zhang = lookup(store, "+8613800138001").await;
    assert_eq!(zhang.len(), 1);
    let t = &zhang[0].traveller;
    assert_eq!(
        (
            t.ffp_number.as_str(),
            t.family_name.as_str(),
            t.native_name.as_deref(),
            t.tier
        ),
        ("CA100000001", "Zhang", Some("张伟"), Tier::Gold)
    );
    assert_eq!(t.birth_date, NaiveDate::from_ymd_opt(1980, 5, 17));
    assert_eq!(t.email.as_deref(), Some("zhang.wei@example.com"));
    assert_eq!(ids(&lookup(store, "+85291234567").await), vec![t.id]);

    let wang = lookup(store, "+8613800138000").await;
    assert_eq!(wang.len(), 1, "full-width digits normalise");
    assert_eq!(wang[0].traveller.native_name.as_deref(), Some("王芳"));
    assert_eq!(wang[0].traveller.tier, Tier::Platinum);

    let obrien = lookup(store, "+447911123456").await;
    assert_eq!(obrien.len(), 1);
    assert_eq!(obrien[0].traveller.ffp_number, "CA100000012");
    assert_eq!(obrien[0].traveller.given_name, "Siobhán");

    assert!(lookup(store, "+8613800138002").await.is_empty());

    // Importing the same file again updates rather than duplicates.
    let again = import_file(store, &file).await.expect("second import");
    assert_eq!((again.loaded, again.updated), (0, 4));
    assert_eq!(again.problems, report.problems);
    assert_eq!(store.traveller_count().await.expect("count"), 4);
}

/// 10b. A header that is not ours is refused before anything loads.
pub async fn csv_import_refuses_a_wrong_header(store: &dyn Store) {
    let file = "ffp,family,given\nCA1,Zhang,Wei\n";
    match import_file(store, file.as_bytes()).await {
        Err(ImportError::BadHeader { expected, found }) => {
            assert_eq!(expected, import::COLUMNS.join(","));
            assert_eq!(found, "ffp,family,given");
        }
        other => panic!("expected BadHeader, got {other:?}"),
    }
    assert_eq!(store.traveller_count().await.expect("count"), 0);
}

/// 10c. An empty file is an error, not a panic; a header alone loads nothing.
pub async fn csv_import_of_an_empty_file(store: &dyn Store) {
    let result = import_file(store, b"").await;
    assert!(
        matches!(result, Err(ImportError::NoHeader)),
        "empty file gave {result:?}"
    );
    let header_only = csv_file(&[]);
    let report = import_file(store, &header_only).await.expect("header only");
    assert_eq!(report, import::ImportReport::default());
}

/// 10d. A row that is not UTF-8 is rejected alone.
pub async fn csv_import_rejects_a_non_utf8_row(store: &dyn Store) {
    let mut file = csv_file(&[good("CA200000001,Zhang,Wei,,gold,+8613800138101,,")]);
    file.extend_from_slice(b"CA200000002,Bad\xff\xfeName,Wei,,gold,+8613800138102,,\n");
    file.extend_from_slice("CA200000003,Li,Na,李娜,silver,+8613800138103,,\n".as_bytes());
    let report = import_file(store, &file).await.expect("import");
    assert_eq!(report.loaded, 2);
    assert_eq!(report.rejected, 1, "{:?}", report.problems);
    assert_eq!(report.problems[0].line, 3);
    assert!(report.problems[0].message.contains("UTF-8"));
    assert_eq!(lookup(store, "+8613800138101").await.len(), 1);
    assert!(lookup(store, "+8613800138102").await.is_empty());
    assert_eq!(lookup(store, "+8613800138103").await.len(), 1);
}
