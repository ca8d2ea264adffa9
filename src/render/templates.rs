//! Render stage: the document templates (built in, overlaid by `output.template_dirs`) and the
//! rendering of letter and reply templates into the markup of `markup.rs`.

use super::env::{self, Numbers, Origin};
use super::guard;
use super::markup::{self, Doc};
use crate::assets;
use crate::clauses::select::schema_data;
use crate::context::{self, Terms};
use crate::diag::{Diagnostic, Problems};
use crate::profile::deal::{Contact, Profile};
use crate::profile::yaml::Source;
use crate::profile::{self, Lang, Langs, Loaded, Text};
use serde_yaml::{Mapping, Value as Yaml};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Template files by name (`letter/en.md`), built-in first, then each override folder's.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    files: BTreeMap<String, Vec<Source>>,
}

impl Templates {
    /// The built-in templates.
    pub fn builtin() -> Result<Templates, Problems> {
        let mut t = Templates::default();
        for (path, bytes) in assets::files_under("templates/") {
            let name = path.trim_start_matches("templates/").to_string();
            let src = Source::from_bytes(&PathBuf::from(format!("<built-in>/{path}")), bytes)?;
            t.files.entry(name).or_default().push(src);
        }
        Ok(t)
    }

    /// The built-in templates overlaid by the profile's `output.template_dirs`. Only files
    /// with the names of built-in templates are read from those folders.
    pub fn for_deal(loaded: &Loaded) -> Result<Templates, Problems> {
        let mut t = Templates::builtin()?;
        let names: Vec<String> = t.files.keys().cloned().collect();
        let mut problems = Problems::new();
        for (i, d) in loaded.profile.output.template_dirs.iter().enumerate() {
            let dir = loaded.dir.join(d);
            let field = format!("output.template_dirs[{i}]");
            if !dir.is_dir() {
                problems.push(
                    Diagnostic::error(
                        &loaded.src.path,
                        format!("template folder `{}` does not exist", d.display()),
                    )
                    .at(loaded.pos(&field))
                    .field(field)
                    .hint("paths in `template_dirs` are relative to deal.yaml"),
                );
                continue;
            }
            for name in &names {
                let file = dir.join(name);
                if file.is_file() {
                    match Source::read(&file) {
                        Ok(mut src) => {
                            src.path = d.join(name);
                            if let Some(v) = t.files.get_mut(name) {
                                v.push(src);
                            }
                        }
                        Err(e) => problems.push(e),
                    }
                }
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(t)
    }

    /// The file in force for `name` (the last override, else the built-in one).
    pub fn get(&self, name: &str) -> Option<&Source> {
        self.files.get(name).and_then(|v| v.last())
    }

    /// Every layer of `name`, built-in first (label files are merged layer by layer).
    pub fn layers(&self, name: &str) -> &[Source] {
        self.files.get(name).map_or(&[], |v| v.as_slice())
    }

    /// Every file in force, by name (for `build`'s change detection).
    pub fn in_force(&self) -> impl Iterator<Item = (&String, &Source)> {
        self.files
            .iter()
            .filter_map(|(k, v)| v.last().map(|s| (k, s)))
    }
}

/// Label texts by key (`templates/*-labels.yaml`), overrides merged over the built-in ones.
#[derive(Debug, Clone)]
pub struct Labels {
    map: BTreeMap<String, Text>,
    langs: Langs,
    /// A suffix tried first (`title_milestones` before `title`).
    variant: Option<String>,
}

impl Labels {
    /// The labels of `file` for `langs`, its layers parsed by the load stage.
    pub fn load(t: &Templates, file: &str, langs: &Langs) -> Result<Labels, Problems> {
        Ok(Labels::new(profile::labels(t.layers(file))?, langs))
    }

    /// Labels from parsed label texts, for `langs`.
    pub fn new(map: BTreeMap<String, Text>, langs: &Langs) -> Labels {
        Labels {
            map,
            langs: langs.clone(),
            variant: None,
        }
    }

    /// The same labels reading `KEY_VARIANT` first where the file has it: the words that
    /// depend on a setting (a `milestones` deal's report is not "weekly").
    pub fn variant(mut self, v: &str) -> Labels {
        self.variant = Some(v.to_string());
        self
    }

    /// The label of `key` in this variant, if the file has one.
    fn text(&self, key: &str) -> Option<&Text> {
        profile::label(&self.map, key, self.variant.as_deref())
    }

    /// A label in one language; an unknown key gives the key itself.
    pub fn one(&self, key: &str, lang: Lang) -> String {
        self.text(key)
            .map_or_else(|| key.to_string(), |t| t.get_or_any(lang).to_string())
    }

    /// A label in every language of the document, joined with " / ".
    pub fn get(&self, key: &str) -> String {
        self.get_sep(key, " / ")
    }

    /// A label in every language joined with `sep` (`Critical 致命`).
    pub fn get_sep(&self, key: &str, sep: &str) -> String {
        self.lines(key).join(sep)
    }

    /// A label once per language; a key that is not a label is used as written (`AQL`).
    pub fn lines(&self, key: &str) -> Vec<String> {
        if self.text(key).is_none() {
            return vec![key.to_string()];
        }
        let mut parts: Vec<String> = Vec::new();
        for l in self.langs.list() {
            let s = self.one(key, *l);
            if !parts.contains(&s) {
                parts.push(s);
            }
        }
        parts
    }

    /// A label with `{name}` placeholders filled, in every language.
    pub fn fill(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut parts: Vec<String> = Vec::new();
        for l in self.langs.list() {
            let s = self.fill_one(key, *l, args);
            if !parts.contains(&s) {
                parts.push(s);
            }
        }
        parts.join(" / ")
    }

    /// A label with placeholders filled, in one language.
    pub fn fill_one(&self, key: &str, lang: Lang, args: &[(&str, String)]) -> String {
        let mut s = self.one(key, lang);
        for (k, v) in args {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

    /// The languages the labels are for.
    pub fn langs(&self) -> &Langs {
        &self.langs
    }
}

/// The contact who writes for the seller: role `sales`, else the first contact.
pub fn sender(p: &Profile) -> Option<&Contact> {
    p.seller
        .contacts
        .iter()
        .find(|c| c.role.key() == Some("sales"))
        .or(p.seller.contacts.first())
}

/// The contact addressed at the buyer: role `purchasing`, else the first contact.
pub fn recipient(p: &Profile) -> Option<&Contact> {
    p.buyer
        .contacts
        .iter()
        .find(|c| c.role.key() == Some("purchasing"))
        .or(p.buyer.contacts.first())
}

/// A contact as letter data: its fields, `display_name` and `greeting` (the name after "Dear"
/// in this language and tone).
fn contact_value(c: Option<&Contact>, lang: Lang, warm: bool) -> Yaml {
    let Some(c) = c else { return Yaml::Null };
    let mut v = serde_yaml::to_value(c).unwrap_or(Yaml::Null);
    if let Some(m) = v.as_mapping_mut() {
        m.insert(
            Yaml::String("display_name".into()),
            Yaml::String(c.display_name(lang).to_string()),
        );
        m.insert(
            Yaml::String("greeting".into()),
            Yaml::String(c.greeting(lang, warm)),
        );
    }
    v
}

/// What a letter or reply is about, beyond the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occasion {
    /// The letter's date, `YYYY-MM-DD`.
    pub letter_date: String,
    /// The reply's date and the next report after it, `YYYY-MM-DD`.
    pub reply: Option<(String, String)>,
    /// The stage whose end the next report marks (`milestones` deals; index in
    /// `production.stages`).
    pub next_stage: Option<usize>,
    /// `formal` or `warm`.
    pub tone: String,
    /// Clauses in the contract schedule.
    pub clauses: usize,
    /// The deal's report labels (a company's over the built-in ones): `report.sections` names
    /// the sections as the reporting clause and the report do.
    pub report_labels: BTreeMap<String, Text>,
}

/// The template data of a letter or reply in `lang`.
pub fn data(p: &Profile, terms: &Terms, lang: Lang, langs: &Langs, o: &Occasion) -> Yaml {
    let mut root = context::build(p, terms, lang, langs);
    if let Some(m) = root.as_mapping_mut() {
        let mut letter = Mapping::new();
        letter.insert("date".into(), Yaml::String(o.letter_date.clone()));
        let warm = o.tone == "warm";
        letter.insert("sender".into(), contact_value(sender(p), lang, warm));
        letter.insert("recipient".into(), contact_value(recipient(p), lang, warm));
        m.insert("letter".into(), Yaml::Mapping(letter));
        let mut reply = Mapping::new();
        let (date, next) = o.reply.clone().unwrap_or_default();
        reply.insert("date".into(), Yaml::String(date));
        reply.insert("next_report".into(), Yaml::String(next));
        let stage = (o.next_stage)
            .and_then(|i| p.production.stages.get(i))
            .map(|s| s.name.get_or_any(lang).to_string());
        reply.insert("next_stage".into(), Yaml::String(stage.unwrap_or_default()));
        reply.insert("tone".into(), Yaml::String(o.tone.clone()));
        m.insert("reply".into(), Yaml::Mapping(reply));
        let mut contract = Mapping::new();
        contract.insert("clauses".into(), Yaml::Number(o.clauses.into()));
        m.insert("contract".into(), Yaml::Mapping(contract));
        let cadence = p.channels.reports.cadence;
        m.insert(
            "report".into(),
            context::report_sections_in(&o.report_labels, lang, cadence),
        );
    }
    root
}

fn markup_escape(s: &str, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    w.write_all(markup::escape_value(s).as_bytes())
}

/// Renders one markup template (`letter/en.md`) and parses it. Names are checked first, so a
/// typo is an error with the template's file, line and column.
pub fn render(
    t: &Templates,
    name: &str,
    data: &Yaml,
    schema_extra: &Yaml,
    lang: Lang,
    numbers: Numbers,
) -> Result<Doc, Problems> {
    let src = t.get(name).ok_or_else(|| {
        Problems::from(Diagnostic::error(
            crate::diag::Where::built_in(name),
            "template is missing",
        ))
    })?;
    let origin = Origin::of_file();
    let (mut bad, _) = env::check_names(&src.text, data, schema_extra);
    bad.extend(guard::check_safe(&src.text));
    if !bad.is_empty() {
        let mut p = Problems::new();
        for b in bad {
            let mut d = Diagnostic::error(&src.path, b.message).at(Some(origin.map(b.line, b.col)));
            d.hint = b.hint;
            p.push(d);
        }
        return Err(p);
    }
    let mut tera = env::tera(lang, numbers);
    tera.set_escape_fn(markup_escape);
    tera.autoescape_on([".md"]);
    let ctx = tera::Context::from_serialize(data).map_err(|e| {
        Problems::from(Diagnostic::error(
            &src.path,
            format!("cannot build template data: {e}"),
        ))
    })?;
    if let Err(e) = tera.add_raw_template(name, &src.text) {
        return Err(env::error(&e, &src.path, origin, "template").into());
    }
    match guard::render_guarded(tera, ctx, vec![name.to_string()]).pop() {
        Some(Ok(text)) => Ok(markup::parse(&text)),
        Some(Err(guard::RenderFail::Tera(e))) => {
            Err(env::error(&e, &src.path, origin, "template").into())
        }
        Some(Err(fail)) => {
            let (msg, hint) = fail.describe().unwrap_or_default();
            Err(Diagnostic::error(&src.path, msg).hint(hint).into())
        }
        None => Err(Diagnostic::error(&src.path, "rendering stopped without a result").into()),
    }
}

/// The schema for template name checks: the example profile's data with the same extras.
pub fn schema(terms: &Terms, langs: &Langs, o: &Occasion) -> Yaml {
    let mut s = schema_data(terms, langs);
    if let Some(m) = s.as_mapping_mut() {
        if let Yaml::Mapping(extra) = data(profile::example(), terms, Lang::En, langs, o) {
            for k in ["letter", "reply", "contract"] {
                if let Some(v) = extra.get(k) {
                    m.insert(k.into(), v.clone());
                }
            }
        }
    }
    s
}
