//! Payment methods: list, view, add, delete, make default; credit card (deprecated).
