//! Lazy pagination for the async client: [`Client::pages`] and [`Client::items`], and the
//! [`Pages`] and [`Items`] streams they return.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::{FusedStream, Stream};
use linode_requests::models::Page;

use linode_requests::{Error, ListOperation};

use crate::async_client::Client;
use crate::page_walk::PageWalk;
use crate::transport::Transport;

type OutputFuture<Out> = Pin<Box<dyn Future<Output = Result<Out, Error>> + Send>>;

impl<T: Transport + 'static> Client<T> {
    /// The pages of a list, fetched one at a time as the stream is polled: page `n + 1` is
    /// requested only when page `n` has been taken. Starts at the operation's page (1 if
    /// unset) and ends after the last page or the first error.
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

/// The pages of a list as a [`Stream`]; made by [`Client::pages`].
///
/// Lazy: a page is requested only when the stream is polled after the previous page was
/// yielded. Ends after the last page, or after yielding the first error. Use it with
/// `futures::StreamExt`, or with the inherent [`Pages::next`] without any extra crate.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T, O: ListOperation> {
    client: Client<T>,
    walk: PageWalk<O>,
    /// The page being fetched: its number and the request's future.
    in_flight: Option<(u32, OutputFuture<O::Output>)>,
}

// Nothing is pinned structurally: the operation and the boxed future move freely.
impl<T, O: ListOperation> Unpin for Pages<T, O> {}

impl<T, O, I> Pages<T, O>
where
    O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
    I: Send + 'static,
    T: Transport + 'static,
{
    fn new(client: Client<T>, op: O) -> Self {
        Self {
            client,
            walk: PageWalk::new(op),
            in_flight: None,
        }
    }

    /// The next page, or `None` at the end (no `StreamExt` needed).
    pub async fn next(&mut self) -> Option<Result<Page<I>, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
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
        if this.in_flight.is_none() {
            let Some((requested, op)) = this.walk.next_request() else {
                return Poll::Ready(None);
            };
            let client = this.client.clone();
            let op = op.clone();
            let future: OutputFuture<Page<I>> = Box::pin(async move { client.send(&op).await });
            this.in_flight = Some((requested, future));
        }
        let Some((requested, future)) = this.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        let requested = *requested;
        let result = match future.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        this.in_flight = None;
        this.walk.advance(requested, &result);
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
        self.walk.is_over() && self.in_flight.is_none()
    }
}

/// The items of a list across its pages, as a [`Stream`]; made by [`Client::items`].
///
/// Holds one page in memory; the next page is requested only once every item of the current
/// one has been taken. Ends after the last item or after yielding the first error.
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
