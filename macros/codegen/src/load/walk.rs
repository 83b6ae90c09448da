//! Finding the schema files under a directory, each real file once.
//!
//! Symbolic links are followed (a `schemas/` folder may link in another
//! platform's), so the walk remembers the identity of every directory it
//! entered and every file it kept: a link back to an ancestor ends there
//! instead of looping, and a file reached by several paths is listed once,
//! under the path met first. The walk visits names in sorted order, depth
//! first, so the path kept is the smallest in path order and does not depend
//! on the order the file system lists entries in. It uses an explicit stack,
//! so a deep tree cannot overflow the thread's stack either.

use std::collections::HashSet;
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use super::LoadError;

/// What makes two paths the same file or directory.
#[cfg(unix)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Identity {
    device: u64,
    inode: u64,
}

#[cfg(unix)]
fn identity(path: &Path) -> io::Result<Identity> {
    use std::os::unix::fs::MetadataExt;
    // `metadata` follows links: the identity is the target's. Device and
    // inode also make hard links one file.
    let metadata = std::fs::metadata(path)?;
    Ok(Identity {
        device: metadata.dev(),
        inode: metadata.ino(),
    })
}

/// What makes two paths the same file or directory.
#[cfg(not(unix))]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Identity(PathBuf);

#[cfg(not(unix))]
fn identity(path: &Path) -> io::Result<Identity> {
    path.canonicalize().map(Identity)
}

/// Every `*.json` file under `root` but `meta.schema.json`, each real file
/// once, in path order.
pub(super) fn schema_files(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut walk = Walk::default();
    walk.enter(root)?;
    while let Some(path) = walk.stack.pop() {
        if path.is_dir() {
            walk.enter(&path)?;
        } else if is_schema(&path) {
            walk.keep(path);
        }
    }
    walk.files.sort();
    Ok(walk.files)
}

#[derive(Default)]
struct Walk {
    /// The directories listed so far.
    entered: HashSet<Identity>,
    /// The files kept so far.
    kept: HashSet<Identity>,
    files: Vec<PathBuf>,
    /// Paths still to visit, popped last-in first-out.
    stack: Vec<PathBuf>,
}

impl Walk {
    /// Queues the entries of `dir`, unless it was entered through another path.
    fn enter(&mut self, dir: &Path) -> Result<(), LoadError> {
        // When the identity cannot be read, listing the directory fails too
        // and the error says why.
        if let Ok(id) = identity(dir) {
            if !self.entered.insert(id) {
                return Ok(());
            }
        }
        let mut names = sorted_names(dir).map_err(|source| LoadError::Read {
            file: dir.to_path_buf(),
            source,
        })?;
        // Reversed, so that they come off the stack in name order.
        names.reverse();
        self.stack
            .extend(names.into_iter().map(|name| dir.join(name)));
        Ok(())
    }

    /// Lists `file` unless the same file was listed through another path.
    fn keep(&mut self, file: PathBuf) {
        let fresh = match identity(&file) {
            Ok(id) => self.kept.insert(id),
            // Kept (a dangling link, say), so that checking it reports why
            // it cannot be read.
            Err(_) => true,
        };
        if fresh {
            self.files.push(file);
        }
    }
}

fn sorted_names(dir: &Path) -> io::Result<Vec<OsString>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        names.push(entry?.file_name());
    }
    names.sort();
    Ok(names)
}

fn is_schema(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
        && path.file_name().is_some_and(|n| n != "meta.schema.json")
}
