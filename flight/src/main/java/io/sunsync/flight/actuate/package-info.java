/**
 * Actuation: every command flight sends to accelerator boards goes through one
 * {@link io.sunsync.flight.actuate.BoardActuator} per backend, which sends commands to many boards
 * concurrently on a bounded pool (one lane per board, so a board never sees two commands at once),
 * gives each a time limit, never holds its caller past a budget, measures each command's latency
 * and sheds every board to its safe state on the fast path ({@code shedAll}).
 */
package io.sunsync.flight.actuate;
