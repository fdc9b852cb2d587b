//! Lazy pagination for the blocking client: [`BlockingClient::pages`] and
//! [`BlockingClient::items`], and the iterators they return.

use linode_requests::models::Page;
use linode_requests::{Error, ListOperation};

use crate::blocking_client::BlockingClient;
use crate::page_walk::PageWalk;
use crate::transport::BlockingTransport;

impl<T: BlockingTransport> BlockingClient<T> {
    /// The pages of a list as an iterator, fetched one at a time: page `n + 1` is requested
    /// only when page `n` has been taken. Ends after the last page or the first error.
    ///
    /// The walk is bounded whatever the server sends: an answer that is not the page asked
    /// for, an empty page before the last, a page count that grows, more pages than the
    /// client's [`max_walk_pages`](crate::ClientConfig::with_max_walk_pages) or a walk past
    /// its [`walk_deadline`](crate::ClientConfig::with_walk_deadline) ends it with
    /// [`Error::Walk`]. A request in flight when the deadline passes is not interrupted (the
    /// request timeout bounds it); the walk stops before the next.
    pub fn pages<O, I>(&self, op: O) -> BlockingPages<T, O>
    where
        O: ListOperation<Output = Page<I>>,
    {
        let config = self.config();
        BlockingPages {
            walk: PageWalk::new(op, config.max_walk_pages(), config.walk_deadline()),
            client: self.clone(),
        }
    }

    /// The items of a list across pages, holding one page in memory at a time.
    pub fn items<O, I>(&self, op: O) -> BlockingItems<T, O, I>
    where
        O: ListOperation<Output = Page<I>>,
    {
        BlockingItems {
            pages: self.pages(op),
            current: Vec::new().into_iter(),
        }
    }
}

/// The pages of a list as an [`Iterator`]; made by [`BlockingClient::pages`].
#[must_use = "iterators do nothing unless advanced"]
pub struct BlockingPages<T, O> {
    client: BlockingClient<T>,
    walk: PageWalk<O>,
}

impl<T, O: ListOperation> BlockingPages<T, O> {
    /// Fetches at most `max` pages (at least 1), instead of the client's
    /// [`max_walk_pages`](crate::ClientConfig::with_max_walk_pages); a walk that reaches it
    /// while more pages are announced ends with
    /// [`WalkError::TooManyPages`](linode_requests::WalkError::TooManyPages).
    pub fn max_pages(mut self, max: u32) -> Self {
        self.walk.set_max_pages(max);
        self
    }

    /// Gives the whole walk `deadline`, from its first request, instead of the client's
    /// [`walk_deadline`](crate::ClientConfig::with_walk_deadline). No request starts after
    /// it; one in flight is bounded by the request timeout.
    pub fn within(mut self, deadline: std::time::Duration) -> Self {
        self.walk.set_deadline(deadline);
        self
    }
}

impl<T, O, I> Iterator for BlockingPages<T, O>
where
    T: BlockingTransport,
    O: ListOperation<Output = Page<I>>,
{
    type Item = Result<Page<I>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let (requested, op, _) = match self.walk.start()? {
            Ok(start) => start,
            Err(bound) => return Some(Err(bound)),
        };
        let result = self.client.send(op);
        Some(self.walk.advance(requested, result))
    }
}

impl<T, O, I> std::iter::FusedIterator for BlockingPages<T, O>
where
    T: BlockingTransport,
    O: ListOperation<Output = Page<I>>,
{
}

/// The items of a list across its pages as an [`Iterator`]; made by
/// [`BlockingClient::items`]. The next page is requested only once every item of the
/// current one has been taken. Bounded as [`BlockingClient::pages`] is.
#[must_use = "iterators do nothing unless advanced"]
pub struct BlockingItems<T, O, I> {
    pages: BlockingPages<T, O>,
    current: std::vec::IntoIter<I>,
}

impl<T, O: ListOperation, I> BlockingItems<T, O, I> {
    /// Fetches at most `max` pages (see [`BlockingPages::max_pages`]).
    pub fn max_pages(mut self, max: u32) -> Self {
        self.pages = self.pages.max_pages(max);
        self
    }

    /// Gives the whole walk `deadline` (see [`BlockingPages::within`]).
    pub fn within(mut self, deadline: std::time::Duration) -> Self {
        self.pages = self.pages.within(deadline);
        self
    }
}

impl<T, O, I> Iterator for BlockingItems<T, O, I>
where
    T: BlockingTransport,
    O: ListOperation<Output = Page<I>>,
{
    type Item = Result<I, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = page.data.into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<T, O, I> std::iter::FusedIterator for BlockingItems<T, O, I>
where
    T: BlockingTransport,
    O: ListOperation<Output = Page<I>>,
{
}
