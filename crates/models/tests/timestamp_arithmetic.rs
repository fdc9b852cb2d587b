//! Property tests of `Timestamp` arithmetic and conversions: adding and subtracting durations,
//! differences, `SystemTime` and `time::OffsetDateTime` round trips.

use std::time::{Duration, SystemTime};

use linode_models::Timestamp;
use proptest::prelude::*;

/// Up to about 300 years, with nanoseconds: any timestamp of the strategy (1970..2100) plus
/// or minus this stays well inside the supported range.
fn duration() -> impl Strategy<Value = Duration> {
    (0u64..10_000_000_000, 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n))
}

proptest! {
    #[test]
    fn adding_then_subtracting_a_duration_is_the_identity(t: Timestamp, d in duration()) {
        let later = t.checked_add(d).expect("in range");
        prop_assert_eq!(later, t + d);
        prop_assert_eq!(later - d, t);
        prop_assert_eq!(later.checked_sub(d), Some(t));
        let earlier = t - d;
        prop_assert_eq!(earlier + d, t);
    }

    #[test]
    fn the_difference_is_the_duration_added(t: Timestamp, d in duration()) {
        let later = t + d;
        prop_assert_eq!(later.duration_since(t), Some(d));
        prop_assert!(later >= t);
        if d.is_zero() {
            prop_assert_eq!(t.duration_since(later), Some(Duration::ZERO));
        } else {
            prop_assert_eq!(t.duration_since(later), None);
        }
        let signed = later - t;
        prop_assert_eq!(signed, -(t - later));
        prop_assert_eq!(signed.whole_seconds(), i64::try_from(d.as_secs()).expect("small"));
        prop_assert_eq!(signed.subsec_nanoseconds(), i32::try_from(d.subsec_nanos()).expect("small"));
    }

    #[test]
    fn arithmetic_keeps_the_form_and_what_it_writes_reads_back(t: Timestamp, secs in 0u64..10_000_000_000) {
        // Whole seconds keep every form exact (a form with fewer fraction digits than the
        // value has would round when written).
        let later = t + Duration::from_secs(secs);
        let text = later.to_string();
        let back: Timestamp = text.parse().expect("what a timestamp writes parses");
        prop_assert_eq!(back, later);
        prop_assert_eq!(back.to_string(), text);
        prop_assert_eq!(later.original_offset(), t.original_offset());
    }

    #[test]
    fn system_time_round_trips(t: Timestamp, d in duration()) {
        for t in [t + d, t - d] {
            let system = SystemTime::try_from(t).expect("fits a SystemTime");
            let back = Timestamp::try_from(system).expect("fits a timestamp");
            prop_assert_eq!(back, t);
            prop_assert_eq!(back.original_offset(), None); // the API's own form
        }
    }

    #[test]
    fn offset_date_time_round_trips(t: Timestamp, d in duration()) {
        let t = t - d;
        let back = Timestamp::try_from(t.to_utc()).expect("in range");
        prop_assert_eq!(back, t);
        let converted: time::OffsetDateTime = t.into();
        prop_assert_eq!(converted, t.to_utc());
    }
}

#[test]
fn overflow_saturates_the_operators_and_fails_the_checked_forms() {
    let one = Duration::from_secs(1);
    assert_eq!(Timestamp::MAX.checked_add(one), None);
    assert_eq!(Timestamp::MAX + one, Timestamp::MAX);
    assert_eq!(Timestamp::MIN.checked_sub(one), None);
    assert_eq!(Timestamp::MIN - one, Timestamp::MIN);
    // A duration beyond what `time` can hold at all.
    assert_eq!(Timestamp::MIN.checked_add(Duration::MAX), None);
    assert_eq!(Timestamp::MIN + Duration::MAX, Timestamp::MAX);
    let mut t = Timestamp::MAX;
    t -= one;
    assert_eq!(t.checked_add(one), Some(Timestamp::MAX));
    t += Duration::from_secs(3600);
    assert_eq!(t, Timestamp::MAX);
}

#[test]
fn a_system_time_past_the_year_9999_is_a_range_error() {
    let far = SystemTime::UNIX_EPOCH + Duration::from_secs(300_000_000_000);
    let err = Timestamp::try_from(far).expect_err("year ~11476");
    assert!(err.to_string().contains("out of the range"), "{err}");
}

#[test]
fn now_is_whole_seconds_in_the_api_form_and_follows_the_system_clock() {
    let before = SystemTime::now();
    let now = Timestamp::now();
    let after = SystemTime::now();
    let text = now.to_string();
    assert_eq!(text.len(), "2026-01-01T00:00:00".len(), "{text}");
    // Truncated to the second: at most a second before `before`, never after `after`.
    let system = SystemTime::try_from(now).expect("fits");
    assert!(system <= after);
    assert!(system + Duration::from_secs(1) > before);
    assert!(now.elapsed().is_some());
    assert_eq!((now + Duration::from_secs(3600)).elapsed(), None);
}
