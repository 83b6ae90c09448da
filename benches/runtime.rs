//! Run-time cost of generated code against hand-written baselines measured in
//! the same run: decoding, building options, verifying and decrypting, and
//! versions. `BENCHMARKS.md` has the results and how to reproduce them; the
//! `instructions` bench counts instructions for the same workloads.

#![allow(missing_docs, unreachable_pub, clippy::unwrap_used)] // a benchmark binary: criterion generates undocumented items

mod workloads;

use criterion::{Criterion, criterion_group, criterion_main};

fn measure(c: &mut Criterion) {
    let all = workloads::all();
    let mut groups: Vec<&str> = all.iter().map(|w| w.group).collect();
    groups.dedup();
    for name in groups {
        let mut group = c.benchmark_group(name);
        for workload in all.iter().filter(|w| w.group == name) {
            if workload.group == "crypto" {
                std::sync::LazyLock::force(&workloads::SEALED);
            }
            group.bench_function(workload.name, |b| b.iter(workload.run));
        }
        group.finish();
    }
}

criterion_group!(benches, measure);
criterion_main!(benches);
