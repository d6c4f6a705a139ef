package dev.eddy.job;

import java.util.List;

/** What Flink said it would run for a job: the plan (EXPLAIN) and the tables it reads and writes. */
public record JobPlan(String plan, List<String> reads, List<String> writes) {}
