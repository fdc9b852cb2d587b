//! Round trips of the shared types (money, timestamps, updates, envelopes).

use linode_models::{
    ClockDuration, ErrorBody, Money, MoneyString, Secret, Timestamp, Update, Warning,
};

crate::roundtrip_tests! {
    timestamp: Timestamp,
    clock_duration: ClockDuration,
    option_clock_duration: Option<ClockDuration>,
    secret: Secret,
    money: Money,
    money_string: MoneyString,
    error_body: ErrorBody,
    warning: Warning,
}

#[test]
fn money_keeps_exact_decimals() {
    let m: Money = serde_json::from_str("120.25").unwrap();
    assert_eq!(m.amount().to_string(), "120.25");
    assert_eq!(serde_json::to_string(&m).unwrap(), "120.25");
    let whole: Money = serde_json::from_str("200").unwrap();
    assert_eq!(serde_json::to_string(&whole).unwrap(), "200");
    // 0.1 + 0.2 is exact in decimal, unlike in binary floats.
    let a: Money = serde_json::from_str("0.1").unwrap();
    let b: Money = serde_json::from_str("0.2").unwrap();
    assert_eq!((a.amount() + b.amount()).to_string(), "0.3");
    let s: MoneyString = serde_json::from_str("\"$120.50\"").unwrap();
    assert_eq!(serde_json::to_string(&s).unwrap(), "\"120.50\"");
    assert!(serde_json::from_str::<Money>("\"ten\"").is_err());
    // A number is read as the double nearest its text (serde_json's `float_roundtrip`):
    // without it this one came back one unit in the last place off (found by fuzzing).
    let tiny: Money = serde_json::from_str("6.8742960828992e-10").unwrap();
    assert_eq!(tiny.amount().to_string(), "0.00000000068742960828992");
}

#[test]
fn timestamps_accept_the_api_form_and_reject_garbage() {
    for ok in [
        "2018-01-01T00:01:01",
        "2018-01-01T00:01:01Z",
        "2018-01-01T00:01:01.5",
    ] {
        assert!(ok.parse::<Timestamp>().is_ok(), "{ok}");
    }
    for bad in [
        "",
        "2018-13-01T00:00:00",
        "2018-02-30T00:00:00",
        "yesterday",
        "2018-01-01T25:00:00",
        "2018-01-01T00:00:00+25:00",
        "2018-01-01T00:00:00+5",
        "2018-01-01T00:00:00.",
        "2018-01-01T00:00:00.1234567890",
        "٢٠١٨-01-01T00:00:00",
    ] {
        assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
    }
    // Written back as it came: fraction digits and zone kept.
    let t: Timestamp = "2018-01-01T00:01:01.250".parse().unwrap();
    assert_eq!(t.to_string(), "2018-01-01T00:01:01.250");
}

#[test]
fn update_distinguishes_unchanged_from_null() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Body {
        #[serde(default, skip_serializing_if = "Update::is_unchanged")]
        phone: Update<String>,
    }
    assert_eq!(
        serde_json::to_string(&Body {
            phone: Update::Unchanged
        })
        .unwrap(),
        "{}"
    );
    assert_eq!(
        serde_json::to_string(&Body {
            phone: Update::Null
        })
        .unwrap(),
        r#"{"phone":null}"#
    );
    assert_eq!(
        serde_json::from_str::<Body>("{}").unwrap(),
        Body {
            phone: Update::Unchanged
        }
    );
    assert_eq!(
        serde_json::from_str::<Body>(r#"{"phone":null}"#).unwrap(),
        Body {
            phone: Update::Null
        }
    );
}
