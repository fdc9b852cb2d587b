//! `Page`: the envelope around every list response.

use linode_models_derive::Lossless;

use crate::Extra;

/// One page of a paginated list: the API's envelope around every list response.
///
/// Members of the envelope this version does not know (a cursor, a total the API may add) are
/// kept in `extra` like any model's, and written back when the page is serialized.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
pub struct Page<T> {
    /// The items on this page.
    pub data: Vec<T>,
    /// This page's number, starting at 1.
    pub page: u32,
    /// How many pages there are in all.
    pub pages: u32,
    /// How many items there are in all, over every page.
    pub results: u32,
    /// Members of the envelope this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

impl<T> Page<T> {
    /// Whether a page follows this one.
    pub fn has_next(&self) -> bool {
        self.page < self.pages
    }
}
