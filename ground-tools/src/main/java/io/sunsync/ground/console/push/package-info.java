/**
 * Pushing live data to browsers with backpressure: every browser has its own bounded queue
 * ({@link io.sunsync.ground.console.push.ClientFeed}) in which a newer value replaces the one
 * still waiting under the same key, so a slow or stalled browser gets the latest values, its
 * drops are counted and shown to it, and nothing it does slows ingest or other browsers; each
 * queue is written by its own request thread as server-sent events
 * ({@link io.sunsync.ground.console.push.EventStream}).
 */
package io.sunsync.ground.console.push;
