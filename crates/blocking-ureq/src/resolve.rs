//! Name resolution for the agent: IP addresses as they are, names looked up once a minute.
//!
//! ureq looks the host up before every request, even one that then goes over a pooled
//! connection, and while a timeout is in force (the request timeout always is) its default
//! resolver does each lookup on a new thread, so that a slow lookup can be abandoned. A thread
//! and a lookup per request cost more than a whole loopback exchange (and a DNS query per
//! request against the real API). So [`CachingResolver`]:
//! - answers a host that is an IP address (`127.0.0.1`, `[::1]`) at once;
//! - keeps the addresses of a name for [`DNS_CACHE_TTL`] (curl's default), looking names up
//!   with ureq's resolver (thread and timeout included) only when they are not cached;
//! - forgets everything when the transport fails to connect ([`DnsCache::clear`]), so a retry
//!   looks the name up again.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use ureq::config::{Config, IpFamily};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long the addresses of a name are reused.
pub(crate) const DNS_CACHE_TTL: Duration = Duration::from_secs(60);

/// At most this many names are remembered (an API client talks to one or two).
const DNS_CACHE_ENTRIES: usize = 16;

/// Host, port and IP family (as a number: `IpFamily` is not `Hash`).
type Key = (String, u16, u8);

fn family_code(family: IpFamily) -> u8 {
    match family {
        IpFamily::Any => 0,
        IpFamily::Ipv4Only => 4,
        IpFamily::Ipv6Only => 6,
    }
}

/// The addresses of recently resolved names; clones share the same cache.
#[derive(Debug, Clone, Default)]
pub(crate) struct DnsCache(Arc<Mutex<HashMap<Key, (Instant, ResolvedSocketAddrs)>>>);

impl DnsCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, (Instant, ResolvedSocketAddrs)>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self, key: &Key, now: Instant) -> Option<ResolvedSocketAddrs> {
        let cache = self.lock();
        let (at, addrs) = cache.get(key)?;
        (now.saturating_duration_since(*at) < DNS_CACHE_TTL).then(|| addrs.clone())
    }

    fn insert(&self, key: Key, addrs: ResolvedSocketAddrs, now: Instant) {
        let mut cache = self.lock();
        cache.retain(|_, (at, _)| now.saturating_duration_since(*at) < DNS_CACHE_TTL);
        if cache.len() >= DNS_CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, (now, addrs));
    }

    /// Forgets every name.
    pub(crate) fn clear(&self) {
        self.lock().clear();
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    #[cfg(test)]
    pub(crate) fn insert_for_test(&self, host: &str) {
        let addr: SocketAddr = "192.0.2.1:443".parse().unwrap();
        let mut addrs = ResolvedSocketAddrs::from_fn(|_| addr);
        addrs.push(addr);
        self.insert(
            (host.to_owned(), 443, family_code(IpFamily::Any)),
            addrs,
            Instant::now(),
        );
    }
}

/// The agent's resolver: see the module documentation.
#[derive(Debug)]
pub(crate) struct CachingResolver {
    cache: DnsCache,
}

impl CachingResolver {
    pub(crate) fn new(cache: DnsCache) -> Self {
        Self { cache }
    }

    /// Resolves `uri` at `now`, calling `lookup` only for a name that is not cached.
    fn resolve_with(
        &self,
        uri: &http::Uri,
        config: &Config,
        now: Instant,
        lookup: impl FnOnce() -> Result<ResolvedSocketAddrs, ureq::Error>,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let family = config.ip_family();
        let Some((host, port)) = host_and_port(uri) else {
            // Not a full URL: ureq's resolver reports it.
            return lookup();
        };
        if let Ok(ip) = host.parse::<IpAddr>() {
            let mut addrs = self.empty();
            for addr in family.keep_wanted(std::iter::once(SocketAddr::new(ip, port))) {
                addrs.push(addr);
            }
            if addrs.is_empty() {
                // An IPv6 address with `Ipv4Only` (or the reverse): nothing to connect to.
                return Err(ureq::Error::HostNotFound);
            }
            return Ok(addrs);
        }
        let key = (host.to_owned(), port, family_code(family));
        if let Some(addrs) = self.cache.get(&key, now) {
            return Ok(addrs);
        }
        let addrs = lookup()?;
        self.cache.insert(key, addrs.clone(), now);
        Ok(addrs)
    }
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &http::Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        self.resolve_with(uri, config, Instant::now(), || {
            DefaultResolver::default().resolve(uri, config, timeout)
        })
    }
}

/// The host (without the brackets of an IPv6 address) and port of a full URL, with the
/// scheme's default port when none is given.
fn host_and_port(uri: &http::Uri) -> Option<(&str, u16)> {
    let host = uri.host()?;
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let port = match (uri.port_u16(), uri.scheme_str()) {
        (Some(port), _) => port,
        (None, Some("http")) => 80,
        (None, Some("https")) => 443,
        (None, _) => return None,
    };
    Some((host, port))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn addrs(list: &[&str]) -> ResolvedSocketAddrs {
        let mut out = CachingResolver::new(DnsCache::default()).empty();
        for a in list {
            out.push(a.parse().unwrap());
        }
        out
    }

    fn uri(text: &str) -> http::Uri {
        text.parse().unwrap()
    }

    #[test]
    fn hosts_and_ports_come_from_the_url() {
        assert_eq!(
            host_and_port(&uri("http://127.0.0.1:8080/v4")),
            Some(("127.0.0.1", 8080))
        );
        assert_eq!(
            host_and_port(&uri("https://api.linode.com/v4")),
            Some(("api.linode.com", 443))
        );
        assert_eq!(
            host_and_port(&uri("http://example.test/")),
            Some(("example.test", 80))
        );
        assert_eq!(
            host_and_port(&uri("http://[::1]:4000/")),
            Some(("::1", 4000))
        );
        assert_eq!(host_and_port(&uri("/v4/profile")), None);
    }

    #[test]
    fn addresses_are_answered_without_a_lookup() {
        let resolver = CachingResolver::new(DnsCache::default());
        let config = Config::default();
        let now = Instant::now();
        let never = || -> Result<ResolvedSocketAddrs, ureq::Error> {
            panic!("an IP address needs no lookup")
        };
        let got = resolver
            .resolve_with(&uri("http://127.0.0.1:9/"), &config, now, never)
            .unwrap();
        assert_eq!(&got[..], &addrs(&["127.0.0.1:9"])[..]);
        let got = resolver
            .resolve_with(&uri("https://[::1]/"), &config, now, never)
            .unwrap();
        assert_eq!(&got[..], &addrs(&["[::1]:443"])[..]);
        // The IP family setting still applies.
        let v4_only = Config::builder().ip_family(IpFamily::Ipv4Only).build();
        assert!(matches!(
            resolver.resolve_with(&uri("http://[::1]:9/"), &v4_only, now, never),
            Err(ureq::Error::HostNotFound)
        ));
        assert!(resolver.cache.is_empty());
    }

    #[test]
    fn names_are_looked_up_once_per_ttl() {
        let resolver = CachingResolver::new(DnsCache::default());
        let config = Config::default();
        let lookups = Cell::new(0);
        let lookup = || {
            lookups.set(lookups.get() + 1);
            Ok(addrs(&["192.0.2.10:443", "192.0.2.11:443"]))
        };
        let start = Instant::now();
        let api = uri("https://api.example.test/v4/profile");
        for offset in [0, 1, 59] {
            let got = resolver
                .resolve_with(&api, &config, start + Duration::from_secs(offset), lookup)
                .unwrap();
            assert_eq!(got.len(), 2);
        }
        assert_eq!(lookups.get(), 1);
        // Another port or name is another entry.
        let other = uri("https://api.example.test:8443/v4");
        resolver
            .resolve_with(&other, &config, start, lookup)
            .unwrap();
        assert_eq!(lookups.get(), 2);
        // Once the TTL is over, the name is looked up again.
        resolver
            .resolve_with(&api, &config, start + DNS_CACHE_TTL, lookup)
            .unwrap();
        assert_eq!(lookups.get(), 3);
        // After `clear` (a failed connection), too.
        resolver.cache.clear();
        resolver
            .resolve_with(&api, &config, start + DNS_CACHE_TTL, lookup)
            .unwrap();
        assert_eq!(lookups.get(), 4);
    }

    #[test]
    fn failed_lookups_are_not_cached() {
        let resolver = CachingResolver::new(DnsCache::default());
        let config = Config::default();
        let now = Instant::now();
        let api = uri("https://api.example.test/v4");
        let err = resolver.resolve_with(&api, &config, now, || Err(ureq::Error::HostNotFound));
        assert!(matches!(err, Err(ureq::Error::HostNotFound)));
        assert!(resolver.cache.is_empty());
        let ok = resolver.resolve_with(&api, &config, now, || Ok(addrs(&["192.0.2.1:443"])));
        assert!(ok.is_ok());
    }

    #[test]
    fn the_cache_stays_small() {
        let cache = DnsCache::default();
        let now = Instant::now();
        for i in 0..100 {
            cache.insert(
                (format!("host-{i}.example.test"), 443, 0),
                addrs(&["192.0.2.1:443"]),
                now,
            );
            assert!(cache.lock().len() <= DNS_CACHE_ENTRIES);
        }
    }

    #[test]
    fn a_real_name_resolves_through_ureq() {
        // `localhost` needs no network.
        let resolver = CachingResolver::new(DnsCache::default());
        let got = resolver
            .resolve(
                &uri("http://localhost:9/"),
                &Config::default(),
                NextTimeout::default(),
            )
            .unwrap();
        assert!(!got.is_empty());
        assert!(got.iter().all(|a| a.ip().is_loopback() && a.port() == 9));
        assert!(!resolver.cache.is_empty());
    }
}
