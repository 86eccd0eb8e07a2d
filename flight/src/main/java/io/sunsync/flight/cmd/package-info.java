/**
 * Telecommanding, as PUS services 1, 11 and 19 and cFS stored command sequences do it: the
 * {@link io.sunsync.flight.cmd.CommandRegistry} where each component registers its commands
 * ({@link io.sunsync.flight.cmd.CommandSpec}: name, typed arguments with ranges, modes, critical
 * flag, handler), the {@link io.sunsync.flight.cmd.CommandDispatcher} that authenticates and
 * checks every telecommand received on {@code sunsync/{sat}/tc}, arm-then-execute for critical
 * commands ({@link io.sunsync.flight.cmd.ArmTokens}), the
 * {@link io.sunsync.flight.cmd.CommandExecutor} that runs them, and the verification reports
 * ({@link io.sunsync.flight.cmd.VerificationReport}) every command gets. The wire format is
 * {@code docs/icd/commanding.md}.
 */
package io.sunsync.flight.cmd;
