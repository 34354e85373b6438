//! libphonenumber's own example numbers (tests/data/libphonenumber_examples.tsv)
//! in every form a phone system or an agent presents them, normalised with
//! several default regions: each must give the E.164 libphonenumber gives.

use skydesk::domain::{DefaultRegion, phone::normalise};

const TABLE: &str = include_str!("data/libphonenumber_examples.tsv");

struct Example<'a> {
    region: &'a str,
    kind: &'a str,
    national: &'a str,
    e164: &'a str,
}

impl Example<'_> {
    fn country_code(&self) -> &str {
        &self.e164[1..self.e164.len() - self.national.len()]
    }
}

fn examples() -> Vec<Example<'static>> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "malformed row {line:?}");
            Example {
                region: fields[0],
                kind: fields[1],
                national: fields[2],
                e164: fields[3],
            }
        })
        .collect()
}

/// The national number in groups of three, the last group taking the rest.
fn groups(national: &str, separator: &str) -> String {
    let digits: Vec<char> = national.chars().collect();
    let mut chunks: Vec<String> = digits.chunks(3).map(|c| c.iter().collect()).collect();
    if chunks.len() > 1 && chunks.last().is_some_and(|c| c.len() < 3) {
        let tail = chunks.pop().unwrap_or_default();
        if let Some(last) = chunks.last_mut() {
            last.push_str(&tail);
        }
    }
    chunks.join(separator)
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            ' ' => '\u{3000}',
            _ => c,
        })
        .collect()
}

/// Every international form of one example.
fn international_forms(example: &Example) -> Vec<String> {
    let (cc, nsn) = (example.country_code(), example.national);
    let spaced = groups(nsn, " ");
    let (first, rest) = nsn.split_at(nsn.len().min(3));
    vec![
        example.e164.to_string(),
        format!("+{cc} {spaced}"),
        format!("+{cc}-{}", groups(nsn, "-")),
        format!("+{cc}.{}", groups(nsn, ".")),
        format!("(+{cc}) {spaced}"),
        format!("+{cc} ({first}) {rest}"),
        format!("00{cc} {spaced}"),
        full_width(&format!("+{cc} {spaced}")),
        format!("tel:+{cc}-{}", groups(nsn, "-")),
        format!("tel:{nsn};phone-context=+{cc}"),
        format!("TEL:+{cc}{nsn};ext=123"),
        format!("sip:+{cc}{nsn}@pbx.example.com;user=phone"),
        format!("sips:+{cc}-{}@pbx.example.com;user=phone", groups(nsn, "-")),
        format!(" \t+{cc} {spaced}\n "),
    ]
}

/// National forms, for examples of the default region only.
fn national_forms(example: &Example, trunk_prefix: &str) -> Vec<String> {
    let nsn = example.national;
    vec![
        format!("{trunk_prefix}{nsn}"),
        format!("{trunk_prefix}{}", groups(nsn, " ")),
        format!(
            "({trunk_prefix}{}) {}",
            &nsn[..nsn.len().min(2)],
            &nsn[nsn.len().min(2)..]
        ),
        full_width(&format!("{trunk_prefix}{}", groups(nsn, " "))),
        format!("tel:{trunk_prefix}{nsn};phone-context=example.com"),
        format!("  {trunk_prefix}{nsn}  "),
    ]
}

fn region(code: &str) -> DefaultRegion {
    DefaultRegion::parse(code).unwrap_or_else(|| panic!("{code} is a region"))
}

/// Checks every form; returns the failures, one line each.
fn check(forms: &[String], example: &Example, default: &str) -> Vec<String> {
    forms
        .iter()
        .filter_map(|form| {
            let got = normalise(form, region(default));
            (got.as_ref().map(|n| n.as_str()) != Ok(example.e164)).then(|| {
                format!(
                    "{} {} {form:?} (default {default}): {got:?}, want {}",
                    example.region, example.kind, example.e164
                )
            })
        })
        .collect()
}

fn assert_none(failures: Vec<String>, checked: usize) {
    assert!(
        failures.is_empty(),
        "{} of {checked} forms read wrongly:\n{}",
        failures.len(),
        failures
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_table_is_big_and_broad_enough() {
    let all = examples();
    assert!(all.len() >= 300, "{} examples", all.len());
    for region in "CN HK MO TW SG JP KR GB US CA DE FR AU IN AE TH MY RU".split(' ') {
        let kinds: Vec<&str> = all
            .iter()
            .filter(|e| e.region == region)
            .map(|e| e.kind)
            .collect();
        for kind in ["fixedLine", "mobile"] {
            assert!(kinds.contains(&kind), "{region} has no {kind} example");
        }
    }
    assert!(all.iter().filter(|e| e.kind == "tollFree").count() >= 18);
}

#[test]
fn every_international_form_reads_as_libphonenumber_does_from_cn_and_gb() {
    let (mut failures, mut checked) = (Vec::new(), 0);
    for example in examples() {
        let forms = international_forms(&example);
        for default in ["CN", "GB"] {
            checked += forms.len();
            failures.extend(check(&forms, &example, default));
        }
    }
    assert_none(failures, checked);
}

#[test]
fn national_forms_of_the_default_region_read_as_that_country() {
    let (mut failures, mut checked) = (Vec::new(), 0);
    for example in examples() {
        if !["CN", "GB"].contains(&example.region) {
            continue;
        }
        let forms: Vec<String> = national_forms(&example, "0")
            .into_iter()
            .chain(national_forms(&example, ""))
            .collect();
        checked += forms.len();
        failures.extend(check(&forms, &example, example.region));
    }
    assert!(checked > 100, "{checked} national forms");
    assert_none(failures, checked);
}

#[test]
fn each_default_regions_own_international_prefix_is_understood() {
    let prefixes = [
        ("US", "011"),
        ("JP", "010"),
        ("RU", "810"),
        ("AU", "0011"),
        ("SG", "001"),
    ];
    let (mut failures, mut checked) = (Vec::new(), 0);
    for example in examples() {
        for (default, idd) in prefixes {
            let form = format!(
                "{idd} {} {}",
                example.country_code(),
                groups(example.national, " ")
            );
            checked += 1;
            failures.extend(check(&[form], &example, default));
        }
    }
    assert_none(failures, checked);
}
