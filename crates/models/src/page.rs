//! `Page`: the envelope around every list response.

use serde::{Deserialize, Serialize};

/// One page of a paginated list: the API's envelope around every list response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items on this page.
    pub data: Vec<T>,
    /// This page's number, starting at 1.
    pub page: u32,
    /// How many pages there are in all.
    pub pages: u32,
    /// How many items there are in all, over every page.
    pub results: u32,
}

impl<T> Page<T> {
    /// Whether a page follows this one.
    pub fn has_next(&self) -> bool {
        self.page < self.pages
    }
}
