//! proptest strategies for the shared types (enabled by the `proptest` feature).
//!
//! Models derive `proptest_derive::Arbitrary`; the types here are the leaves they are made of.
//! Each strategy produces only values the API could send, so that model -> JSON -> model is
//! the identity: no float NaN, no timestamps with sub-second noise, no unrepresentable amounts.

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::{ClockDuration, Empty, Extra, Money, MoneyString, Page, Secret, Timestamp, Update};

impl Arbitrary for Timestamp {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        // 1970 .. 2100, in every form the API has been seen to write: mostly its own
        // (whole seconds, no zone), also with `Z`, `+00:00`, another offset, or a fraction
        // (with as many digits as the text shows, so that it round-trips).
        let form = prop_oneof![
            6 => Just(String::new()),
            1 => Just("Z".to_owned()),
            1 => Just("+00:00".to_owned()),
            1 => (0u8..3, 0u8..24, prop_oneof![Just(0u8), Just(30), Just(45)])
                .prop_map(|(sign, h, m)| format!("{}{h:02}:{m:02}", if sign == 0 { '-' } else { '+' })),
            1 => (1u32..=9).prop_map(|digits| format!(".{}Z", "0".repeat(digits as usize))),
        ];
        (0i64..4_102_444_800, form)
            .prop_filter_map("in range", |(s, form)| {
                let at = Timestamp::from_unix_seconds(s).ok()?;
                if form.is_empty() {
                    return Some(at);
                }
                at.with_form_of(&format!("2000-01-01T00:00:00{form}")).ok()
            })
            .boxed()
    }
}

impl Arbitrary for Secret {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        "[A-Za-z0-9]{0,40}".prop_map(Secret::new).boxed()
    }
}

fn amount() -> impl Strategy<Value = Decimal> {
    // Up to a trillion dollars with up to 4 decimals: 16 significant digits at the most,
    // within what a JSON double carries exactly as text.
    (-1_000_000_000_000i64..1_000_000_000_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s))
}

impl Arbitrary for Money {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        amount().prop_map(Money::new).boxed()
    }
}

impl Arbitrary for MoneyString {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        amount().prop_map(MoneyString::new).boxed()
    }
}

impl<T: Arbitrary + Clone + 'static> Arbitrary for Update<T> {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        prop_oneof![
            Just(Update::Unchanged),
            Just(Update::Null),
            any::<T>().prop_map(Update::Set),
        ]
        .boxed()
    }
}

impl<T: Arbitrary + 'static> Arbitrary for Page<T> {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        (
            proptest::collection::vec(any::<T>(), 0..4),
            1u32..50,
            1u32..50,
            0u32..10_000,
            any::<Extra>(),
        )
            .prop_map(|(data, page, pages, results, extra)| Page {
                data,
                page,
                pages,
                results,
                extra,
            })
            .boxed()
    }
}

impl Arbitrary for Empty {
    type Parameters = ();
    type Strategy = BoxedStrategy<Empty>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        any::<Extra>().prop_map(|extra| Empty { extra }).boxed()
    }
}

/// Arbitrary JSON without floats (whose text form would not round-trip exactly), nested a
/// few levels deep: for free-form fields such as profile preferences.
pub fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        "[a-zA-Z0-9 _-]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Arbitrary JSON objects (see [`json_value`]).
pub fn json_object() -> impl Strategy<Value = serde_json::Map<String, serde_json::Value>> {
    proptest::collection::btree_map("[a-z_]{1,8}", json_value(), 0..5)
        .prop_map(|m| m.into_iter().collect())
}

impl Arbitrary for Extra {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        // Mostly none, as most responses carry no unknown member. The `zz_` prefix keeps the
        // names apart from every modelled field, as the API's new members are.
        prop_oneof![
            3 => Just(Extra::new()),
            1 => proptest::collection::btree_map("zz_[a-z]{1,6}", json_value(), 1..3)
                .prop_map(|m| m.into_iter().collect()),
        ]
        .boxed()
    }
}

impl Arbitrary for ClockDuration {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        // Every shape the API sends: integer seconds, `H:MM:SS`, `HH:MM:SS`, `MM:SS`.
        (0u64..400_000, 0u8..4)
            .prop_map(|(s, shape)| {
                let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
                let text = match shape {
                    0 => return ClockDuration::from_seconds(s),
                    1 => format!("{h}:{m:02}:{sec:02}"),
                    2 => format!("{h:02}:{m:02}:{sec:02}"),
                    _ => format!("{:02}:{sec:02}", s / 60),
                };
                text.parse().unwrap_or(ClockDuration::from_seconds(s))
            })
            .boxed()
    }
}
