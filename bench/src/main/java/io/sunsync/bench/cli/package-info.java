/**
 * The command-line options the benchmarks and campaigns share, as picocli mixins ({@code @Mixin}):
 * {@link io.sunsync.bench.cli.OutFile} and {@link io.sunsync.bench.cli.OutFolder} ({@code --out}),
 * {@link io.sunsync.bench.cli.Quick} ({@code --quick}), {@link io.sunsync.bench.cli.Seed}
 * ({@code --seed}), {@link io.sunsync.bench.cli.ScenarioDir} ({@code --scenario-dir}) and
 * {@link io.sunsync.bench.cli.ScratchDir} ({@code --dir}); and {@link io.sunsync.bench.cli.BenchCommand},
 * which runs every main's command the same way (an unknown option is an error, exit code 2).
 */
package io.sunsync.bench.cli;
