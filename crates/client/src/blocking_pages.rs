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
    pub fn pages<O, I>(&self, op: O) -> BlockingPages<T, O>
    where
        O: ListOperation<Output = Page<I>>,
    {
        BlockingPages {
            client: self.clone(),
            walk: PageWalk::new(op),
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

impl<T, O, I> Iterator for BlockingPages<T, O>
where
    T: BlockingTransport,
    O: ListOperation<Output = Page<I>>,
{
    type Item = Result<Page<I>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let (requested, op) = self.walk.next_request()?;
        let result = self.client.send(op);
        self.walk.advance(requested, &result);
        Some(result)
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
/// current one has been taken.
#[must_use = "iterators do nothing unless advanced"]
pub struct BlockingItems<T, O, I> {
    pages: BlockingPages<T, O>,
    current: std::vec::IntoIter<I>,
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
