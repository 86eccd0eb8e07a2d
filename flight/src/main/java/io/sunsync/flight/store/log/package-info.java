/**
 * One append-only log for every on-board file that is written by appending records and read back
 * after a crash: the job journal and its snapshot ({@code jobs.journal}), the outbox's segment
 * files ({@code link.outbox}) and the forecast files ({@code orbit.ForecastStore}).
 *
 * <p>A file is an optional header, then frames: magic, payload length, CRC-32C, payload
 * ({@link io.sunsync.flight.store.log.LogFormat}, one instance per kind of file, so each keeps its
 * own magic and header and the files written before this package existed read unchanged).
 * {@link io.sunsync.flight.store.log.LogFile} creates, appends to, forces, reads from and cuts back
 * a file; {@link io.sunsync.flight.store.log.LogScan} reads a whole file back into its good
 * {@link io.sunsync.flight.store.log.Frame frames} and one {@link io.sunsync.flight.store.log.Damage}
 * report per stretch it could not use (a torn tail, a corrupt stretch, a bad header). Decoding a
 * payload is the owner's business. The package depends on nothing else in sunsync.
 */
package io.sunsync.flight.store.log;
