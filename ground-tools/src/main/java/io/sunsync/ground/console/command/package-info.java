/**
 * Commanding from the browser, signed on the server: commands are checked against the
 * satellite's dictionary before anything is sent, signed with the operator profile's key (keys
 * never leave the server), sent one satellite at a time on a line of its own, and followed to
 * their final verification report; critical commands go arm, explicit confirmation, execute.
 * Every report seen on the link (the console's own commands and anyone else's) goes into the
 * shared command history, and every command into the audit log.
 */
package io.sunsync.ground.console.command;
