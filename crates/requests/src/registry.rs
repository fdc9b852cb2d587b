//! Every operation's metadata in one list, and a router from (method, path) to it.
//!
//! The list is what `docs/operations.md` is checked against, what the conformance runner and
//! the fake server route with, and what the tests walk to be sure no operation is missed.

use crate::meta::Method;
use crate::path::match_template;

pub use crate::operation_info::OperationInfo;

/// Lists each request module's operations under the module's path.
macro_rules! modules {
    ($($group:ident :: $module:ident),+ $(,)?) => {
        &[$((
            concat!(stringify!($group), "::", stringify!($module)),
            crate::$group::$module::OPERATIONS,
        )),+]
    };
}

/// Every request module (`"account::payments"`) with its operations.
static MODULES: &[(&str, &[OperationInfo])] = modules![
    profile::details,
    profile::tokens,
    profile::apps,
    profile::devices,
    profile::grants,
    profile::logins,
    profile::phone,
    profile::preferences,
    profile::security_questions,
    profile::ssh_keys,
    profile::tfa,
    account::details,
    account::settings,
    account::events,
    account::notifications,
    account::maintenance,
    account::invoices,
    account::payments,
    account::payment_methods,
    account::promotions,
    account::logins,
    account::users,
    account::oauth_clients,
    account::entity_transfers,
    account::service_transfers,
    account::agreements,
    account::availability,
    account::betas,
    account::child_accounts,
];

/// Every operation this SDK implements.
pub fn operations() -> impl Iterator<Item = &'static OperationInfo> {
    MODULES.iter().flat_map(|(_, group)| group.iter())
}

/// Every request module, as its path under the crate (`"account::payments"`, the file
/// `src/account/payments.rs`), with its operations. Tests that follow the same tree (the
/// fake's handlers, fixtures, end-to-end scenarios) check themselves against it.
pub fn modules() -> impl Iterator<Item = (&'static str, &'static [OperationInfo])> {
    MODULES.iter().copied()
}

/// The request module of the operation with this `operationId` (`"account::payments"`).
pub fn module_of(id: &str) -> Option<&'static str> {
    MODULES
        .iter()
        .find(|(_, group)| group.iter().any(|info| info.meta.id == id))
        .map(|(module, _)| *module)
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
    for info in operations() {
        if info.meta.method != method {
            continue;
        }
        if let Some(params) = match_template(info.meta.path, path) {
            return Some(Route { info, params });
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
            // The module is the name's group: `account::payments` holds `account::...`.
            let module = module_of(m.id).unwrap_or_default();
            assert!(
                m.name.starts_with(module.split("::").next().unwrap_or("?")),
                "{}",
                m.name
            );
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
