/**
 * Time-tagged commands, as PUS service 11: a command inserted now, with its arguments checked
 * now, executed at a mission time, kept on disk so it survives a restart.
 */
package io.sunsync.flight.cmd.timetag;
