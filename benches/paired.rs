//! Wall-clock ratios of generated decoders to their hand-written baselines,
//! measured interleaved.
//!
//! Criterion measures one workload after another, so on a shared machine a
//! slow minute lands on one side of a comparison and the ratio says more
//! about the neighbours than about the code. Here the two sides alternate in
//! short rounds (which goes first alternates too), each round gives one
//! ratio, and the median of the rounds is reported with its quartiles. Slow
//! drifts hit both sides of a round alike and cancel.
//!
//! ```sh
//! cargo bench --bench paired
//! ```

#![allow(missing_docs, unreachable_pub, clippy::unwrap_used)] // a benchmark binary

mod workloads;

use std::time::{Duration, Instant};

use workloads::{RATIO_TARGETS, Workload};

/// Rounds per pair; each gives one ratio.
const ROUNDS: usize = 301;
/// How long one side of a round runs, roughly.
const SIDE: Duration = Duration::from_millis(2);

fn main() {
    let all = workloads::all();
    let find = |id: &str| {
        all.iter()
            .find(|w| format!("{}/{}", w.group, w.name) == id)
            .unwrap_or_else(|| unreachable!("RATIO_TARGETS names workload {id}"))
    };
    println!(
        "{:<60} {:>8} {:>8} {:>8} {:>10}",
        "measured / baseline", "q1", "median", "q3", "target"
    );
    for target in RATIO_TARGETS {
        let (measured, baseline) = (find(target.measured), find(target.baseline));
        let iterations = calibrate(measured);
        let mut ratios: Vec<f64> = (0..ROUNDS)
            .map(|round| {
                let (a, b) = if round % 2 == 0 {
                    let a = time(measured, iterations);
                    (a, time(baseline, iterations))
                } else {
                    let b = time(baseline, iterations);
                    (time(measured, iterations), b)
                };
                a.as_secs_f64() / b.as_secs_f64()
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        let quantile = |q: f64| {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let index = ((ratios.len() - 1) as f64 * q).round() as usize;
            ratios[index]
        };
        let median = quantile(0.5);
        println!(
            "{:<60} {:>7.3}x {:>7.3}x {:>7.3}x {:>10}",
            format!(
                "{} / {}",
                target.measured.trim_start_matches("decode/"),
                target.baseline.trim_start_matches("decode/")
            ),
            quantile(0.25),
            median,
            quantile(0.75),
            target
                .ratio
                .map_or_else(|| "-".to_owned(), |limit| format!("<= {limit:.2}x")),
        );
    }
}

/// How many iterations of `workload` take about [`SIDE`].
fn calibrate(workload: &Workload) -> u32 {
    let mut iterations = 1;
    while time(workload, iterations) < SIDE && iterations < 1 << 24 {
        iterations *= 2;
    }
    iterations
}

fn time(workload: &Workload, iterations: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..iterations {
        (workload.run)();
    }
    start.elapsed()
}
