//! Query strings: pagination, checked before anything is sent.

use core::fmt::Write as _;

use crate::error::BuildError;

/// The smallest `page_size` the API accepts.
pub const MIN_PAGE_SIZE: u32 = 25;
/// The largest `page_size` the API accepts.
pub const MAX_PAGE_SIZE: u32 = 500;

/// Which page of a list to fetch, and how many items a page holds.
///
/// Unset values are not sent: the API then returns page 1 with 100 items. Values are checked
/// when the request is built: page numbers start at 1, and `page_size` must be within
/// `25..=500` ([`MIN_PAGE_SIZE`], [`MAX_PAGE_SIZE`]).
///
/// ```
/// use linode_requests::Pagination;
/// let p = Pagination::new().page(2).page_size(200);
/// assert_eq!(p.page_number(), Some(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pagination {
    page: Option<u32>,
    page_size: Option<u32>,
}

impl Pagination {
    /// No page and no page size: the API's defaults.
    pub const fn new() -> Self {
        Self {
            page: None,
            page_size: None,
        }
    }

    /// Asks for this page (1-based).
    #[must_use]
    pub const fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Asks for pages of this many items (25..=500).
    #[must_use]
    pub const fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// The page asked for, if any.
    pub const fn page_number(&self) -> Option<u32> {
        self.page
    }

    /// The page size asked for, if any.
    pub const fn page_size_value(&self) -> Option<u32> {
        self.page_size
    }

    /// Sets the page in place (used by the pagination streams).
    pub fn set_page(&mut self, page: u32) {
        self.page = Some(page);
    }

    /// Checks the values and writes them to the query string.
    pub fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        if let Some(page) = self.page {
            if page == 0 {
                return Err(BuildError::InvalidPage);
            }
            query.push_u32("page", page);
        }
        if let Some(size) = self.page_size {
            if !(MIN_PAGE_SIZE..=MAX_PAGE_SIZE).contains(&size) {
                return Err(BuildError::InvalidPageSize { page_size: size });
            }
            query.push_u32("page_size", size);
        }
        Ok(())
    }
}

/// Appends `key=value` pairs to a URL being built.
#[derive(Debug)]
pub struct QueryWriter<'a> {
    url: &'a mut String,
    has_query: bool,
}

impl<'a> QueryWriter<'a> {
    pub(crate) fn new(url: &'a mut String) -> Self {
        Self {
            url,
            has_query: false,
        }
    }

    fn separator(&mut self) {
        self.url.push(if self.has_query { '&' } else { '?' });
        self.has_query = true;
    }

    /// Appends a numeric parameter.
    pub fn push_u32(&mut self, key: &'static str, value: u32) {
        self.separator();
        self.url.push_str(key);
        self.url.push('=');
        let _ = write!(self.url, "{value}");
    }

    /// Appends a text parameter, percent-encoded.
    pub fn push_str(&mut self, key: &'static str, value: &str) {
        self.separator();
        self.url.push_str(key);
        self.url.push('=');
        self.url.extend(percent_encoding::utf8_percent_encode(
            value,
            percent_encoding::NON_ALPHANUMERIC,
        ));
    }
}
