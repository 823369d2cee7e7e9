//! The native `ampk` command-line tool: the same core as the browser, for automation.
//!
//! Exit codes: 0 ok, 1 problems found (an invalid rubric, a rejected submission, a bad jury
//! row), 2 usage error (unknown command or option, unreadable path).

use ampk_core::import::{self, FileReport, ImportReport, JuryMarks, Status};
use ampk_core::rubric::{self, Rubric};
use ampk_core::{example, export, fmt, round2, submission, Lang};
use serde_json::json;
use std::fs;
use std::io::Write;
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes to standard output; when the reader has gone away (`ampk … | head`), stops quietly
/// instead of panicking.
fn emit(args: std::fmt::Arguments<'_>, newline: bool) {
    let mut o = std::io::stdout().lock();
    let r = o.write_fmt(args).and_then(|_| if newline { o.write_all(b"\n") } else { Ok(()) });
    if let Err(e) = r {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("ampk: cannot write to standard output: {e}");
        std::process::exit(2);
    }
}

macro_rules! outln {
    () => { emit(format_args!(""), true) };
    ($($t:tt)*) => { emit(format_args!($($t)*), true) };
}

macro_rules! outp {
    ($($t:tt)*) => { emit(format_args!($($t)*), false) };
}

const USAGE: &str = "usage:
  ampk rubric check FILE
  ampk rubric show [FILE]
  ampk example --type opd|uptd|kabkota [--out FILE]
  ampk score FILE... [--rubric FILE] [--json]
  ampk rank PATH... [--rubric FILE] [--jury FILE.csv] [--csv OUT] [--csv-sep ';'|','] [--xlsx OUT]
                    [--json OUT|-] [--recursive]
common option: --lang id|en (default id)";

/// Why a command stopped early.
enum Fail {
    /// Problems in the inputs (exit 1); already printed.
    Problems,
    /// Wrong usage or unreadable path (exit 2).
    Usage(String),
}

type Outcome = Result<bool, Fail>;

struct Args {
    positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

const VALUE_OPTIONS: &[&str] =
    &["--lang", "--rubric", "--jury", "--csv", "--csv-sep", "--xlsx", "--json", "--out", "--type"];
const FLAG_OPTIONS: &[&str] = &["--recursive", "--json"];

fn parse_args(raw: Vec<String>, command: &str) -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut options = Vec::new();
    let mut it = raw.into_iter().peekable();
    while let Some(a) = it.next() {
        if a.starts_with("--") {
            // `score --json` is a flag; `rank --json OUT|-` takes a value.
            let is_flag = FLAG_OPTIONS.contains(&a.as_str()) && !(a == "--json" && command == "rank");
            if is_flag {
                options.push((a, None));
            } else if VALUE_OPTIONS.contains(&a.as_str()) {
                let v = it.next().ok_or(format!("{a} needs a value"))?;
                options.push((a, Some(v)));
            } else {
                return Err(format!("unknown option {a}"));
            }
        } else {
            positional.push(a);
        }
    }
    Ok(Args { positional, options })
}

impl Args {
    fn value(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }
    fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }
}

fn main() -> ExitCode {
    let mut raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.is_empty() || matches!(raw[0].as_str(), "-h" | "--help" | "help") {
        outln!("{USAGE}");
        return if raw.is_empty() { ExitCode::from(2) } else { ExitCode::SUCCESS };
    }
    let command = raw.remove(0);
    let args = match parse_args(raw, &command) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    let lang = args.value("--lang").map(Lang::from_tag).unwrap_or_default();
    let pos: Vec<&str> = args.positional.iter().map(String::as_str).collect();
    let outcome = match (command.as_str(), pos.as_slice()) {
        ("rubric", ["check", file]) => read_rubric(file, lang).map(|r| {
            match lang {
                Lang::Id => {
                    outln!("{file}: rubrik valid — {} (edisi {}), sha256 {}", r.file.id, r.file.edition, r.sha256)
                }
                Lang::En => {
                    outln!("{file}: valid rubric — {} (edition {}), sha256 {}", r.file.id, r.file.edition, r.sha256)
                }
            }
            true
        }),
        ("rubric", ["show"]) => {
            show(rubric::builtin(), lang);
            Ok(true)
        }
        ("rubric", ["show", file]) => read_rubric(file, lang).map(|r| {
            show(&r, lang);
            true
        }),
        ("example", []) => cmd_example(&args),
        ("score", files) if !files.is_empty() => cmd_score(&args, files, lang),
        ("rank", paths) if !paths.is_empty() => cmd_rank(&args, paths, lang),
        _ => Err(Fail::Usage(format!("unknown command or missing arguments: {command}"))),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) | Err(Fail::Problems) => ExitCode::from(1),
        Err(Fail::Usage(e)) => usage(&e),
    }
}

fn usage(e: &str) -> ExitCode {
    eprintln!("ampk: {e}\n{USAGE}");
    ExitCode::from(2)
}

fn read_limited(path: &Path, limit: usize) -> Result<Result<Vec<u8>, u64>, Fail> {
    let meta = fs::metadata(path).map_err(|e| Fail::Usage(format!("{}: {e}", path.display())))?;
    if meta.len() > limit as u64 {
        return Ok(Err(meta.len()));
    }
    fs::read(path).map(Ok).map_err(|e| Fail::Usage(format!("{}: {e}", path.display())))
}

fn read_rubric(file: &str, lang: Lang) -> Result<Rubric, Fail> {
    let bytes = match read_limited(Path::new(file), rubric::MAX_RUBRIC_BYTES)? {
        Ok(b) => b,
        Err(len) => {
            match lang {
                Lang::Id => {
                    outln!("{file}: berkas terlalu besar ({len} bita, paling besar {})", rubric::MAX_RUBRIC_BYTES)
                }
                Lang::En => outln!("{file}: file too large ({len} bytes, at most {})", rubric::MAX_RUBRIC_BYTES),
            }
            return Err(Fail::Problems);
        }
    };
    rubric::load(&bytes).map_err(|problems| {
        for p in &problems {
            outln!("{file}: {}: {} [{}]", p.display_path(), p.message(lang), p.code);
        }
        match lang {
            Lang::Id => outln!("{file}: {} masalah ditemukan", problems.len()),
            Lang::En => outln!("{file}: {} problem(s) found", problems.len()),
        }
        Fail::Problems
    })
}

fn rubric_for(args: &Args, lang: Lang) -> Result<Rubric, Fail> {
    match args.value("--rubric") {
        Some(f) => read_rubric(f, lang),
        None => Ok(rubric::builtin().clone()),
    }
}

fn show(r: &Rubric, lang: Lang) {
    let f = &r.file;
    outln!("{} [{}]", f.title.get(lang), f.id);
    outln!("status: {:?}, edition {}, sha256 {}", f.status, f.edition, r.sha256);
    outln!("period: {} … {} ({} months)", f.period.start, f.period.end, r.period_months);
    outln!("final score: data {} + jury {}", f.final_score.data_weight, f.final_score.jury_weight);
    for c in &f.categories {
        outln!("\n{} — {} (eligible: {}; winners: {})", c.id, c.label.get(lang), c.eligible.join(", "), c.winners);
        for i in &c.inputs {
            let limits = match (i.min, i.max) {
                (Some(a), Some(b)) => format!(" {}–{}", fmt::number(a, lang, None), fmt::number(b, lang, None)),
                _ => String::new(),
            };
            outln!("  input {:<26} {:?}{limits}  {}", i.id, i.kind, i.label.get(lang));
        }
        for ind in &c.indicators {
            outln!("  {:<4} w {:>5}  {:<45} {}", ind.id, ind.weight, ind.value, ind.label.get(lang));
        }
        for ch in &c.checks {
            outln!("  check {}", ch.rule);
        }
    }
}

fn cmd_example(args: &Args) -> Outcome {
    let t = args.value("--type").ok_or(Fail::Usage("example needs --type opd|uptd|kabkota".into()))?;
    let r = rubric::builtin();
    let s = example::example(r, t).ok_or(Fail::Usage(format!("unknown agency type {t}")))?;
    let text = submission::write(r, &s, example::EXAMPLE_EXPORTED_AT);
    match args.value("--out") {
        Some(out) if out != "-" => fs::write(out, text).map_err(|e| Fail::Usage(format!("{out}: {e}")))?,
        _ => outp!("{text}"),
    }
    Ok(true)
}

fn load_files(paths: &[&str], recursive: bool) -> Result<Vec<(String, PathBuf)>, Fail> {
    let mut out = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            let mut found = Vec::new();
            collect_json(path, path, recursive, &mut found)?;
            found.sort();
            out.extend(found);
        } else if path.exists() {
            out.push((p.to_string(), path.to_path_buf()));
        } else {
            return Err(Fail::Usage(format!("{p}: no such file or folder")));
        }
    }
    Ok(out)
}

fn collect_json(base: &Path, dir: &Path, recursive: bool, out: &mut Vec<(String, PathBuf)>) -> Result<(), Fail> {
    let entries = fs::read_dir(dir).map_err(|e| Fail::Usage(format!("{}: {e}", dir.display())))?;
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            // Symbolic links to folders are not followed: a link to `.` or `..` would recurse
            // without end (exponentially with two such links).
            if recursive && !e.file_type().is_ok_and(|t| t.is_symlink()) {
                collect_json(base, &p, recursive, out)?;
            }
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("json"))
            && !e.file_type().is_ok_and(|t| t.is_fifo() || t.is_socket() || t.is_block_device() || t.is_char_device())
        {
            // Only files: a named pipe called `x.json` would block the read for ever.
            let rel = p.strip_prefix(base).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            out.push((rel, p));
        }
    }
    Ok(())
}

fn assess_one(r: &Rubric, name: &str, path: &Path) -> FileReport {
    match fs::metadata(path) {
        Err(e) => import::unreadable(name, &e.to_string()),
        Ok(m) if m.len() > submission::MAX_BYTES as u64 => import::too_large(name, m.len()),
        Ok(_) => match fs::read(path) {
            Ok(bytes) => import::assess(r, name, &bytes),
            Err(e) => import::unreadable(name, &e.to_string()),
        },
    }
}

/// Reads and assesses every file, on all cores (each file is independent; the order of the
/// result is the order given).
fn assess_all(r: &Rubric, files: &[(String, PathBuf)]) -> Result<Vec<FileReport>, Fail> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 16);
    let chunk = files.len().div_ceil(threads).max(1);
    let reports = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|(n, p)| assess_one(r, n, p)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("assessing a file never panics")).collect()
    });
    Ok(reports)
}

fn print_reasons(out: &mut dyn Write, f: &FileReport, lang: Lang) {
    for p in &f.reasons {
        let path = if p.path.is_empty() { String::new() } else { format!("{}: ", p.path) };
        let _ = writeln!(out, "    - [{}] {path}{}", p.code, p.message(lang));
    }
}

fn cmd_score(args: &Args, files: &[&str], lang: Lang) -> Outcome {
    let r = rubric_for(args, lang)?;
    let list = load_files(files, false)?;
    let reports = assess_all(&r, &list)?;
    let mut all_ok = true;
    let mut json_files = Vec::new();
    for f in &reports {
        all_ok &= f.status != Status::Rejected;
        let cards = f.checked.as_ref().map(|c| c.cards.as_slice()).unwrap_or_default();
        if args.flag("--json") {
            let categories: Vec<_> = cards
                .iter()
                .map(|card| {
                    let def = &r.file.categories[card.category];
                    json!({
                        "id": def.id,
                        "data_score": card.rounded(),
                        "predicate": card.predicate(&r, lang),
                        "final_score_range": [round2(card.final_score(&r, 0.0)), round2(card.final_score(&r, 100.0))],
                        "incomplete": card.incomplete(),
                        "indicators": card.rounded_indicators(&r)
                            .map(|(id, s)| (id.to_string(), json!(s))).collect::<serde_json::Map<_, _>>(),
                    })
                })
                .collect();
            json_files.push(json!({
                "file": f.file, "status": f.status.as_str(), "agency": f.agency(),
                "reasons": f.reasons.iter().map(|p| json!({"code": p.code, "path": p.path, "message": p.message(lang)})).collect::<Vec<_>>(),
                "categories": categories,
            }));
            continue;
        }
        outln!("{} — {} ({})", f.file, f.agency().unwrap_or("?"), f.status.label(lang));
        print_reasons(&mut std::io::stdout(), f, lang);
        for card in cards {
            let def = &r.file.categories[card.category];
            let inds: Vec<String> = def
                .indicators
                .iter()
                .zip(&card.indicators)
                .map(|(d, s)| format!("{} {}", d.id, fmt::score(s.score, lang)))
                .collect();
            outln!(
                "  {:<20} {:>6}  {:<12} [{}–{}]  {}",
                def.id,
                fmt::score(card.data_score, lang),
                card.predicate(&r, lang),
                fmt::score(card.final_score(&r, 0.0), lang),
                fmt::score(card.final_score(&r, 100.0), lang),
                inds.join(" · ")
            );
        }
    }
    if args.flag("--json") {
        outln!("{}", serde_json::to_string_pretty(&json_files).expect("json"));
    }
    Ok(all_ok)
}

fn cmd_rank(args: &Args, paths: &[&str], lang: Lang) -> Outcome {
    // A usage error, checked before any work or output (with or without --csv).
    let sep = match args.value("--csv-sep").unwrap_or(";") {
        ";" => b';',
        "," => b',',
        other => return Err(Fail::Usage(format!("--csv-sep must be ';' or ',', not {other}"))),
    };
    let r = rubric_for(args, lang)?;
    let list = load_files(paths, args.flag("--recursive"))?;
    let mut ok = true;
    let jury: JuryMarks = match args.value("--jury") {
        None => JuryMarks::new(),
        Some(j) => {
            let bytes = match read_limited(Path::new(j), submission::MAX_BYTES)? {
                Ok(b) => b,
                Err(len) => return Err(Fail::Usage(format!("{j}: too large ({len} bytes)"))),
            };
            let (marks, problems) = export::parse_jury_csv(&r, &bytes);
            for p in &problems {
                eprintln!("{j}: {}: {} [{}]", p.path, p.message(lang), p.code);
            }
            ok &= problems.is_empty();
            marks
        }
    };
    let report = import::resolve(&r, assess_all(&r, &list)?, &jury);
    ok &= report.files.iter().all(|f| f.status != Status::Rejected);
    let json_to_stdout = args.value("--json") == Some("-");
    {
        let mut out: Box<dyn Write> =
            if json_to_stdout { Box::new(std::io::stderr()) } else { Box::new(std::io::stdout()) };
        print_report(&mut *out, &r, &report, lang);
    }
    if let Some(target) = args.value("--json") {
        let text = serde_json::to_string_pretty(&import::report_json(&r, &report, lang)).expect("json") + "\n";
        if json_to_stdout {
            outp!("{text}");
        } else {
            fs::write(target, text).map_err(|e| Fail::Usage(format!("{target}: {e}")))?;
        }
    }
    if let Some(out) = args.value("--csv") {
        fs::write(out, export::ranking_csv(&r, &report, sep, lang)).map_err(|e| Fail::Usage(format!("{out}: {e}")))?;
    }
    if let Some(out) = args.value("--xlsx") {
        let bytes = ampk_xlsx::ranking_xlsx(&r, &report, lang, now_stamp())
            .map_err(|e| Fail::Usage(format!("{out}: cannot build the workbook: {e}")))?;
        fs::write(out, bytes).map_err(|e| Fail::Usage(format!("{out}: {e}")))?;
    }
    Ok(ok)
}

/// The current UTC time, for the workbook's creation stamp (the CLI is the shell: it may read
/// the clock; the core never does).
fn now_stamp() -> ampk_xlsx::Stamp {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as u16, m as u8, d as u8, (rem / 3600) as u16, ((rem % 3600) / 60) as u8, (rem % 60) as u8)
}

fn print_report(out: &mut dyn Write, r: &Rubric, report: &ImportReport, lang: Lang) {
    let (files_h, rank_h) = match lang {
        Lang::Id => ("Status berkas", "Peringkat"),
        Lang::En => ("File status", "Ranking"),
    };
    let _ = writeln!(out, "{files_h} ({} {}):", report.files.len(), if lang == Lang::Id { "berkas" } else { "files" });
    for f in &report.files {
        let _ = writeln!(out, "  {:<24} {:<40} {}", f.status.label(lang), f.file, f.agency().unwrap_or("–"));
        print_reasons(out, f, lang);
    }
    for (cat, agency) in &report.unmatched_jury {
        let _ = match lang {
            Lang::Id => writeln!(out, "  nilai juri tanpa pengajuan: {agency} ({cat})"),
            Lang::En => writeln!(out, "  jury mark without a submission: {agency} ({cat})"),
        };
    }
    for c in &report.categories {
        let def = &r.file.categories[c.category];
        let by = match (c.by_final, lang) {
            (true, Lang::Id) => "nilai akhir",
            (true, Lang::En) => "final score",
            (false, Lang::Id) => "nilai data",
            (false, Lang::En) => "data score",
        };
        let _ = writeln!(
            out,
            "\n{rank_h} — {} [{}] ({by}, {} {})",
            def.label.get(lang),
            def.id,
            def.winners,
            if lang == Lang::Id { "pemenang" } else { "winners" }
        );
        if c.rows.is_empty() {
            let _ = writeln!(
                out,
                "  {}",
                if lang == Lang::Id { "(belum ada pengajuan yang diterima)" } else { "(no accepted submissions)" }
            );
        }
        for row in &c.rows {
            let f = &report.files[row.file];
            let card = &f.checked.as_ref().expect("ranked files are checked").cards[row.card];
            let final_s = row.final_score.map(|x| format!("  akhir/final {}", fmt::score(x, lang))).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} {:>3}. {:<40} {:>6}  {:<12}{final_s}  ({})",
                if row.winner { "★" } else { " " },
                row.rank,
                f.agency().unwrap_or("?"),
                fmt::score(row.data_score, lang),
                card.predicate(r, lang),
                f.file
            );
        }
    }
}
