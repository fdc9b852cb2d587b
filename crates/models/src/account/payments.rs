//! Payments: list, view, make; PayPal (deprecated).
