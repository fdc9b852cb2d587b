//! The page walk both clients share: which page to ask for next, when to stop, and whether
//! the server's answers add up.
//!
//! The async [`Pages`](crate::Pages) stream and the blocking
//! [`BlockingPages`](crate::BlockingPages) iterator differ only in how they wait for a page;
//! what they ask for next, and which answers end the walk with an error, is decided here,
//! once. A walk follows numbers the server sends, so every rule below bounds what a confused
//! or hostile server can make it do: each answer must be the page asked for, no page but
//! the last may be empty, `pages` may shrink but never grow, and a walk fetches at most
//! `max_pages` pages within an optional deadline.

use std::time::{Duration, Instant};

use linode_requests::models::Page;
use linode_requests::{Error, ListOperation, WalkError};

/// A walk over a list's pages: the operation for the next page, until the walk is over.
pub(crate) struct PageWalk<O> {
    /// The operation for the next page to fetch; `None` once the walk is over.
    next: Option<O>,
    /// The number of pages, as the latest answer announced it (it may only shrink).
    announced: Option<u32>,
    /// How many pages have been requested.
    fetched: u32,
    /// The most pages the walk requests.
    max_pages: u32,
    /// The time the whole walk may take, from its first request.
    deadline: Option<Duration>,
    /// When the first request started.
    started: Option<Instant>,
}

/// A request the walk is starting: the page number, the operation that fetches it, and the
/// time left before the walk's deadline (`None`: no deadline).
pub(crate) type Start<'a, O> = (u32, &'a O, Option<Duration>);

impl<O: ListOperation> PageWalk<O> {
    /// A walk starting at `op`'s page (1 if unset), fetching at most `max_pages` pages
    /// within `deadline`.
    pub(crate) fn new(op: O, max_pages: u32, deadline: Option<Duration>) -> Self {
        Self {
            next: Some(op),
            announced: None,
            fetched: 0,
            max_pages: max_pages.max(1),
            deadline,
            started: None,
        }
    }

    /// Changes the page cap (at least 1).
    pub(crate) fn set_max_pages(&mut self, max: u32) {
        self.max_pages = max.max(1);
    }

    /// Changes the deadline of the whole walk.
    pub(crate) fn set_deadline(&mut self, deadline: Duration) {
        self.deadline = Some(deadline);
    }

    /// The number of the next page, `None` once the walk is over.
    pub(crate) fn peek(&self) -> Option<u32> {
        let op = self.next.as_ref()?;
        Some(op.pagination().page_number().unwrap_or(1))
    }

    /// The number of pages, as the latest answer announced it.
    pub(crate) fn announced(&self) -> Option<u32> {
        self.announced
    }

    /// Starts the request for the next page; `None` once the walk is over. The error that
    /// ends the walk instead when it has fetched its cap of pages or its deadline passed.
    pub(crate) fn start(&mut self) -> Option<Result<Start<'_, O>, Error>> {
        let page = self.peek()?;
        if self.fetched >= self.max_pages {
            let pages = self.announced.unwrap_or(page).max(page);
            return Some(Err(self.stop(WalkError::TooManyPages {
                limit: self.max_pages,
                pages,
            })));
        }
        let started = *self.started.get_or_insert_with(Instant::now);
        let remaining = match self.deadline {
            None => None,
            Some(deadline) => match deadline.checked_sub(started.elapsed()) {
                Some(left) if !left.is_zero() => Some(left),
                _ => return Some(Err(self.stop(self.deadline_passed()))),
            },
        };
        self.fetched = self.fetched.saturating_add(1);
        let op = self.next.as_ref()?;
        Some(Ok((page, op, remaining)))
    }

    /// The error for a deadline that passed while the current request was in flight.
    pub(crate) fn deadline_error(&self) -> Error {
        Self::error(WalkError::DeadlineExceeded {
            deadline: self.deadline.unwrap_or_default(),
            fetched: self.fetched.saturating_sub(1),
        })
    }

    fn deadline_passed(&self) -> WalkError {
        WalkError::DeadlineExceeded {
            deadline: self.deadline.unwrap_or_default(),
            fetched: self.fetched,
        }
    }

    fn error(source: WalkError) -> Error {
        Error::Walk {
            operation: O::META.name,
            source,
        }
    }

    /// Ends the walk with `source`.
    fn stop(&mut self, source: WalkError) -> Error {
        self.next = None;
        Self::error(source)
    }

    /// Takes in the answer to page `requested` (the blocking walk): an answer that breaks
    /// the walk's rules becomes the error that ends it; otherwise the walk moves on to the
    /// following page, or ends after the last page or an error.
    pub(crate) fn advance<I>(
        &mut self,
        requested: u32,
        result: Result<Page<I>, Error>,
    ) -> Result<Page<I>, Error> {
        let (result, more) = self.check(requested, result);
        match (
            more.then(|| requested.checked_add(1)).flatten(),
            self.next.as_mut(),
        ) {
            (Some(n), Some(op)) => op.set_page(n),
            _ => self.next = None,
        }
        result
    }

    /// Checks the answer to page `requested` without moving on: the result to yield (a page
    /// that breaks the walk's rules becomes the error that ends it) and whether pages follow
    /// it. Anything but a following page ends the walk.
    pub(crate) fn check<I>(
        &mut self,
        requested: u32,
        result: Result<Page<I>, Error>,
    ) -> (Result<Page<I>, Error>, bool) {
        let outcome = match result {
            Ok(page) => match self.verdict(requested, &page) {
                Ok(more) => (Ok(page), more),
                Err(source) => (Err(Self::error(source)), false),
            },
            Err(error) => (Err(error), false),
        };
        if !outcome.1 {
            self.next = None;
        }
        outcome
    }

    /// Whether pages follow page `requested`, or why its answer ends the walk.
    fn verdict<I>(&mut self, requested: u32, page: &Page<I>) -> Result<bool, WalkError> {
        if page.page != requested {
            return Err(WalkError::PageMismatch {
                requested,
                answered: page.page,
            });
        }
        // An empty list may say it has 0 pages; its one (empty) page is still page 1.
        let pages = page.pages.max(1);
        if let Some(announced) = self.announced.filter(|a| pages > *a) {
            return Err(WalkError::PagesGrew {
                page: requested,
                announced,
                pages,
            });
        }
        self.announced = Some(pages);
        if requested > pages {
            // Past the end: fine when empty (the list shrank, or the walk started beyond it).
            return if page.data.is_empty() {
                Ok(false)
            } else {
                Err(WalkError::BeyondLast {
                    page: requested,
                    pages,
                })
            };
        }
        let more = requested < pages;
        if more && page.data.is_empty() {
            return Err(WalkError::EmptyPage {
                page: requested,
                pages,
            });
        }
        Ok(more)
    }

    /// Moves on to the page after `requested` before its answer is in (a walk fetching
    /// ahead); the answer may still end the walk ([`PageWalk::check`]).
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

#[cfg(test)]
mod tests {
    use super::*;
    use linode_requests::profile::ListSshKeys;
    use linode_requests::{Operation, Pagination, TransportError, TransportErrorKind};

    fn page(page: u32, pages: u32, items: usize) -> Result<Page<u8>, Error> {
        Ok(Page {
            data: vec![7; items],
            page,
            pages,
            results: 0,
            extra: Default::default(),
        })
    }

    fn walk() -> PageWalk<ListSshKeys> {
        PageWalk::new(ListSshKeys::default(), 10_000, None)
    }

    /// Starts the next request: its page number.
    fn start(walk: &mut PageWalk<ListSshKeys>) -> Option<Result<u32, WalkError>> {
        walk.start().map(|r| match r {
            Ok((n, _, _)) => Ok(n),
            Err(Error::Walk { source, .. }) => Err(source),
            Err(other) => panic!("{other}"),
        })
    }

    fn walk_error<I>(result: Result<Page<I>, Error>) -> WalkError {
        match result {
            Err(Error::Walk { source, .. }) => source,
            Err(other) => panic!("not a walk error: {other}"),
            Ok(_) => panic!("not an error"),
        }
    }

    #[test]
    fn a_walk_starts_at_the_operations_page_and_ends_after_the_last_or_an_error() {
        let mut w = walk();
        assert_eq!(start(&mut w), Some(Ok(1)));
        assert!(w.advance(1, page(1, 2, 3)).is_ok());
        let (n, op, left) = w.start().expect("page 2 follows").expect("allowed");
        assert_eq!((n, op.pagination.page_number(), left), (2, Some(2), None));
        assert!(w.advance(2, page(2, 2, 1)).is_ok());
        assert!(w.is_over() && w.start().is_none());

        let begin = ListSshKeys {
            pagination: Pagination::new().page(4),
            ..Default::default()
        };
        let mut w = PageWalk::new(begin, 10, None);
        assert_eq!(start(&mut w), Some(Ok(4)));
        let failed: Result<Page<u8>, Error> = Err(Error::Transport {
            operation: "profile::ListSshKeys",
            source: TransportError::new(TransportErrorKind::Timeout, "slow"),
            idempotency: linode_requests::Idempotency::of(&ListSshKeys::META),
        });
        assert!(w.advance(4, failed).is_err());
        assert!(w.is_over());
    }

    #[test]
    fn an_empty_list_and_a_start_beyond_the_end_end_quietly() {
        let mut w = walk();
        assert!(w.advance(1, page(1, 0, 0)).is_ok());
        assert!(w.is_over());
        let mut w = walk();
        assert!(w.advance(1, page(1, 1, 0)).is_ok());
        assert!(w.is_over());
        let mut w = walk();
        assert!(w.advance(5, page(5, 3, 0)).is_ok());
        assert!(w.is_over());
    }

    #[test]
    fn a_page_other_than_the_one_asked_for_ends_the_walk() {
        let mut w = walk();
        assert!(w.advance(1, page(1, 3, 2)).is_ok());
        let again = w.advance(2, page(1, 3, 2));
        assert_eq!(
            walk_error(again),
            WalkError::PageMismatch {
                requested: 2,
                answered: 1
            }
        );
        assert!(w.is_over() && w.start().is_none());
    }

    #[test]
    fn an_empty_page_before_the_last_ends_the_walk() {
        let mut w = walk();
        let empty = w.advance(1, page(1, u32::MAX, 0));
        assert_eq!(
            walk_error(empty),
            WalkError::EmptyPage {
                page: 1,
                pages: u32::MAX
            }
        );
        assert!(w.is_over());
    }

    #[test]
    fn a_page_with_items_beyond_the_announced_end_ends_the_walk() {
        let mut w = walk();
        assert_eq!(
            walk_error(
                w.advance(1, page(1, 3, 1))
                    .and_then(|_| w.advance(2, page(2, 1, 1)))
            ),
            WalkError::BeyondLast { page: 2, pages: 1 }
        );
    }

    #[test]
    fn pages_may_shrink_but_not_grow() {
        let mut w = walk();
        assert!(w.advance(1, page(1, 5, 1)).is_ok());
        assert!(w.advance(2, page(2, 3, 1)).is_ok(), "shrinking is fine");
        assert_eq!(w.announced(), Some(3));
        assert_eq!(
            walk_error(w.advance(3, page(3, 4, 1))),
            WalkError::PagesGrew {
                page: 3,
                announced: 3,
                pages: 4
            }
        );
        assert!(w.is_over());
    }

    #[test]
    fn the_page_cap_ends_a_walk_that_would_go_on() {
        let mut w = PageWalk::new(ListSshKeys::default(), 2, None);
        for n in 1..=2 {
            assert_eq!(start(&mut w), Some(Ok(n)));
            assert!(w.advance(n, page(n, 9, 1)).is_ok());
        }
        assert_eq!(
            start(&mut w),
            Some(Err(WalkError::TooManyPages { limit: 2, pages: 9 }))
        );
        assert!(w.is_over() && w.start().is_none());

        // Exactly the cap is not an error.
        let mut w = PageWalk::new(ListSshKeys::default(), 2, None);
        for n in 1..=2 {
            assert_eq!(start(&mut w), Some(Ok(n)));
            assert!(w.advance(n, page(n, 2, 1)).is_ok());
        }
        assert!(w.start().is_none());
    }

    #[test]
    fn a_passed_deadline_ends_the_walk_before_the_next_request() {
        let mut w = PageWalk::new(ListSshKeys::default(), 10, Some(Duration::from_secs(3600)));
        match w.start() {
            Some(Ok((1, _, Some(left)))) => assert!(left <= Duration::from_secs(3600)),
            _ => panic!("the first request starts with time left"),
        }
        assert!(w.advance(1, page(1, 3, 1)).is_ok());
        w.set_deadline(Duration::ZERO);
        assert_eq!(
            start(&mut w),
            Some(Err(WalkError::DeadlineExceeded {
                deadline: Duration::ZERO,
                fetched: 1
            }))
        );
        assert!(w.is_over());
    }

    #[test]
    fn the_last_page_number_ends_the_walk() {
        let begin = ListSshKeys {
            pagination: Pagination::new().page(u32::MAX),
            ..Default::default()
        };
        let mut w = PageWalk::new(begin, 10, None);
        assert!(w.advance(u32::MAX, page(u32::MAX, u32::MAX, 1)).is_ok());
        assert!(w.is_over());
    }
}
