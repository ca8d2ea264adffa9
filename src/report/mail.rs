//! Render stage: the weekly report as an e-mail to the buyer — a short cover text in each of
//! the buyer's languages, as the letter's (week, status, completion, shipment, the buyer's
//! actions, the channel rule), with the report PDF attached; its HTML part by the letter's
//! e-mail-safe writer (`render::markup`), the message by the one mail writer (`render::eml`).

use super::compose::pct;
use crate::profile::deal::{Contact, Profile};
use crate::profile::week::schedule::overall;
use crate::profile::week::LoadedWeek;
use crate::profile::{Lang, Langs};
use crate::render::eml::{self, Attachment, Mailbox, Message};
use crate::render::markup::{self, Doc, Inline, Line, Node};
use crate::render::templates::{self, Labels};
use sha2::{Digest, Sha256};

/// What the mail is made of besides the deal and the week.
pub struct Mail<'a> {
    /// The report PDF, attached as it is.
    pub pdf: &'a [u8],
    /// The PDF's file name.
    pub filename: &'a str,
    /// Seconds since 1970 (UTC) the mail is dated.
    pub timestamp: i64,
}

/// A paragraph of the cover text: lines, or a list of items.
enum Para {
    Lines(Vec<String>),
    List(String, Vec<String>),
}

/// The report's e-mail: from the week's preparer (when a seller contact), else the sales
/// contact; to every buyer contact; the cover text in each of `langs` (the buyer's: see
/// `commands::reader_langs`); the PDF attached.
pub fn eml(p: &Profile, week: &LoadedWeek, langs: &Langs, labels: &Labels, m: &Mail) -> Vec<u8> {
    let covers: Vec<(Lang, Vec<Para>)> = (langs.list().iter())
        .map(|l| (*l, cover(p, week, *l, labels)))
        .collect();
    let text = text(&covers);
    let subject = format!(
        "{} {} #{} — {}",
        p.deal.id,
        super::stamp(p, week),
        week.week.number,
        labels.get("title")
    );
    let domain = crate::render::letters::id_domain(p);
    let mut h = Sha256::new();
    h.update(p.deal.id.as_bytes());
    h.update(week.iso.label().as_bytes());
    h.update(text.as_bytes());
    h.update(m.pdf);
    let hex: String = h.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let message = Message {
        from: sender(p, &week.week.prepared_by, langs),
        to: p.buyer.contacts.iter().map(|c| mailbox(c, langs)).collect(),
        cc: Vec::new(),
        html: html(&subject, &covers),
        subject,
        date: m.timestamp,
        // China Standard Time: the seller writes from there (as the letter does).
        utc_offset_minutes: if p.seller.country == "CN" { 480 } else { 0 },
        message_id: format!(
            "{hex}.{}.{}@{domain}",
            p.deal.id.to_ascii_lowercase(),
            week.iso.label().to_ascii_lowercase()
        ),
        text,
    };
    let pdf = Attachment {
        filename: m.filename.to_string(),
        content_type: "application/pdf".into(),
        bytes: m.pdf.to_vec(),
    };
    eml::render_with(&message, &[pdf])
}

/// "Li Wei 李伟" at the contact's address.
fn mailbox(c: &Contact, langs: &Langs) -> Mailbox {
    Mailbox {
        name: langs.distinct(|l| c.display_name(l).to_string()).join(" "),
        address: c.email.clone(),
    }
}

/// The week's preparer when a seller contact by that name has an address, else the sales
/// contact, else the seller's security contact.
fn sender(p: &Profile, prepared_by: &str, langs: &Langs) -> Mailbox {
    let preparer = p.seller.contacts.iter().find(|c| {
        !c.email.is_empty()
            && (c.name == prepared_by || c.name_local.as_deref() == Some(prepared_by))
    });
    match preparer.or_else(|| templates::sender(p)) {
        Some(c) => mailbox(c, langs),
        None => Mailbox {
            name: p.seller.name.clone(),
            address: p.seller.security_contact.clone().unwrap_or_default(),
        },
    }
}

/// The cover text in one language: greeting line, status, shipment, the buyer's actions, the
/// channel rule, the sender.
fn cover(p: &Profile, week: &LoadedWeek, l: Lang, labels: &Labels) -> Vec<Para> {
    let w = &week.week;
    let (mon, sun) = (week.iso.monday(), week.iso.sunday());
    let intro = labels.fill_one(
        "mail_intro",
        l,
        &[
            ("deal", p.deal.id.clone()),
            ("week", week.iso.label()),
            ("period", format!("{} – {}", mon.long(l), sun.long(l))),
            ("n", w.number.to_string()),
        ],
    );
    let status = labels.one(w.status.key(), l);
    let (op, oa) = overall(p, &week.week);
    // Chinese takes the full-width colon and brackets.
    let (colon, open, close) = match l {
        Lang::Zh => ("：", "（", "）"),
        _ => (": ", " (", ")"),
    };
    let planned = format!("{} {}", labels.one("planned_short", l), pct(op));
    let facts = vec![
        format!("{}{colon}{status}", labels.one("status", l)),
        format!(
            "{}{colon}{}{open}{planned}{close}",
            labels.one("completion", l),
            pct(oa)
        ),
        format!(
            "{}{colon}{}",
            labels.one("ship_date", l),
            shipment(p, week, l, labels)
        ),
    ];
    let actions: Vec<String> = w
        .buyer_actions
        .iter()
        .map(|a| a.get_or_any(l).to_string())
        .collect();
    let actions = if actions.is_empty() {
        Para::Lines(vec![format!(
            "{}{colon}{}",
            labels.one("s_buyer_actions", l),
            labels.one("none", l)
        )])
    } else {
        Para::List(
            format!("{}{}", labels.one("s_buyer_actions", l), colon.trim_end()),
            actions,
        )
    };
    let phone = p.payment.verification.callback().to_string();
    vec![
        Para::Lines(vec![intro]),
        Para::Lines(facts),
        actions,
        Para::Lines(vec![labels.fill_one("channels", l, &[("phone", phone)])]),
        Para::Lines(vec![p.seller.display_name(l).to_string()]),
    ]
}

/// Planned and forecast shipment in one language, with the difference in days.
fn shipment(p: &Profile, week: &LoadedWeek, l: Lang, labels: &Labels) -> String {
    let (Some(plan), Some(fc)) = (p.deal.ship_by.ymd, week.week.forecast_ship.ymd) else {
        return "—".to_string();
    };
    let diff = fc.days_since_epoch() - plan.days_since_epoch();
    let verdict = match diff {
        0 => labels.one("on_time", l),
        d if d > 0 => labels.fill_one("days_late", l, &[("n", d.to_string())]),
        d => labels.fill_one("days_early", l, &[("n", (-d).to_string())]),
    };
    let (open, close) = match l {
        Lang::Zh => ("（", "）"),
        _ => (" (", ")"),
    };
    format!(
        "{} {} → {} {}{open}{verdict}{close}",
        labels.one("ship_planned", l),
        plan.iso(),
        labels.one("ship_forecast", l),
        fc.iso()
    )
}

/// The cover texts as plain text, the languages apart by a dash.
fn text(covers: &[(Lang, Vec<Para>)]) -> String {
    let langs: Vec<String> = (covers.iter())
        .map(|(_, paras)| {
            (paras.iter())
                .map(|para| match para {
                    Para::Lines(lines) => lines.join("\n"),
                    Para::List(head, items) => {
                        let mut s = head.clone();
                        for it in items {
                            s.push_str("\n- ");
                            s.push_str(it);
                        }
                        s
                    }
                })
                .collect::<Vec<_>>()
                .join("\n\n")
        })
        .collect();
    langs.join("\n\n—\n\n") + "\n"
}

/// The cover texts as the letter's e-mail-safe HTML: one fragment per language, marked with
/// it and in its fonts, in the 640 px column (`render::markup`); every text escaped.
fn html(subject: &str, covers: &[(Lang, Vec<Para>)]) -> String {
    let line = |s: &str| -> Line { vec![Inline::Text(s.to_string())] };
    let fragments: Vec<String> = (covers.iter())
        .map(|(l, paras)| {
            let mut doc = Doc::default();
            for para in paras {
                match para {
                    Para::Lines(lines) => {
                        doc.nodes
                            .push(Node::Para(lines.iter().map(|s| line(s)).collect()));
                    }
                    Para::List(head, items) => {
                        doc.nodes.push(Node::Para(vec![line(head)]));
                        doc.nodes
                            .push(Node::List(items.iter().map(|s| line(s)).collect()));
                    }
                }
            }
            markup::to_html_fragment(&doc, *l)
        })
        .collect();
    let first = covers.first().map_or(Lang::En, |(l, _)| *l);
    markup::to_html_page(subject, first, &fragments)
}
