//! Load stage: fill-in markers of a week file — the places `week new` leaves for the user
//! (`FILL IN`), found so that `check` warns and `report` waits for them.

use super::Week;
use crate::profile::check::Checker;
use crate::profile::text::Text;

/// The marker `week new` writes where the user must still write something.
pub const FILL_IN: &str = "FILL IN";

/// Whether a value is the fill-in marker (surrounding blanks and case aside).
pub fn is_marker(s: &str) -> bool {
    s.trim().eq_ignore_ascii_case(FILL_IN)
}

/// The fields of a text still holding the marker: `field.en`, `field.zh`.
fn text_fields(out: &mut Vec<String>, field: &str, t: &Text) {
    for (l, v) in [("en", &t.en), ("zh", &t.zh)] {
        if v.as_deref().is_some_and(is_marker) {
            out.push(format!("{field}.{l}"));
        }
    }
}

/// Every field of the week still holding the marker, in file order.
pub fn unfilled(week: &Week) -> Vec<String> {
    let mut out = Vec::new();
    for (field, v) in [
        ("prepared_by", &week.prepared_by),
        ("reviewed_by", &week.reviewed_by),
    ] {
        if is_marker(v) {
            out.push(field.to_string());
        }
    }
    for (field, t) in super::texts::texts(week) {
        text_fields(&mut out, &field, t);
    }
    out
}

/// One warning per field still to fill; returns the fields.
pub(super) fn warn_unfilled(c: &mut Checker, week: &Week) -> Vec<String> {
    let fields = unfilled(week);
    for f in &fields {
        c.warning(f, format!("still says `{FILL_IN}`")).set_hint(
            "write it before making the report (`report --draft` makes a draft meanwhile)",
        );
    }
    fields
}
