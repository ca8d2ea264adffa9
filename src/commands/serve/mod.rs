//! `dealguard serve`: the deals as a local web page — the portfolio, a deal's documents and
//! problems, the week's form, checking a mail, and (with `--lan`) a phone's photo upload.
//! The YAML files stay the record: the page reads them, writes week files through the same
//! writer as `week new`, and makes documents by running this same binary's commands, so every
//! document and every message is the CLI's own.
//!
//! One thread (tokio's current-thread runtime); slow work (a report, a mail check) runs on
//! tokio's blocking pool. Security is in `guard.rs`: a random token, the `Host` header, the
//! `Origin` of every POST, bounded bodies.

mod deals;
mod guard;
mod i18n;
mod pages;
mod routes;
mod run;

use super::shared::Outcome;
use crate::cli::{Lan, ServeArgs};
use crate::diag::{Diagnostic, Problems};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, UdpSocket};
use std::path::PathBuf;
use std::sync::Arc;

/// What every request handler shares.
pub(crate) struct App {
    /// The folder of deals, canonical.
    pub(crate) root: PathBuf,
    /// The secret every request carries (URL once, then the cookie).
    pub(crate) token: String,
    /// The `Host` header values this server answers to (`127.0.0.1:8470`, `localhost:8470`,
    /// the LAN address with `--lan`).
    pub(crate) hosts: Vec<String>,
    /// The page templates.
    pub(crate) pages: pages::Pages,
    /// This binary, which makes the documents.
    pub(crate) exe: PathBuf,
    /// `http://<LAN address>:<port>` with `--lan`.
    pub(crate) lan: Option<String>,
}

/// `serve`: binds, prints the URL with its token, and serves until interrupted.
pub(super) fn serve_cmd(a: &ServeArgs) -> Outcome {
    let root = std::fs::canonicalize(&a.dir).map_err(|e| {
        Problems::from(
            Diagnostic::error(&a.dir, format!("cannot open the folder of deals: {e}"))
                .hint("give the folder that holds the deal folders: `dealguard serve deals/`"),
        )
    })?;
    let lan_ip = match a.lan {
        None => None,
        Some(Lan::Addr(ip)) => Some(ip),
        Some(Lan::Find) => Some(lan_address().ok_or_else(|| {
            Problems::from(
                Diagnostic::error(&a.dir, "no local-network address found for `--lan`").hint(
                    "give this computer's address in the local network: `--lan 192.168.1.20`",
                ),
            )
        })?),
    };
    let local = bind(
        SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), a.port),
        &a.dir,
    )?;
    let port = local.local_addr().map(|s| s.port()).unwrap_or(a.port);
    // The LAN listener takes the same port, so one URL shape serves both.
    let lan = match lan_ip {
        Some(ip) => Some((bind(SocketAddr::new(ip, port), &a.dir)?, ip)),
        None => None,
    };
    let token = guard::new_token().map_err(|e| {
        Problems::from(Diagnostic::error(
            &a.dir,
            format!("no random token from the system: {e}"),
        ))
    })?;
    let mut hosts = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let lan_url = lan.as_ref().map(|(_, ip)| {
        let host = match ip {
            IpAddr::V6(v6) => format!("[{v6}]:{port}"),
            IpAddr::V4(v4) => format!("{v4}:{port}"),
        };
        hosts.push(host.clone());
        format!("http://{host}")
    });
    let exe = std::env::current_exe().map_err(|e| {
        Problems::from(Diagnostic::error(
            &a.dir,
            format!("cannot find dealguard itself: {e}"),
        ))
    })?;
    let app = Arc::new(App {
        root,
        token,
        hosts,
        pages: pages::Pages::new()?,
        exe,
        lan: lan_url,
    });
    // One write, and no panic when nobody reads standard output any more.
    let mut banner = format!(
        "dealguard serve: open http://127.0.0.1:{port}/?token={} (Ctrl+C stops)\n",
        app.token
    );
    if let Some(u) = &app.lan {
        banner.push_str(&format!(
            "phones of the local network: {u} (the QR code on a week's page)\n"
        ));
    }
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(banner.as_bytes()).and_then(|()| out.flush());
    }
    let listeners: Vec<TcpListener> = std::iter::once(local).chain(lan.map(|(l, _)| l)).collect();
    routes::serve(app, listeners).map_err(|e| {
        Problems::from(Diagnostic::error(
            &a.dir,
            format!("the server stopped: {e}"),
        ))
    })?;
    Ok(Problems::new())
}

/// A listening socket, or the error that says which address is taken.
fn bind(addr: SocketAddr, dir: &std::path::Path) -> Result<TcpListener, Problems> {
    TcpListener::bind(addr).map_err(|e| {
        Problems::from(
            Diagnostic::error(dir, format!("cannot listen on {addr}: {e}"))
                .hint("another program has the port: choose one with `--port 8471`, or `--port 0` for any"),
        )
    })
}

/// The address of the interface that routes to the local network: a UDP socket "connected"
/// to a private address sends nothing, but the system picks the interface and its address.
fn lan_address() -> Option<IpAddr> {
    let s = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    s.connect((Ipv4Addr::new(192, 168, 0, 1), 9)).ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}
