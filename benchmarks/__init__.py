"""kiemtra's benchmarks: each module measures a workload next to its baseline in the same run."""
