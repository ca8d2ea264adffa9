//! The deals the server may touch: only those found under the folder it serves, named in URLs
//! by their folder relative to it (`nordic-home`, `2026/nh-0148`, `.` for the folder itself).
//! A name that is not one of them is not found; no path from a request is ever joined as is.

use crate::commands::shared::find_deals;
use crate::profile::week::IsoWeek;
use std::path::{Path, PathBuf};

/// One deal of the served folder.
#[derive(Debug, Clone)]
pub(crate) struct DealRef {
    /// Its name in URLs: the folder relative to the served one, `/`-separated.
    pub(crate) key: String,
    /// Its `deal.yaml`.
    pub(crate) profile: PathBuf,
    /// Its folder.
    pub(crate) dir: PathBuf,
}

impl DealRef {
    /// `reports/<week>.yaml` for a week named in a request (`2026-W49`), if that is a week.
    pub(crate) fn week_file(&self, week: &str) -> Option<(IsoWeek, PathBuf)> {
        let iso = IsoWeek::parse(week)?;
        let path = self
            .dir
            .join("reports")
            .join(format!("{}.yaml", iso.label()));
        Some((iso, path))
    }

    /// A file of the deal folder named by a request (`photos/w49.jpg` under `reports/`, a file
    /// of `out/`): one plain relative path of normal components, inside `base`, not a link out.
    pub(crate) fn file_in(&self, base: &str, rel: &str) -> Option<PathBuf> {
        let rel_path = Path::new(rel);
        let plain = !rel.is_empty()
            && rel_path
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !plain {
            return None;
        }
        let base = self.dir.join(base).canonicalize().ok()?;
        let full = base.join(rel_path).canonicalize().ok()?;
        (full.starts_with(&base) && full.is_file()).then_some(full)
    }
}

/// Every deal under `root`, in path order.
pub(crate) fn list(root: &Path) -> Vec<DealRef> {
    find_deals(root)
        .into_iter()
        .filter_map(|profile| {
            let dir = profile.parent()?.to_path_buf();
            let rel = dir.strip_prefix(root).ok()?;
            let key = if rel.as_os_str().is_empty() {
                ".".to_string()
            } else {
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            };
            Some(DealRef { key, profile, dir })
        })
        .collect()
}

/// The deal a request names, if it is one of the served folder's.
pub(crate) fn find(root: &Path, key: &str) -> Option<DealRef> {
    list(root).into_iter().find(|d| d.key == key)
}
