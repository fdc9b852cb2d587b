//! The facade's paths for the clients: the new home (`linode::client`, `linode::Client`) and the
//! paths that named them before they moved out of `linode-requests` (`linode::requests::...`)
//! are the same items, so user code written against either keeps compiling and means the same.

use std::any::TypeId;

struct AnyTransport;

#[test]
fn old_and_new_client_paths_name_the_same_types() {
    let pairs = [
        (
            TypeId::of::<linode::Client<AnyTransport>>(),
            TypeId::of::<linode::requests::Client<AnyTransport>>(),
        ),
        (
            TypeId::of::<linode::client::Client<AnyTransport>>(),
            TypeId::of::<linode::requests::client::Client<AnyTransport>>(),
        ),
        (
            TypeId::of::<linode::BlockingClient<AnyTransport>>(),
            TypeId::of::<linode::requests::BlockingClient<AnyTransport>>(),
        ),
        (
            TypeId::of::<linode::ClientConfig>(),
            TypeId::of::<linode::requests::client::ClientConfig>(),
        ),
        (
            TypeId::of::<linode::ConfigError>(),
            TypeId::of::<linode::requests::ConfigError>(),
        ),
        (
            TypeId::of::<linode::RetryConfig>(),
            TypeId::of::<linode::requests::client::retry::RetryConfig>(),
        ),
        (
            TypeId::of::<linode::client::retry::RetryDecision>(),
            TypeId::of::<linode::requests::client::retry::RetryDecision>(),
        ),
    ];
    for (i, (new, old)) in pairs.iter().enumerate() {
        assert_eq!(new, old, "pair {i} names two different types");
    }
}

#[test]
fn the_transport_traits_keep_their_old_paths() {
    // A transport written against the old paths is a transport for the new ones.
    struct Refuses;
    impl linode::requests::BlockingTransport for Refuses {
        fn send(
            &self,
            _request: http::Request<bytes::Bytes>,
        ) -> Result<http::Response<bytes::Bytes>, linode::requests::TransportError> {
            Err(linode::requests::TransportError::new(
                linode::requests::TransportErrorKind::Connect,
                "no network in this test",
            ))
        }
    }
    let config = linode::ClientConfig::new()
        .with_token("t0ken")
        .map(|c| c.with_retry(linode::requests::RetryConfig::disabled()))
        .map_err(|e| e.to_string());
    let client =
        config.and_then(|c| linode::BlockingClient::new(c, Refuses).map_err(|e| e.to_string()));
    let outcome = client.map(|c| c.send(&linode::profile::GetProfile));
    match outcome {
        Ok(Err(linode::Error::Transport { operation, .. })) => {
            assert_eq!(operation, "profile::GetProfile");
        }
        other => panic!("expected the transport's refusal, got {other:?}"),
    }
}

/// Every type a user names is at the root of the facade, and the prelude has what a typical
/// program needs (this test fails to compile otherwise).
#[test]
fn the_types_a_user_names_are_at_the_root() {
    use linode::prelude::*;
    #[allow(unused_imports)]
    use linode::{
        Applied, ErrorKind, FieldError, FilterField, ListOperation, MoneyString, Order, Page,
        ResponseMeta, Scopes, Secret, Timestamp, TransportError, TransportErrorKind, Update,
    };

    let status: linode::http::StatusCode = linode::http::StatusCode::NOT_FOUND;
    assert_eq!(status.as_u16(), 404);
    let body = linode::bytes::Bytes::from_static(b"{}");
    assert_eq!(body.len(), 2);
    let _ = Filter::default().order_by(linode::profile::SshKeyField::Label, Order::Asc);
    let _: fn(&Error) -> ErrorKind = Error::kind;
    let _: Option<Applied> = None;
    // One documented name for each client; the generic ones for custom transports.
    assert_eq!(
        std::any::TypeId::of::<HyperClient>(),
        std::any::TypeId::of::<linode::Client<linode::HyperTransport>>()
    );
    assert_eq!(
        std::any::TypeId::of::<linode::HyperClient>(),
        std::any::TypeId::of::<linode::hyper_transport::Client>()
    );
}
