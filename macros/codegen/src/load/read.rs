//! Reading a schema file's text, refusing what is not a regular file and
//! anything larger than [`MAX_SCHEMA_BYTES`].
//!
//! `std::fs::read_to_string` trusts the path: on a FIFO it blocks until a
//! writer comes, on `/dev/zero` it reads until memory runs out. Both the CLI
//! and the derive read schemas through here, so neither can be made to hang
//! or to exhaust memory by a path.

use std::fs::{File, FileType};
use std::io::{self, ErrorKind, Read};
use std::path::Path;

use super::MAX_SCHEMA_BYTES;

/// The text of the schema file at `file`, at most [`MAX_SCHEMA_BYTES`] long.
///
/// The file type and size are checked before the file is opened, so a FIFO
/// is never opened (opening one blocks until a writer comes). The opened
/// handle is checked again, in case the path was swapped in between, and the
/// read itself is bounded, for a file that grows or that reports no size
/// (files under `/proc`, devices).
pub(super) fn read_text(file: &Path) -> io::Result<String> {
    let metadata = std::fs::metadata(file)?;
    regular(metadata.file_type())?;
    within_limit(metadata.len())?;
    let opened = File::open(file)?;
    let metadata = opened.metadata()?;
    regular(metadata.file_type())?;
    within_limit(metadata.len())?;
    let bytes = read_bounded(opened, MAX_SCHEMA_BYTES)?;
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        io::Error::new(
            ErrorKind::InvalidData,
            format!("it is not UTF-8 text (invalid byte at offset {at}); save the schema as UTF-8"),
        )
    })
}

/// Everything `reader` yields, refused once it passes `limit` bytes.
///
/// Reads at most `limit + 1` bytes whatever the reader is, so an endless or
/// growing source costs at most the limit in memory and time.
pub(super) fn read_bounded(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if !u64::try_from(bytes.len()).is_ok_and(|read| read <= limit) {
        // The size was checked before, so the file grew while it was read
        // or does not report its size (a device, a file under `/proc`).
        return Err(too_large(&format!(
            "more than {} could be read from it",
            shown_limit()
        )));
    }
    Ok(bytes)
}

fn within_limit(size: u64) -> io::Result<()> {
    if size > MAX_SCHEMA_BYTES {
        return Err(too_large(&format!(
            "it is {size} bytes, more than {}",
            shown_limit()
        )));
    }
    Ok(())
}

fn shown_limit() -> String {
    format!(
        "the {} MiB limit on schema files (MAX_SCHEMA_BYTES = {MAX_SCHEMA_BYTES} bytes)",
        MAX_SCHEMA_BYTES / (1024 * 1024)
    )
}

fn too_large(what: &str) -> io::Error {
    io::Error::new(
        ErrorKind::FileTooLarge,
        format!(
            "{what}; a schema describes one API and is a few KiB, so check that the path names the schema file"
        ),
    )
}

/// `Ok` for a regular file; otherwise an error saying what the path is.
fn regular(kind: FileType) -> io::Result<()> {
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(io::Error::new(
            ErrorKind::IsADirectory,
            "it is a directory; name one schema file inside it",
        ));
    }
    Err(io::Error::new(
        ErrorKind::InvalidInput,
        format!(
            "it is {}, not a regular file; mpkit reads schemas only from regular files (which cannot block or be endless), so name a .json file saved on disk",
            special_kind(kind)
        ),
    ))
}

#[cfg(unix)]
fn special_kind(kind: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: FileType) -> &'static str {
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_reader_stops_at_the_limit() {
        // A source that never ends, like a device that reports size 0.
        let error = read_bounded(io::repeat(b' '), 1024).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::FileTooLarge);
        assert!(error.to_string().contains("MAX_SCHEMA_BYTES"), "{error}");
    }

    #[test]
    fn a_reader_at_the_limit_is_read_whole() {
        let bytes = read_bounded(io::repeat(b'x').take(1024), 1024).unwrap();
        assert_eq!(bytes.len(), 1024);
        let error = read_bounded(io::repeat(b'x').take(1025), 1024).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::FileTooLarge);
    }
}
