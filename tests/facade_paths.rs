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
