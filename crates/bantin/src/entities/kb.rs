//! The knowledge base: entities known by name (the default alias file shipped with bantin,
//! written from public facts, and the user's own alias file on top of it).

use super::EntityType;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::collections::HashMap;

/// The default alias file: countries, capitals and cities, provinces of Viet Nam,
/// international bodies and news agencies with their variants.
pub const DEFAULT_ALIASES: &str = include_str!("../../data/aliases.toml");

/// An alias file (TOML).
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct AliasFile {
    /// Entities with their variants ("these are the same").
    #[serde(default)]
    pub entity: Vec<EntitySpec>,
    /// Names never to be merged ("these are different people").
    #[serde(default)]
    pub distinct: Vec<DistinctSpec>,
    /// Names with a fixed type ("this name is an ORG").
    #[serde(default)]
    pub typed: Vec<TypedSpec>,
}

/// One entity of an alias file.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct EntitySpec {
    /// Its id in records.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// PER, LOC, ORG or MISC.
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// Other spellings.
    #[serde(default)]
    pub variants: Vec<String>,
}

/// Names that must stay apart.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct DistinctSpec {
    /// The names.
    pub names: Vec<String>,
}

/// A name with a fixed type.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct TypedSpec {
    /// The name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: EntityType,
}

/// Why an alias file was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AliasError {
    /// Not valid TOML or not of the alias file's form.
    #[error("alias file: {0}")]
    Parse(String),
    /// An entity without a name or id.
    #[error("alias file: entity {0:?} needs a non-empty id and name")]
    Empty(String),
}

impl AliasFile {
    /// Parses an alias file.
    ///
    /// # Errors
    /// [`AliasError`] when the text is not a valid alias file.
    pub fn parse(text: &str) -> Result<AliasFile, AliasError> {
        let f: AliasFile = toml::from_str(text).map_err(|e| AliasError::Parse(e.to_string()))?;
        for e in &f.entity {
            if e.id.trim().is_empty() || e.name.trim().is_empty() {
                return Err(AliasError::Empty(e.id.clone()));
            }
        }
        Ok(f)
    }
}

/// A known entity.
#[derive(Debug, Clone)]
pub struct Known {
    /// Its id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Type.
    pub ty: EntityType,
}

/// Entities known by name, with a matcher over their spellings.
#[derive(Debug, Clone)]
pub struct Kb {
    /// The entities.
    pub known: Vec<Known>,
    /// Spelling → entity, for the matcher's patterns.
    pub surfaces: Vec<(String, usize)>,
    /// Matcher over `surfaces` (leftmost-longest).
    pub matcher: AhoCorasick,
    /// Folded name key → entity.
    pub by_key: HashMap<String, usize>,
    /// Pairs of folded keys never merged.
    pub distinct: Vec<Vec<String>>,
    /// Folded key → fixed type.
    pub typed: HashMap<String, EntityType>,
    /// Id → entity.
    pub by_id: HashMap<String, usize>,
}

impl Kb {
    /// The default knowledge base with `user` files layered on top (later files win).
    ///
    /// # Errors
    /// [`AliasError`] when the default or a user file does not parse.
    pub fn new(user: &[AliasFile]) -> Result<Kb, AliasError> {
        let default = AliasFile::parse(DEFAULT_ALIASES)?;
        let mut known: Vec<Known> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut by_surface: HashMap<String, usize> = HashMap::new();
        let mut distinct = Vec::new();
        let mut typed = HashMap::new();
        for file in std::iter::once(&default).chain(user.iter()) {
            for e in &file.entity {
                let idx = *by_id.entry(e.id.clone()).or_insert_with(|| {
                    known.push(Known {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        ty: e.ty,
                    });
                    known.len() - 1
                });
                known[idx].name = e.name.clone();
                known[idx].ty = e.ty;
                for v in std::iter::once(&e.name).chain(e.variants.iter()) {
                    let v = super::nfc(v.trim());
                    if !v.is_empty() {
                        by_surface.insert(v, idx);
                    }
                }
            }
            for d in &file.distinct {
                distinct.push(d.names.iter().map(|n| super::name_key(n)).collect());
            }
            for t in &file.typed {
                typed.insert(super::name_key(&t.name), t.ty);
            }
        }
        let mut surfaces: Vec<(String, usize)> = by_surface.into_iter().collect();
        surfaces.sort();
        let by_key = surfaces
            .iter()
            .map(|(s, i)| (super::name_key(s), *i))
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(surfaces.iter().map(|(s, _)| s.as_str()))
            .map_err(|e| AliasError::Parse(e.to_string()))?;
        Ok(Kb {
            known,
            surfaces,
            matcher,
            by_key,
            distinct,
            typed,
            by_id,
        })
    }

    /// True when two folded keys were declared distinct.
    pub fn are_distinct(&self, a: &str, b: &str) -> bool {
        a != b
            && self
                .distinct
                .iter()
                .any(|g| g.iter().any(|x| x == a) && g.iter().any(|x| x == b))
    }
}
