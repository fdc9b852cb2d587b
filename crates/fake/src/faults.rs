//! Fault injection: scripted failures, per operation or for every request.

use std::time::Duration;

use linode_requests::{Metadata, Operation};

/// The longest delay a fault may ask for; longer ones are cut to this.
pub const MAX_DELAY: Duration = Duration::from_secs(60);

/// A failure the server produces instead of (or on top of) its normal answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// `429 Too Many Requests` with `Retry-After: seconds` and `X-RateLimit-Remaining: 0`.
    /// The request is not applied.
    RateLimited {
        /// The `Retry-After` value, in seconds.
        retry_after_secs: u64,
    },
    /// An error status (500, 502, 503...) with the API's JSON error body. The request is not
    /// applied.
    Status(u16),
    /// `503` with `X-Maintenance-Mode: true`: the API is down for maintenance. The request is
    /// not applied.
    Maintenance,
    /// An error status whose body is an HTML page (a proxy's error page), with
    /// `Content-Type: text/html`. The request is not applied.
    Html(u16),
    /// Waits this long (at most [`MAX_DELAY`]) before answering normally. Delays of several
    /// matching rules add up, and they combine with one other fault.
    Delay(Duration),
    /// Closes the connection after the request head arrived, before its body is read and
    /// before anything is applied: the client sees the connection drop.
    DropBeforeRead,
    /// Reads and **applies** the request, then closes the connection without answering: the
    /// client cannot tell whether it happened (what a retry of a payment must not repeat).
    DropAfterRead,
    /// Applies the request and answers it, but the connection closes after half of the body
    /// (the `Content-Length` promises all of it).
    TruncatedBody,
    /// Applies the request and answers with a complete HTTP response whose JSON body is cut
    /// in half (a body that does not decode).
    MalformedJson,
}

impl Fault {
    /// A 500 Internal Server Error.
    pub fn internal_error() -> Self {
        Fault::Status(500)
    }

    /// A 502 Bad Gateway.
    pub fn bad_gateway() -> Self {
        Fault::Status(502)
    }

    /// A 503 Service Unavailable (without the maintenance header).
    pub fn unavailable() -> Self {
        Fault::Status(503)
    }
}

/// Which requests a fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultTarget {
    /// Every request, routed or not.
    All,
    /// Requests routed to one operation type (see [`FaultRule::for_op`]).
    Operation(OperationType),
}

impl FaultTarget {
    /// Requests routed to the operation `O`.
    pub fn of<O: Operation>() -> Self {
        FaultTarget::Operation(OperationType::of::<O>())
    }

    /// Whether this targets the operation `O` (and only it).
    pub fn is<O: Operation>(&self) -> bool {
        matches!(self, FaultTarget::Operation(op) if op.is::<O>())
    }
}

/// An operation named by its type: made only from the type ([`OperationType::of`]), so a
/// fault rule cannot name an operation by a string that no type has.
///
/// ```
/// use linode_fake::OperationType;
/// use linode_requests::profile::{GetSshKey, ListSshKeys};
/// let op = OperationType::of::<ListSshKeys>();
/// assert!(op.is::<ListSshKeys>() && !op.is::<GetSshKey>());
/// assert_eq!(op.meta().name, "profile::ListSshKeys");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationType(&'static Metadata);

impl OperationType {
    /// The operation type `O`.
    pub fn of<O: Operation>() -> Self {
        OperationType(&O::META)
    }

    /// Whether this is the operation `O`.
    pub fn is<O: Operation>(&self) -> bool {
        *self.0 == O::META
    }

    /// The operation's metadata (its type's `META`).
    pub fn meta(&self) -> &'static Metadata {
        self.0
    }
}

/// A fault, the requests it applies to, and how many times it fires.
///
/// ```
/// use linode_fake::{Fault, FaultRule};
/// use linode_requests::profile::ListSshKeys;
/// // The first two requests to list SSH keys fail with 503, the third goes through.
/// let rule = FaultRule::for_op::<ListSshKeys>(Fault::unavailable()).times(2);
/// assert_eq!(rule.remaining(), Some(2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    pub(crate) fault: Fault,
    pub(crate) target: FaultTarget,
    pub(crate) remaining: Option<u32>,
}

impl FaultRule {
    /// `fault` on every request, until removed.
    pub fn new(fault: Fault) -> Self {
        Self {
            fault,
            target: FaultTarget::All,
            remaining: None,
        }
    }

    /// `fault` on every request to the operation `O`, until removed.
    pub fn for_op<O: Operation>(fault: Fault) -> Self {
        Self {
            fault,
            target: FaultTarget::of::<O>(),
            remaining: None,
        }
    }

    /// Only for the next `count` matching requests; then the rule is spent and removed.
    #[must_use]
    pub fn times(mut self, count: u32) -> Self {
        self.remaining = Some(count);
        self
    }

    /// The fault.
    pub fn fault(&self) -> &Fault {
        &self.fault
    }

    /// Which requests it applies to.
    pub fn target(&self) -> &FaultTarget {
        &self.target
    }

    /// How many more times it fires (`None`: until removed).
    pub fn remaining(&self) -> Option<u32> {
        self.remaining
    }

    /// Whether the rule applies to a request routed to `operation` (`None`: not routed to an
    /// operation type). Metadata compare by value: a type's `META` is its identity.
    fn matches(&self, operation: Option<&Metadata>) -> bool {
        match &self.target {
            FaultTarget::All => true,
            FaultTarget::Operation(op) => operation == Some(op.meta()),
        }
    }
}

/// An injected rule's handle, to remove it early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FaultId(pub(crate) u64);

/// What the faults matching one request ask for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FaultPlan {
    pub(crate) delay: Duration,
    pub(crate) fault: Option<Fault>,
}

/// The active rules, in the order they were injected.
#[derive(Debug, Default)]
pub(crate) struct FaultBook {
    next_id: u64,
    rules: Vec<(FaultId, FaultRule)>,
}

/// How many rules may be active at once.
const MAX_RULES: usize = 1024;

impl FaultBook {
    pub(crate) fn add(&mut self, rule: FaultRule) -> FaultId {
        self.next_id += 1;
        let id = FaultId(self.next_id);
        if self.rules.len() >= MAX_RULES {
            self.rules.remove(0);
        }
        if rule.remaining != Some(0) {
            self.rules.push((id, rule));
        }
        id
    }

    pub(crate) fn remove(&mut self, id: FaultId) -> bool {
        let before = self.rules.len();
        self.rules.retain(|(rule_id, _)| *rule_id != id);
        before != self.rules.len()
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    pub(crate) fn active(&self) -> Vec<FaultRule> {
        self.rules.iter().map(|(_, r)| r.clone()).collect()
    }

    /// Takes what applies to one request: every matching delay (summed, capped) and the
    /// first other matching fault. Each rule used is counted down.
    pub(crate) fn take(&mut self, operation: Option<&Metadata>) -> FaultPlan {
        let mut plan = FaultPlan::default();
        for (_, rule) in self.rules.iter_mut() {
            if !rule.matches(operation) {
                continue;
            }
            let used = match &rule.fault {
                Fault::Delay(d) => {
                    plan.delay = plan.delay.saturating_add(*d).min(MAX_DELAY);
                    true
                }
                other if plan.fault.is_none() => {
                    plan.fault = Some(other.clone());
                    true
                }
                _ => false,
            };
            if used {
                if let Some(n) = rule.remaining.as_mut() {
                    *n = n.saturating_sub(1);
                }
            }
        }
        self.rules.retain(|(_, r)| r.remaining != Some(0));
        plan
    }
}

#[cfg(test)]
mod tests {
    use linode_requests::profile::{GetSshKey, ListSshKeys};

    use super::*;

    #[test]
    fn rules_count_down_and_combine() {
        let mut book = FaultBook::default();
        book.add(FaultRule::for_op::<ListSshKeys>(Fault::unavailable()).times(2));
        book.add(FaultRule::new(Fault::Delay(Duration::from_millis(5))).times(1));
        let list = Some(&ListSshKeys::META);
        let first = book.take(list);
        assert_eq!(first.fault, Some(Fault::Status(503)));
        assert_eq!(first.delay, Duration::from_millis(5));
        assert_eq!(book.take(Some(&GetSshKey::META)), FaultPlan::default());
        assert_eq!(book.take(None), FaultPlan::default());
        assert_eq!(book.take(list).fault, Some(Fault::Status(503)));
        assert_eq!(book.take(list), FaultPlan::default());
        assert!(book.active().is_empty());
    }

    #[test]
    fn a_target_is_its_type() {
        let target = FaultRule::for_op::<GetSshKey>(Fault::internal_error()).target;
        assert!(target.is::<GetSshKey>());
        assert!(!target.is::<ListSshKeys>());
        assert_eq!(target, FaultTarget::of::<GetSshKey>());
        assert!(!FaultTarget::All.is::<GetSshKey>());
    }

    #[test]
    fn a_later_rule_waits_for_the_first() {
        let mut book = FaultBook::default();
        book.add(FaultRule::new(Fault::Status(500)).times(1));
        let id = book.add(FaultRule::new(Fault::Status(502)).times(1));
        assert_eq!(book.take(None).fault, Some(Fault::Status(500)));
        assert!(book.remove(id));
        assert_eq!(book.take(None).fault, None);
    }
}
