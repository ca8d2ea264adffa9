//! Command line: `serve`, the deals as a local web page.

use clap::Args;
use std::net::IpAddr;
use std::path::PathBuf;

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The folder of deals: DIR/deal.yaml and every DIR/*/deal.yaml, DIR/*/*/deal.yaml.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The port to listen on; 0 takes any free port.
    #[arg(long, default_value_t = 8470)]
    pub port: u16,
    /// Also serve the phones of the local network (the photo upload page and its QR code).
    ///
    /// Without it dealguard listens on 127.0.0.1 only. With `--lan` it listens on this
    /// computer's address in the local network (or the address given) as well, and the page
    /// shows a QR code that opens this week's photo upload on a phone. Anyone who scans the
    /// code can upload photos until the server stops: show it to the people it is for.
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "auto", value_parser = parse_lan)]
    pub lan: Option<Lan>,
}

/// `--lan`: this computer's address in the local network, found or given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lan {
    /// `--lan` alone: the address of the interface that routes to the local network.
    Find,
    /// `--lan 192.168.1.20`.
    Addr(IpAddr),
}

fn parse_lan(s: &str) -> Result<Lan, String> {
    if s == "auto" {
        return Ok(Lan::Find);
    }
    s.parse().map(Lan::Addr).map_err(|_| {
        format!("`{s}` is not an IP address; write it as 192.168.1.20, or give `--lan` alone")
    })
}
