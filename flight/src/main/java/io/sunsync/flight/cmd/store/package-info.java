/** Small state files that must survive a power cut: written to a temporary file, fsynced, renamed into place. */
package io.sunsync.flight.cmd.store;
