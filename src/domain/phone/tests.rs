use super::*;

const E164_CN: &str = "+8613800138000";

fn cn() -> DefaultRegion {
    DefaultRegion::default()
}

fn region(code: &str) -> DefaultRegion {
    DefaultRegion::parse(code).unwrap_or_else(|| panic!("{code} is a region"))
}

fn read(raw: &str, region: DefaultRegion) -> Result<String, PhoneError> {
    normalise(raw, region).map(E164::into_string)
}

#[test]
fn every_dialled_form_of_a_number_is_the_same_number() {
    let forms = [
        "+86 138 0013 8000",
        "008613800138000",
        "13800138000",
        "(+86)138-0013-8000",
        "１３８００１３８０００",
        "＋８６　１３８　００１３　８０００",
        "tel:+86-138-0013-8000",
        "TEL:+8613800138000;phone-context=example.com",
        "tel:13800138000;phone-context=+86",
        "tel:+8613800138000;ext=42",
        "sip:+8613800138000@pbx.example.com;user=phone",
        "SIPS:13800138000@pbx.example.com",
        "  +8613800138000  ",
        "\t+86.138.0013.8000\n",
    ];
    for form in forms {
        assert_eq!(read(form, cn()).as_deref(), Ok(E164_CN), "{form}");
    }
}

/// The numbers the `phonenumber` crate rewrote or refused with CN as the
/// default region; libphonenumber reads each as itself.
#[test]
fn foreign_numbers_are_read_as_themselves() {
    let cases = [
        ("+49 179 2167 5749", "+4917921675749"),
        ("+81 00 7872 97485", "+8100787297485"),
        ("+44 121 234 5678", "+441212345678"),
        ("+33 1 23 45 67 89", "+33123456789"),
        ("+60 12 345 6789", "+60123456789"),
        ("+81 120 123 456", "+81120123456"),
        ("+44 113 234 5678", "+441132345678"),
        ("+44 114 234 5678", "+441142345678"),
        ("+91 11 2345 6789", "+911123456789"),
        ("+82 11 234 5678", "+82112345678"),
        ("+39 02 1234 5678", "+390212345678"),
        ("+852 9123 4567", "+85291234567"),
        ("+65 9123 4567", "+6591234567"),
        ("+1 (201) 555-0123", "+12015550123"),
    ];
    for default in [cn(), region("GB")] {
        for (raw, want) in cases {
            assert_eq!(read(raw, default).as_deref(), Ok(want), "{raw}");
        }
    }
}

#[test]
fn national_forms_use_the_configured_region() {
    assert_eq!(
        read("07911 123456", region("gb")).as_deref(),
        Ok("+447911123456")
    );
    assert_eq!(
        read("011 2345 6789", region("IN")).as_deref(),
        Ok("+911123456789")
    );
    assert_eq!(
        read("011-234-5678", region("KR")).as_deref(),
        Ok("+82112345678")
    );
    assert_eq!(read("010 6552 9988", cn()).as_deref(), Ok("+861065529988"));
    assert_eq!(
        read("011 44 20 7946 0958", region("US")).as_deref(),
        Ok("+442079460958")
    );
}

/// Today's context was dropped and the number read as Chinese.
#[test]
fn a_tel_uris_phone_context_gives_the_country() {
    assert_eq!(
        read("tel:2079460958;phone-context=+44", cn()).as_deref(),
        Ok("+442079460958")
    );
    assert_eq!(
        read("tel:020-7946-0958;phone-context=+44", cn()).as_deref(),
        Ok("+442079460958")
    );
}

#[test]
fn invalid_numbers_are_refused_with_their_reason_never_rewritten() {
    assert_eq!(read("+86 10 1234 5678 5", cn()), Err(PhoneError::NotInUse));
    assert_eq!(read("+86 1380013800", cn()), Err(PhoneError::NotInUse));
    assert_eq!(read("+86 138", cn()), Err(PhoneError::TooShort));
    assert_eq!(read("12", cn()), Err(PhoneError::TooShort));
    assert_eq!(
        read(&format!("+86{}", "9".repeat(20)), cn()),
        Err(PhoneError::TooLong)
    );
    assert_eq!(
        read("+999 1234 5678", cn()),
        Err(PhoneError::NoSuchCountryCode)
    );
    assert_eq!(
        read("+-()", cn()),
        Err(PhoneError::NotANumber("it has no digits"))
    );
    assert!(matches!(
        read("tel:123;ext=abc", cn()),
        Err(PhoneError::NotANumber(_))
    ));
}

#[test]
fn hostile_and_malformed_input_is_refused() {
    assert_eq!(read("", cn()), Err(PhoneError::Empty));
    assert_eq!(read("   ", cn()), Err(PhoneError::Empty));
    assert_eq!(read("tel:", cn()), Err(PhoneError::Empty));
    assert_eq!(read("call me", cn()), Err(PhoneError::BadCharacters));
    assert_eq!(
        read("1'; DROP TABLE travellers;--", cn()),
        Err(PhoneError::BadCharacters)
    );
    assert_eq!(read("\u{1b}[2J138", cn()), Err(PhoneError::BadCharacters));
    assert_eq!(
        read("+86\u{202e}13800138000", cn()),
        Err(PhoneError::BadCharacters)
    );
    assert_eq!(
        read("+86\u{200b}13800138000", cn()),
        Err(PhoneError::BadCharacters)
    );
    assert_eq!(read("张伟", cn()), Err(PhoneError::BadCharacters));
    assert_eq!(
        read("tel:+86 138\u{0}", cn()),
        Err(PhoneError::BadCharacters)
    );
    assert_eq!(
        read(&"9".repeat(200), cn()),
        Err(PhoneError::TooManyCharacters(200))
    );
    assert_eq!(read(&"9".repeat(30), cn()), Err(PhoneError::TooLong));
    // Arabic-Indic digits are digits to libphonenumber, but not to us.
    assert_eq!(read("١٣٨٠٠١٣٨٠٠٠", cn()), Err(PhoneError::BadCharacters));
}

#[test]
fn withheld_markers_in_any_case_are_not_errors() {
    for marker in [
        "anonymous",
        "Withheld",
        "PRIVATE",
        " unknown ",
        "Restricted",
        "UNAVAILABLE",
        "",
        "  ",
        "sip:anonymous@anonymous.invalid",
    ] {
        assert_eq!(
            parse_caller_id(marker, cn()),
            Ok(CallerId::Withheld),
            "{marker:?}"
        );
    }
    assert_eq!(
        parse_caller_id("13800138000", cn()).map(|c| match c {
            CallerId::Number(n) => n.into_string(),
            CallerId::Withheld => String::new(),
        }),
        Ok(E164_CN.to_string())
    );
}

#[test]
fn regions_are_iso_codes_with_a_numbering_plan() {
    assert_eq!(DefaultRegion::parse(" cn "), Some(DefaultRegion::default()));
    for bad in ["", "XX", "C", "CHN", "中国", "001"] {
        assert_eq!(DefaultRegion::parse(bad), None, "{bad}");
    }
}
