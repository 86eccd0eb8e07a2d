/**
 * Flight modes (nominal, power-save, safe), their entry and exit conditions, the commands each
 * allows, and what each lets the throttler do. See {@code docs/fdir.md}.
 */
package io.sunsync.flight.mode;
