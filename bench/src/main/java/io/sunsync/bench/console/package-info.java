/**
 * The web console under a fleet's load in headless Chromium pages
 * ({@link io.sunsync.bench.console.ConsoleBench}, {@code ./sunsync bench console}).
 */
package io.sunsync.bench.console;
