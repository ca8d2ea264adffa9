//! Load stage: every free text of a week file with its field path (`summary`,
//! `plan[2].task`…), read-only or to rewrite in place — the one list of a week's texts, so
//! that fill-in markers and clause references see the same fields.

use super::Week;
use crate::profile::text::Text;

/// The list, written once for both borrows: `$iter` is `iter` or `iter_mut`, `$r` is `&` or
/// `&mut`.
macro_rules! week_texts {
    ($week:expr, $iter:ident, $($r:tt)+) => {{
        let w = $week;
        let mut out = vec![("summary".to_string(), $($r)+ w.summary)];
        for (i, p) in w.progress.$iter().enumerate() {
            if let Some(n) = $($r)+ p.note {
                out.push((format!("progress[{i}].note"), n));
            }
        }
        for (i, x) in w.inspections.$iter().enumerate() {
            out.push((format!("inspections[{i}].item"), $($r)+ x.item));
        }
        for (i, m) in w.materials.$iter().enumerate() {
            out.push((format!("materials[{i}].material"), $($r)+ m.material));
        }
        for (i, p) in w.photos.$iter().enumerate() {
            out.push((format!("photos[{i}].caption"), $($r)+ p.caption));
        }
        for (i, v) in w.videos.$iter().enumerate() {
            out.push((format!("videos[{i}].caption"), $($r)+ v.caption));
        }
        for (i, t) in w.plan.$iter().enumerate() {
            out.push((format!("plan[{i}].task"), $($r)+ t.task));
        }
        for (i, t) in w.issues.$iter().enumerate() {
            out.push((format!("issues[{i}]"), t));
        }
        for (i, t) in w.buyer_actions.$iter().enumerate() {
            out.push((format!("buyer_actions[{i}]"), t));
        }
        out
    }};
}

/// Every text of the week with its field path, in file order.
pub fn texts(week: &Week) -> Vec<(String, &Text)> {
    week_texts!(week, iter, &)
}

/// Every text of the week with its field path, in file order, to rewrite in place.
pub fn texts_mut(week: &mut Week) -> Vec<(String, &mut Text)> {
    week_texts!(week, iter_mut, &mut)
}
