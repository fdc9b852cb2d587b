//! "Sign in with Linode" end to end, against a fake Linode on 127.0.0.1: the OAuth code flow
//! with a local callback listener, then a call with the token, a refresh and a revocation.
//!
//!     cargo run --example oauth_login
//!
//! A real app does the same against the login service: register an OAuth client
//! (`CreateOAuthClient`) whose redirect URI is your callback, open the authorization URL in
//! the user's browser, and wait for the callback. Here the example plays the browser: it
//! follows the fake login service's redirect to the callback itself.

use std::time::Duration;

use bytes::Bytes;
use linode::account::CreateOAuthClient;
use linode::models::account::OAuthClientCreate;
use linode::models::Scopes;
use linode::profile::GetProfile;
use linode::requests::login::OAuthApp;
use linode::{ClientConfig, Transport as _};
use linode_fake::FakeLinode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let fake = FakeLinode::start().await?;
    let config = ClientConfig::new()
        .with_base_url(fake.url())?
        .with_request_timeout(Duration::from_secs(5));
    // The app's owner registers it once, with the account's token.
    let admin = linode::HyperClient::from_config(config.clone().with_token(fake.token())?)?;

    // 1. The callback: a listener on a free loopback port, registered as the redirect URI.
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let redirect_uri = format!("http://{}/callback", listener.local_addr()?);
    let registered = admin
        .send(&CreateOAuthClient {
            body: OAuthClientCreate::new("oauth-login-example", redirect_uri.as_str()),
        })
        .await?;
    let app = OAuthApp::new(registered.id.as_str())?
        .with_secret(registered.secret)
        .with_redirect_uri(redirect_uri.as_str())?
        .with_login_url(fake.url())?;
    let callback = tokio::spawn(receive_callback(listener));

    // 2. The authorization URL, with a random `state` (and PKCE for an app without secret).
    let login = app.authorize(&Scopes::none().read_only("account"))?;
    println!(
        "authorize at   {}",
        login.url().split('?').next().unwrap_or("")
    );

    // 3. The browser: the login service signs the user in and redirects to the callback.
    let app_client = linode::HyperClient::from_config(config)?;
    let approved = app_client.transport().send(get(login.url())?).await?;
    let location = approved
        .headers()
        .get(http::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .ok_or("the login service did not redirect")?;
    app_client.transport().send(get(location)?).await?;
    let query = callback.await??;

    // 4. The callback checks the state and hands out the code; the app exchanges it.
    let code = login.callback(&query)?;
    let token = app_client.exchange_login_code(&app, &code, &login).await?;
    let scopes = token.scopes.clone().unwrap_or_default();
    println!("signed in      scopes {scopes}");

    // 5. A call with the user's token.
    let user = app_client.acting_as(std::sync::Arc::new(linode::client::auth::StaticToken::new(
        token.access_token.clone(),
    )?));
    let me = user.send(&GetProfile).await?;
    println!("hello          {}", me.username);

    // 6. Refresh (OAuthRefresher does this by itself before expiry), then revoke.
    let refresh = token.refresh_token.as_ref().ok_or("no refresh token")?;
    let refreshed = app_client.refresh_login(&app, refresh).await?;
    println!(
        "refreshed      expires {}",
        refreshed
            .expires_at
            .map_or("never".to_owned(), |at| at.to_string())
    );
    app_client
        .revoke_login(&app, &refreshed.access_token)
        .await?;
    let revoked = app_client
        .acting_as(std::sync::Arc::new(linode::client::auth::StaticToken::new(
            refreshed.access_token,
        )?))
        .send(&GetProfile)
        .await;
    match revoked {
        Err(e) if e.status() == Some(http::StatusCode::UNAUTHORIZED) => {
            println!("revoked        the token is refused now");
            Ok(())
        }
        other => Err(format!("the revoked token still works: {other:?}").into()),
    }
}

fn get(url: &str) -> Result<http::Request<Bytes>, http::Error> {
    http::Request::get(url)
        .header(
            http::header::USER_AGENT,
            "oauth-login-example (the browser)",
        )
        .body(Bytes::new())
}

/// Serves one request on the callback listener and returns its query (`code=...&state=...`).
async fn receive_callback(listener: TcpListener) -> Result<String, BoxError> {
    let (mut stream, _) = listener.accept().await?;
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 || head.len() > 16 * 1024 {
            return Err("the callback request ended early".into());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let target = head
        .lines()
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .ok_or("the callback request has no target")?;
    let query = target.split_once('?').map_or("", |(_, q)| q).to_owned();
    let page = "Signed in. You can close this window.";
    let answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
        page.len()
    );
    stream.write_all(answer.as_bytes()).await?;
    stream.shutdown().await?;
    Ok(query)
}
