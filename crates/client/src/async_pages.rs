//! Lazy pagination for the async client: [`Client::pages`] and [`Client::items`], and the
//! [`Pages`] and [`Items`] streams they return.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::{FusedStream, Stream};
use linode_requests::models::Page;

use linode_requests::{Error, ListOperation};

use crate::async_client::Client;
use crate::page_walk::PageWalk;
use crate::sleep::race;
use crate::transport::Transport;

type OutputFuture<Out> = Pin<Box<dyn Future<Output = Result<Out, Error>> + Send>>;

impl<T: Transport + 'static> Client<T> {
    /// The pages of a list, fetched one at a time as the stream is polled: page `n + 1` is
    /// requested only when page `n` has been taken. Starts at the operation's page (1 if
    /// unset) and ends after the last page or the first error.
    ///
    /// The walk is bounded whatever the server sends: an answer that is not the page asked
    /// for, an empty page before the last, a page count that grows, more pages than the
    /// client's [`max_walk_pages`](crate::ClientConfig::with_max_walk_pages) or a walk past
    /// its [`walk_deadline`](crate::ClientConfig::with_walk_deadline) (the request in flight
    /// is cancelled) ends it with [`Error::Walk`].
    pub fn pages<O, I>(&self, op: O) -> Pages<T, O>
    where
        O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
        I: Send + 'static,
    {
        Pages::new(self.clone(), op)
    }

    /// The items of a list, across pages, holding one page in memory at a time.
    pub fn items<O, I>(&self, op: O) -> Items<T, O, I>
    where
        O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
        I: Send + 'static,
    {
        Items::new(self.pages(op))
    }
}

/// The most pages a walk fetches ahead ([`Pages::prefetch`]).
pub const MAX_PREFETCH: usize = 16;

/// The pages of a list as a [`Stream`]; made by [`Client::pages`].
///
/// Lazy by default: a page is requested only when the stream is polled after the previous
/// page was yielded. With [`Pages::prefetch`]`(n)` the next `n` pages are requested as soon
/// as the number of pages is known, so their round trips overlap the caller's work. Pages are
/// yielded in order either way. Ends after the last page, or after yielding the first error
/// (pages fetched ahead of it are dropped). Dropping the stream cancels whatever is in
/// flight. Use it with `futures::StreamExt`, or with the inherent [`Pages::next`] without
/// any extra crate.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T, O: ListOperation> {
    client: Client<T>,
    /// The next page to request.
    walk: PageWalk<O>,
    /// Requested pages in order, oldest first: the page number and its fetch.
    queue: VecDeque<(u32, Fetch<O::Output>)>,
    /// How many pages may be requested ahead (0: none).
    prefetch: usize,
}

/// A requested page: still being fetched, or fetched and waiting for its turn.
enum Fetch<Out> {
    Running(OutputFuture<Out>),
    Done(Result<Out, Error>),
}

// Nothing is pinned structurally: the operation and the boxed futures move freely.
impl<T, O: ListOperation> Unpin for Pages<T, O> {}

impl<T, O, I> Pages<T, O>
where
    O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
    I: Send + 'static,
    T: Transport + 'static,
{
    fn new(client: Client<T>, op: O) -> Self {
        let config = client.config();
        Self {
            walk: PageWalk::new(op, config.max_walk_pages(), config.walk_deadline()),
            client,
            queue: VecDeque::new(),
            prefetch: 0,
        }
    }

    /// Fetches at most `max` pages (at least 1), instead of the client's
    /// [`max_walk_pages`](crate::ClientConfig::with_max_walk_pages); a walk that reaches it
    /// while more pages are announced ends with
    /// [`WalkError::TooManyPages`](linode_requests::WalkError::TooManyPages).
    pub fn max_pages(mut self, max: u32) -> Self {
        self.walk.set_max_pages(max);
        self
    }

    /// Gives the whole walk `deadline`, from its first request, instead of the client's
    /// [`walk_deadline`](crate::ClientConfig::with_walk_deadline): when it passes, the
    /// request in flight is cancelled and the walk ends with
    /// [`WalkError::DeadlineExceeded`](linode_requests::WalkError::DeadlineExceeded).
    pub fn within(mut self, deadline: std::time::Duration) -> Self {
        self.walk.set_deadline(deadline);
        self
    }

    /// Fetches up to `n` pages ahead of the one the caller has (at most [`MAX_PREFETCH`]):
    /// at most `n + 1` pages are held at once and at most `n` requests are in flight. The
    /// first page is fetched alone (it tells how many there are); `0` (the default) is the
    /// lazy walk.
    ///
    /// Pages fetched ahead still count against the API's rate limit if the walk is dropped
    /// before they are read, so the default stays lazy; see docs/performance.md for the
    /// gain over a slow link. Fetches ahead make progress whenever the stream (or the
    /// [`Items`] over it) is polled.
    pub fn prefetch(mut self, n: usize) -> Self {
        self.prefetch = n.min(MAX_PREFETCH);
        self
    }

    /// The next page, or `None` at the end (no `StreamExt` needed).
    pub async fn next(&mut self) -> Option<Result<Page<I>, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Requests pages until `prefetch` (at least one) are queued. A page beyond the first
    /// in the queue is requested only once the number of pages is known and it exists. A
    /// bound the walk reaches (its page cap, its deadline) is queued as its error, in order.
    fn fill(&mut self) {
        while self.queue.len() < self.prefetch.max(1) {
            let Some(requested) = self.walk.peek() else {
                return;
            };
            let exists = self.walk.announced().is_some_and(|last| requested <= last);
            if !self.queue.is_empty() && !exists {
                return;
            }
            let (requested, op, remaining) = match self.walk.start() {
                None => return,
                Some(Err(bound)) => {
                    self.queue.push_back((requested, Fetch::Done(Err(bound))));
                    return;
                }
                Some(Ok((requested, op, remaining))) => (requested, op.clone(), remaining),
            };
            let client = self.client.clone();
            let late = self.walk.deadline_error();
            let future: OutputFuture<Page<I>> = Box::pin(async move {
                let send = client.send(&op);
                match remaining {
                    None => send.await,
                    Some(left) => race(send, client.transport().sleep(left))
                        .await
                        .unwrap_or(Err(late)),
                }
            });
            self.queue.push_back((requested, Fetch::Running(future)));
            self.walk.request_ahead(requested);
        }
    }

    /// Polls every fetch still running, so all of them make progress.
    fn drive(&mut self, cx: &mut Context<'_>) {
        for (_, fetch) in &mut self.queue {
            if let Fetch::Running(future) = fetch {
                if let Poll::Ready(result) = future.as_mut().poll(cx) {
                    *fetch = Fetch::Done(result);
                }
            }
        }
    }

    /// Takes in the answer for page `requested`: checks it, learns the number of pages,
    /// ends the walk after the last page or an error. Returns what to yield.
    fn settle(&mut self, requested: u32, result: Result<Page<I>, Error>) -> Result<Page<I>, Error> {
        let (result, more) = self.walk.check(requested, result);
        match (&result, more) {
            (Ok(_), true) => {
                // A list that shrank drops the pages fetched beyond its new end.
                let last = self.walk.announced().unwrap_or(u32::MAX);
                self.queue.retain(|(n, _)| *n <= last);
            }
            _ => {
                // Pages after the last (or a failed) one are not yielded: drop (cancel) them.
                self.walk.end();
                self.queue.clear();
            }
        }
        result
    }
}

impl<T, O, I> Stream for Pages<T, O>
where
    O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
    I: Send + 'static,
    T: Transport + 'static,
{
    type Item = Result<Page<I>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        this.fill();
        this.drive(cx);
        match this.queue.front() {
            None => return Poll::Ready(None),
            Some((_, Fetch::Running(_))) => return Poll::Pending,
            Some((_, Fetch::Done(_))) => {}
        }
        let Some((requested, Fetch::Done(result))) = this.queue.pop_front() else {
            return Poll::Pending;
        };
        let result = this.settle(requested, result);
        if this.prefetch > 0 {
            // Ask for the following pages now, while the caller works on this one.
            this.fill();
            this.drive(cx);
        }
        Poll::Ready(Some(result))
    }
}

impl<T, O, I> FusedStream for Pages<T, O>
where
    O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
    I: Send + 'static,
    T: Transport + 'static,
{
    fn is_terminated(&self) -> bool {
        self.walk.is_over() && self.queue.is_empty()
    }
}

/// The items of a list across its pages, as a [`Stream`]; made by [`Client::items`].
///
/// Holds one page in memory; the next page is requested only once every item of the current
/// one has been taken, unless [`Items::prefetch`] asks for pages ahead. Ends after the last item or after yielding the first error.
#[must_use = "streams do nothing unless polled"]
pub struct Items<T, O: ListOperation, I> {
    pages: Pages<T, O>,
    current: std::vec::IntoIter<I>,
}

impl<T, O: ListOperation, I> Unpin for Items<T, O, I> {}

impl<T, O, I> Items<T, O, I>
where
    O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
    I: Send + 'static,
    T: Transport + 'static,
{
    fn new(pages: Pages<T, O>) -> Self {
        Self {
            pages,
            current: Vec::new().into_iter(),
        }
    }

    /// Fetches up to `n` pages ahead of the items being taken (see [`Pages::prefetch`]):
    /// the page being read plus at most `n` more are held.
    pub fn prefetch(mut self, n: usize) -> Self {
        self.pages = self.pages.prefetch(n);
        self
    }

    /// Fetches at most `max` pages (see [`Pages::max_pages`]).
    pub fn max_pages(mut self, max: u32) -> Self {
        self.pages = self.pages.max_pages(max);
        self
    }

    /// Gives the whole walk `deadline` (see [`Pages::within`]).
    pub fn within(mut self, deadline: std::time::Duration) -> Self {
        self.pages = self.pages.within(deadline);
        self
    }

    /// The next item, or `None` at the end (no `StreamExt` needed).
    pub async fn next(&mut self) -> Option<Result<I, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<T, O, I> Stream for Items<T, O, I>
where
    O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
    I: Send + 'static,
    T: Transport + 'static,
{
    type Item = Result<I, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.current.next() {
                if this.pages.prefetch > 0 {
                    // Keep the pages fetched ahead moving while items are taken.
                    this.pages.drive(cx);
                }
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => this.current = page.data.into_iter(),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.current.len(), None)
    }
}

impl<T, O, I> FusedStream for Items<T, O, I>
where
    O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
    I: Send + 'static,
    T: Transport + 'static,
{
    fn is_terminated(&self) -> bool {
        self.current.len() == 0 && self.pages.is_terminated()
    }
}
