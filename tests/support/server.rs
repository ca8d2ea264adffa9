//! A `dealguard serve` started on 127.0.0.1:0 and a small HTTP/1.1 client that speaks to it as
//! a browser would (its cookie, its Origin), for the tests and the `serve` benchmark.

#![allow(dead_code)]

use super::support::{copy_dir, root};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A running server on a temporary folder of deals.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub token: String,
    pub host: String,
    pub dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The deals: the example (weekly, with photos), the Chinese-first fixture, one that does not
/// load.
pub fn deals() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("examples/nordic-home"),
        &t.path().join("nordic-home"),
    );
    copy_dir(
        &root().join("tests/fixtures/valid/shenzhen-zh"),
        &t.path().join("shenzhen-zh"),
    );
    std::fs::create_dir_all(t.path().join("broken")).unwrap();
    std::fs::write(t.path().join("broken/deal.yaml"), "deal:\n  id: [\n").unwrap();
    t
}

impl Server {
    /// A server on copies of the example deals (see [`deals`]).
    pub fn start(extra: &[&str]) -> Server {
        Server::start_in(deals(), extra)
    }

    /// A server on the deals in `dir`.
    pub fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dealguard"))
            .arg("serve")
            .arg(dir.path())
            .args(["--port", "0"])
            .args(extra)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        // "dealguard serve: open http://127.0.0.1:PORT/?token=TOKEN (Ctrl+C stops)"
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        let rest = url.strip_prefix("http://127.0.0.1:").unwrap();
        let (port, token) = rest.split_once("/?token=").unwrap();
        let port: u16 = port.parse().unwrap();
        Server {
            child,
            port,
            token: token.to_string(),
            host: format!("127.0.0.1:{port}"),
            dir,
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.host)
    }

    /// A raw request; `headers` are added to Host (unless given), Connection and Content-Length.
    pub fn raw(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut req = format!(
            "{method} {target} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req.push_str(&format!("Host: {}\r\n", self.host));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let _ = s.write_all(body);
        read_response(&mut s)
    }

    /// A request as the browser sends it after the first visit: the cookie, and on POST the
    /// page's own Origin.
    pub fn req(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        let cookie = format!("dealguard_token={}", self.token);
        let origin = self.origin();
        let mut h: Vec<(&str, &str)> = vec![("Cookie", &cookie)];
        if method == "POST" {
            h.push(("Origin", &origin));
        }
        h.extend_from_slice(headers);
        self.raw(method, target, &h, body)
    }

    pub fn get(&self, target: &str) -> Resp {
        self.req("GET", target, &[], b"")
    }

    pub fn post_form(&self, target: &str, fields: &[(String, String)]) -> Resp {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.req(
            "POST",
            target,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
    }

    pub fn post_multipart(
        &self,
        target: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Resp {
        let (ty, body) = multipart(fields, files);
        self.req("POST", target, &[("Content-Type", &ty)], &body)
    }
}

/// Reads one response: its head, then the body by its length (or chunks, or to the end). A
/// server that answers before reading a whole oversized body may keep the connection open,
/// so the body's length, not the connection's end, says when the response is complete.
pub fn read_response(s: &mut TcpStream) -> Resp {
    s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut all = Vec::new();
    let mut buf = [0u8; 65536];
    let complete = |all: &[u8]| -> bool {
        let Some(end) = all.windows(4).position(|w| w == b"\r\n\r\n") else {
            return false;
        };
        let head = String::from_utf8_lossy(&all[..end]).to_ascii_lowercase();
        let body = &all[end + 4..];
        if let Some(n) = head.lines().find_map(|l| l.strip_prefix("content-length:")) {
            return body.len() >= n.trim().parse::<usize>().unwrap_or(0);
        }
        head.contains("chunked") && body.ends_with(b"0\r\n\r\n")
    };
    while !complete(&all) {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => all.extend_from_slice(&buf[..n]),
        }
    }
    let end = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&all[..end]).into_owned();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = all[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body,
    }
}

pub fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(String::from_utf8_lossy(&b[..nl]).trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + n]);
        b = &b[nl + 2 + n + 2..];
    }
    out
}

pub fn enc(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            o.push(char::from(b));
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "dealguardtestboundary7MA4YWxkTrZu0gW";
    let mut b = Vec::new();
    for (k, v) in fields {
        b.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (k, name, bytes) in files {
        b.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        b.extend_from_slice(bytes);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), b)
}

pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in a tag's text.
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(unescape(&tag[i..j]))
}

/// The fields the form `id` of a page would send, as a browser sends them (checked boxes only,
/// each select's selected option, no file inputs, no submit buttons).
pub fn form_fields(html: &str, id: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("<form id=\"{id}\"")).expect("the form");
    let end = html[start..].find("</form>").unwrap() + start;
    let form = &html[start..end];
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let tag_end = rest.find('>').unwrap();
        let tag = &rest[..tag_end];
        if tag.starts_with("<input") {
            let ty = attr(tag, "type").unwrap_or_default();
            if let Some(name) = attr(tag, "name") {
                let checked = ty != "checkbox" || tag.contains(" checked");
                if ty != "file" && checked {
                    out.push((name, attr(tag, "value").unwrap_or_default()));
                }
            }
        } else if tag.starts_with("<textarea") {
            let name = attr(tag, "name").unwrap();
            let close = rest.find("</textarea>").unwrap();
            out.push((name, unescape(&rest[tag_end + 1..close])));
        } else if tag.starts_with("<select") {
            let name = attr(tag, "name").unwrap();
            let close = rest.find("</select>").unwrap();
            let inner = &rest[..close];
            let selected = inner
                .split("<option")
                .skip(1)
                .find(|o| o.contains(" selected"))
                .or_else(|| inner.split("<option").nth(1))
                .and_then(|o| attr(o, "value"))
                .unwrap_or_default();
            out.push((name, selected));
        }
        rest = &rest[tag_end..];
    }
    out
}

pub fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let f = fields
        .iter_mut()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("no field {name}"));
    f.1 = value.to_string();
}
