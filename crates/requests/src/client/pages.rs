//! Lazy pagination for the async client: [`Pages`] and [`Items`] streams.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::stream::{FusedStream, Stream};
use linode_models::Page;

use super::async_client::Client;
use super::transport::Transport;
use crate::error::Error;
use crate::operation::ListOperation;

type OutputFuture<Out> = Pin<Box<dyn Future<Output = Result<Out, Error>> + Send>>;

/// Which page comes after `page`, fetched for `requested`, if any. Pages are walked by the
/// number requested (not the number the server echoes), so a confused server cannot make the
/// walk go backwards or repeat forever.
pub(crate) fn next_page<I>(requested: u32, page: &Page<I>) -> Option<u32> {
    if requested < page.pages {
        requested.checked_add(1)
    } else {
        None
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
    /// The operation for the next page to fetch; `None` once the walk is over.
    next: Option<O>,
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
    pub(crate) fn new(client: Client<T>, op: O) -> Self {
        Self {
            client,
            next: Some(op),
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
            let Some(op) = this.next.as_ref() else {
                return Poll::Ready(None);
            };
            let requested = op.pagination().page_number().unwrap_or(1);
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
        match &result {
            Ok(page) => match (next_page(requested, page), this.next.as_mut()) {
                (Some(n), Some(op)) => op.set_page(n),
                _ => this.next = None,
            },
            Err(_) => this.next = None,
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
        self.next.is_none() && self.in_flight.is_none()
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
    pub(crate) fn new(pages: Pages<T, O>) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
