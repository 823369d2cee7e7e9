//! Several files in one download: a zip archive, built in memory (no browser needed).

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A zip archive of `files` (name and text), each deflated, in the order given.
pub fn zip(files: &[(String, String)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, text) in files {
        w.start_file(name.as_str(), options).expect("writing to memory");
        w.write_all(text.as_bytes()).expect("writing to memory");
    }
    w.finish().expect("writing to memory").into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn every_file_comes_back_out_of_the_zip() {
        let files = vec![
            ("umpan-balik-a.json".to_string(), "{\"a\": 1}\n".repeat(50)),
            ("umpan-balik-b.json".to_string(), "{}\n".to_string()),
        ];
        let bytes = zip(&files);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        assert_eq!(archive.len(), 2);
        for (i, (name, text)) in files.iter().enumerate() {
            let mut f = archive.by_index(i).expect("entry");
            assert_eq!(f.name().expect("a name"), name.as_str());
            let mut back = String::new();
            f.read_to_string(&mut back).expect("readable");
            assert_eq!(&back, text);
        }
    }
}
