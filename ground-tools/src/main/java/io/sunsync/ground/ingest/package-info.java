/**
 * Ingest: what every received frame goes through before it is stored
 * ({@link io.sunsync.ground.ingest.FrameCheck}, the one place frames are judged), and the batch
 * loop that stores and only then acknowledges ({@link io.sunsync.ground.ingest.IngestLoop}).
 */
package io.sunsync.ground.ingest;
