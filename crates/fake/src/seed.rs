//! Realistic starting data: the same every run, relative to the start time.
//!
//! Every value here is made up for this fake (names, keys, amounts); each area's module
//! writes its own part in its `seed` function.

use linode_models::Timestamp;

use crate::handlers;
use crate::state::Store;

/// Fills `store` with the seed data, dated relative to `now`.
pub(crate) fn seed(store: &mut Store, now: Timestamp) {
    let base = now.to_utc().unix_timestamp();
    // `at(days)`: `days` days from now (negative: in the past), at a fixed time of day
    // offset so the seeded records do not all share one second.
    let at = move |days: i64| {
        let seconds = base + days * 86_400 - 3_600 * (days.rem_euclid(7) + 1);
        Timestamp::from_unix_seconds(seconds).unwrap_or(now)
    };
    handlers::seed(store, &at);
}
