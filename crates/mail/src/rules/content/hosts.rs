//! Verify stage, links: the hosts that change what a link means — the one documented list of
//! file-sharing and e-signature hosts (where a "View invoice" button leads to a fake login),
//! of URL shorteners (which hide where a link goes) and of newsletter click-tracking hosts
//! (which hide it for an ordinary reason).

/// File-sharing, e-signature and free web-hosting services: anyone can put a page there that
/// looks like a party's document behind a login. Matched as the host or a domain it is under.
pub(super) const FILE_SHARING: &[&str] = &[
    "docs.google.com",
    "drive.google.com",
    "sites.google.com",
    "storage.googleapis.com",
    "firebasestorage.googleapis.com",
    "firebaseapp.com",
    "web.app",
    "dropbox.com",
    "dropboxusercontent.com",
    "db.tt",
    "1drv.ms",
    "onedrive.live.com",
    "sharepoint.com",
    "wetransfer.com",
    "we.tl",
    "box.com",
    "app.box.com",
    "docusign.net",
    "docusign.com",
    "hellosign.com",
    "dropboxsign.com",
    "adobesign.com",
    "echosign.com",
    "documentcloud.adobe.com",
    "acrobat.adobe.com",
    "notion.site",
    "pages.dev",
    "workers.dev",
    "netlify.app",
    "vercel.app",
    "github.io",
    "glitch.me",
    "ipfs.io",
    "dweb.link",
    "cloudflare-ipfs.com",
    "mediafire.com",
    "mega.nz",
    "sendspace.com",
    "filemail.com",
    "jumpshare.com",
    "canva.site",
    "wixsite.com",
    "weebly.com",
    "000webhostapp.com",
    "azurewebsites.net",
    "blob.core.windows.net",
    "s3.amazonaws.com",
    "pan.baidu.com",
    "weiyun.com",
    "lanzoux.com",
    "feishu.cn",
    "larksuite.com",
    "docs.qq.com",
    "jinshuju.net",
    "wjx.cn",
];

/// URL shorteners: the reader cannot see where the link goes.
pub(super) const SHORTENERS: &[&str] = &[
    "bit.ly",
    "bitly.com",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "v.gd",
    "buff.ly",
    "rebrand.ly",
    "cutt.ly",
    "t.ly",
    "shorturl.at",
    "rb.gy",
    "tiny.cc",
    "s.id",
    "bl.ink",
    "short.io",
    "t.cn",
    "url.cn",
    "dwz.cn",
    "suo.im",
    "qrco.de",
    "qr.io",
    "qrs.ly",
    "shorturl.asia",
    "tinu.be",
    "lnkd.in",
];

/// Click-tracking services of newsletters, matched as a domain the host is under.
const TRACKERS: &[&str] = &[
    "list-manage.com",
    "ct.sendgrid.net",
    "sendgrid.net",
    "mailgun.org",
    "mandrillapp.com",
    "mcsv.net",
    "rs6.net",
    "hubspotlinks.com",
    "hs-sites.com",
    "exacttarget.com",
    "mailchimp.com",
    "klclick.com",
    "klclick1.com",
    "sailthru.com",
    "mlsend.com",
    "createsend1.com",
    "cmail19.com",
    "cmail20.com",
    "awstrack.me",
    "sparkpostmail.com",
    "mjt.lu",
    "sendibt3.com",
    "brevo.com",
    "edm.aliyun.com",
];

/// First labels of a sender's own tracking host (`click.nordichome.se`, `email.mg.x.com`).
const TRACKING_LABELS: &[&str] = &[
    "click", "clicks", "email", "links", "link", "track", "trk", "go", "t",
];

/// Whether `host` is `entry` or under it.
fn under(host: &str, entry: &str) -> bool {
    host == entry || host.strip_suffix(entry).is_some_and(|h| h.ends_with('.'))
}

/// Whether `host` is on one of `list`.
pub(super) fn listed(host: &str, list: &[&str]) -> bool {
    list.iter().any(|e| under(host, e))
}

/// Whether `host` is a newsletter's click-tracking host.
pub(super) fn is_tracker(host: &str) -> bool {
    let first = host.split('.').next().unwrap_or_default();
    listed(host, TRACKERS) || (TRACKING_LABELS.contains(&first) && host.split('.').count() >= 3)
}
