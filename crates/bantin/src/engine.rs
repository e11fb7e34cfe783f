//! The engine: everything bantin reads with, built once from a [`Config`], then shared by
//! reference across threads. Every caller (the command line, the store, the server, the
//! Python package) goes through it.

use crate::digest::{Digest, Grouping};
use crate::entities::kb::{AliasError, AliasFile, Kb};
use crate::entities::{Lexicon, LexiconError, Recognizer};
use crate::pipeline::{Linked, PageAnalysis};
use crate::reasoned::Around;
use crate::record::Record;
use crate::ReadError;

/// Why an engine could not be built, or a page not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An alias file is not valid.
    #[error(transparent)]
    Aliases(#[from] AliasError),
    /// A word list is not valid.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    /// A page could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// How an engine reads: its resources and settings. The default is the built-in resources
/// with no date hint.
#[derive(Clone, Debug)]
pub struct Config {
    aliases: Vec<AliasFile>,
    lexicon: Lexicon,
    around: Option<Around>,
    summary_words: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            aliases: Vec::new(),
            lexicon: Lexicon::builtin(),
            around: None,
            summary_words: crate::digest::summary::DEFAULT_WORDS,
        }
    }
}

impl Config {
    /// The built-in resources, no hint.
    pub fn new() -> Config {
        Config::default()
    }

    /// Adds an alias file (TOML text, see `docs/ALIASES.md`), layered over the built-in one
    /// and the files added before.
    ///
    /// # Errors
    /// [`Error::Aliases`] when the text is not a valid alias file.
    pub fn alias_text(mut self, text: &str) -> Result<Config, Error> {
        self.aliases.push(AliasFile::parse(text)?);
        Ok(self)
    }

    /// Adds a parsed alias file.
    pub fn alias_file(mut self, file: AliasFile) -> Config {
        self.aliases.push(file);
        self
    }

    /// Replaces one word list of the built-in lexicon (names: [`Lexicon::names`]).
    ///
    /// # Errors
    /// [`Error::Lexicon`] when no list has that name or `r` does not hold a valid list.
    pub fn word_list(mut self, name: &str, r: impl std::io::Read) -> Result<Config, Error> {
        self.lexicon.replace(name, r)?;
        Ok(self)
    }

    /// Replaces the whole lexicon.
    pub fn lexicon(mut self, lexicon: Lexicon) -> Config {
        self.lexicon = lexicon;
        self
    }

    /// When undated pages were written: a day reasoned from a text that gives no year takes
    /// the hint's (`published_from: "hint"`).
    pub fn around(mut self, around: Option<Around>) -> Config {
        self.around = around;
        self
    }

    /// The length of summaries, in syllables (at least one sentence).
    pub fn summary_words(mut self, words: usize) -> Config {
        self.summary_words = words;
        self
    }

    /// Builds the engine.
    ///
    /// # Errors
    /// [`Error::Aliases`] when the built-in and user alias files disagree.
    pub fn build(self) -> Result<Engine, Error> {
        let kb = Kb::new(&self.aliases)?;
        Ok(Engine {
            recognizer: Recognizer::with_lexicon(kb, &self.lexicon),
            around: self.around,
            summary_words: self.summary_words,
        })
    }
}

/// Reads pages, links runs and writes digests.
///
/// ```
/// let engine = bantin::Engine::builtin();
/// let page = "Hà Nội mở tuyến buýt điện mới\nNgày 3/5/2024, thành phố đưa vào vận hành tuyến buýt điện.\n";
/// let read = engine.analyze("a.txt", page.as_bytes()).unwrap();
/// let run = engine.link(vec![read]);
/// assert_eq!(run.records[0].published.as_deref(), Some("2024-05-03"));
/// let digest = engine.digest(&run.records, &run.grouping);
/// assert_eq!(digest.stories.len(), 1);
/// ```
#[derive(Debug)]
pub struct Engine {
    recognizer: Recognizer,
    around: Option<Around>,
    summary_words: usize,
}

impl Engine {
    /// An engine of the built-in resources.
    pub fn builtin() -> Engine {
        Config::default()
            .build()
            .expect("the built-in resources are valid")
    }

    /// Reads one page (text or HTML, any common encoding, named `name` in the records)
    /// through every stage but linking. Pages are independent: call it in parallel.
    ///
    /// # Errors
    /// [`ReadError`] when the bytes are empty, binary, or hold no article.
    pub fn analyze(&self, name: &str, bytes: &[u8]) -> Result<PageAnalysis, ReadError> {
        self.analyze_around(name, bytes, self.around.as_ref())
    }

    /// [`Engine::analyze`] with another date hint than the engine's (`None`: no hint).
    ///
    /// # Errors
    /// [`ReadError`] when the bytes are empty, binary, or hold no article.
    pub fn analyze_around(
        &self,
        name: &str,
        bytes: &[u8],
        around: Option<&Around>,
    ) -> Result<PageAnalysis, ReadError> {
        crate::pipeline::analyze_page_around(name, bytes, &self.recognizer, around)
    }

    /// [`Engine::analyze`], where a bug met on the way is [`crate::Skip::Internal`] for
    /// this page, never a crash of the run.
    ///
    /// # Errors
    /// Why the page gives nothing.
    pub fn analyze_guarded(&self, name: &str, bytes: &[u8]) -> Result<PageAnalysis, crate::Skip> {
        crate::input::read_guarded(name, bytes, self)
    }

    /// Links a run's pages (one id per real-world entity across them) and groups their
    /// articles into copies, stories and topics.
    pub fn link(&self, pages: Vec<PageAnalysis>) -> Linked {
        crate::pipeline::link_run(&self.recognizer, pages)
    }

    /// Links a run's pages without grouping them: records in page order and the run's
    /// entities.
    pub fn link_only(&self, pages: Vec<PageAnalysis>) -> (Vec<Record>, Vec<crate::Entity>) {
        crate::pipeline::link(&self.recognizer, pages)
    }

    /// The digest of a grouped run: topics, stories, timelines and summaries.
    pub fn digest(&self, records: &[Record], grouping: &Grouping) -> Digest {
        crate::digest::build_with_words(records, grouping, self.summary_words)
    }

    /// The date hint of undated pages, if one was set.
    pub fn around(&self) -> Option<&Around> {
        self.around.as_ref()
    }

    /// The recogniser of names (for callers that run recognition on their own texts).
    pub fn recognizer(&self) -> &Recognizer {
        &self.recognizer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_word_list_changes_what_is_recognised() {
        let text = "Hôm qua, Xưởng Zork Blim công bố kế hoạch mới.";
        let typed = |eng: &Engine| {
            eng.recognizer()
                .recognize(text)
                .into_iter()
                .map(|m| (m.surface, m.ty))
                .collect::<Vec<_>>()
        };
        let plain = typed(&Engine::builtin());
        // "xưởng" made an organisation head: the whole run is one organisation
        let heads: String = Lexicon::builtin()
            .list("org_heads")
            .chain(["xưởng"])
            .flat_map(|w| [w, "\n"])
            .collect();
        let e = Config::new()
            .word_list("org_heads", heads.as_bytes())
            .unwrap()
            .build()
            .unwrap();
        let with = typed(&e);
        assert!(
            with.contains(&("Xưởng Zork Blim".to_string(), Some(crate::EntityType::ORG))),
            "{with:?}"
        );
        assert_ne!(plain, with);
    }

    #[test]
    fn bad_resources_are_errors_not_panics() {
        assert!(matches!(
            Config::new().alias_text("[[entity]]\nid = 3"),
            Err(Error::Aliases(_))
        ));
        assert!(matches!(
            Config::new().word_list("no_such_list", "x".as_bytes()),
            Err(Error::Lexicon(_))
        ));
    }
}
