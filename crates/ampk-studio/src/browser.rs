//! The only module of the studio's crate that touches the browser directly: the language
//! remembered by the page, reading a chosen or dropped file (refused unread over its limit) and
//! offering downloads. It builds on the generic browser I/O of the shared crate
//! (`ampk_web::browser`); everything else receives plain values.

use crate::state::{limit_for, Content, Opened};
use std::rc::Rc;

pub use ampk_web::browser::{download, focus, load_lang, take_files};

/// The first file of a drop, if any.
pub fn dropped_file(e: &web_sys::DragEvent) -> Option<web_sys::File> {
    e.data_transfer()?.files()?.get(0)
}

/// Reads a file, refusing it unread when it is over the limit its name calls for (a workbook's,
/// or a rubric file's for `.json`).
pub async fn open(file: &web_sys::File) -> Opened {
    let name = file.name();
    let limit = limit_for(&name);
    let content = match ampk_web::browser::read_file(file, limit).await {
        Ok(bytes) => Content::Bytes(Rc::new(bytes)),
        Err(size) => Content::TooLarge { size, limit },
    };
    Opened { name, content }
}
