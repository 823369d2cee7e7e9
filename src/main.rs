//! Entry point built by Trunk.

fn main() {
    ampk_web::start();
}
