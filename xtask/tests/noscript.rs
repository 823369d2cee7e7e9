//! The page's `<noscript>` line is the catalogue's `noscript` text of every language, joined
//! with " / " (as the crash banners are): `index.html` is static, so this test keeps the two equal.

use ampk_core::Lang;
use std::path::Path;

#[test]
fn noscript_is_the_catalogue_text_in_every_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let page = std::fs::read_to_string(root.join("index.html")).unwrap();
    let (_, rest) = page.split_once("<noscript>").expect("index.html has a <noscript>");
    let (shown, _) = rest.split_once("</noscript>").expect("the <noscript> is closed");
    let expected = Lang::ALL.map(|l| l.texts().noscript()).join(" / ");
    assert_eq!(shown, expected, "index.html's <noscript> must be the catalogue's [app] noscript of every language");
}
