//! Every operation's metadata in one list, and a router from (method, path) to it.
//!
//! The list is what `docs/operations.md` is checked against, what the conformance runner and
//! the fake server route with, and what the tests walk to be sure no operation is missed.

use crate::meta::Method;
use crate::path::decode_segment;

pub use crate::operation_info::OperationInfo;

static GROUPS: &[&[OperationInfo]] = &[
    crate::profile::details::OPERATIONS,
    crate::profile::tokens::OPERATIONS,
    crate::profile::apps::OPERATIONS,
    crate::profile::devices::OPERATIONS,
    crate::profile::grants::OPERATIONS,
    crate::profile::logins::OPERATIONS,
    crate::profile::phone::OPERATIONS,
    crate::profile::preferences::OPERATIONS,
    crate::profile::security_questions::OPERATIONS,
    crate::profile::ssh_keys::OPERATIONS,
    crate::profile::tfa::OPERATIONS,
    crate::account::details::OPERATIONS,
    crate::account::settings::OPERATIONS,
    crate::account::events::OPERATIONS,
    crate::account::notifications::OPERATIONS,
    crate::account::maintenance::OPERATIONS,
    crate::account::invoices::OPERATIONS,
    crate::account::payments::OPERATIONS,
    crate::account::payment_methods::OPERATIONS,
    crate::account::promotions::OPERATIONS,
    crate::account::logins::OPERATIONS,
    crate::account::users::OPERATIONS,
    crate::account::oauth_clients::OPERATIONS,
    crate::account::entity_transfers::OPERATIONS,
    crate::account::service_transfers::OPERATIONS,
    crate::account::agreements::OPERATIONS,
    crate::account::availability::OPERATIONS,
    crate::account::betas::OPERATIONS,
    crate::account::child_accounts::OPERATIONS,
];

/// Every operation this SDK implements.
pub fn operations() -> impl Iterator<Item = &'static OperationInfo> {
    GROUPS.iter().flat_map(|group| group.iter())
}

/// The operation with this spec `operationId`.
pub fn by_id(id: &str) -> Option<&'static OperationInfo> {
    operations().find(|info| info.meta.id == id)
}

/// An operation matched by [`route`], with its decoded path parameters.
#[derive(Debug, Clone)]
pub struct Route {
    /// The operation.
    pub info: &'static OperationInfo,
    /// The path parameters, decoded, in template order.
    pub params: Vec<String>,
}

/// Finds the operation a request addresses.
///
/// `path` may start with `/v4` or `/v4beta` (or be the bare path, `/profile/sshkeys`), and may
/// carry a query string (ignored). Parameters are percent-decoded; literal segments must
/// match exactly.
pub fn route(method: &http::Method, path: &str) -> Option<Route> {
    let method = Method::from_http(method)?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = ["/v4beta", "/v4"]
        .iter()
        .find_map(|v| {
            path.strip_prefix(v)
                .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        })
        .unwrap_or(path);
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    'entries: for info in operations() {
        if info.meta.method != method {
            continue;
        }
        let mut template = info.meta.path.split('/');
        let mut segments = path.split('/');
        let mut params = Vec::new();
        loop {
            match (template.next(), segments.next()) {
                (None, None) => return Some(Route { info, params }),
                (Some(t), Some(s)) if t.starts_with('{') => {
                    if s.is_empty() {
                        continue 'entries;
                    }
                    match decode_segment(s) {
                        Some(value) => params.push(value),
                        None => continue 'entries,
                    }
                }
                (Some(t), Some(s)) if t == s => {}
                _ => continue 'entries,
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::{expand, PathParams};
    use std::collections::HashSet;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut ids = HashSet::new();
        let mut names = HashSet::new();
        for info in operations() {
            let m = &info.meta;
            assert!(ids.insert(m.id), "duplicate id {}", m.id);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(
                m.name.starts_with("profile::") || m.name.starts_with("account::"),
                "{}",
                m.name
            );
            assert!(
                m.path.starts_with('/') && !m.path.ends_with('/'),
                "{}",
                m.path
            );
            assert!(!m.summary.is_empty(), "{} has no summary", m.id);
            // Two methods, two defaults: a POST is not idempotent unless it says why.
            if m.method == Method::Get {
                assert!(m.idempotent, "{} is a GET", m.id);
            }
            assert_eq!(by_id(m.id).map(|i| i.meta.name), Some(m.name));
        }
    }

    #[test]
    fn every_operation_routes_back_to_itself_even_with_hostile_params() {
        for info in operations() {
            let m = &info.meta;
            for value in ["42", "a/b", "..", "x?y#z", "100%", "jürgen"] {
                let params = match m.path_param_count() {
                    0 => PathParams::none(),
                    1 => PathParams::one(value),
                    _ => PathParams::two(value, value),
                };
                let mut path = String::from("/v4");
                expand(&mut path, m.path, params).expect("expands");
                let found = route(&m.method.to_http(), &path)
                    .unwrap_or_else(|| panic!("{path} does not route"));
                assert_eq!(found.info.meta.id, m.id, "{path}");
                assert!(found.params.iter().all(|p| p == value), "{path}");
            }
        }
    }

    #[test]
    fn unknown_paths_and_methods_do_not_route() {
        assert!(route(&http::Method::GET, "/v4/profile/sshkeys/1/extra").is_none());
        assert!(route(&http::Method::PATCH, "/v4/profile/sshkeys/1").is_none());
        assert!(route(&http::Method::GET, "/v5/profile/sshkeys").is_none());
        assert!(route(&http::Method::GET, "/v4/profile/sshkeys//").is_none());
        assert!(route(&http::Method::GET, "/v4/profile/sshkeys?page=2").is_some());
    }
}

#[cfg(test)]
mod never_panics {
    use super::*;
    use bytes::Bytes;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any status, any headers, any body: every operation's parser answers, never panics.
        #[test]
        fn parsing_any_response_never_panics(
            status in 100u16..600,
            content_type in prop_oneof![Just("application/json".to_owned()), Just("image/png".to_owned()), Just("text/html".to_owned()), ".{0,20}"],
            retry_after in ".{0,8}",
            body in prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..256),
                ".{0,200}".prop_map(String::into_bytes),
                Just(br#"{"errors": [{"field": null, "reason": 5}]}"#.to_vec()),
                Just(br#"{"data": [{}], "page": -1, "pages": "x", "results": 1e400}"#.to_vec()),
            ],
        ) {
            for info in operations() {
                let mut builder = http::Response::builder().status(status);
                if let Ok(v) = http::HeaderValue::from_str(&content_type) {
                    builder = builder.header("content-type", v);
                }
                if let Ok(v) = http::HeaderValue::from_str(&retry_after) {
                    builder = builder.header("retry-after", v);
                }
                let Ok(response) = builder.body(Bytes::from(body.clone())) else { continue };
                let outcome = info.parse_to_json(response);
                if let Err(e) = outcome {
                    // Every error renders, and says which operation it is about.
                    prop_assert!(!e.to_string().is_empty());
                }
            }
        }
    }
}
