//! The account itself: view, update, cancel; network transfer.
