/**
 * Stored command sequences with relative delays (cFS relative time sequences), started by a
 * ground command or by an on-board event (PUS service 19 event-action); definitions and
 * event bindings are kept on disk.
 */
package io.sunsync.flight.cmd.sequence;
