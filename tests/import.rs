//! CSV import on both backends: duplicates, the reporting cap, hostile and
//! non-ASCII rows. Each test gets its own fresh database.

mod common;

use chrono::NaiveDate;
use skydesk::{
    domain::{CallerProfile, CentreTime, DefaultRegion, Tier, text},
    store::{
        NewTraveller, Store,
        import::{self, ImportError, ImportReport, MAX_LISTED_PROBLEMS, ProblemKind},
        seed,
    },
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date")
}

fn csv(rows: &[String]) -> Vec<u8> {
    let mut file = import::COLUMNS.join(",");
    for row in rows {
        file.push('\n');
        file.push_str(row);
    }
    file.push('\n');
    file.into_bytes()
}

async fn import(store: &dyn Store, file: &[u8]) -> ImportReport {
    import::import_csv(
        store,
        std::io::Cursor::new(file.to_vec()),
        import::RowRules::default(),
        |_| {},
    )
    .await
    .expect("import")
}

async fn lookup(store: &dyn Store, e164: &str) -> Vec<CallerProfile> {
    store
        .profiles_by_phone(
            &skydesk::domain::E164::parse_exact(e164).expect("E.164"),
            today(),
        )
        .await
        .expect("lookup by phone")
}

/// A good row; `n` makes the phone unique.
fn row(ffp: &str, family: &str, n: usize) -> String {
    format!("{ffp},{family},Given,,basic,+86139{n:08},,")
}

fn superseded_lines(report: &ImportReport) -> Vec<u64> {
    report
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Superseded)
        .map(|p| p.line)
        .collect()
}

/// 1. The same number twice (exactly or in another case), within a batch
///    and across batch boundaries: the last row wins, each earlier one is
///    reported by line as superseded, and every other row loads.
async fn duplicates_are_reported_and_the_last_row_wins(store: &dyn Store) {
    // Two travellers stored before the import, one of them repeated in it.
    let before: Vec<NewTraveller> = (1..=2).map(|id| seed::traveller(id, today())).collect();
    store.insert_new_travellers(&before).await.expect("seed");

    let total = 2701;
    let mut rows: Vec<String> = (0..total)
        .map(|i| row(&format!("IM{i:07}"), &format!("Row{i}"), i))
        .collect();
    // Data row i sits on line i + 2.
    rows[10] = row("IM0000003", "Exact", 10); // same batch, exactly
    rows[20] = row("im0000004", "Lower", 20); // same batch, other case
    rows[1001] = row("Im0000998", "Boundary", 1001); // 998 was in the first batch
    rows[2500] = row("IM0000005", "Far", 2500); // two batches later
    rows[2600] = row("iM0000005", "Third", 2600); // and once more
    rows[2700] = row(&before[0].ffp_number.to_lowercase(), "Stored", 2700);
    // A bad row never supersedes a good one.
    rows[1500] = "IM0000006,Bad,Tier,,diamond,,,".to_string();
    let report = import(store, &csv(&rows)).await;

    assert_eq!(
        superseded_lines(&report),
        vec![3 + 2, 4 + 2, 998 + 2, 5 + 2, 2500 + 2],
        "{:#?}",
        report.problems
    );
    let superseded = &report.problems[0];
    assert!(
        superseded.message.contains("IM0000003") && superseded.message.contains("line 12"),
        "{superseded:?}"
    );
    assert_eq!(report.by_kind[&ProblemKind::Superseded], 5);
    assert_eq!(report.by_kind[&ProblemKind::Tier], 1);
    assert_eq!(report.rejected, 6);
    assert_eq!(report.updated, 1, "the traveller stored before");
    // Distinct numbers: 2701 rows, 5 superseded, 1 bad, 1 already stored.
    assert_eq!(report.loaded, total - 5 - 1 - 1);
    assert_eq!(report.loaded + report.updated + report.rejected, total);
    assert_eq!(
        store.traveller_count().await.expect("count"),
        2 + report.loaded as i64
    );

    for (phone_of_row, family) in [
        (10, "Exact"),
        (20, "Lower"),
        (1001, "Boundary"),
        (2600, "Third"),
        (2700, "Stored"),
        (6, "Row6"),
        (2699, "Row2699"),
    ] {
        let found = lookup(store, &format!("+86139{phone_of_row:08}")).await;
        assert_eq!(found.len(), 1, "row {phone_of_row}");
        assert_eq!(found[0].traveller.family_name, family);
    }
    for lost in [3, 4, 998, 5, 2500] {
        assert!(
            lookup(store, &format!("+86139{lost:08}")).await.is_empty(),
            "row {lost} was replaced, and its phones with it"
        );
    }
    let stored = lookup(store, "+8613900002700").await;
    assert_eq!(stored[0].traveller.id, before[0].id, "updated in place");
    assert!(lookup(store, "+8613900001500").await.is_empty());

    // The same file again: nothing new, every kept number updated.
    let again = import(store, &csv(&rows)).await;
    assert_eq!((again.loaded, again.updated), (0, report.loaded + 1));
    assert_eq!(again.problems, report.problems);
}

/// 2. Many bad rows: the first hundred are listed, the rest only counted.
async fn many_bad_rows_are_capped_and_counted_by_kind(store: &dyn Store) {
    let mut rows = Vec::new();
    for i in 0..3000 {
        rows.push(match i % 4 {
            0 => format!("GB{i:07},Name,Given,,diamond,,,"),
            1 => "\u{1b}[2J garbage ; ; ;".to_string(),
            2 => format!("GB{i:07},Name,Given,,basic,not a phone,,"),
            _ => row(&format!("GB{i:07}"), "Good", i),
        });
    }
    let report = import(store, &csv(&rows)).await;
    assert_eq!(report.problems.len(), MAX_LISTED_PROBLEMS);
    assert_eq!(report.rejected, 2250);
    assert_eq!(report.unlisted(), 2250 - MAX_LISTED_PROBLEMS);
    assert_eq!(report.by_kind[&ProblemKind::Tier], 750);
    assert_eq!(report.by_kind[&ProblemKind::Unreadable], 750);
    assert_eq!(report.by_kind[&ProblemKind::Phone], 750);
    assert_eq!(report.by_kind.len(), 3);
    assert_eq!(report.loaded, 750);
    assert_eq!(report.problems[0].line, 2);
    assert_eq!(report.problems[99].line, 2 + 132);
    assert_eq!(report.summary(), "loaded 750, updated 0, rejected 2250");
}

/// 3. Hostile and non-ASCII text: what is a name loads verbatim, what could
///    drive a terminal is refused by line, and the store is unharmed.
async fn hostile_and_non_ascii_rows(store: &dyn Store) {
    let rows = vec![
        // Loaded.
        "HX0000001,\"Robert'); DROP TABLE travellers;--\",Bobby,,basic,+8613800139001,,"
            .to_string(),
        "HX0000002,张,伟,张伟,gold,１３８００１３９００２,zhang@例子.中国,1990-01-01".into(),
        "HX0000003,Family👨‍👩‍👧‍👦,Flag🇨🇳,👍🏽,silver,+8613800139003,,".into(),
        "HX0000004,Ｆｕｌｌ,Ｗｉｄｔｈ,,platinum,１３８ ００１３ ９００４,,".into(),
        "HX0000005,\"O'Neil, \"\"Jr\"\"\",Ann,,basic,+8613800139005,,".into(),
        // Refused.
        "HX0000006,\u{1b}]52;c;aGVsbG8=\u{7},x,,basic,+8613800139006,,".into(),
        "HX0000007,Abc\u{202e}cba,x,,basic,+8613800139007,,".into(),
        "HX0000008,Name,\u{2066}Isolate,,basic,+8613800139008,,".into(),
        "ＨＸ0000009,Wide,Number,,basic,+8613800139009,,".into(),
        "HX0000010,Zero\u{0},Byte,,basic,+8613800139010,,".into(),
        format!("HX0000011,{},x,,basic,+8613800139011,,", "长".repeat(201)),
        format!(
            "HX0000012,x,x,,basic,+8613800139012,{},",
            "a".repeat(1 << 20)
        ),
        format!("{},x,x,,basic,,,", "A".repeat(33)),
        "HX0000014,x,x,,basic,'; DELETE FROM travellers;--,,".into(),
        "HX0000015,x,x,,gold\u{1b}[0m,+8613800139015,,".into(),
    ];
    let report = import(store, &csv(&rows)).await;
    let refused: Vec<(u64, ProblemKind)> =
        report.problems.iter().map(|p| (p.line, p.kind)).collect();
    assert_eq!(
        refused,
        vec![
            (7, ProblemKind::ControlCharacters),
            (8, ProblemKind::ControlCharacters),
            (9, ProblemKind::ControlCharacters),
            (10, ProblemKind::FfpNumber),
            (11, ProblemKind::ControlCharacters),
            (12, ProblemKind::TooLong),
            (13, ProblemKind::TooLong),
            (14, ProblemKind::FfpNumber),
            (15, ProblemKind::Phone),
            (16, ProblemKind::ControlCharacters),
        ],
        "{:#?}",
        report.problems
    );
    for p in &report.problems {
        assert_eq!(text::clean(&p.message), p.message, "line {}", p.line);
        assert!(p.message.chars().count() <= 400, "line {}", p.line);
    }
    assert_eq!(report.loaded, 5);
    assert_eq!(store.traveller_count().await.expect("count"), 5);

    let bobby = lookup(store, "+8613800139001").await;
    assert_eq!(
        bobby[0].traveller.family_name,
        "Robert'); DROP TABLE travellers;--"
    );
    let zhang = lookup(store, "+8613800139002").await;
    assert_eq!(
        (
            zhang[0].traveller.native_name.as_deref(),
            zhang[0].traveller.tier
        ),
        (Some("张伟"), Tier::Gold)
    );
    let family = lookup(store, "+8613800139003").await;
    assert_eq!(family[0].traveller.family_name, "Family👨‍👩‍👧‍👦");
    assert_eq!(family[0].traveller.given_name, "Flag🇨🇳");
    let wide = lookup(store, "+8613800139004").await;
    assert_eq!(wide[0].traveller.family_name, "Ｆｕｌｌ");
    let quoted = lookup(store, "+8613800139005").await;
    assert_eq!(quoted[0].traveller.family_name, "O'Neil, \"Jr\"");
}

/// 4. Empty, header-only, BOM and CRLF files.
async fn empty_header_only_bom_and_crlf_files(store: &dyn Store) {
    let empty = import::import_csv(store, &b""[..], import::RowRules::default(), |_| {}).await;
    assert!(matches!(empty, Err(ImportError::NoHeader)), "{empty:?}");
    let blank = import::import_csv(store, &b"\n\n"[..], import::RowRules::default(), |_| {}).await;
    assert!(
        matches!(
            blank,
            Err(ImportError::NoHeader | ImportError::BadHeader { .. })
        ),
        "{blank:?}"
    );
    let header_only = import(store, &csv(&[])).await;
    assert_eq!(header_only, ImportReport::default());
    assert_eq!(header_only.summary(), "loaded 0, updated 0, rejected 0");

    let file = format!(
        "\u{feff}{}\r\n{}\r\n{}\r\n",
        import::COLUMNS.join(","),
        row("BM0000001", "Crlf", 1),
        row("BM0000002", "Crlf", 2)
    );
    let report = import(store, file.as_bytes()).await;
    assert_eq!((report.loaded, report.rejected), (2, 0), "{report:?}");
    assert_eq!(
        lookup(store, "+8613900000002").await[0]
            .traveller
            .family_name,
        "Crlf"
    );
}

/// 5. A stray quote between 1,000 and 10,000 good rows costs only its own
///    line: every row after it loads, and the counts add up to the rows.
async fn a_stray_quote_costs_only_its_own_line(store: &dyn Store) {
    let mut rows: Vec<String> = (0..1000)
        .map(|i| row(&format!("SQ{i:07}"), "Before", i))
        .collect();
    rows.push("SQ9999999,\"Broken,Given,,basic,+8613812345678,,".into());
    rows.extend((1000..11_000).map(|i| row(&format!("SQ{i:07}"), "After", i)));
    let report = import(store, &csv(&rows)).await;

    assert_eq!(report.summary(), "loaded 11000, updated 0, rejected 1");
    assert_eq!(report.loaded + report.updated + report.rejected, rows.len());
    let lost = &report.problems[0];
    assert_eq!((lost.line, lost.kind), (1002, ProblemKind::Unreadable));
    assert!(lost.message.contains("quote"), "{lost:?}");
    assert_eq!(store.traveller_count().await.expect("count"), 11_000);
    let last = lookup(store, "+8613900010999").await;
    assert_eq!(last[0].traveller.family_name, "After");
    assert!(lookup(store, "+8613812345678").await.is_empty());
}

/// 6. A quoted field that spans lines is one field (its line breaks read as
///    spaces); a stray quote on the last line is reported by its number.
async fn quoted_fields_span_lines_and_a_last_line_quote_is_reported(store: &dyn Store) {
    let rows = vec![
        "ML0000001,\"Van der\nBerg\",Anna,,gold,\"+8613900000001;\r\n+8613900000011\",,"
            .to_string(),
        row("ML0000002", "Next", 2),
        "ML0000003,\"Open,Ann,,basic,+8613900000003,,".into(),
    ];
    let report = import(store, &csv(&rows)).await;

    assert_eq!(report.summary(), "loaded 2, updated 0, rejected 1");
    let lost = &report.problems[0];
    assert_eq!((lost.line, lost.kind), (6, ProblemKind::Unreadable));
    let wrapped = lookup(store, "+8613900000011").await;
    assert_eq!(wrapped[0].traveller.family_name, "Van der Berg");
    assert_eq!(lookup(store, "+8613900000002").await.len(), 1);
}

/// 8. "Not in the future" is the centre's date: at 01:30 in Beijing on
///    the second of January 2030 (still the first in UTC), a birth that
///    day is taken; a centre in UTC refuses it as out of range.
async fn a_birth_date_today_is_today_in_the_centre(store: &dyn Store) {
    let at = chrono::DateTime::parse_from_rfc3339("2030-01-01T17:30:00Z")
        .expect("an instant")
        .to_utc();
    let file = csv(&["BORN1,Li,Wei,,basic,+8613900000101,,2030-01-02".to_string()]);
    let beijing = CentreTime::parse("Asia/Shanghai").expect("a zone");
    let utc = import::import_csv(
        store,
        std::io::Cursor::new(file.clone()),
        import::RowRules::at(DefaultRegion::default(), CentreTime::UTC, at),
        |_| {},
    )
    .await
    .expect("import");
    assert_eq!((utc.loaded, utc.rejected), (0, 1), "{utc:?}");
    assert_eq!(utc.problems[0].kind, ProblemKind::BirthDate);
    let centre = import::import_csv(
        store,
        std::io::Cursor::new(file.clone()),
        import::RowRules::at(DefaultRegion::default(), beijing, at),
        |_| {},
    )
    .await
    .expect("import");
    assert_eq!((centre.loaded, centre.rejected), (1, 0), "{centre:?}");
}

// ---------------------------------------------------------------------------
// One test per case per backend: `sqlite::case` and `postgres::case`.

macro_rules! import_suite {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $case() {
                    crate::common::with_store(crate::common::Backend::Sqlite, |store| async move {
                        super::$case(store.as_ref()).await
                    })
                    .await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test]
                async fn $case() {
                    crate::common::with_store(crate::common::Backend::Postgres, |store| async move {
                        super::$case(store.as_ref()).await
                    })
                    .await;
                }
            )*
        }
    };
}

import_suite!(
    a_birth_date_today_is_today_in_the_centre,
    duplicates_are_reported_and_the_last_row_wins,
    many_bad_rows_are_capped_and_counted_by_kind,
    hostile_and_non_ascii_rows,
    empty_header_only_bom_and_crlf_files,
    a_stray_quote_costs_only_its_own_line,
    quoted_fields_span_lines_and_a_last_line_quote_is_reported,
);
