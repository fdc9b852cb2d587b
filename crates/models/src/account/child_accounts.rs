//! Child accounts (parent/child accounts): list, view, create a proxy token.
