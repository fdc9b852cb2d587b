//! The page walk both clients share: which page to ask for next, and when to stop.
//!
//! The async [`Pages`](crate::Pages) stream and the blocking
//! [`BlockingPages`](crate::BlockingPages) iterator differ only in how they wait for a page;
//! what they ask for next is decided here, once.

use linode_requests::models::Page;
use linode_requests::{Error, ListOperation};

/// A walk over a list's pages: the operation for the next page, until the walk is over.
pub(crate) struct PageWalk<O> {
    /// The operation for the next page to fetch; `None` once the walk is over.
    next: Option<O>,
}

impl<O: ListOperation> PageWalk<O> {
    /// A walk starting at `op`'s page (1 if unset).
    pub(crate) fn new(op: O) -> Self {
        Self { next: Some(op) }
    }

    /// The number of the next page and the operation that fetches it; `None` once the walk
    /// is over.
    pub(crate) fn next_request(&self) -> Option<(u32, &O)> {
        let op = self.next.as_ref()?;
        Some((op.pagination().page_number().unwrap_or(1), op))
    }

    /// Takes in the result of fetching page `requested`: moves on to the following page, or
    /// ends the walk after the last page or an error.
    pub(crate) fn advance<I>(&mut self, requested: u32, result: &Result<Page<I>, Error>) {
        let following = result.as_ref().ok().and_then(|p| next_page(requested, p));
        match (following, self.next.as_mut()) {
            (Some(n), Some(op)) => op.set_page(n),
            _ => self.next = None,
        }
    }

    /// Moves on to the page after `requested` before its answer is in (a walk fetching
    /// ahead); the answer may still end the walk ([`PageWalk::end`]).
    pub(crate) fn request_ahead(&mut self, requested: u32) {
        match (requested.checked_add(1), self.next.as_mut()) {
            (Some(n), Some(op)) => op.set_page(n),
            _ => self.next = None,
        }
    }

    /// Ends the walk: nothing more is asked for.
    pub(crate) fn end(&mut self) {
        self.next = None;
    }

    /// Whether every page has been asked for (or an error ended the walk).
    pub(crate) fn is_over(&self) -> bool {
        self.next.is_none()
    }
}

/// Which page comes after `page`, fetched for `requested`, if any. Pages are walked by the
/// number requested (not the number the server echoes), so a confused server cannot make the
/// walk go backwards or repeat forever.
fn next_page<I>(requested: u32, page: &Page<I>) -> Option<u32> {
    if requested < page.pages {
        requested.checked_add(1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linode_requests::profile::ListSshKeys;
    use linode_requests::{Operation, Pagination, TransportError, TransportErrorKind};

    fn page(page: u32, pages: u32) -> Page<u8> {
        Page {
            data: vec![],
            page,
            pages,
            results: 0,
        }
    }

    #[test]
    fn walks_forward_by_the_requested_number() {
        assert_eq!(next_page(1, &page(1, 3)), Some(2));
        assert_eq!(next_page(3, &page(3, 3)), None);
        assert_eq!(next_page(1, &page(1, 1)), None);
        assert_eq!(next_page(1, &page(1, 0)), None);
        // A server echoing page 1 again cannot make the walk repeat.
        assert_eq!(next_page(2, &page(1, 3)), Some(3));
        assert_eq!(next_page(u32::MAX, &page(1, u32::MAX)), None);
    }

    #[test]
    fn a_walk_starts_at_the_operations_page_and_ends_after_the_last_or_an_error() {
        let mut walk = PageWalk::new(ListSshKeys::default());
        assert_eq!(walk.next_request().map(|(n, _)| n), Some(1));
        walk.advance(1, &Ok(page(1, 2)));
        let (n, op) = walk.next_request().expect("page 2 follows");
        assert_eq!((n, op.pagination.page_number()), (2, Some(2)));
        walk.advance(2, &Ok(page(2, 2)));
        assert!(walk.is_over() && walk.next_request().is_none());

        let start = ListSshKeys {
            pagination: Pagination::new().page(4),
            ..Default::default()
        };
        let mut walk = PageWalk::new(start);
        assert_eq!(walk.next_request().map(|(n, _)| n), Some(4));
        let failed: Result<Page<u8>, Error> = Err(Error::Transport {
            operation: "profile::ListSshKeys",
            source: TransportError::new(TransportErrorKind::Timeout, "slow"),
            idempotency: linode_requests::Idempotency::of(&ListSshKeys::META),
        });
        walk.advance(4, &failed);
        assert!(walk.is_over());
    }
}
