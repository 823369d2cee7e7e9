//! The native `ampk` command-line tool: the same core as the browser, for automation.
//!
//! Exit codes: 0 ok, 1 problems found, 2 usage error.
#![allow(clippy::print_stdout)]

use ampk_core::rubric::{self, Rubric};
use ampk_core::Lang;
use std::process::ExitCode;

const USAGE: &str = "usage:
  ampk rubric check FILE      validate a rubric file and print every problem
  ampk rubric show [FILE]     print categories, inputs and indicators (built-in rubric without FILE)
options: --lang id|en (default id)";

enum Outcome {
    Ok,
    Problems,
    Usage(String),
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let lang = match take_option(&mut args, "--lang") {
        Ok(l) => l.map(|l| Lang::from_tag(&l)).unwrap_or_default(),
        Err(e) => return usage(&e),
    };
    let outcome = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["rubric", "check", file] => rubric_check(file, lang),
        ["rubric", "show"] => {
            show(rubric::builtin(), lang);
            Outcome::Ok
        }
        ["rubric", "show", file] => match read_rubric(file, lang) {
            Ok(r) => {
                show(&r, lang);
                Outcome::Ok
            }
            Err(o) => o,
        },
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            Outcome::Ok
        }
        _ => Outcome::Usage("unknown command".into()),
    };
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::Problems => ExitCode::from(1),
        Outcome::Usage(e) => usage(&e),
    }
}

fn usage(e: &str) -> ExitCode {
    eprintln!("ampk: {e}\n{USAGE}");
    ExitCode::from(2)
}

fn take_option(args: &mut Vec<String>, name: &str) -> Result<Option<String>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) if i + 1 < args.len() => {
            let v = args.remove(i + 1);
            args.remove(i);
            Ok(Some(v))
        }
        Some(_) => Err(format!("{name} needs a value")),
    }
}

fn read_rubric(file: &str, lang: Lang) -> Result<Rubric, Outcome> {
    let meta = std::fs::metadata(file).map_err(|e| Outcome::Usage(format!("{file}: {e}")))?;
    if meta.len() > rubric::MAX_RUBRIC_BYTES as u64 {
        let msg = match lang {
            Lang::Id => {
                format!("berkas terlalu besar ({} bita, paling besar {})", meta.len(), rubric::MAX_RUBRIC_BYTES)
            }
            Lang::En => format!("file too large ({} bytes, at most {})", meta.len(), rubric::MAX_RUBRIC_BYTES),
        };
        println!("{file}: {msg}");
        return Err(Outcome::Problems);
    }
    let bytes = std::fs::read(file).map_err(|e| Outcome::Usage(format!("{file}: {e}")))?;
    rubric::load(&bytes).map_err(|problems| {
        for p in &problems {
            println!("{file}: {}: {} [{}]", p.display_path(), p.message(lang), p.code);
        }
        let n = problems.len();
        match lang {
            Lang::Id => println!("{n} masalah ditemukan"),
            Lang::En => println!("{n} problem(s) found"),
        }
        Outcome::Problems
    })
}

fn rubric_check(file: &str, lang: Lang) -> Outcome {
    match read_rubric(file, lang) {
        Ok(r) => {
            match lang {
                Lang::Id => println!("{file}: rubrik valid — {} ({}), sha256 {}", r.file.id, r.file.edition, r.sha256),
                Lang::En => println!("{file}: valid rubric — {} ({}), sha256 {}", r.file.id, r.file.edition, r.sha256),
            }
            Outcome::Ok
        }
        Err(o) => o,
    }
}

fn show(r: &Rubric, lang: Lang) {
    let f = &r.file;
    println!("{} [{}]", f.title.get(lang), f.id);
    println!("status: {:?}, edition {}, sha256 {}", f.status, f.edition, r.sha256);
    println!("period: {} … {} ({} months)", f.period.start, f.period.end, r.period_months);
    println!("final score: data {} + jury {}", f.final_score.data_weight, f.final_score.jury_weight);
    for c in &f.categories {
        println!("\n{} — {} (eligible: {}; winners: {})", c.id, c.label.get(lang), c.eligible.join(", "), c.winners);
        for i in &c.inputs {
            let limits = match (i.min, i.max) {
                (Some(a), Some(b)) => format!(" {a}–{b}"),
                _ => String::new(),
            };
            println!("  input {:<26} {:?}{limits}  {}", i.id, i.kind, i.label.get(lang));
        }
        for ind in &c.indicators {
            println!("  {:<4} w {:>5}  {:<45} {}", ind.id, ind.weight, ind.value, ind.label.get(lang));
        }
        for ch in &c.checks {
            println!("  check {}", ch.rule);
        }
    }
}
