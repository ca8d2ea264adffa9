//! Render stage: the welcome letter and the credential-request reply, from their templates to
//! Markdown, plain text, e-mail-safe HTML and `.eml` (the PDF goes through `pdfdoc.rs`).

use super::eml::{self, Mailbox, Message};
use super::env::Numbers;
use super::markup::{self, Doc};
use super::templates::{self, Occasion, Templates};
use crate::context::Terms;
use crate::diag::Problems;
use crate::profile::deal::{Cadence, Contact, Profile};
use crate::profile::week::IsoWeek;
use crate::profile::{Lang, Langs, Ymd};
use sha2::{Digest, Sha256};

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The welcome letter.
    Letter,
    /// The reply to a request for mailbox credentials, in a tone.
    Reply(Tone),
}

/// The tone of a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Courteous and businesslike.
    Formal,
    /// Friendly and personal, still firm.
    Warm,
}

impl Tone {
    /// `formal` / `warm`.
    pub fn code(self) -> &'static str {
        match self {
            Tone::Formal => "formal",
            Tone::Warm => "warm",
        }
    }
}

impl Kind {
    fn template(self, lang: Lang) -> String {
        match self {
            Kind::Letter => format!("letter/{}.md", lang.code()),
            Kind::Reply(t) => format!("reply/{}.{}.md", t.code(), lang.code()),
        }
    }
}

/// A rendered letter or reply: one document per language, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Documents per language.
    pub docs: Vec<(Lang, Doc)>,
}

impl Rendered {
    /// The title of every language, joined: the e-mail subject.
    pub fn subject(&self) -> String {
        let mut v: Vec<String> = Vec::new();
        for (_, d) in &self.docs {
            if let Some(t) = d.title() {
                if !v.contains(&t) {
                    v.push(t);
                }
            }
        }
        v.join(" / ")
    }

    /// Markdown: the languages one after the other, separated by a rule.
    pub fn markdown(&self) -> String {
        self.docs
            .iter()
            .map(|(_, d)| markup::to_markdown(d))
            .collect::<Vec<_>>()
            .join("\n---\n\n")
    }

    /// Plain text: the languages one after the other.
    pub fn text(&self) -> String {
        self.docs
            .iter()
            .map(|(_, d)| markup::to_text(d))
            .collect::<Vec<_>>()
            .join(&format!("\n{}\n\n", "-".repeat(40)))
    }

    /// One HTML page, inline styles only (e-mail safe).
    pub fn html(&self) -> String {
        let fragments: Vec<String> = self
            .docs
            .iter()
            .map(|(l, d)| markup::to_html_fragment(d, *l))
            .collect();
        let first = self.docs.first().map_or(Lang::En, |(l, _)| *l);
        markup::to_html_page(&self.subject(), first, &fragments)
    }
}

/// Renders a letter or reply in every language of `langs`.
pub fn render(
    kind: Kind,
    p: &Profile,
    terms: &Terms,
    numbers: Numbers,
    t: &Templates,
    langs: &Langs,
    o: &Occasion,
) -> Result<Rendered, Problems> {
    let schema = templates::schema(terms, langs, o);
    let mut docs = Vec::new();
    let mut problems = Problems::new();
    for l in langs.list() {
        let data = templates::data(p, terms, *l, langs, o);
        match templates::render(t, &kind.template(*l), &data, &schema, *l, numbers.clone()) {
            Ok(d) => docs.push((*l, d)),
            Err(e) => problems.extend(e),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Rendered { docs })
}

fn mailbox(c: &Contact, langs: &Langs) -> Mailbox {
    // "Li Wei 李伟": the name in every script the contact has.
    Mailbox {
        name: langs.distinct(|l| c.display_name(l).to_string()).join(" "),
        address: c.email.clone(),
    }
}

/// The welcome letter as an e-mail: from the sales contact to the buyer's purchasing contact,
/// copied to the other contacts; dated and identified from the inputs.
pub fn eml(r: &Rendered, p: &Profile, langs: &Langs, timestamp: i64) -> Vec<u8> {
    let from = templates::sender(p);
    let to = templates::recipient(p);
    let cc: Vec<Mailbox> = p
        .seller
        .contacts
        .iter()
        .chain(&p.buyer.contacts)
        .filter(|c| {
            !from.is_some_and(|f| std::ptr::eq(f, *c)) && !to.is_some_and(|t| std::ptr::eq(t, *c))
        })
        .map(|c| mailbox(c, langs))
        .collect();
    let html = r.html();
    let text = r.text();
    let mut h = Sha256::new();
    h.update(p.deal.id.as_bytes());
    h.update(text.as_bytes());
    h.update(timestamp.to_be_bytes());
    let hex: String = h
        .finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect();
    let domain = id_domain(p);
    let m = Message {
        from: from.map_or(
            Mailbox {
                name: p.seller.name.clone(),
                address: p.seller.security_contact.clone().unwrap_or_default(),
            },
            |c| mailbox(c, langs),
        ),
        to: to.map(|c| vec![mailbox(c, langs)]).unwrap_or_default(),
        cc,
        subject: r.subject(),
        date: timestamp,
        // China Standard Time: the seller writes from there.
        utc_offset_minutes: if p.seller.country == "CN" { 480 } else { 0 },
        message_id: format!("{hex}.{}@{domain}", p.deal.id.to_ascii_lowercase()),
        text,
        html,
    };
    eml::render(&m)
}

/// When the next report reaches the buyer, seen from a reply written on `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextReport {
    /// The report's day.
    pub date: Ymd,
    /// For a `milestones` deal, the stage (index in `production.stages`) whose end it
    /// reports; `None` for a weekly deal, or when every stage has ended (it comes with
    /// shipment).
    pub stage: Option<usize>,
}

/// The next report after `from`. Weekly: the first report day on or after `from`, unless
/// that is `from` itself and the week's report is among `reported` (it went out today), then
/// a week later. Milestones: the planned end of the first stage not ended before `from`,
/// else the ship date.
pub fn next_report(p: &Profile, from: Ymd, reported: &[IsoWeek]) -> NextReport {
    if p.channels.reports.cadence == Cadence::Milestones {
        let stage = (p.production.stages.iter())
            .position(|s| s.planned_end.ymd.is_some_and(|end| end >= from));
        let date = stage
            .and_then(|i| p.production.stages[i].planned_end.ymd)
            .or(p.deal.ship_by.ymd)
            .unwrap_or(from);
        return NextReport { date, stage };
    }
    let target = i64::from(p.channels.reports.day().iso());
    let now = i64::from(from.iso_weekday());
    let mut date = from.plus_days((target - now).rem_euclid(7));
    if date == from && IsoWeek::of(from).is_some_and(|w| reported.contains(&w)) {
        date = date.plus_days(7);
    }
    NextReport { date, stage: None }
}

/// The domain of the `Message-ID`s of the seller's mails: its first mail domain.
pub(crate) fn id_domain(p: &Profile) -> String {
    p.seller
        .email_domains
        .first()
        .cloned()
        .unwrap_or_else(|| "dealguard.invalid".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_report_is_the_next_report_weekday() {
        let p = crate::profile::example();
        let day = |s: &str| Ymd::parse(s).unwrap();
        let w50 = IsoWeek::parse("2026-W50").unwrap();
        // Reports go out on Fridays; 2026-12-09 is a Wednesday, 2026-12-11 a Friday.
        assert_eq!(
            next_report(p, day("2026-12-09"), &[w50]).date,
            day("2026-12-11")
        );
        // On the report day itself: today's report, unless that week's report exists.
        assert_eq!(
            next_report(p, day("2026-12-11"), &[]).date,
            day("2026-12-11")
        );
        assert_eq!(
            next_report(p, day("2026-12-11"), &[w50]).date,
            day("2026-12-18")
        );
        assert_eq!(
            next_report(p, day("2026-12-12"), &[w50]).date,
            day("2026-12-18")
        );
    }

    #[test]
    fn a_milestones_deal_reports_at_the_end_of_the_stage_in_progress() {
        let mut p = crate::profile::example().clone();
        p.channels.reports.cadence = Cadence::Milestones;
        p.channels.reports.weekday = None;
        let first_end = p.production.stages[0].planned_end.ymd.unwrap();
        let n = next_report(&p, first_end, &[]);
        assert_eq!((n.date, n.stage), (first_end, Some(0)));
        let n = next_report(&p, first_end.plus_days(1), &[]);
        assert_eq!(n.stage, Some(1));
        assert_eq!(Some(n.date), p.production.stages[1].planned_end.ymd);
        let last = p.production.stages.last().unwrap().planned_end.ymd.unwrap();
        let n = next_report(&p, last.plus_days(1), &[]);
        assert_eq!((Some(n.date), n.stage), (p.deal.ship_by.ymd, None));
    }
}
