//! How long to wait before the next poll: the adaptive policy and the fixed one, sans-IO.

use std::time::Duration;

/// How often an [`EventCursor`](super::EventCursor) or a wait polls `/account/events`.
///
/// - [`PollPolicy::adaptive`] (the default) starts short and backs off geometrically to a
///   ceiling while nothing happens. While the awaited event reports how far it has to go
///   (`time_remaining`, or a `percent_complete` that moves), the next poll is planned for half
///   the estimated time left (never sooner than the first interval, never later than the
///   ceiling), so the poll that sees `finished` lands soon after it happens.
/// - [`PollPolicy::fixed`] polls at one interval (what the official SDKs do: 3 seconds).
///
/// Both honour `Retry-After` and slow to [`PollPolicy::with_rate_limit_floor`]'s interval
/// when `X-RateLimit-Remaining` runs low.
///
/// ```
/// use std::time::Duration;
/// use linode_client::events::PollPolicy;
/// let policy = PollPolicy::adaptive()
///     .with_initial(Duration::from_millis(500))
///     .with_ceiling(Duration::from_secs(8));
/// assert_eq!(policy.initial(), Duration::from_millis(500));
/// let fixed = PollPolicy::fixed(Duration::from_secs(3));
/// assert_eq!(fixed.ceiling(), Duration::from_secs(3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollPolicy {
    initial: Duration,
    ceiling: Duration,
    /// Growth per quiet poll, in percent (150: each interval is 1.5 times the last).
    growth_percent: u32,
    /// Whether estimates from the awaited event may shorten the interval.
    use_estimates: bool,
    /// Below this many requests left in the rate-limit window, poll at `slow` at most.
    low_remaining: u64,
    slow: Duration,
}

impl Default for PollPolicy {
    fn default() -> Self {
        Self::adaptive()
    }
}

impl PollPolicy {
    /// Starts at 1 s, grows by half after each quiet poll, up to 10 s; follows the awaited
    /// event's estimates.
    pub const fn adaptive() -> Self {
        Self {
            initial: Duration::from_secs(1),
            ceiling: Duration::from_secs(10),
            growth_percent: 150,
            use_estimates: true,
            low_remaining: 10,
            slow: Duration::from_secs(30),
        }
    }

    /// Polls every `interval`, whatever happens (Retry-After and a low rate limit still slow
    /// it down).
    pub const fn fixed(interval: Duration) -> Self {
        Self {
            initial: interval,
            ceiling: interval,
            growth_percent: 100,
            use_estimates: false,
            low_remaining: 10,
            slow: Duration::from_secs(30),
        }
    }

    /// The first interval (and the shortest one an estimate can ask for).
    #[must_use]
    pub const fn with_initial(mut self, initial: Duration) -> Self {
        self.initial = initial;
        if self.ceiling.as_nanos() < initial.as_nanos() {
            self.ceiling = initial;
        }
        self
    }

    /// The longest interval while backing off.
    #[must_use]
    pub const fn with_ceiling(mut self, ceiling: Duration) -> Self {
        self.ceiling = if ceiling.as_nanos() < self.initial.as_nanos() {
            self.initial
        } else {
            ceiling
        };
        self
    }

    /// How much each quiet interval grows, in percent of the last (100 keeps it fixed; values
    /// below 100 are read as 100).
    #[must_use]
    pub const fn with_growth_percent(mut self, percent: u32) -> Self {
        self.growth_percent = if percent < 100 { 100 } else { percent };
        self
    }

    /// When fewer than `remaining` requests are left in the rate-limit window, poll no more
    /// often than every `interval` (default: fewer than 10 left, every 30 s).
    #[must_use]
    pub const fn with_rate_limit_floor(mut self, remaining: u64, interval: Duration) -> Self {
        self.low_remaining = remaining;
        self.slow = interval;
        self
    }

    /// The first interval.
    pub const fn initial(&self) -> Duration {
        self.initial
    }

    /// The longest interval while backing off.
    pub const fn ceiling(&self) -> Duration {
        self.ceiling
    }
}

/// What the last poll said, as far as the schedule cares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PollHint {
    /// Something new was seen (new events, or the awaited event moved): back off from the
    /// start again.
    pub activity: bool,
    /// How long the awaited event expects to take still, if it says or it can be estimated.
    pub expected_in: Option<Duration>,
    /// The response's `Retry-After`.
    pub retry_after: Option<Duration>,
    /// The response's `X-RateLimit-Remaining`.
    pub rate_limit_remaining: Option<u64>,
}

/// The state of a [`PollPolicy`]: the interval it has backed off to.
#[derive(Debug, Clone)]
pub struct PollSchedule {
    policy: PollPolicy,
    current: Duration,
}

impl PollSchedule {
    /// A schedule at the policy's first interval.
    pub fn new(policy: PollPolicy) -> Self {
        Self {
            current: policy.initial,
            policy,
        }
    }

    /// The policy.
    pub fn policy(&self) -> &PollPolicy {
        &self.policy
    }

    /// How long to wait before the next poll, after a poll that said `hint`.
    pub fn next_delay(&mut self, hint: PollHint) -> Duration {
        let p = &self.policy;
        if hint.activity {
            self.current = p.initial;
        }
        let mut delay = match hint.expected_in {
            Some(expected) if p.use_estimates => (expected / 2).clamp(p.initial, p.ceiling),
            _ => {
                let delay = self.current;
                self.current = grow(self.current, p.growth_percent).min(p.ceiling);
                delay
            }
        };
        if let Some(retry_after) = hint.retry_after {
            delay = delay.max(retry_after);
        }
        if hint
            .rate_limit_remaining
            .is_some_and(|left| left < p.low_remaining)
        {
            delay = delay.max(p.slow);
        }
        delay
    }
}

fn grow(interval: Duration, percent: u32) -> Duration {
    interval
        .checked_mul(percent)
        .map_or(Duration::MAX, |d| d / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;
    const MS: fn(u64) -> Duration = Duration::from_millis;

    fn quiet() -> PollHint {
        PollHint::default()
    }

    #[test]
    fn adaptive_backs_off_to_the_ceiling_and_restarts_on_activity() {
        let mut s = PollSchedule::new(PollPolicy::adaptive());
        let delays: Vec<_> = (0..8).map(|_| s.next_delay(quiet())).collect();
        let want = [1000, 1500, 2250, 3375, 5062, 7593, 10_000, 10_000];
        for (got, want) in delays.iter().zip(want) {
            assert!(got.abs_diff(MS(want)) < MS(2), "{got:?} vs {want} ms");
        }
        assert!(delays.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(*delays.last().unwrap(), S(10));
        let after = s.next_delay(PollHint {
            activity: true,
            ..quiet()
        });
        assert_eq!(after, S(1));
    }

    #[test]
    fn estimates_plan_the_next_poll_for_half_the_time_left() {
        let mut s = PollSchedule::new(PollPolicy::adaptive());
        let hint = |secs| PollHint {
            expected_in: Some(S(secs)),
            ..quiet()
        };
        assert_eq!(s.next_delay(hint(8)), S(4));
        assert_eq!(s.next_delay(hint(600)), S(10), "never past the ceiling");
        assert_eq!(
            s.next_delay(hint(0)),
            S(1),
            "never under the first interval"
        );
    }

    #[test]
    fn fixed_ignores_estimates_and_activity() {
        let mut s = PollSchedule::new(PollPolicy::fixed(S(3)));
        for hint in [
            quiet(),
            PollHint {
                activity: true,
                expected_in: Some(S(0)),
                ..quiet()
            },
            quiet(),
        ] {
            assert_eq!(s.next_delay(hint), S(3));
        }
    }

    #[test]
    fn retry_after_and_a_low_rate_limit_slow_every_policy() {
        for policy in [PollPolicy::adaptive(), PollPolicy::fixed(S(3))] {
            let mut s = PollSchedule::new(policy);
            let retry = PollHint {
                retry_after: Some(S(20)),
                ..quiet()
            };
            assert_eq!(s.next_delay(retry), S(20));
            let low = PollHint {
                rate_limit_remaining: Some(3),
                ..quiet()
            };
            assert_eq!(s.next_delay(low), S(30));
            let plenty = PollHint {
                rate_limit_remaining: Some(500),
                ..quiet()
            };
            assert!(s.next_delay(plenty) <= S(10));
        }
    }

    #[test]
    fn builders_keep_the_ceiling_above_the_start() {
        let p = PollPolicy::adaptive().with_ceiling(MS(10));
        assert_eq!(p.ceiling(), p.initial());
        let p = PollPolicy::adaptive().with_initial(S(60));
        assert_eq!(p.ceiling(), S(60));
        let mut s = PollSchedule::new(PollPolicy::adaptive().with_growth_percent(10));
        assert_eq!(s.next_delay(quiet()), s.next_delay(quiet()));
    }
}
