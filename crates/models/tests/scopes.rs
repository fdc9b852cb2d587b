//! Property tests of `Scopes`: printing and parsing round-trip, and order does not matter.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use linode_models::{ScopeLevel, Scopes};
use proptest::prelude::*;

proptest! {
    /// What is printed parses back to the same value, through both the strict and the lenient
    /// parser, and through JSON.
    #[test]
    fn print_parse_round_trip(scopes in any::<Scopes>()) {
        let text = scopes.to_string();
        prop_assert_eq!(&text.parse::<Scopes>().unwrap(), &scopes);
        prop_assert_eq!(&Scopes::from_api(&text), &scopes);
        let json = serde_json::to_string(&scopes).unwrap();
        prop_assert_eq!(serde_json::from_str::<Scopes>(&json).unwrap(), scopes);
    }

    /// The same parts in any order, with any separators and repeats, give an equal value that
    /// prints the same.
    #[test]
    fn order_and_separators_do_not_matter(
        parts in proptest::collection::vec(
            (prop::sample::select(vec!["account", "events", "linodes", "future_area"]),
             prop::bool::ANY),
            1..8,
        ),
        rotate in 0usize..8,
        comma in prop::bool::ANY,
    ) {
        let written: Vec<String> = parts
            .iter()
            .map(|(area, rw)| format!("{area}:{}", if *rw { "read_write" } else { "read_only" }))
            .collect();
        let mut shuffled = written.clone();
        shuffled.reverse();
        let len = shuffled.len();
        shuffled.rotate_left(rotate % len);
        let sep = if comma { "," } else { "  " };
        let a: Scopes = written.join(" ").parse().unwrap();
        let b: Scopes = shuffled.join(sep).parse().unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.to_string(), b.to_string());
        // Each area has the highest level written for it; read_write implies read_only.
        for (area, _) in &parts {
            let rw = parts.iter().any(|(a2, rw)| a2 == area && *rw);
            prop_assert!(a.allows(area, ScopeLevel::ReadOnly));
            prop_assert_eq!(a.allows(area, ScopeLevel::ReadWrite), rw);
        }
    }
}
