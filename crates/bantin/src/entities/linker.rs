//! Linking across a run: every mention gets its final type and the entity it names.

use super::kb::Kb;
use super::{name_key, Entity, EntityType, Placed};
use crate::lang;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What a mention is linked to: a known entity, or the key of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Cluster<'a> {
    Known(usize),
    Name(&'a str),
}

/// Links mentions across a run: gives every mention its type and entity id.
#[derive(Debug, Default)]
pub struct Linker;

/// Counts per type, in the order of `EntityType`.
type Counts = [u32; 4];

const ORDER: [EntityType; 4] = [
    EntityType::PER,
    EntityType::LOC,
    EntityType::ORG,
    EntityType::MISC,
];

fn slot(t: EntityType) -> usize {
    t as usize
}

/// The type counted most often (the first in `ORDER` on a tie), if any was counted.
fn best(m: &Counts) -> Option<EntityType> {
    let (i, c) = m
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)))?;
    (*c > 0).then_some(ORDER[i])
}

/// An id made of the folded letters and digits of `s`, words joined by hyphens.
fn slug(s: &str) -> String {
    let f = lang::fold(s);
    let mut out = String::new();
    for c in f.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// What the run tells about each name key: its types, the full names of people that
/// bear it, the long form of an acronym.
struct Names<'a> {
    /// types by key within each article
    doc_types: HashMap<(usize, &'a str), Counts>,
    /// types by key within the run
    run_types: HashMap<&'a str, Counts>,
    /// full names of people (two tokens or more) per article, by their words
    doc_full: HashMap<(usize, &'a str), HashSet<&'a str>>,
    /// full names of people in the run, by their words
    run_full: HashMap<&'a str, HashSet<&'a str>>,
    /// acronyms defined beside a long form: the long form's key
    acr: HashMap<String, &'a str>,
}

impl<'a> Names<'a> {
    fn new(placed: &[Placed], keys: &'a [String]) -> Names<'a> {
        let mut names = Names {
            doc_types: HashMap::default(),
            run_types: HashMap::default(),
            doc_full: HashMap::default(),
            run_full: HashMap::default(),
            acr: HashMap::default(),
        };
        // type propagation: by key within the article, then within the run
        for (p, k) in placed.iter().zip(keys) {
            if let Some(t) = p.mention.ty {
                names.doc_types.entry((p.article, k.as_str())).or_default()[slot(t)] += 1;
                names.run_types.entry(k.as_str()).or_default()[slot(t)] += 1;
            }
        }
        names.full_names(placed, keys);
        for (p, k) in placed.iter().zip(keys) {
            if let Some(a) = &p.mention.acronym {
                names.acr.insert(name_key(a), k.as_str());
            }
        }
        names
    }

    /// The full names of people, per article and in the run, by their first and last
    /// tokens and their given names.
    fn full_names(&mut self, placed: &[Placed], keys: &'a [String]) {
        for (p, k) in placed.iter().zip(keys) {
            if !k.contains(' ') || p.mention.known.is_some() {
                continue;
            }
            let is_per = p.mention.ty == Some(EntityType::PER)
                || self.doc_types.get(&(p.article, k.as_str())).and_then(best)
                    == Some(EntityType::PER);
            if !is_per {
                continue;
            }
            let first = k.split(' ').next().unwrap_or(k);
            let last = k.rsplit(' ').next().unwrap_or(k);
            // "Tấn Tài" of "Lê Tấn Tài": the given names without the family name
            let words = k.matches(' ').count() + 1;
            let tail = (words >= 3)
                .then(|| k.char_indices().filter(|(_, c)| *c == ' ').nth(words - 3))
                .flatten()
                .map(|(i, _)| &k[i + 1..]);
            for w in [Some(first), Some(last), tail].into_iter().flatten() {
                self.doc_full
                    .entry((p.article, w))
                    .or_default()
                    .insert(k.as_str());
                self.run_full.entry(w).or_default().insert(k.as_str());
            }
        }
    }

    /// The cluster of a mention with key `k`, and its type.
    fn cluster(&self, kb: &Kb, p: &Placed, k: &'a str) -> (Cluster<'a>, EntityType) {
        let m = &p.mention;
        let mut ty =
            m.ty.or_else(|| self.doc_types.get(&(p.article, k)).and_then(best))
                .or_else(|| self.run_types.get(k).and_then(best));
        let key = if let Some(ent) = m.known.or_else(|| kb.by_key.get(k).copied()) {
            ty = ty.or(Some(kb.known[ent].ty));
            Cluster::Known(ent)
        } else if let Some(&long) = self.acr.get(k) {
            match kb.by_key.get(long) {
                Some(&ent) => Cluster::Known(ent),
                None => Cluster::Name(long),
            }
        } else if k.matches(' ').count() <= 1
            && ty.is_none_or(|t| t == EntityType::PER)
            && (!k.contains(' ') || self.doc_full.contains_key(&(p.article, k)))
        {
            match self.one_full_name(kb, p.article, k) {
                Some(full) => {
                    ty = Some(EntityType::PER);
                    Cluster::Name(full)
                }
                None => Cluster::Name(k),
            }
        } else {
            Cluster::Name(k)
        };
        (key, ty.unwrap_or(EntityType::MISC))
    }

    /// A lone surname or given name: the one full name in the article, else in the run,
    /// unless the two are told apart.
    fn one_full_name(&self, kb: &Kb, article: usize, k: &str) -> Option<&'a str> {
        let pick = match self.doc_full.get(&(article, k)) {
            Some(s) if s.len() == 1 => s.iter().next().copied(),
            Some(_) => None,
            None => self
                .run_full
                .get(k)
                .filter(|s| s.len() == 1)
                .and_then(|s| s.iter().next().copied()),
        };
        pick.filter(|full| !kb.are_distinct(full, k))
    }
}

/// The entities of a run, gathered from the mentions before they are named.
struct Gathered<'a> {
    ents: Vec<Entity>,
    cluster_of: Vec<Cluster<'a>>,
    variant_counts: Vec<HashMap<&'a str, usize>>,
    type_counts: Vec<Counts>,
    /// for each mention, its type and entity
    out: Vec<(EntityType, usize)>,
}

impl<'a> Gathered<'a> {
    /// One entity for each cluster, in the order of first mention.
    fn new(placed: &'a [Placed], cluster: &[Cluster<'a>], types: &[EntityType]) -> Self {
        let mut g = Gathered {
            ents: Vec::new(),
            cluster_of: Vec::new(),
            variant_counts: Vec::new(),
            type_counts: Vec::new(),
            out: Vec::with_capacity(placed.len()),
        };
        let mut index: HashMap<Cluster, usize> = HashMap::default();
        for (i, p) in placed.iter().enumerate() {
            let e = *index.entry(cluster[i]).or_insert_with(|| {
                g.ents.push(Entity {
                    id: String::new(),
                    name: String::new(),
                    ty: types[i],
                    variants: vec![],
                    articles: vec![],
                });
                g.variant_counts.push(HashMap::default());
                g.type_counts.push([0; 4]);
                g.cluster_of.push(cluster[i]);
                g.ents.len() - 1
            });
            *g.variant_counts[e]
                .entry(p.mention.surface.as_str())
                .or_default() += 1;
            g.type_counts[e][slot(types[i])] += 1;
            let articles = &mut g.ents[e].articles;
            if articles.last() != Some(&p.article) && !articles.contains(&p.article) {
                articles.push(p.article);
            }
            g.out.push((types[i], e));
        }
        g
    }

    /// Gives every entity its id, name, type and spellings.
    fn name(&mut self, kb: &Kb) {
        let mut used_ids: HashSet<String> = HashSet::default();
        for (e, ent) in self.ents.iter_mut().enumerate() {
            let key = &self.cluster_of[e];
            let mut vars: Vec<(String, usize)> = self.variant_counts[e]
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect();
            vars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            // the most frequent scored type (MISC only when nothing else)
            let mut counts = self.type_counts[e];
            counts[3] = 0;
            ent.ty = best(&counts).unwrap_or(EntityType::MISC);
            if let Cluster::Known(i) = key {
                let k = &kb.known[*i];
                ent.id = k.id.clone();
                ent.name = k.name.clone();
                ent.ty = k.ty;
            } else {
                // the longest spelling among the most used full forms names it
                let name =
                    crate::display::canonical_name(vars.iter().map(|(v, c)| (v.as_str(), *c)))
                        .unwrap_or_default()
                        .to_string();
                ent.id = unique_id(kb, &name, &used_ids);
                ent.name = name;
            }
            used_ids.insert(ent.id.clone());
            ent.variants = vars;
        }
    }
}

/// The slug of `name`, numbered where it is taken by another entity or a known one.
fn unique_id(kb: &Kb, name: &str, used_ids: &HashSet<String>) -> String {
    let mut id = slug(name);
    let base = id.clone();
    let mut n = 2;
    while used_ids.contains(&id) || kb.by_id.contains_key(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

impl Linker {
    /// Types and links all mentions of a run. Returns, for each placed mention, its final
    /// type and the index of its entity in the returned list.
    pub fn link(kb: &Kb, placed: &mut [Placed]) -> (Vec<(EntityType, usize)>, Vec<Entity>) {
        let placed: &[Placed] = placed;
        let keys: Vec<String> = placed
            .iter()
            .map(|p| name_key(&p.mention.surface))
            .collect();
        let names = Names::new(placed, &keys);
        // the cluster of every mention: a known entity or a name key
        let (cluster, types): (Vec<Cluster>, Vec<EntityType>) = placed
            .iter()
            .zip(&keys)
            .map(|(p, k)| names.cluster(kb, p, k))
            .unzip();
        let mut g = Gathered::new(placed, &cluster, &types);
        g.name(kb);
        let Gathered { ents, mut out, .. } = g;
        // mentions whose own type was unknown take their entity's type
        for (t, e) in out.iter_mut() {
            if *t == EntityType::MISC && ents[*e].ty != EntityType::MISC {
                *t = ents[*e].ty;
            }
        }
        (out, ents)
    }
}
