//! Lay-out stage: a line chart of percentages (the report's progress trend) as vector items —
//! axes, grid, series as polylines with markers, legend and labels — drawn relative to its
//! own top-left corner, readable in greyscale (solid or dashed lines, filled or hollow marks).

use super::super::font::Fonts;
use super::{Item, Pt, Rgb, Style};

/// A line chart of percentages over evenly spaced slots (weeks).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Height of the whole chart, legend and labels included.
    pub height: Pt,
    /// Labels under the x axis, one per slot; some are left out when they would overlap.
    pub x_labels: Vec<String>,
    /// The lines, drawn in order.
    pub series: Vec<Series>,
    /// A vertical rule at a (fractional) slot with its label, such as the ship date.
    pub rule: Option<(f32, String)>,
    /// Style of labels and legend.
    pub label: Style,
    /// Colour of axes and grid.
    pub grid: Rgb,
}

/// One line of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Name in the legend.
    pub name: String,
    /// Points: (slot, percent 0–100), in slot order.
    pub points: Vec<(f32, f32)>,
    /// Line colour.
    pub color: Rgb,
    /// Dashed rather than solid, so the series differ in greyscale too.
    pub dashed: bool,
    /// Filled square marks rather than hollow ones.
    pub filled: bool,
}

/// Room left of the plot for the percent labels.
const LEFT: Pt = 28.0;
/// Room right of the plot.
const RIGHT: Pt = 8.0;
/// Room above the plot for the legend.
const TOP: Pt = 18.0;
/// Room under the plot for the slot labels.
const BOTTOM: Pt = 14.0;
/// Half the side of a marker.
const MARK: Pt = 2.2;

/// The chart's items for a body `width` wide.
pub(super) fn items(c: &Chart, width: Pt, fonts: &Fonts) -> Vec<Item> {
    let (x0, x1) = (LEFT, (width - RIGHT).max(LEFT + 10.0));
    let (y0, y1) = (TOP, (c.height - BOTTOM).max(TOP + 10.0));
    let n = c.x_labels.len().max(1);
    // Half a slot of room at either end, so the first and last marks stay clear of the axes.
    let step = (x1 - x0) / n as f32;
    let x = |slot: f32| x0 + step * (slot + 0.5);
    let y = |pct: f32| y1 - (y1 - y0) * pct.clamp(0.0, 100.0) / 100.0;
    let text_w = |s: &str| fonts.width(c.label.weight, s) * c.label.size;
    let mut out = Vec::new();
    for pct in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let (w, col) = if pct == 0.0 {
            (0.6, c.grid)
        } else {
            (0.3, c.grid)
        };
        out.push(line((x0, y(pct)), (x1, y(pct)), col, w));
        let s = format!("{pct:.0}%");
        out.push(text(
            x0 - 3.0 - text_w(&s),
            y(pct) + c.label.size * 0.35,
            s,
            c.label,
        ));
    }
    out.push(line((x0, y0), (x0, y1), c.grid, 0.6));
    // Every k-th slot label, so labels keep a gap between them.
    let widest = c.x_labels.iter().map(|s| text_w(s)).fold(0.0, f32::max);
    let every = ((widest + 4.0) / step).ceil().max(1.0) as usize;
    for (i, s) in c.x_labels.iter().enumerate() {
        if i % every == 0 {
            let cx = x(i as f32);
            out.push(line((cx, y1), (cx, y1 + 2.0), c.grid, 0.6));
            out.push(text(
                cx - text_w(s) / 2.0,
                y1 + 3.0 + c.label.size,
                s.clone(),
                c.label,
            ));
        }
    }
    if let Some((slot, label)) = &c.rule {
        let rx = x(*slot);
        out.extend(dashed(
            &[(rx, y0), (rx, y1)],
            c.label.color,
            0.6,
            (1.5, 1.5),
        ));
        let tx = (rx - text_w(label) - 2.0).max(x0 + 2.0);
        out.push(text(tx, y0 + c.label.size + 1.0, label.clone(), c.label));
    }
    for s in &c.series {
        let pts: Vec<(Pt, Pt)> = s.points.iter().map(|(i, p)| (x(*i), y(*p))).collect();
        out.extend(polyline(&pts, s));
        out.extend(pts.iter().map(|p| mark(*p, s)));
    }
    out.extend(legend(c, x0, &text_w));
    out
}

/// The legend above the plot: a stretch of each series' line with a mark, and its name.
fn legend(c: &Chart, x0: Pt, text_w: &dyn Fn(&str) -> Pt) -> Vec<Item> {
    let mut out = Vec::new();
    let (mut lx, ly) = (x0, TOP / 2.0);
    for s in &c.series {
        let pts = [(lx, ly), (lx + 22.0, ly)];
        out.extend(polyline(&pts, s));
        out.push(mark((lx + 11.0, ly), s));
        lx += 26.0;
        out.push(text(lx, ly + c.label.size * 0.35, s.name.clone(), c.label));
        lx += text_w(&s.name) + 14.0;
    }
    out
}

/// A series' line through `pts`: solid, or dashed.
fn polyline(pts: &[(Pt, Pt)], s: &Series) -> Vec<Item> {
    if s.dashed {
        return dashed(pts, s.color, 1.2, (4.0, 2.5));
    }
    pts.windows(2)
        .map(|w| line(w[0], w[1], s.color, 1.4))
        .collect()
}

/// A dashed line through `pts`, as short segments: the writer draws plain lines only, and a
/// dash pattern would be graphics state to set and restore around every line.
fn dashed(pts: &[(Pt, Pt)], color: Rgb, width: Pt, (on, off): (Pt, Pt)) -> Vec<Item> {
    let mut out = Vec::new();
    // Where in the pattern the next segment starts, carried across corners.
    let mut phase = 0.0;
    for w in pts.windows(2) {
        let ((ax, ay), (bx, by)) = (w[0], w[1]);
        let len = ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt();
        if len <= 0.0 {
            continue;
        }
        let at = |d: Pt| (ax + (bx - ax) * d / len, ay + (by - ay) * d / len);
        let mut d = 0.0;
        while d < len {
            let (pos, drawing) = if phase < on {
                (on - phase, true)
            } else {
                (on + off - phase, false)
            };
            // At least a hundredth of a point, so float rounding cannot stall the loop.
            let end = (d + pos.max(0.01)).min(len);
            if drawing {
                out.push(line(at(d), at(end), color, width));
            }
            phase = (phase + end - d) % (on + off);
            d = end;
        }
    }
    out
}

/// A square mark: filled, or outlined on white.
fn mark((cx, cy): (Pt, Pt), s: &Series) -> Item {
    Item::Rect {
        x: cx - MARK,
        y: cy - MARK,
        w: 2.0 * MARK,
        h: 2.0 * MARK,
        fill: Some(if s.filled { s.color } else { Rgb::WHITE }),
        stroke: Some((s.color, 0.9)),
    }
}

fn line((x1, y1): (Pt, Pt), (x2, y2): (Pt, Pt), color: Rgb, width: Pt) -> Item {
    Item::Line {
        x1,
        y1,
        x2,
        y2,
        color,
        width,
    }
}

fn text(x: Pt, y: Pt, text: String, style: Style) -> Item {
    Item::Text { x, y, text, style }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(slots: usize, dashed: bool) -> Chart {
        Chart {
            height: 150.0,
            x_labels: (0..slots).map(|i| format!("W{:02}", i + 1)).collect(),
            series: vec![Series {
                name: "Actual".into(),
                points: vec![(0.0, 10.0), (1.0, 30.0), (2.0, 45.0)],
                color: Rgb::BLACK,
                dashed,
                filled: true,
            }],
            rule: Some((slots as f32 - 1.0, "ship".into())),
            label: Style::new(6.5, Rgb::BLACK),
            grid: Rgb::BLACK,
        }
    }

    fn lines(items: &[Item]) -> usize {
        items
            .iter()
            .filter(|i| matches!(i, Item::Line { .. }))
            .count()
    }

    fn texts(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn dashed_series_are_cut_into_segments_and_marks_stay_in_the_box() {
        let fonts = Fonts::builtin().unwrap();
        let solid = items(&chart(8, false), 480.0, &fonts);
        let dashed = items(&chart(8, true), 480.0, &fonts);
        assert!(lines(&dashed) > lines(&solid) + 10);
        // Three marks and one in the legend, all inside the chart.
        let marks: Vec<_> = solid
            .iter()
            .filter_map(|i| match i {
                Item::Rect { x, y, w, h, .. } => Some((*x, *y, *w, *h)),
                _ => None,
            })
            .collect();
        assert_eq!(marks.len(), 4);
        for (x, y, w, h) in marks {
            assert!(x >= 0.0 && x + w <= 480.0 && y >= 0.0 && y + h <= 150.0);
        }
        let t = texts(&solid);
        for want in ["0%", "100%", "W01", "W08", "ship", "Actual"] {
            assert!(t.iter().any(|s| s == want), "{want} in {t:?}");
        }
    }

    #[test]
    fn crowded_slot_labels_are_thinned() {
        let fonts = Fonts::builtin().unwrap();
        let t = texts(&items(&chart(100, false), 480.0, &fonts));
        let weeks = t.iter().filter(|s| s.starts_with('W')).count();
        assert!((10..=50).contains(&weeks), "{weeks} labels");
    }

    #[test]
    fn dashes_follow_the_pattern_across_corners() {
        let segs = dashed(
            &[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)],
            Rgb::BLACK,
            1.0,
            (4.0, 2.0),
        );
        // 20 points of path in 6-point periods: on 0–4, 6–10, 12–16, 18–20.
        assert_eq!(segs.len(), 4);
        let drawn: f32 = segs
            .iter()
            .map(|s| match s {
                Item::Line { x1, y1, x2, y2, .. } => ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt(),
                _ => 0.0,
            })
            .sum();
        assert!((drawn - 14.0).abs() < 1e-3, "{drawn}");
    }
}
