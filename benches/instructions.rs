//! Instruction counts of the `runtime` bench's workloads, under callgrind.
//!
//! Wall-clock time on a shared machine moves by ±20 % between runs; the
//! number of instructions an operation executes does not. This binary runs
//! itself under `valgrind --tool=callgrind` once with zero and once with `N`
//! repetitions of each workload, takes the difference per repetition (so
//! start-up and set-up cancel out), prints the table and checks the decoding
//! ratio targets, exiting with 1 when one is missed.
//!
//! ```sh
//! cargo bench --bench instructions            # every workload
//! cargo bench --bench instructions -- decode  # those whose id contains `decode`
//! ```

#![allow(missing_docs, unreachable_pub, clippy::unwrap_used)] // a benchmark binary

mod workloads;

use std::collections::BTreeMap;
use std::process::{Command, ExitCode};

use workloads::{RATIO_TARGETS, Workload};

/// Repetitions per measured run: enough that the per-repetition count is
/// stable to well under one instruction, few enough for seconds per workload.
const REPETITIONS: u64 = 2_000;

fn id(workload: &Workload) -> String {
    format!("{}/{}", workload.group, workload.name)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, id, count] = args.as_slice() {
        if mode == "run" {
            return run_child(id, count);
        }
    }
    // cargo passes `--bench`; anything else is a filter on workload ids.
    let filter = args.iter().find(|arg| !arg.starts_with("--"));
    measure_all(filter.map(String::as_str))
}

/// The measured process: `count` repetitions of one workload.
fn run_child(id: &str, count: &str) -> ExitCode {
    let Ok(count) = count.parse::<u64>() else {
        eprintln!("instructions: `{count}` is not a repetition count");
        return ExitCode::from(2);
    };
    let Some(workload) = workloads::all().into_iter().find(|w| self::id(w) == id) else {
        eprintln!("instructions: no workload `{id}`");
        return ExitCode::from(2);
    };
    // Set-up and the first-call costs (lazy statics, allocator warm-up) are
    // paid in both the zero and the N run, so they cancel out.
    std::sync::LazyLock::force(&workloads::SEALED);
    (workload.run)();
    for _ in 0..count {
        (workload.run)();
    }
    ExitCode::SUCCESS
}

fn measure_all(filter: Option<&str>) -> ExitCode {
    if Command::new("valgrind").arg("--version").output().is_err() {
        eprintln!(
            "instructions: valgrind is not installed (Debian: `apt-get install valgrind`); nothing measured"
        );
        return ExitCode::SUCCESS;
    }
    let Ok(me) = std::env::current_exe() else {
        eprintln!("instructions: cannot find this executable to run it under callgrind");
        return ExitCode::FAILURE;
    };
    let mut counts = BTreeMap::new();
    println!("{:<78} {:>12}", "workload", "instructions");
    for workload in workloads::all() {
        let id = id(&workload);
        if filter.is_some_and(|f| !id.contains(f)) {
            continue;
        }
        let (zero, many) = match (collected(&me, &id, 0), collected(&me, &id, REPETITIONS)) {
            (Ok(zero), Ok(many)) => (zero, many),
            (Err(error), _) | (_, Err(error)) => {
                eprintln!("instructions: {id}: {error}");
                return ExitCode::FAILURE;
            }
        };
        #[allow(clippy::cast_precision_loss)] // counts are far below 2^52
        let per_op = many.saturating_sub(zero) as f64 / REPETITIONS as f64;
        println!("{id:<78} {per_op:>12.1}");
        counts.insert(id, per_op);
    }
    let mut missed = 0;
    for target in RATIO_TARGETS {
        let (Some(measured), Some(baseline)) =
            (counts.get(target.measured), counts.get(target.baseline))
        else {
            continue;
        };
        let ratio = measured / baseline;
        let verdict = match target.ratio {
            None => "(no target)".to_owned(),
            Some(limit) if ratio <= limit => format!("(target <= {limit:.2}x) ok"),
            Some(limit) => {
                missed += 1;
                format!("(target <= {limit:.2}x) MISSED")
            }
        };
        println!(
            "{} / {}: {ratio:.3}x {verdict}",
            target.measured, target.baseline
        );
    }
    if missed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Instructions callgrind collected over a whole run of `id` repeated `count` times.
fn collected(me: &std::path::Path, id: &str, count: u64) -> Result<u64, String> {
    let output = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--dump-instr=no",
        ])
        .arg(me)
        .args(["run", id, &count.to_string()])
        .output()
        .map_err(|error| format!("could not start valgrind: {error}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("the run failed ({}):\n{stderr}", output.status));
    }
    stderr
        .lines()
        .find_map(|line| line.split_once("Collected :").map(|(_, n)| n.trim()))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("callgrind reported no `Collected` line:\n{stderr}"))
}
