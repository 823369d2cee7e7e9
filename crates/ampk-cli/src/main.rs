//! The native `ampk` command-line tool: the same core as the browser, for automation.
//!
//! Exit codes: 0 ok, 1 problems found (an invalid rubric, a rejected submission, a bad jury
//! row), 2 usage error (unknown command or option, missing or invalid option value, unreadable
//! path).

use ampk_core::feedback;
use ampk_core::import::{self, FileReport, ImportReport, JuryMarks, Status};
use ampk_core::review::{self, ReviewFile, ReviewState, Verified};
use ampk_core::rubric::{self, Rubric};
use ampk_core::{example, export, fmt, round2, submission, Lang};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::{ContextKind, ContextValue};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::fs;
use std::io::Write;
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The language of the command line, once it is parsed (for [`emit`]'s own error).
static LANG: OnceLock<Lang> = OnceLock::new();

/// Writes to standard output; when the reader has gone away (`ampk … | head`), stops quietly
/// instead of panicking.
fn emit(args: std::fmt::Arguments<'_>, newline: bool) {
    let mut o = std::io::stdout().lock();
    let r = o.write_fmt(args).and_then(|_| if newline { o.write_all(b"\n") } else { Ok(()) });
    if let Err(e) = r {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("{}", LANG.get().copied().unwrap_or_default().texts().cli_stdout_failed(e));
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

mod diff;
mod studio;

// The command line, as clap parses it: the `///` comments of these types, their fields and
// variants are also the `--help` text.

/// Check AMPK rubrics, write sample submissions, re-score submissions and rank a batch of them,
/// with the same core as the browser app.
#[derive(Parser)]
#[command(
    name = "ampk",
    version,
    // A repeated option keeps its last value (as the tool always did), in every command.
    args_override_self = true,
    // No command is a usage error like any other (exit 2, the synopses), not the full help.
    arg_required_else_help = false,
    after_help = "Exit codes: 0 ok; 1 problems found (an invalid rubric, a rejected submission, a bad jury \
                  row); 2 usage error (unknown command or option, missing or invalid option value, unreadable path).\n\
                  Run 'ampk <COMMAND> --help' for the options of a command."
)]
struct Cli {
    /// Language of messages, reports and exports
    #[arg(
        long,
        value_name = "LANG",
        value_parser = lang_parser(),
        default_value = Lang::default().tag(),
        global = true
    )]
    lang: Lang,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Validate, show or convert a rubric (JSON file or workbook)
    #[command(subcommand, arg_required_else_help = false)]
    Rubric(RubricCmd),
    /// Write a valid, realistic sample submission
    ///
    /// Write a valid, realistic sample submission of an agency type, with every category it may
    /// enter. The clock and the submission id are fixed, so the output is reproducible.
    Example(ExampleArgs),
    /// Re-score submissions: a table per file, or JSON
    ///
    /// Re-score each submission with the rubric: its status (with the reasons of a rejection),
    /// then per category the data score, the predicate, the range the final score can reach
    /// with a jury mark, and each indicator's score. Exit 1 if a file is rejected.
    Score(ScoreArgs),
    /// Import a batch of submissions and rank each category
    ///
    /// The coordinator's import pipeline: each file's status with its reasons, then each
    /// category's ranking with its winners (★). Exit 1 if a file is rejected or a jury row is
    /// bad.
    Rank(RankArgs),
    /// Write the feedback files (umpan balik) of a review, one per agency
    ///
    /// Import a batch like 'rank', apply the review file and write, for every submission the
    /// review has something for (a state, a verdict, a correction or a note), its feedback file
    /// (ampk-feedback) into DIR, named umpan-balik-<agency>-<id>.json. A review with problems is
    /// reported with its JSON paths (exit 1) and nothing is written.
    Feedback(FeedbackArgs),
}

#[derive(clap::Args)]
struct FeedbackArgs {
    /// Submission files or folders, as for 'rank'
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,
    /// Score with this rubric file (JSON) [default: the built-in model rubric]
    #[arg(long, value_name = "FILE")]
    rubric: Option<String>,
    /// The review file (ampk-review)
    #[arg(long, value_name = "REVIEW.json", required = true)]
    review: String,
    /// The folder to write the feedback files into (created if missing)
    #[arg(long, value_name = "DIR", required = true)]
    out: String,
    /// Also read the .json files in the subfolders of the folders given
    #[arg(long)]
    recursive: bool,
}

#[derive(Subcommand)]
enum RubricCmd {
    /// Validate a rubric file
    ///
    /// Validate a rubric file: every problem with its JSON path. Exit 1 if there is any.
    Check {
        /// The rubric file (JSON) to validate
        #[arg(value_name = "FILE")]
        file: String,
    },
    /// Show a rubric: categories, inputs, indicators, checks
    Show {
        /// The rubric file (JSON) to show [default: the built-in model rubric]
        #[arg(value_name = "FILE")]
        file: Option<String>,
    },
    /// Compare two rubrics: what changed, in plain words
    ///
    /// Compare two rubric files: their identity, then every change in plain words — categories,
    /// inputs, checklist items and indicators added or removed, changed weights, formulas,
    /// scales, limits and checks — in the language of --lang.
    #[command(after_help = "Exit codes (like diff): 0 the same rubric (the same fingerprint); 1 the rubrics \
                            differ; 2 error (an unreadable or invalid file, or wrong usage).")]
    Diff(diff::DiffArgs),
    /// Write the built-in model rubric as a workbook, to start an official rubric from
    Template {
        /// Write the workbook (XLSX) to FILE.xlsx ('-' is standard output)
        #[arg(long, value_name = "FILE.xlsx", default_value = "rubrik-model.xlsx")]
        out: String,
    },
    /// Write a rubric file as a workbook
    ///
    /// Write a rubric file as a workbook (XLSX) to edit in Excel or LibreOffice: a sheet per
    /// part of the rubric, instructions, drop-down lists. Exit 1 if the rubric is invalid.
    ToXlsx {
        /// The rubric file (JSON)
        #[arg(value_name = "RUBRIC.json")]
        file: String,
        /// Write the workbook (XLSX) to FILE.xlsx ('-' is standard output)
        #[arg(long, value_name = "FILE.xlsx")]
        out: String,
    },
    /// Check a rubric workbook and write it as a rubric file
    ///
    /// Read a rubric workbook (XLSX or ODS) and write the rubric file, with its fingerprint on
    /// standard error. On problems, exit 1, write no file, and print every problem at its cell
    /// (`indikator!F7 (bobot): …`).
    FromXlsx {
        /// The rubric workbook (XLSX or ODS)
        #[arg(value_name = "FILE.xlsx")]
        file: String,
        /// Write the rubric file (JSON) to RUBRIC.json ('-' is standard output)
        #[arg(long, value_name = "RUBRIC.json")]
        out: String,
        /// Print the problems as one JSON array of {sheet, row, column, cell, code, message}
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
struct ExampleArgs {
    /// The agency type of the sample
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    agency_type: AgencyType,
    /// Write the submission to FILE instead of standard output ('-' is standard output)
    #[arg(long, value_name = "FILE")]
    out: Option<String>,
}

#[derive(clap::Args)]
struct ScoreArgs {
    /// Submission files (.json); a folder stands for the .json files directly inside it
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,
    /// Score with this rubric file (JSON) [default: the built-in model rubric]
    #[arg(long, value_name = "FILE")]
    rubric: Option<String>,
    /// Print the results as one JSON array (an object per file) instead of the tables; takes no
    /// value, unlike `rank --json OUT`
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct RankArgs {
    /// Submission files or folders: a folder's *.json files are read (its subfolders only with
    /// --recursive), each named by its path relative to that folder
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,
    /// Score with this rubric file (JSON) [default: the built-in model rubric]
    #[arg(long, value_name = "FILE")]
    rubric: Option<String>,
    /// Jury marks: a CSV file with the header agency,category,jury_score, separated by ';' or ','.
    /// A category is ranked by the final score when every entry in it has a mark
    #[arg(long, value_name = "FILE.csv")]
    jury: Option<String>,
    /// Write the ranking as CSV (UTF-8 with a BOM) to OUT
    #[arg(long, value_name = "OUT")]
    csv: Option<String>,
    /// The --csv separator: ';' with decimal commas (the Indonesian Excel locale) or ',' with
    /// decimal points
    #[arg(long, value_enum, value_name = "SEP", default_value_t = CsvSep::Semicolon)]
    csv_sep: CsvSep,
    /// Write the ranking as an Excel workbook to OUT: a sheet per category and a file-status sheet
    #[arg(long, value_name = "OUT")]
    xlsx: Option<String>,
    /// Write the report as JSON to OUT; with '-' the JSON goes to standard output and the
    /// human-readable report to standard error
    #[arg(long, value_name = "OUT|-")]
    json: Option<String>,
    /// Also read the .json files in the subfolders of the folders given (links to folders are
    /// not followed)
    #[arg(long)]
    recursive: bool,
    /// Apply a review file (ampk-review): print the review states, the self-reported and
    /// verified data scores and the rankings by verified score. A review with problems is
    /// reported with its JSON paths (exit 1) and nothing is applied
    #[arg(long, value_name = "REVIEW.json")]
    review: Option<String>,
    /// Write the review's audit log as CSV (UTF-8 with a BOM, ';'-separated) to OUT
    #[arg(long, value_name = "OUT.csv", requires = "review")]
    audit: Option<String>,
}

/// `--lang`: a language's tag, each described by its own name, in the order of the catalogues.
fn lang_parser() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(Lang::ALL.map(|l| PossibleValue::new(l.tag()).help(l.texts().cli_lang_name())))
        .map(|tag| Lang::from_tag(&tag))
}

#[derive(Clone, Copy, ValueEnum)]
enum AgencyType {
    /// Provincial agency (OPD Pemprov)
    Opd,
    /// Technical unit (UPTD)
    Uptd,
    /// Regency/city government (Pemerintah Kabupaten/Kota)
    Kabkota,
}

impl AgencyType {
    /// The rubric's id of the type.
    fn id(self) -> &'static str {
        match self {
            AgencyType::Opd => "opd",
            AgencyType::Uptd => "uptd",
            AgencyType::Kabkota => "kabkota",
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvSep {
    #[value(name = ";")]
    Semicolon,
    #[value(name = ",")]
    Comma,
}

/// Why a command stopped early.
enum Fail {
    /// Problems in the inputs (exit 1); already printed.
    Problems,
    /// Wrong usage or unreadable path (exit 2).
    Usage(String),
}

type Outcome = Result<bool, Fail>;

fn main() -> ExitCode {
    let cli = match parser().try_get_matches().and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => return parse_failure(e),
    };
    let lang = cli.lang;
    let t = lang.texts();
    let _ = LANG.set(lang);
    let (command, outcome): (&[&str], Outcome) = match &cli.command {
        Cmd::Rubric(RubricCmd::Check { file }) => (
            &["rubric", "check"],
            read_rubric(file, lang).map(|r| {
                outln!("{}", t.cli_rubric_valid(r.file.edition, file, &r.file.id, &r.sha256));
                true
            }),
        ),
        Cmd::Rubric(RubricCmd::Show { file }) => (
            &["rubric", "show"],
            rubric_for(file.as_deref(), lang).map(|r| {
                show(&r, lang);
                true
            }),
        ),
        Cmd::Rubric(RubricCmd::Diff(args)) => (&["rubric", "diff"], diff::run(args, lang, diff::any_rubric)),
        Cmd::Rubric(RubricCmd::Template { out }) => (&["rubric", "template"], studio::template(out, lang)),
        Cmd::Rubric(RubricCmd::ToXlsx { file, out }) => (&["rubric", "to-xlsx"], studio::to_xlsx(file, out, lang)),
        Cmd::Rubric(RubricCmd::FromXlsx { file, out, json }) => {
            (&["rubric", "from-xlsx"], studio::from_xlsx(file, out, *json, lang))
        }
        Cmd::Example(args) => (&["example"], cmd_example(args)),
        Cmd::Score(args) => (&["score"], cmd_score(args, lang)),
        Cmd::Rank(args) => (&["rank"], cmd_rank(args, lang)),
        Cmd::Feedback(args) => (&["feedback"], cmd_feedback(args, lang)),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) | Err(Fail::Problems) => ExitCode::from(1),
        Err(Fail::Usage(e)) => {
            eprintln!("{}", t.cli_usage_error(command.join(" "), e, usage(command)));
            ExitCode::from(2)
        }
    }
}

/// The parser of [`Cli`], each command's usage being its synopsis (see [`with_synopses`]).
fn parser() -> clap::Command {
    let cmd = Cli::command();
    let name = cmd.get_name().to_string();
    with_synopses(cmd, &name).0
}

/// "Usage: " (or "usage: "), which clap writes before a usage's first line.
const HEADING: usize = 7;

/// Sets the usage of `cmd` (named `prefix`) and of its subcommands to synopses built from the
/// parser's own definitions, one per command that takes no subcommand (`ampk rank PATH...
/// [--rubric FILE] …`): the top-level usage lists every command. Returns the synopses.
fn with_synopses(cmd: clap::Command, prefix: &str) -> (clap::Command, Vec<String>) {
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    if names.is_empty() {
        let line = synopsis(&cmd, prefix);
        return (cmd.override_usage(line.clone()), vec![line]);
    }
    let mut all = Vec::new();
    let mut cmd = cmd;
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| {
            let (sub, lines) = with_synopses(sub, &format!("{prefix} {name}"));
            all.extend(lines);
            sub
        });
    }
    let usage = all.join(&format!("\n{}", " ".repeat(HEADING)));
    (cmd.override_usage(usage), all)
}

/// `prefix` and the arguments of `cmd` (`--lang` aside: it is common to all), wrapped at 100
/// columns under the first argument.
fn synopsis(cmd: &clap::Command, prefix: &str) -> String {
    const WIDTH: usize = 100;
    let indent = HEADING + prefix.chars().count() + 1;
    let mut text = prefix.to_string();
    let mut column = HEADING + text.chars().count();
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set() && !a.is_global_set()) {
        let word = arg_synopsis(arg);
        let width = word.chars().count();
        if column + 1 + width > WIDTH {
            text = format!("{text}\n{}{word}", " ".repeat(indent));
            column = indent + width;
        } else {
            text = format!("{text} {word}");
            column += 1 + width;
        }
    }
    text
}

/// `PATH...`, `[FILE]`, `--type opd|uptd|kabkota`, `[--csv-sep ';'|',']`, `[--json]`.
fn arg_synopsis(arg: &clap::Arg) -> String {
    let takes_value = arg.get_action().takes_values();
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| match v.get_name() {
            name if name.chars().all(|c| c.is_ascii_alphanumeric()) => name.to_string(),
            name => format!("'{name}'"),
        })
        .collect();
    let value = match arg.get_value_names().and_then(|n| n.first()) {
        _ if !possible.is_empty() => possible.join("|"),
        Some(name) => name.to_string(),
        None => arg.get_id().to_string().to_uppercase(),
    };
    let word = match arg.get_long() {
        Some(long) if takes_value => format!("--{long} {value}"),
        Some(long) => format!("--{long}"),
        None if matches!(arg.get_action(), ArgAction::Append) => format!("{value}..."),
        None => value,
    };
    if arg.is_required_set() {
        word
    } else {
        format!("[{word}]")
    }
}

/// The usage of the command named by `path` (`["rank"]`, `["rubric", "check"]`; `[]` is the
/// top level), headed `usage:` as the tool's usage errors always were (clap writes `Usage:`).
fn usage(path: &[&str]) -> String {
    let mut cmd = parser();
    cmd.build();
    for name in path {
        match cmd.find_subcommand(name) {
            Some(sub) => cmd = sub.clone(),
            None => break,
        }
    }
    let text = cmd.render_usage().to_string();
    match text.strip_prefix("Usage:") {
        Some(rest) => format!("usage:{rest}"),
        None => text,
    }
}

/// A command line clap could not parse (exit 2, on standard error), or the help or version it
/// was asked for (exit 0, on standard output). An error ends with the usage of the command it
/// concerns (clap shows none after a bad or missing option value).
fn parse_failure(mut e: clap::Error) -> ExitCode {
    if e.use_stderr() {
        // The commands named on the command line, read again leniently.
        let path: Vec<String> = match parser().ignore_errors(true).try_get_matches() {
            Ok(mut m) => std::iter::from_fn(|| {
                let (name, sub) = m.remove_subcommand()?;
                m = sub;
                Some(name)
            })
            .collect(),
            Err(_) => Vec::new(),
        };
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        e.insert(ContextKind::Usage, ContextValue::StyledStr(usage(&path).into()));
    }
    let _ = e.print();
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

fn read_limited(path: &Path, limit: usize) -> Result<Result<Vec<u8>, u64>, Fail> {
    let meta = fs::metadata(path).map_err(|e| Fail::Usage(format!("{}: {e}", path.display())))?;
    if meta.len() > limit as u64 {
        return Ok(Err(meta.len()));
    }
    fs::read(path).map(Ok).map_err(|e| Fail::Usage(format!("{}: {e}", path.display())))
}

fn read_rubric(file: &str, lang: Lang) -> Result<Rubric, Fail> {
    let t = lang.texts();
    let bytes = match read_limited(Path::new(file), rubric::MAX_RUBRIC_BYTES)? {
        Ok(b) => b,
        Err(len) => {
            outln!("{}", t.cli_file_too_large(file, rubric::MAX_RUBRIC_BYTES, len));
            return Err(Fail::Problems);
        }
    };
    rubric::load(&bytes).map_err(|problems| {
        for p in &problems {
            outln!("{file}: {}: {} [{}]", p.display_path(), p.message(lang), p.code);
        }
        outln!("{}", t.cli_problems_found(problems.len(), file));
        Fail::Problems
    })
}

/// The rubric in `file`, or the built-in one.
fn rubric_for(file: Option<&str>, lang: Lang) -> Result<Rubric, Fail> {
    match file {
        Some(f) => read_rubric(f, lang),
        None => Ok(rubric::builtin().clone()),
    }
}

fn show(r: &Rubric, lang: Lang) {
    let t = lang.texts();
    let f = &r.file;
    outln!("{} [{}]", f.title.get(lang), f.id);
    outln!("{}", t.cli_show_status(f.edition, &r.sha256, format!("{:?}", f.status)));
    outln!("{}", t.cli_show_period(&f.period.end, r.period_months, &f.period.start));
    outln!("{}", t.cli_show_final_score(f.final_score.data_weight, f.final_score.jury_weight));
    for c in &f.categories {
        outln!("\n{}", t.cli_show_category(c.eligible.join(", "), &c.id, c.label.get(lang), c.winners));
        for i in &c.inputs {
            let limits = match (i.min, i.max) {
                (Some(a), Some(b)) => format!(" {}–{}", fmt::number(a, lang, None), fmt::number(b, lang, None)),
                _ => String::new(),
            };
            let id = format!("{:<26}", i.id);
            outln!("  {}", t.cli_show_input(id, format!("{:?}", i.kind), i.label.get(lang), limits));
        }
        for ind in &c.indicators {
            let (id, weight, value) =
                (format!("{:<4}", ind.id), format!("{:>5}", ind.weight), format!("{:<45}", ind.value));
            outln!("  {}", t.cli_show_indicator(id, ind.label.get(lang), value, weight));
        }
        for ch in &c.checks {
            outln!("  {}", t.cli_show_check(&ch.rule));
        }
    }
}

fn cmd_example(args: &ExampleArgs) -> Outcome {
    let t = args.agency_type.id();
    let r = rubric::builtin();
    let s = example::example(r, t).expect("the built-in rubric has every type --type accepts");
    let text = submission::write(r, &s, example::EXAMPLE_EXPORTED_AT);
    match args.out.as_deref() {
        Some(out) if out != "-" => fs::write(out, text).map_err(|e| Fail::Usage(format!("{out}: {e}")))?,
        _ => outp!("{text}"),
    }
    Ok(true)
}

fn load_files(paths: &[String], recursive: bool, lang: Lang) -> Result<Vec<(String, PathBuf)>, Fail> {
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
            return Err(Fail::Usage(lang.texts().cli_no_such_path(p)));
        }
    }
    Ok(out)
}

fn collect_json(base: &Path, dir: &Path, recursive: bool, out: &mut Vec<(String, PathBuf)>) -> Result<(), Fail> {
    let entries = fs::read_dir(dir).map_err(|e| Fail::Usage(format!("{}: {e}", dir.display())))?;
    for e in entries.flatten() {
        let p = e.path();
        // The entry's type comes with the listing; only a link needs a look at its target.
        let kind = e.file_type();
        if kind.as_ref().is_ok_and(|t| t.is_dir()) || (kind.as_ref().is_ok_and(|t| t.is_symlink()) && p.is_dir()) {
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
    use std::io::Read as _;
    // Opened once: its size is checked on the open file, then it is read.
    let read = fs::File::open(path).and_then(|mut f| {
        let len = f.metadata()?.len();
        if len > submission::MAX_BYTES as u64 {
            return Ok(Err(len));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        f.read_to_end(&mut bytes)?;
        Ok(Ok(bytes))
    });
    match read {
        Err(e) => import::unreadable(name, &e.to_string()),
        Ok(Err(len)) => import::too_large(name, len),
        Ok(Ok(bytes)) => import::assess(r, name, &bytes),
    }
}

/// Reads and assesses every file, on all cores (each file is independent; the order of the
/// result is the order given).
/// What of each file is kept after it is assessed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Everything (feedback files carry the whole submission).
    All,
    /// What ranking and applying a review need ([`FileReport::lighten`] keeping the figures).
    Figures,
    /// What ranking needs.
    Ranking,
}

fn assess_all(r: &Rubric, files: &[(String, PathBuf)], keep: Keep) -> Result<Vec<FileReport>, Fail> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 16);
    // Each thread takes the next file as it finishes one, so a slow file (a big one, a broken
    // one) holds up no other thread's share.
    let next = AtomicUsize::new(0);
    let one = |i: usize| {
        let (n, p) = &files[i];
        let mut f = assess_one(r, n, p);
        if keep != Keep::All {
            f.lighten(keep == Keep::Figures);
        }
        f
    };
    let mut done: Vec<(usize, FileReport)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= files.len() {
                            break mine;
                        }
                        mine.push((i, one(i)));
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("assessing a file never panics")).collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, f)| f).collect())
}

/// A file's reasons in a batch report: one line per kind, with its count and categories
/// (`--json` keeps every reason).
fn print_reason_groups(out: &mut dyn Write, r: &Rubric, f: &FileReport, lang: Lang) {
    for g in import::group_reasons(r, &f.reasons, lang) {
        let _ = writeln!(out, "    - [{}] {}", g.code, g.headline);
    }
}

/// Every reason of a file, with its JSON path (`ampk score`, one file at a time).
fn print_reasons(out: &mut dyn Write, f: &FileReport, lang: Lang) {
    for p in &f.reasons {
        let path = if p.path.is_empty() { String::new() } else { format!("{}: ", p.path) };
        let _ = writeln!(out, "    - [{}] {path}{}", p.code, p.message(lang));
    }
}

fn cmd_score(args: &ScoreArgs, lang: Lang) -> Outcome {
    let r = rubric_for(args.rubric.as_deref(), lang)?;
    let list = load_files(&args.files, false, lang)?;
    let reports = assess_all(&r, &list, Keep::Ranking)?;
    let mut all_ok = true;
    let mut json_files = Vec::new();
    for f in &reports {
        all_ok &= f.status != Status::Rejected;
        let cards = f.checked.as_ref().map(|c| c.cards.as_slice()).unwrap_or_default();
        if args.json {
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
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&json_files).expect("json"));
    }
    Ok(all_ok)
}

fn cmd_rank(args: &RankArgs, lang: Lang) -> Outcome {
    let t = lang.texts();
    let sep = match args.csv_sep {
        CsvSep::Semicolon => b';',
        CsvSep::Comma => b',',
    };
    let r = rubric_for(args.rubric.as_deref(), lang)?;
    let list = load_files(&args.paths, args.recursive, lang)?;
    let mut ok = true;
    let jury: JuryMarks = match args.jury.as_deref() {
        None => JuryMarks::new(),
        Some(j) => {
            let bytes = match read_limited(Path::new(j), submission::MAX_BYTES)? {
                Ok(b) => b,
                Err(len) => return Err(Fail::Usage(t.cli_jury_too_large(j, len))),
            };
            let (marks, problems) = export::parse_jury_csv(&r, &bytes);
            for p in &problems {
                eprintln!("{j}: {}: {} [{}]", p.path, p.message(lang), p.code);
            }
            ok &= problems.is_empty();
            marks
        }
    };
    let keep = if args.review.is_some() { Keep::Figures } else { Keep::Ranking };
    let report = import::resolve(&r, assess_all(&r, &list, keep)?, &jury);
    ok &= report.files.iter().all(|f| f.status != Status::Rejected);
    let reviewed = match args.review.as_deref() {
        None => None,
        Some(file) => Some(read_review(file, &r, &report, lang)?),
    };
    let verified = reviewed.as_ref().map(|rv| review::apply(&r, &report, rv));
    let json_to_stdout = args.json.as_deref() == Some("-");
    // The JSON report is written while the human-readable one is printed (they read the same
    // report and go to different streams).
    std::thread::scope(|s| {
        let json = args.json.as_deref().map(|target| {
            let (r, report, verified) = (&r, &report, verified.as_ref());
            s.spawn(move || write_json(target, r, report, verified, lang))
        });
        // Buffered: a batch's report has a line per file and reason kind.
        let mut out: Box<dyn Write> = if json_to_stdout {
            Box::new(std::io::BufWriter::new(std::io::stderr().lock()))
        } else {
            Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
        };
        print_report(&mut *out, &r, &report, lang);
        if let (Some(rv), Some(v)) = (&reviewed, &verified) {
            print_review(&mut *out, &r, &report, rv, v, lang);
        }
        drop(out);
        json.map_or(Ok(true), |h| h.join().expect("writing the report never panics"))
    })?;
    // With a review, the exports carry it as Rekap's do: the review state and both data scores
    // per row, and in the workbook the review, corrections and audit sheets.
    if let Some(out) = args.csv.as_deref() {
        fs::write(out, review::ranking_csv(&r, &report, verified.as_ref(), sep, lang))
            .map_err(|e| Fail::Usage(format!("{out}: {e}")))?;
    }
    if let Some(out) = args.xlsx.as_deref() {
        let with = reviewed.as_ref().zip(verified.as_ref());
        let bytes = ampk_xlsx::reviewed_xlsx(&r, &report, with, lang, now_stamp())
            .map_err(|e| Fail::Usage(t.cli_workbook_failed(e, out)))?;
        fs::write(out, bytes).map_err(|e| Fail::Usage(format!("{out}: {e}")))?;
    }
    if let (Some(out), Some(rv)) = (args.audit.as_deref(), &reviewed) {
        fs::write(out, review::audit_csv(&rv.audit, lang)).map_err(|e| Fail::Usage(format!("{out}: {e}")))?;
    }
    // The process ends next: freeing a batch of thousands of files one allocation at a time
    // would only delay the exit.
    std::mem::forget(report);
    Ok(ok)
}

/// Writes the JSON report of `ampk rank` to `target` (`-`: standard output).
fn write_json(target: &str, r: &Rubric, report: &ImportReport, verified: Option<&Verified>, lang: Lang) -> Outcome {
    let t = lang.texts();
    let to_stdout = target == "-";
    let failed = |e: std::io::Error| match e.kind() {
        // The reader went away (`ampk rank … --json - | head`): stop quietly, as `emit` does.
        std::io::ErrorKind::BrokenPipe if to_stdout => std::process::exit(0),
        _ if to_stdout => Fail::Usage(t.cli_stdout_failed(e)),
        _ => Fail::Usage(format!("{target}: {e}")),
    };
    const BUFFER: usize = 1 << 20;
    let mut out: Box<dyn Write> = if to_stdout {
        Box::new(std::io::BufWriter::with_capacity(BUFFER, std::io::stdout().lock()))
    } else {
        Box::new(std::io::BufWriter::with_capacity(BUFFER, fs::File::create(target).map_err(failed)?))
    };
    match verified {
        // The review's report adds members to the import's: it is built as a document.
        Some(v) => {
            let value = review::report_json(r, report, v, lang);
            serde_json::to_writer_pretty(&mut out, &value).map_err(std::io::Error::other).map_err(failed)?;
            out.write_all(b"\n").map_err(failed)?;
        }
        // A batch's report is written as it is made: it can be tens of megabytes.
        None => import::write_report_json(&mut out, r, report, lang).map_err(failed)?,
    }
    out.flush().map_err(failed)?;
    Ok(true)
}

/// Writes the feedback files of a review into a folder.
fn cmd_feedback(args: &FeedbackArgs, lang: Lang) -> Outcome {
    let t = lang.texts();
    let r = rubric_for(args.rubric.as_deref(), lang)?;
    let list = load_files(&args.paths, args.recursive, lang)?;
    // Feedback files carry the whole submission: nothing is dropped.
    let report = import::resolve(&r, assess_all(&r, &list, Keep::All)?, &JuryMarks::new());
    let rv = read_review(&args.review, &r, &report, lang)?;
    let verified = review::apply(&r, &report, &rv);
    let (y, mo, d, h, mi, sec) = now_stamp();
    let issued_at = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{sec:02}Z");
    let files = feedback::build_all(&r, &report, &rv, &verified, &issued_at);
    let dir = Path::new(&args.out);
    fs::create_dir_all(dir).map_err(|e| Fail::Usage(format!("{}: {e}", args.out)))?;
    for (name, f) in &files {
        let path = dir.join(name);
        fs::write(&path, feedback::write(f)).map_err(|e| Fail::Usage(format!("{}: {e}", path.display())))?;
        outln!("{}", t.cli_feedback_written(&f.agency, path.display(), f.state.label(lang)));
    }
    outln!("{}", t.cli_feedback_count(files.len(), &args.out));
    Ok(report.files.iter().all(|f| f.status != Status::Rejected))
}

/// A ranking row's final score, when it has one, as printed after its data score.
fn final_suffix(score: Option<f64>, lang: Lang) -> String {
    score.map(|x| format!("  {}", lang.texts().cli_ranking_final_score(fmt::score(x, lang)))).unwrap_or_default()
}

/// Reads a review file and checks it against the import: every problem printed on standard
/// error with its JSON path, and nothing applied (exit 1).
fn read_review(file: &str, r: &Rubric, report: &ImportReport, lang: Lang) -> Result<ReviewFile, Fail> {
    let t = lang.texts();
    let bytes = match read_limited(Path::new(file), review::MAX_BYTES)? {
        Ok(b) => b,
        Err(len) => return Err(Fail::Usage(t.cli_file_too_large(file, review::MAX_BYTES, len))),
    };
    let problems = match review::read(&bytes) {
        Ok(rv) => {
            let problems = review::check(r, report, &rv);
            if problems.is_empty() {
                return Ok(rv);
            }
            problems
        }
        Err(problems) => problems,
    };
    for p in &problems {
        eprintln!("{file}: {}: {} [{}]", p.display_path(), p.message(lang), p.code);
    }
    eprintln!("{}", t.cli_review_problems(problems.len(), file));
    Err(Fail::Problems)
}

/// The review states and the rankings by verified data score.
fn print_review(out: &mut dyn Write, r: &Rubric, report: &ImportReport, rv: &ReviewFile, v: &Verified, lang: Lang) {
    let t = lang.texts();
    let _ = writeln!(out, "\n{}", t.cli_review_heading(rv.reviews.len()));
    for s in &rv.reviews {
        let f = report.files.iter().find(|f| f.submission_id() == Some(s.submission_id.as_str()));
        let (file, agency) = f.map_or(("?", "?"), |f| (f.file.as_str(), f.agency().unwrap_or("?")));
        let _ = writeln!(out, "  {}", t.cli_review_state(agency, file, s.state.label(lang)));
        if let Some(reason) = &s.reason {
            let _ = writeln!(out, "    {reason}");
        }
    }
    for c in &v.categories {
        let def = &r.file.categories[c.category];
        let _ = writeln!(out, "\n{}", t.cli_verified_heading(&def.id, def.label.get(lang)));
        if c.rows.is_empty() {
            let _ = writeln!(out, "  {}", t.cli_no_accepted_submissions());
        }
        for row in &c.rows {
            let card = &c.cards[row.card];
            let f = &report.files[card.file];
            let final_s = final_suffix(row.final_score, lang);
            let _ = writeln!(
                out,
                "  {} {:>3}. {:<40} {}{final_s}  [{}]  ({})",
                if row.winner { "★" } else { " " },
                row.rank,
                f.agency().unwrap_or("?"),
                t.cli_verified_row(fmt::score(card.reported.rounded(), lang), fmt::score(row.verified_score, lang)),
                card.state.label(lang),
                f.file
            );
            let changed: Vec<String> = card
                .differences(r)
                .filter(|(_, d)| *d != 0.0)
                .map(|(id, d)| format!("{id} {}{}", if d > 0.0 { "+" } else { "" }, fmt::score(d, lang)))
                .collect();
            if !changed.is_empty() {
                let _ = writeln!(out, "         {}", t.cli_verified_differences(changed.join(" · ")));
            }
        }
        for card in c.cards.iter().filter(|k| k.state == ReviewState::Rejected) {
            let _ = writeln!(out, "  {}", t.cli_review_excluded(report.files[card.file].agency().unwrap_or("?")));
        }
    }
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
    let t = lang.texts();
    let _ = writeln!(out, "{}", t.cli_file_status_heading(report.files.len()));
    for f in &report.files {
        let _ = writeln!(out, "  {:<24} {:<40} {}", f.status.label(lang), f.file, f.agency().unwrap_or("–"));
        print_reason_groups(out, r, f, lang);
    }
    for (cat, agency) in &report.unmatched_jury {
        let _ = writeln!(out, "  {}", t.cli_unmatched_jury(agency, cat));
    }
    for c in &report.categories {
        let def = &r.file.categories[c.category];
        let by = if c.by_final { t.cli_ranked_by_final() } else { t.cli_ranked_by_data() };
        let _ = writeln!(out, "\n{}", t.cli_ranking_heading(by, &def.id, def.label.get(lang), def.winners));
        if c.rows.is_empty() {
            let _ = writeln!(out, "  {}", t.cli_no_accepted_submissions());
        }
        for row in &c.rows {
            let f = &report.files[row.file];
            let card = &f.checked.as_ref().expect("ranked files are checked").cards[row.card];
            let final_s = final_suffix(row.final_score, lang);
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
