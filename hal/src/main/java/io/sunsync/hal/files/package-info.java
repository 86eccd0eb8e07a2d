/**
 * File-system and digest primitives every main module shares, defined once: deleting a file tree
 * ({@link io.sunsync.hal.files.FileTrees}) and SHA-256 of bytes or a file
 * ({@link io.sunsync.hal.files.Sha256}). Tests use testkit's {@code TestFiles} and {@code Digests}.
 */
package io.sunsync.hal.files;
